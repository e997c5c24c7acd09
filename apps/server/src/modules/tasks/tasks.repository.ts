/** All SQL of tasks, their dependencies and recurrence rules. Every query is scoped to one user. */
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database, RecurrenceRulesTable, TasksTable } from '../../db/schema.ts';
import { NO_DUE_DATE_SORT_KEY } from '../../migrations/0004-task-list-indexes.migration.ts';
import { toDbInstant } from '../../db/values.ts';

export type TaskRow = Selectable<TasksTable> & { document_type: string | null };
export type RecurrenceRow = Selectable<RecurrenceRulesTable>;

export interface TaskFilters {
  status?: string;
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

export function createTasksRepository({ db, dialect }: { db: Kysely<Database>; dialect: DialectName }) {
  // Must match the indexes of migration 0004, so the list is read in index order.
  const dueKey = dialect === 'postgres' ? sql`tasks.due_date` : sql`coalesce(tasks.due_date, ${sql.lit(NO_DUE_DATE_SORT_KEY)})`;

  // The document type as a correlated look-up rather than a join: it runs only for the rows that are
  // returned (or, when sorting by score, only for tasks that have a document).
  const documentType = (eb: ExpressionBuilder<Database, 'tasks'>) => eb.selectFrom('documents').select('documents.type').whereRef('documents.id', '=', 'tasks.document_id').as('document_type');
  const withDocumentType = (executor: Kysely<Database>) => executor.selectFrom('tasks').selectAll('tasks').select(documentType);

  async function find(userId: string, id: string, executor: Kysely<Database> = db): Promise<TaskRow | undefined> {
    return withDocumentType(executor).where('tasks.user_id', '=', userId).where('tasks.id', '=', id).executeTakeFirst();
  }

  async function findMany(userId: string, ids: readonly string[]): Promise<TaskRow[]> {
    if (ids.length === 0) return [];
    return withDocumentType(db).where('tasks.user_id', '=', userId).where('tasks.id', 'in', ids).execute();
  }

  async function insert(executor: Kysely<Database>, row: Parameters<ReturnType<Kysely<Database>['insertInto']>['values']>[0] & object) {
    await executor.insertInto('tasks').values(row as never).execute();
  }

  async function update(executor: Kysely<Database>, userId: string, id: string, changes: Record<string, unknown>) {
    await executor.updateTable('tasks').set(changes as never).where('user_id', '=', userId).where('id', '=', id).execute();
  }

  async function remove(userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('tasks').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  /** Priority score in SQL, the same formula as tasks.priority.models.ts, for sorting. */
  function scoreExpression(now: Date) {
    const at = (offsetMs: number) => toDbInstant(new Date(now.getTime() + offsetMs));
    return sql<number>`(CASE
        WHEN tasks.priority_source = 'manual' THEN (CASE tasks.priority WHEN 'critical' THEN 100 WHEN 'high' THEN 70 WHEN 'medium' THEN 50 ELSE 20 END)
        ELSE (CASE WHEN tasks.due_date IS NULL THEN 20 WHEN tasks.due_date < ${at(0)} THEN 100 WHEN tasks.due_date < ${at(DAY_MS)} THEN 80
                   WHEN tasks.due_date < ${at(2 * DAY_MS)} THEN 60 WHEN tasks.due_date < ${at(7 * DAY_MS)} THEN 40 ELSE 20 END)
           * (CASE WHEN tasks.document_id IS NULL THEN 1.0 ELSE (SELECT CASE documents.type WHEN 'reminder' THEN 1.5 WHEN 'contract' THEN 1.3 WHEN 'invoice' THEN 1.2 ELSE 1.0 END FROM documents WHERE documents.id = tasks.document_id) END)
           * (CASE WHEN abs(coalesce(tasks.amount, 0)) > 50000 THEN 1.3 WHEN abs(coalesce(tasks.amount, 0)) > 10000 THEN 1.1 ELSE 1.0 END)
      END)`;
  }

  async function list(userId: string, filters: TaskFilters, sort: TaskSort, window: { limit: number; offset: number }, now: Date, options: { count?: boolean } = {}) {
    let query = db.selectFrom('tasks').where('tasks.user_id', '=', userId);
    if (filters.status) query = query.where('tasks.status', '=', filters.status as never);
    if (filters.priority) query = query.where('tasks.priority', '=', filters.priority as never);
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
    // Counted without the join: a left join on the document's primary key changes no count, and costs a look-up per task.
    const total = options.count === false ? { count: -1 } : await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    let ordered = query.selectAll('tasks').select(documentType);
    ordered =
      sort === 'priority'
        ? ordered.orderBy(scoreExpression(now), 'desc').orderBy(dueKey)
        : sort === 'created_at' || sort === '-created_at'
          ? ordered.orderBy('tasks.created_at', sort === 'created_at' ? 'asc' : 'desc')
          : ordered.orderBy(dueKey, sort === '-due_date' ? 'desc' : 'asc');
    const rows = await ordered.orderBy('tasks.id').limit(window.limit).offset(window.offset).execute();
    return { rows: rows as TaskRow[], total: Number(total.count) };
  }

  async function tagsOf(taskIds: readonly string[]) {
    if (taskIds.length === 0) return [];
    return db.selectFrom('task_tags').innerJoin('tags', 'tags.id', 'task_tags.tag_id').select(['task_tags.task_id', 'tags.id', 'tags.name']).where('task_tags.task_id', 'in', taskIds).orderBy('tags.name').execute();
  }

  async function substepCounts(taskIds: readonly string[]) {
    if (taskIds.length === 0) return [];
    return db
      .selectFrom('tasks')
      .select(['parent_task_id', (eb) => eb.fn.countAll<number>().as('total'), sql<number>`sum(CASE WHEN status IN ('done', 'cancelled') THEN 1 ELSE 0 END)`.as('done')])
      .where('parent_task_id', 'in', taskIds)
      .groupBy('parent_task_id')
      .execute();
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

  async function openDateOnly(executor: Kysely<Database>, userId: string) {
    return executor.selectFrom('tasks').select(['id', 'due_date']).where('user_id', '=', userId).where('due_is_date', '=', true).where('due_date', 'is not', null).where('status', 'in', [...OPEN]).execute();
  }

  /** Open tasks that waited for others and no longer do (read from the few dependency rows, not from every task). */
  async function unblocked(userId: string, limit: number): Promise<TaskRow[]> {
    const waiting = await db
      .selectFrom('task_dependencies')
      .innerJoin('tasks', 'tasks.id', 'task_dependencies.child_task_id')
      .select('tasks.id')
      .distinct()
      .where('tasks.user_id', '=', userId)
      .where('tasks.status', 'in', [...OPEN])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('task_dependencies as d').innerJoin('tasks as p', 'p.id', 'd.parent_task_id').select('d.child_task_id').whereRef('d.child_task_id', '=', 'tasks.id').where('p.status', 'in', [...OPEN]),
          ),
        ),
      )
      .execute();
    const rows = await findMany(userId, waiting.map((row) => row.id));
    return rows.sort((a, b) => (a.due_date ?? '\uffff').localeCompare(b.due_date ?? '\uffff')).slice(0, limit);
  }

  async function countOpen(userId: string): Promise<number> {
    const row = await db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('count')).where('user_id', '=', userId).where('status', 'in', [...OPEN]).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  return {
    unblocked, countOpen, fromDocument, openDateOnly, find, findMany, insert, update, remove, list, tagsOf, substepCounts, blockersOf, dependencyEdges, addDependency, removeDependency,
    openSiblings, recurrenceOf, setRecurrence, clearRecurrence, seriesInstance,
  };
}

export type TasksRepository = ReturnType<typeof createTasksRepository>;
