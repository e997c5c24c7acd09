/**
 * Short confirmations ("Erledigt") in a polite live region, with an optional undo. One at a time,
 * gone after a few seconds; nothing blinks.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { common } from '../i18n/common.messages.ts';
import { useMessages } from '../i18n/i18n.tsx';
import { Button } from './Button.tsx';

interface Toast {
  id: number;
  text: string;
  undo?: () => void;
}

const ToastContext = createContext<((text: string, undo?: () => void) => void) | undefined>(undefined);

export function ToastProvider({ children, durationMs = 6000 }: { children: ReactNode; durationMs?: number }) {
  const [toast, setToast] = useState<Toast | undefined>();
  const counter = useRef(0);
  const show = useCallback((text: string, undo?: () => void) => {
    counter.current += 1;
    setToast({ id: counter.current, text, ...(undo ? { undo } : {}) });
  }, []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast((current) => (current?.id === toast.id ? undefined : current)), durationMs);
    return () => clearTimeout(timer);
  }, [toast, durationMs]);
  const t = useMessages(common);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {toast ? (
          <div className="toast">
            <span>{toast.text}</span>
            {toast.undo ? (
              <Button
                variant="quiet"
                onClick={() => {
                  toast.undo?.();
                  setToast(undefined);
                }}
              >
                {t.undo}
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): (text: string, undo?: () => void) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast outside ToastProvider');
  return show;
}
