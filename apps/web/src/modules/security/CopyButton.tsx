/** Copies a text to the clipboard (shared/ui/clipboard.ts) and says so in the toast region. */
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Button, type ButtonProps } from '../../shared/ui/Button.tsx';
import { copyText } from '../../shared/ui/clipboard.ts';
import { useToast } from '../../shared/ui/Toast.tsx';
import { securityMessages } from './security.messages.ts';

export function CopyButton({ text, children, ...rest }: { text: string } & Omit<ButtonProps, 'onClick'>) {
  const t = useMessages(securityMessages).copy;
  const toast = useToast();
  return (
    <Button {...rest} onClick={() => void copyText(text).then((copied) => toast(copied ? t.done : t.failed))}>
      {children}
    </Button>
  );
}
