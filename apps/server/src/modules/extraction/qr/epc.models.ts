/**
 * EPC069-12 payment QR codes ("GiroCode", "SEPA QR", "Scan2Pay"): one field per line, in this order:
 *
 *    1 service tag `BCD`             7 IBAN
 *    2 version `001` | `002`          8 amount `EUR1234.56` (optional)
 *    3 character set `1`..`8`         9 purpose code, 4 characters (optional)
 *    4 identification `SCT`          10 structured creditor reference, max 35 (optional)
 *    5 BIC (optional from 002 on)    11 remittance text, max 140 (optional; not with a reference)
 *    6 beneficiary name, max 70      12 beneficiary-to-originator information, max 70 (optional)
 *
 * Trailing optional lines may be left out. The QR symbol has its own error correction, so what
 * decodes is what the issuer wrote; validation here catches issuers that wrote something wrong
 * (a bad IBAN, a dollar amount), and such a code is refused as a whole.
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { formatAmount, parseAmount } from '../../../shared/money/money.ts';
import type { FieldMap, FieldProvenance, SourceExtraction, ValidationCheck } from '../extraction.types.ts';

export interface EpcPayment {
  bic?: string;
  /** The beneficiary: who gets paid. */
  name: string;
  /** Electronic format: upper case, no spaces. */
  iban: string;
  /** Decimal string with two decimals ("1234.50"). */
  amount?: string;
  currency: 'EUR';
  /** ISO 20022 purpose code ("GDDS"). */
  purpose?: string;
  /** Structured creditor reference; an ISO 11649 one (`RF…`) without spaces. */
  reference?: string;
  /** Unstructured remittance text (the "Verwendungszweck"). */
  text?: string;
  /** Beneficiary-to-originator information: a note for the payer, not part of the transfer. */
  info?: string;
}

export type EpcParseResult = { ok: true; payment: EpcPayment } | { ok: false; problems: string[] };

const MAX_LINES = 12;
const MIN_AMOUNT_CENTS = 1;
const MAX_AMOUNT_CENTS = 99_999_999_999;
/** TextDecoder labels of the EPC character sets 1..8. */
const CHARSETS = ['utf-8', 'iso-8859-1', 'iso-8859-2', 'iso-8859-4', 'iso-8859-5', 'iso-8859-7', 'iso-8859-10', 'iso-8859-15'] as const;

/** True when the text starts like an EPC payload (`BCD` on the first line); cheap pre-filter. */
export function looksLikeEpc(text: string): boolean {
  return /^\uFEFF?BCD[ \t]*\r?\n/.test(text);
}

export function parseEpc(payload: string): EpcParseResult {
  const lines = payload.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.trim());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return refused('Service tag is missing: the payload is empty (expected "BCD" on line 1).');
  const [tag = '', version = '', charset = '', identification = '', bicLine = '', name = '', ibanLine = '', amountLine = '', purposeLine = '', referenceLine = '', text = '', info = ''] = lines;
  // Without the right tag and version the lines mean something else: nothing more is worth saying.
  if (tag !== 'BCD') return refused(`Service tag must be "BCD", found "${clip(tag)}": this is not an EPC payment code.`);
  if (version !== '001' && version !== '002') return refused(`Version must be "001" or "002", found "${clip(version)}".`);

  const problems: string[] = [];
  const payment: EpcPayment = { name, iban: '', currency: 'EUR' };
  if (lines.length > MAX_LINES) problems.push(`Too many lines: found ${lines.length}, an EPC payment code has at most ${MAX_LINES}.`);
  if (!/^[1-8]$/.test(charset)) problems.push(`Character set must be a digit 1 to 8, found "${clip(charset)}".`);
  if (identification !== 'SCT') problems.push(`Identification must be "SCT" (SEPA credit transfer), found "${clip(identification)}".`);

  const bic = bicLine.replace(/\s/g, '').toUpperCase();
  if (bic === '') {
    if (version === '001') problems.push('BIC is missing: version 001 requires it (line 5).');
  } else if (!isValidBIC(bic)) {
    problems.push(`BIC "${clip(bicLine)}" is not a valid BIC.`);
  } else {
    payment.bic = bic;
  }

  if (name === '') problems.push('Beneficiary name is missing (line 6).');
  else if (name.length > 70) problems.push(`Beneficiary name is ${name.length} characters long, at most 70 are allowed.`);

  const iban = electronicFormatIBAN(ibanLine) ?? '';
  if (iban === '') problems.push('IBAN is missing (line 7).');
  else if (iban.length > 34 || !isValidIBAN(iban)) problems.push(`IBAN "${clip(ibanLine)}" is not valid (wrong check digits or format).`);
  else payment.iban = iban;

  if (amountLine !== '') {
    const amount = parseEpcAmount(amountLine);
    if ('problem' in amount) problems.push(amount.problem);
    else payment.amount = amount.value;
  }

  if (purposeLine !== '') {
    if (/^[A-Za-z0-9]{4}$/.test(purposeLine)) payment.purpose = purposeLine.toUpperCase();
    else problems.push(`Purpose code must be 4 letters or digits, found "${clip(purposeLine)}".`);
  }

  if (referenceLine !== '' && text !== '') {
    problems.push('Creditor reference and remittance text are both set; an EPC payment code may carry only one of them.');
  }
  if (referenceLine !== '') {
    const reference = parseReference(referenceLine);
    if ('problem' in reference) problems.push(reference.problem);
    else payment.reference = reference.value;
  }
  if (text !== '') {
    if (text.length > 140) problems.push(`Remittance text is ${text.length} characters long, at most 140 are allowed.`);
    else payment.text = text;
  }
  if (info !== '') {
    if (info.length > 70) problems.push(`Beneficiary-to-originator information is ${info.length} characters long, at most 70 are allowed.`);
    else payment.info = info;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, payment };
}

function parseEpcAmount(line: string): { value: string } | { problem: string } {
  const match = /^([A-Za-z]{3})\s*(.*)$/.exec(line);
  if (!match) return { problem: `Amount must look like "EUR123.45", found "${clip(line)}".` };
  const [, currency = '', number = ''] = match;
  if (currency.toUpperCase() !== 'EUR') return { problem: `Amount must be in EUR, found ${currency.toUpperCase()}.` };
  if (!/^\d+(?:\.\d+)?$/.test(number)) return { problem: `Amount must be a number with a decimal point, like "EUR123.45"; found "${clip(line)}".` };
  if (/\.\d{3,}$/.test(number)) return { problem: `Amount "${clip(line)}" has more than 2 decimals.` };
  const cents = number.replace(/^0+(?=\d)/, '').length > 15 ? Infinity : parseAmount(number, 'EUR');
  if (cents < MIN_AMOUNT_CENTS || cents > MAX_AMOUNT_CENTS) return { problem: `Amount ${number} is out of range: it must be between 0.01 and 999999999.99 EUR.` };
  return { value: formatAmount(cents, 'EUR') };
}

function parseReference(line: string): { value: string } | { problem: string } {
  const compact = line.replace(/\s/g, '');
  if (/^RF/i.test(compact)) {
    return isValidCreditorReference(compact)
      ? { value: compact.toUpperCase() }
      : { problem: `Creditor reference "${clip(line)}" is not a valid ISO 11649 reference (wrong check digits or format).` };
  }
  // EPC069-12 lets the structured reference be any creditor reference; RF is only the common case.
  if (line.length > 35) return { problem: `Creditor reference is ${line.length} characters long, at most 35 are allowed.` };
  return { value: line };
}

/** ISO 11649 "RF" creditor reference: `RF`, 2 check digits, 1..21 letters or digits; mod 97 = 1. */
export function isValidCreditorReference(reference: string): boolean {
  const compact = reference.replace(/\s/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    // Letters count as two digits (A = 10 ... Z = 35); parseInt in base 36 gives exactly that.
    const digits = String(parseInt(char, 36));
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * The text of a QR code's bytes when they are an EPC payload, decoded in the character set its
 * line 3 declares. Issuers get this wrong both ways (UTF-8 declared as 2, Latin-1 declared as 1),
 * so bytes that are valid UTF-8 are read as UTF-8 whatever is declared: Latin-1 text with umlauts
 * is practically never valid UTF-8. Undefined when the bytes are not an EPC payload.
 */
export function decodeEpcBytes(bytes: Uint8Array): string | undefined {
  const ascii = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  if (!looksLikeEpc(ascii)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const declared = /^\uFEFF?BCD[ \t]*\r?\n[^\n]*\n\s*([1-8])/.exec(ascii)?.[1];
    // Declared UTF-8 but not valid UTF-8: the usual culprit is Windows-1252.
    const label = declared === undefined || declared === '1' ? 'windows-1252' : CHARSETS[Number(declared) - 1];
    return new TextDecoder(label).decode(bytes);
  }
}

/** How sure a QR reading is: the symbol has error correction and the IBAN passed its checksum. */
export const QR_CONFIDENCE = 0.98;
/**
 * The beneficiary is usually the sender of the bill, but not always: pay-later services (Klarna,
 * PayPal, Ratepay) and billing agencies are paid in the shop's or utility's stead. Below the
 * 2 %-error promise of 0.9, so a printed sender may be preferred and a lone QR name gets reviewed.
 */
export const QR_SENDER_NAME_CONFIDENCE = 0.85;

/**
 * The facts a payment code states. The amount is `amount_due` (what the code asks to be paid), not
 * the invoice total; the currency is only stated with an amount. An IBAN that fails its checksum is
 * dropped rather than reported (parseEpc already refuses such codes; this guards other callers).
 */
export function epcToExtraction(payment: EpcPayment): SourceExtraction {
  const qr = (confidence = QR_CONFIDENCE): FieldProvenance => ({ source: 'qr', confidence });
  const fields: FieldMap = {};
  const paymentInfo: { iban?: string; bic?: string; reference?: string } = {};
  const iban = electronicFormatIBAN(payment.iban) ?? '';
  if (isValidIBAN(iban)) {
    paymentInfo.iban = iban;
    fields['payment_info.iban'] = qr();
  }
  if (payment.bic !== undefined && isValidBIC(payment.bic)) {
    paymentInfo.bic = payment.bic;
    fields['payment_info.bic'] = qr();
  }
  const reference = payment.reference ?? payment.text;
  if (reference !== undefined && reference !== '') {
    paymentInfo.reference = reference;
    fields['payment_info.reference'] = qr();
  }
  const extraction: SourceExtraction = { facts: {}, fields };
  if (Object.keys(paymentInfo).length > 0) extraction.facts.payment_info = paymentInfo;
  if (payment.name !== '') {
    extraction.facts.sender = { name: payment.name };
    fields['sender.name'] = qr(QR_SENDER_NAME_CONFIDENCE);
  }
  if (payment.amount !== undefined) {
    extraction.facts.amount_due = payment.amount;
    extraction.facts.currency = payment.currency;
    fields.amount_due = qr();
    fields.currency = qr();
  }
  return extraction;
}

/**
 * `qr_amount_matches`: the amount printed on the page (the text path's `amount_due`, else its
 * `amount`) must equal the QR's to the cent. Undefined when one of them is missing: there is
 * nothing to compare, and a check that passes without comparing would vouch for nothing.
 */
export function amountCheck(qrAmount: string | undefined, printedAmount: string | undefined): ValidationCheck | undefined {
  if (qrAmount === undefined || printedAmount === undefined) return undefined;
  const qr = toCents(qrAmount);
  const printed = toCents(printedAmount);
  const check: ValidationCheck = { name: 'qr_amount_matches', ok: qr !== undefined && qr === printed, fields: ['amount_due'] };
  if (qr === undefined) check.detail = `the QR amount "${clip(qrAmount)}" is not a decimal amount in EUR`;
  else if (printed === undefined) check.detail = `the printed amount "${clip(printedAmount)}" is not a decimal amount in EUR`;
  else if (!check.ok) check.detail = `the QR code asks for ${formatAmount(qr, 'EUR')} EUR, the page says ${formatAmount(printed, 'EUR')}`;
  return check;
}

function toCents(amount: string): number | undefined {
  try {
    return parseAmount(amount, 'EUR');
  } catch {
    return undefined;
  }
}

function refused(problem: string): EpcParseResult {
  return { ok: false, problems: [problem] };
}

/** Quotes at most 40 characters of what was found, so a problem stays readable. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
