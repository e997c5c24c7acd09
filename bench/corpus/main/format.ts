/** German ways of printing days, money and account numbers, in the variants letters use. */
import { parseDay, weekday } from '../render/days.ts';
import type { Rng } from '../render/random.ts';

export const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
export const WEEKDAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];
export const WEEKDAYS_SHORT = ['So.', 'Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.'];

export type DateStyle = 'numeric' | 'long' | 'short';

/** "02.03.2026" (numeric), "2. März 2026" (long), "2.3.2026" (short). */
export function formatDate(iso: string, style: DateStyle = 'numeric'): string {
  const { year, month, day } = parseDay(iso);
  if (style === 'long') return `${day}. ${MONTHS[month - 1]} ${year}`;
  if (style === 'short') return `${day}.${month}.${year}`;
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

export function weekdayName(iso: string, short = false): string {
  return (short ? WEEKDAYS_SHORT : WEEKDAYS)[weekday(iso)]!;
}

/** 123456 cents -> "1.234,56". */
export function germanNumber(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(cents) / 100);
  const fraction = String(Math.abs(cents) % 100).padStart(2, '0');
  return `${sign}${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${fraction}`;
}

export type MoneyStyle = 'suffix-euro' | 'suffix-eur' | 'prefix-eur';

export function formatMoney(cents: number, style: MoneyStyle = 'suffix-euro'): string {
  if (style === 'prefix-eur') return `EUR ${germanNumber(cents)}`;
  if (style === 'suffix-eur') return `${germanNumber(cents)} EUR`;
  return `${germanNumber(cents)} €`;
}

/** The truth's decimal string: 123456 -> "1234.56". */
export function decimal(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** A valid German IBAN for the bank code and account. */
export function germanIban(bankCode: string, account: string): string {
  const bban = bankCode.padStart(8, '0') + account.padStart(10, '0');
  const check = 98n - (BigInt(`${bban}131400`) % 97n);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

export function groupedIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

export function randomIban(rng: Rng): string {
  return germanIban(`${rng.int(1, 8)}${rng.digits(7)}`, `${rng.int(1, 9)}${rng.digits(rng.int(6, 9))}`);
}

export function timeText(hour: number, minute: number, style: 'colon' | 'dot' | 'short'): string {
  const mm = String(minute).padStart(2, '0');
  if (style === 'dot') return `${String(hour).padStart(2, '0')}.${mm}`;
  if (style === 'short') return `${hour}:${mm}`;
  return `${String(hour).padStart(2, '0')}:${mm}`;
}
