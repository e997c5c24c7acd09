import { describe, expect, it } from 'vitest';
import { parseTruth } from './truth.ts';

describe('parseTruth', () => {
  it('reads one row per line, null meaning not labelled, and the file as group by default', () => {
    const text = [
      JSON.stringify({ file: 'a.pdf', set: 'x', modality: 'pdf', type: 'invoice', total: 9, seller: null, group: 'g1', total_raw: '9,00' }),
      '',
      JSON.stringify({ file: 'b.xml', set: 'x', modality: 'xml', type: 'credit_note', seller_aliases: ['B'] }),
    ].join('\n');
    const [first, second] = parseTruth(text);
    expect(first).toMatchObject({ file: 'a.pdf', total: 9, seller: null, group: 'g1', seller_aliases: [] });
    expect(second).toMatchObject({ group: 'b.xml', total: null, seller_aliases: ['B'] });
  });

  it.each([
    ['{"file": "a", "set": "x", "modality": "fax", "type": "invoice"}', /line 1: unknown modality "fax"/],
    ['{"file": "a", "set": "x", "modality": "pdf", "type": "invoice", "total": "9"}', /"total" must be a number/],
    ['{"set": "x"}', /"file" must be a non-empty string/],
    ['not json', /line 1/],
  ])('refuses %s', (line, message) => {
    expect(() => parseTruth(line)).toThrow(message);
  });
});
