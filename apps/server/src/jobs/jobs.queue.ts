/**
 * Enqueueing: validates the payload against the job's declaration and stores the job, inside the
 * caller's transaction when one is given, so a change and the work it causes commit together.
 */
import type { Kysely } from 'kysely';
import type { Static, TSchema } from 'typebox';
import { checkCompiled, problemsOf } from '../shared/validation/compiled.ts';
import type { Database } from '../db/schema.ts';
import { toDbJson } from '../db/values.ts';
import type { Clock } from '../shared/clock/clock.ts';
import { newId } from '../shared/ids/ids.ts';
import type { JobRow, JobsRepository } from './jobs.repository.ts';
import type { JobType } from './jobs.types.ts';

export class InvalidJobPayloadError extends Error {
  override name = 'InvalidJobPayloadError';
}

export interface EnqueueOptions {
  /** Same key, same job: enqueueing it again returns the existing one. Default: a fresh id. */
  idempotencyKey?: string;
  runAt?: Date;
  /** Ties the job to a user: deleting the user deletes the job. */
  userId?: string | null;
  /** The transaction to enqueue in (default: the queue's own connection). */
  executor?: Kysely<Database>;
}

export function assertPayload<S extends TSchema>(type: JobType<S>, payload: unknown): asserts payload is Static<S> {
  if (!checkCompiled(type.payload, payload)) {
    const problems = problemsOf(type.payload, payload);
    throw new InvalidJobPayloadError(`payload of job ${type.name} is invalid: ${problems.join('; ')}`);
  }
}

export function createJobQueue(deps: {
  db: Kysely<Database>;
  repository: JobsRepository;
  clock: Clock;
  catalog: readonly JobType[];
  defaultMaxAttempts: number;
}) {
  const declared = new Set(deps.catalog.map((type) => type.name));

  async function enqueue<S extends TSchema>(type: JobType<S>, payload: Static<S>, options: EnqueueOptions = {}): Promise<{ job: JobRow; created: boolean }> {
    if (!declared.has(type.name)) throw new InvalidJobPayloadError(`job ${type.name} is not in the job catalog`);
    assertPayload(type, payload);
    const now = deps.clock.now();
    return deps.repository.insertIfAbsent(
      options.executor ?? deps.db,
      {
        name: type.name,
        payload: toDbJson(payload),
        idempotencyKey: options.idempotencyKey ?? `${type.name}:${newId()}`,
        maxAttempts: type.maxAttempts ?? deps.defaultMaxAttempts,
        runAt: options.runAt ?? now,
        userId: options.userId ?? null,
      },
      now,
    );
  }

  return { enqueue };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
