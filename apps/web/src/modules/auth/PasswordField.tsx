/**
 * A password input with a "show password" switch (typos are easier to spot), so nobody has to type
 * blind on a phone. Everything else is the shared TextField: label, hint, error under the field.
 */
import { useId, useState, type ComponentProps } from 'react';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { TextField } from '../../shared/ui/Field.tsx';
import { passwordMessages } from './password.messages.ts';
import './auth.css';

export function PasswordField({ id: givenId, ...props }: Omit<ComponentProps<typeof TextField>, 'type'>) {
  const t = useMessages(passwordMessages);
  const generated = useId();
  const id = givenId ?? generated;
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <TextField {...props} id={id} type={visible ? 'text' : 'password'} autoCapitalize="none" autoCorrect="off" spellCheck={false} />
      <label className="password-field__toggle">
        <input type="checkbox" checked={visible} onChange={(event) => setVisible(event.target.checked)} aria-controls={id} />
        <span>{t.show}</span>
      </label>
    </div>
  );
}
