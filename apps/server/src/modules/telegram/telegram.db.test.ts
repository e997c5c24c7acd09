/**
 * Telegram end to end on a real database, against the Bot API fake: linking a chat with a one-time
 * code received through getUpdates, a reminder delivered with its buttons, a button press received
 * the same way that snoozes or completes the reminder, codes that do not link, a blocked bot, the
 * integrations API refusing hand-made Telegram settings, and the link route's errors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { parseCallbackData } from '../notifications/drivers/telegram/telegram.models.ts';
import { startTelegramFake, type FakeChat, type SentMessage, type TelegramFake } from '../notifications/drivers/telegram/testing/telegram-fake.ts';
import { botIdOf } from '../notifications/drivers/telegram/telegram.api.ts';

const START = '2026-11-25T10:00:00.000Z';

let fake: TelegramFake;
let testApp: TestApp;

beforeAll(async () => {
  fake = await startTelegramFake();
  testApp = await createTestApp({ config: { telegramBotToken: fake.token, telegramApiUrl: fake.apiUrl, telegramUpdates: 'polling', publicUrl: 'https://workmate.example' } });
});
afterAll(async () => {
  await testApp.close();
  await fake.close();
});
beforeEach(() => testApp.clock.set(START));

const api = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const runWorker = () => testApp.container.jobs.createWorker().runUntilIdle();
/** What the bot does when Telegram has something for it: one getUpdates, then the jobs it queued. */
async function receive() {
  const outcome = await testApp.container.telegramPoller!.pollOnce({ timeoutSeconds: 0 });
  await runWorker();
  return outcome;
}
const sentTo = (chatId: number) => fake.sent.filter((message) => message.chat_id === chatId);
const buttonsOf = (message: SentMessage | undefined) => (message?.inline_keyboard ?? []).flat();

async function newUser(name: string, options: { language?: 'de' | 'en' } = {}) {
  const who = await signUp(testApp, name);
  const response = await api(who, 'PATCH', '/api/v1/users/me', {
    timezone: 'Europe/Berlin',
    ...(options.language ? { language: options.language } : {}),
    notification_preferences: { channels: { telegram: true }, channels_by_severity: { warning: ['telegram'], urgent: ['telegram'] } },
  });
  expect(response.statusCode).toBe(200);
  return who;
}

async function linkCode(who: SignedIn) {
  const response = await api(who, 'POST', '/api/v1/integrations/telegram/link');
  expect(response.statusCode).toBe(201);
  return response.json<{ code: string; url: string; bot_username: string; expires_at: string }>();
}

async function link(who: SignedIn, chat: FakeChat) {
  const { code } = await linkCode(who);
  fake.userSends(chat, `/start ${code}`);
  await receive();
}

async function telegramIntegrations(who: SignedIn) {
  const list = (await api(who, 'GET', '/api/v1/integrations')).json<{ id: string; type: string; channel: string; name: string; enabled: boolean; config: Record<string, unknown>; sync_status: string; error: string | null }[]>();
  return list.filter((integration) => integration.type === 'telegram');
}

/** A payment task whose first warning is then due; the worker fires it. */
async function fireWarning(name: string, title: string) {
  let who = await logIn(testApp, name);
  const created = await api(who, 'POST', '/api/v1/tasks', { title, due_date: '2026-11-30', amount: '89.99' });
  expect(created.statusCode).toBe(201);
  const taskId = created.json<{ id: string }>().id;
  const warning = (await timeline(who, taskId)).find((reminder) => reminder.severity === 'warning' && reminder.status === 'pending')!;
  expect(warning.channels).toEqual(['in_app', 'telegram']);
  testApp.clock.set(new Date(new Date(warning.trigger_at).getTime() + 1_000));
  who = await logIn(testApp, name);
  await runWorker();
  return { who, taskId, warning };
}

async function timeline(who: SignedIn, taskId: string) {
  const response = await api(who, 'GET', `/api/v1/tasks/${taskId}/reminders`);
  expect(response.statusCode).toBe(200);
  return response.json<{ reminders: { id: string; trigger_at: string; fires_at: string | null; severity: string; channels: string[]; status: string; snoozed_until: string | null }[] }>().reminders;
}

describe('telegram, end to end', () => {
  it('links a chat by /start <code>, delivers a reminder with buttons, and snoozes it when "later" is pressed', async () => {
    const anna = await newUser('anna');
    const chat = { id: 5_550_001, username: 'anna_m', first_name: 'Anna', language_code: 'de' };

    const { code, url, bot_username, expires_at } = await linkCode(anna);
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(bot_username).toBe(fake.bot.username);
    expect(url).toBe(`https://t.me/${fake.bot.username}?start=${code}`);
    expect(expires_at).toBe('2026-11-25T10:10:00.000Z');
    const stored = await testApp.database.db.selectFrom('telegram_link_codes').select('code_hash').execute();
    expect(stored.some((row) => row.code_hash.includes(code))).toBe(false);

    const updateId = fake.userSends(chat, `/start ${code}`);
    expect(await testApp.container.telegramPoller!.pollOnce({ timeoutSeconds: 0 })).toEqual({ held: true, mode: 'polling', updates: 1, events: 1 });
    await runWorker();
    const [linked] = await telegramIntegrations(anna);
    expect(linked).toMatchObject({ channel: 'telegram', name: 'Telegram @anna_m', enabled: true, config: { chat_id: chat.id, username: 'anna_m' } });
    expect(sentTo(chat.id).at(-1)?.text).toMatch(/^Verbunden!/);
    const state = await testApp.database.db.selectFrom('telegram_update_state').selectAll().where('bot_id', '=', botIdOf(fake.token)).executeTakeFirstOrThrow();
    expect(state.update_offset).toBe(updateId + 1);

    const { who, taskId, warning } = await fireWarning('anna', 'Telekom bezahlen');
    const message = sentTo(chat.id).at(-1)!;
    expect(message.text).toContain('89,99 €');
    expect(message.link_preview_disabled).toBe(true);
    const notifications = (await api(who, 'GET', '/api/v1/notifications')).json<{ results: { id: string; deliveries: { channel: string; status: string }[] }[] }>().results;
    const firing = notifications[0]!;
    expect(firing.deliveries.map((delivery) => `${delivery.channel}:${delivery.status}`).sort()).toEqual(['in_app:sent', 'telegram:sent']);
    const [done, later, open] = buttonsOf(message);
    expect(parseCallbackData(done?.callback_data ?? '')).toEqual({ action: 'done', firingId: firing.id });
    expect(parseCallbackData(later?.callback_data ?? '')).toEqual({ action: 'snooze', firingId: firing.id });
    expect(open?.url).toBe(`https://workmate.example/tasks/${taskId}`);

    const press = fake.userPresses(chat.id, message.message_id, later!.callback_data!);
    await receive();
    expect(fake.callbackAnswers).toContainEqual({ callback_query_id: press.callbackQueryId, text: 'Später ✓' });
    const reply = sentTo(chat.id).at(-1)!;
    expect(reply.reply_to).toBe(message.message_id);
    expect(reply.text).toBe('⏰ Alles klar, ich erinnere dich am Freitag, 27. November, um 09:00 wieder.');

    const snoozed = (await timeline(await logIn(testApp, 'anna'), taskId)).find((reminder) => reminder.id === warning.id)!;
    // Tomorrow morning: the start of the waking hours, 09:00 in Berlin.
    expect(snoozed).toMatchObject({ status: 'pending', snoozed_until: '2026-11-27T08:00:00.000Z', fires_at: '2026-11-27T08:00:00.000Z' });
  });

  it('completes the task when "done" is pressed; pressing it again changes nothing', async () => {
    await newUser('carla', { language: 'en' });
    const chat = { id: 5_550_002, language_code: 'en' };
    await link(await logIn(testApp, 'carla'), chat);
    const { who, taskId } = await fireWarning('carla', 'Renew passport');
    const message = sentTo(chat.id).at(-1)!;
    const done = buttonsOf(message).find((button) => button.callback_data?.startsWith('d:'))!;

    fake.userPresses(chat.id, message.message_id, done.callback_data!);
    await receive();
    expect(sentTo(chat.id).at(-1)?.text).toBe('✅ Done. No more reminders about it.');
    expect((await api(who, 'GET', `/api/v1/tasks/${taskId}`)).json<{ status: string }>().status).toBe('done');
    expect((await timeline(who, taskId)).filter((reminder) => reminder.status === 'pending')).toEqual([]);

    const again = fake.userPresses(chat.id, message.message_id, done.callback_data!);
    await receive();
    expect(fake.callbackAnswers.at(-1)).toEqual({ callback_query_id: again.callbackQueryId, text: 'Done ✓' });
    expect((await api(who, 'GET', `/api/v1/tasks/${taskId}`)).json<{ status: string }>().status).toBe('done');
    // "Later" on a done task is refused by the reminders module and said so.
    const later = buttonsOf(message).find((button) => button.callback_data?.startsWith('s:'))!;
    const refused = fake.userPresses(chat.id, message.message_id, later.callback_data!);
    await receive();
    expect(fake.callbackAnswers.at(-1)).toEqual({ callback_query_id: refused.callbackQueryId, text: 'This task is already done.' });
  });

  it("ignores a press from a chat that is not linked to the reminder's user", async () => {
    await newUser('dora');
    const dorasChat = { id: 5_550_003 };
    await link(await logIn(testApp, 'dora'), dorasChat);
    const { who, taskId, warning } = await fireWarning('dora', 'Miete überweisen');
    const data = buttonsOf(sentTo(dorasChat.id).at(-1)).find((button) => button.callback_data?.startsWith('s:'))!.callback_data!;

    await newUser('erik');
    const eriksChat = { id: 5_550_004 };
    await link(await logIn(testApp, 'erik'), eriksChat);
    // A client that sends Dora's button data from Erik's chat (Telegram's own clients cannot): the event as the bot would get it.
    await testApp.container.usecases.telegram.handleEvent({ kind: 'callback', callback_id: '9001', chat_id: eriksChat.id, message_id: 1, data });
    const after = (await timeline(who, taskId)).find((reminder) => reminder.id === warning.id);
    expect(after?.snoozed_until).toBeNull();
    expect(after?.status).toBe('sent');
  });

  it('refuses a wrong, an expired and a used code politely, links only private chats, and handles a replayed update once', async () => {
    const fritz = await newUser('fritz');
    const chat = { id: 5_550_005, language_code: 'en' };
    fake.userSends(chat, '/start not-a-real-code');
    await receive();
    expect(sentTo(chat.id).at(-1)?.text).toMatch(/^This code is invalid or has expired/);

    const expired = await linkCode(fritz);
    testApp.clock.advance(10 * 60_000 + 1);
    fake.userSends(chat, `/start ${expired.code}`);
    await receive();
    expect(sentTo(chat.id).at(-1)?.text).toMatch(/^This code is invalid or has expired/);
    expect(await telegramIntegrations(await logIn(testApp, 'fritz'))).toEqual([]);

    const group = { id: -1_009_876_543_210, type: 'group' as const, language_code: 'de' };
    const forGroup = await linkCode(await logIn(testApp, 'fritz'));
    fake.userSends(group, `/start ${forGroup.code}`);
    await receive();
    expect(sentTo(group.id).at(-1)?.text).toMatch(/privaten Chat/);

    const fresh = await linkCode(await logIn(testApp, 'fritz'));
    fake.userSends(chat, `/start ${fresh.code}`);
    await receive();
    expect(await telegramIntegrations(await logIn(testApp, 'fritz'))).toHaveLength(1);
    // The same update handled again (a job run twice) links the same chat again; another chat cannot use the code.
    const event = { kind: 'start' as const, chat_id: chat.id, message_id: 999, private: true, code: fresh.code };
    await testApp.container.usecases.telegram.handleEvent(event);
    expect(await telegramIntegrations(await logIn(testApp, 'fritz'))).toHaveLength(1);
    const other = { id: 5_550_006, language_code: 'en' };
    fake.userSends(other, `/start ${fresh.code}`);
    await receive();
    expect(sentTo(other.id).at(-1)?.text).toMatch(/^This code is invalid or has expired/);

    fake.userSends(chat, 'hello bot');
    await receive();
    expect(sentTo(chat.id).at(-1)?.text).toMatch(/^Hello! I send you reminders from Workmate/);
  });

  it("links each user's code to that user only", async () => {
    const gina = await newUser('gina');
    const hans = await newUser('hans');
    const ginasCode = await linkCode(gina);
    const hansCode = await linkCode(hans);
    expect(ginasCode.code).not.toBe(hansCode.code);
    await link(gina, { id: 5_550_007 });
    expect(await telegramIntegrations(await logIn(testApp, 'hans'))).toEqual([]);
    expect((await telegramIntegrations(await logIn(testApp, 'gina')))[0]?.config).toEqual({ chat_id: 5_550_007 });
  });

  it('switches the channel off when the user blocked the bot, and on again when they link again', async () => {
    await newUser('ida');
    const chat = { id: 5_550_008 };
    await link(await logIn(testApp, 'ida'), chat);
    fake.block(chat.id);
    const { who } = await fireWarning('ida', 'Kita-Beitrag');
    const [blocked] = await telegramIntegrations(who);
    expect(blocked).toMatchObject({ enabled: false, sync_status: 'error' });
    expect(blocked?.error).toMatch(/blocked/);
    expect(blocked?.error).not.toContain('Forbidden: bot was blocked by the user');

    await link(who, chat);
    expect((await telegramIntegrations(await logIn(testApp, 'ida')))[0]).toMatchObject({ id: blocked?.id, enabled: true, sync_status: 'idle', error: null });
  });

  it('refuses Telegram settings made by hand: the chat comes from linking', async () => {
    const jan = await newUser('jan');
    const created = await api(jan, 'POST', '/api/v1/integrations', { type: 'telegram', config: { chat_id: 5_550_001 } });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ error: { code: 'integrations.link_required' } });
    expect(created.json<{ error: { message: string } }>().error.message).toContain('POST /api/v1/integrations/telegram/link');

    await link(jan, { id: 5_550_009 });
    const [integration] = await telegramIntegrations(jan);
    const patched = await api(jan, 'PATCH', `/api/v1/integrations/${integration!.id}`, { config: { chat_id: 5_550_001 } });
    expect(patched.statusCode).toBe(400);
    expect((await api(jan, 'PATCH', `/api/v1/integrations/${integration!.id}`, { name: 'Handy' })).statusCode).toBe(200);
    expect((await api(jan, 'POST', `/api/v1/integrations/${integration!.id}/test`)).json()).toMatchObject({ delivered: true });
    expect(sentTo(5_550_009).at(-1)?.text).toMatch(/^Workmate: Testnachricht/);
    expect((await api(jan, 'DELETE', `/api/v1/integrations/${integration!.id}`)).statusCode).toBe(204);
  });

  it('answers 502 naming the bot token when Telegram refuses it', async () => {
    const other = await createTestApp({ config: { telegramBotToken: '999:AAWrongTokenForWorkmateTests_0123456789', telegramApiUrl: fake.apiUrl, telegramUpdates: 'polling' } });
    try {
      const kim = await signUp(other, 'kim');
      const response = await other.app.inject({ method: 'POST', url: '/api/v1/integrations/telegram/link', headers: kim.headers });
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({ error: { code: 'telegram.bot_refused' } });
      expect(response.body).not.toContain('AAWrongToken');
    } finally {
      await other.close();
    }
  });
});

describe('telegram on an instance without a bot', () => {
  it('answers the link route with 409 naming the setting, offers no telegram type, and has no webhook', async () => {
    const plain = await createTestApp();
    try {
      const lena = await signUp(plain, 'lena');
      const response = await plain.app.inject({ method: 'POST', url: '/api/v1/integrations/telegram/link', headers: lena.headers });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'telegram.not_configured' } });
      expect(response.json<{ error: { message: string } }>().error.message).toContain('WORKMATE_TELEGRAM_BOT_TOKEN');
      const created = await plain.app.inject({ method: 'POST', url: '/api/v1/integrations', headers: lena.headers, payload: { type: 'telegram', config: { chat_id: 1 } } });
      expect(created.json()).toMatchObject({ error: { code: 'integrations.unknown_type' } });
      expect((await plain.app.inject({ method: 'POST', url: '/hooks/telegram', payload: { update_id: 1 } })).statusCode).toBe(404);
      expect(plain.container.telegramPoller).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
