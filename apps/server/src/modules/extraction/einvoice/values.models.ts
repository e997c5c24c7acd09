/**
 * Normal forms for the values e-invoices carry: decimals as plain strings (never through a float),
 * calendar days as ISO dates, IBANs without spaces.
 */

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;
/** xsd:decimal has no exponent; a writer that uses one anyway gets a bounded shift, not a megabyte of zeros. */
const MAX_EXPONENT = 30;

/**
 * "300.00" stays "300.00"; "+5" -> "5", ".5" -> "0.5", "007" -> "7", "1.5E2" -> "150", "-0.00" -> "0.00".
 * The digits after the point are kept as written, so the XML's precision survives.
 * Returns undefined for anything that is not a number (thousands separators, units, junk).
 */
export function normaliseDecimal(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const match = DECIMAL.exec(raw.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;

  let integerDigits = whole;
  let fractionDigits = fraction;
  if (exponent > 0) {
    const moved = fractionDigits.padEnd(exponent, '0');
    integerDigits += moved.slice(0, exponent);
    fractionDigits = moved.slice(exponent);
  } else if (exponent < 0) {
    const padded = integerDigits.padStart(-exponent, '0');
    fractionDigits = padded.slice(padded.length + exponent) + fractionDigits;
    integerDigits = padded.slice(0, padded.length + exponent);
  }
  integerDigits = integerDigits.replace(/^0+(?=\d)/, '') || '0';
  const body = fractionDigits === '' ? integerDigits : `${integerDigits}.${fractionDigits}`;
  const isZero = !/[1-9]/.test(body);
  return sign === '-' && !isZero ? `-${body}` : body;
}

/** True when a normalised decimal is above zero. */
export function isPositiveDecimal(value: string | undefined): boolean {
  return value !== undefined && !value.startsWith('-') && /[1-9]/.test(value);
}

/** True when a normalised decimal is zero ("0", "0.00"). */
export function isZeroDecimal(value: string | undefined): boolean {
  return value !== undefined && !/[1-9]/.test(value);
}

/**
 * UN/CEFACT dates (CII, ZUGFeRD): format 102 is CCYYMMDD. Some ZUGFeRD 1 writers put an ISO date
 * there, so that is accepted too. Other formats (610 month, 616 week) name no single day and give
 * undefined rather than a made-up one.
 */
export function isoDateFromCefact(raw: string | undefined, format: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (format === undefined || format === '102') {
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    if (compact) return validDay(compact[1], compact[2], compact[3]);
  }
  return isoDateFromXsd(text);
}

/** xsd:date ("2026-01-25", possibly with a zone or a time after it) to the calendar day written. */
export function isoDateFromXsd(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T Z+-])/.exec(raw.trim());
  return iso ? validDay(iso[1], iso[2], iso[3]) : undefined;
}

function validDay(year = '', month = '', day = ''): string | undefined {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return undefined;
  // Day 0 of the next month is the last day of this one; UTC avoids DST oddities.
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= lastDay ? `${year}-${month}-${day}` : undefined;
}

/** IBANs are printed in groups of four; the stored form has no spaces and upper-case letters. */
export function normaliseIban(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return compact === '' ? undefined : compact;
}

/** BICs likewise: no spaces, upper case. */
export function normaliseBic(raw: string | undefined): string | undefined {
  return normaliseIban(raw);
}

/** Several free-text elements (payment terms notes) read as one text, one per line. */
export function joinLines(lines: string[]): string | undefined {
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** Names are one line: writers wrap long ones in the XML, and the wrap is layout, not content. */
export function singleLine(text: string | undefined): string | undefined {
  return text?.replace(/\s+/g, ' ').trim() || undefined;
}
