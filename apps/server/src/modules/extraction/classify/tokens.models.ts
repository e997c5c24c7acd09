/**
 * The words a document is classified by: lower-cased, split on anything that is not a letter
 * (hyphenated compounds give their parts), function words dropped, each word reduced to its
 * Snowball German stem ("Mahnungen" -> "mahnung", "Kündigungsfrist" -> "kundigungsfrist"; the
 * stemmer folds umlauts itself). English words go through the same stemmer: crude, but the same on
 * both sides of training and scoring, which is all a bag of words needs. Digits are no words: they
 * name invoices and dates, not kinds of documents.
 */
import snowball from 'snowball-stemmers';
import type { Layout } from '../text/layout.models.ts';
import { buildLayout, collapseLetterSpacing, repairSplitWords } from '../text/layout.models.ts';

const german = snowball.newStemmer('german');

export interface Token {
  /** The feature: a stem, or a `sender:` feature. */
  stem: string;
  /** The word as printed, for explanations. */
  word: string;
}

/** Words every letter has, whatever its kind (German and English function words, salutations). */
const STOPWORDS = new Set(
  `aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bitte da damit dann das dass dem den denen der des
  dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es euch euer für gegen
  hat hatte haben hier ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in ins ist ja jede jedem jeden jeder jedes kann kein keine
  können man mit muss nach nicht noch nun nur ob oder ohne sehr sein seine sich sie sind so solche soll sollen über um und uns unser
  unsere unserem unseren unserer vom von vor wann war waren was weil welche wenn werden wie wir wird wo wurde wurden zu zum zur zwischen
  geehrte geehrter geehrtes geehrten liebe lieber freundlichen grüßen gruß grüße herr frau damen herren mfg
  the and for with your you our this that are was were from have has will would can not all any but into its per than then them
  there they these those been being also dear regards sincerely mr mrs ms`
    .split(/\s+/)
    .filter(Boolean),
);

const WORD = /\p{L}+/gu;

/**
 * German builds document names as compounds ("Hausratversicherungsschein", "Abschlagsrechnung"),
 * which a bag of whole words sees as strangers. These parts are also counted on their own when a
 * longer word starts or ends with them, so a compound never seen still speaks for its kind.
 */
const PARTS = `rechnung abrechnung versicherung vertrag vertrags bescheid bescheinigung bestätigung rezept verordnung
  ausweis termin mahnung erinnerung gutschrift quittung steuer beitrag anpassung erhöhung police kündigung
  einladung untersuchung erstattung zahlung auszug mitteilung bestellung lieferung antrag aufforderung forderung
  gebühr kosten vereinbarung änderung verlängerung schaden leistung erlaubnis aufenthalt kranken arznei`
  .split(/\s+/)
  .filter(Boolean);
/** Parts that only end a compound: as a start they are other words ("Passwort", "Bonus", "Belegschaft"). */
const HEADS = ['pass', 'schein', 'bon', 'beleg', 'karte', 'frist', 'miete', 'laufzeit', 'ladung'];

function partsOf(lower: string): string[] {
  if (lower.length < 7) return [];
  const parts = PARTS.filter((part) => (lower.endsWith(part) && lower.length - part.length >= 3) || (lower.startsWith(part) && lower.length - part.length >= 4));
  for (const head of HEADS) if (lower.endsWith(head) && lower.length - head.length >= 3) parts.push(head);
  return parts;
}

const stem = (lower: string) => german.stem(lower).replace(/ß/g, 'ss');

/** The words of a text in reading order, with their stems (stop words and one- and two-letter words left out). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.normalize('NFC').matchAll(WORD)) {
    const word = match[0];
    const lower = word.toLowerCase();
    if (lower.length < 3 || STOPWORDS.has(lower)) continue;
    tokens.push({ stem: stem(lower), word });
    for (const part of partsOf(lower)) tokens.push({ stem: stem(part), word });
  }
  return tokens;
}

/**
 * A sender as one feature ("sender:stadtwerke musterstadt"): the seed knows none, so only a user's
 * corrections give it weight, which is how "documents from this sender are contracts" is learned.
 */
export function senderFeature(sender: string): string | undefined {
  const name = sender.normalize('NFC').toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim();
  return name === '' ? undefined : `sender:${name}`;
}

/** All of a laid-out document's words, letter-spaced headings and kerning splits repaired. */
export function layoutTokens(layout: Layout, sender?: string): Token[] {
  const read = (line: Layout['lines'][number]) => repairSplitWords(collapseLetterSpacing(line.text), layout);
  const tokens = tokenize(layout.lines.map(read).join('\n'));
  for (const line of layout.lines) {
    if (isHeadingLine(line)) for (const token of tokenize(read(line))) tokens.push({ stem: `^${token.stem}`, word: token.word });
  }
  const feature = sender === undefined ? undefined : senderFeature(sender);
  if (feature) tokens.push({ stem: feature, word: `sender ${sender}` });
  return tokens;
}

const TITLE_LINES = 20;

/**
 * A short line near the top of page 1 that is no sentence: a subject, a heading, a label. Its words
 * are also counted as heading words ("^mahnung"), which say more about a document than the same
 * words in its body (the seed's first lines are such subjects).
 */
function isHeadingLine(line: Layout['lines'][number]): boolean {
  return line.page === 1 && line.index < TITLE_LINES && line.text.split(/\s+/).length <= 8 && !/[\p{Ll}]{2,}[.!?]$/u.test(line.text);
}

/**
 * The features to train a correction with: exactly those `classify` scores the same text by, so the
 * learning loop (which stores a document's text and its sender) needs nothing else from here.
 */
export function documentFeatures(text: string, sender?: string): string[] {
  return distinctStems(layoutTokens(buildLayout(text), sender));
}

/** Each stem once: a word printed ten times (a table column) is no more evidence than once. */
export function distinctStems(tokens: readonly Token[]): string[] {
  return [...new Set(tokens.map((token) => token.stem))];
}
