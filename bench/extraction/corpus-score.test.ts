import { describe, expect, it } from 'vitest';
import type { DocumentFacts } from '../../apps/server/src/modules/extraction/extraction.types.ts';
import type { CorpusTruthRow } from '../corpus/corpus.types.ts';
import { corpusReport, formatCorpusReport, formatCorpusWrong, formatSummary } from './corpus-report.ts';
import { candidateOf, confusion, fieldResults, linkCandidates, linkResult, matches, recalls, selectRows, type CorpusOutcome, type LinkDunning } from './corpus-score.ts';
import { loadLinker } from './corpus.ts';

const row = (group: string, type: CorpusTruthRow['type'], extra: Partial<CorpusTruthRow> = {}): CorpusTruthRow => ({
  file: `main/pdf/${group.slice(-4)}.pdf`,
  family: 'main',
  rendition: 'pdf',
  group,
  type,
  as_of: '2026-03-02',
  sender: 'Stadtwerke Neustadt GmbH',
  issue_date: '2026-03-02',
  amount: null,
  currency: null,
  due_date: null,
  invoice_number: null,
  iban: null,
  reference: null,
  dunning: type === 'reminder' ? { dunning_level: 1, linked_invoice_number: null, original_invoice_date: null, fee: null } : null,
  links_to: null,
  contract: null,
  appointment: null,
  ...extra,
});
const outcome = (truth: CorpusTruthRow, predicted: string, facts: DocumentFacts = {}): CorpusOutcome => ({ row: truth, predicted, facts });

describe('classes', () => {
  const outcomes = [
    outcome(row('main-0001', 'invoice'), 'invoice'),
    outcome(row('main-0002', 'invoice'), 'invoice'),
    outcome(row('main-0003', 'invoice'), 'reminder'),
    outcome(row('main-0004', 'reminder'), 'reminder'),
    outcome(row('main-0005', 'other'), 'none'),
    outcome(row('main-0006', 'contract'), 'insurance'),
  ];

  it('counts the confusion matrix with rows truth and columns predicted, in class order', () => {
    const matrix = confusion(outcomes);
    expect(matrix.truths).toEqual(['invoice', 'reminder', 'contract', 'other']);
    expect(matrix.predictions).toEqual(['invoice', 'reminder', 'contract', 'other', 'insurance', 'none']);
    expect(matrix.counts).toEqual({ invoice: { invoice: 2, reminder: 1 }, reminder: { reminder: 1 }, other: { none: 1 }, contract: { insurance: 1 } });
  });

  it('averages recall over the classes, not the files', () => {
    const { perClass, average } = recalls(confusion(outcomes));
    expect(perClass.map(({ type, correct, total }) => [type, correct, total])).toEqual([
      ['invoice', 2, 3],
      ['reminder', 1, 1],
      ['contract', 0, 1],
      ['other', 0, 1],
    ]);
    expect(average).toBeCloseTo((2 / 3 + 1 + 0 + 0) / 4, 10);
  });
});

describe('fields', () => {
  it('scores each field only on files of its class whose truth has it', () => {
    const contract = (last: string | null) => ({ start_date: '2025-04-01', minimum_term_months: 24, renewal_months: 12, notice_period: '3 Monate zum Ende der Laufzeit', last_cancellation_date: last });
    const results = fieldResults([
      outcome(row('main-0001', 'contract', { contract: contract('2026-12-31') }), 'contract', { contract: { last_cancellation_date: '2026-12-31' } }),
      outcome(row('main-0002', 'contract', { contract: contract('2026-12-31') }), 'other', { contract: { last_cancellation_date: '2027-12-31' } }),
      outcome(row('main-0003', 'contract', { contract: contract('2026-06-30') }), 'contract', {}),
      outcome(row('main-0004', 'contract', { contract: contract(null) }), 'contract', { contract: { last_cancellation_date: '2026-06-30' } }),
      outcome(row('main-0005', 'invoice'), 'invoice', { contract: { last_cancellation_date: '2026-06-30' } }),
    ]);
    expect(results.find((result) => result.field === 'contract.last_cancellation_date')).toEqual({ field: 'contract.last_cancellation_date', labelled: 3, extracted: 2, correct: 1, target: 0.9 });
  });

  it('compares money to the cent, names loosely, and things to bring as a set without articles', () => {
    expect(matches('money', '5.00', '5')).toBe(true);
    expect(matches('exact', 2, 2)).toBe(true);
    expect(matches('exact', 2, 3)).toBe(false);
    expect(matches('name', 'Dr. med. A. Berger', 'DR MED A BERGER')).toBe(true);
    expect(matches('set', ['ein aktuelles Passfoto', 'Versichertenkarte'], ['Versichertenkarte', 'aktuelles Passfoto'])).toBe(true);
    expect(matches('set', ['Versichertenkarte', 'Impfpass'], ['Versichertenkarte'])).toBe(false);
    expect(matches('set', [], [])).toBe(true);
    expect(matches('exact', '2026-01-01', undefined)).toBe(false);
  });
});

describe('dunning links', () => {
  const invoiceA = outcome(row('main-0001', 'invoice'), 'invoice', { invoice_number: 'RE-1', amount: '100.00', payment_info: { iban: 'DE02120300000000202051' } });
  const invoiceB = outcome(row('main-0002', 'invoice'), 'other', { invoice_number: 'RE-2', amount: '50.00' });
  const strayLetter = outcome(row('main-0006', 'reminder', { links_to: 'main-0002' }), 'invoice', { invoice_number: 'RE-2' });
  const letters = [
    outcome(row('main-0003', 'reminder', { links_to: 'main-0001' }), 'reminder', { dunning: { linked_invoice_number: 'RE-1' } }),
    outcome(row('main-0004', 'reminder', { links_to: 'main-0002' }), 'reminder', { dunning: { linked_invoice_number: 'RE-1' } }),
    outcome(row('main-0005', 'reminder', { links_to: 'main-0001' }), 'reminder', {}),
    strayLetter,
  ];
  const other = outcome(row('main-0007', 'other'), 'other', { invoice_number: 'RE-1' });
  // A fake linker: by the printed number, else by invoice_number of the letter itself.
  const seen: string[][] = [];
  const link: LinkDunning = (facts, candidates) => {
    seen.push(candidates.map((candidate) => candidate.id));
    const number = facts.dunning?.linked_invoice_number ?? facts.invoice_number;
    const found = candidates.find((candidate) => candidate.invoice_number === number);
    return found ? { id: found.id, basis: 'invoice_number', confidence: 0.95 } : undefined;
  };

  it('offers every truth or predicted invoice as a candidate, as read', () => {
    expect(linkCandidates([invoiceA, invoiceB, other, ...letters]).map((candidate) => candidate.id)).toEqual(['main-0001', 'main-0002', 'main-0006']);
    expect(candidateOf('main-0001', invoiceA.facts)).toEqual({ id: 'main-0001', invoice_number: 'RE-1', amount: '100.00', iban: 'DE02120300000000202051' });
  });

  it('counts a link correct only when it names the truth\'s invoice, and never offers a letter itself', () => {
    seen.length = 0;
    const result = linkResult([invoiceA, invoiceB, other, ...letters], link);
    expect({ letters: result.letters, correct: result.correct, wrong: result.wrong, missing: result.missing, byBasis: result.byBasis }).toEqual({ letters: 4, correct: 2, wrong: 1, missing: 1, byBasis: { invoice_number: 3 } });
    expect(seen[3]).toEqual(['main-0001', 'main-0002']);
    const report = corpusReport('corpus main · pdf', [invoiceA, invoiceB, other, ...letters], link, 1.5);
    const text = formatCorpusReport(report);
    expect(text).toContain('link: 50.0 % (2/4) of dunning letters to the right invoice');
    expect(text).toContain('1 wrong, 1 not linked');
    expect(formatCorpusWrong([invoiceA, invoiceB, other, ...letters], report)).toContain('main/pdf/0004.pdf  link: expected main-0002, got main-0001 (invoice_number, 0.95)');
    expect(formatSummary([report])).toContain('main · pdf');
  });

  it('says so when there is no linker', async () => {
    expect(formatCorpusReport(corpusReport('corpus main · pdf', [invoiceA, ...letters], undefined, 1))).toContain('link: not available');
    expect(await loadLinker('/nonexistent/link.models.ts')).toBeUndefined();
  });
});

describe('selectRows', () => {
  it('takes the first N of each class and adds the invoices the chosen letters link to', () => {
    const rows = [row('main-0001', 'invoice'), row('main-0002', 'invoice'), row('main-0003', 'reminder', { links_to: 'main-0004' }), row('main-0004', 'invoice'), row('main-0005', 'other'), row('main-0006', 'other')];
    expect(selectRows(rows, 1).map((item) => item.group)).toEqual(['main-0001', 'main-0003', 'main-0004', 'main-0005']);
    expect(selectRows(rows, undefined)).toHaveLength(6);
  });
});
