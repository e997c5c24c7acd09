/**
 * Invoice payment terms in this family's own wordings. Relative terms count from the invoice date
 * (the period starts the day after it, BGB § 187 (1), so "14 Tage" ends on date + 14). The issue
 * date is chosen so that every due date is a working day (see holdout.holidays.ts).
 */
import type { DueWording } from '../holdout.common.ts';
import { addDays, type IsoDate } from '../holdout.dates.ts';
import { type DateStyle, formatDate, numberWord } from '../holdout.format.ts';
import { isWorkingDay } from '../holdout.holidays.ts';
import type { Rng } from '../holdout.random.ts';

export interface PaymentTerms {
  due: IsoDate;
  wording: DueWording;
  /** A sentence for the body, or a label/value row. */
  sentence: string | null;
  row: [string, string] | null;
}

const RELATIVE: Array<(d: number) => string> = [
  (d) => `Zahlbar innerhalb von ${d} Tagen ab Rechnungsdatum ohne Abzug.`,
  (d) => `Zahlungsziel: ${d} Tage netto ab Rechnungsdatum.`,
  (d) => `Bitte begleichen Sie den Rechnungsbetrag binnen ${numberWord(d)} Tagen nach dem Rechnungsdatum.`,
  (d) => `Der Rechnungsbetrag ist ${d} Tage nach Rechnungsdatum zur Zahlung fällig.`,
  (d) => `Wir bitten um Ausgleich innerhalb von ${d} Tagen, gerechnet ab dem Datum dieser Rechnung.`,
];
const WEEKS = ['zwei', 'drei', 'vier'];
const ABSOLUTE: Array<(date: string) => string> = [
  (date) => `Bitte überweisen Sie den Rechnungsbetrag bis zum ${date} auf das unten genannte Konto.`,
  (date) => `Zahlbar bis spätestens ${date} ohne Abzug.`,
  (date) => `Wir bitten Sie, den Betrag bis ${date} zu überweisen.`,
  (date) => `Der Betrag ist am ${date} fällig.`,
];
const ABSOLUTE_ROWS = ['Fällig am', 'Zahlungsfrist', 'Fälligkeitsdatum', 'Zahlbar bis'];

/** Pick terms whose due date is a working day; null when this issue date cannot have such terms. */
export function paymentTerms(rng: Rng, issue: IsoDate, dateStyle: DateStyle, allowRelative = true): PaymentTerms | null {
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const mode = allowRelative ? rng.weighted([['relative', 4], ['weeks', 1], ['skonto', 1], ['english', 0.4], ['absolute', 3], ['row', 2]] as const) : rng.pick(['absolute', 'row'] as const);
    if (mode === 'weeks') {
      const weeks = rng.int(2, 4);
      const due = addDays(issue, weeks * 7);
      if (!isWorkingDay(due)) continue;
      const sentence = `Bitte überweisen Sie den Betrag innerhalb von ${WEEKS[weeks - 2]} Wochen ab dem Rechnungsdatum.`;
      return { due, wording: { kind: 'relative', days: weeks * 7, from: issue }, sentence, row: null };
    }
    if (mode === 'relative' || mode === 'skonto' || mode === 'english') {
      const days = mode === 'skonto' ? 30 : rng.pick([7, 10, 14, 14, 21, 30]);
      const due = addDays(issue, days);
      if (!isWorkingDay(due)) continue;
      const sentence =
        mode === 'skonto'
          ? `Bei Zahlung innerhalb von ${rng.pick([7, 10])} Tagen gewähren wir 2 % Skonto; ohne Abzug zahlbar innerhalb von ${days} Tagen ab Rechnungsdatum.`
          : mode === 'english'
            ? `Payment terms: ${days} days net from invoice date.`
            : rng.pick(RELATIVE)(days);
      return { due, wording: { kind: 'relative', days, from: issue }, sentence, row: null };
    }
    const due = addDays(issue, rng.pick([10, 14, 14, 20, 28, 30]));
    if (!isWorkingDay(due)) continue;
    const printed = formatDate(due, rng.chance(0.8) ? dateStyle : rng.pick(['numeric', 'long'] as const));
    if (mode === 'row') return { due, wording: { kind: 'absolute' }, sentence: null, row: [rng.pick(ABSOLUTE_ROWS), printed] };
    return { due, wording: { kind: 'absolute' }, sentence: rng.pick(ABSOLUTE)(printed), row: null };
  }
  return null;
}
