/**
 * Two-factor sign-in in three small steps: password -> scan the QR code (or type the key) and enter
 * a code -> store the recovery codes, which are shown only once. Turning it off needs the password
 * and a code.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError } from '../../shared/api/errors.ts';
import { common } from '../../shared/i18n/common.messages.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { ME_KEY, useMe } from '../../shared/session/session.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { TextField } from '../../shared/ui/Field.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Card } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { PasswordField } from '../auth/PasswordField.tsx';
import { CopyButton } from './CopyButton.tsx';
import { securityMessages } from './security.messages.ts';
import { TWO_FACTOR_KEY } from './securityApi.ts';
import { unwrap } from '../../shared/api/client.ts';

type Flow = { step: 'idle' } | { step: 'password' } | { step: 'scan'; secret: string; qrCodeSvg: string } | { step: 'codes'; codes: string[] } | { step: 'disable' };
type Texts = (typeof securityMessages)['de']['twoFactor'];

const LOW_CODES = 3;

function focus(id: string) {
  document.getElementById(id)?.focus();
}

/** "JBSW Y3DP …": easier to type by hand; authenticator apps ignore the spaces. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function TwoFactorSection() {
  const t = useMessages(securityMessages).twoFactor;
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const status = useQuery({ queryKey: TWO_FACTOR_KEY, queryFn: () => unwrap(api.GET('/api/v1/auth/2fa')) });
  const [flow, setFlow] = useState<Flow>({ step: 'idle' });

  const changed = () => {
    void client.invalidateQueries({ queryKey: TWO_FACTOR_KEY });
    void client.invalidateQueries({ queryKey: ME_KEY });
  };

  // Back to the status; the focused control is gone with its step, so the focus goes to the heading.
  const cancel = () => {
    setFlow({ step: 'idle' });
    focus('security-two-factor');
  };

  return (
    <Card aria-labelledby="security-two-factor">
      <h2 id="security-two-factor" tabIndex={-1}>
        {t.heading}
      </h2>
      {status.isPending ? <Loading /> : null}
      <ErrorMessage error={status.error} onRetry={() => void status.refetch()} />
      {status.data && flow.step !== 'codes' ? (
        <>
          <p>{status.data.enabled ? t.onStatus : t.offStatus}</p>
          {status.data.enabled ? (
            <p>
              {t.codesLeft(status.data.recovery_codes_left)}
              {status.data.recovery_codes_left <= LOW_CODES ? ` ${t.codesLow}` : ''}
            </p>
          ) : null}
        </>
      ) : null}

      {status.data && flow.step === 'idle' ? (
        status.data.enabled ? (
          <Button onClick={() => setFlow({ step: 'disable' })}>{t.disable}</Button>
        ) : (
          <Button variant="primary" onClick={() => setFlow({ step: 'password' })}>
            {t.start}
          </Button>
        )
      ) : null}

      {flow.step === 'password' ? (
        <PasswordStep
          t={t}
          onCancel={cancel}
          onStarted={(setup) => setFlow({ step: 'scan', secret: setup.secret, qrCodeSvg: setup.qr_code_svg })}
          onAlreadyOn={() => {
            changed();
            cancel();
          }}
        />
      ) : null}
      {flow.step === 'scan' ? (
        <ScanStep
          t={t}
          secret={flow.secret}
          qrCodeSvg={flow.qrCodeSvg}
          onCancel={cancel}
          onEnabled={(codes) => {
            setFlow({ step: 'codes', codes });
            changed();
          }}
        />
      ) : null}
      {flow.step === 'codes' ? <RecoveryCodes t={t} codes={flow.codes} onDone={cancel} /> : null}
      {flow.step === 'disable' ? (
        <DisableForm
          t={t}
          onCancel={cancel}
          onDisabled={() => {
            cancel();
            changed();
            toast(t.disabled);
          }}
        />
      ) : null}
    </Card>
  );
}

function PasswordStep({
  t,
  onCancel,
  onStarted,
  onAlreadyOn,
}: {
  t: Texts;
  onCancel: () => void;
  onStarted: (setup: { secret: string; qr_code_svg: string }) => void;
  onAlreadyOn: () => void;
}) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const setup = useMutation({
    mutationFn: (body: { password: string }) => unwrap(api.POST('/api/v1/auth/2fa/setup', { body })),
    onSuccess: onStarted,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'two_factor.wrong_password') {
        setProblem(t.wrongPassword);
        focus('two-factor-password');
      }
      if (error instanceof ApiError && error.code === 'two_factor.invalid_state') onAlreadyOn();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setProblem(t.missingPassword);
      return focus('two-factor-password');
    }
    setProblem(undefined);
    setup.mutate({ password });
  };
  return (
    <form onSubmit={submit} noValidate className="security__flow">
      <p>{t.passwordStep}</p>
      <PasswordField
        id="two-factor-password"
        label={t.password}
        autoComplete="current-password"
        required
        autoFocus
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={problem}
      />
      <ErrorMessage error={problem ? null : setup.error} known={{ 'auth.too_many_attempts': t.tooManyAttempts }} />
      <div className="security__actions">
        <Button type="submit" variant="primary" busy={setup.isPending}>
          {t.next}
        </Button>
        <CancelButton onClick={onCancel} />
      </div>
    </form>
  );
}

function ScanStep({ t, secret, qrCodeSvg, onCancel, onEnabled }: { t: Texts; secret: string; qrCodeSvg: string; onCancel: () => void; onEnabled: (codes: string[]) => void }) {
  const api = useApi();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const enable = useMutation({
    mutationFn: (body: { code: string }) => unwrap(api.POST('/api/v1/auth/2fa/enable', { body })),
    onSuccess: (result) => onEnabled(result.recovery_codes),
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'two_factor.invalid_code') {
        setProblem(t.wrongCode);
        focus('two-factor-code');
      }
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setProblem(t.codeFormat);
      return focus('two-factor-code');
    }
    setProblem(undefined);
    enable.mutate({ code: digits });
  };
  return (
    <form onSubmit={submit} noValidate className="security__flow">
      <p>{t.scanStep}</p>
      <img className="security__qr" src={svgDataUrl(qrCodeSvg)} alt={t.qrAlt} width={200} height={200} />
      <p>{t.manual}</p>
      <p className="security__secret">
        <code>{grouped(secret)}</code>
      </p>
      <CopyButton text={secret}>{t.copySecret}</CopyButton>
      <TextField
        id="two-factor-code"
        label={t.code}
        hint={t.codeHint}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={problem}
      />
      <ErrorMessage error={problem ? null : enable.error} />
      <div className="security__actions">
        <Button type="submit" variant="primary" busy={enable.isPending}>
          {t.enable}
        </Button>
        <CancelButton onClick={onCancel} />
      </div>
    </form>
  );
}

function RecoveryCodes({ t, codes, onDone }: { t: Texts; codes: string[]; onDone: () => void }) {
  const { me } = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const text = `${codes.join('\n')}\n`;
  const file = `${t.fileIntro(me?.username ?? '')}\n${text}`;
  return (
    <div className="security__flow">
      <p className="security__done" role="status">
        {t.enabled}
      </p>
      <h3 ref={heading} tabIndex={-1}>
        {t.codesStep}
      </h3>
      <p className="security__warning">{t.storeSafely}</p>
      <ol className="security__codes" aria-label={t.codesLabel}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="security__actions">
        <CopyButton text={text}>{t.copyCodes}</CopyButton>
        <a className="button button--secondary" href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download={t.fileName}>
          {t.download}
        </a>
      </div>
      <Button variant="primary" onClick={onDone}>
        {t.stored}
      </Button>
    </div>
  );
}

function DisableForm({ t, onCancel, onDisabled }: { t: Texts; onCancel: () => void; onDisabled: () => void }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<{ password?: string; code?: string }>({});
  const disable = useMutation({
    mutationFn: (body: { password: string; code: string }) => unwrap(api.POST('/api/v1/auth/2fa/disable', { body })),
    onSuccess: onDisabled,
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      if (error.code === 'two_factor.wrong_password') {
        setProblems({ password: t.wrongPassword });
        focus('two-factor-disable-password');
      } else if (error.code === 'two_factor.invalid_code' || error.fieldProblems().code) {
        setProblems({ code: t.wrongCode });
        focus('two-factor-disable-code');
      }
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    const found: { password?: string; code?: string } = {};
    if (!password) found.password = t.missingPassword;
    if (!typed) found.code = t.missingCode;
    else if (/^[\d\s]+$/.test(typed) && !/^\d{6}$/.test(typed.replace(/\s/g, ''))) found.code = t.codeFormat;
    setProblems(found);
    if (found.password || found.code) return focus(found.password ? 'two-factor-disable-password' : 'two-factor-disable-code');
    disable.mutate({ password, code: /^[\d\s]+$/.test(typed) ? typed.replace(/\s/g, '') : typed });
  };
  return (
    <form onSubmit={submit} noValidate className="security__flow">
      <p>{t.disableIntro}</p>
      <PasswordField
        id="two-factor-disable-password"
        label={t.password}
        autoComplete="current-password"
        required
        autoFocus
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={problems.password}
      />
      <TextField
        id="two-factor-disable-code"
        label={t.disableCode}
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={32}
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={problems.code}
      />
      <ErrorMessage error={problems.password || problems.code ? null : disable.error} known={{ 'auth.too_many_attempts': t.tooManyAttempts }} />
      <div className="security__actions">
        <Button type="submit" variant="danger" busy={disable.isPending}>
          {t.disableSubmit}
        </Button>
        <CancelButton onClick={onCancel} />
      </div>
    </form>
  );
}

function CancelButton({ onClick }: { onClick: () => void }) {
  const t = useMessages(common);
  return (
    <Button variant="quiet" onClick={onClick}>
      {t.cancel}
    </Button>
  );
}
