/**
 * Contract terms per product and how a letter words them. Only combinations whose legal reading
 * is clear are generated (see holdout.cancellation.ts):
 * - consumer contracts concluded from 1 March 2022 (mobile, gym, energy, subscriptions): a notice of
 *   at most one month for the end of the minimum term, open-ended afterwards (BGB § 309 Nr. 9);
 * - insurance (exempt from § 309 Nr. 9): yearly renewal, notice of one or three months;
 * - contracts concluded before March 2022 ("legacy"): renewal by 12 months, notice up to 3 months
 *   (the former § 309 Nr. 9);
 * - no minimum term: cancellable any day, at a month end, or (clubs) at the end of a year.
 */
import type { ContractTerms, NoticePeriod } from '../holdout.cancellation.ts';
import { numberWord } from '../holdout.format.ts';
import type { Rng } from '../holdout.random.ts';

export type ContractKind = 'mobile' | 'gym' | 'energy' | 'insurance' | 'subscription' | 'club' | 'legacy';
export const CONTRACT_KINDS: readonly ContractKind[] = ['mobile', 'gym', 'energy', 'insurance', 'subscription', 'club', 'legacy'];

type Case = 'dat' | 'nom';

/** "einem Monat", "3 Monate", "vier Wochen", "30 Tagen"... */
export function noticeWords(notice: NoticePeriod, grammaticalCase: Case, digits: boolean): string {
  const { amount, unit } = notice;
  const count = digits ? String(amount) : numberWord(amount);
  if (unit === 'months') {
    if (amount === 1) return digits ? '1 Monat' : grammaticalCase === 'dat' ? 'einem Monat' : 'ein Monat';
    return `${count} ${grammaticalCase === 'dat' ? 'Monaten' : 'Monate'}`;
  }
  if (unit === 'weeks') return `${count} Wochen`;
  return `${count} ${grammaticalCase === 'dat' ? 'Tagen' : 'Tage'}`;
}

/** Terms for a product; `legacy` contracts began before March 2022. */
export function chooseTerms(rng: Rng, kind: ContractKind, start: string): ContractTerms {
  const months = (amount: number): NoticePeriod => ({ amount, unit: 'months' });
  const weeks = (amount: number): NoticePeriod => ({ amount, unit: 'weeks' });
  switch (kind) {
    case 'mobile':
      return { start, minimumTermMonths: rng.pick([24, 24, 12]), notice: rng.pick([months(1), weeks(4)]), anchor: { kind: 'open_ended' } };
    case 'gym':
      return { start, minimumTermMonths: rng.pick([6, 12, 12, 24]), notice: rng.pick([months(1), weeks(4), weeks(2)]), anchor: { kind: 'open_ended' } };
    case 'energy':
      return rng.chance(0.7)
        ? { start, minimumTermMonths: rng.pick([12, 24]), notice: rng.pick([months(1), weeks(4)]), anchor: { kind: 'open_ended' } }
        : { start, minimumTermMonths: 0, notice: weeks(2), anchor: { kind: 'any_day' } };
    case 'insurance':
      return { start, minimumTermMonths: rng.pick([12, 12, 36]), notice: rng.pick([months(3), months(1)]), anchor: { kind: 'term_end', renewalMonths: 12 } };
    case 'subscription':
      return rng.weighted([
        [{ start, minimumTermMonths: rng.pick([6, 12]), notice: rng.pick([months(1), weeks(4)]), anchor: { kind: 'open_ended' } }, 2],
        [{ start, minimumTermMonths: 0, notice: rng.pick([months(1), weeks(4), { amount: 30, unit: 'days' } as const]), anchor: { kind: 'any_day' } }, 1],
        [{ start, minimumTermMonths: 0, notice: months(1), anchor: { kind: 'month_end' } }, 2],
      ] as const);
    case 'club':
      return { start, minimumTermMonths: 0, notice: rng.pick([months(3), weeks(6), months(1)]), anchor: { kind: 'year_end' } };
    case 'legacy':
      return { start, minimumTermMonths: rng.pick([12, 24]), notice: rng.pick([months(3), months(1), weeks(6)]), anchor: { kind: 'term_end', renewalMonths: 12 } };
  }
}

export interface TermsText {
  /** Sentences or rows that state the notice rule. */
  sentences: string[];
  /** The notice phrase exactly as printed (the truth's notice_period). */
  phrase: string;
}

/** Word the cancellation rule. The start and the minimum term are printed by the caller. */
export function wordTerms(rng: Rng, terms: ContractTerms, product: string): TermsText {
  const digits = rng.chance(0.5);
  const dat = noticeWords(terms.notice, 'dat', digits);
  const nom = noticeWords(terms.notice, 'nom', digits);
  const anchor = terms.anchor;
  switch (anchor.kind) {
    case 'term_end': {
      const renewal = anchor.renewalMonths === 12 ? rng.pick(['ein Jahr', 'zwölf Monate', '12 Monate']) : `${anchor.renewalMonths} Monate`;
      return rng.pick([
        { phrase: `${dat} zum Ende der jeweiligen Vertragslaufzeit`, sentences: [`Wird der ${product} nicht mit einer Frist von ${dat} zum Ende der jeweiligen Vertragslaufzeit gekündigt, verlängert er sich um jeweils ${renewal === 'ein Jahr' ? 'ein weiteres Jahr' : `weitere ${renewal}`}.`] },
        { phrase: `${nom} vor Ablauf`, sentences: [`Der ${product} verlängert sich stillschweigend um ${renewal}, wenn er nicht spätestens ${nom} vor Ablauf gekündigt wird.`] },
        { phrase: `${nom} zum Ende der Laufzeit`, sentences: [`Verlängerung: jeweils um ${renewal}`, `Kündigungsfrist: ${nom} zum Ende der Laufzeit`] },
      ]);
    }
    case 'open_ended': {
      const phrase = rng.pick([`${dat} zum Ende der Mindestvertragslaufzeit`, `${dat} zum Ablauf der Mindestlaufzeit`]);
      return {
        phrase,
        sentences: [
          `Eine Kündigung ist erstmals mit einer Frist von ${phrase} möglich.`,
          rng.pick([
            'Danach läuft der Vertrag auf unbestimmte Zeit weiter und kann jederzeit mit einer Frist von einem Monat gekündigt werden.',
            'Im Anschluss verlängert sich der Vertrag auf unbestimmte Zeit; er ist dann jederzeit mit einmonatiger Frist kündbar.',
          ]),
        ],
      };
    }
    case 'any_day':
      return rng.pick([
        { phrase: `jederzeit mit einer Frist von ${dat}`, sentences: [`Der ${product} hat keine Mindestlaufzeit und kann jederzeit mit einer Frist von ${dat} gekündigt werden.`] },
        { phrase: `${nom}, jederzeit`, sentences: ['Mindestlaufzeit: keine', `Kündigungsfrist: ${nom}, jederzeit`] },
      ]);
    case 'month_end':
      return rng.pick([
        { phrase: `${dat} zum Monatsende`, sentences: [`Es gilt keine Mindestlaufzeit. Sie können mit einer Frist von ${dat} zum Monatsende kündigen.`] },
        { phrase: `${dat} zum Ende eines Kalendermonats`, sentences: [`Ohne Mindestlaufzeit; kündbar mit einer Frist von ${dat} zum Ende eines Kalendermonats.`] },
      ]);
    case 'year_end':
      return rng.pick([
        { phrase: `${dat} zum Ende des Kalenderjahres`, sentences: ['Eine Mindestmitgliedsdauer besteht nicht.', `Der Austritt ist mit einer Frist von ${dat} zum Ende des Kalenderjahres schriftlich zu erklären.`] },
        { phrase: `${nom} zum Jahresende`, sentences: ['Es gibt keine Mindestdauer der Mitgliedschaft.', `Kündigungsfrist laut Satzung: ${nom} zum Jahresende.`] },
      ]);
  }
}
