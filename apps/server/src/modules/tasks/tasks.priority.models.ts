/**
 * The automatic priority (SLA score) of a task: time score x type factor x amount factor, computed
 * from `now` whenever a task is read. A priority the user set by hand wins over it.
 */
import { currencyExponent, formatAmount } from '../../shared/money/money.ts';

export type Priority = 'low' | 'medium' | 'high' | 'critical';

export interface SlaInput {
  due: Date | null;
  now: Date;
  /** The class of the document the task came from (`reminder` is a dunning letter). */
  documentType: string | null;
  amountMinor: number | null;
  currency: string;
}

export interface SlaPriority {
  score: number;
  priority: Priority;
  reason: { de: string; en: string };
}

const DAY_MS = 86_400_000;
export const TYPE_FACTORS: Readonly<Record<string, number>> = { reminder: 1.5, contract: 1.3, invoice: 1.2 };
/** Amount factor steps, in major units of the task's currency: above 500 x 1.3, above 100 x 1.1. */
export const AMOUNT_STEPS: readonly { above: number; factor: number }[] = [
  { above: 500, factor: 1.3 },
  { above: 100, factor: 1.1 },
];
/** The score a priority set by hand stands for (sorting, and filtering by band). */
export const MANUAL_SCORE: Readonly<Record<Priority, number>> = { critical: 100, high: 70, medium: 50, low: 20 };
/** The lowest score of each band. */
export const BAND_FLOORS: Readonly<Record<Priority, number>> = { critical: 80, high: 60, medium: 40, low: -Infinity };
const TYPE_NAMES: Record<string, { de: string; en: string }> = {
  reminder: { de: 'Mahnung', en: 'Dunning letter' },
  contract: { de: 'Vertrag', en: 'Contract' },
  invoice: { de: 'Rechnung', en: 'Invoice' },
};

export function timeScore(due: Date | null, now: Date): number {
  if (!due) return 20;
  const left = due.getTime() - now.getTime();
  if (left < 0) return 100;
  if (left < DAY_MS) return 80;
  if (left < 2 * DAY_MS) return 60;
  if (left < 7 * DAY_MS) return 40;
  return 20;
}

/** Thresholds are in major units of the task's currency (500 EUR, 500 CHF, ...). */
export function amountFactor(amountMinor: number | null, currency: string): number {
  if (amountMinor === null) return 1;
  const major = Number(formatAmount(Math.abs(amountMinor), currency));
  return AMOUNT_STEPS.find((step) => major > step.above)?.factor ?? 1;
}

export function bandOf(score: number): Priority {
  if (score >= BAND_FLOORS.critical) return 'critical';
  if (score >= BAND_FLOORS.high) return 'high';
  if (score >= BAND_FLOORS.medium) return 'medium';
  return 'low';
}

/**
 * The ISO 4217 currencies whose minor unit is not a hundredth (JPY 0 digits, KWD 3), by digits: what
 * the SQL score needs to compare stored minor units with thresholds in major units.
 */
export function unusualExponents(): Map<number, string[]> {
  const byDigits = new Map<number, string[]>();
  for (const currency of Intl.supportedValuesOf('currency')) {
    const digits = currencyExponent(currency);
    if (digits !== 2) byDigits.set(digits, [...(byDigits.get(digits) ?? []), currency]);
  }
  return byDigits;
}

export function slaPriority(input: SlaInput): SlaPriority {
  const typeFactor = TYPE_FACTORS[input.documentType ?? ''] ?? 1;
  const score = Math.round(timeScore(input.due, input.now) * typeFactor * amountFactor(input.amountMinor, input.currency) * 10) / 10;
  return { score, priority: bandOf(score), reason: explain(input) };
}

function explain(input: SlaInput): { de: string; en: string } {
  const parts = { de: [] as string[], en: [] as string[] };
  const type = TYPE_NAMES[input.documentType ?? ''];
  if (type) {
    parts.de.push(type.de);
    parts.en.push(type.en);
  }
  if (!input.due) {
    parts.de.push('ohne Frist');
    parts.en.push('no deadline');
  } else {
    const days = Math.floor(Math.abs(input.due.getTime() - input.now.getTime()) / DAY_MS);
    const overdue = input.due.getTime() < input.now.getTime();
    const hours = Math.floor(Math.abs(input.due.getTime() - input.now.getTime()) / 3_600_000);
    if (overdue) {
      parts.de.push(days === 0 ? 'heute überfällig' : `${days} ${days === 1 ? 'Tag' : 'Tage'} überfällig`);
      parts.en.push(days === 0 ? 'overdue today' : `${days} ${days === 1 ? 'day' : 'days'} overdue`);
    } else if (days === 0) {
      parts.de.push(`fällig in ${hours} ${hours === 1 ? 'Stunde' : 'Stunden'}`);
      parts.en.push(`due in ${hours} ${hours === 1 ? 'hour' : 'hours'}`);
    } else {
      parts.de.push(`fällig in ${days} ${days === 1 ? 'Tag' : 'Tagen'}`);
      parts.en.push(`due in ${days} ${days === 1 ? 'day' : 'days'}`);
    }
  }
  if (input.amountMinor !== null) {
    const amount = Number(formatAmount(input.amountMinor, input.currency));
    parts.de.push(currencyFormat('de-DE', input.currency, Number.isInteger(amount)).format(amount));
    parts.en.push(currencyFormat('en-GB', input.currency, Number.isInteger(amount)).format(amount));
  }
  // Intl puts a no-break space before the euro sign; the reason is plain text.
  return { de: parts.de.join(', ').replace(/\u00a0/g, ' '), en: parts.en.join(', ').replace(/\u00a0/g, ' ') };
}

const formats = new Map<string, Intl.NumberFormat>();

/** Intl.NumberFormat is slow to build and lists format many amounts: one per locale, currency and style. */
function currencyFormat(locale: string, currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${whole}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: whole ? 0 : 2 });
    formats.set(key, format);
  }
  return format;
}
