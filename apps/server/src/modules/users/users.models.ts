/** Password and profile rules, pure. */
import commonLanguage from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
export const COMMON_PASSWORD_COUNT = 10_000;

// The 10,000 most common passwords of the zxcvbn list (ordered by frequency), compared ignoring case.
const COMMON_PASSWORDS = new Set(commonLanguage.dictionary.passwords.slice(0, COMMON_PASSWORD_COUNT).map((password) => password.toLowerCase()));

/** What is wrong with a new password, or undefined when it may be used. */
export function passwordProblem(password: string, owner: { username?: string; email?: string } = {}): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `The password must have at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'The password is one of the 10,000 most common passwords; choose another.';
  if ((owner.username && lower === owner.username.toLowerCase()) || (owner.email && lower === owner.email.toLowerCase())) {
    return 'The password must not be your username or e-mail address.';
  }
  return undefined;
}

export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{2,49}$';
export const EMAIL_PATTERN = '^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]{2,}$';
