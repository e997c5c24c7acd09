import type { Kysely } from 'kysely';
import type { DialectName } from '../db/database.ts';

/**
 * A migration is code that runs forward on both dialects. Migrations see the database as it was
 * when they were written, so they take an untyped Kysely rather than today's Database type.
 * Shipped migrations are never edited: a change is a new migration.
 */
export interface Migration {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
  up(input: { db: Kysely<any>; dialect: DialectName }): Promise<void>;
}
