import { useMessages } from '../../shared/i18n/i18n.tsx';
import { copyText } from '../../shared/ui/clipboard.ts';
import { todayMessages } from './today.messages.ts';

/**
 * Copies one value to the clipboard; `label` names what ("IBAN") for the accessible name and for the
 * confirmation, which the caller shows in its status region (`onResult`).
 */
export function CopyButton({ value, label, onResult }: { value: string; label: string; onResult: (message: string) => void }) {
  const t = useMessages(todayMessages);
  const copy = async () => {
    onResult((await copyText(value)) ? t.copied(label) : t.copyFailed);
  };
  return (
    <button type="button" className="button button--quiet copy-button" aria-label={t.copyLabel(label)} onClick={() => void copy()}>
      {t.copy}
    </button>
  );
}
