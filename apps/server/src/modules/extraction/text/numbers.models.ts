/**
 * Money in printed text. German documents write "1.234,56", English ones "1,234.56"; a document
 * sticks to one convention, so the decimal mark is decided once per document from the numbers that
 * are unambiguous, and then used for the ambiguous ones ("1.000", "12,50").
 */

export type DecimalMark = ',' | '.';

export interface AmountToken {
  /** Decimal string with "." as the mark: "-1234.56". */
  value: string;
  raw: string;
  start: number;
  end: number;
  /** Number of digits after the decimal mark (0 for integers). */
  decimals: number;
  /** ISO code of a currency sign or code printed right next to the number. */
  currency?: string;
  percent: boolean;
  /** Printed in parentheses: "(35,13 €)" - an included or informational amount. */
  parenthesized: boolean;
}

const CURRENCY_WORDS: Record<string, string> = {
  '€': 'EUR', EUR: 'EUR', EURO: 'EUR', EUROS: 'EUR',
  $: 'USD', USD: 'USD', US$: 'USD',
  '£': 'GBP', GBP: 'GBP',
  CHF: 'CHF', SFR: 'CHF', 'FR.': 'CHF',
  '₹': 'INR', INR: 'INR', RS: 'INR', 'RS.': 'INR',
  '¥': 'JPY', JPY: 'JPY',
  PLN: 'PLN', 'ZŁ': 'PLN', CZK: 'CZK', 'KČ': 'CZK', SEK: 'SEK', DKK: 'DKK', NOK: 'NOK', CAD: 'CAD', AUD: 'AUD',
};

const CURRENCY_SOURCE = String.raw`US\$|EUR|USD|GBP|CHF|SFR|INR|JPY|PLN|CZK|SEK|DKK|NOK|CAD|AUD|Rs\.?|€|\$|£|₹|¥`;

export function currencyCode(word: string): string | undefined {
  return CURRENCY_WORDS[word.toUpperCase()];
}

/**
 * Which mark separates decimals in this document. Evidence: a number with both marks (the last one
 * is the decimal mark) and a mark followed by other than three digits ("12,5", "0,0520"), which
 * cannot be a thousands separator. Dates are removed first. No evidence: German.
 */
export function detectDecimalMark(text: string): DecimalMark {
  const scrubbed = text.replace(/\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b/g, ' ').replace(/\b\d{1,2}:\d{2}(?::\d{2})?\b/g, ' ');
  let comma = 0;
  let dot = 0;
  for (const match of scrubbed.matchAll(/(?<![\d.,])(\d{1,3})(?:([.,])\d{3})*([.,])(\d+)(?![\d.,]*\d)/g)) {
    const [, lead, group, mark, fraction = ''] = match;
    if (group && group !== mark) {
      if (mark === ',') comma++;
      else dot++;
    } else if (fraction.length !== 3 || (lead === '0' && !group)) {
      // "12,5", "0,0520", "0.025": no thousands separator is followed by other than three digits or preceded by a lone 0.
      if (mark === ',') comma++;
      else dot++;
    }
  }
  return dot > comma ? '.' : ',';
}

/** "1.234,56" with mark "," -> "1234.56"; undefined when the digits do not form a number in that convention. */
export function parseNumber(raw: string, mark: DecimalMark): string | undefined {
  const text = raw.replace(/\s/g, '');
  const group = mark === ',' ? '.' : ',';
  const both = text.includes(',') && text.includes('.');
  // A number with both marks shows its convention itself, whatever the document does.
  const decimalMark = both ? (text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.') : mark;
  const groupMark = both ? (decimalMark === ',' ? '.' : ',') : group;
  const [whole = '', fraction, extra] = text.split(decimalMark);
  if (extra !== undefined) return undefined;
  const groups = whole.split(groupMark === '.' ? /[.']/ : /[,']/);
  if (groups.some((part) => !/^\d+$/.test(part))) return undefined;
  if (groups.length > 1 && (groups[0]!.length > 3 || groups.slice(1).some((part) => part.length !== 3))) return undefined;
  if (fraction !== undefined && !/^\d{1,4}$/.test(fraction)) return undefined;
  const digits = groups.join('').replace(/^0+(?=\d)/, '');
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}

const AMOUNT = new RegExp(
  String.raw`(?<open>\()?(?:(?<cur1>${CURRENCY_SOURCE})\s?)?(?<sign>-\s?)?(?:(?<cur2>${CURRENCY_SOURCE})\s?)?` +
    // "1 250,00": thousands grouped with single spaces (DIN 5008), only with cents; columns of a
    // table stand two or more spaces apart in the laid-out text, so "1  250,00" stays two numbers.
    String.raw`(?<num>\d{1,3}(?: \d{3})+[.,]\d{2}(?![\d.,])|\d[\d.,']*\d|\d)(?<trail>-(?![\p{L}\d]))?` +
    String.raw`(?:\s?(?<pct>%)|\s?(?<cur3>${CURRENCY_SOURCE})(?![\p{L}]))?(?<close>\))?`,
  'giu',
);

/**
 * Every number in a line that could be money or a percentage. `line` should have its dates masked
 * (see `maskDates`), or "05.03.2018" reads as numbers.
 */
export function findAmounts(line: string, mark: DecimalMark): AmountToken[] {
  const tokens: AmountToken[] = [];
  for (const match of line.matchAll(AMOUNT)) {
    const groups = match.groups ?? {};
    const start = match.index;
    const before = line.slice(0, start);
    const after = line.slice(start + match[0].length);
    // Part of an identifier, a word or a longer number: "RK21012345", "Nr-4711", "100ml", "2.000ml".
    if (/[\p{L}\d_/]$/u.test(before) && /^[\p{L}\d_-]/u.test(match[0])) continue;
    if (/^[\p{L}\d_]/u.test(after) && !groups.pct && !groups.cur3) continue;
    // "120 000,00": the tail of a number grouped with spaces; its value is unknowable here.
    if (/\d $/.test(before) && /^\d{3}(?:[.,]|$)/.test(groups.num ?? '') && !groups.cur1 && !groups.sign) continue;
    const value = parseNumber(groups.num ?? '', mark);
    if (value === undefined) continue;
    const negative = (groups.sign !== undefined || groups.trail !== undefined) && /[1-9]/.test(value);
    const currencyWord = groups.cur1 ?? groups.cur2 ?? groups.cur3;
    tokens.push({
      value: negative ? `-${value}` : value,
      raw: match[0],
      start,
      end: start + match[0].length,
      decimals: value.includes('.') ? value.split('.')[1]!.length : 0,
      ...(currencyWord ? { currency: currencyCode(currencyWord.replace(/\s/g, '')) } : {}),
      percent: groups.pct !== undefined,
      parenthesized: groups.open !== undefined && groups.close !== undefined,
    });
  }
  return tokens;
}

/** A number that reads as money: two decimals, or a currency printed next to it. */
export function isMoney(token: AmountToken): boolean {
  if (token.percent) return false;
  return token.decimals === 2 || (token.currency !== undefined && token.decimals <= 3);
}

/** Compares decimal strings exactly: "-8.79" vs "-8.790". */
export function toCents(value: string): bigint | undefined {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) return undefined;
  const cents = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
  return sign ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Money as the facts carry it: two decimals, "-0.00" becomes "0.00". */
export function canonicalMoney(value: string): string {
  const cents = toCents(value);
  return cents === undefined ? value : fromCents(cents);
}

export interface CurrencyGuess {
  code: string;
  /** How many amounts carry it. */
  count: number;
}

/** Currency signs and codes printed next to amounts, most frequent first. */
export function currenciesNextToAmounts(lines: string[], mark: DecimalMark): CurrencyGuess[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    for (const token of findAmounts(line, mark)) {
      if (token.currency) counts.set(token.currency, (counts.get(token.currency) ?? 0) + 1);
    }
  }
  return [...counts.entries()].map(([code, count]) => ({ code, count })).sort((p, q) => q.count - p.count);
}
