/**
 * The shapes both template families produce and the shared renderer and truth writer consume
 * (see FORMAT.md). A family lays its pages out itself; the renderer only draws what it is given.
 */

export type CorpusType = 'invoice' | 'reminder' | 'contract' | 'appointment' | 'other';
export type Rendition = 'pdf' | 'scan' | 'photo';
export type Family = 'main' | 'holdout' | 'dev';

/** One piece of text on an A4 page (595 x 842 points), `y` measured from the top edge to the baseline. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  size?: number;
  font?: 'sans' | 'sans-bold' | 'serif' | 'serif-bold' | 'mono';
  /** `right`: `x` is where the text ends (amount columns). */
  align?: 'left' | 'right';
}

export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width?: number;
}

export interface PageSpec {
  runs: TextRun[];
  rules?: Rule[];
}

export interface DunningTruth {
  dunning_level: number;
  linked_invoice_number: string | null;
  original_invoice_date: string | null;
  fee: string | null;
}

export interface ContractTruth {
  start_date: string | null;
  minimum_term_months: number | null;
  renewal_months: number | null;
  notice_period: string | null;
  last_cancellation_date: string | null;
}

export interface AppointmentTruth {
  datetime: string;
  place: string | null;
  with_whom: string | null;
  what_to_bring: string[];
}

/** What a document says, independent of how it is rendered. */
export interface CorpusTruth {
  type: CorpusType;
  as_of: string;
  sender: string;
  issue_date: string | null;
  amount: string | null;
  currency: string | null;
  due_date: string | null;
  invoice_number: string | null;
  iban: string | null;
  reference: string | null;
  dunning: DunningTruth | null;
  /** The `id` of the invoice this dunning letter is about. */
  links_to: string | null;
  contract: ContractTruth | null;
  appointment: AppointmentTruth | null;
}

export interface CorpusDocument {
  /** `<family>-NNNN`; also the truth's `group`. */
  id: string;
  pages: PageSpec[];
  truth: CorpusTruth;
}

/** A line of truth.jsonl. */
export interface CorpusTruthRow extends CorpusTruth {
  file: string;
  family: Family;
  rendition: Rendition;
  group: string;
}

export interface FamilyOptions {
  /** Documents per class (invoices may be more: every dunning letter needs its invoice). */
  perClass: number;
  seed: number;
}
