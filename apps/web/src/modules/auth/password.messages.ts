import { defineMessages } from '../../shared/i18n/i18n.tsx';

/** Texts about passwords, shared by registration, sign-in and the security settings. */
export const passwordMessages = defineMessages({
  de: {
    show: 'Passwort anzeigen',
    tooShort: 'Das Passwort braucht mindestens 10 Zeichen.',
    tooLong: 'Das Passwort darf höchstens 256 Zeichen haben.',
    common: 'Dieses Passwort gehört zu den 10.000 häufigsten und ist leicht zu erraten. Nimm bitte ein anderes – zum Beispiel ein paar Wörter hintereinander.',
    sameAsName: 'Das Passwort darf nicht dein Benutzername oder deine E-Mail-Adresse sein.',
  },
  en: {
    show: 'Show password',
    tooShort: 'The password needs at least 10 characters.',
    tooLong: 'The password may have at most 256 characters.',
    common: 'This password is one of the 10,000 most common ones and easy to guess. Please choose another – for example a few words in a row.',
    sameAsName: 'The password must not be your username or e-mail address.',
  },
});

export const PASSWORD_MIN_LENGTH = 10;

type PasswordTexts = (typeof passwordMessages)['de'];

/** The server's sentence about a refused password (users.models.ts) in the user's language; unknown ones as they are. */
export function passwordProblemText(problem: string, t: PasswordTexts): string {
  if (/at least/i.test(problem)) return t.tooShort;
  if (/at most/i.test(problem)) return t.tooLong;
  if (/most common/i.test(problem)) return t.common;
  if (/username or e-mail/i.test(problem)) return t.sameAsName;
  return problem;
}

/** What is wrong with a new password before asking the server (only its length; the server knows the rest). */
export function localPasswordProblem(password: string, t: PasswordTexts): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return t.tooShort;
  if (length > 256) return t.tooLong;
  return undefined;
}
