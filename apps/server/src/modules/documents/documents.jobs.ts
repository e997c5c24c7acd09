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
import { documentTitle, type Language } from '../extraction/title.models.ts';
import { UnreadableDocumentError } from '../extraction/understand.models.ts';
import type { ReadingOptions, Understander } from '../extraction/understand.thread.ts';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { StorageDriver } from '../storage/storage.types.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { metadataAfterUnderstanding, typeAfterUnderstanding, understoodFields, type StoredMetadata } from './documents.models.ts';
import type { DocumentsRepository } from './documents.repository.ts';
import { documentFailedEvent, documentUnderstoodEvent } from './documents.schemas.ts';

const DAY_MS = 86_400_000;
const PROCESS_ATTEMPTS = 3;
const PURGE_BATCH = 500;

export const processDocumentJob = declareJob('documents.process', Type.Object({ document_id: Type.String({ format: 'uuid' }) }), { maxAttempts: PROCESS_ATTEMPTS });
export const purgeDeletedDocumentsJob = declareJob('documents.purge_deleted', Type.Object({ period_start: Type.String({ format: 'date-time' }) }));

export const documentsJobs = [processDocumentJob];
export const documentsPeriodicJobs: readonly PeriodicJob[] = [{ type: purgeDeletedDocumentsJob, everyMs: DAY_MS }];

export type DocumentsJobSettings = Pick<Config, 'maxPdfPages' | 'documentRetentionDays' | 'ocrDriver' | 'ocrLanguages' | 'ocrPageTimeoutSeconds' | 'ocrParallelPages' | 'maxImagePixels' | 'dataDir'>;

/** What the reading thread is told about limits and OCR. */
export function readingOptions(settings: DocumentsJobSettings): ReadingOptions {
  return {
    maxPages: settings.maxPdfPages,
    ocr: {
      driver: settings.ocrDriver,
      languages: settings.ocrLanguages.split('+'),
      pageTimeoutMs: settings.ocrPageTimeoutSeconds * 1000,
      parallelPages: settings.ocrParallelPages,
      maxPixels: settings.maxImagePixels,
      dataDir: settings.dataDir,
    },
  };
}

export function documentsJobHandlers(deps: { handle: { db: Kysely<Database>; dialect: DialectName }; repository: DocumentsRepository; storage: StorageDriver; users: UsersRepository; bus: EventBus; understander: Understander; settings: DocumentsJobSettings }): JobRegistration[] {
  const { repository, storage } = deps;

  const processing = handle(processDocumentJob, async ({ document_id: id }, context) => {
    const { db, clock } = context;
    const document = await repository.findForProcessing(db, id);
    if (!document || document.deleted_at) {
      await context.complete(async () => undefined);
      return;
    }
    const fail = async (reason: string) => {
      await context.complete(async (trx) => {
        await repository.markFailed(trx, { id, reason, now: clock.now() });
        const name = (document.title ?? document.original_filename ?? '').slice(0, 300);
        await deps.bus.publish(trx, documentFailedEvent, { document_id: id, user_id: document.user_id, name, reason: reason.slice(0, 2000) }, { userId: document.user_id });
      });
      context.logger.info({ document_id: id, reason }, 'document could not be understood');
    };
    const previous = document.processing_status === 'processing' ? 'crashed' : 'fine';
    if (previous === 'crashed' && context.job.attempt >= context.job.maxAttempts) {
      await fail('Reading this document stopped the worker more than once; it is not tried again. Reprocess it to try once more.');
      return;
    }
    await repository.markProcessing(db, id, clock.now());

    const pages = await repository.pagesOf(db, id);
    const stored = pages.length > 0 ? pages.map((page) => ({ path: page.path, mime: page.mime_type })) : [{ path: document.path, mime: document.mime_type }];
    let files: { bytes: Buffer; mime: string }[];
    try {
      files = await Promise.all(stored.map(async (file) => ({ bytes: await storage.read(file.path), mime: file.mime })));
    } catch {
      await fail('The stored file is missing.');
      return;
    }

    let reading;
    try {
      reading = await deps.understander.understand(files, readingOptions(deps.settings));
    } catch (error) {
      if (error instanceof UnreadableDocumentError) {
        // Even a document whose text cannot be read (a blank photo) gets its picture for the list.
        const thumbnailPath = await storeThumbnail(storage, document.path, error.thumbnail, context.logger);
        if (thumbnailPath) await repository.setThumbnail(db, document.file_id, thumbnailPath);
        return fail(error.message);
      }
      if (context.job.attempt >= context.job.maxAttempts) return fail(`Reading this document failed ${context.job.attempt} times (${error instanceof Error ? error.message : String(error)}).`);
      await repository.markPending(db, id, clock.now());
      throw error;
    }

    const thumbnailPath = await storeThumbnail(storage, document.path, reading.thumbnail, context.logger);
    const understanding = reading.understanding;
    const user = await deps.users.findById(document.user_id, db);
    const metadata = metadataAfterUnderstanding(understanding, fromDbJson<StoredMetadata>(document.metadata));
    const type = typeAfterUnderstanding(document.type, metadata, understanding);
    const title = metadata.title_confirmed && document.title ? document.title : documentTitle(type, metadata, (user?.language ?? 'de') as Language, document.original_filename);

    await context.complete(async (trx) => {
      await repository.saveUnderstanding(trx, { id, fileId: document.file_id, type, title, metadata, confidence: understanding.confidence, text: understanding.text, ocrLanguage: understanding.ocrPages.length > 0 ? deps.settings.ocrLanguages : null, thumbnailPath, now: clock.now() });
      await deps.bus.publish(trx, documentUnderstoodEvent, { document_id: id, user_id: document.user_id, type, reason: 'processed', fields: understoodFields(metadata) }, { userId: document.user_id });
    });
  });

  const purging = handle(purgeDeletedDocumentsJob, async (payload, context) => {
    const before = new Date(new Date(payload.period_start).getTime() - deps.settings.documentRetentionDays * DAY_MS);
    let purged = 0;
    for (const row of await repository.expiredDeleted(before, PURGE_BATCH)) {
      // Rows first (their transaction commits), then the bytes: a crash between leaves an orphan file, never a row without its file.
      const keys = await inTransaction(deps.handle, (trx) => repository.purge(trx, row.id, row.file_id));
      for (const key of keys) await storage.delete(key);
      purged += 1;
    }
    await context.complete(async () => undefined);
    context.logger.info({ purged }, 'purged deleted documents past their retention');
  });

  return [processing, purging];
}

async function storeThumbnail(storage: StorageDriver, path: string, thumbnail: Uint8Array | null, logger: Logger): Promise<string | null> {
  if (!thumbnail) return null;
  try {
    const key = `${path}.thumbnail.webp`;
    await storage.put(key, Buffer.from(thumbnail));
    return key;
  } catch (error) {
    // A document is understood even when its picture cannot be stored.
    logger.warn({ err: error }, 'storing the thumbnail failed');
    return null;
  }
}
