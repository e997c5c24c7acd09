/**
 * Pure rules of the document lifecycle: what a document's metadata holds after understanding, a
 * correction or a reprocessing, and what the "document understood" event tells other modules.
 */
import type { Static } from 'typebox';
import type { DocumentType } from '../../db/schema.ts';
import { FIELD_KEYS, type DocumentFacts, type FieldKey, type FieldMap, type FieldProvenance } from '../extraction/extraction.types.ts';
import { deleteFact, getFact, setFact } from '../extraction/merge.models.ts';
import { termDays } from '../extraction/text/terms.models.ts';
import type { Understanding } from '../extraction/understand.models.ts';
import { nextCancellation } from '../extraction/contracts/facts.models.ts';
import type { DunningLink, LinkCandidate } from '../extraction/dunning/link.models.ts';
import type { UnderstoodFields } from './documents.schemas.ts';

/** Documents understood with less confidence than this are shown for review. */
export const REVIEW_BELOW_CONFIDENCE = 0.8;

export interface StoredMetadata extends DocumentFacts {
  fields: FieldMap;
  checks?: Understanding['checks'];
  type_reason?: string;
  type_confidence?: number;
  sources?: string[];
  page_count?: number;
  pages_needing_ocr?: number[];
  /** Pages read by OCR, with their mean word confidence and what was done to the image. */
  ocr_pages?: Understanding['ocrPages'];
  /** Things the user should know, e.g. a page skipped after its OCR time limit. */
  warnings?: string[];
  einvoice?: Understanding['einvoice'];
  needs_review?: boolean;
  /** The type the user set by hand: reprocessing keeps it. */
  type_confirmed?: boolean;
  /** The type the uploader suggested; it wins over a classification that is not sure. */
  type_hint?: DocumentType;
  /** The title the user gave (at upload or later): reprocessing keeps it. */
  title_confirmed?: boolean;
  /** What the optional LLM step added (field keys, `type`), or why it added nothing. */
  llm?: { fields: string[]; note?: string };
  /** A dunning letter's invoice, when it was found among the user's documents. */
  dunning_link?: { document_id: string; basis: DunningLink['basis']; confidence: number };
}

export function isKept(provenance: FieldProvenance | undefined): boolean {
  return provenance !== undefined && (provenance.source === 'user' || provenance.confirmed === true);
}

/** The metadata of a freshly understood document; fields the user corrected or confirmed before win. */
export function metadataAfterUnderstanding(understanding: Understanding, previous: StoredMetadata | null): StoredMetadata {
  const facts: DocumentFacts = structuredClone(understanding.facts);
  const fields: FieldMap = { ...understanding.fields };
  for (const key of FIELD_KEYS) {
    const kept = previous?.fields?.[key];
    if (!previous || !isKept(kept)) continue;
    const value = getFact(previous, key);
    if (value === undefined) deleteFact(facts, key);
    else setFact(facts, key, structuredClone(value));
    fields[key] = kept!;
  }
  return {
    ...facts,
    fields,
    checks: understanding.checks,
    type_reason: understanding.typeReason,
    type_confidence: understanding.typeConfidence,
    sources: understanding.sources,
    page_count: understanding.pageCount,
    pages_needing_ocr: understanding.pagesNeedingOcr,
    ...(understanding.ocrPages.length > 0 ? { ocr_pages: understanding.ocrPages } : {}),
    ...(understanding.warnings.length > 0 ? { warnings: understanding.warnings } : {}),
    ...(understanding.einvoice ? { einvoice: understanding.einvoice } : {}),
    needs_review: understanding.needsReview || understanding.confidence < REVIEW_BELOW_CONFIDENCE || understanding.warnings.length > 0,
    ...(previous?.type_confirmed ? { type_confirmed: true } : {}),
    ...(previous?.title_confirmed ? { title_confirmed: true } : {}),
    ...(previous?.type_hint ? { type_hint: previous.type_hint } : {}),
  };
}

export type Correction = { [K in keyof DocumentFacts]?: DocumentFacts[K] | null };

/**
 * Applies the user's corrections (each becomes source `user`, confidence 1) and confirmations.
 * Returns the changed keys; a corrected nested object replaces only the parts that were sent.
 */
export function applyCorrection(metadata: StoredMetadata, correction: Correction, confirm: 'all' | readonly string[] | undefined): { metadata: StoredMetadata; changed: FieldKey[]; unknownConfirm: string[] } {
  const next: StoredMetadata = structuredClone(metadata);
  next.fields ??= {};
  const changed: FieldKey[] = [];
  for (const [key, value] of Object.entries(correction) as [keyof DocumentFacts, unknown][]) {
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value);
    const keys: [FieldKey, unknown][] = nested ? Object.entries(value).map(([part, inner]) => [`${key}.${part}` as FieldKey, inner]) : [[key as FieldKey, value]];
    if (value === null && ['sender', 'recipient', 'payment_info'].includes(key)) {
      for (const fieldKey of FIELD_KEYS.filter((candidate) => candidate.startsWith(`${key}.`))) keys.push([fieldKey, null]);
    }
    for (const [fieldKey, inner] of keys) {
      if (inner === null || inner === undefined) deleteFact(next, fieldKey);
      else setFact(next, fieldKey, inner);
      next.fields[fieldKey] = { source: 'user', confidence: 1 };
      changed.push(fieldKey);
    }
  }
  const unknownConfirm: string[] = [];
  const toConfirm = confirm === 'all' ? FIELD_KEYS.filter((key) => next.fields[key]) : (confirm ?? []);
  for (const key of toConfirm) {
    const provenance = (FIELD_KEYS as readonly string[]).includes(key) ? next.fields[key as FieldKey] : undefined;
    if (!provenance) {
      unknownConfirm.push(key);
      continue;
    }
    next.fields[key as FieldKey] = { ...provenance, confidence: 1, confirmed: true };
  }
  next.needs_review = Object.values(next.fields).some((provenance) => provenance.confidence < REVIEW_BELOW_CONFIDENCE) || (next.checks ?? []).some((check) => !check.ok && check.fields.some((key) => !isKept(next.fields[key])));
  return { metadata: next, changed, unknownConfirm };
}

/** The document's confidence after a correction: the lowest confidence among its key fields. */
export function confidenceAfterCorrection(metadata: StoredMetadata, previous: number | null): number | null {
  const key: FieldKey[] = ['amount', 'amount_due', 'issue_date', 'due_date', 'invoice_number', 'sender.name', 'payment_info.iban'];
  const values = key.flatMap((name) => (metadata.fields[name] ? [metadata.fields[name].confidence] : []));
  if (values.length === 0) return previous;
  return metadata.needs_review ? Math.min(Math.min(...values), REVIEW_BELOW_CONFIDENCE - 0.01) : Math.min(...values);
}

/** Below this classification confidence, the uploader's type hint wins. */
const HINT_WINS_BELOW = 0.9;

/** The type a processed document gets: the user's choice, else a sure classification, else the uploader's hint. */
export function typeAfterUnderstanding(current: DocumentType, metadata: StoredMetadata, understanding: Pick<Understanding, 'type' | 'typeConfidence'>): DocumentType {
  if (metadata.type_confirmed) return current;
  if (metadata.type_hint && understanding.typeConfidence < HINT_WINS_BELOW) return metadata.type_hint;
  return understanding.type;
}

/** What the tasks module needs from a document's facts (the `documents.understood` contract). */
export function understoodFields(facts: DocumentFacts, fields: FieldMap = {}): Static<typeof UnderstoodFields> {
  // "Paid" leaves nothing to pay, unless the document itself names what is still due; when the user
  // says it was paid, that wins over an amount due read from the page (but not over one they typed).
  const paidByUser = fields.payment_means?.source === 'user' && fields.amount_due?.source !== 'user';
  const nothingToPay = facts.payment_means === 'paid' && (facts.amount_due === undefined || paidByUser);
  // Terms with no date to count from ("zahlbar innerhalb von 14 Tagen", no issue date read): the task counts them itself.
  const termsDays = facts.due_date || !facts.due_rule ? undefined : termDays(facts.due_rule);
  return {
    ...(facts.sender?.name ? { sender_name: facts.sender.name } : {}),
    ...(facts.currency ? { currency: facts.currency } : {}),
    ...(facts.amount ? { total: facts.amount } : {}),
    ...(nothingToPay ? { amount_due: '0' } : facts.amount_due ? { amount_due: facts.amount_due } : {}),
    ...(facts.issue_date ? { issue_date: facts.issue_date } : {}),
    ...(facts.due_date ? { due_date: facts.due_date } : {}),
    ...(termsDays !== undefined ? { payment_terms_days: termsDays } : {}),
    ...(facts.return_deadline ? { return_deadline: facts.return_deadline } : {}),
    ...(facts.payment_means === 'direct_debit' ? { direct_debit: true } : {}),
    ...(facts.payment_info?.iban ? { iban: facts.payment_info.iban } : {}),
    ...(facts.payment_info?.bic ? { bic: facts.payment_info.bic } : {}),
    ...(facts.payment_info?.reference ? { reference: facts.payment_info.reference } : {}),
    ...(facts.invoice_number ? { invoice_number: facts.invoice_number } : {}),
    ...(facts.dunning?.linked_invoice_number ? { linked_invoice_number: facts.dunning.linked_invoice_number } : {}),
    ...(facts.dunning?.dunning_level !== undefined ? { dunning_level: facts.dunning.dunning_level } : {}),
    ...(facts.dunning?.fee ? { fee: facts.dunning.fee } : {}),
    ...(facts.contract?.last_cancellation_date ? { last_cancellation_date: facts.contract.last_cancellation_date } : {}),
    ...(facts.appointment?.datetime ? { appointment_local: facts.appointment.datetime } : {}),
    ...(facts.appointment?.place ? { appointment_place: facts.appointment.place } : {}),
    ...(facts.appointment?.with_whom ? { appointment_with: facts.appointment.with_whom } : {}),
  };
}

/**
 * A contract's metadata with the next cancellation date once `today` is past the stored one;
 * undefined when nothing changes, or when the user set the date by hand (their date stands).
 */
export function recomputedContract(metadata: StoredMetadata, today: string): StoredMetadata | undefined {
  const contract = metadata.contract;
  if (!contract?.last_cancellation_date || contract.last_cancellation_date >= today) return undefined;
  if (isKept(metadata.fields['contract.last_cancellation_date'])) return undefined;
  const next = nextCancellation(contract, today);
  if (!next) return undefined;
  const provenance = metadata.fields['contract.last_cancellation_date'] ?? { source: 'derived' as const, confidence: 0.6 };
  return {
    ...metadata,
    contract: { ...contract, ...next },
    fields: { ...metadata.fields, 'contract.last_cancellation_date': provenance, 'contract.ends_on': metadata.fields['contract.ends_on'] ?? provenance },
  };
}

/** What the dunning linker knows of an invoice the user has. */
export function linkCandidate(id: string, metadata: StoredMetadata): LinkCandidate {
  const value = (text: string | undefined) => (text ? text : undefined);
  const entries = {
    id,
    invoice_number: value(metadata.invoice_number),
    reference: value(metadata.payment_info?.reference),
    customer_number: value(metadata.customer_number),
    iban: value(metadata.payment_info?.iban),
    amount: value(metadata.amount),
    amount_due: value(metadata.amount_due),
    issue_date: value(metadata.issue_date),
    sender_name: value(metadata.sender?.name),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, inner]) => inner !== undefined)) as unknown as LinkCandidate;
}

