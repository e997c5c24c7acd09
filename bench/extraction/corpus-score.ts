/**
 * Scoring the understanding of Workmate's own corpus (bench/corpus, FORMAT.md): class recall and
 * the confusion matrix, exact match of the fields each class is about, and the dunning-to-invoice
 * link. One outcome per file; a family's renditions are scored apart.
 */
import type { DocumentFacts } from '../../apps/server/src/modules/extraction/extraction.types.ts';
import type { CorpusTruthRow, CorpusType } from '../corpus/corpus.types.ts';
import { CORPUS_TYPES } from '../corpus/render/truth.ts';
import { normalizeName, same, summarize, type DocumentScore } from './score.ts';

export interface CorpusOutcome {
  row: CorpusTruthRow;
  /** The predicted class; `none` when the file could not be read. */
  predicted: string;
  facts: DocumentFacts;
  /** Why the file could not be read. */
  failed?: string;
  seconds?: number;
}

export const TARGETS = { averageRecall: 0.95, lastCancellationDate: 0.9, appointmentDatetime: 0.9, link: 0.9 } as const;

// ---- classes ----

export interface Confusion {
  /** Truth classes (rows) in a fixed order, then any other. */
  truths: string[];
  /** Predicted classes (columns). */
  predictions: string[];
  counts: Record<string, Record<string, number>>;
}

export function confusion(outcomes: readonly CorpusOutcome[]): Confusion {
  // score.ts counts by group; here every file is its own group (one rendition at a time).
  const scores: DocumentScore[] = outcomes.map(({ row, predicted }) => ({ file: row.file, group: row.file, truthType: row.type, predictedType: predicted, outcomes: [] }));
  const counts = summarize(scores).confusion;
  const order = (names: Iterable<string>) => {
    const list = [...new Set(names)];
    return [...CORPUS_TYPES.filter((type) => list.includes(type)), ...list.filter((name) => !(CORPUS_TYPES as readonly string[]).includes(name)).sort()];
  };
  const truths = order(Object.keys(counts));
  const predictions = order([...truths, ...Object.values(counts).flatMap((row) => Object.keys(row))]);
  return { truths, predictions, counts };
}

export interface Recall {
  type: string;
  correct: number;
  total: number;
  recall: number;
}

export function recalls(matrix: Confusion): { perClass: Recall[]; average: number } {
  const perClass = matrix.truths.map((type) => {
    const row = matrix.counts[type] ?? {};
    const total = Object.values(row).reduce((sum, count) => sum + count, 0);
    const correct = row[type] ?? 0;
    return { type, correct, total, recall: total === 0 ? 0 : correct / total };
  });
  const average = perClass.length === 0 ? 0 : perClass.reduce((sum, item) => sum + item.recall, 0) / perClass.length;
  return { perClass, average };
}

// ---- fields ----

export type Value = string | number | readonly string[] | null | undefined;
type Compare = 'exact' | 'money' | 'name' | 'set';

export interface CorpusField {
  /** Printed name, `<class>.<field>`. */
  name: string;
  type: CorpusType;
  compare: Compare;
  expected: (row: CorpusTruthRow) => Value;
  got: (facts: DocumentFacts) => Value;
  target?: number;
}

export const CORPUS_FIELDS: CorpusField[] = [
  { name: 'invoice.amount', type: 'invoice', compare: 'money', expected: (row) => row.amount, got: (facts) => facts.amount },
  { name: 'invoice.issue_date', type: 'invoice', compare: 'exact', expected: (row) => row.issue_date, got: (facts) => facts.issue_date },
  { name: 'invoice.due_date', type: 'invoice', compare: 'exact', expected: (row) => row.due_date, got: (facts) => facts.due_date },
  { name: 'invoice.invoice_number', type: 'invoice', compare: 'exact', expected: (row) => row.invoice_number, got: (facts) => facts.invoice_number },
  { name: 'invoice.iban', type: 'invoice', compare: 'exact', expected: (row) => row.iban, got: (facts) => facts.payment_info?.iban },
  { name: 'invoice.reference', type: 'invoice', compare: 'exact', expected: (row) => row.reference, got: (facts) => facts.payment_info?.reference },
  { name: 'invoice.sender', type: 'invoice', compare: 'name', expected: (row) => row.sender, got: (facts) => facts.sender?.name },
  { name: 'reminder.amount', type: 'reminder', compare: 'money', expected: (row) => row.amount, got: (facts) => facts.amount },
  { name: 'reminder.due_date', type: 'reminder', compare: 'exact', expected: (row) => row.due_date, got: (facts) => facts.due_date },
  { name: 'reminder.dunning_level', type: 'reminder', compare: 'exact', expected: (row) => row.dunning?.dunning_level, got: (facts) => facts.dunning?.dunning_level },
  { name: 'reminder.linked_invoice_number', type: 'reminder', compare: 'exact', expected: (row) => row.dunning?.linked_invoice_number, got: (facts) => facts.dunning?.linked_invoice_number },
  { name: 'reminder.original_invoice_date', type: 'reminder', compare: 'exact', expected: (row) => row.dunning?.original_invoice_date, got: (facts) => facts.dunning?.original_invoice_date },
  { name: 'reminder.fee', type: 'reminder', compare: 'money', expected: (row) => row.dunning?.fee, got: (facts) => facts.dunning?.fee },
  { name: 'reminder.iban', type: 'reminder', compare: 'exact', expected: (row) => row.iban, got: (facts) => facts.payment_info?.iban },
  { name: 'reminder.sender', type: 'reminder', compare: 'name', expected: (row) => row.sender, got: (facts) => facts.sender?.name },
  { name: 'contract.start_date', type: 'contract', compare: 'exact', expected: (row) => row.contract?.start_date, got: (facts) => facts.contract?.start_date },
  { name: 'contract.minimum_term_months', type: 'contract', compare: 'exact', expected: (row) => row.contract?.minimum_term_months, got: (facts) => facts.contract?.minimum_term_months },
  { name: 'contract.renewal_months', type: 'contract', compare: 'exact', expected: (row) => row.contract?.renewal_months, got: (facts) => facts.contract?.renewal_months },
  { name: 'contract.last_cancellation_date', type: 'contract', compare: 'exact', expected: (row) => row.contract?.last_cancellation_date, got: (facts) => facts.contract?.last_cancellation_date, target: TARGETS.lastCancellationDate },
  { name: 'appointment.datetime', type: 'appointment', compare: 'exact', expected: (row) => row.appointment?.datetime, got: (facts) => facts.appointment?.datetime, target: TARGETS.appointmentDatetime },
  { name: 'appointment.place', type: 'appointment', compare: 'name', expected: (row) => row.appointment?.place, got: (facts) => facts.appointment?.place },
  { name: 'appointment.with_whom', type: 'appointment', compare: 'name', expected: (row) => row.appointment?.with_whom, got: (facts) => facts.appointment?.with_whom },
  { name: 'appointment.what_to_bring', type: 'appointment', compare: 'set', expected: (row) => row.appointment?.what_to_bring, got: (facts) => facts.appointment?.what_to_bring },
];

export function matches(compare: Compare, expected: Value, got: Value): boolean {
  if (expected === null || expected === undefined || got === null || got === undefined) return false;
  if (compare === 'set') {
    if (!Array.isArray(expected) || !Array.isArray(got)) return false;
    // Things to bring, not their grammar: a leading article or "diese"/"Ihre" does not count.
    const item = (text: string) => normalizeName(text).replace(/^(?:ein|eine|einen|der|die|das|den|diese|dieses|diesen|ihr|ihre|ihren)\s+/, '');
    const norm = (items: readonly string[]) => [...new Set(items.map(item))].sort().join('|');
    return norm(expected) === norm(got);
  }
  return same(compare, String(expected), String(got));
}

export interface FieldResult {
  field: string;
  /** Files of the field's class whose truth has a value. */
  labelled: number;
  /** Of them, files where the reading has a value. */
  extracted: number;
  correct: number;
  target?: number;
}

/** A truth value counts as labelled when it is not null (an empty what-to-bring list is a value). */
export function labelled(value: Value): boolean {
  return value !== null && value !== undefined;
}

export function fieldResults(outcomes: readonly CorpusOutcome[], fields: readonly CorpusField[] = CORPUS_FIELDS): FieldResult[] {
  return fields.map((field) => {
    const result: FieldResult = { field: field.name, labelled: 0, extracted: 0, correct: 0, ...(field.target ? { target: field.target } : {}) };
    for (const { row, facts } of outcomes) {
      if (row.type !== field.type) continue;
      const expected = field.expected(row);
      if (!labelled(expected)) continue;
      result.labelled += 1;
      const got = field.got(facts);
      if (got === undefined || got === null) continue;
      result.extracted += 1;
      if (matches(field.compare, expected, got)) result.correct += 1;
    }
    return result;
  });
}

// ---- dunning links ----

/** The linker's API (apps/server/src/modules/extraction/dunning/link.models.ts). */
export interface LinkCandidate {
  id: string;
  invoice_number?: string;
  reference?: string;
  customer_number?: string;
  iban?: string;
  amount?: string;
  amount_due?: string;
  issue_date?: string;
  sender_name?: string;
}

export interface DunningLink {
  id: string;
  basis: 'invoice_number' | 'reference' | 'iban_amount';
  confidence: number;
}

export type LinkDunning = (letter: DocumentFacts, candidates: readonly LinkCandidate[]) => DunningLink | undefined;

export function candidateOf(id: string, facts: DocumentFacts): LinkCandidate {
  const entries: [keyof LinkCandidate, string | undefined][] = [
    ['invoice_number', facts.invoice_number],
    ['reference', facts.payment_info?.reference],
    ['customer_number', facts.customer_number],
    ['iban', facts.payment_info?.iban],
    ['amount', facts.amount],
    ['amount_due', facts.amount_due],
    ['issue_date', facts.issue_date],
    ['sender_name', facts.sender?.name],
  ];
  return { id, ...Object.fromEntries(entries.filter(([, value]) => value !== undefined)) };
}

/**
 * The invoices a dunning letter is linked among: every file of the run whose truth is an invoice
 * (the reading may have missed its class; the link is scored apart from the class) or whose reading
 * says invoice (a wrongly classified letter competes too), each as the understanding read it. The id is
 * the truth's group, which `links_to` names.
 */
export function linkCandidates(outcomes: readonly CorpusOutcome[]): LinkCandidate[] {
  return outcomes.filter(({ row, predicted }) => row.type === 'invoice' || predicted === 'invoice').map(({ row, facts }) => candidateOf(row.group, facts));
}

export interface LinkOutcome {
  file: string;
  expected: string;
  got?: string;
  basis?: string;
  confidence?: number;
}

export interface LinkResult {
  letters: number;
  correct: number;
  wrong: number;
  missing: number;
  byBasis: Record<string, number>;
  outcomes: LinkOutcome[];
}

/** Links every dunning letter with a `links_to` in the truth; correct when the id is that invoice's group. */
export function linkResult(outcomes: readonly CorpusOutcome[], link: LinkDunning): LinkResult {
  const candidates = linkCandidates(outcomes);
  const result: LinkResult = { letters: 0, correct: 0, wrong: 0, missing: 0, byBasis: {}, outcomes: [] };
  for (const { row, facts } of outcomes) {
    if (row.type !== 'reminder' || !row.links_to) continue;
    result.letters += 1;
    const found = link(facts, candidates.filter((candidate) => candidate.id !== row.group));
    const outcome: LinkOutcome = { file: row.file, expected: row.links_to };
    if (!found) result.missing += 1;
    else {
      Object.assign(outcome, { got: found.id, basis: found.basis, confidence: found.confidence });
      result.byBasis[found.basis] = (result.byBasis[found.basis] ?? 0) + 1;
      if (found.id === row.links_to) result.correct += 1;
      else result.wrong += 1;
    }
    result.outcomes.push(outcome);
  }
  return result;
}

/** With `--limit N`: the first N files of each class, plus the invoices the chosen dunning letters link to. */
export function selectRows(rows: readonly CorpusTruthRow[], limit: number | undefined): CorpusTruthRow[] {
  if (limit === undefined) return [...rows];
  const taken = new Map<string, number>();
  const chosen = new Set<CorpusTruthRow>();
  for (const row of rows) {
    const count = taken.get(row.type) ?? 0;
    if (count >= limit) continue;
    taken.set(row.type, count + 1);
    chosen.add(row);
  }
  for (const row of [...chosen]) {
    if (!row.links_to) continue;
    const invoice = rows.find((candidate) => candidate.group === row.links_to && candidate.rendition === row.rendition);
    if (invoice) chosen.add(invoice);
  }
  return rows.filter((row) => chosen.has(row));
}
