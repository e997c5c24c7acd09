/**
 * The first term of a contract, its start and what a renewal adds, read from one clause. The
 * phrases and the choices are listed in `notice.models.ts`.
 */
import { findDates } from '../text/dates.models.ts';
import { termEnd } from './periods.models.ts';
import { lookAhead, lookBack, quantities, type Quantity } from './phrases.models.ts';

/** Ten years: longer terms are not what a consumer contract says. */
export const MAX_TERM_MONTHS = 120;

const START_LABEL = /(?<!\p{L})(?:\p{L}{2,}(?:beginn|start)|Vertragsanfang|Bereitstellung(?:sdatum)?|Belieferung|Lieferung|Freischaltung|Aktivierung|(?:Start|Beginn)\s+(?:Ihre[sr]?|des|der)\s+\p{L}{2,}|Mitglied\s+seit|(?:besteht|läuft)\s+(?:bereits\s+)?seit(?:\s+dem)?|Beginn(?:\s+(?:des\s+Vertrag(?:e)?s|der\s+(?:Vertrags)?laufzeit|der\s+Mitgliedschaft))?|Startdatum|(?:contract\s+)?start\s+date|commencement\s+date|effective\s+date|(?:der\s+Vertrag\s+)?(?:beginnt|startet)|(?:commences|begins|starts))(?!\p{L})(?:\s*[:\-–]|\s+(?:am|ab(?:\s+dem)?|zum|mit\s+dem|on|as\s+of|from))*\s*/giu;
const TERM_RANGE = /(?<!\p{L})(?:(?:Vertrags)?laufzeit|Vertragszeitraum|term)(?:\s*[:\-–]|\s+(?:vom|von|from))*\s*/giu;
const RANGE_JOIN = /^\s*(?:-|–|bis(?:\s+(?:zum|einschließlich))?|to|until)\s*/iu;

export function startIn(clause: string): { start_date: string; minimum_term_months?: number } | undefined {
  for (const label of clause.matchAll(TERM_RANGE)) {
    const rest = lookAhead(clause, label.index + label[0].length, 80);
    const [first] = findDates(rest);
    if (!first || first.start !== 0) continue;
    const join = RANGE_JOIN.exec(rest.slice(first.end));
    const second = join ? findDates(rest.slice(first.end + join[0].length))[0] : undefined;
    if (!second || second.start !== 0 || second.iso <= first.iso) continue;
    const months = Array.from({ length: MAX_TERM_MONTHS }, (_, i) => i + 1).find((m) => termEnd(first.iso, m) === second.iso);
    return months ? { start_date: first.iso, minimum_term_months: months } : { start_date: first.iso };
  }
  for (const label of clause.matchAll(START_LABEL)) {
    const [date] = findDates(lookAhead(clause, label.index + label[0].length, 40));
    if (date && date.start === 0) return { start_date: date.iso };
  }
  return undefined;
}

const TERM_BEFORE = /(?<!\p{L})(?:Mindest(?:vertrags)?laufzeit|Mindestvertragsdauer|Mindestdauer|Vertragslaufzeit|Erstlaufzeit|Grundlaufzeit|Laufzeit|Vertragsdauer|Mindestbindung(?:sfrist)?|Bindungsfrist|(?:für\s+(?:die|eine)\s+)?Dauer|(?:minimum|initial|fixed)\s+(?:contract\s+)?term|contract\s+term|term)(?:\s*\([^)]{0,30}\))?(?:\s*[:\-–]|\s+(?:beträgt|betragen|von|of|is|zunächst|mindestens|insgesamt|at\s+least|initially|des\s+Vertrag(?:e)?s|der\s+Mitgliedschaft))*\s*$/iu;
const TERM_AFTER = /^[\s-]*(?:feste\s+|fixed\s+)?(?:Mindest(?:vertrags)?laufzeit|(?:Vertrags)?laufzeit|Mindestbindung|minimum\s+term|initial\s+term|contract\s+term)(?!\p{L})/iu;
const CONCLUDED_FOR = { before: /(?:für|for)\s+$/iu, after: /^\s+(?:fest\s+)?(?:ab)?geschlossen|^\s+(?:concluded|entered)/iu };

export function minimumTermIn(clause: string): number | undefined {
  for (const token of quantities(clause)) {
    const months = termMonths(token);
    if (!months) continue;
    const before = lookBack(clause, token.start).text;
    const after = lookAhead(clause, token.end);
    if (TERM_BEFORE.test(before) || TERM_AFTER.test(after) || (CONCLUDED_FOR.before.test(before) && CONCLUDED_FOR.after.test(after))) {
      return months;
    }
  }
  return undefined;
}

function termMonths(token: Quantity): number | undefined {
  const months = token.unit === 'years' ? token.amount * 12 : token.unit === 'months' ? token.amount : 0;
  return months >= 1 && months <= MAX_TERM_MONTHS ? months : undefined;
}

const FILLERS = String.raw`(?:(?:jeweils|automatisch|stillschweigend|weitere[nsmr]?|successive|additional|further|consecutive|periods?\s+of|terms?\s+of)\s+)*`;
const RENEWAL_BEFORE = new RegExp(
  String.raw`(?:verl[äa]nger(?:t|n)(?:\s+\p{L}+){0,3}?\s+sich(?!\p{L})[^.;!?]{0,80}?(?<!\p{L})(?:um|für)|(?<!\p{L})Verlängerung(?:szeitraum|slaufzeit|speriode)?(?:\s*[:\-–]|\s+(?:um|von|beträgt|jeweils|automatisch|stillschweigend))*|renew(?:s|ed|al)?(?!\p{L})[^.;!?]{0,60}?(?<!\p{L})for|renewal\s+(?:term|period)(?:\s*[:\-–]|\s+(?:of|is))*|extended(?!\p{L})[^.;!?]{0,40}?(?<!\p{L})by)\s+${FILLERS}$`,
  'iu',
);
const RENEWED_PASSIVE = { before: new RegExp(String.raw`(?<!\p{L})um\s+${FILLERS}$`, 'iu'), after: /^\s+(?:[\p{L}]+\s+){0,2}?verlängert(?!\p{L})/iu };
const INDEFINITE = /verl[äa]nger(?:t|n)(?:\s+\p{L}+){0,3}?\s+sich(?!\p{L})[^.;!?]{0,80}?(?:auf\s+unbestimmte\s+Zeit|unbefristet)|(?:danach|anschließend|im\s+Anschluss|läuft|gilt)(?!\p{L})[^.;!?]{0,60}?(?:auf\s+unbestimmte\s+Zeit|unbefristet)|auf\s+unbestimmte\s+Zeit\s+(?:weiter|fort)|nach\s+(?:Ablauf\s+)?(?:der|dem|des)\s+\p{L}*(?:laufzeit|vertragsjahr|zeitraum)(?!\p{L})[^.;!?]{0,60}?(?:monatlich|jederzeit)\s+kündbar|(?:auf\s+unbestimmte\s+Zeit|unbefristet)\s+verlängert|Verlängerung\s+auf\s+unbestimmte\s+Zeit|renew(?:s|ed)?(?!\p{L})[^.;!?]{0,60}?(?:indefinitely|for\s+an\s+indefinite\s+period)|continues?\s+(?:indefinitely|for\s+an\s+indefinite\s+period)/iu;
const RENEWAL_ADVERB = /verl[äa]nger(?:t|n)(?:\s+\p{L}+){0,3}?\s+sich(?!\p{L})[^.;!?]{0,60}?(?<!\p{L})(?:jeweils\s+)?(monatlich|vierteljährlich|quartalsweise|jährlich|von\s+Jahr\s+zu\s+Jahr|von\s+Monat\s+zu\s+Monat)(?!\p{L})|renews?\s+(?:automatically\s+)?(monthly|quarterly|annually|yearly)|(month-to-month)/iu;
const ADVERB_MONTHS: Record<string, number> = { monatlich: 1, 'von monat zu monat': 1, vierteljährlich: 3, quartalsweise: 3, jährlich: 12, 'von jahr zu jahr': 12, monthly: 1, 'month-to-month': 1, quarterly: 3, annually: 12, yearly: 12 };

export function renewalIn(clause: string): { value: number | 'indefinite'; at: number } | undefined {
  const found: { value: number | 'indefinite'; at: number }[] = [];
  for (const token of quantities(clause)) {
    const months = termMonths(token);
    const before = lookBack(clause, token.start).text;
    if (months && (RENEWAL_BEFORE.test(before) || (RENEWED_PASSIVE.before.test(before) && RENEWED_PASSIVE.after.test(lookAhead(clause, token.end))))) {
      found.push({ value: months, at: token.start });
    }
  }
  // Positions of the words that say how long, so "um 12 Monate, danach auf unbestimmte Zeit" is 12.
  const indefinite = INDEFINITE.exec(clause);
  if (indefinite) found.push({ value: 'indefinite', at: indefinite.index + indefinite[0].length });
  const adverb = RENEWAL_ADVERB.exec(clause);
  const word = adverb?.[1] ?? adverb?.[2] ?? adverb?.[3];
  const months = word ? ADVERB_MONTHS[word.toLowerCase().replace(/\s+/gu, ' ')] : undefined;
  if (adverb && word && months) found.push({ value: months, at: adverb.index + adverb[0].length - word.length });
  return found.sort((p, q) => p.at - q.at)[0];
}

/**
 * The end the letter itself names: "Nächstmögliches Vertragsende: 9. Juni 2026", "Ihr Vertrag endet
 * frühestens am 30.09.2026", "earliest possible end date: ...". The sender knows its contract better
 * than a computation from start and term can.
 */
const STATED_END = /(?<!\p{L})(?:(?:nächstmöglich|frühestmöglich|frühestens\s+möglich)\p{L}*\s+(?:Vertragsende|Laufzeitende|Vertragsablauf|Kündigungstermin|Beendigungstermin|Ende\s+(?:Ihre[sr]\s+|des\s+|der\s+)?\p{L}*(?:vertrag(?:e)?s|laufzeit|mitgliedschaft|abonnements))|(?:Vertrag|Abonnement|Abo|Mitgliedschaft|Versicherung)\s+endet\s+(?:frühestens|regulär|nächstmöglich)\s+(?:am|zum|mit\s+Ablauf\s+des)|(?:earliest|next)\s+(?:possible\s+)?(?:end|termination|expiry)\s+date)(?:\s*[:\-–]|\s+(?:ist|is|am|zum|on|der|des))*\s*/giu;

export function statedEndIn(clause: string): string | undefined {
  for (const label of clause.matchAll(STATED_END)) {
    const [date] = findDates(lookAhead(clause, label.index + label[0].length, 40));
    if (date && date.start === 0) return date.iso;
  }
  return undefined;
}

/** "zum Ende der jeweiligen Vertragslaufzeit", "the then-current term": the term repeats. */
const RECURRING_TERM = /(?<!\p{L})jeweilig\p{L}*\s+(?:Vertrags|Mindest)?(?:laufzeit|dauer)(?!\p{L})|(?:then[- ]current|respective|each)\s+(?:contract\s+|renewal\s+|subscription\s+)?term(?!\p{L})/iu;

/** The notice counts to the end of whichever term is running: the contract renews by its term. */
export function saysTermRecurs(text: string): boolean {
  return RECURRING_TERM.test(text);
}

const NO_MINIMUM = /(?:keine|ohne)\s+Mindest(?:vertrags)?(?:laufzeit|dauer)|(?:Mindest(?:vertrags)?(?:laufzeit|dauer)|Vertragsdauer)\s*:?\s+(?:keine|entfällt)(?!\p{L})|no\s+minimum\s+term/iu;

/** The text says the contract has no minimum term ("keine Mindestlaufzeit", "Mindestlaufzeit: keine"). */
export function saysNoMinimumTerm(text: string): boolean {
  return NO_MINIMUM.test(text);
}

/** The quantity that follows `before` is a term or a renewal, not a notice period. */
export function namesTermOrRenewal(before: string): boolean {
  return TERM_BEFORE.test(before) || RENEWAL_BEFORE.test(before);
}
