/**
 * Whether a text is a dunning letter, and which stage: 0 payment reminder (Zahlungserinnerung),
 * 1..3 numbered Mahnung ("letzte Mahnung" = 3), 4 a collection agency's or lawyer's letter.
 *
 * A letter names its stage in a heading (the subject line, the title, "Mahnstufe: 2" in the
 * information block) or says it of itself ("Dies ist unsere letzte Mahnung"). Words in a sentence
 * about something else do not count: an invoice's terms ("je Mahnung 5,00 €"), a threat ("andernfalls
 * übergeben wir die Forderung einem Inkassobüro"), earlier stages ("unsere Zahlungserinnerung vom
 * 10.01. blieb unbeantwortet"). And a letter must say that money is owed and late; a contract's
 * clause "Verzug und Mahnung" or an appointment "Erinnerung" is not a dunning letter.
 *
 * English stages: "payment/friendly reminder" 0; "first/second/third reminder" 1..3 (the English
 * word for Mahnung); "final notice/reminder/demand" 3. A numbered German "Zahlungserinnerung" is
 * the first stage's repetition: "2. Zahlungserinnerung" is 1.
 */
import type { Layout, Line } from '../text/layout.models.ts';
import { collapseLetterSpacing } from '../text/layout.models.ts';
import { CLAIM, MONEY, NOT_THIS_LETTER, words } from './phrases.models.ts';
import type { Unit } from './units.models.ts';

export interface LevelReading {
  level: number;
  confidence: number;
  /** The words the stage was read from. */
  cue: string;
}

interface Stage {
  level: number;
  /** How sure the words alone make the stage, as a heading. */
  weight: number;
  /** Numbered stages and collection words say more than a bare "Mahnung". */
  specific: boolean;
  cue: string;
}

const ORDINALS: Record<string, number> = {
  erste: 1, zweite: 2, dritte: 3, vierte: 4, fünfte: 5, fuenfte: 5, funfte: 5, first: 1, second: 2, third: 3, '1st': 1, '2nd': 2, '3rd': 3,
  letzte: 3, allerletzte: 3, final: 3, last: 3,
};

const NUMBERED = words(
  String.raw`(?<![\p{L}\d])(?:(\d)\s?\.|(erste|zweite|dritte|vierte|fünfte|allerletzte|letzte|first|second|third|1st|2nd|3rd|final|last)[nrs]?)\s*(?:(?:und|and)\s+(letzte|final)[nrs]?\s+)?(Mahnung|Zahlungserinnerung|Erinnerung|Zahlungsaufforderung|Aufforderung|payment\s+reminder|reminder|notice|demand)(?![\p{L}])`,
);
const MAHNSTUFE = words(String.raw`(?<![\p{L}])(?:Mahnstufe|Mahnebene|Mahnlevel|Mahnung\W{0,3}Stufe|Mahnung\s+Nr\.?|Dunning\s+level)\s*:?\s*(\d)(?![\d./-])`);
const COLLECTION_HEADING = words(String.raw`(?<![\p{L}])(?:Inkasso\p{L}*|debt\s+collection|collection\s+agency|collections?\s+notice)(?![\p{L}])`);
const COURT = words(String.raw`(?<![\p{L}])Mahnbescheid(?![\p{L}])`);
const PLAIN_MAHNUNG = words(String.raw`(?<![\p{L}])(?:Mahnung|Mahnschreiben|Zahlungsmahnung|Dunning\s+(?:letter|notice)|Overdue\s+notice|Past\s+due\s+notice)(?![\p{L}])`);
const DEMAND = words(String.raw`(?<![\p{L}])Zahlungsaufforderung(?![\p{L}])`);
const REMINDER = words(String.raw`(?<![\p{L}])(?:Zahlungs-?\s?erinnerung|freundliche\s+Erinnerung|Zahlungshinweis|payment\s+reminder|friendly\s+reminder|reminder\s+of\s+payment)(?![\p{L}])`);
const GENERIC_REMINDER = words(String.raw`(?<![\p{L}])(?:Erinnerung|reminder)(?![\p{L}])`);

/** The stage the words name, most specific reading first. */
export function stageOf(text: string): Stage | undefined {
  const numbered = NUMBERED.exec(text);
  if (numbered) {
    const [cue, digit, word, andLast, noun = ''] = numbered;
    const named = (word ?? '').toLowerCase();
    const last = andLast !== undefined || /letzte|final|last/.test(named);
    const ordinal = digit ? Number(digit) : ORDINALS[named] ?? 1;
    // "1. Zahlungserinnerung" is the friendly reminder; English "reminder" translates "Mahnung".
    const german = /erinnerung/i.test(noun);
    const level = last ? 3 : Math.min(3, german ? Math.max(0, ordinal - 1) : Math.max(1, ordinal));
    return { level, weight: 0.9, specific: true, cue };
  }
  const stufe = MAHNSTUFE.exec(text);
  if (stufe) return { level: Math.min(3, Number(stufe[1])), weight: 0.9, specific: true, cue: stufe[0] };
  const collection = COLLECTION_HEADING.exec(text);
  if (collection) return { level: 4, weight: 0.85, specific: true, cue: collection[0] };
  const court = COURT.exec(text);
  if (court) return { level: 4, weight: 0.6, specific: true, cue: court[0] };
  const plain = PLAIN_MAHNUNG.exec(text);
  if (plain) return { level: 1, weight: 0.7, specific: false, cue: plain[0] };
  const demand = DEMAND.exec(text);
  if (demand) return { level: 1, weight: 0.6, specific: false, cue: demand[0] };
  const reminder = REMINDER.exec(text);
  if (reminder) return { level: 0, weight: 0.88, specific: false, cue: reminder[0] };
  const generic = GENERIC_REMINDER.exec(text);
  if (generic) return { level: 0, weight: 0.65, specific: false, cue: generic[0] };
  return undefined;
}

const CHARGE_WORD = words(String.raw`gebühr|kosten|spesen|pauschale|zinsen|\bfee|charge`);
const SUBJECT_PREFIX = /^(?:Betreff|Betr\.?|Subject|Re|Ref|Thema|Angelegenheit|Vorgang)\s*:\s*/i;

/** A title, subject line or information-block cell naming the letter's stage. */
function headingStage(layout: Layout, line: Line, widths: number[]): Stage | undefined {
  if (line.page !== 1 || /^§/.test(line.text)) return undefined;
  const previous = layout.lines[line.pos - 1];
  const long = (item: Line) => item.text.length >= 0.55 * (widths[0] ?? 0);
  // The line goes on a sentence the full-width line above left open: "Trotz unserer Erinnerung und / 1. Mahnung vom ...".
  if (previous && previous.page === line.page && previous.cells.length === 1 && line.cells.length === 1
    && long(previous) && !/[.:!?]$/.test(previous.text) && (long(line) || /[.!?]$/.test(line.text))) return undefined;
  for (const cell of line.cells) {
    const text = collapseLetterSpacing(cell.text).replace(SUBJECT_PREFIX, '');
    const count = text.split(/\s+/).length;
    // A sentence or a question ("Mahnung erhalten? Was Sie jetzt tun sollten") is no title.
    if (count > 12 || (count > 4 && /\.$/.test(text)) || text.includes('?')) continue;
    const stage = stageOf(text);
    if (!stage) continue;
    // "Mahngebühr je Mahnung", "keine Mahnung", "Letzte Mahnung vor Übergabe an Inkasso": only the words up to the cue count.
    const upToCue = text.slice(0, text.indexOf(stage.cue) + stage.cue.length);
    // "Mahngebühr 1. Mahnung   2,50 €" is a row of charges for an earlier stage.
    if (NOT_THIS_LETTER.test(upToCue) || CHARGE_WORD.test(upToCue.slice(0, -stage.cue.length))) continue;
    return stage;
  }
  return undefined;
}

const SELF_REFERENCE = words(
  String.raw`(?:dies\s+ist|erhalten\s+Sie(?:\s+(?:hiermit|heute|nun))?|hiermit\s+erhalten\s+Sie|(?:über)?senden\s+wir\s+Ihnen(?:\s+hiermit)?|this\s+is)\s+(?:(?:bereits|nun|jetzt|hiermit)\s+)?(?:unsere|die|eine|our|a|the|your)\s+`,
);
const MAHNEN = words(String.raw`mahnen\s+wir\s+(?:Sie\s+)?(?:hiermit\s+)?(?:zum\s+(zweiten|dritten|letzten)\s+Mal|(letztmalig|letztmals))`);
const LAST_TIME = words(String.raw`(?:fordern|bitten)\s+wir\s+Sie\s+(?:hiermit\s+)?(?:letztmalig|letztmals|ein\s+letztes\s+Mal)`);
const REMIND_SENTENCE = words(
  String.raw`(?:möchten|dürfen|erlauben)\s+(?:wir\s+)?(?:uns\s+)?(?:,\s*)?(?:Sie\s+)?(?:\p{L}+\s+){0,6}?(?:erinnern|hinweisen)|erinnern\s+wir\s+Sie|(?:vielleicht|möglicherweise)\s+(?:\p{L}+\s+){0,4}?(?:übersehen|entgangen)|we\s+would\s+like\s+to\s+remind|this\s+is\s+a\s+(?:friendly\s+)?reminder`,
);
const INVOICE_WORDS = words(String.raw`Rechnung|Zahlung|Betrag|Beitrag|invoice|payment|balance`);

/** A sentence in which the letter names its own stage. */
function sentenceStage(unit: Unit): Stage | undefined {
  if (unit.columns) return undefined;
  const self = SELF_REFERENCE.exec(unit.text);
  if (self) {
    const stage = stageOf(unit.text.slice(self.index + self[0].length, self.index + self[0].length + 60));
    if (stage && !NOT_THIS_LETTER.test(unit.text.slice(0, self.index))) return { ...stage, weight: stage.weight - 0.05 };
  }
  const mahnen = MAHNEN.exec(unit.text) ?? LAST_TIME.exec(unit.text);
  if (mahnen) return { level: mahnen[1] && /zweit/i.test(mahnen[1]) ? 2 : 3, weight: 0.75, specific: true, cue: mahnen[0] };
  const remind = REMIND_SENTENCE.exec(unit.text);
  if (remind && INVOICE_WORDS.test(unit.text) && !NOT_THIS_LETTER.test(unit.text)) return { level: 0, weight: 0.6, specific: false, cue: remind[0] };
  return undefined;
}

interface CollectionCue {
  id: string;
  points: number;
  pattern: RegExp;
}

/** Words of a collection agency's or lawyer's letter; two strong ones, or one and a weak one, make stage 4. */
const COLLECTION_CUES: CollectionCue[] = [
  { id: 'inkasso', points: 2, pattern: words(String.raw`(?<![\p{L}])Inkasso`) },
  { id: 'client', points: 2, pattern: words(String.raw`(?:im\s+(?:Namen\s+und\s+)?Auftrag|namens\s+und\s+in\s+Vollmacht)\s+(?:\p{L}+\s+){0,3}?(?:unserer|unseres)\s+(?:Mandant|Auftraggeber|Gläubiger)|(?:unsere|unser|unserer|unseres)\s+(?:Mandantin|Mandanten|Auftraggeberin|Auftraggebers?)(?![\p{L}])|on\s+behalf\s+of\s+our\s+client`) },
  // A creditor may head its own charges so too.
  { id: 'statement', points: 1, pattern: words(String.raw`Forderungsaufstellung|Forderungsübersicht|statement\s+of\s+claim`) },
  { id: 'mandate', points: 2, pattern: words(String.raw`(?:hat|haben)\s+uns\s+(?:\p{L}+\s+){0,4}?(?:Einzug|Einziehung|Beitreibung|Wahrnehmung\s+ihrer\s+Interessen)|zeigen\s+(?:wir\s+)?(?:Ihnen\s+)?an,?\s+dass\s+wir|(?:anwaltlich|rechtlich)\s+vertreten|vertreten\s+(?:wir\s+)?die\s+(?:rechtlichen\s+)?Interessen|Rechtsdienstleistungsregister|registrierte[rs]?\s+(?:Inkasso|Rechtsdienstleist)|\bRDG\b`) },
  { id: 'principal', points: 1, pattern: words(String.raw`Hauptforderung`) },
  { id: 'creditor', points: 1, pattern: words(String.raw`(?<![\p{L}])(?:Gläubiger(?:in)?|Auftraggeber(?:in)?)\s*:|Forderungsinhaber|abgetreten|Abtretung|Forderungsmanagement`) },
  { id: 'file', points: 1, pattern: words(String.raw`(?<![\p{L}])(?:Unser\s+)?(?:Aktenzeichen|Az\.)|Schuldner(?:in)?\s*:`) },
  { id: 'expenses', points: 1, pattern: words(String.raw`Auslagenpauschale|Kontoführungsgebühr|Einigungsgebühr|Geschäftsgebühr|Vergütung\s+(?:nach|gem)`) },
];

function collectionScore(units: Unit[], headings: Stage[]): { score: number; cue?: string } {
  const found = new Map<string, { points: number; cue: string }>();
  for (const stage of headings) {
    if (stage.level !== 4) continue;
    found.set('heading', { points: 2, cue: stage.cue });
    // The agency's name in the letterhead is one piece of evidence, not two.
    if (/inkasso/i.test(stage.cue)) found.set('inkasso', { points: 0, cue: stage.cue });
  }
  for (const unit of units) {
    for (const cue of COLLECTION_CUES) {
      const match = cue.pattern.exec(unit.text);
      if (!match || found.has(cue.id)) continue;
      // The threat of a collection agency is a creditor's words, not the agency's.
      if (NOT_THIS_LETTER.test(unit.text)) continue;
      found.set(cue.id, { points: cue.points, cue: match[0] });
    }
  }
  const strongest = [...found.values()].sort((p, q) => q.points - p.points)[0];
  // Weak words alone (a file number, "Hauptforderung", a creditor's "Forderungsmanagement") are an authority's or creditor's too.
  const score = strongest && strongest.points >= 2 ? [...found.values()].reduce((sum, item) => sum + item.points, 0) : 0;
  return { score, cue: strongest?.cue };
}

export function findLevel(layout: Layout, units: Unit[]): LevelReading | undefined {
  if (!units.some((unit) => CLAIM.test(unit.text) && MONEY.test(unit.text))) return undefined;
  // General terms and contracts print "Verzug und Mahnung" as section headings: only the letter's own words count there.
  const contractLike = layout.lines.filter((line) => /^(?:§|Art\.\s*\d|Ziffer\s*\d)/.test(line.text)).length >= 3;
  const widths = layout.pages.map((page) => Math.max(0, ...page.filter((line) => line.cells.length === 1).map((line) => line.text.length)));
  const headings = contractLike ? [] : layout.lines.flatMap((line) => headingStage(layout, line, widths) ?? []);
  const sentences = units.flatMap((unit) => sentenceStage(unit) ?? []);

  const collection = collectionScore(units, headings);
  if (collection.score >= 3) return { level: 4, confidence: collection.score >= 5 ? 0.9 : 0.8, cue: collection.cue ?? 'Inkasso' };

  // A numbered stage beats a bare "Mahnung", wherever the letter says it; then the heading beats the sentence.
  const [best] = [...headings, ...sentences].sort((p, q) => Number(q.specific) - Number(p.specific) || q.weight - p.weight);
  if (!best) return undefined;
  let confidence = best.weight;
  const rivals = [...headings, ...sentences].filter((stage) => stage.specific === best.specific && stage.level !== best.level);
  if (rivals.length > 0) confidence -= 0.2;
  else if (sentences.some((stage) => stage.level === best.level) && headings.some((stage) => stage.level === best.level)) confidence += 0.03;
  return { level: best.level, confidence: Math.round(Math.min(0.93, confidence) * 100) / 100, cue: best.cue };
}
