/**
 * The built app as a newcomer runs it: `workmate serve` answers /healthz within 10 s and creates
 * the seed's tables, `api` and `worker` run separately, SIGTERM ends each cleanly, and the CLI
 * creates users and resets passwords.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../apps/server/src/app/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../apps/server/src/db/test-database.ts';
import { generateMasterKey } from '../apps/server/src/shared/crypto/secret-box.ts';
import { SEED_COLUMNS } from '../apps/server/src/migrations/seed-columns.ts';
import { peerMissing } from '../apps/server/src/shared/testing/peers.ts';
import { ensureBuilt, exitOf, freePort, runCli, startProcess, tempDataDir, waitForHttp } from './helpers.ts';

let database: TestDatabase;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ensureBuilt();
  database = await createTestDatabase({ migrate: false });
  dataDir = tempDataDir();
  // On SQLite the app uses its default: workmate.db in DATA_DIR. On PostgreSQL, the test database.
  env = { DATA_DIR: dataDir, ...(database.dialect === 'postgres' ? { DATABASE_URL: database.url, WORKMATE_MASTER_KEY: generateMasterKey() } : {}) };
});
afterAll(async () => {
  await database.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

const skipWithoutServer = () => peerMissing(database.url ? undefined : 'the built app needs a PostgreSQL server it can reach (set TEST_DATABASE_URL)');

describe('workmate processes', () => {
  it('serve answers /healthz within 10 s, creates every seed table, lists its routes and stops on SIGTERM', async (context) => {
    if (skipWithoutServer()) context.skip();
    const port = await freePort();
    const serve = startProcess(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
    const elapsed = await waitForHttp(`http://127.0.0.1:${port}/healthz`, 10_000);
    expect(elapsed).toBeLessThan(10_000);
    const spec = (await (await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/v1/admin/jobs');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('Workmate');

    if (database.dialect === 'sqlite') {
      const file = new BetterSqlite3(join(dataDir, 'workmate.db'), { readonly: true });
      const tables = new Set((file.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((row) => row.name));
      file.close();
      expect(Object.keys(SEED_COLUMNS).filter((table) => !tables.has(table))).toEqual([]);
    }
    serve.child.kill('SIGTERM');
    expect(await exitOf(serve.child)).toBe(0);
    expect(serve.output()).toContain('worker stopped');
  }, 30_000);

  it('runs api and worker as separate processes', async (context) => {
    if (skipWithoutServer()) context.skip();
    const port = await freePort();
    const api = startProcess(['api'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
    const worker = startProcess(['worker'], env);
    await waitForHttp(`http://127.0.0.1:${port}/readyz`, 10_000);
    const deadline = performance.now() + 10_000;
    while (!worker.output().includes('worker started') && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(worker.output()).toContain('worker started');
    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect([await exitOf(api.child), await exitOf(worker.child)]).toEqual([0, 0]);
  }, 30_000);

  it('creates users and resets passwords from the command line', async (context) => {
    if (skipWithoutServer()) context.skip();
    const first = runCli(['user', 'create', '--username', 'anna', '--email', 'Anna@Example.org', '--timezone', 'Europe/Berlin'], env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^created admin anna/m);
    expect(first.stdout).toMatch(/one-time password \(must be changed at first login\): \S{20}/);

    const second = runCli(['user', 'create', '--username', 'ben', '--email', 'ben@example.org', '--password-stdin'], env, 'a long enough password\n');
    expect(second.stdout).toMatch(/^created user ben/m);
    expect(second.stdout).not.toMatch(/one-time password/);

    const duplicate = runCli(['user', 'create', '--username', 'ANNA', '--email', 'other@example.org'], env);
    expect([duplicate.status, duplicate.stderr]).toEqual([2, 'workmate: A user with this username or e-mail exists.\n']);
    const badZone = runCli(['user', 'create', '--username', 'carl', '--email', 'carl@example.org', '--timezone', 'Mars/Base'], env);
    expect(badZone.stderr).toMatch(/unknown time zone "Mars\/Base"/);

    const reset = runCli(['user', 'reset-password', 'anna@example.org', '--password-stdin'], env, 'another long password\n');
    expect(reset.stdout).toBe('password of anna reset\n');
    const short = runCli(['user', 'reset-password', 'anna', '--password-stdin'], env, 'short\n');
    expect([short.status, short.stderr]).toEqual([2, 'workmate: The password must have at least 10 characters.\n']);

    if (database.dialect === 'sqlite') {
      // What `sqlite3 data/*.db "select password_hash from users"` shows: argon2id hashes only.
      const file = new BetterSqlite3(join(dataDir, 'workmate.db'), { readonly: true });
      const hashes = (file.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[]).map((row) => row.password_hash);
      file.close();
      expect(hashes.length).toBe(2);
      for (const hash of hashes) expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    }
    expect(runCli(['migrate'], env).stdout).toBe('database is up to date\n');
    expect(runCli(['jobs', 'list', '--status', 'dead'], env).stdout).toBe('0 job(s)\n');
  }, 60_000);

  it('imports an account exported from another instance', async (context) => {
    if (skipWithoutServer()) context.skip();
    const source = await createTestApp({ database: await createTestDatabase({ dialect: 'sqlite' }) });
    try {
      const erin = await signUp(source, 'erin');
      const exported = await source.app.inject({ url: '/api/v1/users/me/export', headers: erin.headers });
      const archive = join(dataDir, 'erin.tar.gz');
      writeFileSync(archive, exported.rawPayload);
      const result = runCli(['user', 'import', archive], env);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(new RegExp(`imported erin \\(${erin.userId}\\): \\d+ rows, 0 files`));
      expect(runCli(['user', 'import', archive], env).stderr).toMatch(/already has a user/);
    } finally {
      await source.database.destroy();
      await source.close();
    }
  }, 60_000);

  it('refuses a bad configuration with a message naming the variable', () => {
    const result = runCli(['migrate'], { ...env, PORT: 'eighty' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/PORT = "eighty"/);
  });

  it('needs a master key on PostgreSQL and makes one on SQLite', (context) => {
    if (skipWithoutServer()) context.skip();
    const result = runCli(['user', 'create', '--username', 'dora', '--email', 'dora@example.org'], { ...env, WORKMATE_MASTER_KEY: '' });
    if (database.dialect === 'postgres') {
      expect([result.status, result.stderr]).toEqual([2, expect.stringContaining('WORKMATE_MASTER_KEY is required with PostgreSQL')]);
    } else {
      expect(result.status).toBe(0);
      expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    }
  });
});
