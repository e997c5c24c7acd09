/**
 * The fields the LLM may be asked for: each with its name in the answer, its JSON Schema, what the
 * model is told about it, and the check its answer must pass before it becomes a fact (the same
 * rules as every other source: real calendar dates, decimal amounts in the currency's precision,
 * IBAN mod-97, ISO currency codes, a class from the list), plus one only a model needs: identifiers
 * and amounts must be printed in the document. Computed facts (a contract's cancellation date, the
 * normalised notice period) are never asked: the rules compute them from the printed terms.
 */
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { DOCUMENT_TYPES } from '../../../db/schema.ts';
import { formatAmount, parseAmount } from '../../../shared/money/money.ts';
import type { FieldKey } from '../extraction.types.ts';
import { amountPrinted, printedIn, type GroundingText } from './grounding.models.ts';

/** Which kind of document a field belongs to: only the groups that fit the class are asked. */
export type AskGroup = 'common' | 'payment' | 'dunning' | 'contract' | 'appointment';

export interface AnswerContext {
  text: GroundingText;
  /** The document currency (the answer's, else the one already known, else EUR): amounts are checked in it. */
  currency: string;
}

export type Checked = { ok: true; value: unknown } | { ok: false; reason: string };

export interface Askable {
  /** `type` is the document class; everything else a key of `metadata.fields`. */
  key: 'type' | FieldKey;
  /** The property in the model's answer. */
  prop: string;
  group: AskGroup;
  /** JSON Schema of a non-null answer (the request makes every property nullable). */
  schema: Record<string, unknown>;
  /** What the model is told about the field. */
  hint: string;
  check(value: unknown, context: AnswerContext): Checked;
}

const ok = (value: unknown): Checked => ({ ok: true, value });
const no = (reason: string): Checked => ({ ok: false, reason });
const STRING = { type: 'string' };
const INTEGER = { type: 'integer' };
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Trimmed single-line text of 1..max characters, or undefined. */
function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (text === '' || text.length > max || /[\u0000-\u001f\u007f]/.test(text)) return undefined;
  return text;
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2199) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function date(value: unknown): Checked {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return no('not a YYYY-MM-DD date');
  return isCalendarDate(value) ? ok(value) : no('not a calendar date');
}

function dateTime(value: unknown): Checked {
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value) : null;
  if (!match) return no('not a YYYY-MM-DDTHH:mm time');
  if (!isCalendarDate(match[1]!) || Number(match[2]) > 23 || Number(match[3]) > 59) return no('not a real date and time');
  return ok(value);
}

function amount(value: unknown, context: AnswerContext): Checked {
  if (typeof value !== 'string' || !/^-?\d{1,13}(?:\.\d{1,4})?$/.test(value.trim())) return no('not a decimal amount like 1234.56');
  let normalised: string;
  try {
    normalised = formatAmount(parseAmount(value.trim(), context.currency), context.currency);
  } catch {
    return no(`more decimal places than ${context.currency} has`);
  }
  return amountPrinted(context.text, normalised) ? ok(normalised) : no('not printed in the document');
}

function identifier(max: number) {
  return (value: unknown, context: AnswerContext): Checked => {
    const text = cleanText(value, max);
    if (text === undefined) return no(`not a text of 1 to ${max} characters`);
    return printedIn(context.text, text) ? ok(text) : no('not printed in the document');
  };
}

function freeText(max: number) {
  return (value: unknown): Checked => {
    const text = cleanText(value, max);
    return text === undefined ? no(`not a text of 1 to ${max} characters`) : ok(text);
  };
}

function integer(min: number, max: number) {
  return (value: unknown): Checked =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? ok(value) : no(`not a whole number from ${min} to ${max}`);
}

function iban(value: unknown, context: AnswerContext): Checked {
  const electronic = typeof value === 'string' ? electronicFormatIBAN(value) : undefined;
  if (!electronic || !isValidIBAN(electronic)) return no('fails the IBAN check digits');
  return printedIn(context.text, electronic) ? ok(electronic) : no('not printed in the document');
}

export function isKnownCurrency(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && KNOWN_CURRENCIES.has(value);
}

function currency(value: unknown): Checked {
  return isKnownCurrency(value) ? ok(value) : no('not an ISO 4217 currency code');
}

function documentType(value: unknown): Checked {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value) ? ok(value) : no('not a known document class');
}

function itemList(value: unknown): Checked {
  if (!Array.isArray(value) || value.length > 20) return no('not a list of at most 20 items');
  const items = value.map((item) => cleanText(item, 200));
  if (items.some((item) => item === undefined)) return no('has an item that is not a short text');
  return items.length === 0 ? no('is empty') : ok(items);
}

const DECIMAL_HINT = 'decimal with a dot, no thousands separator, no currency sign (1234.56)';

const CLASS_HINT =
  'the kind of document: invoice (a bill to pay), credit_note (Gutschrift), reminder (Zahlungserinnerung, Mahnung, Inkasso), ' +
  'contract (a contract or its confirmation), receipt (Kassenbon, already paid), appointment (an invitation to be somewhere at a time), ' +
  'tax_document, insurance, prescription, identity_document, payslip, bank_statement, other';

/** In the order the model sees them. */
export const ASKABLE: readonly Askable[] = [
  { key: 'type', prop: 'document_type', group: 'common', schema: { type: 'string', enum: [...DOCUMENT_TYPES] }, hint: CLASS_HINT, check: documentType },
  { key: 'sender.name', prop: 'sender_name', group: 'common', schema: STRING, hint: 'the company, office or person who wrote the document, as printed', check: identifier(200) },
  { key: 'issue_date', prop: 'issue_date', group: 'common', schema: STRING, hint: 'the date of the document (Rechnungsdatum, Datum), YYYY-MM-DD', check: date },
  { key: 'amount', prop: 'amount', group: 'payment', schema: STRING, hint: `the gross total, ${DECIMAL_HINT}`, check: amount },
  { key: 'amount_due', prop: 'amount_due', group: 'payment', schema: STRING, hint: `the amount still to pay after prepayments or credits, ${DECIMAL_HINT}`, check: amount },
  { key: 'currency', prop: 'currency', group: 'payment', schema: STRING, hint: 'ISO 4217 code of the amounts, e.g. EUR', check: currency },
  { key: 'due_date', prop: 'due_date', group: 'payment', schema: STRING, hint: 'the day payment is due, YYYY-MM-DD; "within N days" counts from the document date', check: date },
  { key: 'invoice_number', prop: 'invoice_number', group: 'payment', schema: STRING, hint: 'the invoice or document number, exactly as printed', check: identifier(100) },
  { key: 'payment_info.iban', prop: 'iban', group: 'payment', schema: STRING, hint: 'the IBAN to pay to, as printed', check: iban },
  { key: 'payment_info.reference', prop: 'payment_reference', group: 'payment', schema: STRING, hint: 'the payment reference (Verwendungszweck) to quote, exactly as printed', check: identifier(140) },
  { key: 'dunning.dunning_level', prop: 'dunning_level', group: 'dunning', schema: INTEGER, hint: '0 payment reminder (Zahlungserinnerung), 1 to 3 for the 1st to 3rd Mahnung (letzte Mahnung = 3), 4 debt collection (Inkasso)', check: integer(0, 4) },
  { key: 'dunning.linked_invoice_number', prop: 'dunning_invoice_number', group: 'dunning', schema: STRING, hint: 'the number of the invoice the reminder is about, exactly as printed', check: identifier(100) },
  { key: 'dunning.original_invoice_date', prop: 'dunning_invoice_date', group: 'dunning', schema: STRING, hint: "that invoice's date, YYYY-MM-DD", check: date },
  { key: 'dunning.fee', prop: 'dunning_fee', group: 'dunning', schema: STRING, hint: `the dunning fee (Mahngebühr), ${DECIMAL_HINT}`, check: amount },
  { key: 'contract.start_date', prop: 'contract_start_date', group: 'contract', schema: STRING, hint: 'the day the contract starts, YYYY-MM-DD', check: date },
  { key: 'contract.minimum_term_months', prop: 'contract_minimum_term_months', group: 'contract', schema: INTEGER, hint: 'the minimum term (Mindestlaufzeit) in months; a year is 12', check: integer(1, 240) },
  { key: 'contract.renewal_months', prop: 'contract_renewal_months', group: 'contract', schema: INTEGER, hint: 'months the contract is extended by when not cancelled; 0 when it then runs open-ended', check: integer(0, 240) },
  { key: 'contract.notice_period', prop: 'contract_notice_period', group: 'contract', schema: STRING, hint: 'the notice period in the words printed, e.g. "3 Monate zum Ende der Laufzeit"', check: freeText(200) },
  { key: 'appointment.datetime', prop: 'appointment_datetime', group: 'appointment', schema: STRING, hint: 'date and local time of the appointment, YYYY-MM-DDTHH:mm', check: dateTime },
  { key: 'appointment.place', prop: 'appointment_place', group: 'appointment', schema: STRING, hint: 'where the appointment is: name and address', check: freeText(300) },
  { key: 'appointment.with_whom', prop: 'appointment_with_whom', group: 'appointment', schema: STRING, hint: 'the person or office the appointment is with', check: freeText(200) },
  { key: 'appointment.what_to_bring', prop: 'appointment_what_to_bring', group: 'appointment', schema: { type: 'array', items: STRING }, hint: 'what the letter asks to bring, one thing per entry', check: itemList },
];

/** The same schema, also allowing null ("the document does not say"). */
export function nullable(schema: Record<string, unknown>): Record<string, unknown> {
  const enumeration = schema.enum as unknown[] | undefined;
  return { ...schema, type: [schema.type, 'null'], ...(enumeration ? { enum: [...enumeration, null] } : {}) };
}
