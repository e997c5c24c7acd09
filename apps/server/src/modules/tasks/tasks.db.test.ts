/** The task API on both databases: fields, lists, sub-steps, dependencies, tags and recurrence. */
import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';

let testApp: TestApp;
let anna: SignedIn;
beforeEach(async () => {
  testApp = await createTestApp();
  anna = await signUp(testApp, 'anna');
  await testApp.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: anna.headers, payload: { timezone: 'Europe/Berlin', language: 'de' } });
});
afterEach(async () => testApp.close());

const call = (options: InjectOptions) => testApp.app.inject({ ...options, headers: { ...anna.headers, ...options.headers } });
const create = async (payload: Record<string, unknown>) => {
  const response = await call({ method: 'POST', url: '/api/v1/tasks', payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Record<string, unknown> & { id: string }>();
};

describe('tasks', () => {
  it('keep a date-only deadline as the end of that day in the user zone, and money as decimal strings', async () => {
    const task = await create({ title: 'Telekom bezahlen', due_date: '2026-12-01', amount: 89.99, currency: 'EUR', description: 'Kundennummer 123' });
    expect(task).toMatchObject({ due_date: '2026-12-01T22:59:59.999Z', due_is_date: true, due_local_date: '2026-12-01', amount: '89.99', currency: 'EUR', status: 'open', overdue: false });
    expect(task.priority_reason).toBe('fällig in 6 Tagen, 89,99 €');
    const precise = await call({ method: 'POST', url: '/api/v1/tasks', payload: { title: 'x', amount: '1.999' } });
    expect([precise.statusCode, precise.json().error.code]).toEqual([400, 'money.invalid']);
  });

  it('set completed_at with the status, and let a hand-set priority win over the automatic one', async () => {
    const task = await create({ title: 'Zahnarzt', due_date: '2026-11-25T12:00:00Z' });
    expect([task.priority, task.priority_source]).toEqual(['critical', 'auto']);
    const manual = (await call({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, payload: { priority: 'low' } })).json();
    expect([manual.priority, manual.priority_source, manual.priority_reason]).toEqual(['low', 'manual', 'Von dir festgelegt']);
    const done = (await call({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, payload: { status: 'done' } })).json();
    expect(done.completed_at).toBe('2026-11-25T10:00:00.000Z');
    expect((await call({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, payload: { status: 'open' } })).json().completed_at).toBeNull();
  });

  it('list with filters, tags, sorting by score and pagination', async () => {
    const overdue = await create({ title: 'Mahnung Stadtwerke', due_date: '2026-11-20', tags: ['Ärger'] });
    const soon = await create({ title: 'Miete', due_date: '2026-11-26T09:00:00Z', amount: '950.00' });
    const later = await create({ title: 'Kfz-Steuer', due_date: '2027-01-15', tags: ['ärger', 'Auto'] });
    await create({ title: 'Irgendwann', status: 'done' });
    const list = async (query: string) => (await call({ url: `/api/v1/tasks?${query}` })).json<{ total: number; results: { id: string }[] }>();
    expect((await list('overdue=true')).results.map((task) => task.id)).toEqual([overdue.id]);
    expect((await list('tag=%C3%84RGER')).results.map((task) => task.id)).toEqual([overdue.id, later.id]);
    // rent due in 23 h over 950 € (80 x 1.3 = 104) outranks the overdue letter without an amount (100)
    expect((await list('status=open&sort=priority')).results.map((task) => task.id)).toEqual([soon.id, overdue.id, later.id]);
    expect((await list('due_before=2026-12-01T00:00:00Z&due_after=2026-11-01T00:00:00Z')).total).toBe(2);
    expect((await list('priority=critical')).results.map((task) => task.id).sort()).toEqual([overdue.id, soon.id].sort());
    const step = await create({ title: 'Schein suchen', parent_task_id: later.id });
    expect((await list(`parent_id=${later.id}`)).results.map((task) => task.id)).toEqual([step.id]);
    expect((await list('parent_id=none&status=open')).total).toBe(3);
    const fileId = crypto.randomUUID();
    const documentId = crypto.randomUUID();
    await testApp.database.db.insertInto('files').values({ id: fileId, user_id: anna.userId, path: `${anna.userId}/${fileId}`, original_filename: 'a.pdf', size_bytes: 1, mime_type: 'application/pdf', checksum: 'a'.repeat(64) }).execute();
    await testApp.database.db.insertInto('documents').values({ id: documentId, user_id: anna.userId, file_id: fileId, type: 'invoice' }).execute();
    const fromDocument = await create({ title: 'Rechnung prüfen', document_id: documentId });
    expect((await list(`document_id=${documentId}`)).results.map((task) => task.id)).toEqual([fromDocument.id]);
    const page = await list('status=open&parent_id=none&page=2&page_size=2');
    expect([page.total, page.results.length]).toEqual([4, 2]);
    const tags = (await call({ url: '/api/v1/tags' })).json<{ name: string; task_count: number }[]>();
    expect(tags.map((tag) => [tag.name, tag.task_count])).toEqual([['Ärger', 2], ['Auto', 1]]);
    expect((await call({ method: 'POST', url: '/api/v1/tags', payload: { name: 'ÄRGER' } })).statusCode).toBe(409);
  });

  it('filter by the priority a task has now, not by a band stored when it was last read, and score amounts in any currency alike', async () => {
    const later = await create({ title: 'Versicherung', due_date: '2026-12-10' });
    expect(later.priority).toBe('low');
    const list = async (query: string) => (await call({ url: `/api/v1/tasks?${query}` })).json<{ results: { id: string; priority: string }[] }>();
    // 16 days later, unread since it was created: overdue now.
    testApp.clock.advance(16 * 86_400_000);
    anna = await logIn(testApp, 'anna');
    const critical = await call({ url: '/api/v1/tasks?priority=critical' });
    expect(critical.statusCode, critical.body).toBe(200);
    expect(critical.json<{ results: { id: string }[] }>().results.map((task) => task.id)).toEqual([later.id]);
    expect((await list('priority=low')).results).toEqual([]);
    // 5,000 yen (no minor unit) are above 500 major units: x 1.3, in the sorted list as in the score shown.
    const yen = await create({ title: 'Ryokan', due_date: '2027-01-20', amount: '5000', currency: 'JPY' });
    const euro = await create({ title: 'Werkstatt', due_date: '2027-01-20', amount: '150.00', currency: 'EUR' });
    const sorted = (await list('status=open&sort=priority')).results;
    expect(sorted.map((task) => task.id)).toEqual([later.id, yen.id, euro.id]);
    expect(yen.priority_score).toBe(26);
    expect(euro.priority_score).toBe(22);
  });

  it('give each task of a list page its tags by name, sub-step counts, open prerequisites and recurrence, and count past the last page', async () => {
    const taxes = await create({ title: 'Steuererklärung', due_date: '2027-05-31', tags: ['steuer', 'Auto', 'bank'], recurrence: { frequency: 'yearly' } });
    const receipts = await create({ title: 'Belege sammeln', due_date: '2027-01-31' });
    const bank = await create({ title: 'Kontoauszüge', status: 'done' });
    for (const depends_on_task_id of [receipts.id, bank.id]) await call({ method: 'POST', url: `/api/v1/tasks/${taxes.id}/dependencies`, payload: { depends_on_task_id } });
    for (const status of ['open', 'done', 'cancelled']) await create({ title: `Schritt ${status}`, parent_task_id: taxes.id, status });
    const page = (await call({ url: '/api/v1/tasks?parent_id=none&sort=due_date&page_size=2' })).json();
    expect(page.total).toBe(3);
    expect(page.results[0]).toMatchObject({ id: receipts.id, tags: [], substeps: { total: 0, done: 0 }, blocked: false, blocked_by: [], recurrence: null });
    expect(page.results[1]).toMatchObject({
      id: taxes.id,
      tags: [{ name: 'Auto' }, { name: 'bank' }, { name: 'steuer' }],
      substeps: { total: 3, done: 2 },
      blocked: true,
      blocked_by: [{ id: receipts.id, title: 'Belege sammeln' }],
      recurrence: { frequency: 'yearly', rrule: 'FREQ=YEARLY' },
      due_local_date: '2027-05-31',
    });
    expect((await call({ url: '/api/v1/tasks?parent_id=none&page=3&page_size=2' })).json()).toMatchObject({ total: 3, results: [] });
    expect((await call({ url: '/api/v1/tasks?tag=nirgends' })).json()).toMatchObject({ total: 0, results: [] });
  });

  it('offer to complete the parent when the last sub-step is done, and delete sub-steps with their parent', async () => {
    const parent = await create({ title: 'Umzug' });
    const first = await create({ title: 'Kartons', parent_task_id: parent.id });
    const second = await create({ title: 'Ummelden', parent_task_id: parent.id });
    expect((await call({ url: `/api/v1/tasks/${parent.id}` })).json().substeps).toEqual({ total: 2, done: 0 });
    expect((await call({ method: 'PATCH', url: `/api/v1/tasks/${first.id}`, payload: { status: 'done' } })).json().parent_ready_to_complete).toBe(false);
    expect((await call({ method: 'PATCH', url: `/api/v1/tasks/${second.id}`, payload: { status: 'done' } })).json().parent_ready_to_complete).toBe(true);
    const loop = await call({ method: 'PATCH', url: `/api/v1/tasks/${parent.id}`, payload: { parent_task_id: first.id } });
    expect([loop.statusCode, loop.json().error.message]).toEqual([400, expect.stringContaining('parent_task_id')]);
    expect((await call({ method: 'DELETE', url: `/api/v1/tasks/${parent.id}` })).statusCode).toBe(204);
    expect((await call({ url: `/api/v1/tasks/${first.id}` })).statusCode).toBe(404);
  });

  it('refuse dependency cycles naming them, and need force to complete a blocked task', async () => {
    const collect = await create({ title: 'Belege sammeln' });
    const declare = await create({ title: 'Steuererklärung' });
    const blocked = (await call({ method: 'POST', url: `/api/v1/tasks/${declare.id}/dependencies`, payload: { depends_on_task_id: collect.id } })).json();
    expect([blocked.blocked, blocked.blocked_by]).toEqual([true, [{ id: collect.id, title: 'Belege sammeln' }]]);
    const cycle = await call({ method: 'POST', url: `/api/v1/tasks/${collect.id}/dependencies`, payload: { depends_on_task_id: declare.id } });
    expect([cycle.statusCode, cycle.json().error.message]).toEqual([400, 'This dependency would close a circle: "Belege sammeln" waits for "Steuererklärung" waits for "Belege sammeln".']);
    const refused = await call({ method: 'PATCH', url: `/api/v1/tasks/${declare.id}`, payload: { status: 'done' } });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'tasks.blocked']);
    expect((await call({ method: 'PATCH', url: `/api/v1/tasks/${declare.id}`, payload: { status: 'done', force: true } })).statusCode).toBe(200);
    expect((await call({ method: 'DELETE', url: `/api/v1/tasks/${declare.id}/dependencies/${collect.id}` })).json().blocked).toBe(false);
  });

  it('create the next instance of a series once, on the right date', async () => {
    const rent = await create({ title: 'Miete', due_date: '2026-01-31', amount: '950', recurrence: { frequency: 'monthly' }, tags: ['Wohnung'] });
    expect(rent.recurrence).toMatchObject({ frequency: 'monthly', interval: 1, anchor: 'due', rrule: 'FREQ=MONTHLY' });
    const done = (await call({ method: 'PATCH', url: `/api/v1/tasks/${rent.id}`, payload: { status: 'done' } })).json();
    expect(done.next_instance).toMatchObject({ due_date: '2026-02-28T22:59:59.999Z', overdue: true });
    await call({ method: 'PATCH', url: `/api/v1/tasks/${rent.id}`, payload: { status: 'open' } });
    const again = (await call({ method: 'PATCH', url: `/api/v1/tasks/${rent.id}`, payload: { status: 'done' } })).json();
    expect(again.next_instance.id).toBe(done.next_instance.id);
    const next = (await call({ url: `/api/v1/tasks/${done.next_instance.id}` })).json();
    expect(next).toMatchObject({ title: 'Miete', amount: '950.00', due_local_date: '2026-02-28', series: { id: rent.id, index: 2 }, tags: [{ name: 'Wohnung' }] });
    const rrule = await call({ method: 'POST', url: '/api/v1/tasks', payload: { title: 'x', due_date: '2026-12-01', recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,15' } } });
    expect([rrule.statusCode, rrule.json().error.details]).toEqual([422, { unsupported: ['BYMONTHDAY'] }]);
  });

  it('show today calmly: overdue worst first, due within 48 h (also when started), newly unblocked, new for three days, documents needing a look, and a count of the rest', async () => {
    const letter = await create({ title: 'Mahnung', due_date: '2026-11-20' });
    const olderLetter = await create({ title: 'Rundfunkbeitrag', due_date: '2026-11-10', amount: '55.08' });
    const tomorrow = await create({ title: 'Miete', due_date: '2026-11-26' });
    const prerequisite = await create({ title: 'Belege sammeln', status: 'done' });
    const waiting = await create({ title: 'Steuererklärung', due_date: '2027-05-31' });
    await call({ method: 'POST', url: `/api/v1/tasks/${waiting.id}/dependencies`, payload: { depends_on_task_id: prerequisite.id } });
    const someday = await create({ title: 'Irgendwann aufräumen' });
    const started = await create({ title: 'Kita-Antrag', due_date: '2026-11-26', status: 'in_progress' });
    const fileId = crypto.randomUUID();
    await testApp.database.db.insertInto('files').values({ id: fileId, user_id: anna.userId, path: `${anna.userId}/${fileId}`, original_filename: 'scan.jpg', size_bytes: 1, mime_type: 'image/jpeg', checksum: 'b'.repeat(64) }).execute();
    await testApp.database.db.insertInto('documents').values({ id: crypto.randomUUID(), user_id: anna.userId, file_id: fileId, type: 'other', processing_status: 'failed', processing_error: 'Das Foto ist zu unscharf.' }).execute();

    const today = (await call({ url: '/api/v1/today' })).json();
    expect(today.overdue.map((task: { id: string }) => task.id)).toEqual([olderLetter.id, letter.id]);
    expect(today.due_soon.map((task: { id: string }) => task.id)).toEqual([tomorrow.id, started.id]);
    expect(today.unblocked.map((task: { id: string }) => task.id)).toEqual([waiting.id]);
    // Added in the last three days and not listed above: it stays in sight although it has no date.
    expect(today.new_tasks.map((task: { id: string }) => task.id)).toEqual([someday.id]);
    expect(today.failed_documents).toEqual([expect.objectContaining({ processing_error: 'Das Foto ist zu unscharf.' })]);
    expect(today.documents_to_review).toEqual([]);
    expect(today.other_open_tasks).toBe(0);

    testApp.clock.advance(73 * 3_600_000);
    anna = await logIn(testApp, 'anna');
    const later = (await call({ url: '/api/v1/today' })).json();
    expect(later.new_tasks).toEqual([]);
    expect(later.other_open_tasks).toBe(1);
  });

  it('read a quick-add line, and create the task from it', async () => {
    const draft = (await call({ method: 'POST', url: '/api/v1/tasks/parse', payload: { text: 'Telekom 89,99 € bis Freitag #rechnung' } })).json();
    expect(draft).toMatchObject({ title: 'Telekom', amount: '89.99', due_local_date: '2026-11-27', tags: ['rechnung'] });
    expect((await call({ url: '/api/v1/tasks' })).json().total).toBe(0);
    const created = await call({ method: 'POST', url: '/api/v1/tasks/quick', payload: { text: 'jeden Monat am 1. Miete 950 € #wohnung' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ title: 'Miete', amount: '950.00', due_local_date: '2026-12-01', tags: [{ name: 'wohnung' }], recurrence: { frequency: 'monthly' } });
    // Repeating with no first date: it starts today, as the preview says, and stays recurring.
    const rent = (await call({ method: 'POST', url: '/api/v1/tasks/parse', payload: { text: 'Miete 950 € monatlich' } })).json();
    expect(rent).toMatchObject({ due_local_date: '2026-11-25', recurrence: { frequency: 'monthly' } });
    expect((await call({ method: 'POST', url: '/api/v1/tasks/quick', payload: { text: 'Miete 950 € monatlich' } })).json()).toMatchObject({ due_local_date: '2026-11-25', recurrence: { frequency: 'monthly' } });
    const empty = await call({ method: 'POST', url: '/api/v1/tasks/quick', payload: { text: '#nur-ein-tag' } });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'tasks.invalid']);
  });
});
