/**
 * Copies a text to the clipboard and says so in the toast region. Falls back to a hidden text area
 * where the Clipboard API is missing (plain http on a home network); if that fails too, it says how
 * to copy by hand. Generic: a candidate for shared/ui.
 */
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Button, type ButtonProps } from '../../shared/ui/Button.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { securityMessages } from './security.messages.ts';

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, not a secure context): try the old way.
  }
  try {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = typeof document.execCommand === 'function' && document.execCommand('copy');
    area.remove();
    return copied;
  } catch {
    return false;
  }
}

export function CopyButton({ text, children, ...rest }: { text: string } & Omit<ButtonProps, 'onClick'>) {
  const t = useMessages(securityMessages).copy;
  const toast = useToast();
  return (
    <Button {...rest} onClick={() => void copyText(text).then((copied) => toast(copied ? t.done : t.failed))}>
      {children}
    </Button>
  );
}
