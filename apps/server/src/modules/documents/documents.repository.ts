/** Documents as other modules may see them until the intake issue builds this module out. */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

export function createDocumentsRepository({ db, dialect }: { db: Kysely<Database>; dialect: DialectName }) {
  /** The user's document (not soft-deleted), or undefined: another user's document is simply not found. */
  async function findOwned(userId: string, id: string, executor: Kysely<Database> = db) {
    return executor.selectFrom('documents').select(['id', 'type']).where('user_id', '=', userId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  }
  /** The user's invoice with this invoice number in its metadata (dialect-specific JSON access). */
  async function findInvoiceByNumber(executor: Kysely<Database>, userId: string, invoiceNumber: string) {
    const number = dialect === 'postgres' ? sql<string>`metadata->>'invoice_number'` : sql<string>`json_extract(metadata, '$.invoice_number')`;
    return executor
      .selectFrom('documents')
      .select(['id', 'type'])
      .where('user_id', '=', userId)
      .where('type', '=', 'invoice')
      .where('deleted_at', 'is', null)
      .where(number, '=', invoiceNumber)
      .orderBy('uploaded_at', 'desc')
      .executeTakeFirst();
  }

  return { findOwned, findInvoiceByNumber };
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
