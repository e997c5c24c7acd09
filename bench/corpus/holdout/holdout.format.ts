/**
 * How dates, times and amounts are printed. Spaces inside one printed value are non-breaking
 * (U+00A0) so the layout never wraps a date or amount across lines; the layout turns them back into
 * plain spaces when it writes runs.
 */
import { type IsoDate, parseIso, weekdayIndex } from './holdout.dates.ts';

export const NB = '\u00a0';
/** Glue the words of one value together for the line breaker. */
export const nb = (text: string): string => text.replace(/ /g, NB);

export const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
export const WEEKDAYS = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];

export type DateStyle = 'numeric' | 'numeric_short' | 'numeric_2digit' | 'long' | 'iso';
export const DATE_STYLES: readonly DateStyle[] = ['numeric', 'numeric_short', 'numeric_2digit', 'long', 'iso'];

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatDate(iso: IsoDate, style: DateStyle): string {
  const { y, m, d } = parseIso(iso);
  switch (style) {
    case 'numeric':
      return `${pad(d)}.${pad(m)}.${y}`;
    case 'numeric_short':
      return `${d}.${m}.${y}`;
    case 'numeric_2digit':
      return `${pad(d)}.${pad(m)}.${pad(y % 100)}`;
    case 'long':
      return nb(`${d}. ${MONTHS[m - 1]} ${y}`);
    case 'iso':
      return iso;
  }
}

export function formatDateWithWeekday(iso: IsoDate, style: DateStyle): string {
  return nb(`${WEEKDAYS[weekdayIndex(iso)]}, `) + formatDate(iso, style);
}

/** Every way this family prints a date (for the tests that look for a truth value on the page). */
export function dateRenderings(iso: IsoDate): string[] {
  return DATE_STYLES.map((style) => formatDate(iso, style).replace(/\u00a0/g, ' '));
}

export type TimeStyle = 'colon' | 'colon_padded' | 'dot' | 'bare';

export function formatTime(hour: number, minute: number, style: TimeStyle): string {
  switch (style) {
    case 'colon':
      return nb(`${hour}:${pad(minute)} Uhr`);
    case 'colon_padded':
      return `${pad(hour)}:${pad(minute)}`;
    case 'dot':
      return nb(`${pad(hour)}.${pad(minute)} Uhr`);
    case 'bare':
      return minute === 0 ? nb(`${hour} Uhr`) : nb(`${hour}:${pad(minute)} Uhr`);
  }
}

export function timeRenderings(hour: number, minute: number): string[] {
  const styles: TimeStyle[] = ['colon', 'colon_padded', 'dot', 'bare'];
  return styles.map((style) => formatTime(hour, minute, style).replace(/\u00a0/g, ' '));
}

export type AmountStyle = 'de_symbol' | 'eur_prefix' | 'spaced_eur' | 'de_eur' | 'symbol_prefix';
export const AMOUNT_STYLES: readonly AmountStyle[] = ['de_symbol', 'eur_prefix', 'spaced_eur', 'de_eur', 'symbol_prefix'];

function groupThousands(integer: string, separator: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** The number alone, as a table column prints it. `grouping`: '.', ' ' or ''. */
export function formatNumber(cents: number, grouping: '.' | ' ' | ''): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const integer = groupThousands(String(Math.floor(abs / 100)), grouping === ' ' ? NB : grouping);
  return `${sign}${integer},${pad(abs % 100)}`;
}

export function formatAmount(cents: number, style: AmountStyle): string {
  switch (style) {
    case 'de_symbol':
      return `${formatNumber(cents, '.')}${NB}€`;
    case 'eur_prefix':
      return `EUR${NB}${formatNumber(cents, '')}`;
    case 'spaced_eur':
      return `${formatNumber(cents, ' ')}${NB}EUR`;
    case 'de_eur':
      return `${formatNumber(cents, '.')}${NB}EUR`;
    case 'symbol_prefix':
      return `€${NB}${formatNumber(cents, '.')}`;
  }
}

/** The bare numbers every amount style contains. */
export function amountRenderings(cents: number): string[] {
  return [formatNumber(cents, '.'), formatNumber(cents, ''), formatNumber(cents, ' ').replace(/\u00a0/g, ' ')];
}

/** Decimal string for the truth ("1234.56"). */
export function decimal(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

export function parseDecimal(value: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  if (!match) throw new Error(`not a decimal amount: ${value}`);
  const cents = Number(match[2]) * 100 + Number(match[3]);
  return match[1] ? -cents : cents;
}

const SMALL = ['null', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf', 'dreizehn', 'vierzehn'];
const TENS: Record<number, string> = { 20: 'zwanzig', 21: 'einundzwanzig', 28: 'achtundzwanzig', 30: 'dreißig' };

/** German number word for the counts letters spell out ("vierzehn Tagen"), or the digits. */
export function numberWord(n: number): string {
  return SMALL[n] ?? TENS[n] ?? String(n);
}

export function groupIban(iban: string): string {
  return nb(iban.replace(/(.{4})/g, '$1 ').trim());
}
