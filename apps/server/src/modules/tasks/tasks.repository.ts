/** All SQL of tasks, their dependencies and recurrence rules. Every query is scoped to one user. */
import { sql, type Expression, type RawBuilder, type ExpressionBuilder, type Kysely, type OrderByDirection, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database, RecurrenceRulesTable, TasksTable } from '../../db/schema.ts';
import { NO_DUE_DATE_SORT_KEY } from '../../migrations/0004-task-list-indexes.migration.ts';
import { fromDbJson, toDbInstant } from '../../db/values.ts';
import { AMOUNT_STEPS, BAND_FLOORS, MANUAL_SCORE, TYPE_FACTORS, unusualExponents, type Priority } from './tasks.priority.models.ts';

export type TaskRow = Selectable<TasksTable> & { document_type: string | null };
export type RecurrenceRow = Selectable<RecurrenceRulesTable>;
/** What a task made from a document notes about itself (`tasks.details`). */
export interface TaskDetails {
  origin?: 'document';
  payment?: { iban?: string; bic?: string; reference?: string };
  assumed_due_date?: string;
  ask?: 'already_paid';
  priority_from_document?: boolean;
  dunning_level?: number;
}

/** A task as a response shows it: its fields (not the owner or the edit stamp), its parsed details and, read in the same query, tags, sub-steps, blockers and rule. */
export type DetailedTaskRow = Omit<TaskRow, 'user_id' | 'details' | 'user_edited_at'> & {
  details: TaskDetails;
  tags: { id: string; name: string }[];
  substeps: { total: number; done: number };
  /** Unfinished prerequisites. */
  blocked_by: { id: string; title: string }[];
  recurrence: RecurrenceRow | null;
};

export interface TaskFilters {
  status?: string;
  /** Open or in progress. */
  unfinished?: boolean;
  createdAfter?: Date;
  priority?: string;
  tagKey?: string;
  documentId?: string;
  parentId?: string | 'none';
  dueBefore?: Date;
  dueAfter?: Date;
  overdue?: boolean;
}

export type TaskSort = 'due_date' | '-due_date' | 'priority' | 'created_at' | '-created_at';

const DAY_MS = 86_400_000;
const OPEN = ['open', 'in_progress'] as const;

/** Stored minor units times this are hundredths of the major unit: 100 for JPY, 0.1 for KWD, else 1. */
const amountScale = (() => {
  const cases = [...unusualExponents()].map(([digits, currencies]) => sql`WHEN tasks.currency IN (${sql.join(currencies.map((code) => sql.lit(code)))}) THEN ${sql.lit(10 ** (2 - digits))}`);
  return cases.length > 0 ? sql`(CASE ${sql.join(cases, sql` `)} ELSE 1 END)` : sql`1`;
})();

/** The columns a task response shows. */
const RESPONSE_COLUMNS = [
  'tasks.id', 'tasks.document_id', 'tasks.parent_task_id', 'tasks.title', 'tasks.description', 'tasks.due_date', 'tasks.due_is_date', 'tasks.estimated_duration_minutes',
  'tasks.status', 'tasks.priority', 'tasks.amount', 'tasks.currency', 'tasks.created_at', 'tasks.updated_at', 'tasks.completed_at', 'tasks.priority_source',
  'tasks.series_id', 'tasks.series_index', 'tasks.details',
] as const satisfies readonly `tasks.${keyof TasksTable}`[];
/** Every column but PostgreSQL's generated search vector, which the application never reads back. */
const TASK_COLUMNS = [...RESPONSE_COLUMNS, 'tasks.user_id', 'tasks.user_edited_at'] as const satisfies readonly `tasks.${keyof TasksTable}`[];

export function createTasksRepository({ db, dialect }: { db: Kysely<Database>; dialect: DialectName }) {
  // Must match the indexes of migration 0004, so the list is read in index order.
  const dueKey = dialect === 'postgres' ? sql`tasks.due_date` : sql`coalesce(tasks.due_date, ${sql.lit(NO_DUE_DATE_SORT_KEY)})`;

  // The document type as a correlated look-up rather than a join: it runs only for the rows that are
  // returned (or, when sorting by score, only for tasks that have a document).
  const documentType = (eb: ExpressionBuilder<Database, 'tasks'>) => eb.selectFrom('documents').select('documents.type').whereRef('documents.id', '=', 'tasks.document_id').as('document_type');
  const withDocumentType = (executor: Kysely<Database>) => executor.selectFrom('tasks').select(TASK_COLUMNS).select(documentType);

  /**
   * Dialect-specific: a JSON array with one object per row of the enclosing sub-select ('[]' for none),
   * so a task's tags or blockers come with the task instead of in a query of their own.
   */
  function jsonArrayOf(fields: Record<string, string>, orderBy?: string) {
    const pairs = sql.join(Object.entries(fields).map(([key, column]) => sql`${sql.lit(key)}, ${sql.ref(column)}`));
    const order = orderBy ? sql` ORDER BY ${sql.ref(orderBy)}` : sql``;
    return dialect === 'postgres' ? sql<string>`coalesce(json_agg(json_build_object(${pairs})${order}), '[]'::json)` : sql<string>`json_group_array(json_object(${pairs})${order})`;
  }

  /**
   * Dialect-specific: how many sub-steps of `tasks` are done or cancelled. SQLite's statistics count the
   * NULLs of parent_task_id (nearly every task), so the index looks useless to it and, reading status
   * too, it scanned the whole table for each row (4 s a page); INDEXED BY keeps it on the index.
   */
  const substepTable = dialect === 'sqlite' ? sql`tasks AS substep INDEXED BY idx_tasks_parent_id` : sql`tasks AS substep`;
  const finishedSubsteps = sql<number | null>`(SELECT sum(CASE WHEN substep.status IN ('done', 'cancelled') THEN 1 ELSE 0 END) FROM ${substepTable} WHERE substep.parent_task_id = tasks.id)`;

  /** Tasks with their tags, sub-step counts, unfinished prerequisites and recurrence rule: one query for a whole page. */
  const detailed = db
    .selectFrom('tasks')
    .select(RESPONSE_COLUMNS)
    .select(documentType)
    .leftJoin('recurrence_rules', 'recurrence_rules.task_id', 'tasks.id')
    .select((eb) => [
      eb.selectFrom('task_tags').innerJoin('tags', 'tags.id', 'task_tags.tag_id').select(jsonArrayOf({ id: 'tags.id', name: 'tags.name' }, 'tags.name').as('list')).whereRef('task_tags.task_id', '=', 'tasks.id').as('tags_json'),
      eb
        .selectFrom('task_dependencies')
        .innerJoin('tasks as prerequisite', 'prerequisite.id', 'task_dependencies.parent_task_id')
        .select(jsonArrayOf({ id: 'prerequisite.id', title: 'prerequisite.title' }).as('list'))
        .whereRef('task_dependencies.child_task_id', '=', 'tasks.id')
        .where('prerequisite.status', 'in', [...OPEN])
        .as('blocked_by_json'),
      eb.selectFrom('tasks as substep').select(eb.fn.countAll<number>().as('count')).whereRef('substep.parent_task_id', '=', 'tasks.id').as('substeps_total'),
      finishedSubsteps.as('substeps_done'),
      'recurrence_rules.id as rule_id', 'recurrence_rules.frequency as rule_frequency', 'recurrence_rules.interval as rule_interval', 'recurrence_rules.end_date as rule_end_date',
      'recurrence_rules.occurrences_count as rule_occurrences_count', 'recurrence_rules.created_at as rule_created_at', 'recurrence_rules.anchor as rule_anchor',
      'recurrence_rules.series_start as rule_series_start',
    ]);

  type RawDetailedRow = Awaited<ReturnType<(typeof detailed)['execute']>>[number];

  // A new object of one fixed shape rather than the driver's row plus fields: node-postgres builds each
  // row from a null-prototype template (a slow, dictionary-mode object), and every later read of it
  // paid for that (measured: about 1 µs a row).
  function toDetailed(raw: RawDetailedRow): DetailedTaskRow {
    return {
      id: raw.id, document_id: raw.document_id, parent_task_id: raw.parent_task_id, title: raw.title, description: raw.description, due_date: raw.due_date,
      due_is_date: raw.due_is_date, estimated_duration_minutes: raw.estimated_duration_minutes, status: raw.status, priority: raw.priority, amount: raw.amount,
      currency: raw.currency, created_at: raw.created_at, updated_at: raw.updated_at, completed_at: raw.completed_at, priority_source: raw.priority_source,
      series_id: raw.series_id, series_index: raw.series_index, document_type: raw.document_type, details: fromDbJson<TaskDetails>(raw.details),
      tags: fromDbJson<DetailedTaskRow['tags']>(raw.tags_json ?? '[]'),
      blocked_by: fromDbJson<DetailedTaskRow['blocked_by']>(raw.blocked_by_json ?? '[]'),
      substeps: { total: Number(raw.substeps_total ?? 0), done: Number(raw.substeps_done ?? 0) },
      recurrence: ruleOf(raw),
    };
  }

  function ruleOf({ id, rule_id, rule_frequency, rule_interval, rule_end_date, rule_occurrences_count, rule_created_at, rule_anchor, rule_series_start }: RawDetailedRow): RecurrenceRow | null {
    if (rule_id === null || rule_frequency === null || rule_interval === null || rule_created_at === null || rule_anchor === null) return null;
    return { id: rule_id, task_id: id, frequency: rule_frequency, interval: rule_interval, end_date: rule_end_date, occurrences_count: rule_occurrences_count, created_at: rule_created_at, anchor: rule_anchor, series_start: rule_series_start };
  }

  async function find(userId: string, id: string, executor: Kysely<Database> = db): Promise<TaskRow | undefined> {
    return withDocumentType(executor).where('tasks.user_id', '=', userId).where('tasks.id', '=', id).executeTakeFirst();
  }

  async function findMany(userId: string, ids: readonly string[]): Promise<TaskRow[]> {
    if (ids.length === 0) return [];
    return withDocumentType(db).where('tasks.user_id', '=', userId).where('tasks.id', 'in', ids).execute();
  }

  async function findDetailed(userId: string, id: string): Promise<DetailedTaskRow | undefined> {
    const row = await detailed.where('tasks.user_id', '=', userId).where('tasks.id', '=', id).executeTakeFirst();
    return row && toDetailed(row);
  }

  async function insert(executor: Kysely<Database>, row: Parameters<ReturnType<Kysely<Database>['insertInto']>['values']>[0] & object) {
    await executor.insertInto('tasks').values(row as never).execute();
  }

  async function update(executor: Kysely<Database>, userId: string, id: string, changes: Record<string, unknown>) {
    await executor.updateTable('tasks').set(changes as never).where('user_id', '=', userId).where('id', '=', id).execute();
  }

  /** Stores new priority bands, one statement per band (a read that found stale bands writes at most four). */
  async function storeBands(userId: string, bands: ReadonlyMap<Priority, readonly string[]>) {
    for (const [band, ids] of bands) {
      if (ids.length > 0) await db.updateTable('tasks').set({ priority: band }).where('user_id', '=', userId).where('id', 'in', ids).where('priority_source', '=', 'auto').execute();
    }
  }

  async function remove(userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('tasks').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  /** Priority score in SQL, the same formula and constants as tasks.priority.models.ts, for sorting and filtering by band. */
  function scoreExpression(now: Date) {
    const at = (offsetMs: number) => toDbInstant(new Date(now.getTime() + offsetMs));
    const manual = sql.join(Object.entries(MANUAL_SCORE).map(([band, score]) => sql`WHEN ${sql.lit(band)} THEN ${sql.lit(score)}`), sql` `);
    const types = sql.join(Object.entries(TYPE_FACTORS).map(([type, factor]) => sql`WHEN ${sql.lit(type)} THEN ${sql.lit(factor)}`), sql` `);
    const factor = (amount: RawBuilder<unknown>) => sql`(CASE ${sql.join(AMOUNT_STEPS.map((step) => sql`WHEN ${amount} > ${sql.lit(step.above * 100)} THEN ${sql.lit(step.factor)}`), sql` `)} ELSE 1.0 END)`;
    // Most tasks have no amount or one in euros: the currency look-up only for the others.
    const amountFactor = sql`(CASE WHEN tasks.amount IS NULL THEN 1.0 WHEN tasks.currency = 'EUR' THEN ${factor(sql`abs(tasks.amount)`)} ELSE ${factor(sql`abs(tasks.amount) * ${amountScale}`)} END)`;
    return sql<number>`(CASE
        WHEN tasks.priority_source = 'manual' THEN (CASE tasks.priority ${manual} ELSE 20 END)
        ELSE (CASE WHEN tasks.due_date IS NULL THEN 20 WHEN tasks.due_date < ${at(0)} THEN 100 WHEN tasks.due_date < ${at(DAY_MS)} THEN 80
                   WHEN tasks.due_date < ${at(2 * DAY_MS)} THEN 60 WHEN tasks.due_date < ${at(7 * DAY_MS)} THEN 40 ELSE 20 END)
           * (CASE WHEN tasks.document_id IS NULL THEN 1.0 ELSE (SELECT CASE documents.type ${types} ELSE 1.0 END FROM documents WHERE documents.id = tasks.document_id) END)
           * ${amountFactor}
      END)`;
  }

  /**
   * Tasks in a priority band as responses show it: an open task by its score now (the stored band is
   * refreshed only when the task is read, so it can be stale), a finished one by its stored priority.
   */
  function inBand(band: Priority, now: Date) {
    const floor = BAND_FLOORS[band];
    const above = (Object.entries(BAND_FLOORS) as [Priority, number][]).filter(([, other]) => other > floor).map(([, other]) => other);
    const ceiling = above.length > 0 ? Math.min(...above) : undefined;
    // Scores are rounded to one decimal in the model; half a step keeps the SQL on the same side of a floor.
    const score = scoreExpression(now);
    const lower = Number.isFinite(floor) ? sql`${score} >= ${sql.lit(floor - 0.05)}` : sql`1 = 1`;
    const upper = ceiling === undefined ? sql`1 = 1` : sql`${score} < ${sql.lit(ceiling - 0.05)}`;
    return sql<boolean>`((tasks.status IN ('open', 'in_progress') AND ${lower} AND ${upper}) OR (tasks.status NOT IN ('open', 'in_progress') AND tasks.priority = ${band}))`;
  }

  function matching(userId: string, filters: TaskFilters, now: Date) {
    let query = db.selectFrom('tasks').where('tasks.user_id', '=', userId);
    if (filters.status) query = query.where('tasks.status', '=', filters.status as never);
    if (filters.unfinished) query = query.where('tasks.status', 'in', [...OPEN]);
    if (filters.createdAfter) query = query.where('tasks.created_at', '>', toDbInstant(filters.createdAfter));
    if (filters.priority) query = query.where(inBand(filters.priority as Priority, now));
    if (filters.documentId) query = query.where('tasks.document_id', '=', filters.documentId);
    if (filters.parentId === 'none') query = query.where('tasks.parent_task_id', 'is', null);
    else if (filters.parentId) query = query.where('tasks.parent_task_id', '=', filters.parentId);
    if (filters.dueBefore) query = query.where('tasks.due_date', '<', toDbInstant(filters.dueBefore));
    if (filters.dueAfter) query = query.where('tasks.due_date', '>', toDbInstant(filters.dueAfter));
    if (filters.overdue !== undefined) {
      query = filters.overdue
        ? query.where('tasks.due_date', '<', toDbInstant(now)).where('tasks.status', 'in', [...OPEN])
        : query.where((eb) => eb.or([eb('tasks.due_date', 'is', null), eb('tasks.due_date', '>=', toDbInstant(now)), eb('tasks.status', 'not in', [...OPEN])]));
    }
    if (filters.tagKey) {
      const key = filters.tagKey;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('task_tags').innerJoin('tags', 'tags.id', 'task_tags.tag_id').select('task_tags.task_id').whereRef('task_tags.task_id', '=', 'tasks.id').where('tags.name_key', '=', key)),
      );
    }
    return query;
  }

  function orderKeys(sort: TaskSort, now: Date): [Expression<unknown>, OrderByDirection][] {
    const keys: [Expression<unknown>, OrderByDirection][] =
      sort === 'priority'
        ? [[scoreExpression(now), 'desc'], [dueKey, 'asc']]
        : sort === 'created_at' || sort === '-created_at'
          ? [[sql.ref('tasks.created_at'), sort === 'created_at' ? 'asc' : 'desc']]
          : [[dueKey, sort === '-due_date' ? 'desc' : 'asc']];
    // Ties by id, in the direction of the creation order so idx_tasks_user_created serves both ways.
    return [...keys, [sql.ref('tasks.id'), sort === '-created_at' ? 'desc' : 'asc']];
  }

  function ordered<Q extends SelectQueryBuilder<Database, 'tasks', object>>(query: Q, sort: TaskSort, now: Date): Q {
    return orderKeys(sort, now).reduce((sorted, [key, direction]) => sorted.orderBy(key, direction) as Q, query);
  }

  /**
   * One page of tasks with their details, in one query. The page is chosen on the tasks table alone (in
   * index order, reading only the sort key and id), so only its rows are read in full and given details.
   * Unless `count: false`, how many tasks match rides along as a sub-select, and so do the owner's time
   * zone and language, which the response needs: each query less saved CPU in `npm run bench:tasks`.
   */
  async function list(userId: string, filters: TaskFilters, sort: TaskSort, window: { limit: number; offset: number }, now: Date, options: { count?: boolean } = {}) {
    const page = ordered(matching(userId, filters, now).select('tasks.id'), sort, now).limit(window.limit).offset(window.offset);
    const query = ordered(detailed.where('tasks.id', 'in', page), sort, now);
    if (options.count === false) return { rows: (await query.execute()).map(toDetailed), total: -1 };
    const countAll = () => matching(userId, filters, now).select((eb) => eb.fn.countAll<number>().as('count'));
    const rows = await query
      .select((eb) => [
        countAll().as('total'),
        eb.selectFrom('users').select('users.timezone').where('users.id', '=', userId).as('owner_timezone'),
        eb.selectFrom('users').select('users.language').where('users.id', '=', userId).as('owner_language'),
      ])
      .execute();
    const [first] = rows;
    if (first) return { rows: rows.map(toDetailed), total: Number(first.total), owner: { timezone: first.owner_timezone, language: first.owner_language } };
    // An empty page has no row to carry the count: past the end, count on its own.
    return { rows: [], total: window.offset === 0 ? 0 : Number((await countAll().executeTakeFirstOrThrow()).count) };
  }

  /** Unfinished prerequisites of each task. */
  async function blockersOf(taskIds: readonly string[], executor: Kysely<Database> = db) {
    if (taskIds.length === 0) return [];
    return executor
      .selectFrom('task_dependencies')
      .innerJoin('tasks', 'tasks.id', 'task_dependencies.parent_task_id')
      .select(['task_dependencies.child_task_id as waiting', 'tasks.id', 'tasks.title'])
      .where('task_dependencies.child_task_id', 'in', taskIds)
      .where('tasks.status', 'in', [...OPEN])
      .execute();
  }

  async function dependencyEdges(userId: string) {
    return db
      .selectFrom('task_dependencies')
      .innerJoin('tasks', 'tasks.id', 'task_dependencies.child_task_id')
      .select(['task_dependencies.parent_task_id as prerequisite', 'task_dependencies.child_task_id as waiting'])
      .where('tasks.user_id', '=', userId)
      .execute();
  }

  async function addDependency(prerequisite: string, waiting: string, now: Date) {
    await db.insertInto('task_dependencies').values({ parent_task_id: prerequisite, child_task_id: waiting, created_at: toDbInstant(now) }).onConflict((conflict) => conflict.doNothing()).execute();
  }

  async function removeDependency(prerequisite: string, waiting: string): Promise<boolean> {
    const result = await db.deleteFrom('task_dependencies').where('parent_task_id', '=', prerequisite).where('child_task_id', '=', waiting).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  async function openSiblings(executor: Kysely<Database>, parentId: string) {
    const row = await executor.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('count')).where('parent_task_id', '=', parentId).where('status', 'in', [...OPEN]).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async function recurrenceOf(taskIds: readonly string[], executor: Kysely<Database> = db): Promise<RecurrenceRow[]> {
    if (taskIds.length === 0) return [];
    return executor.selectFrom('recurrence_rules').selectAll().where('task_id', 'in', taskIds).execute();
  }

  async function setRecurrence(executor: Kysely<Database>, row: Omit<RecurrenceRow, 'created_at'>, now: Date) {
    await executor.deleteFrom('recurrence_rules').where('task_id', '=', row.task_id).execute();
    await executor.insertInto('recurrence_rules').values({ ...row, created_at: toDbInstant(now) }).execute();
  }

  async function clearRecurrence(executor: Kysely<Database>, taskId: string) {
    await executor.deleteFrom('recurrence_rules').where('task_id', '=', taskId).execute();
  }

  async function seriesInstance(executor: Kysely<Database>, seriesId: string, index: number) {
    return executor.selectFrom('tasks').select(['id', 'due_date']).where('series_id', '=', seriesId).where('series_index', '=', index).executeTakeFirst();
  }

  /** Tasks that were made from this document (possibly edited since). */
  async function fromDocument(executor: Kysely<Database>, userId: string, documentId: string): Promise<TaskRow[]> {
    return withDocumentType(executor).where('tasks.user_id', '=', userId).where('tasks.document_id', '=', documentId).execute();
  }

  /** Tasks a dunning letter took over from this invoice document (`details.invoice_document_id`). */
  async function escalatedFrom(executor: Kysely<Database>, userId: string, invoiceDocumentId: string): Promise<TaskRow[]> {
    const invoice = dialect === 'postgres' ? sql<string>`tasks.details->>'invoice_document_id'` : sql<string>`json_extract(tasks.details, '$.invoice_document_id')`;
    return withDocumentType(executor).where('tasks.user_id', '=', userId).where(invoice, '=', invoiceDocumentId).execute();
  }

  async function openDateOnly(executor: Kysely<Database>, userId: string) {
    return executor.selectFrom('tasks').select(['id', 'due_date']).where('user_id', '=', userId).where('due_is_date', '=', true).where('due_date', 'is not', null).where('status', 'in', [...OPEN]).execute();
  }

  /** Open tasks that waited for others and no longer do (read from the few dependency rows, not from every task). */
  async function unblocked(userId: string, limit: number): Promise<DetailedTaskRow[]> {
    // Driven from the dependency rows (few) with the task looked up by key: a join let SQLite start
    // from the user's 20,000 tasks and probe the dependencies of each (3 ms in bench:tasks).
    const waiting = await db
      .selectFrom('task_dependencies')
      .select('task_dependencies.child_task_id as id')
      .distinct()
      .where((eb) =>
        eb.exists(eb.selectFrom('tasks').select('tasks.id').whereRef('tasks.id', '=', 'task_dependencies.child_task_id').where('tasks.user_id', '=', userId).where('tasks.status', 'in', [...OPEN])),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('task_dependencies as d').innerJoin('tasks as p', 'p.id', 'd.parent_task_id').select('d.child_task_id').whereRef('d.child_task_id', '=', 'task_dependencies.child_task_id').where('p.status', 'in', [...OPEN]),
          ),
        ),
      )
      .execute();
    if (waiting.length === 0) return [];
    const rows = (await detailed.where('tasks.user_id', '=', userId).where('tasks.id', 'in', waiting.map((row) => row.id)).execute()).map(toDetailed);
    return rows.sort((a, b) => (a.due_date ?? '\uffff').localeCompare(b.due_date ?? '\uffff')).slice(0, limit);
  }

  async function countOpen(userId: string): Promise<number> {
    const row = await db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('count')).where('user_id', '=', userId).where('status', 'in', [...OPEN]).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  return {
    unblocked, countOpen, storeBands, fromDocument, escalatedFrom, openDateOnly, find, findMany, findDetailed, insert, update, remove, list, blockersOf, dependencyEdges, addDependency, removeDependency,
    openSiblings, recurrenceOf, setRecurrence, clearRecurrence, seriesInstance,
  };
}

export type TasksRepository = ReturnType<typeof createTasksRepository>;
