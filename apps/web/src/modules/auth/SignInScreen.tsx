/**
 * Sign-in (/login), outside the Layout. One thing at a time: username and password; then, only for
 * accounts with two-factor authentication, the code from the app (or a recovery code); then, only
 * after a one-time password, the user's own password. Opens a cookie session and goes on to `next`.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError } from '../../shared/api/client.ts';
import { unwrap } from '../../shared/api/client.ts';
import type { paths } from '../../shared/api/schema.gen.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useMe, useSetMe, type Me } from '../../shared/session/session.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { TextField } from '../../shared/ui/Field.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { authMessages } from './auth.messages.ts';
import { safeNextPath } from './nextPath.ts';
import { localPasswordProblem, passwordMessages, passwordProblemText } from './password.messages.ts';
import { PasswordField } from './PasswordField.tsx';

type LoginBody = paths['/api/v1/auth/login']['post']['requestBody']['content']['application/json'];

type Step = { kind: 'credentials' } | { kind: 'second-factor'; method: 'totp' | 'recovery' } | { kind: 'new-password'; user: Me; knowsCurrent: boolean };

const TOTP = /^\d{6}$/;

/** Minutes until a throttled sign-in may try again, from the 429's details. */
function minutesToWait(error: unknown): number {
  const seconds = error instanceof ApiError ? (error.details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds : undefined;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : 15;
}

function focusField(id: string | undefined) {
  if (id) document.getElementById(id)?.focus();
}

export function SignInScreen() {
  const t = useMessages(authMessages);
  const api = useApi();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const { me } = useMe();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));

  const [step, setStep] = useState<Step>({ kind: 'credentials' });
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const finish = (user: Me) => {
    setMe(user);
    void navigate(next, { replace: true });
  };

  const signIn = useMutation({
    mutationFn: (body: LoginBody) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (result) => {
      if (!result.user) return void navigate(next, { replace: true });
      if (result.password_change_required) setStep({ kind: 'new-password', user: result.user, knowsCurrent: true });
      else finish(result.user);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'auth.totp_required') setStep({ kind: 'second-factor', method: 'totp' });
    },
  });

  // Already signed in (a cookie session from before): straight on, unless a one-time password still has to go.
  const current: Step = step.kind === 'credentials' && me?.password_change_required ? { kind: 'new-password', user: me, knowsCurrent: false } : step;
  if (me && !me.password_change_required && current.kind === 'credentials' && !signIn.isPending) return <Navigate to={next} replace />;

  const error = signIn.error instanceof ApiError && signIn.error.code === 'auth.totp_required' ? null : signIn.error;
  const known = {
    'auth.invalid_credentials': t.signIn.invalidCredentials,
    'auth.account_disabled': t.signIn.accountDisabled,
    'auth.too_many_attempts': t.signIn.tooManyAttempts(minutesToWait(error)),
  };

  const submitCredentials = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!login.trim()) problems['signin-login'] = t.signIn.missingLogin;
    if (!password) problems['signin-password'] = t.signIn.missingPassword;
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return focusField(Object.keys(problems)[0]);
    signIn.mutate({ username: login.trim(), password, session_type: 'cookie' });
  };

  return (
    <AuthFrame title={t.signIn.title}>
      {current.kind === 'credentials' ? (
        <>
          {params.get('registered') === '1' ? (
            <p className="auth__note" role="status">
              {t.signIn.registered}
            </p>
          ) : null}
          <form onSubmit={submitCredentials} noValidate>
            <TextField
              id="signin-login"
              label={t.signIn.login}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              required
              value={login}
              onChange={(event) => setLogin(event.target.value)}
              error={fieldErrors['signin-login']}
            />
            <PasswordField
              id="signin-password"
              label={t.signIn.password}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={fieldErrors['signin-password']}
            />
            <ErrorMessage error={error} known={known} />
            <Button type="submit" variant="primary" className="auth__submit" busy={signIn.isPending}>
              {t.signIn.submit}
            </Button>
          </form>
          <p className="auth__switch">
            {t.signIn.noAccount} <Link to="/register">{t.signIn.toRegister}</Link>
          </p>
        </>
      ) : current.kind === 'second-factor' ? (
        <SecondFactorStep
          method={current.method}
          onMethod={(method) => {
            signIn.reset();
            setStep({ kind: 'second-factor', method });
          }}
          onBack={() => {
            signIn.reset();
            setStep({ kind: 'credentials' });
          }}
          onSubmit={(codes) => signIn.mutate({ username: login.trim(), password, session_type: 'cookie', ...codes })}
          pending={signIn.isPending}
          error={error}
          known={known}
        />
      ) : (
        <NewPasswordStep user={current.user} currentPassword={current.knowsCurrent ? password : undefined} onDone={finish} />
      )}
    </AuthFrame>
  );
}

function SecondFactorStep({
  method,
  onMethod,
  onBack,
  onSubmit,
  pending,
  error,
  known,
}: {
  method: 'totp' | 'recovery';
  onMethod: (method: 'totp' | 'recovery') => void;
  onBack: () => void;
  onSubmit: (codes: { totp_code: string } | { recovery_code: string }) => void;
  pending: boolean;
  error: unknown;
  known: Record<string, string>;
}) {
  const t = useMessages(authMessages).secondFactor;
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const wrong = error instanceof ApiError && error.code === 'auth.invalid_totp';
  const fieldError = problem ?? (wrong ? (method === 'totp' ? t.invalidTotp : t.invalidRecovery) : undefined);
  // A refused code: back into the field, whose description now says what to do.
  useEffect(() => {
    if (wrong) focusField(method === 'totp' ? 'signin-code' : 'signin-recovery');
  }, [wrong, method]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (method === 'totp') {
      const digits = code.replace(/\s/g, '');
      if (!TOTP.test(digits)) {
        setProblem(t.codeFormat);
        return focusField('signin-code');
      }
      setProblem(undefined);
      onSubmit({ totp_code: digits });
    } else {
      const typed = recoveryCode.trim();
      if (!typed || typed.length < 8 || typed.length > 32) {
        setProblem(typed ? t.invalidRecovery : t.missingRecovery);
        return focusField('signin-recovery');
      }
      setProblem(undefined);
      onSubmit({ recovery_code: typed });
    }
  };

  return (
    <section aria-labelledby="signin-second-factor">
      <h2 id="signin-second-factor">{method === 'totp' ? t.heading : t.recoveryHeading}</h2>
      <p>{method === 'totp' ? t.intro : t.recoveryIntro}</p>
      <form onSubmit={submit} noValidate>
        {method === 'totp' ? (
          <TextField
            key="totp"
            id="signin-code"
            label={t.code}
            hint={t.codeHint}
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={fieldError}
          />
        ) : (
          <TextField
            key="recovery"
            id="signin-recovery"
            label={t.recovery}
            hint={t.recoveryHint}
            name="recovery"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            required
            autoFocus
            value={recoveryCode}
            onChange={(event) => setRecoveryCode(event.target.value)}
            error={fieldError}
          />
        )}
        <ErrorMessage error={wrong ? null : error} known={known} />
        <Button type="submit" variant="primary" className="auth__submit" busy={pending}>
          {t.submit}
        </Button>
      </form>
      <div className="auth__alternatives">
        <Button
          variant="quiet"
          onClick={() => {
            setProblem(undefined);
            onMethod(method === 'totp' ? 'recovery' : 'totp');
          }}
        >
          {method === 'totp' ? t.useRecovery : t.useApp}
        </Button>
        <Button variant="quiet" onClick={onBack}>
          {t.back}
        </Button>
      </div>
    </section>
  );
}

function NewPasswordStep({ user, currentPassword, onDone }: { user: Me; currentPassword: string | undefined; onDone: (user: Me) => void }) {
  const t = useMessages(authMessages).newPassword;
  const tp = useMessages(passwordMessages);
  const api = useApi();
  const [current, setCurrent] = useState('');
  const [fresh, setFresh] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const change = useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) => unwrap(api.PUT('/api/v1/users/me/password', { body })),
    onSuccess: () => onDone({ ...user, password_change_required: false }),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const byField = error.fieldProblems();
      if (error.code === 'users.wrong_password' && currentPassword === undefined) setProblems({ 'signin-current': t.wrongCurrent });
      else if (byField.new_password ?? byField.password) setProblems({ 'signin-new': passwordProblemText(byField.new_password ?? byField.password ?? '', tp) });
      else if (error.code === 'users.invalid') setProblems({ 'signin-new': passwordProblemText(error.message, tp) });
    },
  });
  const fieldError = (id: string) => problems[id];
  const handled = Object.keys(problems).length > 0 && change.isError;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (currentPassword === undefined && !current) found['signin-current'] = t.missingCurrent;
    const local = fresh ? localPasswordProblem(fresh, tp) : t.missing;
    if (local) found['signin-new'] = local;
    setProblems(found);
    if (Object.keys(found).length > 0) return focusField(Object.keys(found)[0]);
    change.mutate({ current_password: currentPassword ?? current, new_password: fresh });
  };

  return (
    <section aria-labelledby="signin-new-password">
      <h2 id="signin-new-password">{t.heading}</h2>
      <p>{t.intro}</p>
      <form onSubmit={submit} noValidate>
        {currentPassword === undefined ? (
          <PasswordField
            id="signin-current"
            label={t.current}
            autoComplete="current-password"
            required
            autoFocus
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
            error={fieldError('signin-current')}
          />
        ) : null}
        <PasswordField
          id="signin-new"
          label={t.label}
          hint={t.hint}
          autoComplete="new-password"
          required
          autoFocus={currentPassword !== undefined}
          value={fresh}
          onChange={(event) => setFresh(event.target.value)}
          error={fieldError('signin-new')}
        />
        <ErrorMessage error={handled ? null : change.error} known={{ 'users.wrong_password': t.wrongCurrent }} />
        <Button type="submit" variant="primary" className="auth__submit" busy={change.isPending}>
          {t.submit}
        </Button>
      </form>
    </section>
  );
}
