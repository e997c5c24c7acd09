import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError } from '../../shared/api/errors.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Card } from '../../shared/ui/Page.tsx';
import { localPasswordProblem, passwordMessages, passwordProblemText } from '../auth/password.messages.ts';
import { PasswordField } from '../auth/PasswordField.tsx';
import { securityMessages } from './security.messages.ts';
import { SESSIONS_KEY } from './securityApi.ts';
import { unwrap } from '../../shared/api/client.ts';

type Problems = { current?: string; fresh?: string };

/** Current and new password; the server ends every other session, which the list of devices then shows. */
export function ChangePasswordSection() {
  const t = useMessages(securityMessages).password;
  const tp = useMessages(passwordMessages);
  const api = useApi();
  const client = useQueryClient();
  const [current, setCurrent] = useState('');
  const [fresh, setFresh] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [done, setDone] = useState('');

  const change = useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) => unwrap(api.PUT('/api/v1/users/me/password', { body })),
    onSuccess: (result) => {
      setCurrent('');
      setFresh('');
      setDone(t.changed(result.ended_sessions));
      void client.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      if (error.code === 'users.wrong_password') return setProblems({ current: t.wrongCurrent });
      const problem = error.fieldProblems().new_password ?? error.fieldProblems().password ?? (error.code === 'users.invalid' ? error.message : undefined);
      if (problem) setProblems({ fresh: passwordProblemText(problem, tp) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    const found: Problems = {};
    if (!current) found.current = t.missingCurrent;
    const freshProblem = fresh ? localPasswordProblem(fresh, tp) : t.missingFresh;
    if (freshProblem) found.fresh = freshProblem;
    setProblems(found);
    if (found.current || found.fresh) {
      document.getElementById(found.current ? 'security-current-password' : 'security-new-password')?.focus();
      return;
    }
    change.mutate({ current_password: current, new_password: fresh });
  };

  const handled = problems.current || problems.fresh;
  return (
    <Card aria-labelledby="security-password">
      <h2 id="security-password">{t.heading}</h2>
      <form onSubmit={submit} noValidate>
        <PasswordField
          id="security-current-password"
          label={t.current}
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          error={problems.current}
        />
        <PasswordField
          id="security-new-password"
          label={t.fresh}
          hint={t.freshHint}
          autoComplete="new-password"
          required
          value={fresh}
          onChange={(event) => setFresh(event.target.value)}
          error={problems.fresh}
        />
        <ErrorMessage error={handled ? null : change.error} known={{ 'auth.too_many_attempts': t.tooManyAttempts }} />
        <Button type="submit" variant="primary" busy={change.isPending}>
          {t.submit}
        </Button>
        <p role="status" className="security__status">
          {done}
        </p>
      </form>
    </Card>
  );
}
