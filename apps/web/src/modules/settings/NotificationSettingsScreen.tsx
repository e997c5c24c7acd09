/**
 * Notification settings: push on this device (or why not, and what instead), the channels with
 * their state, quiet hours, and which channels remind at which urgency.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useMe } from '../../shared/session/session.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Page } from '../../shared/ui/Page.tsx';
import { ChannelsSection, TelegramLinkResult, type Adding } from './ChannelsSection.tsx';
import { INTEGRATIONS_KEY } from './integrations.ts';
import { EscalationForm, QuietHoursForm } from './PreferenceForms.tsx';
import { notificationSettingsMessages } from './notification-settings.messages.ts';
import { WebPushSection } from './WebPushSection.tsx';
import './settings.css';
import { unwrap } from '../../shared/api/client.ts';

/** While a Telegram code waits to be sent to the bot, the list is asked again this often. */
const TELEGRAM_POLL_MS = 5_000;

export function NotificationSettingsScreen() {
  const t = useMessages(notificationSettingsMessages);
  const api = useApi();
  const { me, error: meError } = useMe();
  const [adding, setAdding] = useState<Adding | undefined>();
  const [telegramFrom, setTelegramFrom] = useState<'push' | 'channels'>('channels');

  const telegram = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/integrations/telegram/link')) });
  const integrations = useQuery({
    queryKey: INTEGRATIONS_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/integrations')),
    refetchInterval: (query) => (telegram.data && !query.state.data?.some((integration) => integration.type === 'telegram') ? TELEGRAM_POLL_MS : false),
  });
  const linkedTelegram = integrations.data?.some((integration) => integration.type === 'telegram') ?? false;

  const error = meError ?? integrations.error;
  return (
    <Page title={t.title} narrow>
      <div className="settings">
        <Link to="/settings" className="settings__back">
          {t.back}
        </Link>
        <p className="muted">{t.intro}</p>
        {me && integrations.data ? (
          <>
            <WebPushSection
              integrations={integrations.data}
              onUseNtfy={() => setAdding({ type: 'ntfy', focus: true })}
              onUseTelegram={() => {
                setTelegramFrom('push');
                telegram.mutate();
              }}
              telegramResult={telegramFrom === 'push' ? <TelegramLinkResult telegram={telegram} linked={linkedTelegram} /> : null}
            />
            <ChannelsSection
              me={me}
              integrations={integrations.data}
              adding={adding}
              onAdding={setAdding}
              telegram={telegram}
              onLinkTelegram={() => {
                setTelegramFrom('channels');
                telegram.mutate();
              }}
              showTelegramResult={telegramFrom === 'channels'}
            />
            <QuietHoursForm me={me} />
            <EscalationForm me={me} integrations={integrations.data} />
          </>
        ) : error ? (
          <ErrorMessage error={error} onRetry={() => void integrations.refetch()} />
        ) : (
          <Loading />
        )}
      </div>
    </Page>
  );
}
