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
import { localDateOf } from '../../shared/dates/deadlines.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import { documentTitle, type Language } from '../extraction/title.models.ts';
import { UnreadableDocumentError, type Understanding } from '../extraction/understand.models.ts';
import type { LearningUsecases } from '../learning/learning.usecases.ts';
import { mergeLlm } from '../extraction/llm-merge.models.ts';
import type { LlmRefiner } from '../extraction/llm/llm.usecases.ts';
import type { ReadingOptions, Understander } from '../extraction/understand.thread.ts';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { StorageDriver } from '../storage/storage.types.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { announceDocument, linkDunningLetter } from './documents.announce.usecases.ts';
import { metadataAfterUnderstanding, recomputedContract, typeAfterUnderstanding, type StoredMetadata } from './documents.models.ts';
import type { DocumentsRepository } from './documents.repository.ts';
import { documentFailedEvent } from './documents.schemas.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const RECOMPUTE_BATCH = 500;
const PROCESS_ATTEMPTS = 3;
const PURGE_BATCH = 500;

export const processDocumentJob = declareJob('documents.process', Type.Object({ document_id: Type.String({ format: 'uuid' }) }), { maxAttempts: PROCESS_ATTEMPTS });
export const purgeDeletedDocumentsJob = declareJob('documents.purge_deleted', Type.Object({ period_start: Type.String({ format: 'date-time' }) }));

/** Contracts whose last cancellation date has passed get the next one (an uncancelled contract renews). */
export const recomputeContractsJob = declareJob('documents.recompute_contracts', Type.Object({ period_start: Type.String({ format: 'date-time' }) }));

export const documentsJobs = [processDocumentJob];
// Hourly: a cancellation date passes at midnight in its owner's zone, whichever zone that is.
export const documentsPeriodicJobs: readonly PeriodicJob[] = [{ type: purgeDeletedDocumentsJob, everyMs: DAY_MS }, { type: recomputeContractsJob, everyMs: HOUR_MS }];

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

export interface DocumentsJobDeps {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: DocumentsRepository;
  storage: StorageDriver;
  users: UsersRepository;
  bus: EventBus;
  understander: Understander;
  /** What corrections taught about senders (the learning module). */
  learning: Pick<LearningUsecases, 'recall'>;
  /** The optional LLM step; null when it is off. */
  llm: LlmRefiner | null;
  settings: DocumentsJobSettings;
}

export function documentsJobHandlers(deps: DocumentsJobDeps): JobRegistration[] {
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

    const user = await deps.users.findById(document.user_id, db);
    const today = localDateOf(clock.now(), user?.timezone ?? 'UTC');
    let reading;
    try {
      reading = await deps.understander.understand(files, { ...readingOptions(deps.settings), today });
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
    const recalled = await recallSender(deps.learning, db, document.user_id, reading.understanding);
    const { understanding, llm } = deps.llm ? await refineWithLlm(deps.llm, recalled, today) : { understanding: recalled, llm: undefined };
    const metadata = metadataAfterUnderstanding(understanding, fromDbJson<StoredMetadata>(document.metadata));
    if (llm) metadata.llm = llm;
    const type = typeAfterUnderstanding(document.type, metadata, understanding);
    const title = metadata.title_confirmed && document.title ? document.title : documentTitle(type, metadata, (user?.language ?? 'de') as Language, document.original_filename);

    await context.complete(async (trx) => {
      await linkDunningLetter(trx, repository, { id, userId: document.user_id, type, metadata });
      await repository.saveUnderstanding(trx, { id, fileId: document.file_id, type, title, metadata, confidence: understanding.confidence, text: understanding.text, ocrLanguage: understanding.ocrPages.length > 0 ? deps.settings.ocrLanguages : null, thumbnailPath, now: clock.now() });
      await announceDocument(trx, deps.bus, { id, userId: document.user_id, type, metadata, reason: 'processed' });
    });
  });

  const purging = handle(purgeDeletedDocumentsJob, async (payload, context) => {
    const before = new Date(new Date(payload.period_start).getTime() - deps.settings.documentRetentionDays * DAY_MS);
    let purged = 0;
    for (const row of await repository.expiredDeleted(before, PURGE_BATCH)) {
      // Rows first (their transaction commits), then the bytes: a crash between leaves an orphan file, never a row without its file.
      const keys = await inTransaction(deps.handle, (trx) => repository.purge(trx, row.id, row.file_id));
      for (const key of keys) {
        await storage.delete(key);
        // The page pictures drawn for the document screen (`<path>.page-<n>.webp`).
        for (const preview of await storage.list(`${key}.page-`)) await storage.delete(preview);
      }
      purged += 1;
    }
    await context.complete(async () => undefined);
    context.logger.info({ purged }, 'purged deleted documents past their retention');
  });

  const recomputing = handle(recomputeContractsJob, async (payload, context) => {
    const now = new Date(payload.period_start);
    // Candidates by the latest calendar date anywhere (UTC+14); each is then checked in its owner's zone.
    const latest = localDateOf(now, 'Pacific/Kiritimati');
    let moved = 0;
    await context.complete(async (trx) => {
      // Page through by id: contracts whose date cannot move (set by hand, terms unknown) stay
      // candidates, and must not hide the ones behind them.
      const zones = new Map<string, string>();
      let afterId: string | undefined;
      for (;;) {
        const rows = await repository.contractsPastCancellation(trx, latest, afterId, RECOMPUTE_BATCH);
        for (const row of rows) {
          if (!zones.has(row.user_id)) zones.set(row.user_id, (await deps.users.findById(row.user_id, trx))?.timezone ?? 'UTC');
          const next = recomputedContract(fromDbJson<StoredMetadata>(row.metadata), localDateOf(now, zones.get(row.user_id)!));
          if (!next) continue;
          await repository.saveMetadata(trx, row.id, next, now);
          await announceDocument(trx, deps.bus, { id: row.id, userId: row.user_id, type: row.type, metadata: next, reason: 'processed' });
          moved += 1;
        }
        if (rows.length < RECOMPUTE_BATCH) break;
        afterId = rows.at(-1)!.id;
      }
    });
    context.logger.info({ moved }, 'moved passed contract cancellation dates to the next term');
  });

  return [processing, purging, recomputing];
}

/** The understanding with what the user's corrections taught about its sender (source `learned`). */
async function recallSender(learning: DocumentsJobDeps['learning'], db: Kysely<Database>, userId: string, understanding: Understanding): Promise<Understanding> {
  const recalled = await learning.recall(db, userId, understanding, understanding.text);
  return recalled === understanding ? understanding : { ...understanding, ...recalled };
}

/** Asks the LLM for what is still missing or unsure; its answer (or why there is none) is kept in `metadata.llm`. */
async function refineWithLlm(llm: LlmRefiner, understanding: Understanding, today: string): Promise<{ understanding: Understanding; llm?: NonNullable<StoredMetadata['llm']> }> {
  const answer = await llm.refine({ text: understanding.text ?? '', type: understanding.type, typeConfidence: understanding.typeConfidence, facts: understanding.facts, fields: understanding.fields });
  const note = answer.warning ? { note: answer.warning } : {};
  if (!answer.source) return { understanding, ...(answer.warning ? { llm: { fields: [], ...note } } : {}) };
  const { taken, ...merged } = mergeLlm(understanding, answer.source, today);
  return { understanding: merged, llm: { fields: taken, ...note } };
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
