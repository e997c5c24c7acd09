import { describe, expect, it } from 'vitest';
import { fts5Query, MARK_END, MARK_START, toSnippetHtml } from './search.models.ts';

describe('search queries for SQLite', () => {
  it.each([
    ['Rechnungen', '"rechnung"*'],
    ['Häuser', '"haus"*'],
    ['Kündigung Fitnessstudio', '"kundig"* AND "fitnessstudio"*'],
    ['Straße', '"strass"*'],
    ['"drop table"; --', '"drop"* AND "tabl"*'],
    ['  ', undefined],
  ])('%s -> %s', (query, expected) => {
    expect(fts5Query(query)).toBe(expected);
  });
});

describe('snippets', () => {
  it('escape the text and mark the matches', () => {
    expect(toSnippetHtml(`Ihre ${MARK_START}Rechnung${MARK_END} <script>alert(1)</script> & mehr`)).toBe('Ihre <mark>Rechnung</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr');
  });
});
