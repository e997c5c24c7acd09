/**
 * Reminder dispatch under load: 10,000 reminders for 1,000 users, all due at the same instant,
 * delivered to a local webhook sink (each user has one webhook channel). Measured from the outside:
 * the sink stamps each delivery's arrival; lateness = arrival - trigger_at.
 *
 *   npm run bench:reminders [-- --db sqlite|postgres|both] [--users 1000] [--per-user 10] [--workers 2] [--runs 1]
 *
 * SQLite: one `workmate serve` process (API + worker thread), as a small install runs it.
 * PostgreSQL: `--workers` separate `workmate worker` processes sharing the work (SKIP LOCKED).
 * PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a server where databases can be created).
 * `--runs N` repeats each setup on a fresh database and prints the median of the runs as well: on a
 * shared virtual machine one run can be a third slower than the next for the same work.
 * BENCH_CHILD_NODE_ARGS passes Node options to the measured processes (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../apps/server/src/db/test-database.ts';
import { toDbInstant, toDbJson } from '../apps/server/src/db/values.ts';
import { generateMasterKey } from '../apps/server/src/shared/crypto/secret-box.ts';
import { startWebhookSink, type WebhookSink } from '../apps/server/src/modules/notifications/drivers/webhook/testing/webhook-sink.ts';
import { percentile } from '../apps/server/src/shared/testing/percentile.ts';

const TARGET_LAST_MS = 10_000;
const TARGET_P99_MS = 5_000;

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index === -1 ? fallback : (args[index + 1] ?? fallback);
}

export async function run(args: string[]): Promise<void> {
  const which = option(args, '--db', 'both');
  const users = Number(option(args, '--users', '1000'));
  const perUser = Number(option(args, '--per-user', '10'));
  const workers = Number(option(args, '--workers', '2'));
  const runs = Number(option(args, '--runs', '1'));
  if (which !== 'postgres') await repeat(runs, () => runOne({ dialect: 'sqlite', users, perUser, processes: 1 }));
  if (which !== 'sqlite') {
    if (!process.env.TEST_DATABASE_URL && process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
    if (!process.env.TEST_DATABASE_URL) {
      console.log('bench:reminders postgres: skipped, set BENCH_DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
      return;
    }
    await repeat(runs, () => runOne({ dialect: 'postgres', users, perUser, processes: workers }));
  }
}

interface RunResult {
  label: string;
  lastMs: number;
  p99Ms: number;
}

async function repeat(runs: number, run: () => Promise<RunResult>) {
  const results: RunResult[] = [];
  for (let index = 0; index < runs; index += 1) results.push(await run());
  if (runs < 2) return;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  const last = median(results.map((result) => result.lastMs));
  const p99 = median(results.map((result) => result.p99Ms));
  console.log(`\nmedian of ${runs} runs (${results[0]!.label}): time to the last ${(last / 1000).toFixed(2)} s ${last <= TARGET_LAST_MS ? 'ok' : 'over target'}, p99 lateness ${(p99 / 1000).toFixed(2)} s ${p99 <= TARGET_P99_MS ? 'ok' : 'over target'}`);
  console.log(`  each run: ${results.map((result) => `${(result.lastMs / 1000).toFixed(2)} / ${(result.p99Ms / 1000).toFixed(2)} s`).join(', ')} (last / p99)`);
}

async function runOne(input: { dialect: 'sqlite' | 'postgres'; users: number; perUser: number; processes: number }): Promise<RunResult> {
  const total = input.users * input.perUser;
  const sink = await startWebhookSink();
  const database = await createTestDatabase({ dialect: input.dialect });
  const dataDir = mkdtempSync(join(tmpdir(), 'workmate-bench-reminders-'));
  const children: ChildProcess[] = [];
  try {
    const seedStarted = performance.now();
    // Far enough ahead that the processes are up and idle when the minute comes.
    const triggerAt = new Date(Date.now() + 20_000 + total / 2);
    await seed(database, sink, { ...input, triggerAt });
    const seedMs = performance.now() - seedStarted;
    const url = database.url!;
    // SQLite: close this process's connection (keeping the file) so the server is the only writer.
    if (input.dialect === 'sqlite') await database.db.destroy();
    // Every process must share one master key (PostgreSQL requires it to be given).
    const masterKey = generateMasterKey();
    for (let index = 0; index < input.processes; index += 1) {
      children.push(start(input.dialect === 'sqlite' ? 'serve' : 'worker', { DATABASE_URL: url, DATA_DIR: dataDir, WORKMATE_MASTER_KEY: masterKey, PORT: String(18_000 + Math.floor(Math.random() * 1000)) }));
    }
    // CPU spent from the trigger to the last arrival: is the dispatch bound by one thread, or by the machine?
    let cpuAtTrigger: { children: number; sink: number } | undefined;
    const cpuTimer = setTimeout(() => (cpuAtTrigger = cpuNow(children)), Math.max(0, triggerAt.getTime() - Date.now()));
    const arrived = (await sink.waitFor(total, Math.max(60_000, triggerAt.getTime() - Date.now() + 120_000))).length;
    clearTimeout(cpuTimer);
    const cpuAtEnd = cpuNow(children);
    const last = sink.received.reduce((latest, entry) => Math.max(latest, entry.at), triggerAt.getTime());
    const lateness = sink.received.map((entry) => entry.at - triggerAt.getTime()).sort((a, b) => a - b);
    const duplicates = sink.arrivals.length - sink.received.length;
    const label = input.dialect === 'sqlite' ? 'SQLite, one serve process' : `PostgreSQL, ${input.processes} worker processes`;
    console.log(`\nreminders (${label}): ${total} reminders for ${input.users} users due at the same instant, delivered to a local webhook sink (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
    console.log(`  delivered           ${arrived} of ${total}${arrived < total ? ' (INCOMPLETE: timed out)' : ''}`);
    console.log(`  first delivery      ${((lateness[0] ?? Number.NaN) / 1000).toFixed(2)} s after trigger_at (how soon the dispatcher woke)`);
    console.log(`  time to the last    ${((last - triggerAt.getTime()) / 1000).toFixed(2)} s after trigger_at  ${last - triggerAt.getTime() <= TARGET_LAST_MS ? 'ok' : 'over target'} (target <= ${TARGET_LAST_MS / 1000} s)`);
    console.log(`  lateness p50 / p99  ${(percentile(lateness, 50) / 1000).toFixed(2)} s / ${(percentile(lateness, 99) / 1000).toFixed(2)} s  ${percentile(lateness, 99) <= TARGET_P99_MS ? 'ok' : 'over target'} (target p99 <= ${TARGET_P99_MS / 1000} s)`);
    console.log(`  duplicates          ${duplicates} repeated arrivals (the sink drops them by Idempotency-Key)`);
    if (cpuAtTrigger && Number.isFinite(cpuAtEnd.children)) {
      const busy = (cpuAtEnd.children - cpuAtTrigger.children) / 1000;
      const sinkBusy = (cpuAtEnd.sink - cpuAtTrigger.sink) / 1000;
      console.log(`  CPU to the last     ${busy.toFixed(2)} s in Workmate's process(es), ${sinkBusy.toFixed(2)} s in the sink (this process), over ${((last - triggerAt.getTime()) / 1000).toFixed(2)} s on ${availableParallelism()} cores`);
    }
    return { label, lastMs: last - triggerAt.getTime(), p99Ms: percentile(lateness, 99) };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    await database.destroy().catch(() => undefined);
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** CPU milliseconds so far of the child processes (Linux /proc; NaN elsewhere) and of this process. */
function cpuNow(children: readonly ChildProcess[]): { children: number; sink: number } {
  let childMs = 0;
  for (const child of children) {
    try {
      // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 per second on Linux).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      childMs += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      childMs = Number.NaN;
    }
  }
  const own = process.cpuUsage();
  return { children: childMs, sink: (own.user + own.system) / 1000 };
}

function start(command: 'serve' | 'worker', env: Record<string, string>): ChildProcess {
  // BENCH_CHILD_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the measured processes (NODE_OPTIONS may not carry --cpu-prof).
  const extra = process.env.BENCH_CHILD_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  return spawn(process.execPath, [...extra, '--import', 'tsx', 'apps/server/src/index.ts', command], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKMATE_ALLOW_PRIVATE_TARGETS: 'true', WORKMATE_MIGRATE_ON_START: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Users, one webhook channel each, and per user `perUser` open tasks with one reminder at `triggerAt` (and a later one, so no plan runs out). */
async function seed(database: TestDatabase, sink: WebhookSink, input: { users: number; perUser: number; triggerAt: Date }) {
  const { db } = database;
  const now = toDbInstant(new Date());
  const trigger = toDbInstant(input.triggerAt);
  const later = toDbInstant(new Date(input.triggerAt.getTime() + 30 * 86_400_000));
  for (let first = 0; first < input.users; first += 100) {
    const users = Array.from({ length: Math.min(100, input.users - first) }, (_, offset) => ({ index: first + offset, id: crypto.randomUUID() }));
    await db.insertInto('users').values(users.map((user) => ({ id: user.id, username: `bench${user.index}`, email: `bench${user.index}@example.org`, password_hash: 'x', timezone: 'Europe/Berlin', language: 'de', created_at: now, updated_at: now }))).execute();
    await db.insertInto('integrations').values(users.map((user) => ({ id: crypto.randomUUID(), user_id: user.id, integration_type: 'webhook', name: 'Sink', enabled: true, config: toDbJson({ url: sink.url }), created_at: now, updated_at: now }))).execute();
    const tasks = users.flatMap((user) => Array.from({ length: input.perUser }, (_, index) => ({ id: crypto.randomUUID(), user_id: user.id, title: `Rechnung ${index + 1} bezahlen`, due_date: later, due_is_date: true, amount: 1000 + index, currency: 'EUR', created_at: now, updated_at: now })));
    for (let start = 0; start < tasks.length; start += 200) await db.insertInto('tasks').values(tasks.slice(start, start + 200)).execute();
    const reminders = tasks.flatMap((task) => [
      { id: crypto.randomUUID(), task_id: task.id, trigger_at: trigger, fire_at: trigger, severity: 'warning' as const, channels: toDbJson(['in_app', 'smart_home']), message: task.title, created_at: now },
      { id: crypto.randomUUID(), task_id: task.id, trigger_at: later, fire_at: later, severity: 'critical' as const, channels: toDbJson(['in_app', 'smart_home']), message: task.title, created_at: now },
    ]);
    for (let start = 0; start < reminders.length; start += 300) await db.insertInto('reminders').values(reminders.slice(start, start + 300)).execute();
  }
}
