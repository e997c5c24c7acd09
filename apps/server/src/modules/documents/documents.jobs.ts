/**
 * Durable document work:
 * - `documents.process` reads a stored file and saves what it says, then announces it
 *   (`documents.understood`) in the same transaction. A document Workmate cannot read ends as
 *   `failed` with the reason at once; an unexpected error is retried a few times, then `failed`.
 *   A document that took its worker down (status still `processing` when the job starts again)
 *   gets one more chance, then is `failed` too: a poison document never loops.
 * - `documents.purge_deleted` (daily) removes soft-deleted documents and their files once the
 *   retention period has passed.
 */
import Type from 'typebox';
import { fromDbJson } from '../../db/values.ts';
import type { EventBus } from '../../events/events.outbox.ts';
import { declareJob, handle, type JobRegistration, type PeriodicJob } from '../../jobs/jobs.types.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import { makeThumbnail } from '../extraction/thumbnail.models.ts';
import { documentTitle, type Language } from '../extraction/title.models.ts';
import { UnreadableDocumentError } from '../extraction/understand.models.ts';
import type { Understander } from '../extraction/understand.thread.ts';
import type { StorageDriver } from '../storage/storage.types.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { metadataAfterUnderstanding, typeAfterUnderstanding, understoodFields, type StoredMetadata } from './documents.models.ts';
import type { DocumentsRepository } from './documents.repository.ts';
import { documentUnderstoodEvent } from './documents.schemas.ts';

const DAY_MS = 86_400_000;
const PROCESS_ATTEMPTS = 3;
const PURGE_BATCH = 500;

export const processDocumentJob = declareJob('documents.process', Type.Object({ document_id: Type.String({ format: 'uuid' }) }), { maxAttempts: PROCESS_ATTEMPTS });
export const purgeDeletedDocumentsJob = declareJob('documents.purge_deleted', Type.Object({ period_start: Type.String({ format: 'date-time' }) }));

export const documentsJobs = [processDocumentJob];
export const documentsPeriodicJobs: readonly PeriodicJob[] = [{ type: purgeDeletedDocumentsJob, everyMs: DAY_MS }];

export interface DocumentsJobSettings {
  maxPdfPages: number;
  documentRetentionDays: number;
}

export function documentsJobHandlers(deps: { repository: DocumentsRepository; storage: StorageDriver; users: UsersRepository; bus: EventBus; understander: Understander; settings: DocumentsJobSettings }): JobRegistration[] {
  const { repository, storage } = deps;

  const processing = handle(processDocumentJob, async ({ document_id: id }, context) => {
    const { db, clock } = context;
    const document = await repository.findForProcessing(db, id);
    if (!document || document.deleted_at) {
      await context.complete(async () => undefined);
      return;
    }
    const fail = async (reason: string) => {
      await context.complete((trx) => repository.markFailed(trx, { id, reason, now: clock.now() }));
      context.logger.info({ document_id: id, reason }, 'document could not be understood');
    };
    const previous = document.processing_status === 'processing' ? 'crashed' : 'fine';
    if (previous === 'crashed' && context.job.attempt >= context.job.maxAttempts) {
      await fail('Reading this document stopped the worker more than once; it is not tried again. Reprocess it to try once more.');
      return;
    }
    await repository.markProcessing(db, id, clock.now());

    let bytes: Buffer;
    try {
      bytes = await storage.read(document.path);
    } catch {
      await fail('The stored file is missing.');
      return;
    }

    let understanding;
    try {
      understanding = await deps.understander.understand(bytes, document.mime_type, { maxPages: deps.settings.maxPdfPages });
    } catch (error) {
      if (error instanceof UnreadableDocumentError) {
        // Even a document that cannot be read yet (a photo before OCR) gets its picture for the list.
        const thumbnailPath = error.reason === 'needs_ocr' ? await storeThumbnail(storage, document.path, bytes, document.mime_type, context.logger) : null;
        if (thumbnailPath) await repository.setThumbnail(db, document.file_id, thumbnailPath);
        return fail(error.message);
      }
      if (context.job.attempt >= context.job.maxAttempts) return fail(`Reading this document failed ${context.job.attempt} times (${error instanceof Error ? error.message : String(error)}).`);
      await repository.markPending(db, id, clock.now());
      throw error;
    }

    const thumbnailPath = await storeThumbnail(storage, document.path, bytes, document.mime_type, context.logger);
    const user = await deps.users.findById(document.user_id, db);
    const metadata = metadataAfterUnderstanding(understanding, fromDbJson<StoredMetadata>(document.metadata));
    const type = typeAfterUnderstanding(document.type, metadata, understanding);
    const title = metadata.title_confirmed && document.title ? document.title : documentTitle(type, metadata, (user?.language ?? 'de') as Language, document.original_filename);

    await context.complete(async (trx) => {
      await repository.saveUnderstanding(trx, { id, fileId: document.file_id, type, title, metadata, confidence: understanding.confidence, text: understanding.text, thumbnailPath, now: clock.now() });
      await deps.bus.publish(trx, documentUnderstoodEvent, { document_id: id, user_id: document.user_id, type, reason: 'processed', fields: understoodFields(metadata) }, { userId: document.user_id });
    });
  });

  const purging = handle(purgeDeletedDocumentsJob, async (payload, context) => {
    const before = new Date(new Date(payload.period_start).getTime() - deps.settings.documentRetentionDays * DAY_MS);
    let purged = 0;
    for (const row of await repository.expiredDeleted(before, PURGE_BATCH)) {
      // Rows first (their transaction commits), then the bytes: a crash between leaves an orphan file, never a row without its file.
      const fileGone = await repository.purge(context.db, row.id, row.file_id);
      if (fileGone) {
        await storage.delete(row.path);
        if (row.thumbnail_path) await storage.delete(row.thumbnail_path);
      }
      purged += 1;
    }
    await context.complete(async () => undefined);
    context.logger.info({ purged }, 'purged deleted documents past their retention');
  });

  return [processing, purging];
}

async function storeThumbnail(storage: StorageDriver, path: string, bytes: Uint8Array, mime: string, logger: Logger): Promise<string | null> {
  try {
    const thumbnail = await makeThumbnail(bytes, mime);
    if (!thumbnail) return null;
    const key = `${path}.thumbnail.webp`;
    await storage.put(key, Buffer.from(thumbnail));
    return key;
  } catch (error) {
    // A document is understood even when its picture cannot be drawn.
    logger.warn({ err: error }, 'thumbnail failed');
    return null;
  }
}
