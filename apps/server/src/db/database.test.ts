import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type DatabaseHandle } from './database.ts';

describe('openSqlite: checkpoints', () => {
  const opened: DatabaseHandle[] = [];
  let dir: string | undefined;
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function open(options: { autoCheckpoint?: boolean }) {
    dir ??= mkdtempSync(join(tmpdir(), 'workmate-sqlite-'));
    const handle = openSqlite(join(dir, 'test.db'), options);
    opened.push(handle);
    return handle;
  }

  /** Enough rows to pass SQLite's automatic checkpoint (1,000 pages of 4 KiB) several times over. */
  async function write(handle: DatabaseHandle) {
    await sql`create table if not exists t (id integer primary key, payload text)`.execute(handle.db);
    for (let batch = 0; batch < 60; batch += 1) {
      await handle.db.transaction().execute(async (trx) => {
        for (let row = 0; row < 50; row += 1) await sql`insert into t (payload) values (${'x'.repeat(2000)})`.execute(trx);
      });
    }
  }

  it('checkpoints on its own commits by default', async () => {
    const handle = open({});
    await write(handle);
    // The log was copied back and restarted along the way: it never held all ~1,500 pages at once.
    expect(handle.checkpoint!().frames).toBeLessThan(1000);
  });

  it('leaves the log to another connection when told, which checkpoints it whole', async () => {
    const writer = open({ autoCheckpoint: false });
    await write(writer);
    const other = open({});
    const result = other.checkpoint!();
    expect(result.frames).toBeGreaterThan(1000);
    expect(result.checkpointed).toBe(result.frames);
    const [count] = (await sql<{ n: number }>`select count(*) as n from t`.execute(other.db)).rows;
    expect(count?.n).toBe(3000);
  });
});
