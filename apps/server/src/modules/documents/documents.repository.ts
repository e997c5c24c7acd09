/** Documents and their stored files: the only place that builds SQL for the `documents` and `files` tables. */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database, DocumentType } from '../../db/schema.ts';
import { toDbInstant, toDbJson } from '../../db/values.ts';
import { fts5Query } from '../search/search.models.ts';

export interface StoredFile {
  id: string;
  path: string;
  originalFilename: string;
  sizeBytes: number;
  mimeType: string;
  checksum: string;
}

export interface DocumentFilter {
  type?: DocumentType;
  status?: 'pending' | 'processing' | 'done' | 'failed';
  uploadedAfter?: Date;
  uploadedBefore?: Date;
  /** Done but understood with less confidence than `reviewBelow`. */
  needsReview?: boolean;
  reviewBelow: number;
  text?: string;
}

const DOCUMENT_COLUMNS = [
  'documents.id', 'documents.user_id', 'documents.file_id', 'documents.type', 'documents.title', 'documents.metadata', 'documents.processing_status',
  'documents.processing_error', 'documents.confidence_score', 'documents.uploaded_at', 'documents.processed_at', 'documents.updated_at', 'documents.deleted_at',
  'files.original_filename', 'files.mime_type', 'files.size_bytes', 'files.checksum', 'files.path', 'files.thumbnail_path',
] as const;

export function createDocumentsRepository({ db, dialect }: { db: Kysely<Database>; dialect: DialectName }) {
  /** The user's document (not soft-deleted), or undefined: another user's document is simply not found. */
  async function findOwned(userId: string, id: string, executor: Kysely<Database> = db) {
    return executor.selectFrom('documents').select(['id', 'type']).where('user_id', '=', userId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  }

  /** A document with its file's facts; soft-deleted ones only when asked. */
  async function findDetail(userId: string, id: string, { executor = db, includeDeleted = false }: { executor?: Kysely<Database>; includeDeleted?: boolean } = {}) {
    let query = executor.selectFrom('documents').innerJoin('files', 'files.id', 'documents.file_id').select(DOCUMENT_COLUMNS).where('documents.user_id', '=', userId).where('documents.id', '=', id);
    if (!includeDeleted) query = query.where('documents.deleted_at', 'is', null);
    return query.executeTakeFirst();
  }

  /** For the processing job, which knows only the document id. */
  /** The files of a multi-page document in page order; empty for a single-file document. */
  async function pagesOf(executor: Kysely<Database>, documentId: string) {
    return executor
      .selectFrom('document_pages')
      .innerJoin('files', 'files.id', 'document_pages.file_id')
      .select(['files.id', 'files.path', 'files.mime_type', 'files.original_filename', 'document_pages.page_index'])
      .where('document_pages.document_id', '=', documentId)
      .orderBy('document_pages.page_index')
      .execute();
  }

  async function findForProcessing(executor: Kysely<Database>, id: string) {
    return executor.selectFrom('documents').innerJoin('files', 'files.id', 'documents.file_id').select(DOCUMENT_COLUMNS).where('documents.id', '=', id).executeTakeFirst();
  }

  /** The user's live document stored from a file with this SHA-256, if any. */
  async function findByChecksum(executor: Kysely<Database>, userId: string, checksum: string) {
    return executor
      .selectFrom('documents')
      .innerJoin('files', 'files.id', 'documents.file_id')
      .select(DOCUMENT_COLUMNS)
      .where('files.user_id', '=', userId)
      .where('files.checksum', '=', checksum)
      .where('documents.deleted_at', 'is', null)
      .orderBy('documents.uploaded_at', 'asc')
      .executeTakeFirst();
  }

  async function insertUpload(
    executor: Kysely<Database>,
    input: { userId: string; documentId: string; files: StoredFile[]; type: DocumentType; title: string | null; metadata: unknown; now: Date },
  ) {
    const stamp = toDbInstant(input.now);
    for (const file of input.files) {
      await executor
        .insertInto('files')
        .values({ id: file.id, user_id: input.userId, path: file.path, original_filename: file.originalFilename, size_bytes: file.sizeBytes, mime_type: file.mimeType, checksum: file.checksum, storage_backend: 'local', created_at: stamp })
        .execute();
    }
    await executor
      .insertInto('documents')
      .values({ id: input.documentId, user_id: input.userId, file_id: input.files[0]!.id, type: input.type, title: input.title, metadata: toDbJson(input.metadata), processing_status: 'pending', uploaded_at: stamp, updated_at: stamp })
      .execute();
    if (input.files.length > 1) {
      await executor.insertInto('document_pages').values(input.files.map((file, index) => ({ document_id: input.documentId, file_id: file.id, page_index: index }))).execute();
    }
  }

  function filtered(userId: string, filter: DocumentFilter) {
    let query = db.selectFrom('documents').innerJoin('files', 'files.id', 'documents.file_id').where('documents.user_id', '=', userId).where('documents.deleted_at', 'is', null);
    if (filter.type) query = query.where('documents.type', '=', filter.type);
    if (filter.status) query = query.where('documents.processing_status', '=', filter.status);
    if (filter.uploadedAfter) query = query.where('documents.uploaded_at', '>=', toDbInstant(filter.uploadedAfter));
    if (filter.uploadedBefore) query = query.where('documents.uploaded_at', '<', toDbInstant(filter.uploadedBefore));
    if (filter.needsReview === true) query = query.where('documents.processing_status', '=', 'done').where('documents.confidence_score', '<', filter.reviewBelow);
    if (filter.needsReview === false) query = query.where((eb) => eb.or([eb('documents.processing_status', '!=', 'done'), eb('documents.confidence_score', '>=', filter.reviewBelow)]));
    if (filter.text !== undefined) query = query.where(textMatches(userId, filter.text));
    return query;
  }

  /** Full-text condition: PostgreSQL's stored `german` vector, or the user's rows of the SQLite FTS5 mirror. */
  function textMatches(userId: string, text: string): Expression<SqlBool> {
    if (dialect === 'postgres') return sql<SqlBool>`documents.search_vector @@ websearch_to_tsquery('german', ${text})`;
    const terms = fts5Query(text);
    if (!terms) return sql<SqlBool>`1 = 0`;
    const match = `owner : "${userId.replace(/-/g, '')}" AND (${terms})`;
    return sql<SqlBool>`documents.id IN (SELECT id FROM documents_fts WHERE documents_fts MATCH ${match})`;
  }

  async function list(userId: string, filter: DocumentFilter, window: { limit: number; offset: number }) {
    const [rows, count] = await Promise.all([
      filtered(userId, filter).select(DOCUMENT_COLUMNS).orderBy('documents.uploaded_at', 'desc').orderBy('documents.id', 'desc').limit(window.limit).offset(window.offset).execute(),
      filtered(userId, filter).select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.total) };
  }

  async function markProcessing(executor: Kysely<Database>, id: string, now: Date) {
    await executor.updateTable('documents').set({ processing_status: 'processing', processing_error: null, updated_at: toDbInstant(now) }).where('id', '=', id).execute();
  }

  async function saveUnderstanding(
    executor: Kysely<Database>,
    input: { id: string; fileId: string; type: DocumentType; title: string | null; metadata: unknown; confidence: number; text: string | null; ocrLanguage: string | null; thumbnailPath: string | null; now: Date },
  ) {
    const stamp = toDbInstant(input.now);
    await executor
      .updateTable('documents')
      .set({ type: input.type, title: input.title, metadata: toDbJson(input.metadata), confidence_score: input.confidence, extracted_text: input.text, processing_status: 'done', processing_error: null, processed_at: stamp, updated_at: stamp })
      .where('id', '=', input.id)
      .execute();
    await executor.updateTable('files').set({ extracted_text: input.text, ocr_language: input.ocrLanguage, thumbnail_path: input.thumbnailPath }).where('id', '=', input.fileId).execute();
  }

  async function markFailed(executor: Kysely<Database>, input: { id: string; reason: string; metadata?: unknown; now: Date }) {
    const stamp = toDbInstant(input.now);
    await executor
      .updateTable('documents')
      .set({ processing_status: 'failed', processing_error: input.reason, processed_at: stamp, updated_at: stamp, ...(input.metadata === undefined ? {} : { metadata: toDbJson(input.metadata) }) })
      .where('id', '=', input.id)
      .execute();
  }

  async function setThumbnail(executor: Kysely<Database>, fileId: string, path: string) {
    await executor.updateTable('files').set({ thumbnail_path: path }).where('id', '=', fileId).execute();
  }

  async function markPending(executor: Kysely<Database>, id: string, now: Date) {
    await executor.updateTable('documents').set({ processing_status: 'pending', processing_error: null, updated_at: toDbInstant(now) }).where('id', '=', id).execute();
  }

  async function saveCorrection(executor: Kysely<Database>, input: { id: string; type: DocumentType; title: string | null; metadata: unknown; confidence: number | null; now: Date }) {
    await executor
      .updateTable('documents')
      .set({ type: input.type, title: input.title, metadata: toDbJson(input.metadata), confidence_score: input.confidence, updated_at: toDbInstant(input.now) })
      .where('id', '=', input.id)
      .execute();
  }

  async function softDelete(executor: Kysely<Database>, id: string, now: Date) {
    await executor.updateTable('documents').set({ deleted_at: toDbInstant(now), updated_at: toDbInstant(now) }).where('id', '=', id).execute();
  }

  /** Soft-deleted documents whose retention has passed (`purge` finds their files). */
  async function expiredDeleted(deletedBefore: Date, limit: number) {
    return db
      .selectFrom('documents')
      .select(['documents.id', 'documents.file_id'])
      .where('documents.deleted_at', '<', toDbInstant(deletedBefore))
      .orderBy('documents.deleted_at')
      .limit(limit)
      .execute();
  }

  /** Removes the rows of a purged document and of its files; returns the storage keys to delete. */
  async function purge(executor: Kysely<Database>, documentId: string, fileId: string): Promise<string[]> {
    const pages = await pagesOf(executor, documentId);
    const fileIds = [...new Set([fileId, ...pages.map((page) => page.id)])];
    const files = await executor.selectFrom('files').select(['id', 'path', 'thumbnail_path']).where('id', 'in', fileIds).execute();
    await executor.deleteFrom('documents').where('id', '=', documentId).execute();
    await executor.deleteFrom('files').where('id', 'in', fileIds).execute();
    return files.flatMap((file) => [file.path, ...(file.thumbnail_path ? [file.thumbnail_path] : [])]);
  }

  /** Contracts whose stored cancellation date lies before `before` ('YYYY-MM-DD'): their next one is due. */
  async function contractsPastCancellation(executor: Kysely<Database>, before: string, afterId: string | undefined, limit: number) {
    const last = dialect === 'postgres' ? sql<string>`metadata->'contract'->>'last_cancellation_date'` : sql<string>`json_extract(metadata, '$.contract.last_cancellation_date')`;
    let query = executor
      .selectFrom('documents')
      .select(['id', 'user_id', 'type', 'metadata'])
      .where('type', '=', 'contract')
      .where('processing_status', '=', 'done')
      .where('deleted_at', 'is', null)
      .where(last, '<', before);
    if (afterId !== undefined) query = query.where('id', '>', afterId);
    return query
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Stores metadata changed without reading the document again (a recomputed date). */
  async function saveMetadata(executor: Kysely<Database>, id: string, metadata: unknown, now: Date) {
    await executor.updateTable('documents').set({ metadata: toDbJson(metadata), updated_at: toDbInstant(now) }).where('id', '=', id).execute();
  }

  /** The document's read text (what the rules saw), or null. */
  async function textOf(executor: Kysely<Database>, id: string): Promise<string | null> {
    const row = await executor.selectFrom('documents').select('extracted_text').where('id', '=', id).executeTakeFirst();
    return row?.extracted_text ?? null;
  }

  /** The user's understood invoices, newest first: what a dunning letter may be about. */
  async function invoicesForLinking(executor: Kysely<Database>, userId: string, limit: number) {
    return executor
      .selectFrom('documents')
      .select(['id', 'metadata'])
      .where('user_id', '=', userId)
      .where('type', '=', 'invoice')
      .where('deleted_at', 'is', null)
      .where('processing_status', '=', 'done')
      .orderBy('uploaded_at', 'desc')
      .limit(limit)
      .execute();
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

  return {
    findOwned, findDetail, findForProcessing, pagesOf, findByChecksum, insertUpload, list, markProcessing, saveUnderstanding, markFailed, markPending, setThumbnail, saveCorrection,
    softDelete, expiredDeleted, purge, invoicesForLinking, textOf, contractsPastCancellation, saveMetadata, needingAttention,
  };
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
export type DocumentRow = NonNullable<Awaited<ReturnType<DocumentsRepository['findDetail']>>>;
