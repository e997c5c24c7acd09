/**
 * The dunning-letter reader: from a letter's text, its stage, the invoice it is about (number and
 * date), the fees it adds, the new deadline and the total it claims. Pure; the letter's own date
 * comes from the caller (`issueDate`) and, failing that, from the text.
 *
 * - Not a dunning letter (an invoice whose terms mention "Mahngebühren", a contract's clause on
 *   "Verzug und Mahnung", an appointment "Erinnerung"): undefined. See `level.models.ts`.
 * - Stages: `level.models.ts`; invoice number and date: `invoice-ref.models.ts`; fee (dunning and
 *   collection charges, interest excluded) and total: `charges.models.ts`; deadline:
 *   `deadline.models.ts`.
 * - Confidences follow `FieldProvenance`: >= 0.9 only where a label names the value and a second
 *   reading or a sum confirms it.
 */
import type { DunningFacts } from '../extraction.types.ts';
import { buildLayout } from '../text/layout.models.ts';
import { detectDateOrder } from '../text/dates.models.ts';
import { detectDecimalMark } from '../text/numbers.models.ts';
import { findIssueDate } from '../text/terms.models.ts';
import type { Found } from '../text/evidence.models.ts';
import { findCharges } from './charges.models.ts';
import { findDeadline } from './deadline.models.ts';
import { findInvoiceRefs, type InvoiceRef } from './invoice-ref.models.ts';
import { findLevel } from './level.models.ts';
import { readUnits } from './units.models.ts';

export interface DunningReading {
  facts: DunningFacts;
  confidence: Partial<Record<keyof DunningFacts, number>>;
  /** The new deadline: absolute, or relative to the letter date ("innerhalb von 7 Tagen", "bis spätestens 14 Tage nach Zugang" -> from issueDate). */
  deadline?: { date: string; rule?: string; confidence: number };
  /** Total claimed incl. fees and interest, when a total line is printed. */
  total?: { amount: string; confidence: number };
  /** Every invoice the letter names, when it names more than one (then `linked_invoice_number` is only the first). */
  invoices?: InvoiceRef[];
  /** Why the text was read as a dunning letter of this stage ("2. Mahnung", "Inkasso"). */
  cue: string;
}

export interface DunningContext {
  /** The letter's date 'YYYY-MM-DD', as the document's facts have it. */
  issueDate?: string;
}

export function findDunning(text: string, context: DunningContext): DunningReading | undefined {
  const layout = buildLayout(text);
  const units = readUnits(layout);
  const level = findLevel(layout, units);
  if (!level) return undefined;

  // "01/05/2026" on a dollar invoice is January 5th.
  const order = detectDateOrder(text, /\$|\bUSD\b/.test(text) && !/€|\bEUR\b/.test(text));
  const mark = detectDecimalMark(text);
  // The letter's date counts relative deadlines; the caller's is the merged one, the text's a fallback.
  const read = context.issueDate ? undefined : findIssueDate(layout, order);
  const base: Found<string> | undefined = context.issueDate
    ? { value: context.issueDate, confidence: 0.88 }
    : read && { value: read.value, confidence: Math.min(read.confidence, 0.8) - 0.05 };

  const refs = findInvoiceRefs(layout, units, order, mark, base?.value);
  const rowAmounts = refs.invoices.flatMap((invoice) => (invoice.amount ? [invoice.amount] : []));
  const charges = findCharges(units, mark, order, rowAmounts.length === refs.invoices.length ? rowAmounts : []);
  const deadline = findDeadline(units, order, base);

  const reading: DunningReading = { facts: { dunning_level: level.level }, confidence: { dunning_level: level.confidence }, cue: level.cue };
  if (refs.number) {
    reading.facts.linked_invoice_number = refs.number.value;
    reading.confidence.linked_invoice_number = refs.number.confidence;
  }
  if (refs.date) {
    reading.facts.original_invoice_date = refs.date.value;
    reading.confidence.original_invoice_date = refs.date.confidence;
  }
  if (charges.fee) {
    reading.facts.fee = charges.fee.value;
    reading.confidence.fee = charges.fee.confidence;
  }
  if (charges.principal) {
    reading.facts.principal = charges.principal.value;
    reading.confidence.principal = charges.principal.confidence;
  }
  if (deadline) reading.deadline = deadline;
  if (charges.total) reading.total = { amount: charges.total.value, confidence: charges.total.confidence };
  if (refs.invoices.length > 1) reading.invoices = refs.invoices;
  return reading;
}
