/**
 * Web Push on this device: on or off, in one button. Where the browser cannot do it (a plain-HTTP
 * address in the home network, or a browser without Web Push) the section says why in plain words
 * and offers ntfy or Telegram, which reach the phone just as well.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { ME_KEY } from '../../shared/session/session.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Card } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { currentEndpoint, deviceLabel, pushBlocker, PushSetupError, subscribeThisDevice, unsubscribeThisDevice } from '../notifications/push.ts';
import { INTEGRATIONS_KEY, pushIntegrationOf, type Integration } from './integrations.ts';
import { notificationSettingsMessages } from './notification-settings.messages.ts';
import { unwrap } from '../../shared/api/client.ts';

const ENDPOINT_KEY = ['push', 'endpoint'] as const;

export function WebPushSection({ integrations, onUseNtfy, onUseTelegram, telegramResult }: { integrations: readonly Integration[]; onUseNtfy: () => void; onUseTelegram: () => void; telegramResult: ReactNode }) {
  const t = useMessages(notificationSettingsMessages);
  const headingId = useId();
  const blocker = pushBlocker();
  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId}>{t.push.heading}</h2>
      {blocker ? (
        <>
          <p>{blocker === 'insecure' ? t.push.insecure : t.push.unsupported}</p>
          <p>{t.push.alternatives}</p>
          <div className="row">
            <Button variant="primary" onClick={onUseNtfy}>
              {t.push.useNtfy}
            </Button>
            <Button onClick={onUseTelegram}>{t.push.useTelegram}</Button>
          </div>
          {telegramResult}
        </>
      ) : (
        <DevicePush integrations={integrations} />
      )}
    </Card>
  );
}

function DevicePush({ integrations }: { integrations: readonly Integration[] }) {
  const t = useMessages(notificationSettingsMessages);
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const endpoint = useQuery({ queryKey: ENDPOINT_KEY, queryFn: currentEndpoint, retry: false, staleTime: Infinity });
  const mine = pushIntegrationOf(integrations, endpoint.data);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: ENDPOINT_KEY });
    void client.invalidateQueries({ queryKey: INTEGRATIONS_KEY });
    void client.invalidateQueries({ queryKey: ME_KEY });
  };
  const enable = useMutation({
    mutationFn: async () => {
      const { public_key: key } = await unwrap(api.GET('/api/v1/notifications/push-key'));
      const subscription = await subscribeThisDevice(key);
      if (pushIntegrationOf(integrations, subscription.endpoint)) return;
      const label = deviceLabel(navigator.userAgent);
      await unwrap(api.POST('/api/v1/integrations', { body: { type: 'push', name: label, config: { ...subscription, device_label: label } } }));
    },
    onSuccess: () => toast(t.push.enabled),
    onSettled: refresh,
  });
  const disable = useMutation({
    mutationFn: async () => {
      if (mine) await unwrap(api.DELETE('/api/v1/integrations/{id}', { params: { path: { id: mine.id } } }));
      await unsubscribeThisDevice();
    },
    onSuccess: () => toast(t.push.disabled),
    onSettled: refresh,
  });

  const failure = enable.error ?? disable.error ?? endpoint.error;
  const pushText = failure instanceof PushSetupError ? (failure.reason === 'denied' ? t.push.denied : failure.reason === 'no_worker' ? t.push.noWorker : t.push.failed) : undefined;

  if (endpoint.isPending) return <Loading label={t.push.checking} />;
  return (
    <>
      <p role="status">{mine ? t.push.on : t.push.off}</p>
      {mine ? (
        <Button busy={disable.isPending} onClick={() => disable.mutate()}>
          {t.push.disable}
        </Button>
      ) : (
        <Button variant="primary" busy={enable.isPending} onClick={() => enable.mutate()}>
          {t.push.enable}
        </Button>
      )}
      {pushText ? (
        <div className="error-message" role="alert">
          <p>{pushText}</p>
        </div>
      ) : (
        <ErrorMessage error={failure} />
      )}
    </>
  );
}
