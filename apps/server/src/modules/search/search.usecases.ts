import type { SearchRepository } from './search.repository.ts';
import { correctQuery, queryWords, toSnippetHtml, TYPO_MIN_LENGTH } from './search.models.ts';

const MAX_RESULTS = 100;

export function createSearchUsecases({ repository }: { repository: SearchRepository }) {
  async function search(userId: string, query: { q: string; page: number; page_size: number }) {
    const [found, senders] = await Promise.all([repository.search(userId, query.q, MAX_RESULTS), repository.bySender(userId, query.q, MAX_RESULTS)]);
    let text = found;
    let corrected: string | undefined;
    if (text.length === 0 && senders.length === 0) {
      // Nothing found: forgive one typo in each longer word, using the words the user's texts contain.
      const long = queryWords(query.q).filter((word) => word.length >= TYPO_MIN_LENGTH);
      const known = (await Promise.all(long.map((word) => repository.termsLike(userId, word)))).flat();
      corrected = correctQuery(query.q, known);
      if (corrected) text = await repository.search(userId, corrected, MAX_RESULTS);
      // On SQLite the word list is the whole instance's: a correction that finds none of the user's
      // own rows is not shown, so it cannot reveal a word from another user's texts.
      if (text.length === 0) corrected = undefined;
    }
    const seen = new Set(text.map((hit) => `${hit.kind}:${hit.id}`));
    const hits = [...text, ...senders.filter((hit) => !seen.has(`${hit.kind}:${hit.id}`))].slice(0, MAX_RESULTS);
    const start = (query.page - 1) * query.page_size;
    return {
      ...(corrected ? { corrected_query: corrected } : {}),
      total: hits.length,
      page: query.page,
      page_size: query.page_size,
      results: hits.slice(start, start + query.page_size).map((hit) => ({ ...hit, snippet: toSnippetHtml(hit.snippet) })),
    };
  }
  return { search };
}

export type SearchUsecases = ReturnType<typeof createSearchUsecases>;
