import { describe, expect, it } from 'vitest';
import type { Prediction } from './score.ts';
import { cents, formatReport, formatWrong, normalizeName, printed, same, scoreDocument, summarize } from './score.ts';
import type { TruthRow } from './truth.ts';
import { parseTruth } from './truth.ts';

const row = (overrides: Partial<TruthRow>): TruthRow => ({
  ...parseTruth(JSON.stringify({ file: 'a.pdf', set: 's', modality: 'pdf', type: 'invoice' }))[0]!,
  ...overrides,
});

const prediction = (facts: Prediction['facts'], confidence = 0.95, type: Prediction['type'] = 'invoice'): Prediction => ({
  type,
  facts,
  fields: { amount: { source: 'text', confidence }, issue_date: { source: 'text', confidence }, 'sender.name': { source: 'text', confidence } },
});

describe('comparisons', () => {
  it.each([
    ['money', '300', '300.00', true],
    ['money', '-8.79', '-8.79', true],
    ['money', '18310.63', '18310.64', false],
    ['money', '0', '-0.00', true],
    ['exact', ' RE-1 ', 'RE-1', true],
    ['exact', '#BLR_1', 'BLR_1', false],
    ['name', 'Amazon Web Services, Inc.', 'AMAZON WEB SERVICES INC', true],
    ['name', 'Straße GmbH', 'STRASSE GMBH', true],
    ['name', 'Lieferant GmbH', 'Liefer ant GmbH', false],
  ] as const)('%s: %s vs %s -> %s', (comparison, expected, got, result) => {
    expect(same(comparison, expected, got)).toBe(result);
  });

  it('rounds to the cent and normalises names', () => {
    expect([cents('1.005'), cents('-1.005'), cents('x')]).toEqual([101n, -101n, undefined]);
    expect(normalizeName('  Grundbesitz GmbH & Co. ')).toBe('grundbesitz gmbh co');
  });
});

describe('scoreDocument', () => {
  it('scores only labelled fields and accepts seller aliases', () => {
    const truth = row({ total: 4.11, issue_date: '2014-08-03', seller: 'Amazon Web Services, Inc.', seller_aliases: ['Amazon Web Services'] });
    const score = scoreDocument(truth, prediction({ amount: '4.11', issue_date: '2014-08-04', sender: { name: 'Amazon Web Services' }, currency: 'USD' }));
    expect(score.outcomes.map((outcome) => [outcome.field, outcome.correct])).toEqual([
      ['amount', true],
      ['issue_date', false],
      ['seller', true],
    ]);
  });
});

describe('summarize', () => {
  it('counts a group once, averaging its members, and reports calibration and confusion', () => {
    const scores = [
      scoreDocument(row({ file: 'v1.pdf', group: 'g', total: 10 }), prediction({ amount: '10.00' })),
      scoreDocument(row({ file: 'v2.pdf', group: 'g', total: 10 }), prediction({ amount: '11.00' }, 0.95, 'credit_note')),
      scoreDocument(row({ file: 'other.pdf', group: 'h', total: 5 }), prediction({}, 0.95)),
    ];
    const report = summarize(scores);
    expect(report.groups).toBe(2);
    expect(report.fields.find((field) => field.field === 'amount')).toEqual({ field: 'amount', labelled: 2, extracted: 1, correct: 0.5, correctOfExtracted: 0.5 });
    expect(report.calibration).toEqual({ reported: 1, wrong: 0.5, reportedFields: 2, wrongFields: 1, byField: { amount: { reported: 1, wrong: 0.5 } } });
    expect(report.confusion).toEqual({ invoice: { invoice: 1.5, credit_note: 0.5 } });
    const text = formatReport(report);
    expect(text).toContain('amount');
    expect(text).toContain('50.0 % (0.5/1) wrong');
    expect(text).toContain('wrong/reported by field (groups): amount 0.5/1');
    expect(formatWrong(scores)).toContain('v2.pdf  amount: expected "10", got "11.00" (0.95)');
  });
});

describe('printed', () => {
  const page = 'Musterlieferant GmbH\nRechnungsdatum: 25.01.2026\nGesamtbetrag 1.234,56 EUR\nIBAN DE89 3704 0044 0532 0130 00';
  it.each([
    ['amount', '1234.56', true],
    ['amount', '999.00', false],
    ['issue_date', '2026-01-25', true],
    ['issue_date', '2019-06-10', false],
    ['iban', 'DE89370400440532013000', true],
    ['seller', 'MUSTERLIEFERANT GMBH', true],
    ['seller', 'GLN 4333741000005 Lief-Nr: 549910 MUSTERLIEFERANT GMBH', false],
  ])('%s %s: %s', (field, expected, shown) => {
    expect(printed(page, { field, expected, correct: false })).toBe(shown);
  });

  it('takes a name that wraps onto the next line, not identifier lines joined to a name', () => {
    const block = 'Lieferant\nGLN 4333741000005 Lief-Nr: 549910\nMUSTERLIEFERANT GMBH\nBAHNHOFSTRASSE 99';
    expect(printed(block, { field: 'seller', expected: 'GLN 4333741000005 Lief-Nr: 549910 MUSTERLIEFERANT GMBH', correct: false })).toBe(false);
    expect(printed(block, { field: 'seller', expected: 'Musterlieferant GmbH', correct: false })).toBe(true);
    expect(printed('MVM Musterhafter\nVersicherungsverein a.G.', { field: 'seller', expected: 'MVM Musterhafter Versicherungsverein a.G.', correct: false })).toBe(true);
  });
});
