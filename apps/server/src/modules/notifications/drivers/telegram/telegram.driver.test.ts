import { afterEach, describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { createOutboundHttp } from '../../../../shared/http/outbound.ts';
import { channelDriverTestSuite, FOREIGN_BODY_CANARY, sampleMessage, type ReceivedMessage } from '../../channel-drivers.test-suite.ts';
import { DeliveryError, type ChannelMessage } from '../../notifications.types.ts';
import { createTelegramBotApi } from './telegram.api.ts';
import { createTelegramDriver, type TelegramConfig, type TelegramCredentials } from './telegram.driver.ts';
import { createTelegramLimiter, type TelegramLimiter } from './telegram.limiter.ts';
import { startTelegramFake, type SentMessage, type TelegramFake } from './testing/telegram-fake.ts';

const CHAT = { id: 424242, username: 'anna_m', first_name: 'Anna', language_code: 'de' };

/** What a person sees in the chat: the text and the buttons' labels; the links are the buttons' and the text's. */
function asSeen(message: SentMessage): ReceivedMessage {
  const buttons = message.inline_keyboard.flat();
  return {
    text: [message.text, ...buttons.map((button) => button.text)].join('\n'),
    urls: [...buttons.flatMap((button) => (button.url ? [button.url] : [])), ...(message.text.match(/https?:\/\/\S+/g) ?? [])],
    silent: message.disable_notification,
  };
}

function driverFor(fake: TelegramFake, limiter: TelegramLimiter = createTelegramLimiter()) {
  const api = createTelegramBotApi({ baseUrl: fake.apiUrl, token: fake.token, http: createOutboundHttp({ allowPrivateTargets: true }) });
  return createTelegramDriver({ api, limiter });
}

channelDriverTestSuite<TelegramConfig, TelegramCredentials>('telegram (bot API fake)', async () => {
  const fake = await startTelegramFake({ foreignBodyMarker: FOREIGN_BODY_CANARY });
  fake.addChat(CHAT);
  return {
    driver: driverFor(fake),
    target: { config: { chat_id: CHAT.id, username: CHAT.username }, credentials: {} },
    received: async ({ count = 1, waitMs = 5_000 } = {}) => (await fake.waitForSent(count, waitMs)).map(asSeen),
    failNextWithError: () => fake.failNextWithError(),
    hangNext: () => fake.hangNext(),
    rateLimitNext: (seconds: number) => fake.rateLimitNext(seconds),
    close: () => fake.close(),
  };
});

describe('telegram driver: beyond the contract', () => {
  let fake: TelegramFake | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function setUp(options: { limiter?: TelegramLimiter } = {}) {
    fake = await startTelegramFake({ foreignBodyMarker: FOREIGN_BODY_CANARY });
    fake.addChat(CHAT);
    const driver = driverFor(fake, options.limiter);
    const target = { config: { chat_id: CHAT.id }, credentials: {} };
    const send = (message: ChannelMessage = sampleMessage(), timeoutMs = 5_000, chatId = CHAT.id) =>
      driver.send(message, { ...target, config: { chat_id: chatId } }, { signal: new AbortController().signal, timeoutMs });
    const failure = (message?: ChannelMessage, timeoutMs?: number, chatId?: number) =>
      send(message, timeoutMs, chatId).then(
        () => expect.unreachable('the delivery should have failed'),
        (caught: unknown) => {
          expect(caught).toBeInstanceOf(DeliveryError);
          const error = caught as DeliveryError;
          expect(error.message).not.toContain(FOREIGN_BODY_CANARY);
          expect(error.message).not.toContain(fake!.token);
          return error;
        },
      );
    return { fake, driver, send, failure };
  }

  it('delivers on the telegram channel as telegram-bot, without claiming to deduplicate', async () => {
    const { driver } = await setUp();
    expect(driver).toMatchObject({ channel: 'telegram', name: 'telegram-bot', deduplicates: false });
  });

  it('posts exactly the documented sendMessage: bold title, body, no preview, done/snooze callbacks and the open button', async () => {
    const { send, fake } = await setUp();
    const message = sampleMessage();
    const receipt = await send(message);
    const request = fake.requests.find((entry) => entry.method === 'sendMessage');
    const firingHex = message.references.notificationId.replace(/-/g, '');
    expect(request?.params).toEqual({
      chat_id: CHAT.id,
      text: `${message.title}\n${message.body}`,
      entities: [{ type: 'bold', offset: 0, length: message.title.length }],
      link_preview_options: { is_disabled: true },
      disable_notification: false,
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Erledigt', callback_data: `d:${firingHex}` },
            { text: 'Später erinnern', callback_data: `s:${firingHex}` },
          ],
          [{ text: 'In Workmate öffnen', url: message.url }],
        ],
      },
    });
    expect(receipt.providerMessageId).toBe(String(fake.sent[0]?.message_id));
  });

  it('asks for no sound when the message is silent, and labels the open button in English for English messages', async () => {
    const { send, fake } = await setUp();
    await send(sampleMessage({ silent: true, language: 'en', actions: [] }));
    const [sent] = await fake.waitForSent(1, 2_000);
    expect(sent?.disable_notification).toBe(true);
    expect(sent?.inline_keyboard).toEqual([[{ text: 'Open in Workmate', url: sampleMessage().url }]]);
  });

  it('keeps a discreet message to its discreet words, buttons allowed', async () => {
    const { send, fake } = await setUp();
    await send(sampleMessage({ discreet: true, title: 'Workmate', body: 'Workmate: 1 Sache braucht dich' }));
    const [sent] = await fake.waitForSent(1, 2_000);
    expect(sent?.text).toBe('Workmate\nWorkmate: 1 Sache braucht dich');
    expect(JSON.stringify(sent?.params)).not.toMatch(/Telekom|89,99|Rechnung/);
    expect(sent?.inline_keyboard[0]?.map((button) => button.text)).toEqual(['Erledigt', 'Später erinnern']);
  });

  it('puts a link Telegram would refuse as a button (localhost, a LAN address) at the end of the text instead', async () => {
    const { send, fake } = await setUp();
    await send(sampleMessage({ url: 'http://localhost:8080/tasks/0b7e2c1a-0000-4000-8000-000000000001', actions: [] }));
    await send(sampleMessage({ url: 'http://192.168.1.5:8080/today', actions: [] }));
    const sent = await fake.waitForSent(2, 3_000);
    expect(sent[0]?.text.endsWith('\n\nhttp://localhost:8080/tasks/0b7e2c1a-0000-4000-8000-000000000001')).toBe(true);
    expect(sent[0]?.inline_keyboard).toEqual([]);
    expect(sent[1]?.text.endsWith('\n\nhttp://192.168.1.5:8080/today')).toBe(true);
  });

  it('shortens a body beyond 4096 characters instead of losing the message, titles with emoji counted in UTF-16', async () => {
    const { send, fake } = await setUp();
    const title = '🧾 Stadtwerke 💶';
    await send(sampleMessage({ title, body: 'ä'.repeat(5_000) }));
    const [sent] = await fake.waitForSent(1, 2_000);
    expect(sent?.text.length).toBe(4096);
    expect(sent?.text.endsWith('…')).toBe(true);
    expect(sent?.entities).toEqual([{ type: 'bold', offset: 0, length: title.length }]);
  });

  it.each([
    ['a user who blocked the bot', 'gone', (fake: TelegramFake) => fake.block(CHAT.id), /blocked/],
    ['a chat the bot does not know', 'gone', () => undefined, /chat not found/],
    ['a wrong bot token', 'configuration', (fake: TelegramFake) => fake.answerNext('sendMessage', 401, { ok: false, error_code: 401, description: `Unauthorized ${FOREIGN_BODY_CANARY}` }), /WORKMATE_TELEGRAM_BOT_TOKEN/],
    ['a message Telegram refuses', 'configuration', (fake: TelegramFake) => fake.answerNext('sendMessage', 400, { ok: false, error_code: 400, description: `Bad Request: ${FOREIGN_BODY_CANARY}` }), /refused the message \(400\)/],
    ['a gateway error without the Bot API body', 'provider', (fake: TelegramFake) => fake.answerNext('sendMessage', 502, `<html>${FOREIGN_BODY_CANARY}</html>`), /502/],
  ] as const)('reports %s as %s, in its own words', async (_case, kind, arrange, words) => {
    const { failure, fake } = await setUp();
    arrange(fake);
    const error = await failure(sampleMessage(), 5_000, _case.includes('does not know') ? 999 : CHAT.id);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(words);
    expect(error.message).not.toContain('Forbidden: bot was blocked by the user');
  });

  it('holds a chat back for the time a 429 asked for, without blocking other chats', async () => {
    const { failure, send, fake } = await setUp();
    fake.addChat({ id: 777 });
    fake.rateLimitNext(3);
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_000 });
    // The same chat now waits ~3 s: within a 2 s attempt that cannot be, so it is refused at once.
    const started = performance.now();
    const again = await failure(sampleMessage(), 2_000);
    expect(again.kind).toBe('rate_limited');
    expect(again.retryAfterMs).toBeGreaterThan(2_000);
    expect(performance.now() - started).toBeLessThan(500);
    await send(sampleMessage(), 5_000, 777);
    expect(fake.sent.map((message) => message.chat_id)).toEqual([777]);
  });

  it('keeps one message per second to a chat: the second waits its turn within the attempt', async () => {
    const { send, fake } = await setUp();
    const started = performance.now();
    await send(sampleMessage({ title: 'Eins' }));
    await send(sampleMessage({ title: 'Zwei' }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.sent.map((message) => message.text.split('\n')[0])).toEqual(['Eins', 'Zwei']);
  });

  it('refuses settings without a linked chat before contacting Telegram', async () => {
    const { driver, fake } = await setUp();
    for (const config of [{}, { chat_id: 'abc' }, { chat_id: 1.5 }, { chat_id: 1, extra: true }]) {
      const error = await driver.send(sampleMessage(), { config: config as TelegramConfig, credentials: {} }, { signal: new AbortController().signal, timeoutMs: 2_000 }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'configuration' });
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('reports an unreachable Telegram as a retryable provider error that names no URL', async () => {
    const { failure, fake } = await setUp();
    await fake.close();
    const error = await failure();
    expect(error.kind).toBe('provider');
    expect(error.message).not.toContain('/bot');
  });

  it('takes only integer chat ids and an optional user name as settings', async () => {
    const { driver } = await setUp();
    expect(Value.Check(driver.configSchema, { chat_id: 424242, username: 'anna_m' })).toBe(true);
    expect(Value.Check(driver.configSchema, { chat_id: -1001234567890 })).toBe(true);
    expect(Value.Check(driver.configSchema, { chat_id: '424242' })).toBe(false);
    expect(Value.Check(driver.configSchema, { chat_id: 1, username: 'no spaces' })).toBe(false);
    expect(Value.Check(driver.credentialsSchema, {})).toBe(true);
    expect(Value.Check(driver.credentialsSchema, { token: 'x' })).toBe(false);
  });
});
