/**
 * Turns a syntax-neutral e-invoice reading into document facts: normalises values, decides the
 * document type and payment means, and records provenance for every fact that is set. An
 * e-invoice states its facts explicitly, so each gets source `einvoice` and confidence 1.
 */
import type { DocumentFacts, FieldKey, FieldMap, LineItem, Party, PaymentMeans } from '../extraction.types.ts';
import type { EInvoiceExtraction, EInvoiceReading, EInvoiceSyntax, PartyReading } from './einvoice.types.ts';
import { isPositiveDecimal, isZeroDecimal, normaliseBic, normaliseDecimal, normaliseIban, singleLine } from './values.models.ts';

/**
 * UNTDID 1001 codes that EN 16931 lists for credit notes: 81 (goods/services), 83 (financial
 * adjustments), 261 (self-billed), 262 (consolidated), 296 (price variation), 308 (delcredere),
 * 381 (credit note), 396 (factored), 420 (OCR payment), 458 (reversal of debit), 532 (forwarder's).
 * A corrected invoice (384) stays an invoice even when its total is negative: the code says so.
 */
export const CREDIT_NOTE_TYPE_CODES: ReadonlySet<string> = new Set(['81', '83', '261', '262', '296', '308', '381', '396', '420', '458', '532']);

/**
 * UNTDID 4461 payment means codes, reduced to what the user has to do:
 * - transfer (the buyer sends money): 30 credit transfer, 31 debit transfer, 42 payment to bank
 *   account, 58 SEPA credit transfer;
 * - direct_debit (the seller collects): 49 direct debit, 59 SEPA direct debit;
 * - paid (collected at sale, nothing left to do): 48 bank card, 54 credit card, 55 debit card.
 * Cash (10), cheque (20), "not defined" (1), clearing (97) and mutually defined (ZZZ) say nothing
 * reliable about what is still to be done and map to unknown. Independently, nothing left to pay
 * after a prepayment means paid, whatever the code.
 */
const PAYMENT_MEANS_BY_CODE: Readonly<Record<string, PaymentMeans>> = {
  '30': 'transfer', '31': 'transfer', '42': 'transfer', '58': 'transfer',
  '49': 'direct_debit', '59': 'direct_debit',
  '48': 'paid', '54': 'paid', '55': 'paid',
};

/** The facts that are one value each; parties, payment info and lines are marked per sub-field. */
type ScalarFactKey = Exclude<keyof DocumentFacts, 'sender' | 'recipient' | 'payment_info' | 'line_items' | 'dunning' | 'contract' | 'appointment'>;

export function toExtraction(reading: EInvoiceReading, syntax: EInvoiceSyntax, rootName: string): EInvoiceExtraction {
  const facts: DocumentFacts = {};
  const fields: FieldMap = {};
  const mark = (key: FieldKey) => {
    fields[key] = { source: 'einvoice', confidence: 1 };
  };
  const set = <K extends ScalarFactKey>(key: K, value: DocumentFacts[K] | undefined) => {
    if (value === undefined) return;
    facts[key] = value;
    mark(key);
  };

  const amountDue = normaliseDecimal(reading.duePayable);
  const prepaid = normaliseDecimal(reading.prepaid);
  set('amount', normaliseDecimal(reading.grandTotal));
  set('amount_due', amountDue);
  set('net_amount', normaliseDecimal(reading.taxBasisTotal));
  set('tax_amount', normaliseDecimal(reading.taxTotal));
  set('currency', reading.currency?.toUpperCase());
  set('issue_date', reading.issueDate);
  set('due_date', reading.dueDate);
  set('due_rule', reading.paymentTerms);
  set('payment_means', paymentMeans(reading.paymentMeansCode, amountDue, prepaid));
  set('invoice_number', reading.invoiceNumber);
  set('customer_number', reading.customerNumber);

  const sender = toParty(reading.seller, true);
  if (sender) {
    facts.sender = sender;
    for (const key of ['name', 'address', 'tax_id', 'vat_id'] as const) if (sender[key] !== undefined) mark(`sender.${key}`);
  }
  const recipient = toParty(reading.buyer, false);
  if (recipient) {
    facts.recipient = recipient;
    for (const key of ['name', 'address'] as const) if (recipient[key] !== undefined) mark(`recipient.${key}`);
  }
  const paymentInfo = definedOnly({
    iban: normaliseIban(reading.iban),
    bic: normaliseBic(reading.bic),
    reference: reading.remittance,
  });
  if (paymentInfo) {
    facts.payment_info = paymentInfo;
    for (const key of ['iban', 'bic', 'reference'] as const) if (paymentInfo[key] !== undefined) mark(`payment_info.${key}`);
  }
  if (reading.lines.length > 0) {
    facts.line_items = reading.lines.map((line): LineItem => ({
      // LineItem requires a description; a line without name or text keeps an empty one so that
      // the list still lines up with the document's lines.
      description: singleLine(line.name) ?? singleLine(line.description) ?? '',
      ...definedOnly({
        quantity: normaliseDecimal(line.quantity),
        unit: line.unit,
        unit_price: normaliseDecimal(line.unitPrice),
        amount: normaliseDecimal(line.netAmount),
      }),
    }));
    mark('line_items');
  }

  const isCreditNote = rootName === 'CreditNote' || (reading.typeCode !== undefined && CREDIT_NOTE_TYPE_CODES.has(reading.typeCode));
  return {
    type: isCreditNote ? 'credit_note' : 'invoice',
    typeConfidence: 1,
    typeReason: typeReason(reading.typeCode, rootName),
    facts,
    fields,
    syntax,
    ...definedOnly({
      profile: reading.profile,
      typeCode: reading.typeCode,
      paymentMeansCode: reading.paymentMeansCode,
      prepaid,
    }),
  };
}

export function paymentMeans(code: string | undefined, amountDue: string | undefined, prepaid: string | undefined): PaymentMeans | undefined {
  if (isZeroDecimal(amountDue) && isPositiveDecimal(prepaid)) return 'paid';
  if (code === undefined) return undefined;
  return PAYMENT_MEANS_BY_CODE[code] ?? 'unknown';
}

function typeReason(typeCode: string | undefined, rootName: string): string {
  if (typeCode !== undefined) return `e-invoice type code ${typeCode}`;
  return rootName === 'CreditNote' ? 'e-invoice credit note document' : 'e-invoice without type code';
}

/**
 * Address as printed on an envelope: street lines, then "postcode city". The country is left out:
 * Party has no field for it and a code like "DE" on its own line reads as noise.
 */
function toParty(reading: PartyReading, withTaxIds: boolean): Party | undefined {
  const cityLine = [reading.postcode, reading.city].filter((part) => part !== undefined).join(' ');
  const lines = [...reading.addressLines, ...(cityLine === '' ? [] : [cityLine])];
  return definedOnly({
    name: singleLine(reading.name),
    address: lines.length > 0 ? lines.join('\n') : undefined,
    ...(withTaxIds ? { tax_id: reading.taxId, vat_id: reading.vatId } : {}),
  });
}

/** Drops undefined properties (facts never hold explicit undefineds); undefined when none is left. */
function definedOnly<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } | undefined {
  const entries = Object.entries(record).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as { [K in keyof T]?: Exclude<T[K], undefined> }) : undefined;
}
