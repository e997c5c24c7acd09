/**
 * Receiving the bot's updates on a real database: exactly one receiver polls across processes (a
 * lease), another takes over when it stops renewing, the stored offset means no update is lost or
 * handed over twice across a restart; webhook mode registers the secret and the route checks it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../app/test-app.ts';
import { createOutboundHttp } from '../../shared/http/outbound.ts';
import { botIdOf, createTelegramBotApi } from '../notifications/drivers/telegram/telegram.api.ts';
import { startTelegramFake, type TelegramFake } from '../notifications/drivers/telegram/testing/telegram-fake.ts';
import { enqueueTelegramEvents } from './telegram.jobs.ts';
import { createTelegramPoller, type TelegramPollerSettings } from './telegram.poller.ts';
import { createTelegramRepository } from './telegram.repository.ts';

const START = '2026-11-25T10:00:00.000Z';
const CHAT = { id: 6_660_001, language_code: 'de' };

describe('telegram receiver in polling mode', () => {
  let fake: TelegramFake;
  let testApp: TestApp;

  beforeAll(async () => {
    fake = await startTelegramFake();
    testApp = await createTestApp({ config: { telegramBotToken: fake.token, telegramApiUrl: fake.apiUrl, telegramUpdates: 'polling' } });
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });
  beforeEach(async () => {
    testApp.clock.set(START);
    // Each test starts with nobody holding the lease and nothing queued at Telegram.
    await testApp.database.db.deleteFrom('telegram_update_state').execute();
    await testApp.database.db.deleteFrom('jobs').where('name', '=', 'telegram.handle_update').execute();
    fake.takeUpdates();
  });

  function receiver(holderId: string, settings: Partial<TelegramPollerSettings> = {}) {
    return createTelegramPoller({
      api: createTelegramBotApi({ baseUrl: fake.apiUrl, token: fake.token, http: createOutboundHttp({ allowPrivateTargets: true }) }),
      repository: createTelegramRepository(testApp.database),
      handle: testApp.database,
      botId: botIdOf(fake.token),
      mode: 'polling',
      deliver: (trx, events) => enqueueTelegramEvents(testApp.container.jobs.queue, trx, events),
      clock: testApp.clock,
      logger: testApp.container.logger,
      holderId,
      settings,
    });
  }
  const getUpdates = () => fake.requests.filter((request) => request.method === 'getUpdates');
  const handedOver = async () =>
    (await testApp.database.db.selectFrom('jobs').select('idempotency_key').where('name', '=', 'telegram.handle_update').orderBy('idempotency_key').execute()).map((row) => row.idempotency_key);

  it('lets exactly one of two receivers poll; the other takes over from the stored offset once the lease expires', async () => {
    const a = receiver('process-a');
    const b = receiver('process-b');
    const first = fake.userSends(CHAT, 'eins');
    const polledBefore = getUpdates().length;
    expect(await a.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, updates: 1, events: 1 });
    expect(await b.pollOnce({ timeoutSeconds: 0 })).toEqual({ held: false });
    expect(getUpdates().length - polledBefore).toBe(1);

    const second = fake.userSends(CHAT, 'zwei');
    expect(await b.pollOnce({ timeoutSeconds: 0 })).toEqual({ held: false });
    expect(await a.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, updates: 1 });
    expect(getUpdates().at(-1)?.params.offset).toBe(first + 1);

    // A stops renewing (it died): after the lease time B takes over, from where A left off.
    testApp.clock.advance(60_001);
    const third = fake.userSends(CHAT, 'drei');
    expect(await b.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, updates: 1 });
    expect(getUpdates().at(-1)?.params.offset).toBe(second + 1);
    expect(await a.pollOnce({ timeoutSeconds: 0 })).toEqual({ held: false });
    const state = await testApp.database.db.selectFrom('telegram_update_state').selectAll().executeTakeFirstOrThrow();
    expect(state).toMatchObject({ holder: 'process-b', update_offset: third + 1 });
    expect(await handedOver()).toHaveLength(3);
  });

  it('does not let a receiver whose lease was taken over confirm anything', async () => {
    const a = receiver('process-a');
    const b = receiver('process-b');
    expect(await a.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true });
    // A waits in a long poll while its lease runs out and B takes over: Telegram ends A's poll (409), B gets the update.
    const polled = getUpdates().length;
    const waiting = a.pollOnce({ timeoutSeconds: 5 }).then(() => undefined, (error: unknown) => error);
    for (let waited = 0; getUpdates().length === polled && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    testApp.clock.advance(60_001);
    expect(await b.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, updates: 0 });
    expect(await waiting).toMatchObject({ refusal: 'conflict' });
    fake.userSends(CHAT, 'nach der Übernahme');
    expect(await b.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, updates: 1 });
    expect(await a.pollOnce({ timeoutSeconds: 0 })).toEqual({ held: false });
    expect(await handedOver()).toHaveLength(1);
  });

  it('hands every update over exactly once while two receivers run side by side, and never polls twice at a time', async () => {
    const settings = { pollTimeoutSeconds: 1, standbyMs: 50 };
    const a = receiver('process-a', settings);
    const b = receiver('process-b', settings);
    const conflictsBefore = getUpdates().filter((request) => request.status === 409).length;
    a.start();
    b.start();
    try {
      for (let index = 0; index < 5; index += 1) {
        fake.userSends(CHAT, `Nachricht ${index}`);
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
      for (let waited = 0; (await handedOver()).length < 5 && waited < 5_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await a.stop();
      await b.stop();
    }
    const keys = await handedOver();
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(5);
    expect(getUpdates().filter((request) => request.status === 409).length).toBe(conflictsBefore);
    // Stopping hands the lease on at once instead of after its expiry.
    expect((await testApp.database.db.selectFrom('telegram_update_state').select('holder').executeTakeFirstOrThrow()).holder).toBeNull();
  });

  it('starts again after a restart from the stored offset, and leaves out an offset older than Telegram keeps updates', async () => {
    const before = receiver('before-restart');
    const first = fake.userSends(CHAT, 'vor dem Neustart');
    expect(await before.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, updates: 1 });
    before.start();
    await before.stop();

    const after = receiver('after-restart');
    fake.userSends(CHAT, 'nach dem Neustart');
    expect(await after.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, updates: 1, events: 1 });
    expect(getUpdates().at(-1)?.params.offset).toBe(first + 1);
    expect(await handedOver()).toHaveLength(2);

    // The running loop's next poll confirms it; then a day passes without a message.
    expect(await after.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, updates: 0 });
    testApp.clock.advance(25 * 3_600_000);
    expect(await after.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, updates: 0 });
    expect(getUpdates().at(-1)?.params).not.toHaveProperty('offset');
  });

  it('reads a batch larger than the outbound limit one update at a time', async () => {
    const a = receiver('process-a');
    for (let index = 0; index < 20; index += 1) fake.userSends(CHAT, `${index} ${'ü'.repeat(2_000)}`);
    let handed = 0;
    for (let round = 0; round < 25 && handed < 20; round += 1) {
      const outcome = await a.pollOnce({ timeoutSeconds: 0 });
      if (outcome.held) handed += outcome.updates;
    }
    expect(handed).toBe(20);
    expect(await handedOver()).toHaveLength(20);
  });
});

describe('telegram receiver in webhook mode', () => {
  let fake: TelegramFake;
  let testApp: TestApp;

  beforeAll(async () => {
    fake = await startTelegramFake();
    testApp = await createTestApp({ config: { telegramBotToken: fake.token, telegramApiUrl: fake.apiUrl, telegramUpdates: 'auto', publicUrl: 'https://workmate.example' } });
  });
  afterAll(async () => {
    await testApp.close();
    await fake.close();
  });

  const post = (update: unknown, headers: Record<string, string>) =>
    testApp.app.inject({ method: 'POST', url: '/hooks/telegram', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(update) });

  it('registers the webhook with its secret, and the route takes only updates that carry it, each once', async () => {
    expect(await testApp.container.telegramPoller!.pollOnce({ timeoutSeconds: 0 })).toEqual({ held: true, mode: 'webhook', updates: 0, events: 0 });
    expect(fake.webhook).toEqual({ url: 'https://workmate.example/hooks/telegram', secret_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), allowed_updates: ['message', 'callback_query'] });
    const secret = fake.webhook!.secret_token!;

    const mia = await signUp(testApp, 'mia');
    const { code } = (await testApp.app.inject({ method: 'POST', url: '/api/v1/integrations/telegram/link', headers: mia.headers })).json<{ code: string }>();
    fake.userSends({ id: 6_660_002 }, `/start ${code}`);
    const [update] = fake.takeUpdates();

    expect((await post(update, {})).statusCode).toBe(401);
    expect((await post(update, { 'x-telegram-bot-api-secret-token': `${secret.slice(0, -1)}x` })).statusCode).toBe(401);
    expect((await post({ message: {} }, { 'x-telegram-bot-api-secret-token': secret })).statusCode).toBe(400);
    // Telegram sends an update again until it gets a 2xx: the second one adds nothing.
    expect((await post(update, { 'x-telegram-bot-api-secret-token': secret })).statusCode).toBe(204);
    expect((await post(update, { 'x-telegram-bot-api-secret-token': secret })).statusCode).toBe(204);
    expect(await testApp.database.db.selectFrom('jobs').select('id').where('name', '=', 'telegram.handle_update').execute()).toHaveLength(1);
    await testApp.container.jobs.createWorker().runUntilIdle();
    const integrations = (await testApp.app.inject({ url: '/api/v1/integrations', headers: mia.headers })).json<{ type: string; config: unknown }[]>();
    expect(integrations.find((integration) => integration.type === 'telegram')?.config).toEqual({ chat_id: 6_660_002 });
  });

  it('polls instead when Telegram refuses the webhook address (mode auto), deleting the webhook first', async () => {
    const refused = await createTestApp({ config: { telegramBotToken: fake.token, telegramApiUrl: fake.apiUrl, telegramUpdates: 'auto', publicUrl: 'https://workmate.example:8080' }, database: testApp.database });
    try {
      await testApp.database.db.deleteFrom('telegram_update_state').execute();
      expect(await refused.container.telegramPoller!.pollOnce({ timeoutSeconds: 0 })).toMatchObject({ held: true, mode: 'polling' });
      expect(fake.webhook).toBeUndefined();
      expect(fake.requests.map((request) => request.method).slice(-3)).toEqual(['setWebhook', 'deleteWebhook', 'getUpdates']);
    } finally {
      await refused.close();
    }
  });
});
