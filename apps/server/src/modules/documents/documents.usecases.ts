/**
 * Documents: upload (sniffed, stored unchanged, recognised when uploaded twice), reading them back,
 * corrections, reprocessing and soft deletion. Understanding itself runs in the processing job.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { DialectName } from '../../db/database.ts';
import type { Database, DocumentType } from '../../db/schema.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { fromDbJson } from '../../db/values.ts';
import type { EventBus } from '../../events/events.outbox.ts';
import type { JobQueue } from '../../jobs/jobs.queue.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { pageWindow } from '../../shared/http/pagination.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { StorageDriver } from '../storage/storage.types.ts';
import * as errors from './documents.errors.ts';
import { processDocumentJob } from './documents.jobs.ts';
import type { LearningUsecases } from '../learning/learning.usecases.ts';
import { announceDocument, linkDunningLetter } from './documents.announce.usecases.ts';
import { applyCorrection, confidenceAfterCorrection, REVIEW_BELOW_CONFIDENCE, type Correction, type StoredMetadata } from './documents.models.ts';
import type { DocumentRow, DocumentsRepository, StoredFile } from './documents.repository.ts';
import type { CorrectDocumentBody, ListDocumentsQuery } from './documents.schemas.ts';
import { ACCEPTED_LIST, sniffType } from './documents.sniff.models.ts';
import { makePagePreview } from '../extraction/thumbnail.models.ts';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

export interface LinkedTask {
  id: string;
  title: string;
  status: string;
  due_date: string | null;
}

export interface DocumentsUsecasesDeps {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: DocumentsRepository;
  storage: StorageDriver;
  queue: JobQueue;
  bus: EventBus;
  clock: Clock;
  /** Wakes a worker so an upload is processed at once instead of at the next poll. */
  nudgeWorker: () => void;
  /** The tasks made from a document (the tasks module's view). */
  tasksOfDocument: (userId: string, documentId: string) => Promise<LinkedTask[]>;
  /** Cancels the open tasks made from a document, inside the deletion's transaction. */
  cancelTasksOfDocument: (trx: Executor, userId: string, documentId: string) => Promise<number>;
  /** Remembers what a correction says about the sender (the learning module). */
  learning: Pick<LearningUsecases, 'learnFrom'>;
}

export function createDocumentsUsecases(deps: DocumentsUsecasesDeps) {
  const { repository, clock } = deps;

  function present(row: DocumentRow) {
    const metadata = fromDbJson<StoredMetadata>(row.metadata);
    return {
      id: row.id,
      type: row.type,
      title: row.title,
      processing_status: row.processing_status,
      processing_error: row.processing_error,
      confidence_score: row.confidence_score,
      needs_review: row.processing_status === 'done' && (metadata.needs_review === true || (row.confidence_score ?? 1) < REVIEW_BELOW_CONFIDENCE),
      metadata,
      file: { original_filename: row.original_filename, mime_type: row.mime_type, size_bytes: Number(row.size_bytes), sha256: row.checksum, has_thumbnail: row.thumbnail_path !== null },
      uploaded_at: row.uploaded_at,
      processed_at: row.processed_at,
      updated_at: row.updated_at,
      deleted_at: row.deleted_at,
    };
  }

  async function owned(userId: string, id: string, executor: Kysely<Database> = deps.handle.db): Promise<DocumentRow> {
    const row = await repository.findDetail(userId, id, { executor });
    if (!row) throw errors.documentNotFound();
    return row;
  }

  async function enqueueProcessing(executor: Executor, userId: string, documentId: string) {
    // A fresh key per request: reprocessing is a new job; a retried request inside one transaction is not.
    await deps.queue.enqueue(processDocumentJob, { document_id: documentId }, { idempotencyKey: `documents.process:${documentId}:${newId()}`, userId, executor });
  }

  /**
   * One document per file, or, with `combine`, one document whose pages are the files (photos of
   * one letter). A file (or, combined, a first page) the user uploaded before is not stored again.
   */
  async function upload(userId: string, input: { files: UploadedFile[]; title?: string; type?: DocumentType; combine?: boolean }) {
    if (input.files.length === 0) throw errors.uploadInvalid({ message: 'Send at least one file in the multipart field "file".' });
    const sniffed = await Promise.all(
      input.files.map(async (file) => {
        if (file.bytes.length === 0) throw errors.uploadInvalid({ message: `"${file.filename}" is empty (0 bytes).` });
        const mime = await sniffType(file.bytes);
        if (!mime) throw errors.unsupportedType({ message: `"${file.filename}" is not a file Workmate can read. Accepted: ${ACCEPTED_LIST}.`, details: { filename: file.filename, accepted: ACCEPTED_LIST.split(', ') } });
        return { ...file, mime, checksum: createHash('sha256').update(file.bytes).digest('hex') };
      }),
    );
    if (input.combine && !sniffed.every((file) => file.mime.startsWith('image/'))) {
      throw errors.uploadInvalid({ message: 'Only photos and scanned images can be combined into one document (combine=true); upload PDFs and XML on their own.' });
    }
    const groups = input.combine ? [sniffed] : sniffed.map((file) => [file]);

    const now = clock.now();
    const results: { id: string; duplicate: boolean }[] = [];
    const fresh: { documentId: string; files: (typeof sniffed[number] & StoredFile)[] }[] = [];
    const seen = new Map<string, string>();
    for (const group of groups) {
      const first = group[0]!;
      const existing = seen.get(first.checksum) ?? (await repository.findByChecksum(deps.handle.db, userId, first.checksum))?.id;
      if (existing) {
        results.push({ id: existing, duplicate: true });
        continue;
      }
      const documentId = newId();
      seen.set(first.checksum, documentId);
      const files = group.map((file) => {
        const id = newId();
        return { ...file, id, path: `${userId}/${id}`, originalFilename: file.filename.slice(0, 255) || 'upload', sizeBytes: file.bytes.length, mimeType: file.mime };
      });
      fresh.push({ documentId, files });
      results.push({ id: documentId, duplicate: false });
    }

    // Bytes first, rows second: a row never points at a file that is not there.
    const stored = fresh.flatMap((document) => document.files);
    await Promise.all(stored.map((file) => deps.storage.put(file.path, file.bytes)));
    try {
      await inTransaction(deps.handle, async (trx) => {
        for (const document of fresh) {
          const metadata = { fields: {}, ...(input.title ? { title_confirmed: true } : {}), ...(input.type ? { type_hint: input.type } : {}) };
          await repository.insertUpload(trx, { userId, documentId: document.documentId, files: document.files, type: input.type ?? 'other', title: input.title ?? null, metadata, now });
          await enqueueProcessing(trx, userId, document.documentId);
        }
      });
    } catch (error) {
      await Promise.allSettled(stored.map((file) => deps.storage.delete(file.path)));
      throw error;
    }
    if (fresh.length > 0) deps.nudgeWorker();
    const documents = [];
    for (const result of results) documents.push({ ...present(await owned(userId, result.id)), duplicate: result.duplicate });
    return { documents };
  }

  async function list(userId: string, query: Static<typeof ListDocumentsQuery>) {
    const { rows, total } = await repository.list(
      userId,
      {
        ...(query.type ? { type: query.type } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.uploaded_after ? { uploadedAfter: new Date(query.uploaded_after) } : {}),
        ...(query.uploaded_before ? { uploadedBefore: new Date(query.uploaded_before) } : {}),
        ...(query.needs_review === undefined ? {} : { needsReview: query.needs_review }),
        ...(query.q ? { text: query.q } : {}),
        reviewBelow: REVIEW_BELOW_CONFIDENCE,
      },
      pageWindow(query),
    );
    return { total, page: query.page, page_size: query.page_size, results: rows.map(present) };
  }

  async function get(userId: string, id: string) {
    const row = await owned(userId, id);
    return { ...present(row), tasks: await deps.tasksOfDocument(userId, id) };
  }

  async function correct(userId: string, id: string, body: Static<typeof CorrectDocumentBody>) {
    const result = await inTransaction(deps.handle, async (trx) => {
      const row = await owned(userId, id, trx);
      if (row.processing_status === 'pending' || row.processing_status === 'processing') {
        throw errors.correctionInvalid({ message: 'The document is still being read; correct it once it is done.' });
      }
      const stored = fromDbJson<StoredMetadata>(row.metadata);
      const { metadata, changed, unknownConfirm } = applyCorrection({ ...stored, fields: stored.fields ?? {} }, (body.metadata ?? {}) as Correction, body.confirm);
      if (unknownConfirm.length > 0) throw errors.correctionInvalid({ message: `Nothing to confirm for: ${unknownConfirm.join(', ')}.`, details: { fields: unknownConfirm } });
      if (body.type) metadata.type_confirmed = true;
      if (body.title) metadata.title_confirmed = true;
      const type = body.type ?? row.type;
      const confidence = confidenceAfterCorrection(metadata, row.confidence_score);
      await deps.learning.learnFrom(trx, userId, { before: { type: row.type, facts: stored }, after: { type, facts: metadata }, changed: [...changed, ...(body.type && body.type !== row.type ? ['type' as const] : [])], text: await repository.textOf(trx, id) }, clock.now());
      await linkDunningLetter(trx, repository, { id, userId, type, metadata });
      await repository.saveCorrection(trx, { id, type, title: body.title ?? row.title, metadata, confidence, now: clock.now() });
      const correctedFields = [...changed, ...(body.type ? ['type'] : []), ...(body.title ? ['title'] : [])];
      await announceDocument(trx, deps.bus, { id, userId, type, metadata, reason: 'corrected', correctedFields });
      return owned(userId, id, trx);
    });
    return present(result);
  }

  async function reprocess(userId: string, id: string) {
    await inTransaction(deps.handle, async (trx) => {
      const row = await owned(userId, id, trx);
      if (row.processing_status === 'pending') return; // already waiting for a worker
      await repository.markPending(trx, id, clock.now());
      await enqueueProcessing(trx, userId, id);
    });
    deps.nudgeWorker();
    return present(await owned(userId, id));
  }

  async function remove(userId: string, id: string, options: { cancelTasks: boolean }) {
    return inTransaction(deps.handle, async (trx) => {
      await owned(userId, id, trx);
      await repository.softDelete(trx, id, clock.now());
      const cancelled = options.cancelTasks ? await deps.cancelTasksOfDocument(trx, userId, id) : 0;
      return { cancelled_tasks: cancelled };
    });
  }

  async function original(userId: string, id: string) {
    const row = await owned(userId, id);
    const bytes = await deps.storage.read(row.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw errors.fileMissing();
      throw error;
    });
    return { bytes, mime: row.mime_type, filename: row.original_filename };
  }

  async function thumbnail(userId: string, id: string) {
    const row = await owned(userId, id);
    if (!row.thumbnail_path) throw errors.noThumbnail();
    const bytes = await deps.storage.read(row.thumbnail_path).catch(() => {
      throw errors.noThumbnail();
    });
    return { bytes, mime: 'image/webp', filename: `${row.original_filename.replace(/\.[^.]*$/, '')}-thumbnail.webp` };
  }

  /**
   * Page `page` (1-based) as a WebP picture: a PDF's page drawn, a multi-image document's n-th
   * image, a single image as page 1. Drawn on first request and kept beside the original
   * (`<path>.page-<n>.webp`, removed with it).
   */
  async function page(userId: string, id: string, pageNumber: number) {
    const row = await owned(userId, id);
    const key = `${row.path}.page-${pageNumber}.webp`;
    const filename = `${row.original_filename.replace(/\.[^.]*$/, '')}-page-${pageNumber}.webp`;
    // Only a page that exists was ever drawn and kept.
    const cached = await deps.storage.read(key).catch(() => undefined);
    if (cached) return { bytes: cached, mime: 'image/webp', filename };
    const pages = await repository.pagesOf(deps.handle.db, id);
    const source = pages.length > 0 ? pages[pageNumber - 1] : pageNumber === 1 || row.mime_type === 'application/pdf' ? { path: row.path, mime_type: row.mime_type } : undefined;
    if (!source) throw errors.noPage({ message: `This document has ${Math.max(pages.length, 1)} page(s); there is no page ${pageNumber}.` });
    const original = await deps.storage.read(source.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw errors.fileMissing();
      throw error;
    });
    let preview: Uint8Array | null;
    try {
      preview = await makePagePreview(original, source.mime_type, source.mime_type === 'application/pdf' ? pageNumber : 1);
    } catch (error) {
      // A page the PDF does not have, or one that cannot be drawn.
      throw errors.noPage({ message: error instanceof Error ? error.message : 'This page cannot be drawn.' });
    }
    if (!preview) throw errors.noPage({ message: 'This kind of file has no page pictures; open the file itself.' });
    const bytes = Buffer.from(preview);
    await deps.storage.put(key, bytes).catch(() => undefined);
    return { bytes, mime: 'image/webp', filename };
  }

  return { upload, list, get, correct, reprocess, remove, original, thumbnail, page };
}

export type DocumentsUsecases = ReturnType<typeof createDocumentsUsecases>;
