import type { SearchRepository } from './search.repository.ts';
import { toSnippetHtml } from './search.models.ts';

const MAX_RESULTS = 100;

export function createSearchUsecases({ repository }: { repository: SearchRepository }) {
  async function search(userId: string, query: { q: string; page: number; page_size: number }) {
    const [text, senders] = await Promise.all([repository.search(userId, query.q, MAX_RESULTS), repository.bySender(userId, query.q, MAX_RESULTS)]);
    const seen = new Set(text.map((hit) => `${hit.kind}:${hit.id}`));
    const hits = [...text, ...senders.filter((hit) => !seen.has(`${hit.kind}:${hit.id}`))].slice(0, MAX_RESULTS);
    const start = (query.page - 1) * query.page_size;
    return {
      total: hits.length,
      page: query.page,
      page_size: query.page_size,
      results: hits.slice(start, start + query.page_size).map((hit) => ({ ...hit, snippet: toSnippetHtml(hit.snippet) })),
    };
  }
  return { search };
}

export type SearchUsecases = ReturnType<typeof createSearchUsecases>;
