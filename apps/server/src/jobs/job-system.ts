/**
 * Wires the queue, the event bus and (on request) a worker for one database. Built once by the
 * composition root, or by a test with its own catalog of jobs and events.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DialectName } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { createEventsRepository } from '../events/events.repository.ts';
import { createEventBus, deliverEventJob, type EventBus } from '../events/events.outbox.ts';
import type { EventType, Subscriber } from '../events/events.types.ts';
import type { Clock } from '../shared/clock/clock.ts';
import type { Logger } from '../shared/logging/logger.ts';
import { createJobQueue, type JobQueue } from './jobs.queue.ts';
import { createJobsRepository } from './jobs.repository.ts';
import type { JobRegistration, JobType, PeriodicJob } from './jobs.types.ts';
import { createWorker, type Worker } from './jobs.worker.ts';

export type JobSystemSettings = Pick<Config, 'workerConcurrency' | 'jobPollIntervalMs' | 'jobLeaseSeconds' | 'jobMaxAttempts' | 'jobBackoffBaseMs' | 'jobBackoffMaxMs'>;

export interface JobSystemInput {
  handle: { db: Kysely<Database>; dialect: DialectName };
  clock: Clock;
  logger: Logger;
  settings: JobSystemSettings;
  jobs: readonly JobType[];
  /** Handlers; given as a function when they publish events or enqueue jobs themselves. */
  registrations: readonly JobRegistration[] | ((tools: { bus: EventBus; queue: JobQueue }) => readonly JobRegistration[]);
  periodic?: readonly PeriodicJob[];
  /** Work every worker does on each poll, before claiming jobs (e.g. the reminder dispatcher). */
  tickTasks?: (tools: { queue: JobQueue; nudge: () => void }) => readonly (() => Promise<unknown>)[];
  /** When work outside the job table becomes due (see WorkerOptions.wakeHints). */
  wakeHints?: () => readonly (() => Promise<Date | null>)[];
  events: readonly EventType[];
  subscribers: readonly Subscriber[];
}

export function createJobSystem(input: JobSystemInput) {
  const catalog = [deliverEventJob, ...input.jobs, ...(input.periodic ?? []).map((periodic) => periodic.type)];
  const repository = createJobsRepository(input.handle);
  const queue = createJobQueue({ db: input.handle.db, repository, clock: input.clock, catalog, defaultMaxAttempts: input.settings.jobMaxAttempts });
  const bus = createEventBus({
    handle: input.handle,
    repository: createEventsRepository(input.handle),
    queue,
    clock: input.clock,
    events: input.events,
    subscribers: input.subscribers,
  });

  const nudgeListeners = new Set<() => void>();

  /** Tells this process's workers (and whoever listens, e.g. a worker thread) that work was enqueued. */
  function nudge() {
    for (const listener of nudgeListeners) listener();
  }

  function onNudge(listener: () => void) {
    nudgeListeners.add(listener);
  }

  const registrations = typeof input.registrations === 'function' ? input.registrations({ bus, queue }) : input.registrations;
  const tickTasks = input.tickTasks?.({ queue, nudge }) ?? [];

  function createJobWorker(options: { workerId?: string } = {}): Worker {
    const worker = createWorker({
      handle: input.handle,
      repository,
      queue,
      clock: input.clock,
      logger: input.logger,
      catalog,
      registrations: [bus.deliveryHandler, ...registrations],
      periodic: input.periodic ?? [],
      tickTasks: [bus.dispatchPending, ...tickTasks],
      wakeHints: input.wakeHints?.() ?? [],
      concurrency: input.settings.workerConcurrency,
      pollIntervalMs: input.settings.jobPollIntervalMs,
      leaseMs: input.settings.jobLeaseSeconds * 1000,
      backoff: { baseMs: input.settings.jobBackoffBaseMs, maxMs: input.settings.jobBackoffMaxMs },
      ...(options.workerId ? { workerId: options.workerId } : {}),
    });
    onNudge(() => worker.nudge());
    return worker;
  }

  return { repository, queue, bus, catalog, createWorker: createJobWorker, nudge, onNudge };
}

export type JobSystem = ReturnType<typeof createJobSystem>;
