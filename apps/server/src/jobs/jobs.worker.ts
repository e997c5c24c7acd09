/**
 * The worker: claims due jobs, runs their handlers with a renewed lease, records success, retry with
 * backoff, or the dead-letter state, and enqueues periodic jobs once per period. Delivery is
 * at-least-once; handlers that put their database effects in `context.complete` get them exactly once.
 */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { fromDbJson } from '../db/values.ts';
import type { Clock } from '../shared/clock/clock.ts';
import { newId } from '../shared/ids/ids.ts';
import type { Logger } from '../shared/logging/logger.ts';
import { periodStart, retryDelayMs } from './jobs.backoff.ts';
import { assertPayload, InvalidJobPayloadError, type JobQueue } from './jobs.queue.ts';
import type { JobRow, JobsRepository } from './jobs.repository.ts';
import { LeaseLostError, PermanentJobError, type JobContext, type JobRegistration, type JobType, type PeriodicJob } from './jobs.types.ts';

export interface WorkerOptions {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: JobsRepository;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  catalog: readonly JobType[];
  registrations: readonly JobRegistration[];
  periodic?: readonly PeriodicJob[];
  /** Work done on every poll before claiming, e.g. moving outbox events into delivery jobs. */
  tickTasks?: readonly (() => Promise<unknown>)[];
  /**
   * When work outside the job table becomes due (the next reminder): an idle worker sleeps until the
   * earliest of these and the next queued job instead of a whole poll interval, so that work due at
   * a known instant starts at that instant.
   */
  wakeHints?: readonly (() => Promise<Date | null>)[];
  concurrency: number;
  pollIntervalMs: number;
  leaseMs: number;
  backoff: { baseMs: number; maxMs: number };
  workerId?: string;
}

export interface Worker {
  readonly id: string;
  start(): void;
  /** Stops claiming, lets running jobs finish for up to `timeoutMs`, then aborts them. */
  stop(timeoutMs?: number): Promise<void>;
  /** Runs due jobs until none is left (for tests and the CLI). Returns how many ran. */
  runUntilIdle(): Promise<number>;
  /** Looks for work now instead of at the next poll (new work was just enqueued). */
  nudge(): void;
}

export class MissingJobHandlerError extends Error {
  override name = 'MissingJobHandlerError';
}

export function indexRegistrations(catalog: readonly JobType[], registrations: readonly JobRegistration[]): Map<string, JobRegistration> {
  const byName = new Map<string, JobRegistration>();
  for (const registration of registrations) {
    if (byName.has(registration.type.name)) throw new MissingJobHandlerError(`job ${registration.type.name} has two handlers`);
    byName.set(registration.type.name, registration);
  }
  const declared = new Set(catalog.map((type) => type.name));
  const missing = [...declared].filter((name) => !byName.has(name));
  const unknown = [...byName.keys()].filter((name) => !declared.has(name));
  if (missing.length > 0) throw new MissingJobHandlerError(`no handler for job(s): ${missing.join(', ')}`);
  if (unknown.length > 0) throw new MissingJobHandlerError(`handler(s) for undeclared job(s): ${unknown.join(', ')}`);
  return byName;
}

export function createWorker(options: WorkerOptions): Worker {
  const handlers = indexRegistrations(options.catalog, options.registrations);
  const id = options.workerId ?? `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;
  const logger = options.logger.child({ worker: id });
  const running = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
  const lastPeriod = new Map<string, number>();
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let nudged = false;

  async function schedulePeriodic(now: Date) {
    for (const periodic of options.periodic ?? []) {
      const start = periodStart(now, periodic.everyMs);
      if (lastPeriod.get(periodic.type.name) === start.getTime()) continue;
      await options.queue.enqueue(periodic.type, { period_start: start.toISOString() }, {
        idempotencyKey: `${periodic.type.name}:${start.toISOString()}`,
        runAt: start,
      });
      lastPeriod.set(periodic.type.name, start.getTime());
    }
  }

  async function runJob(row: JobRow): Promise<void> {
    const leaseToken = row.lease_token ?? '';
    const jobLogger = logger.child({ job_id: row.id, job: row.name, attempt: row.attempts });
    const fail = async (error: unknown) => {
      const permanent = error instanceof PermanentJobError || error instanceof InvalidJobPayloadError;
      const retryAt = !permanent && row.attempts < row.max_attempts
        ? new Date(options.clock.now().getTime() + retryDelayMs(row.attempts, options.backoff))
        : null;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await options.repository.markFailed({ id: row.id, leaseToken, now: options.clock.now(), error: message, retryAt });
      jobLogger.warn({ err: error, retry_at: retryAt?.toISOString() ?? null }, retryAt ? 'job failed, will retry' : 'job failed for good: dead-lettered');
    };

    if (row.attempts > row.max_attempts) {
      await fail(new PermanentJobError(`its worker stopped during the last of ${row.max_attempts} attempts`));
      return;
    }
    const registration = handlers.get(row.name);
    if (!registration) {
      await fail(new PermanentJobError(`no handler for job ${row.name} in this worker`));
      return;
    }

    const controller = new AbortController();
    controllers.add(controller);
    const heartbeat = setInterval(() => {
      options.repository
        .renewLease({ id: row.id, leaseToken, now: options.clock.now(), leaseMs: options.leaseMs })
        .then((renewed) => {
          if (!renewed) controller.abort(new LeaseLostError(`lost the lease of job ${row.id}`));
        })
        .catch((error: unknown) => jobLogger.warn({ err: error }, 'could not renew the job lease'));
    }, Math.max(Math.floor(options.leaseMs / 3), 10));

    let completed = false;
    const context: JobContext = {
      job: { id: row.id, name: row.name, attempt: row.attempts, maxAttempts: row.max_attempts, idempotencyKey: row.idempotency_key, userId: row.user_id },
      db: options.handle.db,
      clock: options.clock,
      logger: jobLogger,
      signal: controller.signal,
      complete: (work) =>
        inTransaction(options.handle, async (trx) => {
          const result = await work(trx);
          if (!(await options.repository.markSucceeded(trx, { id: row.id, leaseToken, now: options.clock.now() }))) {
            throw new LeaseLostError(`job ${row.id} is no longer ours: nothing was written`);
          }
          completed = true;
          return result;
        }),
    };

    try {
      const payload: unknown = fromDbJson(row.payload);
      assertPayload(registration.type, payload);
      await registration.handler(payload, context);
      if (!completed && !(await options.repository.markSucceeded(options.handle.db, { id: row.id, leaseToken, now: options.clock.now() }))) {
        jobLogger.warn('job finished after its lease was lost; its new owner decides');
      }
      jobLogger.debug('job succeeded');
    } catch (error) {
      if (error instanceof LeaseLostError || controller.signal.reason instanceof LeaseLostError) {
        jobLogger.warn({ err: error }, 'job lease lost; leaving it to its new owner');
      } else if (!completed) {
        await fail(error);
      } else {
        jobLogger.warn({ err: error }, 'job failed after completing; kept as succeeded');
      }
    } finally {
      clearInterval(heartbeat);
      controllers.delete(controller);
    }
  }

  async function tick(): Promise<number> {
    for (const task of options.tickTasks ?? []) await task();
    await schedulePeriodic(options.clock.now());
    let started = 0;
    while (!stopping && running.size < options.concurrency) {
      const row = await options.repository.claimNext({ workerId: id, now: options.clock.now(), leaseMs: options.leaseMs });
      if (!row) break;
      started += 1;
      const promise: Promise<void> = runJob(row)
        .catch((error: unknown) => logger.error({ err: error }, 'job bookkeeping failed'))
        .finally(() => {
          running.delete(promise);
          wake?.();
        });
      running.add(promise);
    }
    return started;
  }

  /**
   * How long to sleep: until the earliest future instant at which work is known to become due, at
   * most a poll interval. Work already due is not counted: it is either running (its end wakes the
   * loop) or waiting for a free slot, and counting it would spin.
   */
  async function untilNextWork(): Promise<number> {
    const now = options.clock.now().getTime();
    let wait = options.pollIntervalMs;
    const hints = await Promise.all([options.repository.nextRunAt(), ...(options.wakeHints ?? []).map((hint) => hint())]);
    for (const at of hints) {
      // +1 ms: a timer may fire within the millisecond before the instant it was set for.
      if (at && at.getTime() > now) wait = Math.min(wait, at.getTime() - now + 1);
    }
    return wait;
  }

  function pause(ms: number): Promise<void> {
    if (nudged) {
      nudged = false;
      // Through the event loop, not a resolved promise: back-to-back ticks (a dispatcher firing batch
      // after batch) must let the running jobs' I/O in between, or their sends wait for the last batch.
      return new Promise((resolve) => setImmediate(resolve));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  return {
    id,
    start() {
      if (loop) return;
      logger.info({ concurrency: options.concurrency }, 'worker started');
      loop = (async () => {
        while (!stopping) {
          let wait = options.pollIntervalMs;
          try {
            await tick();
            wait = await untilNextWork();
          } catch (error) {
            logger.error({ err: error }, 'worker poll failed; retrying');
          }
          if (!stopping) await pause(wait);
        }
      })();
    },
    async stop(timeoutMs = 30_000) {
      stopping = true;
      wake?.();
      await loop;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([Promise.allSettled([...running]).then(() => 'done' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        for (const controller of controllers) controller.abort(new Error('worker shutting down'));
        logger.warn({ running: running.size }, 'stopped with jobs still running; their leases will expire and they will run again');
      }
      logger.info('worker stopped');
    },
    nudge() {
      nudged = true;
      wake?.();
    },
    async runUntilIdle() {
      let total = 0;
      for (;;) {
        const started = await tick();
        await Promise.allSettled([...running]);
        total += started;
        if (started === 0) return total;
      }
    },
  };
}
