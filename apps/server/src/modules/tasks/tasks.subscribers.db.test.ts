/** Tasks made from "document understood" events, idempotently, and date-only deadlines across a time-zone change. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { toDbJson } from '../../db/values.ts';
import { newId } from '../../shared/ids/ids.ts';
import { documentUnderstoodEvent, dunningLinkedEvent } from '../documents/documents.schemas.ts';

let testApp: TestApp;
let anna: SignedIn;
beforeEach(async () => {
  testApp = await createTestApp();
  anna = await signUp(testApp, 'anna');
  await testApp.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: anna.headers, payload: { timezone: 'Europe/Berlin' } });
  await testApp.container.jobs.createWorker().runUntilIdle();
});
afterEach(async () => testApp.close());

async function document(type: 'invoice' | 'reminder' | 'credit_note' | 'receipt', metadata: Record<string, unknown> = {}) {
  const fileId = newId();
  const id = newId();
  await testApp.database.db.insertInto('files').values({ id: fileId, user_id: anna.userId, path: `${anna.userId}/${fileId}`, original_filename: 'x.pdf', size_bytes: 1, mime_type: 'application/pdf', checksum: 'a'.repeat(64) }).execute();
  await testApp.database.db.insertInto('documents').values({ id, user_id: anna.userId, file_id: fileId, type, metadata: toDbJson(metadata) }).execute();
  return id;
}

async function understood(documentId: string, type: 'invoice' | 'reminder' | 'credit_note' | 'receipt', fields: Record<string, unknown>, reason: 'processed' | 'corrected' = 'processed') {
  await testApp.container.jobs.bus.publish(testApp.database.db, documentUnderstoodEvent, { document_id: documentId, user_id: anna.userId, type, reason, fields }, { userId: anna.userId });
  await testApp.container.jobs.createWorker().runUntilIdle();
}

async function linked(documentId: string, invoiceId: string, fields: Record<string, unknown>) {
  await testApp.container.jobs.bus.publish(testApp.database.db, dunningLinkedEvent, { document_id: documentId, invoice_document_id: invoiceId, user_id: anna.userId, basis: 'invoice_number', confidence: 0.95, fields }, { userId: anna.userId });
  await testApp.container.jobs.createWorker().runUntilIdle();
}

const tasksOf = async () => (await testApp.app.inject({ url: '/api/v1/tasks?sort=created_at', headers: anna.headers })).json<{ results: Record<string, unknown>[] }>().results;

describe('tasks from documents', () => {
  it('creates one payment task per invoice, updates it on reprocessing, and leaves the user edits alone', async () => {
    const invoice = await document('invoice', { invoice_number: 'R-2026-0815' });
    const fields = { sender_name: 'Stadtwerke', amount_due: '120.00', currency: 'EUR', due_date: '2026-12-10', iban: 'DE89370400440532013000' };
    await understood(invoice, 'invoice', fields);
    await understood(invoice, 'invoice', fields); // the same event again: no second task
    let tasks = await tasksOf();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: 'Stadtwerke bezahlen: 120,00 €', amount: '120.00', due_local_date: '2026-12-10', document_id: invoice, payment: { iban: 'DE89370400440532013000' }, due_assumption: null, ask: null });

    await understood(invoice, 'invoice', { ...fields, amount_due: '125.50' }, 'corrected');
    tasks = await tasksOf();
    expect(tasks.map((task) => task.amount)).toEqual(['125.50']);

    await testApp.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${String(tasks[0]?.id)}`, headers: anna.headers, payload: { title: 'Strom bezahlen' } });
    await understood(invoice, 'invoice', { ...fields, amount_due: '130.00' }, 'corrected');
    expect((await tasksOf()).map((task) => [task.title, task.amount])).toEqual([['Strom bezahlen', '125.50']]);
  });

  it('escalates the invoice task when its linked dunning letter arrives, instead of a second task, and only once', async () => {
    const invoice = await document('invoice', { invoice_number: 'R-2026-0815' });
    await understood(invoice, 'invoice', { sender_name: 'Stadtwerke', amount_due: '120.00', due_date: '2026-11-20' });
    const dunning = await document('reminder');
    const letter = { sender_name: 'Stadtwerke', fee: '5.00', due_date: '2026-12-02', linked_invoice_number: 'R-2026-0815', dunning_level: 1, linked_document_id: invoice };
    await linked(dunning, invoice, letter);
    await understood(dunning, 'reminder', letter);
    await linked(dunning, invoice, letter); // reprocessed: the same letter again
    await understood(invoice, 'invoice', { sender_name: 'Stadtwerke', amount_due: '120.00', due_date: '2026-11-20' }); // the invoice reprocessed
    const tasks = await tasksOf();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: 'Stadtwerke bezahlen: 125,00 €', amount: '125.00', due_local_date: '2026-12-02', document_id: dunning, dunning_level: 1 });
    expect(String(tasks[0]?.priority_reason)).toMatch(/^Mahnung/);
  });

  it('escalates a task the user edited too, keeping the title they wrote', async () => {
    const invoice = await document('invoice', { invoice_number: 'R-9' });
    await understood(invoice, 'invoice', { sender_name: 'Stadtwerke', amount_due: '120.00', due_date: '2026-11-20' });
    const [task] = await tasksOf();
    await testApp.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${String(task?.id)}`, headers: anna.headers, payload: { title: 'Strom (Raten)', due_date: '2026-11-30' } });
    const dunning = await document('reminder');
    await linked(dunning, invoice, { sender_name: 'Stadtwerke', fee: '5.00', due_date: '2026-12-04', dunning_level: 2, linked_document_id: invoice });
    expect((await tasksOf()).map((one) => [one.title, one.amount, one.due_local_date, one.dunning_level])).toEqual([['Strom (Raten)', '125.00', '2026-12-04', 2]]);
  });

  it('says when the document set the priority, until the user sets one, and shows an assumed due date', async () => {
    const debit = await document('invoice');
    await understood(debit, 'invoice', { sender_name: 'Stadtwerke', amount_due: '60.00', issue_date: '2026-11-20', direct_debit: true });
    const [task] = await tasksOf();
    expect(task).toMatchObject({ priority: 'low', priority_source: 'manual', priority_reason: 'Vom Dokument vorgegeben', due_local_date: '2026-12-04', due_assumption: 'issue_date + 14 days' });
    const edited = (await testApp.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${String(task?.id)}`, headers: anna.headers, payload: { priority: 'high' } })).json();
    expect([edited.priority, edited.priority_reason]).toEqual(['high', 'Von dir festgelegt']);
  });

  it('asks "already paid?" of an old bill, through the task', async () => {
    const old = await document('invoice');
    await understood(old, 'invoice', { sender_name: 'Hausarzt', amount_due: '80.00', due_date: '2026-09-01' });
    expect((await tasksOf()).map((one) => one.ask)).toEqual(['already_paid']);
  });

  it('gives a dunning letter its own task when the invoice task was already done', async () => {
    const invoice = await document('invoice', { invoice_number: 'R-7' });
    await understood(invoice, 'invoice', { sender_name: 'Hausarzt', amount_due: '80.00', due_date: '2026-11-20' });
    const [paid] = await tasksOf();
    await testApp.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${String(paid?.id)}`, headers: anna.headers, payload: { status: 'done' } });
    const dunning = await document('reminder');
    await linked(dunning, invoice, { sender_name: 'Hausarzt', amount_due: '85.00', due_date: '2026-12-05', dunning_level: 1, linked_document_id: invoice });
    const tasks = await tasksOf();
    expect(tasks.map((task) => [task.document_id, task.status, task.amount])).toEqual([[invoice, 'done', '80.00'], [dunning, 'open', '85.00']]);
  });

  it('closes the payment task when the bill turns out paid (done, reminders stopped) or to be a credit note (cancelled)', async () => {
    const fields = { sender_name: 'Stadtwerke', amount_due: '120.00', currency: 'EUR', due_date: '2099-12-10' };
    const paidBill = await document('invoice');
    const notABill = await document('invoice');
    await understood(paidBill, 'invoice', fields);
    await understood(notABill, 'invoice', { ...fields, sender_name: 'Versandhaus' });
    const [first] = await tasksOf();
    const pending = async (taskId: unknown) =>
      (await testApp.app.inject({ url: `/api/v1/tasks/${String(taskId)}/reminders`, headers: anna.headers })).json<{ reminders: { status: string }[] }>().reminders.filter((reminder) => reminder.status === 'pending');
    expect((await pending(first?.id)).length).toBeGreaterThan(0);

    await understood(paidBill, 'invoice', { ...fields, amount_due: '0' }, 'corrected');
    await understood(notABill, 'credit_note', { ...fields, sender_name: 'Versandhaus' }, 'corrected');
    const tasks = await tasksOf();
    expect(tasks.map((task) => [task.document_id, task.status])).toEqual([[paidBill, 'done'], [notABill, 'cancelled']]);
    expect(tasks[0]?.completed_at).toEqual(expect.any(String));
    expect(await pending(first?.id)).toEqual([]);
  });

  it('leaves a closed or user-edited task alone when the bill is marked paid', async () => {
    const fields = { sender_name: 'Hausarzt', amount_due: '80.00', due_date: '2099-11-20' };
    const bill = await document('invoice');
    await understood(bill, 'invoice', fields);
    const [task] = await tasksOf();
    await testApp.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${String(task?.id)}`, headers: anna.headers, payload: { title: 'Arzt bezahlen (Raten)' } });
    await understood(bill, 'invoice', { ...fields, amount_due: '0' }, 'corrected');
    expect((await tasksOf()).map((one) => [one.title, one.status])).toEqual([['Arzt bezahlen (Raten)', 'open']]);
  });

  it('makes a low-priority return task for a receipt with a return deadline', async () => {
    const receipt = await document('receipt');
    await understood(receipt, 'receipt', { sender_name: 'Elektromarkt', total: '349.00', return_deadline: '2026-12-24' });
    expect((await tasksOf()).map((one) => [one.title, one.due_local_date, one.priority, one.priority_reason])).toEqual([['Rückgabe bei Elektromarkt möglich bis', '2026-12-24', 'low', 'Vom Dokument vorgegeben']]);
  });

  it('makes no task for a credit note', async () => {
    const note = await document('credit_note');
    await understood(note, 'credit_note', { sender_name: 'Versandhaus', amount_due: '19.99' });
    expect(await tasksOf()).toEqual([]);
  });
});

describe('a time-zone change', () => {
  it('keeps date-only deadlines on their date and leaves exact times alone', async () => {
    const dated = (await testApp.app.inject({ method: 'POST', url: '/api/v1/tasks', headers: anna.headers, payload: { title: 'Kfz-Steuer', due_date: '2026-12-01' } })).json<{ id: string }>();
    const timed = (await testApp.app.inject({ method: 'POST', url: '/api/v1/tasks', headers: anna.headers, payload: { title: 'Anruf', due_date: '2026-12-01T15:00:00Z' } })).json<{ id: string }>();
    await testApp.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: anna.headers, payload: { timezone: 'America/New_York' } });
    await testApp.container.jobs.createWorker().runUntilIdle();
    const get = async (id: string) => (await testApp.app.inject({ url: `/api/v1/tasks/${id}`, headers: anna.headers })).json();
    expect(await get(dated.id)).toMatchObject({ due_date: '2026-12-02T04:59:59.999Z', due_local_date: '2026-12-01' });
    expect((await get(timed.id)).due_date).toBe('2026-12-01T15:00:00.000Z');
  });

  it('keeps a date-only series on its days: the next instance is the end of its day in the new zone', async () => {
    const rent = (await testApp.app.inject({ method: 'POST', url: '/api/v1/tasks', headers: anna.headers, payload: { title: 'Miete', due_date: '2027-01-31', recurrence: { frequency: 'monthly' } } })).json<{ id: string }>();
    await testApp.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: anna.headers, payload: { timezone: 'America/New_York' } });
    await testApp.container.jobs.createWorker().runUntilIdle();
    const done = (await testApp.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${rent.id}`, headers: anna.headers, payload: { status: 'done' } })).json<{ next_instance: { id: string } }>();
    const next = (await testApp.app.inject({ url: `/api/v1/tasks/${done.next_instance.id}`, headers: anna.headers })).json();
    expect([next.due_local_date, next.due_date]).toEqual(['2027-02-28', '2027-03-01T04:59:59.999Z']);
  });
});
