import { sql } from 'kysely';
import type { DatabaseHandle } from '../../db/database.ts';
import { pendingMigrations } from '../../migrations/migrator.ts';

export type Readiness = { ready: true } | { ready: false; reason: string; details: Record<string, unknown> };

export function createSystemUsecases({ handle }: { handle: DatabaseHandle }) {
  async function checkReadiness(): Promise<Readiness> {
    try {
      await sql`SELECT 1`.execute(handle.db);
    } catch (error) {
      return { ready: false, reason: 'The database does not answer.', details: { database: (error as Error).message } };
    }
    const pending = await pendingMigrations(handle);
    if (pending.length > 0) {
      return { ready: false, reason: 'The database schema is not current: run `workmate migrate`.', details: { pending_migrations: pending } };
    }
    return { ready: true };
  }
  return { checkReadiness };
}

export type SystemUsecases = ReturnType<typeof createSystemUsecases>;
