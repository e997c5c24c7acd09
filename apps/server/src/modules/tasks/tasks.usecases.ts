/**
 * Tasks: create, read, list, change and delete; sub-steps, dependencies, tags and recurrence.
 * Every read computes the automatic priority from now; a priority set by hand wins.
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { fromDbBool, fromDbJson, toDbInstant, toDbJson } from '../../db/values.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { endOfLocalDate, isOverdue, localDateOf } from '../../shared/dates/deadlines.ts';
import { pageWindow } from '../../shared/http/pagination.ts';
import { newId } from '../../shared/ids/ids.ts';
import { formatAmount, parseAmount } from '../../shared/money/money.ts';
import type { DocumentsRepository } from '../documents/documents.repository.ts';
import type { TagsRepository } from '../tags/tags.repository.ts';
import { tagNotFound, type TagsUsecases } from '../tags/tags.usecases.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { cycleIfAdded, tagKey } from './tasks.dependencies.models.ts';
import { parseQuickAdd } from './tasks.quick-add.models.ts';
import * as errors from './tasks.errors.ts';
import { bandOf, MANUAL_SCORE, slaPriority, type Priority } from './tasks.priority.models.ts';
import { fromRRule, nextOccurrence, toRRule, UnsupportedRRuleError, type RecurrenceRule } from './tasks.recurrence.models.ts';
import type { DetailedTaskRow, RecurrenceRow, TaskDetails, TaskRow, TasksRepository, TaskSort } from './tasks.repository.ts';
import type { CreateTaskBody, ListTasksQuery, RecurrenceInput, UpdateTaskBody } from './tasks.schemas.ts';

const TODAY_LIMIT = 10;
/** How long a new task stays on Today even when its due date is far off. */
const NEW_TASK_HOURS = 72;
/** Documents understood with less confidence than this are shown for review. */
const REVIEW_BELOW_CONFIDENCE = 0.8;
const OPEN = new Set(['open', 'in_progress']);
/** Changes after which a task's reminders are planned again (in the same transaction). */
const REPLAN_ON = ['due_date', 'due_is_date', 'priority', 'priority_source', 'status', 'amount'];

export function createTasksUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  tasks: TasksRepository;
  tags: TagsRepository;
  tagUsecases: TagsUsecases;
  documents: DocumentsRepository;
  users: UsersRepository;
  clock: Clock;
  /** Recomputes the tasks' pending reminders in the transaction that changed them (the reminders module). */
  replan: (trx: Executor, userId: string, taskIds: readonly string[]) => Promise<void>;
}) {
  const { tasks, clock } = deps;

  async function profile(userId: string): Promise<Profile> {
    return profileOf(await deps.users.findById(userId));
  }

  function parseDue(value: string | null | undefined, zone: string): { due: Date | null; isDate: boolean } {
    if (value === null || value === undefined) return { due: null, isDate: false };
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { due: endOfLocalDate(value, zone), isDate: true };
    const due = new Date(value);
    if (Number.isNaN(due.getTime())) throw errors.taskInvalid({ message: `due_date "${value}" is not a date` });
    return { due, isDate: false };
  }

  function parseRecurrence(input: Static<typeof RecurrenceInput>, due: Date | null): Omit<RecurrenceRule, 'anchor'> & { anchor: 'due' | 'completion' } {
    if (!due) throw errors.taskInvalid({ message: 'recurrence: a recurring task needs a due_date.' });
    let base: Omit<RecurrenceRule, 'anchor'>;
    if (input.rrule) {
      try {
        base = fromRRule(input.rrule);
      } catch (error) {
        if (error instanceof UnsupportedRRuleError) throw errors.unsupportedRecurrence({ message: `recurrence.rrule: ${error.message}`, details: { unsupported: error.parts } });
        throw error;
      }
    } else {
      if (!input.frequency) throw errors.taskInvalid({ message: 'recurrence.frequency is required (or send recurrence.rrule).' });
      if (input.end_date && input.occurrences_count) throw errors.taskInvalid({ message: 'recurrence: give end_date or occurrences_count, not both.' });
      base = { frequency: input.frequency, interval: input.interval ?? 1, end_date: input.end_date ? new Date(input.end_date) : null, occurrences_count: input.occurrences_count ?? null };
    }
    return { ...base, anchor: input.anchor ?? 'due' };
  }

  async function checkReferences(userId: string, executor: Executor, refs: { document_id?: string | null; parent_task_id?: string | null }, selfId?: string) {
    let documentType: string | null = null;
    if (refs.document_id) {
      const document = await deps.documents.findOwned(userId, refs.document_id, executor);
      if (!document) throw errors.documentNotFound({ message: 'document_id: no such document.' });
      documentType = document.type;
    }
    if (refs.parent_task_id) {
      // Walk up from the new parent: the task must not become its own ancestor.
      let current: string | null = refs.parent_task_id;
      for (let depth = 0; current && depth < 100; depth += 1) {
        if (current === selfId) throw errors.taskInvalid({ message: 'parent_task_id: a task cannot be a sub-step of itself or of its own sub-steps.' });
        const parent = await tasks.find(userId, current, executor);
        if (!parent) throw errors.taskNotFound({ message: 'parent_task_id: no such task.' });
        current = parent.parent_task_id;
      }
    }
    return { documentType };
  }

  async function setTags(executor: Executor, userId: string, taskId: string, names: readonly string[]) {
    await deps.tags.detachAll(executor, taskId);
    for (const name of names) {
      const tag = await deps.tagUsecases.ensure(executor, userId, name);
      await deps.tags.attach(executor, taskId, tag.id, clock.now());
    }
  }

  async function create(userId: string, body: Static<typeof CreateTaskBody>) {
    const { zone } = await profile(userId);
    const now = clock.now();
    const { due, isDate } = parseDue(body.due_date, zone);
    const currency = body.currency ?? 'EUR';
    const amount = body.amount === undefined || body.amount === null ? null : parseAmount(body.amount, currency);
    const recurrence = body.recurrence ? parseRecurrence(body.recurrence, due) : null;
    const id = newId();
    await inTransaction(deps.handle, async (trx) => {
      const { documentType } = await checkReferences(userId, trx, body);
      const status = body.status ?? 'open';
      const priority = body.priority ?? slaPriority({ due, now, documentType, amountMinor: amount, currency }).priority;
      await tasks.insert(trx, {
        id, user_id: userId, title: body.title, description: body.description ?? null, due_date: due ? toDbInstant(due) : null, due_is_date: isDate,
        estimated_duration_minutes: body.estimated_duration_minutes ?? null, status, priority, priority_source: body.priority ? 'manual' : 'auto',
        amount, currency, document_id: body.document_id ?? null, parent_task_id: body.parent_task_id ?? null,
        completed_at: status === 'done' ? toDbInstant(now) : null, created_at: toDbInstant(now), updated_at: toDbInstant(now),
        series_id: recurrence ? id : null, series_index: recurrence ? 1 : null, details: toDbJson({}),
      });
      if (body.tags) await setTags(trx, userId, id, body.tags);
      if (recurrence && due) await tasks.setRecurrence(trx, ruleRow(id, recurrence, due), now);
      await deps.replan(trx, userId, [id]);
    });
    return get(userId, id);
  }

  function ruleRow(taskId: string, rule: RecurrenceRule, seriesStart: Date): Omit<RecurrenceRow, 'created_at'> {
    return {
      id: newId(), task_id: taskId, frequency: rule.frequency, interval: rule.interval, end_date: rule.end_date ? toDbInstant(rule.end_date) : null,
      occurrences_count: rule.occurrences_count, anchor: rule.anchor, series_start: toDbInstant(seriesStart),
    };
  }

  /** Tasks as responses: the automatic priority from now, dates in the user's zone, a reason in their language. */
  async function enrich(userId: string, rows: readonly DetailedTaskRow[], known?: Profile) {
    if (rows.length === 0) return [];
    const now = clock.now();
    const { zone, language } = known ?? (await profile(userId));
    const results = [];
    const stale = new Map<Priority, string[]>();
    for (const row of rows) {
      const due = row.due_date ? new Date(row.due_date) : null;
      const auto = slaPriority({ due, now, documentType: row.document_type, amountMinor: row.amount, currency: row.currency });
      const manual = row.priority_source === 'manual';
      // The band is stored only when it changes (a read writes no row otherwise); lists filter by the score itself.
      if (!manual && auto.priority !== row.priority && OPEN.has(row.status)) stale.set(auto.priority, [...(stale.get(auto.priority) ?? []), row.id]);
      results.push({
        id: row.id,
        title: row.title,
        description: row.description,
        due_date: row.due_date,
        due_is_date: fromDbBool(row.due_is_date),
        due_local_date: due && fromDbBool(row.due_is_date) ? localDateOf(due, zone) : null,
        overdue: due !== null && OPEN.has(row.status) && isOverdue(due, now),
        estimated_duration_minutes: row.estimated_duration_minutes,
        status: row.status,
        priority: manual ? row.priority : OPEN.has(row.status) ? auto.priority : row.priority,
        priority_source: row.priority_source,
        priority_score: manual ? MANUAL_SCORE[row.priority] : auto.score,
        priority_reason: manual ? manualReason(row.details, language) : auto.reason[language],
        amount: row.amount === null ? null : formatAmount(row.amount, row.currency),
        currency: row.currency,
        document_id: row.document_id,
        parent_task_id: row.parent_task_id,
        tags: row.tags,
        substeps: row.substeps,
        blocked: row.blocked_by.length > 0,
        blocked_by: row.blocked_by,
        payment: row.details.payment ?? null,
        due_assumption: row.details.assumed_due_date ?? null,
        ask: row.details.ask ?? null,
        dunning_level: row.details.dunning_level ?? null,
        recurrence: row.recurrence ? toRecurrenceResponse(row.recurrence) : null,
        series: row.series_id && row.series_index ? { id: row.series_id, index: row.series_index } : null,
        created_at: row.created_at,
        updated_at: row.updated_at,
        completed_at: row.completed_at,
      });
    }
    if (stale.size > 0) await tasks.storeBands(userId, stale);
    return results;
  }

  async function get(userId: string, id: string) {
    const row = await tasks.findDetailed(userId, id);
    if (!row) throw errors.taskNotFound();
    const [task] = await enrich(userId, [row]);
    if (!task) throw errors.taskNotFound();
    return task;
  }

  async function list(userId: string, query: Static<typeof ListTasksQuery>) {
    const { rows, total, owner } = await tasks.list(
      userId,
      {
        ...(query.status ? { status: query.status } : {}), ...(query.priority ? { priority: query.priority } : {}),
        ...(query.tag ? { tagKey: tagKey(query.tag) } : {}),
        ...(query.document_id ? { documentId: query.document_id } : {}), ...(query.parent_id ? { parentId: query.parent_id } : {}),
        ...(query.due_before ? { dueBefore: new Date(query.due_before) } : {}), ...(query.due_after ? { dueAfter: new Date(query.due_after) } : {}),
        ...(query.overdue === undefined ? {} : { overdue: query.overdue }),
      },
      (query.sort ?? 'due_date') as TaskSort,
      pageWindow(query),
      clock.now(),
    );
    return { total, page: query.page, page_size: query.page_size, results: await enrich(userId, rows, owner && profileOf(owner)) };
  }

  async function update(userId: string, id: string, body: Static<typeof UpdateTaskBody>) {
    const task = await tasks.find(userId, id);
    if (!task) throw errors.taskNotFound();
    const { zone } = await profile(userId);
    const now = clock.now();
    const changes: Record<string, unknown> = { updated_at: toDbInstant(now), user_edited_at: toDbInstant(now) };
    for (const field of ['title', 'description', 'estimated_duration_minutes', 'document_id', 'parent_task_id'] as const) {
      if (body[field] !== undefined) changes[field] = body[field];
    }
    let due = task.due_date ? new Date(task.due_date) : null;
    if (body.due_date !== undefined) {
      const parsed = parseDue(body.due_date, zone);
      due = parsed.due;
      changes.due_date = parsed.due ? toDbInstant(parsed.due) : null;
      changes.due_is_date = parsed.isDate;
    }
    const currency = body.currency ?? task.currency;
    if (body.currency !== undefined) changes.currency = currency;
    if (body.amount !== undefined) changes.amount = body.amount === null ? null : parseAmount(body.amount, currency);
    else if (body.currency !== undefined && task.amount !== null) parseAmount(formatAmount(task.amount, task.currency), currency);
    if (body.priority) Object.assign(changes, { priority: body.priority, priority_source: 'manual' });
    else if (body.priority_source === 'auto') Object.assign(changes, { priority_source: 'auto' });
    const details = fromDbJson<TaskDetails>(task.details);
    // From now on the priority is the user's (or automatic again), no longer the document's.
    if ((body.priority || body.priority_source) && details.priority_from_document) changes.details = toDbJson({ ...details, priority_from_document: undefined });
    const recurrence = body.recurrence ? parseRecurrence(body.recurrence, due) : body.recurrence;

    let nextInstance: { id: string; due_date: string; overdue: boolean } | undefined;
    let parentReady: boolean | undefined;
    await inTransaction(deps.handle, async (trx) => {
      await checkReferences(userId, trx, body, id);
      if (body.status !== undefined && body.status !== task.status) {
        changes.status = body.status;
        changes.completed_at = body.status === 'done' ? toDbInstant(now) : null;
        if (body.status === 'done') {
          const blockers = await tasks.blockersOf([id], trx);
          if (blockers.length > 0 && !body.force) {
            throw errors.taskBlocked({ details: { blocked_by: blockers.map((blocker) => ({ id: blocker.id, title: blocker.title })) } });
          }
        }
      }
      await tasks.update(trx, userId, id, changes);
      if (body.tags) await setTags(trx, userId, id, body.tags);
      if (recurrence === null) await tasks.clearRecurrence(trx, id);
      if (recurrence && due) {
        const [existing] = await tasks.recurrenceOf([id], trx);
        await tasks.setRecurrence(trx, ruleRow(id, recurrence, existing?.series_start ? new Date(existing.series_start) : due), now);
        if (!task.series_id) await tasks.update(trx, userId, id, { series_id: id, series_index: 1 });
      }
      if (changes.status === 'done') {
        nextInstance = await createNextInstance(trx, userId, { ...task, ...(changes as Partial<TaskRow>) }, zone, now);
        if (task.parent_task_id) parentReady = (await tasks.openSiblings(trx, task.parent_task_id)) === 0;
      }
      if (REPLAN_ON.some((field) => field in changes)) await deps.replan(trx, userId, [id]);
      if (nextInstance) await deps.replan(trx, userId, [nextInstance.id]);
    });
    return { ...(await get(userId, id)), ...(nextInstance ? { next_instance: nextInstance } : {}), ...(parentReady !== undefined ? { parent_ready_to_complete: parentReady } : {}) };
  }

  /** Completing an instance of a series creates the next one, once: done -> open -> done finds it already there. */
  async function createNextInstance(trx: Executor, userId: string, task: TaskRow, zone: string, now: Date) {
    if (!task.series_id || !task.series_index || !task.due_date) return undefined;
    const [rule] = await tasks.recurrenceOf([task.id], trx);
    if (!rule) return undefined;
    const next = nextOccurrence({
      rule: { frequency: rule.frequency, interval: rule.interval, end_date: rule.end_date ? new Date(rule.end_date) : null, occurrences_count: rule.occurrences_count, anchor: rule.anchor },
      firstDue: new Date(rule.series_start ?? task.due_date),
      previousDue: new Date(task.due_date),
      completedIndex: task.series_index,
      completedAt: now,
      timeZone: zone,
      now,
    });
    if (!next) return undefined;
    const existing = await tasks.seriesInstance(trx, task.series_id, next.index);
    if (existing) return { id: existing.id, due_date: existing.due_date ?? '', overdue: next.overdue };
    const id = newId();
    const priority = task.priority_source === 'manual' ? task.priority : bandOf(slaPriority({ due: next.due, now, documentType: task.document_type, amountMinor: task.amount, currency: task.currency }).score);
    await tasks.insert(trx, {
      id, user_id: userId, title: task.title, description: task.description, due_date: toDbInstant(next.due), due_is_date: fromDbBool(task.due_is_date),
      estimated_duration_minutes: task.estimated_duration_minutes, status: 'open', priority, priority_source: task.priority_source, amount: task.amount,
      currency: task.currency, document_id: task.document_id, parent_task_id: task.parent_task_id, completed_at: null,
      created_at: toDbInstant(now), updated_at: toDbInstant(now), series_id: task.series_id, series_index: next.index, details: toDbJson({}),
    });
    const tagRows = await trx.selectFrom('task_tags').select('tag_id').where('task_id', '=', task.id).execute();
    for (const tag of tagRows) await deps.tags.attach(trx, id, tag.tag_id, now);
    await tasks.setRecurrence(trx, { ...rule, id: newId(), task_id: id }, now);
    return { id, due_date: toDbInstant(next.due), overdue: next.overdue };
  }

  async function remove(userId: string, id: string) {
    if (!(await tasks.remove(userId, id))) throw errors.taskNotFound();
  }

  async function addDependency(userId: string, id: string, dependsOn: string) {
    const [waiting, prerequisite] = [await tasks.find(userId, id), await tasks.find(userId, dependsOn)];
    if (!waiting) throw errors.taskNotFound();
    if (!prerequisite) throw errors.taskNotFound({ message: 'depends_on_task_id: no such task.' });
    const cycle = cycleIfAdded(await tasks.dependencyEdges(userId), { prerequisite: dependsOn, waiting: id });
    if (cycle) {
      const titles = await tasks.findMany(userId, [...new Set(cycle)]);
      const named = cycle.map((taskId) => `"${titles.find((row) => row.id === taskId)?.title ?? taskId}"`);
      throw errors.dependencyCycle({ message: `This dependency would close a circle: ${named.join(' waits for ')}.`, details: { cycle } });
    }
    await tasks.addDependency(dependsOn, id, clock.now());
    return get(userId, id);
  }

  async function removeDependency(userId: string, id: string, other: string) {
    if (!(await tasks.find(userId, id)) || !(await tasks.find(userId, other))) throw errors.taskNotFound();
    if (!(await tasks.removeDependency(other, id))) throw errors.dependencyNotFound();
    return get(userId, id);
  }

  async function attachTag(userId: string, id: string, tagId: string) {
    if (!(await tasks.find(userId, id))) throw errors.taskNotFound();
    if (!(await deps.tags.find(userId, tagId))) throw tagNotFound({ message: 'tag_id: no such tag.' });
    await deps.tags.attach(deps.handle.db, id, tagId, clock.now());
    return get(userId, id);
  }

  async function detachTag(userId: string, id: string, tagId: string) {
    if (!(await tasks.find(userId, id))) throw errors.taskNotFound();
    if (!(await deps.tags.detach(deps.handle.db, id, tagId))) throw tagNotFound({ message: 'The task does not have this tag.' });
    return get(userId, id);
  }

  /**
   * The calm daily view: what is overdue (worst first), what is due within 48 hours, documents that
   * need a look, tasks that were waiting and now can start, what was added in the last three days
   * (so a bill read today and due in three weeks does not vanish into the list), and how many other
   * tasks are open.
   */
  async function today(userId: string) {
    const now = clock.now();
    const window = { limit: TODAY_LIMIT, offset: 0 };
    const [overdue, dueSoon, unblocked, recent, attention, totalOpen] = await Promise.all([
      tasks.list(userId, { overdue: true }, 'priority', window, now, { count: false }),
      tasks.list(userId, { unfinished: true, dueAfter: new Date(now.getTime() - 1), dueBefore: new Date(now.getTime() + 48 * 3_600_000) }, 'due_date', window, now, { count: false }),
      tasks.unblocked(userId, TODAY_LIMIT),
      tasks.list(userId, { unfinished: true, parentId: 'none', createdAfter: new Date(now.getTime() - NEW_TASK_HOURS * 3_600_000) }, '-created_at', window, now, { count: false }),
      deps.documents.needingAttention(userId, TODAY_LIMIT, REVIEW_BELOW_CONFIDENCE),
      tasks.countOpen(userId),
    ]);
    // Each task in one list only, the first that names it.
    const listed = new Set<string>();
    const fresh = (rows: readonly DetailedTaskRow[]) =>
      rows.filter((row) => {
        if (listed.has(row.id)) return false;
        listed.add(row.id);
        return true;
      });
    const [overdueRows, soon, ready, added] = [fresh(overdue.rows), fresh(dueSoon.rows), fresh(unblocked), fresh(recent.rows)];
    // One enrichment for all four lists.
    const enriched = await enrich(userId, [...overdueRows, ...soon, ...ready, ...added]);
    const pick = (rows: readonly DetailedTaskRow[]) => rows.map((row) => enriched.find((task) => task.id === row.id)).filter((task) => task !== undefined);
    return {
      overdue: pick(overdueRows),
      due_soon: pick(soon),
      unblocked: pick(ready),
      new_tasks: pick(added),
      documents_to_review: attention.review,
      failed_documents: attention.failed,
      other_open_tasks: Math.max(totalOpen - listed.size, 0),
    };
  }

  async function parse(userId: string, text: string) {
    const { zone, language } = await profile(userId);
    const draft = parseQuickAdd(text, { now: clock.now(), timeZone: zone, language });
    return { ...draft, due_local_date: draft.due_date && draft.due_is_date ? localDateOf(new Date(draft.due_date), zone) : null };
  }

  /** Creates the task a quick-add line describes. */
  async function quickAdd(userId: string, text: string) {
    const draft = await parse(userId, text);
    if (!draft.title) throw errors.taskInvalid({ message: 'text: nothing is left for a title once date, amount and tags are read.' });
    return create(userId, {
      title: draft.title.slice(0, 255),
      ...(draft.due_date ? { due_date: draft.due_local_date ?? draft.due_date } : {}),
      ...(draft.amount ? { amount: draft.amount, currency: draft.currency } : {}),
      ...(draft.tags.length ? { tags: draft.tags } : {}),
      ...(draft.recurrence && draft.due_date ? { recurrence: draft.recurrence } : {}),
    });
  }

  /** The tasks made from a document, as the document's detail lists them. */
  async function ofDocument(userId: string, documentId: string) {
    const rows = await tasks.fromDocument(deps.handle.db, userId, documentId);
    return rows.map((task) => ({ id: task.id, title: task.title, status: task.status, due_date: task.due_date }));
  }

  /** Cancels the open tasks made from a document, in the caller's transaction; returns how many. */
  async function cancelOfDocument(trx: Executor, userId: string, documentId: string): Promise<number> {
    const open = (await tasks.fromDocument(trx, userId, documentId)).filter((task) => OPEN.has(task.status));
    for (const task of open) await tasks.update(trx, userId, task.id, { status: 'cancelled', updated_at: toDbInstant(clock.now()) });
    await deps.replan(trx, userId, open.map((task) => task.id));
    return open.length;
  }

  return { create, get, list, update, remove, addDependency, removeDependency, attachTag, detachTag, today, parse, quickAdd, ofDocument, cancelOfDocument };
}

interface Profile {
  zone: string;
  language: 'de' | 'en';
}

function manualReason(details: TaskDetails, language: 'de' | 'en'): string {
  if (details.priority_from_document) return language === 'de' ? 'Vom Dokument vorgegeben' : 'Set by the document';
  return language === 'de' ? 'Von dir festgelegt' : 'Set by you';
}

function profileOf(user: { timezone: string | null; language: string | null } | undefined): Profile {
  return { zone: user?.timezone ?? 'UTC', language: user?.language === 'en' ? 'en' : 'de' };
}

function toRecurrenceResponse(rule: RecurrenceRow) {
  const base = { frequency: rule.frequency, interval: rule.interval, end_date: rule.end_date ? new Date(rule.end_date) : null, occurrences_count: rule.occurrences_count };
  return { ...base, end_date: rule.end_date, anchor: rule.anchor, rrule: toRRule(base) };
}

export type TasksUsecases = ReturnType<typeof createTasksUsecases>;
