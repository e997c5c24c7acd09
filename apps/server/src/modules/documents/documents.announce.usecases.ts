/**
 * Telling the other modules what a document says, after it was read or corrected: one
 * `documents.understood` event, and for a dunning letter first the search for the invoice it is
 * about among the user's documents. When it is found, the link is stored with the letter and
 * announced (`documents.dunning_linked`): the tasks module escalates that invoice's task instead
 * of creating a second one.
 */
import type { DocumentType } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbJson } from '../../db/values.ts';
import type { EventBus } from '../../events/events.outbox.ts';
import { linkDunning } from '../extraction/dunning/link.models.ts';
import { linkCandidate, understoodFields, type StoredMetadata } from './documents.models.ts';
import type { DocumentsRepository } from './documents.repository.ts';
import { documentUnderstoodEvent, dunningLinkedEvent } from './documents.schemas.ts';

/** Invoices a dunning letter is compared with: the newest ones (older bills are rarely dunned twice a year later). */
const LINK_CANDIDATES = 500;

export interface Announcement {
  id: string;
  userId: string;
  type: DocumentType;
  metadata: StoredMetadata;
  reason: 'processed' | 'corrected';
  correctedFields?: string[];
}

/**
 * Finds a dunning letter's invoice and records the link in `metadata` (changed in place: the
 * caller saves it). Returns the link, or undefined when the document is no dunning letter or no
 * single invoice fits.
 */
export async function linkDunningLetter(trx: Executor, repository: DocumentsRepository, announcement: Pick<Announcement, 'id' | 'userId' | 'type' | 'metadata'>) {
  const { metadata } = announcement;
  delete metadata.dunning_link;
  if (announcement.type !== 'reminder') return undefined;
  const rows = await repository.invoicesForLinking(trx, announcement.userId, LINK_CANDIDATES);
  const candidates = rows.filter((row) => row.id !== announcement.id).map((row) => linkCandidate(row.id, fromDbJson<StoredMetadata>(row.metadata)));
  const link = linkDunning(metadata, candidates);
  if (link) metadata.dunning_link = { document_id: link.id, basis: link.basis, confidence: link.confidence };
  return link;
}

/** Publishes what the document says (and its dunning link) in the caller's transaction. */
export async function announceDocument(trx: Executor, bus: EventBus, announcement: Announcement): Promise<void> {
  const { id, userId, type, metadata } = announcement;
  const link = metadata.dunning_link;
  const fields = { ...understoodFields(metadata, metadata.fields), ...(link ? { linked_document_id: link.document_id } : {}) };
  if (link) {
    await bus.publish(trx, dunningLinkedEvent, { document_id: id, invoice_document_id: link.document_id, user_id: userId, basis: link.basis, confidence: link.confidence, fields }, { userId });
  }
  await bus.publish(
    trx,
    documentUnderstoodEvent,
    { document_id: id, user_id: userId, type, reason: announcement.reason, fields, ...(announcement.correctedFields ? { corrected_fields: announcement.correctedFields } : {}) },
    { userId },
  );
}
