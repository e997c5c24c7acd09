/**
 * The user's channels: in the app (always), then every integration with its state in words, an
 * on/off switch, "Test senden", change and remove; below, adding one (a form per type) and linking
 * Telegram (a one-time code the user sends to the bot).
 */
import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { common } from '../../shared/i18n/common.messages.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { useSetMe, type Me } from '../../shared/session/session.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { CheckboxField, SelectField } from '../../shared/ui/Field.tsx';
import { Card } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { notificationsMessages, type Channel } from '../notifications/notifications.messages.ts';
import { ChannelForm } from './ChannelForm.tsx';
import { ADDABLE_TYPES, CHANNEL_TYPES } from './channelTypes.ts';
import { INTEGRATIONS_KEY, type Integration, type TelegramLink, type TestResult } from './integrations.ts';
import { notificationSettingsMessages } from './notification-settings.messages.ts';
import { unwrap } from '../../shared/api/client.ts';

export interface Adding {
  type: string;
  /** Opened from elsewhere on the page (the push section): focus moves to the form. */
  focus: boolean;
}

export type TelegramLinking = UseMutationResult<TelegramLink, Error, void>;

export function ChannelsSection({
  me,
  integrations,
  adding,
  onAdding,
  telegram,
  onLinkTelegram,
  showTelegramResult,
}: {
  me: Me;
  integrations: readonly Integration[];
  adding: Adding | undefined;
  onAdding: (adding: Adding | undefined) => void;
  telegram: TelegramLinking;
  onLinkTelegram: () => void;
  showTelegramResult: boolean;
}) {
  const t = useMessages(notificationSettingsMessages);
  const headingId = useId();
  const on = me.effective_notification_preferences.channels;
  const linkedTelegram = integrations.some((integration) => integration.type === 'telegram');

  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId}>{t.channels.heading}</h2>
      <p className="muted">{t.channels.intro}</p>
      <ul className="channels">
        <li className="channel">
          <h3>{t.channels.inApp}</h3>
          <p className="channel__state">{t.channels.alwaysOn}</p>
        </li>
        {integrations.map((integration) => (
          <IntegrationItem key={integration.id} integration={integration} channelOn={integration.channel ? on[integration.channel as Channel] !== false : true} />
        ))}
      </ul>

      <h3>{t.channels.addHeading}</h3>
      <SelectField label={t.channels.addType} value={adding?.type ?? ''} onChange={(event) => onAdding(event.target.value ? { type: event.target.value, focus: false } : undefined)}>
        <option value="">{t.channels.addTypeChoose}</option>
        {ADDABLE_TYPES.map((type) => (
          <option key={type} value={type}>
            {t.channels.types[type]}
          </option>
        ))}
      </SelectField>
      {adding && CHANNEL_TYPES[adding.type] ? (
        <ChannelForm key={adding.type} spec={CHANNEL_TYPES[adding.type]!} focusOnOpen={adding.focus} onDone={() => onAdding(undefined)} onCancel={() => onAdding(undefined)} />
      ) : null}

      <h3>{t.telegram.heading}</h3>
      <p>{linkedTelegram ? t.telegram.linked : t.telegram.intro}</p>
      <Button busy={telegram.isPending} onClick={onLinkTelegram}>
        {linkedTelegram ? t.telegram.reconnect : t.telegram.connect}
      </Button>
      {showTelegramResult ? <TelegramLinkResult telegram={telegram} linked={linkedTelegram} /> : null}
    </Card>
  );
}

/** The code to send to the bot, the link that sends it, and how long it holds; or why there is none. */
export function TelegramLinkResult({ telegram, linked }: { telegram: TelegramLinking; linked: boolean }) {
  const t = useMessages(notificationSettingsMessages);
  const format = useFormat();
  const code = useRef<HTMLParagraphElement>(null);
  const data = telegram.data;
  useEffect(() => {
    if (data) code.current?.focus();
  }, [data]);
  if (telegram.error) return <ErrorMessage error={telegram.error} known={{ 'telegram.not_configured': t.telegram.notConfigured }} />;
  if (!data || linked) return null;
  return (
    <div className="channel-form" role="group" aria-label={t.telegram.heading}>
      <p ref={code} tabIndex={-1}>
        {t.telegram.code(data.bot_username)}
      </p>
      <p>
        <code className="telegram-code">{data.code}</code>
      </p>
      <p>
        <a className="button button--primary" href={data.url} target="_blank" rel="noopener noreferrer">
          {t.telegram.open}
        </a>
      </p>
      <p className="muted">
        {t.telegram.validUntil(format.time(data.expires_at))} {t.telegram.waiting}
      </p>
    </div>
  );
}

function stateOf(integration: Integration, on: boolean, texts: (typeof notificationSettingsMessages)['de'], dateTime: (instant: string) => string) {
  if (!on) return { text: texts.channels.stateOff, failing: false };
  if (integration.sync_status === 'error') return { text: integration.error ? texts.channels.stateFailing(integration.error) : texts.channels.stateFailingNoReason, failing: true };
  if (integration.last_sync_at) return { text: texts.channels.stateWorking(dateTime(integration.last_sync_at)), failing: false };
  return { text: texts.channels.stateUntested, failing: false };
}

function IntegrationItem({ integration, channelOn }: { integration: Integration; channelOn: boolean }) {
  const t = useMessages(notificationSettingsMessages);
  const texts = useMessages(common);
  const channelNames = useMessages(notificationsMessages).channel;
  const format = useFormat();
  const api = useApi();
  const client = useQueryClient();
  const setMe = useSetMe();
  const toast = useToast();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const spec = CHANNEL_TYPES[integration.type];
  const typeName = t.channels.types[integration.type] ?? integration.type;
  const deviceLabel = typeof integration.config.device_label === 'string' ? integration.config.device_label : undefined;
  const title = integration.name ?? deviceLabel ?? typeName;
  const on = integration.enabled && channelOn;
  const state = stateOf(integration, on, t, format.dateTime);
  const channelName = integration.channel ? (channelNames[integration.channel as Channel] ?? integration.channel) : undefined;

  const refresh = () => void client.invalidateQueries({ queryKey: INTEGRATIONS_KEY });
  const test = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/integrations/{id}/test', { params: { path: { id: integration.id } } })),
    onSettled: refresh,
  });
  const toggle = useMutation({
    mutationFn: async (next: boolean) => {
      await unwrap(api.PATCH('/api/v1/integrations/{id}', { params: { path: { id: integration.id } }, body: { enabled: next } }));
      // Switched on here means wanted: the channel is switched on in the preferences too.
      if (next && !channelOn && integration.channel && integration.channel !== 'in_app') {
        setMe(await unwrap(api.PATCH('/api/v1/users/me', { body: { notification_preferences: { channels: { [integration.channel]: true } } } })));
      }
      return next;
    },
    onSuccess: (next) => toast(next ? t.channels.switchedOn : t.channels.switchedOff),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/integrations/{id}', { params: { path: { id: integration.id } } })),
    onSuccess: () => {
      toast(t.channels.removed);
      refresh();
    },
  });

  return (
    <li className="channel" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="channel__type">{channelName && channelName !== typeName ? `${typeName} · ${channelName}` : typeName}</p>
      <p className={state.failing ? 'channel__state channel__state--failing' : 'channel__state'}>{state.text}</p>
      <CheckboxField
        label={
          <>
            <span aria-hidden="true">{t.channels.enabled}</span>
            <span className="visually-hidden">{t.channels.enabledFor(title)}</span>
          </>
        }
        checked={on}
        disabled={toggle.isPending}
        onChange={(event) => toggle.mutate(event.target.checked)}
      />
      <ErrorMessage error={toggle.error} />
      <div className="row">
        <Button busy={test.isPending} onClick={() => test.mutate()}>
          {t.channels.test}
        </Button>
        {spec ? (
          <Button variant="quiet" onClick={() => setEditing((open) => !open)} aria-expanded={editing}>
            {t.channels.edit}
          </Button>
        ) : null}
        <Button variant="quiet" onClick={() => setRemoving(true)}>
          {t.channels.remove}
        </Button>
      </div>
      <p className="channel__result" role="status">
        {test.data ? <TestOutcome result={test.data} /> : null}
      </p>
      <ErrorMessage error={test.error} />
      {removing ? (
        <div className="settings__warning" role="group" aria-label={t.channels.remove}>
          <p>{t.channels.removeQuestion(title)}</p>
          <ErrorMessage error={remove.error} />
          <div className="row">
            <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
              {t.channels.removeYes}
            </Button>
            <Button variant="quiet" onClick={() => setRemoving(false)}>
              {texts.cancel}
            </Button>
          </div>
        </div>
      ) : null}
      {editing && spec ? <ChannelForm spec={spec} integration={integration} focusOnOpen onDone={() => setEditing(false)} onCancel={() => setEditing(false)} /> : null}
    </li>
  );
}

function TestOutcome({ result }: { result: TestResult }) {
  const t = useMessages(notificationSettingsMessages);
  if (result.delivered) return <>{t.channels.testDelivered}</>;
  const reason = result.error ? (t.channels.failureKinds[result.error.kind] ?? t.channels.failureOther) : t.channels.failureOther;
  return <>{result.error?.message ? t.channels.testFailed(reason, result.error.message) : t.channels.testFailedShort(reason)}</>;
}
