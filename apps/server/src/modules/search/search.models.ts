/**
 * Query handling for search. PostgreSQL brings its own German text search; for SQLite's FTS5, which
 * has no German stemmer, each word is normalised here (Snowball German stem, umlauts and ß folded)
 * and searched as a prefix, so "Rechnungen" finds "Rechnung" and "Häuser" finds "Haus".
 */
import snowball from 'snowball-stemmers';

const german = snowball.newStemmer('german');
export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';

export function queryWords(query: string): string[] {
  return (query.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/** An FTS5 MATCH expression: every word must occur, as its German stem or longer. */
export function fts5Query(query: string): string | undefined {
  const terms = queryWords(query)
    .map((word) => german.stem(word).normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/ß/g, 'ss'))
    .filter((stem) => stem.length > 0)
    .map((stem) => `"${stem.replace(/"/g, '')}"*`);
  return terms.length === 0 ? undefined : terms.join(' AND ');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the text of a snippet and turns the database's match markers into <mark> tags. */
export function toSnippetHtml(raw: string): string {
  return raw
    .replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character)
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words long enough that one typo is forgiven. */
export const TYPO_MIN_LENGTH = 6;

/** Whether two words are at most one insertion, deletion, substitution or swap of neighbours apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i); // insertion or deletion
}

/** The query with each long word that is not among `known` terms replaced by a known term one edit away. */
export function correctQuery(query: string, known: readonly string[]): string | undefined {
  const fold = (word: string) => word.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/ß/g, 'ss');
  const terms = new Set(known.map(fold));
  let changed = false;
  const words = queryWords(query).map((word) => {
    const folded = fold(word);
    if (folded.length < TYPO_MIN_LENGTH || terms.has(folded) || [...terms].some((term) => term.startsWith(german.stem(folded)))) return word;
    const candidate = [...terms].find((term) => term.length >= TYPO_MIN_LENGTH - 1 && withinOneEdit(folded, term));
    if (!candidate) return word;
    changed = true;
    return candidate;
  });
  return changed ? words.join(' ') : undefined;
}
