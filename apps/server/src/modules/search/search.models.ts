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
