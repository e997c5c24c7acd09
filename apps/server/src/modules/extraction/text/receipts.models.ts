/**
 * Till receipts (Kassenbons, shop slips), usually read by OCR: whether a text is one, the total
 * that was paid and the date of the sale. A till slip prints its payment ("BAR 50,00 / Rückgeld
 * 19,00", "CASH 50.00 / CHANGE 19.00"), so tendered minus change cross-checks the total; its date
 * stands next to the time of the sale. OCR noise in amounts ("31 .00", "1O.00") is repaired only
 * on lines that carry one of these labels.
 */
import type { Layout } from './layout.models.ts';
import { looseRegExp } from './layout.models.ts';
import type { DateOrder } from './dates.models.ts';
import { findDates } from './dates.models.ts';
import type { Found } from './evidence.models.ts';

/** The money handed over at the till. */
const TENDERED = looseRegExp(String.raw`(?<![\p{L}])(?:Cash(?:\s*(?:Received|Tendered|Paid))?|Tendered|Paid Amount|Amount Paid|Accepted total|Bar(?:geld)?|Gegeben|Erhalten|EC-?Cash|Kartenzahlung)(?![\p{L}])`);
/** The money handed back. */
const CHANGE = looseRegExp(String.raw`(?<![\p{L}])(?:Change(?:\s*(?:Due|Amt|Amount))?|Rückgeld|Wechselgeld|Zurück)(?![\p{L}])`);
/** Total labels that name the amount after rounding, i.e. what was paid. */
const PAID_TOTAL = looseRegExp(
  String.raw`Round(?:ed|ing)?\s*Total|Total\s*(?:Amt\s*)?Rounded|After\s*Adj|Net+\s*Total|Final\s*Total|Grand\s*Total|Total\s*(?:Amt\s*)?Payable|Zu\s*zahlen|Endbetrag|Zahlbetrag`,
);
const TOTAL = looseRegExp(String.raw`(?<![\p{L}])(?:Total|Summe|Gesamt(?:betrag|summe)?|Betrag)(?![\p{L}])|Total\p{L}*|Summe`);
/** Totals that are not what was paid: counts, subtotals, tax, savings, a tax summary's last row. */
const NOT_PAID_TOTAL = looseRegExp(
  String.raw`Qty|Quantity|Item|Stück|Anzahl|Sub[\s-]*Total|Zwischensumme|Excl|Exkl|Netto|Saving|Discount|Rabatt|supplies|Total\s*(?:GST|Tax|MwSt)|GST\s*payable|includes?|included|enthalten|Summary|Stamp|Points|Punkte|Tender`,
);
/** Dates that are not the sale: expiry, validity, warranty, the end of a return period. */
const OTHER_DATE = looseRegExp(String.raw`valid|expir|Exp\.?\s|gültig|bis\s|until|warranty|Garantie|Umtausch|return|MHD|best before`);

/** Cues of a till slip; each counts once. The cash/change pair is the strongest. */
const RECEIPT_WORDS = looseRegExp(
  String.raw`Kassenbon|Kassenbeleg|Bon-?Nr|Beleg-?Nr|(?<![\p{L}])Kasse(?![\p{L}])|Barzahlung|Kartenzahlung|EC-?Cash|Vielen Dank für Ihren Einkauf|Cashier|Kassierer|Receipt|Thank you|Come again|Cash (?:Sale|Bill)|Slip No|Tax Invoice|GST Summary|Total \((?:RM|EUR|\$)\)|Terminal|Trace|Tendered|Rounding|Rundung|Bediener|Operator|(?<![\p{L}])(?:Table|Tisch)(?![\p{L}])`,
  'giu',
);

export interface Till {
  /** Tendered and change on the slip, in cents. */
  tendered?: bigint;
  change?: bigint;
}

/** Whether the text reads like a till slip: a payment with change, or several till words. */
export function receiptScore(layout: Layout): number {
  const whole = layout.lines.map((line) => line.text).join('\n');
  const words = new Set([...whole.matchAll(RECEIPT_WORDS)].map((match) => match[0].toLowerCase().replace(/\s+/g, ' ')));
  const till = readTill(layout);
  const paidAtTill = layout.lines.some((line) => TENDERED.test(line.text)) && layout.lines.some((line) => CHANGE.test(line.text));
  const timed = layout.lines.some((line) => dateWithTime(line.text) !== undefined);
  return words.size * 1.5 + (paidAtTill ? 5 : 0) + (till.tendered !== undefined && till.change !== undefined ? 1 : 0) + (timed ? 1.5 : 0);
}

/** Paid at the till: a tendered amount or a change line. */
export function paidAtTill(layout: Layout): boolean {
  return layout.lines.some((line) => (TENDERED.test(line.text) && readAmount(line.text, TENDERED) !== undefined) || CHANGE.test(line.text));
}

export function readTill(layout: Layout): Till {
  const till: Till = {};
  for (const line of layout.lines) {
    // "Item Count 2   Change Amt 19.90": the change label may stand in the middle of a line.
    const change = readAmount(line.text, CHANGE);
    if (change !== undefined) {
      till.change ??= abs(change);
      continue;
    }
    const tendered = readAmount(line.text, TENDERED);
    // The largest tendered amount is the cash handed over ("Cash 71.00 / Cash Received 101.00").
    if (tendered !== undefined && (till.tendered === undefined || abs(tendered) > till.tendered)) till.tendered = abs(tendered);
  }
  return till;
}

/**
 * The paid total: labels after rounding first, then any total; of equal labels the later line
 * (totals after a rounding adjustment come last). Tendered minus change that equals a labelled
 * total confirms it (0.9); without a label it is the total itself, as a guess.
 */
export function findReceiptTotal(layout: Layout): Found<bigint> | undefined {
  const candidates: { cents: bigint; rank: number; pos: number }[] = [];
  for (const line of layout.lines) {
    if (CHANGE.test(line.text) || NOT_PAID_TOTAL.test(line.text)) continue;
    const label = PAID_TOTAL.test(line.text) ? PAID_TOTAL : TOTAL.test(line.text) ? TOTAL : undefined;
    if (!label) continue;
    const cents = readAmount(line.text, label);
    if (cents !== undefined && cents > 0n) candidates.push({ cents, rank: label === PAID_TOTAL ? 2 : 1, pos: line.pos });
  }
  addRounded(layout, candidates);
  const till = readTill(layout);
  const paid = till.tendered !== undefined && till.change !== undefined && till.tendered > till.change ? till.tendered - till.change : undefined;
  const confirmed = paid !== undefined ? candidates.find((candidate) => candidate.cents === paid) : undefined;
  if (confirmed) return { value: confirmed.cents, confidence: 0.9 };
  const ranked = [...candidates].sort((p, q) => q.rank - p.rank || q.pos - p.pos);
  // A total the slip's own tax line does not fit is misread when another total fits it ("Total
  // Amount 6.90 / GST @6% 0.39 / Nett Total 6.00" with 6.90 misread as 6.00).
  const tax = readTax(layout);
  const fitting = tax ? ranked.filter((candidate) => fitsTax(candidate.cents, tax)) : [];
  const best = fitting.length > 0 && !fitting.some((candidate) => candidate.cents === ranked[0]?.cents) ? fitting[0] : ranked[0];
  if (best) {
    const agreeing = new Set(candidates.filter((candidate) => candidate.cents === best.cents).map((candidate) => candidate.pos)).size;
    // Exact cash with no change line: tendered equal to the total agrees too.
    const exact = till.tendered === best.cents && till.change === undefined;
    return { value: best.cents, confidence: agreeing > 1 || exact ? 0.85 : best.rank === 2 ? 0.8 : 0.75 };
  }
  return paid !== undefined ? { value: paid, confidence: 0.55 } : undefined;
}

/** "GST @6%: 0.39", "MwSt 19 % 3,19", "VAT at 20% 1.50": the rate and the one tax amount on the line. */
const TAX_RATE = looseRegExp(String.raw`(?<![\p{L}])(?:GST|VAT|Tax|MwSt|USt)\.?\s*(?:@|at)?\s*(\d{1,2}(?:[.,]\d{1,2})?)\s*%`);

const TAX_TOTAL = looseRegExp(String.raw`Total\s*(?:GST|VAT|Tax|MwSt|USt)`);

interface Tax {
  /** Percent. */
  rate: number;
  cents: bigint;
}

/** The slip's tax, when exactly one line states a rate and one amount; a summary table (base and tax on one row) is left alone. */
function readTax(layout: Layout): Tax | undefined {
  const taxes: Tax[] = [];
  for (const line of layout.lines) {
    const match = TAX_RATE.exec(line.text);
    // "Total Sales Inclusive GST @6% 8.70" states the rate of a total, not the tax.
    if (!match || (TOTAL.test(line.text) && !TAX_TOTAL.test(line.text))) continue;
    const cents = readAmount(line.text, TAX_RATE);
    const rate = Number(match[1]!.replace(',', '.'));
    if (cents !== undefined && cents > 0n && rate > 0) taxes.push({ rate, cents });
  }
  return taxes.length === 1 ? taxes[0] : undefined;
}

/** The tax contained in `gross` at the rate is the stated tax, give or take the rounding of a few item lines. */
function fitsTax(gross: bigint, tax: Tax): boolean {
  const contained = (Number(gross) * tax.rate) / (100 + tax.rate);
  return Math.abs(contained - Number(tax.cents)) <= 2;
}

const ROUNDING = looseRegExp(String.raw`Rounding(?:\s*Adj\p{L}*)?|Round(?:ing)?\s*Adj\p{L}*|Rundung`);

/** A rounding adjustment is a few cents; an amount this close to a total on a "Rounding" line is the rounded total itself. */
const MAX_ROUNDING = 10n;

/**
 * "Total 177.22 / Rounding Adj -0.02" with no rounded total readable below: the total plus the
 * adjustment is what was paid. "Total 14.38 / Rounding Adjustment 0.02 / Rounding 14.40": a
 * "Rounding" line whose amount is a total give or take a few cents is the total after rounding.
 */
function addRounded(layout: Layout, candidates: { cents: bigint; rank: number; pos: number }[]): void {
  for (const line of layout.lines) {
    if (!ROUNDING.test(line.text) || PAID_TOTAL.test(line.text)) continue;
    const amount = readAmount(line.text, ROUNDING);
    if (amount === undefined || amount === 0n) continue;
    const before = candidates.filter((candidate) => candidate.pos < line.pos).sort((p, q) => q.pos - p.pos)[0];
    if (abs(amount) >= 100n) {
      if (before && amount > 0n && abs(amount - before.cents) <= MAX_ROUNDING) candidates.push({ cents: amount, rank: 2, pos: line.pos });
      continue;
    }
    const after = candidates.some((candidate) => candidate.pos > line.pos);
    if (before && !after) candidates.push({ cents: before.cents + amount, rank: 2, pos: line.pos });
  }
}

/** The sale's date: a date followed by a clock time, or after a "Date"/"Datum" label; never a validity date. */
export function findReceiptDate(layout: Layout, order: DateOrder): Found<string> | undefined {
  let labelled: string | undefined;
  let timed: string | undefined;
  for (const line of layout.lines) {
    if (OTHER_DATE.test(line.text)) continue;
    const withTime = dateWithTime(line.text, order);
    if (withTime) timed ??= withTime;
    const label = /(?<![\p{L}])(?:Date|Datum|Dated|Bizdate)\s*[:.]?\s*/iu.exec(line.text);
    if (label) {
      const token = findDates(line.text.slice(label.index + label[0].length), order)[0];
      if (token && token.start <= 3) labelled ??= token.iso;
    }
  }
  if (labelled && timed && labelled === timed) return { value: labelled, confidence: 0.88 };
  if (labelled) return { value: labelled, confidence: 0.8 };
  return timed ? { value: timed, confidence: 0.75 } : undefined;
}

/** "12/03/2018 14:32", "12 MAR 2018 18:19", "2018-01-05 22:55:25", "30.03.2018 um 12:36": the first date a time follows. */
export function dateWithTime(text: string, order: DateOrder = 'dmy'): string | undefined {
  for (const token of findDates(text, order)) {
    // "30/03/2018 12:36", "30/03/2018 | 12:36", "le 30/03/2018 à 12:36", "am 30.03.2018 um 12:36"
    if (/^\s{0,8}(?:(?:[|,-]|à|a|at|um|@)\s*)?\d{1,2}[:.]\d{2}(?![\d.,]\d)/iu.test(text.slice(token.end))) return token.iso;
  }
  return undefined;
}

/**
 * The last amount after `label` on the line, read with OCR repairs: "RM 65. 20", "234 „40",
 * "1O.00", "9,90"; currency marks before it ("RM", "$", "€", "EUR") are skipped. Two or more
 * amounts after the label are a table row, not a label and its value.
 */
export function readAmount(text: string, label: RegExp): bigint | undefined {
  const match = new RegExp(label.source, label.flags.replace('g', '')).exec(text);
  if (!match) return undefined;
  const rest = text
    .slice(match.index + match[0].length)
    .replace(/(?<=\d)[oO](?=[\d.,])|(?<=[\d.,])[oO](?=\d|\b)/g, '0')
    .replace(/(?<=\d)\s?[.,„]\s?(?=\d{2}(?!\d))/g, '.');
  const amounts = [...rest.matchAll(/(?:(-)(?:RM|MYR|EUR|USD|\$|€)?\s?|(?:RM|MYR|EUR|USD|\$|€)\s*)?(?<![\d.])(\d{1,3}(?:[,.' ]\d{3})*|\d+|(?<=-\s?))\.(\d{2})(?![\d])/giu)];
  if (amounts.length !== 1) return undefined;
  const [, minus, whole = '', cents = ''] = amounts[0]!;
  const value = BigInt(whole.replace(/\D/g, '') || '0') * 100n + BigInt(cents);
  return minus ? -value : value;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
