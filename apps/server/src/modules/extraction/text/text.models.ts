/**
 * Understanding a document from its text: the born-digital PDF text layer (and later OCR text).
 * `text` is the document's pages joined by form feeds, each page in lines with columns kept apart
 * by two or more spaces. Every field found is reported with source `text` and a confidence that
 * reaches 0.9 only on strong evidence (an explicit label, an unambiguous reading, agreement).
 */
import type { DocumentFacts, FieldKey, FieldMap, SourceExtraction } from '../extraction.types.ts';
import type { Totals } from './amounts.models.ts';
import { centsToDecimal, chooseTotals, findAmountCandidates, largestAmount } from './amounts.models.ts';
import { classify, type Classification } from './classify.models.ts';
import { parseContractTerms } from '../contracts/notice.models.ts';
import { findCurrency } from './currency.models.ts';
import { detectDateOrder } from './dates.models.ts';
import type { Found } from './evidence.models.ts';
import { round, TEXT_CONFIDENCE_CAP } from './evidence.models.ts';
import { findLineItems } from './items.models.ts';
import { findCustomerNumber, findInvoiceNumber, findTaxNumber, findVatId } from './identifiers.models.ts';
import type { Layout } from './layout.models.ts';
import { buildLayout } from './layout.models.ts';
import { detectDecimalMark } from './numbers.models.ts';
import { findParties } from './parties.models.ts';
import { findBic, findIban, findPaymentMeans, findReference } from './payment.models.ts';
import { findReceiptDate, findReceiptTotal, paidAtTill } from './receipts.models.ts';
import { findReturnDeadline } from './returns.models.ts';
import { findDueDate, findIssueDate } from './terms.models.ts';
import { readInDepth, type DepthReading } from '../depth.models.ts';

export interface TextContext {
  /** The day the document is read ('YYYY-MM-DD'): a contract's next cancellation date counts from it. */
  today?: string;
}

export function extractFromText(text: string, context: TextContext = {}): SourceExtraction {
  const layout = buildLayout(text);
  const whole = layout.lines.map((line) => line.text).join('\n');
  const language = languageOf(whole);
  const mark = detectDecimalMark(whole);
  const currency = findCurrency(layout, mark, 'dmy', language === 'de');
  const classification = contractTermsDecide(classify(layout), text);
  const receipt = classification.type === 'receipt';
  // A till slip's "$" is rarely American (Singapore, Malaysia, Australia): day-first unless a date says otherwise.
  const order = detectDateOrder(whole, currency?.value === 'USD' && language === 'en' && !receipt);

  const facts: DocumentFacts = {};
  const fields: FieldMap = {};
  const set = <K extends keyof DocumentFacts>(key: K, field: FieldKey, found: Found<NonNullable<DocumentFacts[K]>> | undefined) => {
    if (!found) return;
    facts[key] = found.value;
    fields[field] = { source: 'text', confidence: round(Math.min(TEXT_CONFIDENCE_CAP, found.confidence)) };
  };

  const totals = chooseTotals(findAmountCandidates(layout, mark, order));
  setAmounts(totals, layout, { mark, order }, set);
  if (receipt) setReceiptTotal(layout, set);
  const sums = [totals.lineSum?.cents, totals.net?.cents].filter((cents): cents is bigint => cents !== undefined);
  const items = findLineItems(layout, mark, order, sums);
  if (items.length > 0) set('line_items', 'line_items', { value: items, confidence: 0.7 });
  set('currency', 'currency', currency);

  const issue = receipt ? preferReceiptDate(findIssueDate(layout, order), findReceiptDate(layout, order)) : findIssueDate(layout, order);
  set('issue_date', 'issue_date', issue);
  const due = findDueDate(layout, order, issue);
  set('due_date', 'due_date', due.date);
  if (due.rule) set('due_rule', 'due_rule', { value: due.rule, confidence: 0.8 });
  // Only a shop's paper has goods to take back.
  if (receipt || classification.type === 'invoice') set('return_deadline', 'return_deadline', findReturnDeadline(layout, order, issue));

  set('invoice_number', 'invoice_number', findInvoiceNumber(layout));
  set('customer_number', 'customer_number', findCustomerNumber(layout));

  const parties = findParties(layout);
  const sender = collect(fields, [
    ['name', 'sender.name', parties.seller],
    ['legal_name', 'sender.legal_name', parties.sellerLegalName],
    ['address', 'sender.address', parties.sellerAddress],
    ['vat_id', 'sender.vat_id', findVatId(layout)],
    ['tax_id', 'sender.tax_id', findTaxNumber(layout)],
  ]);
  if (sender) facts.sender = sender;
  const recipient = collect(fields, [
    ['name', 'recipient.name', parties.recipient],
    ['address', 'recipient.address', parties.recipientAddress],
  ]);
  if (recipient) facts.recipient = recipient;

  const iban = findIban(layout);
  const stated = findPaymentMeans(layout, iban !== undefined && iban.confidence >= 0.7);
  // Cash or card lines on a till slip: paid at the till.
  const means = receipt && stated.value !== 'paid' && paidAtTill(layout) ? { value: 'paid' as const, confidence: 0.85 } : stated;
  let reference = findReference(layout);
  // Nothing printed to quote on a transfer: the invoice number is what a payer writes (a guess).
  if (!reference && facts.invoice_number && means.value === 'transfer') reference = { value: facts.invoice_number, confidence: 0.5 };
  const payment = collect(fields, [
    ['iban', 'payment_info.iban', iban],
    ['bic', 'payment_info.bic', findBic(layout)],
    ['reference', 'payment_info.reference', reference],
  ]);
  if (payment) facts.payment_info = payment;
  set('payment_means', 'payment_means', means);
  const depth = readInDepth(classification.type, text, { ...(facts.issue_date ? { issueDate: facts.issue_date } : {}), ...(context.today ? { today: context.today } : {}) });
  addInDepth(depth, facts, fields);
  const backed = backedByFacts(classification, depth);

  return { type: backed.type, typeConfidence: backed.confidence, typeReason: backed.reason, facts, fields };
}

/**
 * An insurance policy that states its term and notice period asks what any contract asks (keep or
 * cancel by a date): it is read, and tasked, as a contract. Insurance letters without such terms
 * (a premium notice, a claim) keep their class.
 */
function contractTermsDecide(classification: Classification, text: string): Classification {
  if (classification.type !== 'insurance') return classification;
  const terms = parseContractTerms(text);
  if (!terms?.notice || (terms.minimum_term_months === undefined && terms.renewal_months === undefined)) return classification;
  return { ...classification, type: 'contract', reason: `${classification.reason}; states its term and notice period: a contract` };
}

/**
 * Words alone ("Ihr Vertrag", "Termin") make a letter about a contract or an appointment, not one:
 * a contract or appointment class that no heading named and whose own facts are not in the text
 * (no term, no notice; no date and time) is a letter that needs nothing of its own: `other`. No
 * task is lost by it, as both ask for nothing without those facts.
 */
function backedByFacts(classification: Classification, depth: DepthReading): Classification {
  const named = classification.reason.startsWith('heading:') || classification.reason.startsWith('learned');
  if (named || (classification.type !== 'contract' && classification.type !== 'appointment')) return classification;
  const own = classification.type === 'contract' ? depth.facts.contract : depth.facts.appointment?.datetime;
  if (own) return classification;
  return { type: 'other', confidence: Math.min(classification.confidence, 0.7), reason: `${classification.reason}; but no ${classification.type === 'contract' ? 'contract terms' : 'appointment time'} in it: other` };
}

/** A dunning letter's own deadline and claim are more specific than the generic due date and total. */
function addInDepth(depth: DepthReading, facts: DocumentFacts, fields: FieldMap): void {
  for (const key of ['dunning', 'contract', 'appointment'] as const) {
    if (depth.facts[key]) (facts as Record<string, unknown>)[key] = depth.facts[key];
  }
  for (const [key, provenance] of Object.entries(depth.fields) as [FieldKey, NonNullable<FieldMap[FieldKey]>][]) {
    const top = key.includes('.') ? undefined : (key as 'due_date' | 'due_rule' | 'amount_due');
    if (top) {
      const current = fields[top];
      if (current && current.confidence > provenance.confidence) continue;
      facts[top] = depth.facts[top];
    }
    fields[key] = provenance;
  }
}

/** Sets the nested facts that were found (sender, recipient, payment info) and their provenance. */
function collect<K extends string>(fields: FieldMap, entries: [K, FieldKey, Found<string> | undefined][]): Partial<Record<K, string>> | undefined {
  const found: Partial<Record<K, string>> = {};
  for (const [key, field, value] of entries) {
    if (!value) continue;
    found[key] = value.value;
    fields[field] = { source: 'text', confidence: round(Math.min(TEXT_CONFIDENCE_CAP, value.confidence)) };
  }
  return Object.keys(found).length > 0 ? found : undefined;
}

/** Below 0.9 - the most a passed net + tax = gross check adds (0.07): such figures are never promised. */
const OUTRANKED_CEILING = 0.8;

type Setter = <K extends keyof DocumentFacts>(key: K, field: FieldKey, found: Found<NonNullable<DocumentFacts[K]>> | undefined) => void;

/**
 * A label's weight (0..1, more with agreeing lines) as a confidence: a clear label and one reading
 * give 0.85, never more from the label alone. Validation adds to it when net + tax = gross holds on
 * the page, so only a labelled total that adds up reaches 0.9.
 */
function amountConfidence(weight: number): number {
  return Math.min(0.85, 0.3 + 0.55 * weight);
}

function setAmounts(totals: Totals, layout: Layout, reading: { mark: ReturnType<typeof detectDecimalMark>; order: ReturnType<typeof detectDateOrder> }, set: Setter): void {
  const { gross, net, tax, due, prepaid } = totals;
  // A larger total under a clear label: the figures that add up may be a part (one tax rate's
  // block, the sum before shipping or fees). Kept below the promise even after net + tax = gross holds.
  const part = (confidence: number) => (gross?.outranked ? Math.min(confidence, OUTRANKED_CEILING) : confidence);
  if (gross) {
    // Two clear labels with different totals: the document contradicts itself.
    const confidence = part(amountConfidence(gross.weight) - (gross.conflict ? 0.2 : 0));
    set('amount', 'amount', { value: centsToDecimal(gross.cents), confidence });
  } else {
    // Nothing labelled as a total: a till-style total read through OCR noise ("TOTAL RM 65. 20"),
    // else the largest amount printed; a guess either way, never more.
    const till = findReceiptTotal(layout);
    const largest = largestAmount(layout, reading.mark, reading.order);
    if (till) set('amount', 'amount', { value: centsToDecimal(till.value), confidence: Math.min(0.6, till.confidence) });
    else if (largest !== undefined) set('amount', 'amount', { value: centsToDecimal(largest), confidence: 0.4 });
  }
  if (due) {
    // A labelled amount due that is the total which adds up (less what was paid before) is as sure as that total.
    const paid = prepaid ? (prepaid.cents < 0n ? -prepaid.cents : prepaid.cents) : 0n;
    const agrees = !due.derived && gross?.consistent === true && (due.cents === gross.cents || due.cents === gross.cents - paid);
    const confidence = due.derived ? Math.min(0.8, gross ? amountConfidence(gross.weight) : 0.4) : agrees ? 0.88 : amountConfidence(due.weight);
    set('amount_due', 'amount_due', { value: centsToDecimal(due.cents), confidence });
  }
  if (net) set('net_amount', 'net_amount', { value: centsToDecimal(net.cents), confidence: part(amountConfidence(net.weight)) });
  if (tax) set('tax_amount', 'tax_amount', { value: centsToDecimal(tax.cents), confidence: part(amountConfidence(tax.weight)) });
}

/** The paid total of a till slip replaces the invoice reading (which knows no rounding or change). */
function setReceiptTotal(layout: Layout, set: Setter): void {
  const total = findReceiptTotal(layout);
  if (!total) return;
  set('amount', 'amount', { value: centsToDecimal(total.value), confidence: total.confidence });
  set('amount_due', 'amount_due', { value: '0.00', confidence: Math.min(0.8, total.confidence) });
}

/** A labelled issue date the general rules found stands; otherwise the date of the sale. */
function preferReceiptDate(general: Found<string> | undefined, sale: Found<string> | undefined): Found<string> | undefined {
  if (!sale) return general;
  if (!general || general.value === sale.value) return sale.value === general?.value ? { value: sale.value, confidence: Math.max(sale.confidence, general.confidence) } : sale;
  return general.confidence >= 0.85 ? general : sale;
}

/** German or English, by their commonest words; decides defaults (euros, day-first dates). */
export function languageOf(text: string): 'de' | 'en' {
  const german = text.match(/\b(?:und|der|die|das|mit|für|bitte|Rechnung|Betrag|Datum|Summe|zahlbar|nicht|wir|Sie|Ihre|vom|bis)\b/g)?.length ?? 0;
  const english = text.match(/\b(?:the|and|for|with|please|invoice|amount|date|total|due|your|this|of|to)\b/gi)?.length ?? 0;
  return english > german * 1.5 ? 'en' : 'de';
}

