/**
 * What a document's `metadata` holds (see apps/server/src/modules/documents/documents.schemas.ts):
 * the facts, and per field key (dotted for nested ones) where the value came from and how sure it
 * is. Pure helpers shared by the review screen, DocumentFacts and the capture screen.
 */
import type { paths } from '../../shared/api/schema.gen.ts';

export type DocumentDetail = paths['/api/v1/documents/{id}']['get']['responses'][200]['content']['application/json'];
export type DocumentType = DocumentDetail['type'];
export type CorrectionBody = paths['/api/v1/documents/{id}']['patch']['requestBody']['content']['application/json'];
export type Correction = NonNullable<CorrectionBody['metadata']>;

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'invoice', 'reminder', 'credit_note', 'receipt', 'contract', 'appointment', 'tax_document', 'insurance',
  'prescription', 'payslip', 'bank_statement', 'identity_document', 'other',
];

export type FieldSource = 'einvoice' | 'text' | 'qr' | 'ocr' | 'llm' | 'learned' | 'user' | 'derived';

export interface Provenance {
  source: FieldSource;
  confidence: number;
  confirmed?: boolean;
}

export interface Check {
  name: string;
  ok: boolean;
  fields: string[];
  detail?: string;
}

export interface Metadata {
  amount?: string;
  amount_due?: string;
  net_amount?: string;
  tax_amount?: string;
  currency?: string;
  issue_date?: string;
  due_date?: string;
  due_rule?: string;
  return_deadline?: string;
  payment_means?: 'transfer' | 'direct_debit' | 'paid' | 'unknown';
  invoice_number?: string;
  customer_number?: string;
  sender?: { name?: string; address?: string; tax_id?: string; vat_id?: string };
  recipient?: { name?: string; address?: string };
  payment_info?: { iban?: string; bic?: string; reference?: string };
  dunning?: { dunning_level?: number; linked_invoice_number?: string; original_invoice_date?: string; fee?: string; principal?: string };
  contract?: { start_date?: string; minimum_term_months?: number; renewal_months?: number; notice_period?: string; notice_period_normalised?: string; last_cancellation_date?: string; ends_on?: string };
  appointment?: { datetime?: string; place?: string; with_whom?: string; what_to_bring?: string[] };
  line_items?: unknown[];
  fields: Record<string, Provenance | undefined>;
  checks?: Check[];
  type_confidence?: number;
  type_confirmed?: boolean;
  warnings?: string[];
}

/** The metadata of a document, safe to read even when the server sent little. */
export function metadataOf(document: { metadata: unknown }): Metadata {
  const raw = document.metadata;
  const metadata = (raw && typeof raw === 'object' ? raw : {}) as Partial<Metadata>;
  return { ...metadata, fields: metadata.fields ?? {} } as Metadata;
}

/** A fact by its field key ('amount', 'payment_info.iban'). */
export function factOf(metadata: Metadata, key: string): unknown {
  let value: unknown = metadata;
  for (const part of key.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Below this confidence a field is marked "bitte prüfen" (the server's promise starts at 0.9). */
export const SURE_FROM = 0.9;

/** The user corrected or confirmed it: nothing left to check. */
export function isKept(provenance: Provenance | undefined): boolean {
  return provenance !== undefined && (provenance.source === 'user' || provenance.confirmed === true);
}

/** Why a field deserves a second look: low confidence or a failed check (names of the failed checks). */
export function doubtOf(metadata: Metadata, key: string): { doubtful: boolean; failedChecks: string[] } {
  const provenance = metadata.fields[key];
  if (isKept(provenance)) return { doubtful: false, failedChecks: [] };
  const failedChecks = (metadata.checks ?? []).filter((check) => !check.ok && check.fields.includes(key)).map((check) => check.name);
  const unsure = provenance !== undefined && provenance.confidence < SURE_FROM;
  return { doubtful: unsure || failedChecks.length > 0, failedChecks };
}

/** Invoices and dunning letters: things that are paid. */
export function isBill(type: DocumentType): boolean {
  return type === 'invoice' || type === 'reminder';
}

/**
 * A bill that may well be paid already: its due date has passed, or it was issued more than about
 * four weeks ago. `today` is the user's local date (YYYY-MM-DD).
 */
export function mayBePaid(type: DocumentType, metadata: Metadata, today: string): boolean {
  if (!isBill(type) || metadata.payment_means === 'paid') return false;
  if (!metadata.amount && !metadata.amount_due) return false;
  if (metadata.due_date && metadata.due_date < today) return true;
  if (metadata.issue_date) {
    const fourWeeksAgo = new Date(`${today}T00:00:00Z`);
    fourWeeksAgo.setUTCDate(fourWeeksAgo.getUTCDate() - 28);
    return metadata.issue_date < fourWeeksAgo.toISOString().slice(0, 10);
  }
  return false;
}

/** The amount that matters to the reader: what is left to pay, else the total. */
export function payableOf(metadata: Metadata): string | undefined {
  return metadata.amount_due ?? metadata.amount;
}
