/**
 * Fault test: real worker processes are killed with SIGKILL at seeded random points in the middle
 * of a job and in the middle of an event delivery; after restart every job completes and every
 * effect exists exactly once. The seed is printed; replay with `npm run test:fault -- --seed N`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { createManualClock } from '../shared/clock/clock.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { peerMissing } from '../shared/testing/peers.ts';
import { seededRandom } from '../shared/testing/seeded-random.ts';
import { COMMIT_PAUSE_MS, countEffects, createFaultEffectsTable, createFaultJobSystem, faultNoted, faultWorkJob, SUBSCRIBER_PAUSE_MS } from './testing/fault-fixtures.ts';

const seed = Number(process.env.WORKMATE_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);
const WORKER_ENTRY = fileURLToPath(new URL('./testing/fault-worker.ts', import.meta.url));
const STEP_MS = 40;

let database: TestDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  process.stdout.write(`fault test seed: ${seed} (replay: npm run test:fault -- --seed ${seed})\n`);
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await database.destroy();
});

function startWorker(name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_ENTRY], {
    env: { ...process.env, DATABASE_URL: database.url, FAULT_WORKER_NAME: name, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker ${name} exited early with ${code}`)));
    child.stdout?.once('data', () => resolve(child));
  });
}

async function killWhenRunning(child: ChildProcess, jobName: string, maxDelayMs: number): Promise<string[]> {
  const deadline = performance.now() + 20_000;
  for (;;) {
    const running = await database.db.selectFrom('jobs').select('id').where('name', '=', jobName).where('status', '=', 'running').execute();
    if (running.length > 0) break;
    if (performance.now() > deadline) throw new Error(`no ${jobName} job started running`);
    await sleep(5);
  }
  await sleep(Math.floor(random() * maxDelayMs));
  child.removeAllListeners('exit');
  child.kill('SIGKILL');
  await once(child, 'exit');
  const interrupted = await database.db.selectFrom('jobs').select('id').where('name', '=', jobName).where('status', '=', 'running').execute();
  return interrupted.map((row) => row.id);
}

async function waitUntilAllSucceeded() {
  const deadline = performance.now() + 30_000;
  for (;;) {
    const open = await database.db.selectFrom('jobs').select('id').where('status', '<>', 'succeeded').execute();
    const undispatched = await database.db.selectFrom('outbox_events').select('id').where('dispatched_at', 'is', null).execute();
    if (open.length === 0 && undispatched.length === 0) return;
    if (performance.now() > deadline) throw new Error(`jobs still open: ${open.length}, events undispatched: ${undispatched.length}`);
    await sleep(50);
  }
}

describe('a worker killed at any moment', () => {
  it('loses nothing and applies every effect exactly once', async (context) => {
    if (peerMissing(database.url ? undefined : 'the PostgreSQL fault test needs a server other processes can reach (set TEST_DATABASE_URL)')) {
      context.skip();
    }
    await createFaultEffectsTable(database);
    const jobs = createFaultJobSystem({ handle: database, clock: createManualClock(new Date().toISOString()), logger: createLogger('silent'), workerName: 'test' });
    const workKeys = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
    for (const key of workKeys) await jobs.queue.enqueue(faultWorkJob, { key, steps: 3 + Math.floor(random() * 4), step_ms: STEP_MS });
    const eventKeys = ['e1', 'e2', 'e3'];
    for (const key of eventKeys) await jobs.bus.publish(database.db, faultNoted, { key });

    // 1: kill a worker in the middle of a work job (heavy part, open transaction or commit).
    const interruptedWork = await killWhenRunning(await startWorker('first'), 'fault.work', 3 * STEP_MS + COMMIT_PAUSE_MS);
    // 2: kill the next worker in the middle of an event delivery.
    const interruptedDelivery = await killWhenRunning(await startWorker('second'), 'events.deliver', SUBSCRIBER_PAUSE_MS);
    // 3: a third worker finishes everything.
    const last = await startWorker('third');
    await waitUntilAllSucceeded();
    last.removeAllListeners('exit');
    last.kill('SIGTERM');
    expect((await once(last, 'exit'))[0]).toBe(0);

    expect(interruptedWork.length + interruptedDelivery.length).toBeGreaterThan(0);
    const effects = await countEffects(database);
    const expected = new Map([...workKeys.map((key) => [`work:${key}`, 1] as const), ...eventKeys.map((key) => [`event:${key}`, 1] as const)]);
    expect(Object.fromEntries(effects)).toEqual(Object.fromEntries(expected));

    const rows = await database.db.selectFrom('jobs').select(['id', 'name', 'status', 'attempts']).execute();
    expect(rows.every((row) => row.status === 'succeeded')).toBe(true);
    for (const id of [...interruptedWork, ...interruptedDelivery]) {
      expect(rows.find((row) => row.id === id)?.attempts, `interrupted job ${id} ran again`).toBeGreaterThanOrEqual(2);
    }
    const uninterrupted = rows.filter((row) => row.name === 'fault.work' && !interruptedWork.includes(row.id));
    expect(uninterrupted.length).toBeGreaterThan(0);
    process.stdout.write(`fault test (${database.dialect}, seed ${seed}): interrupted ${interruptedWork.length} work job(s) and ${interruptedDelivery.length} event delivery(ies); all effects exactly once\n`);
  }, 120_000);
});
