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

  /** Documents that need the user: processing failed, or understood with too little confidence. */
  async function needingAttention(userId: string, limit: number, reviewBelow: number) {
    const base = db.selectFrom('documents').select(['id', 'title', 'type', 'processing_status', 'processing_error', 'confidence_score', 'uploaded_at']).where('user_id', '=', userId).where('deleted_at', 'is', null);
    const [failed, review] = await Promise.all([
      base.where('processing_status', '=', 'failed').orderBy('uploaded_at', 'desc').limit(limit).execute(),
      base.where('processing_status', '=', 'done').where('confidence_score', '<', reviewBelow).orderBy('uploaded_at', 'desc').limit(limit).execute(),
    ]);
    return { failed, review };
  }

  return { findOwned, findInvoiceByNumber, needingAttention };
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
