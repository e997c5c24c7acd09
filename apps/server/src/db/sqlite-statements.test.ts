import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statements.ts';

describe('withStatementCache', () => {
  let sqlite: BetterSqlite3.Database | undefined;
  afterEach(() => {
    if (sqlite?.open) sqlite.close();
    sqlite = undefined;
  });

  function open() {
    sqlite = new BetterSqlite3(':memory:');
    sqlite.exec('create table t (id integer primary key, name text)');
    return sqlite;
  }

  it('prepares the same SQL once and keeps answering right with new parameters', () => {
    const raw = open();
    let prepared = 0;
    const original = raw.prepare.bind(raw);
    raw.prepare = ((sql: string) => {
      prepared += 1;
      return original(sql);
    }) as typeof raw.prepare;
    const db = withStatementCache(raw);
    for (let i = 1; i <= 5; i += 1) db.prepare('insert into t (id, name) values (?, ?)').run([i, `n${i}`]);
    expect(db.prepare('select name from t where id = ?').all([3])).toEqual([{ name: 'n3' }]);
    expect(db.prepare('select name from t where id = ?').all([5])).toEqual([{ name: 'n5' }]);
    expect(prepared).toBe(2);
  });

  it('drops the least recently used statement beyond its capacity', () => {
    const raw = open();
    const seen: string[] = [];
    const original = raw.prepare.bind(raw);
    raw.prepare = ((sql: string) => {
      seen.push(sql);
      return original(sql);
    }) as typeof raw.prepare;
    const db = withStatementCache(raw, 2);
    db.prepare('select 1').all([]);
    db.prepare('select 2').all([]);
    db.prepare('select 1').all([]); // 1 is now the most recent
    db.prepare('select 3').all([]); // evicts 2
    db.prepare('select 1').all([]);
    db.prepare('select 2').all([]);
    expect(seen).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });

  it('gives an iteration a statement of its own, so a query inside the loop does not find it busy', () => {
    const raw = open();
    const db = withStatementCache(raw);
    for (let i = 1; i <= 3; i += 1) db.prepare('insert into t (id, name) values (?, ?)').run([i, `n${i}`]);
    const names: unknown[] = [];
    for (const row of db.prepare('select name from t order by id').iterate([])) {
      names.push(row);
      expect(db.prepare('select name from t order by id').all([])).toHaveLength(3);
    }
    expect(names).toHaveLength(3);
  });

  it('tells reading statements from writing ones, as Kysely needs', () => {
    const db = withStatementCache(open());
    expect(db.prepare('select 1').reader).toBe(true);
    expect(db.prepare('delete from t').reader).toBe(false);
  });
});
