/**
 * How tasks follow what happens elsewhere, through events:
 * - `documents.understood`: create the task a document asks for, or update it when the document is
 *   reprocessed or corrected (never a second one; never over the user's own edits); close it when
 *   the document no longer asks for money (marked paid: done; now a credit note: cancelled).
 * - `documents.dunning_linked`: a dunning letter escalates the open task of the invoice it is about
 *   (new deadline, amount claimed, dunning level, and the title's amount unless the user retitled
 *   it; the task now points to the letter). A letter is news, so it escalates an edited task too.
 * - `users.timezone_changed`: date-only deadlines keep their calendar date in the new zone.
 */
import type { Executor } from '../../db/transaction.ts';
import { fromDbJson, toDbInstant, toDbJson } from '../../db/values.ts';
import { subscribe, type Subscriber } from '../../events/events.types.ts';
import { endOfLocalDate, localDateOf, moveDateDeadline } from '../../shared/dates/deadlines.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { DocumentsRepository } from '../documents/documents.repository.ts';
import { documentUnderstoodEvent, dunningLinkedEvent } from '../documents/documents.schemas.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { timezoneChangedEvent } from '../users/users.schemas.ts';
import { escalation, NOTHING_LEFT_TO_PAY, payTitle, planFromDocument, type PlannedTask } from './tasks.from-documents.models.ts';
import { slaPriority } from './tasks.priority.models.ts';
import type { TaskRow, TasksRepository } from './tasks.repository.ts';

export function tasksSubscribers(deps: {
  tasks: TasksRepository;
  documents: DocumentsRepository;
  users: UsersRepository;
  /** The reminders module: plans the reminders of changed tasks in the same transaction. */
  replan: (trx: Executor, userId: string, taskIds: readonly string[]) => Promise<void>;
  replanAll: (trx: Executor, userId: string) => Promise<void>;
}): Subscriber[] {
  const upsert = async (trx: Executor, input: { userId: string; documentId: string; task: PlannedTask; type: string; now: Date }) => {
    // An invoice whose task a dunning letter took over is that task's already: reprocessing the invoice adds none.
    if ((await deps.tasks.escalatedFrom(trx, input.userId, input.documentId)).length > 0) return;
    const existing = own(await deps.tasks.fromDocument(trx, input.userId, input.documentId));
    if (existing) {
      if (existing.user_edited_at) return; // the user's own changes win over a reprocessed document
      await deps.tasks.update(trx, input.userId, existing.id, values(input.task, input.type, input.now));
      await deps.replan(trx, input.userId, [existing.id]);
      return;
    }
    const id = newId();
    await deps.tasks.insert(trx, { id, user_id: input.userId, document_id: input.documentId, status: 'open', created_at: toDbInstant(input.now), ...values(input.task, input.type, input.now) });
    await deps.replan(trx, input.userId, [id]);
  };

  /**
   * The document no longer asks for money (marked paid, nothing left to pay, now a credit note): its
   * open task is done when the money is settled, cancelled for a credit note, and its reminders stop.
   * A task the user edited is theirs and stays as it is.
   */
  const settle = async (trx: Executor, input: { userId: string; documentId: string; paid: boolean; now: Date }) => {
    if ((await deps.tasks.escalatedFrom(trx, input.userId, input.documentId)).length > 0) return;
    const existing = own(await deps.tasks.fromDocument(trx, input.userId, input.documentId));
    if (!existing || existing.user_edited_at || (existing.status !== 'open' && existing.status !== 'in_progress')) return;
    const at = toDbInstant(input.now);
    await deps.tasks.update(trx, input.userId, existing.id, { status: input.paid ? 'done' : 'cancelled', completed_at: input.paid ? at : null, updated_at: at });
    await deps.replan(trx, input.userId, [existing.id]);
  };

  const fromDocument = subscribe('tasks.from_document', documentUnderstoodEvent, async (event, { trx, clock }) => {
    const { document_id: documentId, user_id: userId } = event.payload;
    const user = await deps.users.findById(userId, trx);
    const document = await deps.documents.findOwned(userId, documentId, trx);
    if (!user || !document) return; // deleted meanwhile: nothing to do
    const now = clock.now();
    const plan = planFromDocument({ type: event.payload.type, fields: event.payload.fields, now, timeZone: user.timezone, language: user.language });
    // A dunning letter linked to its invoice: `tasks.escalate_on_dunning` acts on the link event.
    // Only money settles a task: a reprocess that merely reads less (no date found) leaves it alone.
    if (plan.action === 'none' && (plan.why === NOTHING_LEFT_TO_PAY || event.payload.type === 'credit_note')) {
      await settle(trx, { userId, documentId, paid: plan.why === NOTHING_LEFT_TO_PAY, now });
    }
    if (plan.action !== 'create') return;
    await upsert(trx, { userId, documentId, task: plan.task, type: event.payload.type, now });
  });

  const onDunning = subscribe('tasks.escalate_on_dunning', dunningLinkedEvent, async (event, { trx, clock }) => {
    const { document_id: documentId, invoice_document_id: invoiceId, user_id: userId } = event.payload;
    const user = await deps.users.findById(userId, trx);
    const document = await deps.documents.findOwned(userId, documentId, trx);
    if (!user || !document) return;
    const now = clock.now();
    const plan = planFromDocument({ type: 'reminder', fields: event.payload.fields, now, timeZone: user.timezone, language: user.language });
    if (plan.action !== 'escalate') return;
    // Already escalated by this letter (reprocessed, corrected): the same task again, never a second one.
    const mine = own(await deps.tasks.fromDocument(trx, userId, documentId));
    const invoiceTask = mine ?? own(await deps.tasks.fromDocument(trx, userId, invoiceId));
    const settled = invoiceTask && (invoiceTask.status === 'done' || invoiceTask.status === 'cancelled');
    const escalates = invoiceTask && !settled && (invoiceTask === mine ? fromDbJson<{ invoice_document_id?: string }>(invoiceTask.details).invoice_document_id === invoiceId : true);
    if (!invoiceTask || !escalates) {
      // Nothing open to escalate (the bill was marked paid, or its task removed): the letter gets its own task.
      await upsert(trx, { userId, documentId, task: plan.fallback, type: 'reminder', now });
      return;
    }
    // A new letter is news the user's edits could not know about: the claim and deadline follow it even
    // on a task they edited; only a title they wrote stays theirs.
    const next = escalation({ task: { amount: invoiceTask.amount, details: fromDbJson<Record<string, unknown>>(invoiceTask.details) }, plan, dunningDocumentId: documentId });
    await deps.tasks.update(trx, userId, invoiceTask.id, {
      ...(invoiceTask.user_edited_at ? {} : { title: payTitle(plan.sender, next.amount, plan.currency, user.language).slice(0, 255) }),
      document_id: documentId,
      ...(next.due ? { due_date: toDbInstant(next.due), due_is_date: true } : {}),
      amount: next.amount,
      details: toDbJson({ ...next.details, invoice_document_id: invoiceId }),
      updated_at: toDbInstant(now),
    });
    await deps.replan(trx, userId, [invoiceTask.id]);
  });

  const followTimeZone = subscribe('tasks.follow_timezone', timezoneChangedEvent, async (event, { trx, clock }) => {
    const { user_id: userId, from, to } = event.payload;
    const open = await deps.tasks.openDateOnly(trx, userId);
    for (const task of open) {
      if (!task.due_date) continue;
      const moved = moveDateDeadline(new Date(task.due_date), from, to);
      await deps.tasks.update(trx, userId, task.id, { due_date: toDbInstant(moved), updated_at: toDbInstant(clock.now()) });
    }
    // A date-only series counts its next dates from its first one: that moves with them, and so does
    // an end date that was the end of a day there.
    for (const rule of await deps.tasks.recurrenceOf(open.map((task) => task.id), trx)) {
      if (!rule.series_start) continue;
      const end = rule.end_date ? new Date(rule.end_date) : null;
      const endOfDay = end && end.getTime() === endOfLocalDate(localDateOf(end, from), from).getTime();
      await deps.tasks.setRecurrence(trx, {
        ...rule,
        series_start: toDbInstant(moveDateDeadline(new Date(rule.series_start), from, to)),
        end_date: end && endOfDay ? toDbInstant(moveDateDeadline(end, from, to)) : rule.end_date,
      }, clock.now());
    }
    // Every wall-clock time of the plan (09:00, quiet hours) moves with the zone.
    await deps.replanAll(trx, userId);
  });

  return [fromDocument, onDunning, followTimeZone];
}

function values(task: PlannedTask, type: string, now: Date) {
  return {
    title: task.title.slice(0, 255),
    due_date: task.due ? toDbInstant(task.due) : null,
    due_is_date: task.dueIsDate,
    amount: task.amountMinor,
    currency: task.currency,
    priority: task.priority ?? slaPriority({ due: task.due, now, documentType: type, amountMinor: task.amountMinor, currency: task.currency }).priority,
    // A priority the document decides is kept like a hand-set one, but says where it came from.
    priority_source: task.priority ? ('manual' as const) : ('auto' as const),
    details: toDbJson(task.priority ? { ...task.details, priority_from_document: true } : task.details),
    updated_at: toDbInstant(now),
  };
}

function own(rows: TaskRow[]): TaskRow | undefined {
  return rows.find((row) => fromDbJson<{ origin?: string }>(row.details).origin === 'document');
}
