/**
 * The provider channels as a user meets them: each is set up through POST /api/v1/integrations
 * (its config checked by the driver's schema, its secrets sealed), answers POST /{id}/test by
 * reaching the local fake of its provider, and is switched on in the user's preferences. A reminder
 * that one channel cannot deliver falls through to the next channel in the user's own order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { startDiscordFake, type DiscordFake } from '../notifications/drivers/discord/testing/discord-fake.ts';
import { FAKE_HA_TOKEN, startHomeAssistantFake } from '../notifications/drivers/homeassistant/testing/homeassistant-fake.ts';
import { startNtfyFake, type NtfyFake } from '../notifications/drivers/ntfy/testing/ntfy-fake.ts';
import { startSignalFake, type SignalFake } from '../notifications/drivers/signal/testing/signal-fake.ts';
import { FAKE_TWILIO, startSmsFake, type SmsFake } from '../notifications/drivers/sms/testing/sms-fake.ts';
import { startWhatsAppFake } from '../notifications/drivers/whatsapp/testing/whatsapp-fake.ts';

let testApp: TestApp;
let anna: SignedIn;
const closers: (() => Promise<void>)[] = [];
let ntfy: NtfyFake;
let discord: DiscordFake;
let signal: SignalFake;
let sms: SmsFake;

beforeAll(async () => {
  // One user: LAN targets (the fakes on 127.0.0.1) are allowed, as on a family's own server.
  testApp = await createTestApp();
  anna = await signUp(testApp, 'anna');
});
afterAll(async () => {
  for (const close of closers) await close();
  await testApp.close();
});

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: anna.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function started<T extends { close(): Promise<void> }>(fake: Promise<T>): Promise<T> {
  const ready = await fake;
  closers.push(() => ready.close());
  return ready;
}

interface Case {
  type: string;
  channel: string;
  setUp: () => Promise<{ body: Record<string, unknown>; arrived: () => Promise<number> }>;
}

const cases: Case[] = [
  {
    type: 'ntfy', channel: 'push',
    setUp: async () => {
      ntfy = await started(startNtfyFake());
      return { body: { config: { server_url: ntfy.url, topic: 'anna-reminders' } }, arrived: async () => (await ntfy.waitFor(1, 5_000)).length };
    },
  },
  {
    type: 'sms', channel: 'sms',
    setUp: async () => {
      const fake = (sms = await started(startSmsFake()));
      return {
        body: { config: { preset: 'twilio', url: fake.urls.twilio, to: '+4915112345678', from: '+4915100000000' }, credentials: { username: FAKE_TWILIO.accountSid, password: FAKE_TWILIO.authToken } },
        arrived: async () => (await fake.waitFor(1, 5_000)).length,
      };
    },
  },
  {
    type: 'signal', channel: 'signal',
    setUp: async () => {
      signal = await started(startSignalFake());
      return { body: { config: { api_url: signal.url, number: signal.account, recipient: '+4917600000002' } }, arrived: async () => (await signal.waitFor(1, 5_000)).length };
    },
  },
  {
    type: 'whatsapp', channel: 'whatsapp',
    setUp: async () => {
      const fake = await started(startWhatsAppFake());
      return {
        body: { config: { phone_number_id: fake.phoneNumberId, to: '+4917612345678', template_name: 'workmate_reminder', api_base: fake.apiBase }, credentials: { access_token: fake.accessToken } },
        arrived: async () => (await fake.waitFor(1, 5_000)).length,
      };
    },
  },
  {
    type: 'discord', channel: 'discord',
    setUp: async () => {
      discord = await started(startDiscordFake());
      return { body: { config: { api_base: discord.apiBase }, credentials: { webhook_url: discord.webhookUrl } }, arrived: async () => (await discord.waitFor(1, 5_000)).length };
    },
  },
  {
    type: 'homeassistant', channel: 'smart_home',
    setUp: async () => {
      const fake = await started(startHomeAssistantFake());
      return {
        body: { config: { base_url: fake.url, mode: 'service', domain: 'light', service: 'turn_on', data: { entity_id: 'light.hallway', rgb_color: [255, 0, 0], flash: 'short' } }, credentials: { access_token: FAKE_HA_TOKEN } },
        arrived: async () => (await fake.waitFor(1, 5_000)).length,
      };
    },
  },
];

interface Preferences { channels: Record<string, boolean>; channels_by_severity: Record<string, string[]> }
const preferences = async () => (await api('GET', '/api/v1/users/me')).json<{ notification_preferences: Preferences }>().notification_preferences;

describe('provider channels through the integrations API', () => {
  it.each(cases)('$type: set up, tested against its provider, switched on', async ({ type, channel, setUp }) => {
    const { body, arrived } = await setUp();
    const created = await api('POST', '/api/v1/integrations', { type, name: `My ${type}`, ...body });
    expect(created.statusCode, created.body).toBe(201);
    const integration = created.json<{ id: string; has_credentials: boolean; config: Record<string, unknown> }>();
    expect(integration.has_credentials).toBe('credentials' in body);
    // Secrets never come back.
    expect(JSON.stringify(integration)).not.toMatch(/auth-token|webhook_url|access_token/);

    const tested = await api('POST', `/api/v1/integrations/${integration.id}/test`);
    expect(tested.json(), type).toMatchObject({ delivered: true, error: null });
    expect(await arrived()).toBe(1);

    const stored = await preferences();
    expect(stored.channels[channel]).toBe(true);
    if (['signal', 'whatsapp', 'discord'].includes(channel)) expect(stored.channels_by_severity.warning).toContain(channel);
  });

  it('refuses settings the driver cannot use, naming the field, and stores nothing', async () => {
    const before = (await api('GET', '/api/v1/integrations')).json<unknown[]>().length;
    const refused = await api('POST', '/api/v1/integrations', { type: 'signal', config: { api_url: 'http://127.0.0.1:1', number: 'not a number', recipient: '+4917600000002' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('number');
    expect((await api('GET', '/api/v1/integrations')).json<unknown[]>()).toHaveLength(before);
  });

  it('falls through to the next channel in the user order when one cannot deliver', async () => {
    // The first reminder goes to Discord only; Discord has deleted the webhook (404: gone, so no retries).
    const onlyDiscord = { info: ['discord'], warning: ['discord'], urgent: ['discord'], critical: ['discord'] };
    expect((await api('PATCH', '/api/v1/users/me', { timezone: 'Europe/Berlin', notification_preferences: { channels_by_severity: onlyDiscord, fallback_order: ['signal'] } })).statusCode).toBe(200);
    const task = (await api('POST', '/api/v1/tasks', { title: 'Miete überweisen', due_date: '2026-12-10' })).json<{ id: string }>();
    const [first] = (await api('GET', `/api/v1/tasks/${task.id}/reminders`)).json<{ reminders: { trigger_at: string; channels: string[] }[] }>()
      .reminders.sort((a, b) => a.trigger_at.localeCompare(b.trigger_at));
    expect(first?.channels).toEqual(['in_app', 'discord']);
    const ntfyBefore = ntfy.received.length;
    const signalBefore = signal.received.length;
    discord.answerNext(404);

    testApp.clock.set(new Date(new Date(first!.trigger_at).getTime() + 1_000));
    anna = await logIn(testApp, 'anna');
    await testApp.container.jobs.createWorker().runUntilIdle();

    const attempts = await testApp.database.db.selectFrom('notifications').select(['channel', 'status']).where('task_id', '=', task.id).orderBy('created_at').execute();
    expect(attempts.map((attempt) => `${attempt.channel}:${attempt.status}`)).toEqual(['in_app:sent', 'discord:failed', 'signal:sent']);
    expect(signal.received.length).toBe(signalBefore + 1);
    // Without the user's order, push (ntfy) would have been next.
    expect(ntfy.received.length).toBe(ntfyBefore);
  });

  it('does not fall through to SMS when the task had its 3 SMS of the day', async () => {
    // The webhook Discord deleted in the test before switched the channel off: the user sets it up again.
    const discordChannel = (await api('GET', '/api/v1/integrations')).json<{ id: string; type: string }[]>().find((row) => row.type === 'discord')!;
    expect((await api('PATCH', `/api/v1/integrations/${discordChannel.id}`, { enabled: true })).statusCode).toBe(200);
    // Done with the earlier task, so nothing else is due when this one's reminder is.
    for (const open of (await api('GET', '/api/v1/tasks?status=open')).json<{ results: { id: string }[] }>().results) await api('PATCH', `/api/v1/tasks/${open.id}`, { status: 'done' });
    const task = (await api('POST', '/api/v1/tasks', { title: 'Kfz-Steuer zahlen', due_date: '2026-12-20' })).json<{ id: string }>();
    const [first] = (await api('GET', `/api/v1/tasks/${task.id}/reminders`)).json<{ reminders: { trigger_at: string; channels: string[] }[] }>()
      .reminders.sort((a, b) => a.trigger_at.localeCompare(b.trigger_at));
    expect(first?.channels).toEqual(['in_app', 'discord']);
    expect((await api('PATCH', '/api/v1/users/me', { notification_preferences: { fallback_order: ['sms', 'signal'] } })).statusCode).toBe(200);
    const at = new Date(new Date(first!.trigger_at).getTime() + 1_000);
    testApp.clock.set(at);
    anna = await logIn(testApp, 'anna');
    // Three SMS about this task went out earlier that (Berlin) day.
    const [firing] = await testApp.database.db.selectFrom('notification_firings').select('id').limit(1).execute();
    const earlier = new Date(at.getTime() - 60 * 60_000).toISOString();
    await testApp.database.db.insertInto('notifications').values([1, 2, 3].map((attempt) => ({
      id: crypto.randomUUID(), user_id: anna.userId, firing_id: firing!.id, task_id: task.id, reminder_id: null, integration_id: null, title: 'x', body: 'x', action_url: null,
      channel: 'sms' as const, driver: 'sms-http', attempt, idempotency_key: `earlier-${attempt}`, status: 'sent' as const, error_message: null, sent_at: earlier, created_at: earlier,
    }))).execute();
    const smsBefore = sms.received.length;
    const signalBefore = signal.received.length;
    discord.answerNext(404);
    await testApp.container.jobs.createWorker().runUntilIdle();

    const attempts = await testApp.database.db.selectFrom('notifications').select(['channel', 'status']).where('task_id', '=', task.id).where('driver', '<>', 'sms-http').orderBy('created_at').execute();
    expect(attempts.map((attempt) => `${attempt.channel}:${attempt.status}`)).toEqual(['in_app:sent', 'discord:failed', 'signal:sent']);
    expect(sms.received.length).toBe(smsBefore);
    expect(signal.received.length).toBe(signalBefore + 1);
  });

  it('checks the daily SMS cap again when a snoozed reminder fires', async () => {
    for (const open of (await api('GET', '/api/v1/tasks?status=open')).json<{ results: { id: string }[] }>().results) await api('PATCH', `/api/v1/tasks/${open.id}`, { status: 'done' });
    const onlySms = { info: ['sms'], warning: ['sms'], urgent: ['sms'], critical: ['sms'] };
    expect((await api('PATCH', '/api/v1/users/me', { notification_preferences: { channels_by_severity: onlySms } })).statusCode).toBe(200);
    const task = (await api('POST', '/api/v1/tasks', { title: 'Rundfunkbeitrag zahlen', due_date: '2026-12-28' })).json<{ id: string }>();
    const [first] = (await api('GET', `/api/v1/tasks/${task.id}/reminders`)).json<{ reminders: { id: string; trigger_at: string; channels: string[] }[] }>()
      .reminders.sort((a, b) => a.trigger_at.localeCompare(b.trigger_at));
    expect(first?.channels).toEqual(['in_app', 'sms']);
    const smsBefore = sms.received.length;
    const at = new Date(first!.trigger_at).getTime() + 1_000;
    testApp.clock.set(new Date(at));
    anna = await logIn(testApp, 'anna');
    await testApp.container.jobs.createWorker().runUntilIdle();
    expect(sms.received.length).toBe(smsBefore + 1);

    // Two more SMS about the task went out that day; the user snoozes the reminder for an hour.
    const [firing] = await testApp.database.db.selectFrom('notification_firings').select('id').where('task_id', '=', task.id).execute();
    const earlier = new Date(at - 30 * 60_000).toISOString();
    await testApp.database.db.insertInto('notifications').values([1, 2].map((attempt) => ({
      id: crypto.randomUUID(), user_id: anna.userId, firing_id: firing!.id, task_id: task.id, reminder_id: null, integration_id: null, title: 'x', body: 'x', action_url: null,
      channel: 'sms' as const, driver: 'sms-http', attempt, idempotency_key: `other-${attempt}`, status: 'sent' as const, error_message: null, sent_at: earlier, created_at: earlier,
    }))).execute();
    expect((await api('POST', `/api/v1/reminders/${first!.id}/snooze`, { until: '1h' })).statusCode).toBe(200);
    testApp.clock.set(new Date(at + 60 * 60_000 + 1_000));
    anna = await logIn(testApp, 'anna');
    await testApp.container.jobs.createWorker().runUntilIdle();

    const firings = await testApp.database.db.selectFrom('notification_firings').select('id').where('task_id', '=', task.id).execute();
    expect(firings).toHaveLength(2); // it fired again, in the app
    expect(sms.received.length).toBe(smsBefore + 1); // but no fourth SMS that day
  });
});
