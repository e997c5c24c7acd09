/**
 * All SQL of the job queue. Claiming differs by dialect: PostgreSQL takes the next due row with
 * `FOR UPDATE SKIP LOCKED`, SQLite inside `BEGIN IMMEDIATE` (one writer at a time, so no two
 * workers can take the same row). Every state change after the claim is fenced by the lease
 * token, so a worker that lost its lease cannot overwrite what the new owner does.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DialectName } from '../db/database.ts';
import type { Database, JobsTable, JobStatus } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { fromDbInstant, toDbInstant } from '../db/values.ts';
import { newId } from '../shared/ids/ids.ts';

export type JobRow = Selectable<JobsTable>;

export interface NewJob {
  name: string;
  payload: string;
  idempotencyKey: string;
  maxAttempts: number;
  runAt: Date;
  userId: string | null;
}

export function createJobsRepository({ db, dialect }: { db: Kysely<Database>; dialect: DialectName }) {
  /** Inserts the job unless one with the same idempotency key exists; returns the stored job either way. */
  async function insertIfAbsent(executor: Kysely<Database>, job: NewJob, now: Date): Promise<{ job: JobRow; created: boolean }> {
    const id = newId();
    await executor
      .insertInto('jobs')
      .values({
        id,
        name: job.name,
        payload: job.payload,
        idempotency_key: job.idempotencyKey,
        max_attempts: job.maxAttempts,
        run_at: toDbInstant(job.runAt),
        user_id: job.userId,
        created_at: toDbInstant(now),
        updated_at: toDbInstant(now),
      })
      .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
      .execute();
    const stored = await executor.selectFrom('jobs').selectAll().where('idempotency_key', '=', job.idempotencyKey).executeTakeFirstOrThrow();
    return { job: stored, created: stored.id === id };
  }

  /** Takes the next due job (queued and due, or running with an expired lease) for `workerId`. */
  async function claimNext(input: { workerId: string; now: Date; leaseMs: number }): Promise<JobRow | undefined> {
    const now = toDbInstant(input.now);
    const lease = {
      status: 'running' as const,
      attempts: sql<number>`attempts + 1`,
      lease_token: newId(),
      leased_by: input.workerId,
      lease_expires_at: toDbInstant(new Date(input.now.getTime() + input.leaseMs)),
      updated_at: now,
    };
    const due = (executor: Kysely<Database>) =>
      executor
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .limit(1);

    if (dialect === 'postgres') {
      return db
        .updateTable('jobs')
        .set(lease)
        .where('id', '=', () => due(db).forUpdate().skipLocked())
        .returningAll()
        .executeTakeFirst();
    }
    return inTransaction({ db, dialect }, async (trx) => {
      const next = await due(trx).executeTakeFirst();
      return next ? trx.updateTable('jobs').set(lease).where('id', '=', next.id).returningAll().executeTakeFirst() : undefined;
    });
  }

  const owned = (id: string, leaseToken: string) => (executor: Kysely<Database>) =>
    executor.updateTable('jobs').where('id', '=', id).where('lease_token', '=', leaseToken).where('status', '=', 'running');

  /** Marks the job succeeded if this lease still owns it; false if the lease was lost (or the job deleted). */
  async function markSucceeded(executor: Kysely<Database>, input: { id: string; leaseToken: string; now: Date }): Promise<boolean> {
    const now = toDbInstant(input.now);
    const result = await owned(input.id, input.leaseToken)(executor)
      .set({ status: 'succeeded', finished_at: now, updated_at: now, lease_token: null, lease_expires_at: null, leased_by: null })
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async function markFailed(input: { id: string; leaseToken: string; now: Date; error: string; retryAt: Date | null }): Promise<boolean> {
    const now = toDbInstant(input.now);
    const next =
      input.retryAt === null
        ? { status: 'dead' as const, finished_at: now }
        : { status: 'queued' as const, run_at: toDbInstant(input.retryAt) };
    const result = await owned(input.id, input.leaseToken)(db)
      .set({ ...next, last_error: input.error.slice(0, 4000), updated_at: now, lease_token: null, lease_expires_at: null, leased_by: null })
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async function renewLease(input: { id: string; leaseToken: string; now: Date; leaseMs: number }): Promise<boolean> {
    const result = await owned(input.id, input.leaseToken)(db)
      .set({ lease_expires_at: toDbInstant(new Date(input.now.getTime() + input.leaseMs)), updated_at: toDbInstant(input.now) })
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async function list(input: { status?: JobStatus; name?: string; limit: number; offset: number }) {
    let query = db.selectFrom('jobs');
    if (input.status) query = query.where('status', '=', input.status);
    if (input.name) query = query.where('name', '=', input.name);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(input.limit).offset(input.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.count) };
  }

  async function findById(id: string): Promise<JobRow | undefined> {
    return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Puts a dead job back in the queue with a fresh set of attempts. */
  async function requeueDead(input: { id: string; now: Date }): Promise<JobRow | undefined> {
    const now = toDbInstant(input.now);
    return db
      .updateTable('jobs')
      .set({ status: 'queued', attempts: 0, run_at: now, finished_at: null, updated_at: now })
      .where('id', '=', input.id)
      .where('status', '=', 'dead')
      .returningAll()
      .executeTakeFirst();
  }

  /** When the earliest queued job becomes due (null: none queued). */
  async function nextRunAt(): Promise<Date | null> {
    const row = await db.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('next')).where('status', '=', 'queued').executeTakeFirst();
    return row?.next ? fromDbInstant(row.next) : null;
  }

  return { insertIfAbsent, claimNext, markSucceeded, markFailed, renewLease, list, findById, requeueDead, nextRunAt };
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;
