/**
 * Registration (/register), outside the Layout: username, e-mail, password, optional name. The
 * browser's time zone and the current language go along, and the invite token from ?invite=. On
 * success the new account is signed in right away (cookie session) and lands on Today.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError } from '../../shared/api/client.ts';
import { unwrap } from '../../shared/api/client.ts';
import type { paths } from '../../shared/api/schema.gen.ts';
import { useLanguage, useMessages } from '../../shared/i18n/i18n.tsx';
import { useSetMe } from '../../shared/session/session.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { TextField } from '../../shared/ui/Field.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { authMessages } from './auth.messages.ts';
import { localPasswordProblem, passwordMessages, passwordProblemText } from './password.messages.ts';
import { PasswordField } from './PasswordField.tsx';

type RegisterBody = paths['/api/v1/auth/register']['post']['requestBody']['content']['application/json'];

// The server's rules (users.models.ts), checked here first so the message comes in the user's language.
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,49}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

type Field = 'username' | 'email' | 'password' | 'full_name';
const FIELD_ORDER: Field[] = ['username', 'email', 'password', 'full_name'];
const fieldId = (field: Field) => `register-${field.replace('_', '-')}`;

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export function RegisterScreen() {
  const t = useMessages(authMessages).register;
  const tp = useMessages(passwordMessages);
  const { language } = useLanguage();
  const api = useApi();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const [params] = useSearchParams();
  const invite = params.get('invite') ?? undefined;

  const [values, setValues] = useState<Record<Field, string>>({ username: '', email: '', password: '', full_name: '' });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [focusTarget, setFocusTarget] = useState<{ field: Field } | undefined>();

  useEffect(() => {
    if (focusTarget) document.getElementById(fieldId(focusTarget.field))?.focus();
  }, [focusTarget]);

  const showProblems = (found: Partial<Record<Field, string>>) => {
    setProblems(found);
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) setFocusTarget({ field: first });
  };

  const register = useMutation({
    mutationFn: async (body: RegisterBody) => {
      await unwrap(api.POST('/api/v1/auth/register', { body }));
      try {
        return await unwrap(api.POST('/api/v1/auth/login', { body: { username: body.username, password: body.password, session_type: 'cookie' } }));
      } catch {
        return undefined; // The account exists; signing in can happen on the sign-in screen.
      }
    },
    onSuccess: (login) => {
      if (login?.user && !login.password_change_required) {
        setMe(login.user);
        void navigate('/', { replace: true });
      } else {
        void navigate('/login?registered=1', { replace: true });
      }
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const found: Partial<Record<Field, string>> = {};
      const byField = error.fieldProblems();
      if (byField.username) found.username = t.usernameInvalid;
      if (byField.email) found.email = t.emailInvalid;
      if (byField.password) found.password = passwordProblemText(byField.password, tp);
      if (error.code === 'users.invalid' && Object.keys(found).length === 0) {
        if (/username/i.test(error.message)) found.username = t.usernameInvalid;
        else if (/e-mail/i.test(error.message)) found.email = t.emailInvalid;
      }
      if (error.code === 'auth.invite_invalid' && /e-mail/i.test(error.message)) found.email = t.inviteOtherEmail;
      showProblems(found);
    },
  });

  const set = (field: Field) => (event: { target: { value: string } }) => setValues((before) => ({ ...before, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const username = values.username.trim();
    const email = values.email.trim();
    const found: Partial<Record<Field, string>> = {};
    if (!username) found.username = t.missingUsername;
    else if (!USERNAME.test(username)) found.username = t.usernameInvalid;
    if (!email) found.email = t.missingEmail;
    else if (!EMAIL.test(email)) found.email = t.emailInvalid;
    const passwordProblem = values.password ? localPasswordProblem(values.password, tp) : t.missingPassword;
    if (passwordProblem) found.password = passwordProblem;
    showProblems(found);
    if (Object.keys(found).length > 0) return;
    const fullName = values.full_name.trim();
    const timezone = browserTimeZone();
    register.mutate({
      username,
      email,
      password: values.password,
      language,
      ...(fullName ? { full_name: fullName.slice(0, 100) } : {}),
      ...(timezone ? { timezone } : {}),
      ...(invite ? { invite_token: invite } : {}),
    });
  };

  // Errors that sit under a field are not repeated in the message by the button.
  const error = register.error instanceof ApiError && Object.values(problems).some(Boolean) ? null : register.error;
  const known = {
    'users.already_exists': t.taken,
    'auth.registration_closed': t.closed,
    'auth.invite_invalid': t.inviteInvalid,
  };

  return (
    <AuthFrame title={t.title}>
      <p className={invite ? 'auth__note' : undefined}>{invite ? t.invited : t.intro}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          id={fieldId('username')}
          label={t.username}
          hint={t.usernameHint}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={50}
          required
          value={values.username}
          onChange={set('username')}
          error={problems.username}
        />
        <TextField
          id={fieldId('email')}
          label={t.email}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          maxLength={255}
          required
          value={values.email}
          onChange={set('email')}
          error={problems.email}
        />
        <PasswordField
          id={fieldId('password')}
          label={t.password}
          hint={t.passwordHint}
          name="new-password"
          autoComplete="new-password"
          required
          value={values.password}
          onChange={set('password')}
          error={problems.password}
        />
        <TextField
          id={fieldId('full_name')}
          label={t.fullName}
          hint={t.fullNameHint}
          name="name"
          autoComplete="name"
          maxLength={100}
          value={values.full_name}
          onChange={set('full_name')}
          error={problems.full_name}
        />
        <ErrorMessage error={error} known={known} />
        <Button type="submit" variant="primary" className="auth__submit" busy={register.isPending}>
          {t.submit}
        </Button>
      </form>
      <p className="auth__switch">
        {t.haveAccount} <Link to="/login">{t.toSignIn}</Link>
      </p>
    </AuthFrame>
  );
}
