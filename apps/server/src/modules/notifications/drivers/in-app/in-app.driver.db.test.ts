/**
 * The in-app channel passes the channel contract against the real notification centre: what a
 * driver sends is what GET /api/v1/notifications shows the user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type SignedIn, type TestApp } from '../../../../app/test-app.ts';
import { channelDriverTestSuite, sampleMessage, type ChannelHarness, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import type { InAppConfig } from './in-app.driver.ts';

let testApp: TestApp;
let users = 0;

beforeAll(async () => {
  testApp = await createTestApp({ config: { publicUrl: 'https://workmate.example' } });
});
afterAll(async () => testApp.close());

interface Listed { title: string; body: string; action_url: string; created_at: string }

/** What the person sees in the notification centre, oldest first. */
async function centre(user: SignedIn): Promise<ReceivedMessage[]> {
  const listed = (await testApp.app.inject({ method: 'GET', url: '/api/v1/notifications?page_size=100', headers: user.headers })).json<{ results: Listed[] }>().results;
  return listed.reverse().map((item) => ({ text: `${item.title}\n${item.body}`, urls: [new URL(item.action_url, 'https://workmate.example').toString()] }));
}

async function harness(): Promise<ChannelHarness<InAppConfig, Record<string, never>>> {
  users += 1;
  const user = await signUp(testApp, `inapp${users}`);
  return {
    driver: testApp.container.inApp,
    target: { config: { user_id: user.userId }, credentials: {} },
    received: async ({ count = 1, waitMs = 5_000 } = {}) => {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const seen = await centre(user);
        if (seen.length >= count || Date.now() > deadline) return seen;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => undefined,
  };
}

channelDriverTestSuite<InAppConfig, Record<string, never>>('in_app', harness);

describe('in-app driver: beyond the contract', () => {
  it('refuses a target without an account, as a settings error', async () => {
    const error = await testApp.container.inApp
      .send(sampleMessage(), { config: { user_id: 'not-a-uuid' }, credentials: {} }, { signal: new AbortController().signal, timeoutMs: 1_000 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'DeliveryError', kind: 'configuration' });
  });

  it('keeps a link to another site whole and a link into the app as a path', async () => {
    const { target } = await harness();
    await testApp.container.inApp.send(sampleMessage({ url: 'https://bank.example/pay?x=1' }), target, { signal: new AbortController().signal, timeoutMs: 1_000 });
    await testApp.container.inApp.send(sampleMessage({ url: 'https://workmate.example/tasks/abc?from=push' }), target, { signal: new AbortController().signal, timeoutMs: 1_000 });
    const rows = await testApp.database.db.selectFrom('notification_firings').select('action_url').where('user_id', '=', target.config.user_id).orderBy('created_at').execute();
    expect(rows.map((row) => row.action_url)).toEqual(['https://bank.example/pay?x=1', '/tasks/abc?from=push']);
  });
});
