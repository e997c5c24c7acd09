/**
 * How tasks follow what happens elsewhere, through events:
 * - `documents.understood`: create the task a document asks for, or update it when the document is
 *   reprocessed or corrected (never a second one; never over the user's own edits); a dunning
 *   letter escalates the task of the invoice it refers to.
 * - `users.timezone_changed`: date-only deadlines keep their calendar date in the new zone.
 */
import type { Executor } from '../../db/transaction.ts';
import { fromDbJson, toDbInstant, toDbJson } from '../../db/values.ts';
import { subscribe, type Subscriber } from '../../events/events.types.ts';
import { moveDateDeadline } from '../../shared/dates/deadlines.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { DocumentsRepository } from '../documents/documents.repository.ts';
import { documentUnderstoodEvent } from '../documents/documents.schemas.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { timezoneChangedEvent } from '../users/users.schemas.ts';
import { planFromDocument, type PlannedTask } from './tasks.from-documents.models.ts';
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
  const fromDocument = subscribe('tasks.from_document', documentUnderstoodEvent, async (event, { trx, clock }) => {
    const { document_id: documentId, user_id: userId } = event.payload;
    const user = await deps.users.findById(userId, trx);
    const document = await deps.documents.findOwned(userId, documentId, trx);
    if (!user || !document) return; // deleted meanwhile: nothing to do
    const now = clock.now();
    const plan = planFromDocument({ type: event.payload.type, fields: event.payload.fields, now, timeZone: user.timezone, language: user.language });
    if (plan.action === 'none') return;

    const values = (task: PlannedTask, type: string) => ({
      title: task.title.slice(0, 255),
      due_date: task.due ? toDbInstant(task.due) : null,
      due_is_date: task.dueIsDate,
      amount: task.amountMinor,
      currency: task.currency,
      priority: task.priority ?? slaPriority({ due: task.due, now, documentType: type, amountMinor: task.amountMinor, currency: task.currency }).priority,
      priority_source: task.priority ? ('manual' as const) : ('auto' as const),
      details: toDbJson(task.details),
      updated_at: toDbInstant(now),
    });
    const own = (rows: TaskRow[]) => rows.find((row) => fromDbJson<{ origin?: string }>(row.details).origin === 'document');

    if (plan.action === 'escalate') {
      const invoice = await deps.documents.findInvoiceByNumber(trx, userId, plan.invoiceNumber);
      const invoiceTask = invoice ? own(await deps.tasks.fromDocument(trx, userId, invoice.id)) : undefined;
      if (invoiceTask) {
        // The dunning letter is now what the task is about: its type raises the automatic priority.
        const details = { ...fromDbJson<Record<string, unknown>>(invoiceTask.details), dunning_level: plan.level, invoice_document_id: invoice?.id };
        await deps.tasks.update(trx, userId, invoiceTask.id, {
          document_id: documentId,
          ...(plan.dueDate ? { due_date: toDbInstant(plan.dueDate), due_is_date: true } : {}),
          amount: (invoiceTask.amount ?? 0) + plan.feeMinor,
          details: toDbJson(details),
          updated_at: toDbInstant(now),
        });
        await deps.replan(trx, userId, [invoiceTask.id]);
        return;
      }
    }
    const task = plan.action === 'escalate' ? plan.fallback : plan.task;
    const existing = own(await deps.tasks.fromDocument(trx, userId, documentId));
    if (existing) {
      if (existing.user_edited_at) return; // the user's own changes win over a reprocessed document
      await deps.tasks.update(trx, userId, existing.id, values(task, event.payload.type));
      await deps.replan(trx, userId, [existing.id]);
      return;
    }
    const id = newId();
    await deps.tasks.insert(trx, { id, user_id: userId, document_id: documentId, status: 'open', created_at: toDbInstant(now), ...values(task, event.payload.type) });
    await deps.replan(trx, userId, [id]);
  });

  const followTimeZone = subscribe('tasks.follow_timezone', timezoneChangedEvent, async (event, { trx, clock }) => {
    const { user_id: userId, from, to } = event.payload;
    for (const task of await deps.tasks.openDateOnly(trx, userId)) {
      if (!task.due_date) continue;
      const moved = moveDateDeadline(new Date(task.due_date), from, to);
      await deps.tasks.update(trx, userId, task.id, { due_date: toDbInstant(moved), updated_at: toDbInstant(clock.now()) });
    }
    // Every wall-clock time of the plan (09:00, quiet hours) moves with the zone.
    await deps.replanAll(trx, userId);
  });

  return [fromDocument, followTimeZone];
}
