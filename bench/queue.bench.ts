/**
 * Job queue throughput on SQLite and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) PostgreSQL:
 * enqueue rate, run rate of no-op jobs through the worker, and event fan-out.
 *   npm run bench -- queue [--jobs 2000]
 */
import Type from 'typebox';
import { createTestDatabase } from '../apps/server/src/db/test-database.ts';
import type { DialectName } from '../apps/server/src/db/database.ts';
import { declareEvent, subscribe } from '../apps/server/src/events/events.types.ts';
import { createJobSystem } from '../apps/server/src/jobs/job-system.ts';
import { declareJob, handle } from '../apps/server/src/jobs/jobs.types.ts';
import { systemClock } from '../apps/server/src/shared/clock/clock.ts';
import { createLogger } from '../apps/server/src/shared/logging/logger.ts';

const noopJob = declareJob('bench.noop', Type.Object({ n: Type.Integer() }));
const pinged = declareEvent('bench.pinged', Type.Object({ n: Type.Integer() }));

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en')}/s (${count} in ${Math.round(ms)} ms)`;
}

async function benchDialect(dialect: DialectName, jobCount: number) {
  const database = await createTestDatabase({ dialect });
  try {
    let received = 0;
    const jobs = createJobSystem({
      handle: database,
      clock: systemClock,
      logger: createLogger('silent'),
      settings: { workerConcurrency: 2, jobPollIntervalMs: 10, jobLeaseSeconds: 60, jobMaxAttempts: 3, jobBackoffBaseMs: 1000, jobBackoffMaxMs: 10_000 },
      jobs: [noopJob],
      registrations: [handle(noopJob, async () => undefined)],
      events: [pinged],
      subscribers: [subscribe('bench.count', pinged, async () => void (received += 1))],
    });

    let started = performance.now();
    for (let n = 0; n < jobCount; n += 1) await jobs.queue.enqueue(noopJob, { n });
    const enqueueMs = performance.now() - started;

    const worker = jobs.createWorker();
    started = performance.now();
    const ran = await worker.runUntilIdle();
    const runMs = performance.now() - started;

    const eventCount = Math.floor(jobCount / 4);
    for (let n = 0; n < eventCount; n += 1) await jobs.bus.publish(database.db, pinged, { n });
    started = performance.now();
    await worker.runUntilIdle();
    const eventMs = performance.now() - started;

    console.log(`${dialect.padEnd(8)} enqueue ${rate(jobCount, enqueueMs)} | run ${rate(ran, runMs)} | events delivered ${rate(received, eventMs)}`);
  } finally {
    await database.destroy();
  }
}

export async function run(args: string[]): Promise<void> {
  const jobsIndex = args.indexOf('--jobs');
  const jobCount = jobsIndex === -1 ? 2000 : Number(args[jobsIndex + 1]);
  console.log(`job queue, ${jobCount} no-op jobs, worker concurrency 2, ${new Date().toISOString()}`);
  await benchDialect('sqlite', jobCount);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    process.env.TEST_DATABASE_URL = url;
    await benchDialect('postgres', jobCount);
  } else {
    console.log('postgres  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server');
  }
}
