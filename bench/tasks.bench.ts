/**
 * Task list, search and /today under load, through the real HTTP server.
 *   npm run bench:tasks -- --db sqlite|postgres [--users 20] [--tasks 20000] [--documents 2000] [--seconds 10]
 * PostgreSQL uses BENCH_DATABASE_URL or TEST_DATABASE_URL (a fresh database is created and dropped).
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createContainer } from '../apps/server/src/app/container.ts';
import { buildHttpServer } from '../apps/server/src/app/http-server.ts';
import { loadConfig } from '../apps/server/src/config/config.ts';
import type { DialectName } from '../apps/server/src/db/database.ts';
import { createTestDatabase } from '../apps/server/src/db/test-database.ts';
import { toDbJson } from '../apps/server/src/db/values.ts';
import { createLocalStorageDriver } from '../apps/server/src/modules/storage/drivers/local/local.driver.ts';
import { systemClock } from '../apps/server/src/shared/clock/clock.ts';
import { createKeyring, generateMasterKey } from '../apps/server/src/shared/crypto/secret-box.ts';
import { newId } from '../apps/server/src/shared/ids/ids.ts';
import { createLogger } from '../apps/server/src/shared/logging/logger.ts';
import { Worker } from 'node:worker_threads';
import { percentile, sequential } from './http-load.ts';
import type { LoadJob } from './load-worker.ts';

function load<T>(job: LoadJob): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: job });
    worker.once('message', (result: T) => resolve(result));
    worker.once('error', reject);
  });
}

const WORDS = ['Rechnung', 'Mahnung', 'Telekom', 'Stadtwerke', 'Miete', 'Versicherung', 'Steuer', 'Zahnarzt', 'Vertrag', 'Kündigung', 'Rundfunkbeitrag', 'Kfz', 'Strom', 'Wasser', 'Internet', 'Handy', 'Kita', 'Fitnessstudio', 'Arzt', 'Bürgeramt'];
const PASSWORD = 'benchmark password 2026';

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index === -1 ? fallback : (args[index + 1] ?? fallback);
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (value: number, target: number) => (value <= target ? `ok (target <= ${target} ms)` : `over target (${target} ms)`);

export async function run(args: string[]): Promise<void> {
  const dialect = option(args, '--db', 'sqlite') as DialectName;
  const users = Number(option(args, '--users', '20'));
  const tasksPerUser = Number(option(args, '--tasks', '20000'));
  const documentCount = Number(option(args, '--documents', '2000'));
  const seconds = Number(option(args, '--seconds', '10'));
  if (dialect === 'postgres') {
    // Assigning undefined to process.env stores the string "undefined": only copy a URL that is set.
    if (!process.env.TEST_DATABASE_URL && process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
    if (!process.env.TEST_DATABASE_URL) {
      console.error('bench:tasks --db postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
      process.exit(2);
    }
  }

  const database = await createTestDatabase({ dialect });
  const config = loadConfig({}, { dataDir: '/tmp/workmate-bench', accessTokenTtlSeconds: 3600 });
  const logger = createLogger('silent');
  const container = createContainer({ config, clock: systemClock, logger, handle: database, keyring: createKeyring(generateMasterKey()), storage: createLocalStorageDriver({ root: '/tmp/workmate-bench/files' }) });
  const app = await buildHttpServer({ logger, clock: systemClock, settings: { ...config }, usecases: container.usecases, version: 'bench' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  try {
    console.log(`tasks benchmark on ${dialect}: ${users} users x ${tasksPerUser} tasks, ${documentCount} documents for the first user`);
    const started = performance.now();
    const tokens: string[] = [];
    const userIds: string[] = [];
    for (let index = 0; index < users; index += 1) {
      const { user } = await container.usecases.users.createUser({ username: `bench${index}`, email: `bench${index}@example.org`, password: PASSWORD, timezone: 'Europe/Berlin' });
      userIds.push(user.id);
    }
    const now = Date.now();
    for (const userId of userIds) {
      for (let offset = 0; offset < tasksPerUser; offset += 1000) {
        const rows = Array.from({ length: Math.min(1000, tasksPerUser - offset) }, (_, index) => {
          const n = offset + index;
          const status = (n % 10 === 0 ? 'done' : n % 23 === 0 ? 'cancelled' : 'open') as 'done' | 'cancelled' | 'open';
          return {
            id: newId(), user_id: userId, title: `${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} ${n}`, description: `Aufgabe ${n} für ${WORDS[(n * 3) % WORDS.length]}`,
            due_date: new Date(now + ((n % 360) - 180) * 86_400_000 + (n % 24) * 3_600_000).toISOString(), status, priority: (['low', 'medium', 'high', 'critical'] as const)[n % 4] ?? 'medium',
            amount: n % 3 === 0 ? (n % 900) * 100 + 99 : null, completed_at: status === 'done' ? new Date(now).toISOString() : null, details: toDbJson({}),
          };
        });
        await database.db.insertInto('tasks').values(rows).execute();
      }
    }
    for (let offset = 0; offset < documentCount; offset += 500) {
      const count = Math.min(500, documentCount - offset);
      const files = Array.from({ length: count }, () => ({ id: newId(), user_id: userIds[0] ?? '', path: 'bench', original_filename: 'x.pdf', size_bytes: 1, mime_type: 'application/pdf', checksum: 'a'.repeat(64) }));
      await database.db.insertInto('files').values(files).execute();
      await database.db
        .insertInto('documents')
        .values(files.map((file, index) => ({ id: newId(), user_id: userIds[0] ?? '', file_id: file.id, type: 'invoice' as const, title: `${WORDS[(offset + index) % WORDS.length]} ${offset + index}`, extracted_text: `Sehr geehrte Damen und Herren, anbei die ${WORDS[(offset + index) % WORDS.length]} Nummer ${offset + index}. Bitte überweisen Sie den Betrag bis zum Monatsende.` })))
        .execute();
    }
    // A live instance has statistics and a visibility map (autovacuum, SQLite's PRAGMA optimize); a bulk load does not yet.
    await sql`${sql.raw(dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE')}`.execute(database.db);
    console.log(`seeded ${users * tasksPerUser} tasks and ${documentCount} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // The seeding's garbage is the bench's, not the server's: collected now (npm run bench passes
    // --expose-gc) rather than in a pause during a timed run.
    (globalThis as { gc?: () => void }).gc?.();

    for (let index = 0; index < users; index += 1) {
      const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `bench${index}`, password: PASSWORD }) });
      tokens.push(((await response.json()) as { access_token: string }).access_token);
    }
    const get = (path: string, index: number) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tokens[index % tokens.length]}` } });
    const listPaths = Array.from({ length: 20 }, (_, page) => `/api/v1/tasks?status=open&sort=due_date&page_size=50&page=${page + 1}`);
    // Warm-up: the first reads store changed priority bands.
    await sequential(40, (index) => get(listPaths[index % listPaths.length] ?? '', index));

    const list = await load<number[]>({ mode: 'sequential', base, tokens, paths: listPaths, count: 300 });
    console.log(`task list page (50 rows, status=open, by due date), concurrency 1: p50 ${ms(percentile(list, 50))}, p99 ${ms(percentile(list, 99))} -> ${verdict(percentile(list, 99), 20)}`);
    const rate = await load<number[]>({ mode: 'fixed-rate', base, tokens, paths: listPaths, rate: 200, seconds });
    console.log(`task list at a fixed 200 requests/s for ${seconds} s: p50 ${ms(percentile(rate, 50))}, p99 ${ms(percentile(rate, 99))} -> ${verdict(percentile(rate, 99), 50)}`);
    const throughput = await load<number>({ mode: 'max-throughput', base, tokens, paths: listPaths, clients: 50, seconds });
    console.log(`task list with 50 clients: ${Math.round(throughput)} requests/s`);
    const searchPaths = WORDS.map((word) => `/api/v1/search?q=${encodeURIComponent(word)}`);
    const searchLatency = await load<number[]>({ mode: 'sequential', base, tokens: [tokens[0] ?? ''], paths: searchPaths, count: 200 });
    console.log(`search over ${tasksPerUser + documentCount} tasks and documents: p50 ${ms(percentile(searchLatency, 50))}, p95 ${ms(percentile(searchLatency, 95))} -> ${verdict(percentile(searchLatency, 95), 50)}`);
    const today = await load<number[]>({ mode: 'sequential', base, tokens, paths: ['/api/v1/today'], count: 200 });
    console.log(`/today, concurrency 1: p50 ${ms(percentile(today, 50))}, p99 ${ms(percentile(today, 99))} -> ${verdict(percentile(today, 99), 30)}`);
  } finally {
    await app.close();
    await database.destroy();
  }
}
