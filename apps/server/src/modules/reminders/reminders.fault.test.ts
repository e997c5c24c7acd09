/**
 * Fault test of the dispatcher (`npm run test:fault`, both databases): 2,000 reminders are due; a
 * real `workmate worker` process is killed with SIGKILL at a seeded random moment of the dispatch
 * or the deliveries, 5 times; a last worker finishes. Afterwards every reminder was delivered at
 * least once to a webhook sink, the bookkeeping (firings, sent attempts) exists exactly once, and the
 * repeated arrivals are counted and printed: the webhook channel takes an idempotency key, so the
 * user sees none of them. Replay with `npm run test:fault -- --seed N`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test-database.ts';
import { toDbInstant, toDbJson } from '../../db/values.ts';
import { generateMasterKey } from '../../shared/crypto/secret-box.ts';
import { peerMissing } from '../../shared/testing/peers.ts';
import { seededRandom } from '../../shared/testing/seeded-random.ts';
import { startWebhookSink, type WebhookSink } from '../notifications/drivers/webhook/testing/webhook-sink.ts';

const seed = Number(process.env.WORKMATE_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);
const ENTRY = fileURLToPath(new URL('../../index.ts', import.meta.url));
const USERS = 200;
const PER_USER = 10;
const TOTAL = USERS * PER_USER;
const KILLS = 5;

let database: TestDatabase;
let sink: WebhookSink;
let dataDir: string;
const masterKey = generateMasterKey();
const children: ChildProcess[] = [];

beforeAll(async () => {
  process.stdout.write(`dispatcher fault test seed: ${seed} (replay: npm run test:fault -- --seed ${seed})\n`);
  database = await createTestDatabase();
  sink = await startWebhookSink();
  dataDir = mkdtempSync(join(tmpdir(), 'workmate-fault-reminders-'));
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await sink.close();
  await database.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `workmate worker` and resolves once it polls. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'worker'], {
    env: {
      ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir, WORKMATE_MASTER_KEY: masterKey, LOG_LEVEL: 'info', WORKMATE_MIGRATE_ON_START: 'false',
      WORKMATE_ALLOW_PRIVATE_TARGETS: 'true', WORKMATE_JOB_LEASE_SECONDS: '2', WORKMATE_JOB_POLL_INTERVAL_MS: '100', WORKMATE_REMINDER_BATCH_SIZE: '200',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker started')) resolve();
    });
  });
  child.removeAllListeners('exit');
  return child;
}

async function seed2000() {
  const { db } = database;
  const now = toDbInstant(new Date());
  const due = toDbInstant(new Date(Date.now() - 1_000));
  const later = toDbInstant(new Date(Date.now() + 30 * 86_400_000));
  const users = Array.from({ length: USERS }, (_, index) => ({ index, id: crypto.randomUUID() }));
  await db.insertInto('users').values(users.map((user) => ({ id: user.id, username: `fault${user.index}`, email: `fault${user.index}@example.org`, password_hash: 'x', created_at: now, updated_at: now }))).execute();
  await db.insertInto('integrations').values(users.map((user) => ({ id: crypto.randomUUID(), user_id: user.id, integration_type: 'webhook', enabled: true, config: toDbJson({ url: sink.url }), created_at: now, updated_at: now }))).execute();
  const tasks = users.flatMap((user) => Array.from({ length: PER_USER }, (_, index) => ({ id: crypto.randomUUID(), user_id: user.id, title: `Rechnung ${index + 1}`, due_date: later, due_is_date: true, created_at: now, updated_at: now })));
  for (let start = 0; start < tasks.length; start += 200) await db.insertInto('tasks').values(tasks.slice(start, start + 200)).execute();
  const reminders = tasks.flatMap((task) => [
    { id: crypto.randomUUID(), task_id: task.id, trigger_at: due, fire_at: due, severity: 'warning' as const, channels: toDbJson(['in_app', 'smart_home']), message: task.title, created_at: now },
    // A later one, so no plan runs out (the test is about dispatch, not replanning).
    { id: crypto.randomUUID(), task_id: task.id, trigger_at: later, fire_at: later, severity: 'critical' as const, channels: toDbJson(['in_app', 'smart_home']), message: task.title, created_at: now },
  ]);
  for (let start = 0; start < reminders.length; start += 300) await db.insertInto('reminders').values(reminders.slice(start, start + 300)).execute();
  return { due };
}

describe('the dispatcher, killed at any moment', () => {
  it('delivers every reminder at least once, keeps its bookkeeping exactly once, and counts the repeats', async (context) => {
    if (peerMissing(database.url ? undefined : 'the dispatcher fault test needs a database other processes can reach (set TEST_DATABASE_URL)')) {
      context.skip();
    }
    const { due } = await seed2000();
    const progress: number[] = [];
    for (let kill = 0; kill < KILLS; kill += 1) {
      const worker = await startWorker();
      // Somewhere in the dispatch or in the deliveries: up to 1.5 s after it started polling.
      await sleep(Math.floor(random() * 1_500));
      worker.kill('SIGKILL');
      await once(worker, 'exit');
      progress.push(sink.received.length);
    }
    const last = await startWorker();
    const received = await sink.waitFor(TOTAL, 90_000);
    last.kill('SIGTERM');
    await once(last, 'exit');

    // Every reminder reached the sink at least once.
    expect(received.length).toBe(TOTAL);
    const pending = await database.db.selectFrom('reminders').select('id').where('trigger_at', '=', due).where('status', '<>', 'sent').execute();
    expect(pending).toEqual([]);
    // The bookkeeping happened once: one firing per reminder, one sent attempt per delivery.
    const firings = await database.db.selectFrom('notification_firings').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(Number(firings.count)).toBe(TOTAL);
    const doubled = await database.db
      .selectFrom('notifications')
      .select(['idempotency_key', sql<number>`count(*)`.as('count')])
      .where('status', '=', 'sent')
      .groupBy('idempotency_key')
      .having(sql`count(*)`, '>', 1)
      .execute();
    expect(doubled).toEqual([]);

    const repeats = sink.arrivals.filter((arrival) => arrival.outcome === 'duplicate').length;
    process.stdout.write(
      `dispatcher fault test (${database.dialect}, seed ${seed}): ${KILLS} SIGKILLs (delivered after each: ${progress.join(', ')}), ${TOTAL} reminders delivered at least once; ` +
        `${repeats} repeated arrival(s) at the channel, dropped by its idempotency key: 0 duplicates reached the user\n`,
    );
    expect(sink.received.length).toBe(new Set(sink.received.map((request) => request.idempotencyKey)).size);
  }, 240_000);
});
