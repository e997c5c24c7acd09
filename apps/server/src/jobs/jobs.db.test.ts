import Type from 'typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { declareEvent, subscribe } from '../events/events.types.ts';
import { createManualClock, systemClock, type ManualClock } from '../shared/clock/clock.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { createJobSystem, type JobSystemInput } from './job-system.ts';
import { InvalidJobPayloadError } from './jobs.queue.ts';
import { declareJob, handle, PermanentJobError, type JobRegistration } from './jobs.types.ts';
import { MissingJobHandlerError } from './jobs.worker.ts';

const echoJob = declareJob('test.echo', Type.Object({ word: Type.String() }, { additionalProperties: false }), { maxAttempts: 3 });
const tickJob = declareJob('test.tick', Type.Object({ period_start: Type.String() }));
const noteTaken = declareEvent('test.note_taken', Type.Object({ note: Type.String() }));

let database: TestDatabase;
let clock: ManualClock;
beforeEach(async () => {
  database = await createTestDatabase();
  clock = createManualClock('2026-11-25T10:00:00.000Z');
});
afterEach(async () => database.destroy());

function system(overrides: Partial<JobSystemInput> = {}) {
  return createJobSystem({
    handle: database,
    clock,
    logger: createLogger('silent'),
    settings: { workerConcurrency: 2, jobPollIntervalMs: 20, jobLeaseSeconds: 30, jobMaxAttempts: 5, jobBackoffBaseMs: 1000, jobBackoffMaxMs: 8000 },
    jobs: [echoJob],
    registrations: [],
    events: [noteTaken],
    subscribers: [],
    ...overrides,
  });
}

function recorder(fail: (attempt: number) => Error | undefined = () => undefined) {
  const seen: string[] = [];
  const registration: JobRegistration = handle(echoJob, async (payload, context) => {
    const error = fail(context.job.attempt);
    if (error) throw error;
    seen.push(payload.word);
  });
  return { seen, registration };
}

describe('job queue', () => {
  it('starts a nudged job at once instead of at the next poll', async () => {
    const { seen, registration } = recorder();
    const jobs = system({ registrations: [registration], settings: { workerConcurrency: 1, jobPollIntervalMs: 60_000, jobLeaseSeconds: 30, jobMaxAttempts: 5, jobBackoffBaseMs: 1000, jobBackoffMaxMs: 8000 } });
    const worker = jobs.createWorker();
    worker.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the worker has polled once and now sleeps for a minute
      await jobs.queue.enqueue(echoJob, { word: 'sofort' });
      jobs.nudge();
      for (let waited = 0; seen.length === 0 && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen).toEqual(['sofort']);
    } finally {
      await worker.stop();
    }
  });

  const slowPolls = { workerConcurrency: 1, jobPollIntervalMs: 60_000, jobLeaseSeconds: 30, jobMaxAttempts: 5, jobBackoffBaseMs: 1000, jobBackoffMaxMs: 8000 };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('wakes for a job queued to run later at its time, not at the next poll', async () => {
    const { seen, registration } = recorder();
    const jobs = system({ clock: systemClock, registrations: [registration], settings: slowPolls });
    const worker = jobs.createWorker();
    worker.start();
    try {
      await sleep(50);
      const started = Date.now();
      await jobs.queue.enqueue(echoJob, { word: 'später' }, { runAt: new Date(started + 300) });
      jobs.nudge(); // the worker looks once, finds it not yet due, and sleeps until its time
      for (let waited = 0; seen.length === 0 && waited < 5000; waited += 10) await sleep(10);
      expect(seen).toEqual(['später']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    } finally {
      await worker.stop();
    }
  });

  it('sleeps until the instant a wake hint names, and never spins on one that has passed', async () => {
    const ticks: number[] = [];
    const started = Date.now();
    let hint: Date | null = new Date(started + 200);
    const jobs = system({
      clock: systemClock, registrations: [recorder().registration], settings: slowPolls,
      tickTasks: () => [async () => void ticks.push(Date.now() - started)],
      wakeHints: () => [async () => hint],
    });
    const worker = jobs.createWorker();
    worker.start();
    try {
      for (let waited = 0; ticks.length < 2 && waited < 5000; waited += 10) await sleep(10);
      expect(ticks.length).toBe(2);
      expect(ticks[1]).toBeGreaterThanOrEqual(200);
      hint = new Date(0); // work that is already due wakes the worker by a nudge, not by its hint
      await sleep(300);
      expect(ticks.length).toBeLessThanOrEqual(3);
    } finally {
      await worker.stop();
    }
  });

  it('lets other work in between ticks that follow each other at once', async () => {
    // A dispatcher with many batches nudges the worker after each one; the running jobs' I/O must not wait for the last batch.
    let ticks = 0;
    let ticksWhenOtherWorkRan: number | undefined;
    const jobs = system({
      registrations: [recorder().registration], settings: slowPolls,
      tickTasks: ({ nudge }) => [async () => {
        ticks += 1;
        if (ticks < 50) nudge();
      }],
    });
    const worker = jobs.createWorker();
    worker.start();
    setImmediate(() => (ticksWhenOtherWorkRan = ticks));
    try {
      for (let waited = 0; ticks < 50 && waited < 5000; waited += 10) await sleep(10);
      expect(ticks).toBe(50);
      expect(ticksWhenOtherWorkRan).toBeLessThan(5);
    } finally {
      await worker.stop();
    }
  });

  it('runs an enqueued job once and records success', async () => {
    const { seen, registration } = recorder();
    const jobs = system({ registrations: [registration] });
    const { job } = await jobs.queue.enqueue(echoJob, { word: 'hallo' });
    expect(await jobs.createWorker().runUntilIdle()).toBe(1);
    expect(seen).toEqual(['hallo']);
    expect(await jobs.repository.findById(job.id)).toMatchObject({ status: 'succeeded', attempts: 1, lease_token: null });
    expect(await jobs.createWorker().runUntilIdle()).toBe(0);
  });

  it('treats the same idempotency key as the same job', async () => {
    const jobs = system({ registrations: [recorder().registration] });
    const first = await jobs.queue.enqueue(echoJob, { word: 'a' }, { idempotencyKey: 'k-1' });
    const second = await jobs.queue.enqueue(echoJob, { word: 'b' }, { idempotencyKey: 'k-1' });
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.job.id).toBe(first.job.id);
  });

  it('validates payloads on enqueue and refuses undeclared jobs', async () => {
    const jobs = system({ registrations: [recorder().registration] });
    // @ts-expect-error -- wrong payload type on purpose
    await expect(jobs.queue.enqueue(echoJob, { word: 42 })).rejects.toThrow(InvalidJobPayloadError);
    await expect(jobs.queue.enqueue(declareJob('test.stray', Type.Object({})), {})).rejects.toThrow(/not in the job catalog/);
  });

  it('dead-letters a job whose stored payload no longer validates', async () => {
    const { seen, registration } = recorder();
    const jobs = system({ registrations: [registration] });
    const { job } = await jobs.queue.enqueue(echoJob, { word: 'x' });
    await database.db.updateTable('jobs').set({ payload: JSON.stringify({ word: 7 }) }).where('id', '=', job.id).execute();
    await jobs.createWorker().runUntilIdle();
    expect(seen).toEqual([]);
    expect(await jobs.repository.findById(job.id)).toMatchObject({ status: 'dead', last_error: expect.stringMatching(/invalid/) });
  });

  it('retries with exponential backoff, then dead-letters with the last error', async () => {
    const { registration } = recorder((attempt) => new Error(`boom ${attempt}`));
    const jobs = system({ registrations: [registration] });
    const { job } = await jobs.queue.enqueue(echoJob, { word: 'x' });
    const worker = jobs.createWorker();

    await worker.runUntilIdle();
    expect(await jobs.repository.findById(job.id)).toMatchObject({ status: 'queued', attempts: 1, run_at: '2026-11-25T10:00:01.000Z' });
    expect(await worker.runUntilIdle()).toBe(0); // not due yet
    clock.advance(1000);
    await worker.runUntilIdle();
    expect(await jobs.repository.findById(job.id)).toMatchObject({ status: 'queued', attempts: 2, run_at: '2026-11-25T10:00:03.000Z' });
    clock.advance(2000);
    await worker.runUntilIdle();
    expect(await jobs.repository.findById(job.id)).toMatchObject({ status: 'dead', attempts: 3, last_error: 'Error: boom 3' });

    const dead = await jobs.repository.list({ status: 'dead', limit: 10, offset: 0 });
    expect(dead.total).toBe(1);
    expect(await jobs.repository.requeueDead({ id: job.id, now: clock.now() })).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('dead-letters at once on a permanent error', async () => {
    const jobs = system({ registrations: [recorder(() => new PermanentJobError('no such invoice')).registration] });
    const { job } = await jobs.queue.enqueue(echoJob, { word: 'x' });
    await jobs.createWorker().runUntilIdle();
    expect(await jobs.repository.findById(job.id)).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('runs a job again when its worker died and the lease expired', async () => {
    const { seen, registration } = recorder();
    const jobs = system({ registrations: [registration] });
    const { job } = await jobs.queue.enqueue(echoJob, { word: 'again' });
    const crashed = await jobs.repository.claimNext({ workerId: 'crashed', now: clock.now(), leaseMs: 30_000 });
    expect(crashed?.id).toBe(job.id);
    expect(await jobs.createWorker().runUntilIdle()).toBe(0); // still leased
    clock.advance(30_001);
    expect(await jobs.createWorker().runUntilIdle()).toBe(1);
    expect(seen).toEqual(['again']);
    expect(await jobs.repository.findById(job.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    // the crashed worker's late completion cannot overwrite anything
    expect(await jobs.repository.markSucceeded(database.db, { id: job.id, leaseToken: crashed?.lease_token ?? '', now: clock.now() })).toBe(false);
  });

  it('never hands the same job to two claimers', async () => {
    const jobs = system({ registrations: [recorder().registration] });
    for (let index = 0; index < 20; index += 1) await jobs.queue.enqueue(echoJob, { word: String(index) });
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, index) => jobs.repository.claimNext({ workerId: `w${index}`, now: clock.now(), leaseMs: 60_000 })),
    );
    const ids = claims.filter((claim) => claim !== undefined).map((claim) => claim.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it('refuses to start a worker while a declared job has no handler', () => {
    expect(() => system({ registrations: [] }).createWorker()).toThrow(MissingJobHandlerError);
    expect(() => system({ registrations: [recorder().registration] }).createWorker()).not.toThrow();
  });

  it('runs a periodic job once per period, however many workers poll', async () => {
    const starts: string[] = [];
    const jobs = system({
      registrations: [recorder().registration, handle(tickJob, async (payload) => void starts.push(payload.period_start))],
      periodic: [{ type: tickJob, everyMs: 3_600_000 }],
    });
    const workers = [jobs.createWorker(), jobs.createWorker(), jobs.createWorker()];
    for (const worker of workers) await worker.runUntilIdle();
    clock.advance(30 * 60_000);
    for (const worker of workers) await worker.runUntilIdle();
    clock.advance(30 * 60_000);
    for (const worker of workers) await worker.runUntilIdle();
    expect(starts).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-25T11:00:00.000Z']);
  });
});

describe('events outbox', () => {
  it('delivers an event to each subscriber exactly once, with the effect in the delivery transaction', async () => {
    const notes: string[] = [];
    const jobs = system({
      registrations: [recorder().registration],
      subscribers: [
        subscribe('test.first', noteTaken, async (event) => void notes.push(`first:${event.payload.note}`)),
        subscribe('test.second', noteTaken, async (event) => void notes.push(`second:${event.payload.note}`)),
      ],
    });
    await jobs.bus.publish(database.db, noteTaken, { note: 'n1' });
    const worker = jobs.createWorker();
    await worker.runUntilIdle();
    await worker.runUntilIdle();
    expect(notes.sort()).toEqual(['first:n1', 'second:n1']);
    expect(await jobs.bus.dispatchPending()).toBe(0);
  });

  it('loses no event when the change and the event commit together, and none when they roll back', async () => {
    const jobs = system({ registrations: [recorder().registration] });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await jobs.bus.publish(trx, noteTaken, { note: 'rolled back' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await database.db.selectFrom('outbox_events').selectAll().execute()).toEqual([]);
  });

  it('refuses undeclared events and bad payloads', async () => {
    const jobs = system({ registrations: [recorder().registration] });
    await expect(jobs.bus.publish(database.db, declareEvent('test.unknown', Type.Object({})), {})).rejects.toThrow(/not declared/);
    // @ts-expect-error -- wrong payload type on purpose
    await expect(jobs.bus.publish(database.db, noteTaken, { note: 1 })).rejects.toThrow(/invalid/);
  });

  it("writes nothing when the job's user was deleted while it ran", async () => {
    const userId = '00000000-0000-4000-8000-0000000000aa';
    await database.db.insertInto('users').values({ id: userId, username: 'gone', email: 'gone@example.org', password_hash: 'x' }).execute();
    const written: string[] = [];
    const jobs = system({
      registrations: [
        handle(echoJob, async (payload, context) => {
          await database.db.deleteFrom('users').where('id', '=', userId).execute(); // the user deletes their account meanwhile
          await context.complete(async (trx) => {
            await trx.insertInto('outbox_events').values({ id: '00000000-0000-4000-8000-0000000000bb', type: 'test.note_taken', payload: '{"note":"x"}' }).execute();
            written.push(payload.word);
          });
        }),
      ],
    });
    await jobs.queue.enqueue(echoJob, { word: 'late' }, { userId });
    await jobs.createWorker().runUntilIdle();
    expect(await database.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
    expect(await database.db.selectFrom('outbox_events').selectAll().execute()).toEqual([]);
  });
});
