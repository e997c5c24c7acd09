/**
 * What document understanding produces, whatever the source (e-invoice XML, PDF text layer, and
 * later OCR, payment QR codes, an LLM). These are the keys of `documents.metadata`; every field
 * that is set also has an entry in `fields` saying where it came from and how sure we are.
 *
 * Money is a decimal string in the document currency ("1234.56"), never a float. Dates are ISO
 * calendar days ("2026-01-25"): a document's dates carry no time zone of their own.
 */
import type { DocumentType } from '../../db/schema.ts';

export type FieldSource = 'einvoice' | 'text' | 'qr' | 'ocr' | 'llm' | 'learned' | 'user' | 'derived';

export interface FieldProvenance {
  source: FieldSource;
  /** 0..1; >= 0.9 is a promise: such a field is wrong in at most 2 % of cases. */
  confidence: number;
  /** The user looked at the value and confirmed it; reprocessing keeps it (like a correction, source `user`). */
  confirmed?: boolean;
}

export type PaymentMeans = 'transfer' | 'direct_debit' | 'paid' | 'unknown';

export interface Party {
  /** The name the user knows the party by: its legal name, or the brand it trades under. */
  name?: string;
  /** The legal entity behind a brand, when `name` is the brand (read from the page only). */
  legal_name?: string;
  address?: string;
  tax_id?: string;
  vat_id?: string;
}

export interface LineItem {
  description: string;
  quantity?: string;
  unit?: string;
  unit_price?: string;
  /** Net line amount. */
  amount?: string;
}

/**
 * A dunning letter's own facts (class `reminder`). Its new deadline is the document's `due_date`
 * (with `due_rule` when it was relative, "innerhalb von 7 Tagen"); `amount` is the total claimed.
 */
export interface DunningFacts {
  /** 0 payment reminder (Zahlungserinnerung), 1..3 numbered Mahnung ("letzte Mahnung" = 3), 4 debt collection (Inkasso). */
  dunning_level?: number;
  /** The invoice the letter is about, as printed. */
  linked_invoice_number?: string;
  /** That invoice's date, 'YYYY-MM-DD'. */
  original_invoice_date?: string;
  /** Dunning and collection charges added to the claim (Mahngebühr, Inkassokosten, ...; not interest), decimal string. */
  fee?: string;
  /** What the dunned invoice(s) came to, before fees and interest (Hauptforderung, offener Rechnungsbetrag), decimal string. */
  principal?: string;
}

/** A contract's terms and the cancellation date computed from them (class `contract`). */
export interface ContractFacts {
  start_date?: string;
  minimum_term_months?: number;
  /** Months a tacit renewal adds; 0 = open-ended after the first term. */
  renewal_months?: number;
  /** The notice period as printed ("3 Monate zum Ende der Laufzeit"). */
  notice_period?: string;
  /** The same, normalised: "3 months to end_of_term". */
  notice_period_normalised?: string;
  /** The last day a cancellation must arrive, relative to the day the document was read. */
  last_cancellation_date?: string;
  /** The day the contract then ends. */
  ends_on?: string;
}

/** An appointment letter's facts (class `appointment`). */
export interface AppointmentFacts {
  /** Local wall-clock time 'YYYY-MM-DDTHH:mm' (the user's zone applies). */
  datetime?: string;
  place?: string;
  with_whom?: string;
  what_to_bring?: string[];
}

export interface DocumentFacts {
  /** Gross total. */
  amount?: string;
  /** What is left to pay after prepayments and credits. */
  amount_due?: string;
  net_amount?: string;
  tax_amount?: string;
  currency?: string;
  issue_date?: string;
  due_date?: string;
  /** The words a relative due date was computed from ("zahlbar innerhalb von 14 Tagen"). */
  due_rule?: string;
  /** The last day bought goods can be returned or exchanged (receipts and shop invoices). */
  return_deadline?: string;
  payment_means?: PaymentMeans;
  invoice_number?: string;
  customer_number?: string;
  sender?: Party;
  recipient?: Pick<Party, 'name' | 'address'>;
  payment_info?: { iban?: string; bic?: string; reference?: string };
  line_items?: LineItem[];
  dunning?: DunningFacts;
  contract?: ContractFacts;
  appointment?: AppointmentFacts;
}

/** Keys of `metadata.fields`: top-level fact names, nested ones dotted. */
export const FIELD_KEYS = [
  'amount', 'amount_due', 'net_amount', 'tax_amount', 'currency', 'issue_date', 'due_date', 'due_rule',
  'return_deadline', 'payment_means', 'invoice_number', 'customer_number',
  'sender.name', 'sender.legal_name', 'sender.address', 'sender.tax_id', 'sender.vat_id', 'recipient.name', 'recipient.address',
  'payment_info.iban', 'payment_info.bic', 'payment_info.reference', 'line_items',
  'dunning.dunning_level', 'dunning.linked_invoice_number', 'dunning.original_invoice_date', 'dunning.fee', 'dunning.principal',
  'contract.start_date', 'contract.minimum_term_months', 'contract.renewal_months', 'contract.notice_period',
  'contract.notice_period_normalised', 'contract.last_cancellation_date', 'contract.ends_on',
  'appointment.datetime', 'appointment.place', 'appointment.with_whom', 'appointment.what_to_bring',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

export type FieldMap = Partial<Record<FieldKey, FieldProvenance>>;

/** One source's reading of a document. */
export interface SourceExtraction {
  type?: DocumentType;
  /** 0..1 for `type`. */
  typeConfidence?: number;
  /** Why the document got its class, in a few words ("e-invoice type code 381", "words: Gutschrift"). */
  typeReason?: string;
  facts: DocumentFacts;
  fields: FieldMap;
}

/** A document's class and facts as a whole, the shape later steps (learning, the LLM) refine. */
export interface ClassifiedReading {
  type: DocumentType;
  typeConfidence: number;
  typeReason: string;
  facts: DocumentFacts;
  fields: FieldMap;
}

/** A validation rule's verdict on the facts. */
export interface ValidationCheck {
  /** Stable name: `iban_checksum`, `bic_format`, `net_plus_tax`, `line_sum`, `due_after_issue`, ... */
  name: string;
  ok: boolean;
  /** The fields the check is about; a failed check lowers their confidence. */
  fields: FieldKey[];
  detail?: string;
}
