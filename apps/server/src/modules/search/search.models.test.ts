import { describe, expect, it } from 'vitest';
import { correctQuery, fts5Query, MARK_END, MARK_START, toSnippetHtml, withinOneEdit } from './search.models.ts';

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

describe('one typo in longer words', () => {
  it.each([
    ['rechnung', 'rechnugn', true],
    ['rechnung', 'rechnng', true],
    ['rechnung', 'rechnunng', true],
    ['rechnung', 'rechnong', true],
    ['rechnung', 'rehcnugn', false],
    ['rechnung', 'rechnungen', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });

  it.each([
    ['Rechnugn Telekom', ['rechnung', 'telekom', 'rechte'], 'rechnung telekom'],
    ['Versicherrung', ['versicherung', 'versand'], 'versicherung'],
    ['Kündigugn', ['kundigung'], 'kundigung'],
    ['Mite', ['miete'], undefined],
    ['Rechnung', ['rechnung'], undefined],
    ['Zahnarzt', ['rechnung'], undefined],
  ])('%s with %j -> %s', (query, known, corrected) => {
    expect(correctQuery(query, known)).toBe(corrected);
  });
});
