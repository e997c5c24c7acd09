/**
 * API keys: the list (name, start of the key, last use, expiry), a small form to create one (name
 * and how long it is valid), the new key shown exactly once with a copy button, and revoking with a
 * confirm step.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import type { paths } from '../../shared/api/schema.gen.ts';
import { now } from '../../shared/clock.ts';
import { common } from '../../shared/i18n/common.messages.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../../shared/ui/Field.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Card } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { CopyButton } from './CopyButton.tsx';
import { securityMessages } from './security.messages.ts';
import { API_KEYS_KEY } from './securityApi.ts';
import { unwrap } from '../../shared/api/client.ts';

type ApiKey = paths['/api/v1/auth/api-keys']['get']['responses'][200]['content']['application/json'][number];
type Expiry = 'never' | 'd30' | 'd90' | 'd365';
const EXPIRY_DAYS: Record<Exclude<Expiry, 'never'>, number> = { d30: 30, d90: 90, d365: 365 };

export function ApiKeysSection() {
  const t = useMessages(securityMessages).apiKeys;
  const tc = useMessages(common);
  const format = useFormat();
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const keys = useQuery({ queryKey: API_KEYS_KEY, queryFn: () => unwrap(api.GET('/api/v1/auth/api-keys')) });

  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('never');
  const [nameProblem, setNameProblem] = useState<string | undefined>();
  const [created, setCreated] = useState<{ name: string; key: string } | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();

  const create = useMutation({
    mutationFn: (body: { name: string; expires_at?: string }) => unwrap(api.POST('/api/v1/auth/api-keys', { body })),
    onSuccess: (result) => {
      setCreated({ name: result.name, key: result.key });
      setName('');
      setExpiry('never');
      const { key: _shownOnce, ...listed } = result;
      client.setQueryData<ApiKey[]>(API_KEYS_KEY, (before) => (before ? [listed, ...before.filter((item) => item.id !== listed.id)] : before));
      void client.invalidateQueries({ queryKey: API_KEYS_KEY });
    },
  });

  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/auth/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: (_result, id) => {
      setConfirming(undefined);
      client.setQueryData<ApiKey[]>(API_KEYS_KEY, (before) => before?.filter((item) => item.id !== id));
      toast(t.revoked);
      // The button that had the focus is gone with its key: continue at the section's heading.
      document.getElementById('security-api-keys')?.focus();
      void client.invalidateQueries({ queryKey: API_KEYS_KEY });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameProblem(t.missingName);
      document.getElementById('api-key-name')?.focus();
      return;
    }
    setNameProblem(undefined);
    const expiresAt = expiry === 'never' ? undefined : new Date(now().getTime() + EXPIRY_DAYS[expiry] * 86_400_000).toISOString();
    create.mutate({ name: trimmed.slice(0, 100), ...(expiresAt ? { expires_at: expiresAt } : {}) });
  };

  const list = keys.data ?? [];
  const nowMs = now().getTime();

  return (
    <Card aria-labelledby="security-api-keys">
      <h2 id="security-api-keys" tabIndex={-1}>
        {t.heading}
      </h2>
      <p className="muted">{t.intro}</p>

      {created ? <NewKey
          name={created.name}
          apiKey={created.key}
          onDone={() => {
            setCreated(undefined);
            document.getElementById('security-api-keys')?.focus();
          }}
        /> : null}

      {keys.isPending ? <Loading /> : null}
      <ErrorMessage error={keys.error} onRetry={() => void keys.refetch()} />
      {keys.data && list.length === 0 ? <p>{t.empty}</p> : null}
      {list.length > 0 ? (
        <ul className="security-list">
          {list.map((item) => {
            const titleId = `api-key-${item.id}`;
            const expired = item.expires_at !== null && new Date(item.expires_at).getTime() <= nowMs;
            return (
              <li key={item.id} className="security-item" aria-labelledby={titleId}>
                <h3 id={titleId} className="security-item__title">
                  {item.name}
                </h3>
                {expired ? (
                  <p className="security-item__chips">
                    <span className="chip chip--warning">{t.expired}</span>
                  </p>
                ) : null}
                <p className="security-item__meta">
                  <code>{t.startsWith(item.key_prefix)}</code>
                  <br />
                  {t.created(format.dateOfInstant(item.created_at))}
                  <br />
                  {item.last_used_at ? t.lastUsed(format.dateTime(item.last_used_at)) : t.neverUsed}
                  <br />
                  {item.expires_at ? t.expires(format.dateOfInstant(item.expires_at)) : t.noExpiry}
                </p>
                {revoke.isError && revoke.variables === item.id ? <ErrorMessage error={revoke.error} /> : null}
                {confirming === item.id ? (
                  <div className="security__confirm">
                    <p>{t.revokeQuestion(item.name)}</p>
                    <div className="security__actions">
                      <Button variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate(item.id)}>
                        {t.revokeConfirm}
                      </Button>
                      <Button variant="quiet" onClick={() => setConfirming(undefined)}>
                        {tc.cancel}
                      </Button>
                    </div>
                  </div>
                ) : (
                  <div className="security-item__actions">
                    <Button aria-describedby={titleId} onClick={() => setConfirming(item.id)}>
                      {t.revoke}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}

      <form onSubmit={submit} noValidate className="security__flow">
        <TextField
          id="api-key-name"
          label={t.name}
          hint={t.nameHint}
          maxLength={100}
          required
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={nameProblem}
        />
        <SelectField label={t.expiry} value={expiry} onChange={(event) => setExpiry(event.target.value as Expiry)}>
          {(['never', 'd30', 'd90', 'd365'] as const).map((option) => (
            <option key={option} value={option}>
              {t.expiryOptions[option]}
            </option>
          ))}
        </SelectField>
        <ErrorMessage error={create.error} />
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t.create}
        </Button>
      </form>
    </Card>
  );
}

function NewKey({ name, apiKey, onDone }: { name: string; apiKey: string; onDone: () => void }) {
  const t = useMessages(securityMessages).apiKeys;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [apiKey]);
  return (
    <div className="security__new-key">
      <h3 ref={heading} tabIndex={-1}>
        {t.newHeading(name)}
      </h3>
      <p className="security__warning">{t.showOnce}</p>
      <p className="security__secret">
        <span className="visually-hidden">{t.keyLabel}: </span>
        <code>{apiKey}</code>
      </p>
      <div className="security__actions">
        <CopyButton variant="primary" text={apiKey}>
          {t.copyKey}
        </CopyButton>
        <Button onClick={onDone}>{t.done}</Button>
      </div>
    </div>
  );
}
