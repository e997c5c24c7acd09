/**
 * The contract terms the dev family prints, and the words it prints them with. Every scheme is
 * one that render/contract-terms.ts can settle; the truth's `last_cancellation_date` comes from
 * its `cancellation()`, never from here. `notice` is the exact phrase the letter prints (the
 * truth's `notice_period`).
 */
import type { Rng } from '../render/random.ts';
import type { Notice } from '../render/contract-terms.ts';
import { countWord } from './format.ts';

export type Scheme = 'renewal' | 'open' | 'any_day' | 'month_end' | 'quarter_end';

export interface Wording {
  /** The phrase in the nominative, for a "Kündigungsfrist:" row. */
  notice: string;
  /** A sentence with the notice in it ... */
  sentence: string;
  /** ... and the phrase as that sentence prints it (the truth when the letter prints the sentence only). */
  inSentence: string;
}

const months = (count: number, words: boolean) => (count === 1 ? (words ? 'einen Monat' : '1 Monat') : `${words ? countWord(count) : count} Monate`);
const weeks = (count: number, words: boolean) => `${words ? countWord(count) : count} Wochen`;
/** "mit einer Frist von ...": einem Monat, 3 Monaten, 14 Tagen. */
const dative = (phrase: string) => phrase.replace(/^einen Monat/, 'einem Monat').replace(/ Monate\b/, ' Monaten').replace(/ Tage\b/, ' Tagen');

function amount(notice: Notice, words: boolean): string {
  if (notice.unit === 'months') return months(notice.amount, words);
  if (notice.unit === 'weeks') return weeks(notice.amount, words);
  return `${notice.amount} Tage`;
}

const said = (notice: string, sentence: string, inSentence = notice): Wording => ({ notice, sentence, inSentence });

/** How the letter says the notice. */
export function noticeWording(rng: Rng, scheme: Scheme, notice: Notice, renewalMonths: number, minimumMonths: number, context: 'insurance' | 'club' | 'billing' | 'general'): Wording {
  const span = amount(notice, rng.chance(0.35));
  switch (notice.anchor) {
    case 'term_end': {
      const tail =
        context === 'insurance'
          ? rng.pick(['zum Ablauf des Versicherungsjahres', 'vor Ablauf der Vertragsdauer'])
          : context === 'club'
            ? rng.pick(['zum Ende des Geschäftsjahres', 'zum Ende des Kalenderjahres'])
            : context === 'billing'
              ? rng.pick(['zum Ende des Abrechnungszeitraums', 'vor Ablauf des jeweiligen Abrechnungsmonats'])
              : scheme === 'renewal'
                ? rng.pick(['zum Ende der jeweiligen Vertragslaufzeit', 'vor Ablauf der Vertragslaufzeit'])
                : rng.pick(['zum Ende der Mindestvertragslaufzeit', 'zum Ende der Erstlaufzeit', 'zum Ablauf der Mindestlaufzeit']);
      const notice = `${span} ${tail}`;
      const dat = `${dative(span)} ${tail}`;
      if (scheme === 'renewal') {
        const by = renewalMonths === 1 ? 'einen Monat' : renewalMonths === 12 ? rng.pick(['ein Jahr', '12 Monate']) : `${renewalMonths} Monate`;
        return rng.pick([
          said(notice, `Der Vertrag verlängert sich stillschweigend um jeweils ${by}, wenn er nicht mit einer Frist von ${dat} gekündigt wird.`, dat),
          said(notice, `Die Kündigungsfrist beträgt ${notice}. Ohne Kündigung verlängert sich der Vertrag automatisch um ${by}.`),
        ]);
      }
      return rng.pick([
        said(notice, `Die Kündigungsfrist beträgt ${notice}. Danach läuft der Vertrag auf unbestimmte Zeit weiter und kann jederzeit mit einer Frist von einem Monat gekündigt werden.`),
        said(notice, `Sie können den Vertrag mit einer Frist von ${dat} kündigen; nach Ablauf der Mindestlaufzeit ist er monatlich kündbar (Frist: ein Monat).`, dat),
      ]);
    }
    case 'any_day': {
      const notice = `jederzeit mit einer Frist von ${dative(span)}`;
      const earliest = minimumMonths > 0 ? ', frühestens zum Ende der Mindestlaufzeit' : '';
      return rng.pick([said(notice, `Sie können ${renewalMonths === 0 ? 'den Vertrag' : 'das Abonnement'} ${notice} kündigen${earliest}.`), said(notice, `Kündigung: ${notice}${earliest}.`)]);
    }
    case 'month_end': {
      const tail = rng.pick(['zum Monatsende', 'zum Ende eines Kalendermonats']);
      const notice = `${span} ${tail}`;
      const dat = `${dative(span)} ${tail}`;
      return rng.pick([said(notice, `Der Vertrag läuft auf unbestimmte Zeit und kann von beiden Seiten mit einer Frist von ${dat} gekündigt werden.`, dat), said(notice, `Die Kündigungsfrist beträgt ${notice}.`)]);
    }
    case 'quarter_end': {
      const tail = rng.pick(['zum Quartalsende', 'zum Ende eines Kalendervierteljahres']);
      const notice = `${span} ${tail}`;
      const dat = `${dative(span)} ${tail}`;
      return rng.pick([said(notice, `Eine Kündigung ist mit einer Frist von ${dat} möglich.`, dat), said(notice, `Die Kündigungsfrist beträgt ${notice}.`)]);
    }
  }
}

/** `24 Monate`, `2 Jahre`, `zwölf Monate`, `1 Jahr`, or `keine` for no minimum term. */
export function termWording(rng: Rng, months: number): string {
  if (months === 0) return 'keine';
  if (months % 12 === 0 && rng.chance(0.4)) return months === 12 ? '1 Jahr' : `${months / 12} Jahre`;
  return rng.chance(0.25) && months <= 12 ? `${countWord(months)} Monate` : `${months} Monate`;
}
