/**
 * Deliveries that fail, and the live stream: a channel that cannot deliver is retried with backoff,
 * given up after the fall-through window, and shown to the user as failing; new notifications
 * reach an open server-sent-events stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { startPushReceiver } from './drivers/push/testing/push-receiver.ts';

let testApp: TestApp;
let anna: SignedIn;

beforeAll(async () => {
  testApp = await createTestApp();
  anna = await signUp(testApp, 'anna');
});
afterAll(async () => testApp.close());

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: anna.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const runWorker = () => testApp.container.jobs.createWorker().runUntilIdle();

async function travelTo(instant: Date) {
  testApp.clock.set(instant);
  anna = await logIn(testApp, 'anna');
}

describe('a channel that cannot deliver', () => {
  it('is retried with backoff, given up after the fall-through window, and named to the user as failing', async () => {
    expect((await api('PATCH', '/api/v1/users/me', { timezone: 'Europe/Berlin', notification_preferences: { channels: { smart_home: true }, channels_by_severity: { warning: ['smart_home'] } } })).statusCode).toBe(200);
    // Nothing listens on port 1: every attempt is refused.
    const created = await api('POST', '/api/v1/integrations', { type: 'mqtt', name: 'Flurlampe', config: { url: 'mqtt://127.0.0.1:1', topic: 'workmate/test' } });
    expect(created.statusCode).toBe(201);
    const integrationId = created.json<{ id: string; discreet: boolean }>().id;
    expect(created.json<{ discreet: boolean }>().discreet).toBe(true);

    const task = (await api('POST', '/api/v1/tasks', { title: 'Strom bezahlen', due_date: '2026-11-30' })).json<{ id: string }>();
    const reminders = (await api('GET', `/api/v1/tasks/${task.id}/reminders`)).json<{ reminders: { severity: string; trigger_at: string; channels: string[] }[] }>().reminders;
    const warning = reminders.find((reminder) => reminder.severity === 'warning')!;
    expect(warning.channels).toEqual(['in_app', 'smart_home']);

    const start = new Date(warning.trigger_at).getTime() + 1_000;
    await travelTo(new Date(start));
    await runWorker();
    const attempts = () => testApp.database.db.selectFrom('notifications').select(['status', 'attempt', 'error_message']).where('integration_id', '=', integrationId).orderBy('attempt').execute();
    expect(await attempts()).toMatchObject([{ status: 'failed', attempt: 1 }]);
    expect((await attempts())[0]?.error_message).toMatch(/^provider: /);

    // Backoff 30 s, 60 s, 120 s, 240 s; the next wait (5 min) would end past the 10-minute window, so the fifth attempt is the last. nothing happens before the next attempt is due.
    await travelTo(new Date(start + 20_000));
    await runWorker();
    expect(await attempts()).toHaveLength(1);
    for (const offset of [31_000, 92_000, 213_000, 454_000]) {
      await travelTo(new Date(start + offset));
      await runWorker();
    }
    const made = await attempts();
    expect(made.map((row) => row.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(made.every((row) => row.status === 'failed')).toBe(true);

    // After 10 minutes the delivery is given up (nothing else is configured to fall through to).
    await travelTo(new Date(start + 20 * 60_000));
    await runWorker();
    expect(await attempts()).toHaveLength(5);
    const queued = await testApp.database.db.selectFrom('jobs').select('id').where('name', 'in', ['notifications.deliver', 'notifications.deliver_batch']).where('status', 'in', ['queued', 'running']).execute();
    expect(queued).toEqual([]);

    const integration = (await api('GET', `/api/v1/integrations/${integrationId}`)).json<{ sync_status: string; error: string }>();
    expect(integration.sync_status).toBe('error');
    const notices = (await api('GET', '/api/v1/notifications')).json<{ results: { kind: string; title: string }[] }>().results.filter((item) => item.kind === 'system');
    expect(notices.map((notice) => notice.title)).toEqual(['Kanal „Flurlampe“ funktioniert gerade nicht']);

    // The reminder itself reached the user in the app, so it counts as sent.
    const fired = await testApp.database.db.selectFrom('reminders').select('status').where('task_id', '=', task.id).where('trigger_at', '=', warning.trigger_at).executeTakeFirst();
    expect(fired?.status).toBe('sent');
  });

  it('answers a test request with the reason instead of an error', async () => {
    const created = (await api('POST', '/api/v1/integrations', { type: 'mqtt', config: { url: 'mqtt://127.0.0.1:1', topic: 'workmate/test' } })).json<{ id: string }>();
    const result = await api('POST', `/api/v1/integrations/${created.id}/test`);
    expect(result.statusCode).toBe(200);
    expect(result.json()).toMatchObject({ delivered: false, error: { kind: 'provider' } });
  });

  it('refuses settings that do not fit the type, naming the field', async () => {
    const wildcard = await api('POST', '/api/v1/integrations', { type: 'mqtt', config: { url: 'mqtt://127.0.0.1:1883', topic: 'workmate/#' } });
    expect(wildcard.statusCode).toBe(400);
    expect(wildcard.json<{ error: { message: string } }>().error.message).toContain('config.topic');
    const unknown = await api('POST', '/api/v1/integrations', { type: 'fax', config: {} });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { message: string } }>().error.message).toContain('push');
  });
});

describe('a push subscription the browser dropped', () => {
  it('is switched off when the push service answers 410 Gone, and the reminder still reached the app', async () => {
    const receiver = await startPushReceiver();
    try {
      await travelTo(new Date('2026-11-25T10:00:00.000Z'));
      // Earlier tests' tasks would fire at the same 09:00: done with them, so the one answer below meets this task.
      for (const open of (await api('GET', '/api/v1/tasks?status=open')).json<{ results: { id: string }[] }>().results) await api('PATCH', `/api/v1/tasks/${open.id}`, { status: 'done' });
      expect((await api('PATCH', '/api/v1/users/me', { notification_preferences: { channels_by_severity: { warning: ['push'] } } })).statusCode).toBe(200);
      const subscription = receiver.subscribe({ applicationServerKey: (await api('GET', '/api/v1/notifications/push-key')).json<{ public_key: string }>().public_key });
      const created = await api('POST', '/api/v1/integrations', { type: 'push', name: 'Phone', config: { endpoint: subscription.endpoint, keys: subscription.keys } });
      expect(created.statusCode).toBe(201);
      const integrationId = created.json<{ id: string }>().id;
      const task = (await api('POST', '/api/v1/tasks', { title: 'Handy kündigen', due_date: '2026-11-30' })).json<{ id: string }>();
      const warning = (await api('GET', `/api/v1/tasks/${task.id}/reminders`)).json<{ reminders: { severity: string; trigger_at: string; channels: string[] }[] }>().reminders.find((reminder) => reminder.severity === 'warning')!;
      expect(warning.channels).toContain('push');
      receiver.goneNext();
      await travelTo(new Date(new Date(warning.trigger_at).getTime() + 1_000));
      await runWorker();
      const integration = (await api('GET', `/api/v1/integrations/${integrationId}`)).json<{ enabled: boolean; sync_status: string }>();
      expect(integration).toMatchObject({ enabled: false, sync_status: 'error' });
      const attempts = await testApp.database.db.selectFrom('notifications').select(['channel', 'status', 'error_message']).where('task_id', '=', task.id).execute();
      expect(attempts.filter((attempt) => attempt.channel !== 'smart_home').map((attempt) => `${attempt.channel}:${attempt.status}`).sort()).toEqual(['in_app:sent', 'push:failed']);
      // Gone is final: the delivery fell through at once to the user's next channel (the MQTT lamp of the first test).
      expect(attempts.filter((attempt) => attempt.channel === 'smart_home').length).toBeGreaterThan(0);
      expect(attempts.find((attempt) => attempt.channel === 'push')?.error_message).toMatch(/^gone: /);
    } finally {
      await receiver.close();
    }
  });
});

describe('the notification centre', () => {
  it("marks every unread notification read at once, the user's own only", async () => {
    const ben = await signUp(testApp, 'ben');
    const note = async (userId: string) => {
      const id = crypto.randomUUID();
      await testApp.database.db.insertInto('notification_firings').values({ id, user_id: userId, kind: 'system', title: 'Hinweis', body: 'Text', fire_key: `read-all:${id}`, created_at: testApp.clock.now().toISOString() }).execute();
      return id;
    };
    const unread = async (who: SignedIn) => (await testApp.app.inject({ url: '/api/v1/notifications/unread-count', headers: who.headers })).json<{ unread: number }>().unread;
    await note(anna.userId);
    await note(anna.userId);
    await note(ben.userId);
    expect(await unread(anna)).toBeGreaterThanOrEqual(2);
    const answer = await api('POST', '/api/v1/notifications/read-all');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ unread: 0 });
    expect(await unread(anna)).toBe(0);
    expect(await unread(ben)).toBe(1);
    const listed = (await api('GET', '/api/v1/notifications?unread=true')).json<{ total: number }>();
    expect(listed.total).toBe(0);
  });
});

describe('the live stream', () => {
  it('sends the unread count at once and every new notification as it is written', async () => {
    const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${address}/api/v1/notifications/stream`, { headers: anna.headers, signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      const deadline = performance.now() + 5_000;
      while (!text.includes(needle) && performance.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return text;
    };
    expect(await readUntil('event: unread')).toMatch(/event: unread\ndata: \{"unread":\d+\}/);

    const id = crypto.randomUUID();
    await testApp.database.db.insertInto('notification_firings').values({ id, user_id: anna.userId, kind: 'system', title: 'Neu da', body: 'Live', fire_key: `live:${id}`, created_at: new Date(testApp.clock.now().getTime() + 1_000).toISOString() }).execute();
    await testApp.container.usecases.live.poll();
    expect(await readUntil(id)).toContain('event: notification');
    controller.abort();
  });
});
