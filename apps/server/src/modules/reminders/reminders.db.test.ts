/**
 * The reminder engine end to end on a real database: plans made in the task's transaction, the
 * dispatcher firing them into the notification centre and over a real SMTP server, the user's
 * actions (snooze, acknowledge, complete, signed e-mail links), digests and failing channels.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../notifications/drivers/email/testing/smtp-receiver.ts';

let smtp: SmtpReceiver;
let testApp: TestApp;
let anna: SignedIn;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  testApp = await createTestApp({ config: { smtpUrl: `smtp://${smtp.host}:${smtp.port}?tls=off`, publicUrl: 'https://workmate.example' } });
  anna = await signUp(testApp, 'anna');
  // Berlin, and the default preferences: quiet 22:00-07:00, e-mail to the account address.
  await testApp.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: anna.headers, payload: { timezone: 'Europe/Berlin' } });
});
afterAll(async () => {
  await testApp.close();
  await smtp.close();
});
afterEach(async () => travelTo('2026-11-25T10:00:00.000Z'));

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, who: SignedIn = anna) =>
  testApp.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function createTask(payload: Record<string, unknown>) {
  const response = await api('POST', '/api/v1/tasks', payload);
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

async function timeline(taskId: string) {
  const response = await api('GET', `/api/v1/tasks/${taskId}/reminders`);
  expect(response.statusCode).toBe(200);
  return response.json<{ reminders: { id: string; trigger_at: string; fires_at: string | null; severity: string; channels: string[]; message: string; status: string; note: string | null }[] }>().reminders;
}

const runWorker = () => testApp.container.jobs.createWorker().runUntilIdle();

/** Moves the clock (days, sometimes) and signs in again, since the session's access token lives 15 minutes. */
async function travelTo(instant: Date | string) {
  testApp.clock.set(instant);
  anna = await logIn(testApp, 'anna');
}

describe('planning', () => {
  it('plans the ladder in the user\'s zone when a task gets a due date, with a message and the channels the user has', async () => {
    const id = await createTask({ title: 'Telekom bezahlen', due_date: '2026-12-03', amount: '89.99' });
    const reminders = await timeline(id);
    const bySeverity = (severity: string) => reminders.filter((reminder) => reminder.severity === severity);
    // 3 Dec is a Thursday; the info reminder comes 7 days before at 09:00 Berlin (08:00 UTC).
    expect(bySeverity('info').map((reminder) => reminder.trigger_at)).toEqual(['2026-11-26T08:00:00.000Z']);
    expect(bySeverity('warning')).toHaveLength(5);
    expect(bySeverity('urgent').map((reminder) => reminder.trigger_at)).toEqual(['2026-12-02T08:00:00.000Z', '2026-12-02T12:00:00.000Z', '2026-12-02T16:00:00.000Z', '2026-12-02T19:00:00.000Z']);
    expect(bySeverity('critical').length).toBeGreaterThan(13);
    // No push subscription and no SMS gateway: in-app always, e-mail from the warning stage on.
    expect(bySeverity('info')[0]?.channels).toEqual(['in_app']);
    expect(bySeverity('warning')[0]?.channels).toEqual(['in_app', 'email']);
    expect(bySeverity('urgent')[0]?.message).toContain('89,99 €');
    expect(reminders.every((reminder) => reminder.status === 'pending')).toBe(true);
  });

  it('replans in the same change when the due date moves, and cancels everything when the task is done', async () => {
    const id = await createTask({ title: 'Miete', due_date: '2026-12-10' });
    const before = await timeline(id);
    expect((await api('PATCH', `/api/v1/tasks/${id}`, { due_date: '2026-12-20' })).statusCode).toBe(200);
    const after = await timeline(id);
    expect(after.find((reminder) => reminder.severity === 'urgent')?.trigger_at).toBe('2026-12-19T08:00:00.000Z');
    expect(after.map((reminder) => reminder.id)).not.toContain(before[0]?.id);
    expect((await api('PATCH', `/api/v1/tasks/${id}`, { status: 'done' })).statusCode).toBe(200);
    const done = await timeline(id);
    expect(done.length).toBe(after.length);
    expect(done.every((reminder) => reminder.status === 'cancelled' && reminder.fires_at === null)).toBe(true);
  });

  it('answers the preferences in effect beside the stored ones', async () => {
    expect((await api('PATCH', '/api/v1/users/me', { notification_preferences: { quiet_hours: { start: '21:00' } } })).statusCode).toBe(200);
    const me = (await api('GET', '/api/v1/users/me')).json<{ notification_preferences: { quiet_hours?: Record<string, unknown> }; effective_notification_preferences: { quiet_hours: Record<string, unknown>; channels: Record<string, boolean> } }>();
    expect(me.notification_preferences.quiet_hours).toEqual({ start: '21:00' });
    expect(me.effective_notification_preferences.quiet_hours).toEqual({ enabled: true, start: '21:00', end: '07:00', allow_critical_alerts: false });
    expect(me.effective_notification_preferences.channels.in_app).toBe(true);
  });

  it('plans nothing for a task without a due date, and rejects preferences that cannot work, naming the field', async () => {
    const id = await createTask({ title: 'Irgendwann aufräumen' });
    expect(await timeline(id)).toEqual([]);
    const response = await api('PATCH', '/api/v1/users/me', { notification_preferences: { quiet_hours: { start: '07:00', end: '07:00' } } });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toContain('quiet_hours.end');
  });
});

describe('the agenda\'s reminders', () => {
  type Planned = { reminders: { task_id: string; task_title: string; fires_at: string; status: string }[]; truncated: boolean };
  const planned = async (from: string, to: string, who: SignedIn = anna) => {
    const response = await api('GET', `/api/v1/reminders?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, undefined, who);
    expect(response.statusCode).toBe(200);
    return response.json<Planned>();
  };

  it('lists the pending reminders of a range across the user\'s open tasks, earliest first', async () => {
    const strom = await createTask({ title: 'Strom bezahlen', due_date: '2026-12-03' });
    const gas = await createTask({ title: 'Gas bezahlen', due_date: '2026-12-20' });
    const [from, to] = ['2026-11-26T00:00:00.000Z', '2026-12-03T00:00:00.000Z'];
    const listed = await planned(from, to);
    const ofStrom = listed.reminders.filter((reminder) => reminder.task_id === strom);
    expect(ofStrom.map((reminder) => reminder.fires_at)).toEqual((await timeline(strom)).filter((reminder) => reminder.fires_at! >= from && reminder.fires_at! < to).map((reminder) => reminder.fires_at));
    expect(ofStrom[0]).toMatchObject({ task_title: 'Strom bezahlen', status: 'pending', fires_at: '2026-11-26T08:00:00.000Z' });
    expect(listed.reminders.some((reminder) => reminder.task_id === gas)).toBe(false);
    const times = listed.reminders.map((reminder) => reminder.fires_at);
    expect(times).toEqual([...times].sort());
    expect(listed.truncated).toBe(false);

    // Another user sees none of them; a task done takes its reminders off the agenda.
    const bob = await signUp(testApp, `bob-${Math.random().toString(36).slice(2, 8)}`);
    expect((await planned(from, to, bob)).reminders).toEqual([]);
    expect((await api('PATCH', `/api/v1/tasks/${strom}`, { status: 'done' })).statusCode).toBe(200);
    expect((await planned(from, to)).reminders.some((reminder) => reminder.task_id === strom)).toBe(false);
  });

  it.each([
    ['an end before the start', 'from=2026-12-03T00:00:00Z&to=2026-12-01T00:00:00Z', 'reminders.invalid_range'],
    ['more than 62 days', 'from=2026-01-01T00:00:00Z&to=2026-03-15T00:00:00Z', 'reminders.invalid_range'],
    ['no end', 'from=2026-12-01T00:00:00Z', undefined],
    ['a date that is none', 'from=morgen&to=2026-12-01T00:00:00Z', undefined],
  ])('refuses a range with %s, naming the problem', async (_name, query, code) => {
    const response = await api('GET', `/api/v1/reminders?${query}`);
    expect(response.statusCode).toBe(400);
    if (code) expect(response.json<{ error: { code: string } }>().error.code).toBe(code);
  });
});

describe('dispatch', () => {
  it('fires a due reminder into the notification centre and by e-mail with working action links; opening a link changes nothing', async () => {
    const id = await createTask({ title: 'Stadtwerke bezahlen', due_date: '2026-11-30', amount: '120.00' });
    const warning = (await timeline(id)).find((reminder) => reminder.severity === 'warning');
    expect(warning).toBeDefined();
    await travelTo(new Date(new Date(warning!.trigger_at).getTime() + 1_000));
    const mailsBefore = (await smtp.mails({ count: 0 })).length;
    await runWorker();

    const list = (await api('GET', '/api/v1/notifications')).json<{ total: number; results: { id: string; title: string; deliveries: { channel: string; status: string }[] }[] }>();
    const fired = list.results.find((item) => item.title.includes('Stadtwerke'));
    expect(fired?.deliveries.map((delivery) => `${delivery.channel}:${delivery.status}`).sort()).toEqual(['email:sent', 'in_app:sent']);
    expect((await api('GET', '/api/v1/notifications/unread-count')).json()).toMatchObject({ unread: expect.any(Number) });
    const unread = (await api('GET', '/api/v1/notifications/unread-count')).json<{ unread: number }>().unread;
    expect((await api('POST', `/api/v1/notifications/${fired!.id}/read`)).json()).toEqual({ unread: unread - 1 });

    const mails = await smtp.mails({ count: mailsBefore + 1 });
    const mail = mails.at(-1)!;
    expect(mail.subject).toContain('Stadtwerke');
    expect(mail.envelope.to).toEqual(['anna@example.org']);
    const links = [...mail.text.matchAll(/https:\/\/workmate\.example\/a\/[A-Za-z0-9_.-]+/g)].map((match) => match[0].replace('https://workmate.example', ''));
    expect(links).toHaveLength(2);

    // Mail scanners open links: every GET shows a page and changes nothing.
    const snapshot = async () => ({
      reminders: await testApp.database.db.selectFrom('reminders').selectAll().where('task_id', '=', id).orderBy('id').execute(),
      task: await testApp.database.db.selectFrom('tasks').select(['status', 'completed_at']).where('id', '=', id).executeTakeFirst(),
      used: await testApp.database.db.selectFrom('used_action_tokens').selectAll().execute(),
    });
    const untouched = await snapshot();
    for (const link of links) {
      const page = await testApp.app.inject({ method: 'GET', url: link });
      expect(page.statusCode).toBe(200);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('<form method="post">');
    }
    expect(await snapshot()).toEqual(untouched);

    const done = links.find((link) => testApp.container.usecases.links.verify(link.slice(3)).action === 'done')!;
    const post = await testApp.app.inject({ method: 'POST', url: done, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(post.statusCode).toBe(200);
    expect((await snapshot()).task?.status).toBe('done');
    expect((await timeline(id)).filter((reminder) => reminder.status === 'pending')).toEqual([]);
    const again = await testApp.app.inject({ method: 'POST', url: done, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a tampered link without changing anything', async () => {
    const page = await testApp.app.inject({ method: 'POST', url: '/a/eyJ4IjoxfQ.not-a-signature', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('nicht gültig');
  });

  it('sends nothing more about a task completed after its reminder fired but before the e-mail went out', async () => {
    const id = await createTask({ title: 'Versicherung kündigen', due_date: '2026-11-30' });
    const warning = (await timeline(id)).find((reminder) => reminder.severity === 'warning')!;
    await travelTo(new Date(new Date(warning.trigger_at).getTime() + 1_000));
    // Fire without running the delivery jobs yet (a worker's tick does both).
    expect(await testApp.container.dispatcher.dispatchDue()).toBe(1);
    const queued = await testApp.database.db.selectFrom('jobs').select('id').where('name', '=', 'notifications.deliver_batch').where('status', '=', 'queued').execute();
    expect(queued.length).toBeGreaterThan(0);
    const mailsBefore = (await smtp.mails({ count: 0 })).length;
    expect((await api('PATCH', `/api/v1/tasks/${id}`, { status: 'done' })).statusCode).toBe(200);
    await runWorker();
    expect((await smtp.mails({ count: 0 })).length).toBe(mailsBefore);
  });
});

describe('user actions', () => {
  it('snooze brings a reminder back later, silences the ones before, and fires again under a new key', async () => {
    const id = await createTask({ title: 'Zahnarzt anrufen', due_date: '2026-11-26' });
    const first = (await timeline(id)).find((reminder) => reminder.status === 'pending')!;
    await travelTo(new Date(new Date(first.trigger_at).getTime() + 1_000));
    await runWorker();
    expect((await timeline(id)).find((reminder) => reminder.id === first.id)?.status).toBe('sent');

    // Tomorrow morning: the start of the waking hours (09:00 Berlin), and today's later reminders stay quiet.
    const snoozed = await api('POST', `/api/v1/reminders/${first.id}/snooze`, { until: 'tomorrow' });
    expect(snoozed.statusCode).toBe(200);
    const until = '2026-11-26T08:00:00.000Z';
    expect(snoozed.json()).toMatchObject({ status: 'pending', snoozed_until: until, fires_at: until });
    expect(snoozed.json<{ silenced: number }>().silenced).toBeGreaterThan(0);
    const firings = async () => (await testApp.database.db.selectFrom('notification_firings').select('fire_key').where('task_id', '=', id).execute()).map((row) => row.fire_key);
    expect(await firings()).toHaveLength(1);
    await travelTo(new Date(Date.parse(until) + 1_000));
    await runWorker();
    const keys = await firings();
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);

    expect((await api('POST', `/api/v1/reminders/${first.id}/snooze`, { until: 'someday' })).statusCode).toBe(400);
  });

  it('acknowledge silences the rest of that stage; later stages still come', async () => {
    const id = await createTask({ title: 'Steuer', due_date: '2026-12-05' });
    const warning = (await timeline(id)).find((reminder) => reminder.severity === 'warning')!;
    const response = await api('POST', `/api/v1/reminders/${warning.id}/acknowledge`);
    expect(response.statusCode).toBe(200);
    const after = await timeline(id);
    expect(after.filter((reminder) => reminder.severity === 'warning' && reminder.status === 'pending')).toEqual([]);
    expect(after.filter((reminder) => reminder.severity === 'urgent' && reminder.status === 'pending').length).toBe(4);
  });

  it('survive a replan: unchanged reminders keep their ids and an acknowledged stage stays quiet', async () => {
    const id = await createTask({ title: 'Handwerker', due_date: '2026-12-05', amount: '50.00' });
    const before = await timeline(id);
    const warning = before.find((reminder) => reminder.severity === 'warning')!;
    expect((await api('POST', `/api/v1/reminders/${warning.id}/acknowledge`)).statusCode).toBe(200);
    // A new amount replans the task (its messages name the amount); the ladder itself is the same.
    expect((await api('PATCH', `/api/v1/tasks/${id}`, { amount: '60.00' })).statusCode).toBe(200);
    const after = await timeline(id);
    const urgentIds = (list: typeof before) => list.filter((reminder) => reminder.severity === 'urgent').map((reminder) => reminder.id);
    expect(urgentIds(after)).toEqual(urgentIds(before));
    expect(after.find((reminder) => reminder.severity === 'urgent')?.message).toContain('60,00 €');
    expect(after.filter((reminder) => reminder.severity === 'warning' && reminder.status === 'pending')).toEqual([]);
    expect(after.length).toBe(before.length);
  });

  it('complete marks the task done and cancels every pending reminder', async () => {
    const id = await createTask({ title: 'GEZ', due_date: '2026-12-05' });
    const reminder = (await timeline(id))[0]!;
    expect((await api('POST', `/api/v1/reminders/${reminder.id}/complete`)).json()).toEqual({ task_id: id, status: 'done' });
    expect((await timeline(id)).every((item) => item.status === 'cancelled')).toBe(true);
    expect((await api('POST', `/api/v1/reminders/${reminder.id}/snooze`, { until: '1h' })).statusCode).toBe(409);
  });
});

describe('quiet hours', () => {
  it('lets a critical reminder out once a night, silently and only over silent channels', async () => {
    expect((await api('PATCH', '/api/v1/users/me', { notification_preferences: { quiet_hours: { start: '20:00', end: '08:00' } } })).statusCode).toBe(200);
    try {
      const id = await createTask({ title: 'Frist Finanzamt', due_date: '2026-11-25' });
      const night = (await timeline(id)).filter((reminder) => reminder.severity === 'critical' && reminder.trigger_at >= '2026-11-25T19:00:00.000Z' && reminder.trigger_at < '2026-11-26T07:00:00.000Z');
      // 20:00 Berlin goes out (without SMS or smart home); 21:00 is dropped: once a night.
      expect(night.map((reminder) => reminder.trigger_at)).toEqual(['2026-11-25T19:00:00.000Z']);
      expect(night[0]?.channels.every((channel) => ['in_app', 'push', 'email'].includes(channel))).toBe(true);
      await travelTo('2026-11-25T19:00:01.000Z');
      await runWorker();
      const firing = await testApp.database.db.selectFrom('notification_firings').select(['silent', 'severity']).where('task_id', '=', id).executeTakeFirstOrThrow();
      expect(firing.severity).toBe('critical');
      expect(Boolean(firing.silent)).toBe(true);
    } finally {
      await api('PATCH', '/api/v1/users/me', { notification_preferences: { quiet_hours: { start: '22:00', end: '07:00' } } });
    }
  });
});

describe('housekeeping', () => {
  it('forgets used action-link tokens once they expired, and keeps the others', async () => {
    const { db } = testApp.database;
    await db.insertInto('used_action_tokens').values([
      { token_id: 'expired'.padEnd(64, '0'), user_id: anna.userId, expires_at: '2026-11-20T00:00:00.000Z' },
      { token_id: 'current'.padEnd(64, '0'), user_id: anna.userId, expires_at: '2026-12-20T00:00:00.000Z' },
    ]).execute();
    // A day no earlier test reached: its daily purge has not run yet.
    await travelTo('2026-12-10T00:00:05.000Z');
    await runWorker();
    const left = (await db.selectFrom('used_action_tokens').select('token_id').execute()).map((row) => row.token_id);
    expect(left).toContain('current'.padEnd(64, '0'));
    expect(left).not.toContain('expired'.padEnd(64, '0'));
  });
});

describe('digests', () => {
  it('sends one summary for reminders missed while the dispatcher was down, not a flood', async () => {
    const ids = [await createTask({ title: 'Eins', due_date: '2026-11-27' }), await createTask({ title: 'Zwei', due_date: '2026-11-28' }), await createTask({ title: 'Drei', due_date: '2026-11-29' })];
    // Down for two days.
    await travelTo('2026-11-27T10:30:00.000Z');
    const before = await testApp.database.db.selectFrom('notification_firings').select('id').where('kind', '=', 'digest').execute();
    await runWorker();
    const digests = await testApp.database.db.selectFrom('notification_firings').selectAll().where('kind', '=', 'digest').execute();
    expect(digests.length - before.length).toBe(1);
    const digest = digests.at(-1)!;
    expect(digest.title).toMatch(/Während ich weg war|fällig/);
    for (const id of ids) expect(digest.task_ids).toContain(id);
    const single = await testApp.database.db.selectFrom('notification_firings').select('id').where('kind', '=', 'reminder').where('task_id', 'in', ids).execute();
    expect(single).toEqual([]);
  });
});
