import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest } from '../../shared/testing/render.tsx';
import { vapidKeyToBytes } from '../notifications/push.ts';
import { NotificationSettingsScreen } from './NotificationSettingsScreen.tsx';

const SLOW = { timeout: 10_000 };

/**
 * jsdom has no service worker and no Push API: this stands in for a secure page of a browser that
 * has both, so the screen's part (permission, subscribe with the server's key, register the
 * subscription as a `push` channel, and the way back) runs against the real server.
 */
function fakeBrowserPush() {
  const endpoint = `https://push.example.org/send/${Math.random().toString(36).slice(2)}`;
  const keys = {
    p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'),
    auth: Buffer.alloc(16, 9).toString('base64url'),
  };
  const calls = { subscribedWith: undefined as Uint8Array | undefined, unsubscribed: 0, permission: 0 };
  let current: PushSubscription | null = null;
  const pushManager = {
    getSubscription: async () => current,
    subscribe: async (options: PushSubscriptionOptionsInit) => {
      calls.subscribedWith = new Uint8Array(options.applicationServerKey as Uint8Array);
      current = {
        endpoint,
        options: { applicationServerKey: calls.subscribedWith.buffer, userVisibleOnly: true },
        toJSON: () => ({ endpoint, keys }),
        unsubscribe: async () => {
          calls.unsubscribed += 1;
          current = null;
          return true;
        },
      } as unknown as PushSubscription;
      return current;
    },
  };
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
  Object.defineProperty(window, 'PushManager', { value: class {}, configurable: true });
  Object.defineProperty(window, 'Notification', {
    value: {
      requestPermission: async () => {
        calls.permission += 1;
        return 'granted';
      },
    },
    configurable: true,
  });
  Object.defineProperty(navigator, 'serviceWorker', { value: { ready: Promise.resolve({ pushManager }) }, configurable: true });
  return { endpoint, calls };
}

afterEach(() => {
  for (const name of ['isSecureContext', 'PushManager', 'Notification']) Reflect.deleteProperty(window, name);
  Reflect.deleteProperty(navigator, 'serviceWorker');
});

describe('Web Push on this device', () => {
  it('subscribes with the server key, registers the device as a push channel, and turns it off again', async () => {
    const { endpoint, calls } = fakeBrowserPush();
    const user = await signUpForTest();
    const { public_key: key } = await unwrap(user.api.GET('/api/v1/notifications/push-key'));
    renderScreen(<NotificationSettingsScreen />, { api: user.api, route: '/settings/notifications', path: '/settings/notifications' });

    const push = await screen.findByRole('region', { name: 'Push auf diesem Gerät' }, SLOW);
    expect(await within(push).findByText('Push ist auf diesem Gerät aus.', {}, SLOW)).toBeInTheDocument();
    expect(within(push).queryByText(/Push braucht HTTPS/)).not.toBeInTheDocument();
    await userEvent.click(within(push).getByRole('button', { name: 'Push auf diesem Gerät einschalten' }));

    expect(await within(push).findByText('Push ist auf diesem Gerät an.', {}, SLOW)).toBeInTheDocument();
    expect(calls.permission).toBe(1);
    expect([...(calls.subscribedWith ?? [])]).toEqual([...vapidKeyToBytes(key)]);
    const [integration] = await unwrap(user.api.GET('/api/v1/integrations'));
    expect(integration).toMatchObject({ type: 'push', channel: 'push', config: { endpoint } });

    await userEvent.click(within(push).getByRole('button', { name: 'Push auf diesem Gerät ausschalten' }));
    expect(await within(push).findByText('Push ist auf diesem Gerät aus.', {}, SLOW)).toBeInTheDocument();
    expect(calls.unsubscribed).toBe(1);
    await waitFor(async () => expect(await unwrap(user.api.GET('/api/v1/integrations'))).toEqual([]));
  });
});
