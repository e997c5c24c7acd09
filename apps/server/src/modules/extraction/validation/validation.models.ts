/**
 * Checks that facts agree with themselves and with the rules of money and banking: IBAN checksum,
 * BIC format, net + tax = gross, line amounts = net, due date not before the issue date, amount due
 * not above the total. A failed check makes the fields it names doubtful (and the document due for
 * review); a passed one makes the fields it names a little surer. Money is compared in integer
 * minor units, never as floats.
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { parseAmount } from '../../../shared/money/money.ts';
import type { DocumentFacts, FieldKey, FieldMap, FieldProvenance, FieldSource, ValidationCheck } from '../extraction.types.ts';

export interface Validation {
  fields: FieldMap;
  checks: ValidationCheck[];
  needsReview: boolean;
  /** 0..1 for the document as a whole; see `overallConfidence`. */
  confidence: number;
}

/** A failed check leaves the fields it names at most this sure. */
export const FAILED_CHECK_CEILING = 0.5;
/** A failed check of these makes every field read from the same printed page doubtful. */
const PAGE_DOUBT_CHECKS = new Set(['net_plus_tax']);
/** Fields read from a page whose sums do not add up stay below the >= 0.9 promise. */
export const DOUBTFUL_PAGE_CEILING = 0.85;
/** How much a passed check adds to the fields it names. */
const RAISE: Record<string, number> = {
  iban_checksum: 0.07,
  bic_format: 0.05,
  net_plus_tax: 0.07,
  line_sum: 0.05,
  due_after_issue: 0.03,
  amount_due_le_amount: 0.03,
};
/** Sources read from printed text stay below certainty however many checks pass. */
const RAISE_CAP: Partial<Record<FieldSource, number>> = { text: 0.95, ocr: 0.95, llm: 0.95, learned: 0.95, derived: 0.95, qr: 0.98 };

export function validateFacts(facts: DocumentFacts, fields: FieldMap): Validation {
  const checks = runChecks(facts);
  const adjusted: FieldMap = { ...fields };
  for (const check of checks.filter((c) => c.ok)) {
    for (const key of check.fields) raise(adjusted, key, RAISE[check.name] ?? 0);
  }
  // Failures last: a field named by a passed and a failed check stays doubtful.
  for (const check of checks.filter((c) => !c.ok)) {
    for (const key of check.fields) lower(adjusted, key);
  }
  // Printed sums that do not add up: either the page is wrong (a draft, a sample, a forgery) or it
  // was misread. Nothing else read from it is promised either.
  if (checks.some((check) => !check.ok && PAGE_DOUBT_CHECKS.has(check.name))) {
    for (const key of Object.keys(adjusted) as FieldKey[]) capPrinted(adjusted, key, DOUBTFUL_PAGE_CEILING);
  }
  const confidence = overallConfidence(adjusted, checks);
  // A person looks at a document whose checks fail, whose overall score is low, or whose task
  // would be built on a doubtful key field (a guessed amount, an unsure date).
  const keyDoubtful = KEY_FIELDS.some((key) => (adjusted[key]?.confidence ?? 1) < 0.6);
  return { fields: adjusted, checks, needsReview: checks.some((c) => !c.ok) || confidence < 0.7 || keyDoubtful, confidence };
}

export function runChecks(facts: DocumentFacts): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  const currency = facts.currency && /^[A-Z]{3}$/.test(facts.currency) ? facts.currency : 'EUR';
  const minor = (key: 'amount' | 'amount_due' | 'net_amount' | 'tax_amount'): number | undefined => {
    const value = facts[key];
    if (value === undefined) return undefined;
    const parsed = toMinor(value, currency);
    if (parsed === undefined) checks.push({ name: 'amount_format', ok: false, fields: [key], detail: `"${value}" is not a decimal amount in ${currency}` });
    return parsed;
  };
  const gross = minor('amount');
  const due = minor('amount_due');
  const net = minor('net_amount');
  const tax = minor('tax_amount');

  const iban = facts.payment_info?.iban;
  if (iban !== undefined) {
    const ok = isValidIBAN(electronicFormatIBAN(iban) ?? '');
    checks.push({ name: 'iban_checksum', ok, fields: ['payment_info.iban'], ...(ok ? {} : { detail: `${iban} fails the IBAN check digits` }) });
  }
  const bic = facts.payment_info?.bic;
  if (bic !== undefined) {
    const ok = isValidBIC(bic);
    checks.push({ name: 'bic_format', ok, fields: ['payment_info.bic'], ...(ok ? {} : { detail: `${bic} is not a BIC` }) });
  }
  if (gross !== undefined && net !== undefined && tax !== undefined) {
    // Rounding per tax rate may leave one cent between the printed sums.
    const ok = Math.abs(net + tax - gross) <= 1;
    checks.push({ name: 'net_plus_tax', ok, fields: ['net_amount', 'tax_amount', 'amount'], ...(ok ? {} : { detail: `${facts.net_amount} + ${facts.tax_amount} != ${facts.amount}` }) });
  }
  const lineAmounts = (facts.line_items ?? []).flatMap((item) => (item.amount === undefined ? [] : [toMinor(item.amount, currency)]));
  if (net !== undefined && lineAmounts.length > 0) {
    const sum = lineAmounts.every((value) => value !== undefined) ? lineAmounts.reduce<number>((total, value) => total + (value ?? 0), 0) : undefined;
    const ok = sum !== undefined && Math.abs(sum - net) <= 1;
    // Named on the items only: allowances and charges on the whole document legitimately separate the two.
    checks.push({ name: 'line_sum', ok, fields: ['line_items'], ...(ok ? {} : { detail: `line amounts do not add up to ${facts.net_amount}` }) });
  }
  if (facts.issue_date !== undefined && facts.due_date !== undefined) {
    // ISO calendar days compare as strings.
    const ok = facts.due_date >= facts.issue_date;
    checks.push({ name: 'due_after_issue', ok, fields: ['due_date'], ...(ok ? {} : { detail: `due ${facts.due_date} before issue ${facts.issue_date}` }) });
  }
  if (gross !== undefined && due !== undefined) {
    // A credit note's amounts are negative: compare sizes. Same sign expected.
    const ok = Math.abs(due) <= Math.abs(gross) && (due === 0 || gross === 0 || Math.sign(due) === Math.sign(gross));
    checks.push({ name: 'amount_due_le_amount', ok, fields: ['amount_due'], ...(ok ? {} : { detail: `due ${facts.amount_due} exceeds total ${facts.amount}` }) });
  }
  return checks;
}

function toMinor(value: string, currency: string): number | undefined {
  try {
    return parseAmount(value, currency);
  } catch {
    return undefined;
  }
}

function raise(fields: FieldMap, key: FieldKey, by: number): void {
  const field = fields[key];
  if (!field || by === 0) return;
  const cap = RAISE_CAP[field.source];
  // E-invoice and user values are already authoritative: a check confirms, it does not add.
  if (cap === undefined) return;
  fields[key] = withConfidence(field, Math.max(field.confidence, Math.min(cap, field.confidence + by)));
}

/** Caps a field read from printed text (not an e-invoice's or the user's value). */
function capPrinted(fields: FieldMap, key: FieldKey, ceiling: number): void {
  const field = fields[key];
  if (field && RAISE_CAP[field.source] !== undefined && field.confidence > ceiling) fields[key] = withConfidence(field, ceiling);
}

function lower(fields: FieldMap, key: FieldKey): void {
  const field = fields[key];
  if (field) fields[key] = withConfidence(field, Math.min(field.confidence, FAILED_CHECK_CEILING));
}

function withConfidence(field: FieldProvenance, confidence: number): FieldProvenance {
  return { ...field, confidence: Math.round(confidence * 100) / 100 };
}

/** The fields a task is made of; their confidences make the document's. */
export const KEY_FIELDS: FieldKey[] = ['amount', 'issue_date', 'invoice_number', 'sender.name', 'due_date'];
const REQUIRED: FieldKey[] = ['amount', 'issue_date', 'sender.name'];

/**
 * confidence = mean(confidence of the key fields present)
 *            x 0.85 for each missing required key field (amount, issue_date, sender.name)
 *            x 0.95 for each missing optional key field (invoice_number, due_date: receipts and
 *              letters often have none)
 *            x 0.85 for each failed check
 * and 0 when no key field is present at all.
 */
export function overallConfidence(fields: FieldMap, checks: ValidationCheck[]): number {
  const present = KEY_FIELDS.flatMap((key) => (fields[key] ? [fields[key].confidence] : []));
  if (present.length === 0) return 0;
  const mean = present.reduce((sum, value) => sum + value, 0) / present.length;
  const missingRequired = REQUIRED.filter((key) => !fields[key]).length;
  const missingOptional = KEY_FIELDS.length - present.length - missingRequired;
  const failed = checks.filter((check) => !check.ok).length;
  const score = mean * 0.85 ** missingRequired * 0.95 ** missingOptional * 0.85 ** failed;
  return Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
}
