import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError } from '../../shared/api/errors.ts';
import type { paths } from '../../shared/api/schema.gen.ts';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Card } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { securityMessages } from './security.messages.ts';
import { SESSIONS_KEY } from './securityApi.ts';
import { unwrap } from '../../shared/api/client.ts';

type Session = paths['/api/v1/auth/sessions']['get']['responses'][200]['content']['application/json'][number];
type Texts = (typeof securityMessages)['de']['sessions'];

function deviceLabel(session: Session, t: Texts): string {
  if (session.device_name) return session.device_name;
  if (session.device_type === 'ios') return t.iosApp;
  if (session.device_type === 'android') return t.androidApp;
  return session.kind === 'cookie' ? t.browser : t.app;
}

function whereFrom(session: Session, label: string): string {
  const os = session.os && session.os !== 'unknown' && !label.includes(session.os.split(' ')[0] ?? session.os) ? session.os : undefined;
  const place = [session.city, session.country].filter(Boolean).join(', ');
  return [os, place, session.ip_address].filter(Boolean).join(' · ');
}

/** The current one first, then by last activity. */
function ordered(sessions: Session[]): Session[] {
  return [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.last_active.localeCompare(a.last_active));
}

export function SessionsSection() {
  const t = useMessages(securityMessages).sessions;
  const format = useFormat();
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: () => unwrap(api.GET('/api/v1/auth/sessions')) });

  const drop = (id: string) => client.setQueryData<Session[]>(SESSIONS_KEY, (before) => before?.filter((session) => session.id !== id));

  const revoke = useMutation({
    mutationFn: async (id: string) => {
      try {
        await unwrap(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } }));
      } catch (error) {
        // Already ended (elsewhere, or it expired): that is what the user wanted.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    },
    onSuccess: (_result, id) => {
      drop(id);
      toast(t.signedOut);
      // The button that had the focus is gone with its session: continue at the section's heading.
      document.getElementById('security-sessions')?.focus();
      void client.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });

  const confirm = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/auth/sessions/{id}/confirm', { params: { path: { id } } })),
    onSuccess: (updated) => {
      client.setQueryData<Session[]>(SESSIONS_KEY, (before) => before?.map((session) => (session.id === updated.id ? updated : session)));
      toast(t.confirmed);
    },
  });

  const revokeOthers = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/auth/sessions')),
    onSuccess: (result) => {
      client.setQueryData<Session[]>(SESSIONS_KEY, (before) => before?.filter((session) => session.current));
      toast(t.signedOutOthers(result.revoked));
      void client.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });

  const list = sessions.data ? ordered(sessions.data) : [];
  const others = list.filter((session) => !session.current).length;

  return (
    <Card aria-labelledby="security-sessions">
      <h2 id="security-sessions" tabIndex={-1}>
        {t.heading}
      </h2>
      <p className="muted">{t.intro}</p>
      {sessions.isPending ? <Loading /> : null}
      <ErrorMessage error={sessions.error} onRetry={() => void sessions.refetch()} />
      {sessions.data ? (
        list.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <ul className="security-list">
            {list.map((session) => {
              const label = deviceLabel(session, t);
              const titleId = `session-${session.id}`;
              const details = whereFrom(session, label);
              return (
                <li key={session.id} className={session.is_suspicious ? 'security-item security-item--attention' : 'security-item'} aria-labelledby={titleId}>
                  <h3 id={titleId} className="security-item__title">
                    {label}
                  </h3>
                  {session.current || session.is_suspicious ? (
                    <p className="security-item__chips">
                      {session.current ? <span className="chip chip--primary">{t.thisDevice}</span> : null}
                      {session.is_suspicious ? <span className="chip chip--warning">{t.unusual}</span> : null}
                    </p>
                  ) : null}
                  {details ? <p className="security-item__meta">{details}</p> : null}
                  <p className="security-item__meta">
                    {t.lastActive(format.dateTime(session.last_active))}
                    <br />
                    {t.since(format.dateOfInstant(session.created_at))}
                  </p>
                  {session.is_suspicious ? <p>{t.unusualQuestion}</p> : null}
                  {confirm.isError && confirm.variables === session.id ? <ErrorMessage error={confirm.error} /> : null}
                  {revoke.isError && revoke.variables === session.id ? <ErrorMessage error={revoke.error} /> : null}
                  {session.is_suspicious || !session.current ? (
                    <div className="security-item__actions">
                      {session.is_suspicious ? (
                        <Button aria-describedby={titleId} busy={confirm.isPending && confirm.variables === session.id} onClick={() => confirm.mutate(session.id)}>
                          {t.confirm}
                        </Button>
                      ) : null}
                      {session.current ? null : (
                        <Button aria-describedby={titleId} busy={revoke.isPending && revoke.variables === session.id} onClick={() => revoke.mutate(session.id)}>
                          {t.signOut}
                        </Button>
                      )}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )
      ) : null}
      {sessions.data ? (
        others > 0 ? (
          <>
            <ErrorMessage error={revokeOthers.error} />
            <Button busy={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
              {t.signOutOthers}
            </Button>
          </>
        ) : (
          <p className="muted">{t.onlyThis}</p>
        )
      ) : null}
    </Card>
  );
}
