/**
 * Jobs are declared with a name and a payload schema (validated on enqueue and again on run);
 * the composition root attaches a handler to each declaration. A worker refuses to start while a
 * declared job has no handler.
 */
import type { Kysely } from 'kysely';
import type { Static, TSchema } from 'typebox';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock/clock.ts';
import type { Logger } from '../shared/logging/logger.ts';

export interface JobType<S extends TSchema = TSchema> {
  name: string;
  payload: S;
  /** Overrides WORKMATE_JOB_MAX_ATTEMPTS for this job. */
  maxAttempts?: number;
}

export function declareJob<S extends TSchema>(name: string, payload: S, options: { maxAttempts?: number } = {}): JobType<S> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(name)) {
    throw new Error(`job name "${name}" must look like "module.action"`);
  }
  return { name, payload, ...options };
}

export interface RunningJob {
  id: string;
  name: string;
  attempt: number;
  maxAttempts: number;
  idempotencyKey: string;
  userId: string | null;
}

export interface JobContext {
  job: RunningJob;
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** Aborted when the worker lost the job's lease or is shutting down. */
  signal: AbortSignal;
  /**
   * Runs `work` and marks the job succeeded in one transaction: the job's database effects happen
   * exactly once, even if the worker dies at any point. Throws LeaseLostError (and rolls back) if
   * another worker took the job over meanwhile. Inside `work`, use only `trx`.
   */
  complete<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
}

export type JobHandler<S extends TSchema> = (payload: Static<S>, context: JobContext) => Promise<void>;

export interface JobRegistration<S extends TSchema = TSchema> {
  type: JobType<S>;
  handler: JobHandler<S>;
}

/** Pairs a declaration with its handler, keeping the payload type. */
export function handle<S extends TSchema>(type: JobType<S>, handler: JobHandler<S>): JobRegistration {
  return { type, handler: handler as JobHandler<TSchema> } as JobRegistration;
}

export interface PeriodicJob {
  type: JobType;
  /** Length of the period; the job runs once per period, at its start, whichever worker gets there first. */
  everyMs: number;
}

/** Thrown by a handler when retrying cannot help: the job goes straight to the dead-letter state. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}
