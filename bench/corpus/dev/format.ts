/**
 * How the dev family's letters print days, times and money: the several ways German letters write
 * them. Everything is plain string work on ISO days and integer cents (no Intl: its spaces are not
 * WinAnsi, and its output differs between Node versions).
 */
import { parseDay, weekday } from '../render/days.ts';

export const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
export const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];
const WEEKDAYS_SHORT = ['So.', 'Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.'];

/**
 * - numeric `14.04.2026`, short `14.4.2026`, two-digit `14.04.26`, iso `2026-04-14`
 * - long `14. April 2026`, weekday `Dienstag, 14. April 2026`, weekday-dem `Dienstag, dem 14. April 2026`
 * - weekday-numeric `Di., 14.04.2026`
 */
export type DateStyle = 'numeric' | 'short' | 'two-digit' | 'iso' | 'long' | 'weekday' | 'weekday-dem' | 'weekday-numeric';

const pad = (value: number) => String(value).padStart(2, '0');

export function formatDate(iso: string, style: DateStyle = 'numeric'): string {
  const { year, month, day } = parseDay(iso);
  const long = `${day}. ${MONTHS[month - 1]} ${year}`;
  const numeric = `${pad(day)}.${pad(month)}.${year}`;
  switch (style) {
    case 'numeric':
      return numeric;
    case 'short':
      return `${day}.${month}.${year}`;
    case 'two-digit':
      return `${pad(day)}.${pad(month)}.${String(year).slice(2)}`;
    case 'iso':
      return iso;
    case 'long':
      return long;
    case 'weekday':
      return `${WEEKDAYS[weekday(iso)]}, ${long}`;
    case 'weekday-dem':
      return `${WEEKDAYS[weekday(iso)]}, dem ${long}`;
    case 'weekday-numeric':
      return `${WEEKDAYS_SHORT[weekday(iso)]}, ${numeric}`;
  }
}

/** `März 2026` (a billing month, a Leistungszeitraum). */
export function monthYear(iso: string): string {
  const { year, month } = parseDay(iso);
  return `${MONTHS[month - 1]} ${year}`;
}

/** `9:30 Uhr`, `09:30 Uhr`, `9.30 Uhr`, `09.30 Uhr`, or `09:30` (in a table headed "Uhrzeit"). */
export type TimeStyle = 'colon' | 'colon-padded' | 'dot' | 'dot-padded' | 'bare';

export function formatTime(time: string, style: TimeStyle): string {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  switch (style) {
    case 'colon':
      return `${hour}:${pad(minute)} Uhr`;
    case 'colon-padded':
      return `${pad(hour)}:${pad(minute)} Uhr`;
    case 'dot':
      return `${hour}.${pad(minute)} Uhr`;
    case 'dot-padded':
      return `${pad(hour)}.${pad(minute)} Uhr`;
    case 'bare':
      return `${pad(hour)}:${pad(minute)}`;
  }
}

/** `1.234,56`, or `1234,56` without thousands points; negative amounts get a leading minus. */
export function germanAmount(cents: number, grouped = true): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const whole = String(Math.floor(absolute / 100));
  const fraction = pad(absolute % 100);
  return `${sign}${grouped ? whole.replace(/\B(?=(\d{3})+$)/g, '.') : whole},${fraction}`;
}

/** `1.234,56 €`, `1.234,56 EUR`, `EUR 1.234,56`, `€ 1.234,56`. */
export type MoneyStyle = 'euro' | 'eur' | 'eur-prefix' | 'euro-prefix';

export function formatMoney(cents: number, style: MoneyStyle = 'euro', grouped = true): string {
  const amount = germanAmount(cents, grouped);
  switch (style) {
    case 'euro':
      return `${amount} €`;
    case 'eur':
      return `${amount} EUR`;
    case 'eur-prefix':
      return `EUR ${amount}`;
    case 'euro-prefix':
      return `€ ${amount}`;
  }
}

/** The truth's decimal string: 123456 -> `1234.56`. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${pad(absolute % 100)}`;
}

/** VAT of a net amount in cents, rounded half up (what invoicing software prints). */
export function vatOf(netCents: number, percent: number): number {
  return Math.round((netCents * percent) / 100);
}

/** Number words for small counts, as letters write notice periods ("drei Monate"). */
const WORDS = ['null', 'einen', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'];

export function countWord(count: number): string {
  return WORDS[count] ?? String(count);
}
