/**
 * Scores extraction results against the benchmark truth: per-field accuracy, per-class recall, a
 * confusion matrix and the calibration promise (fields reported with confidence >= 0.9 are wrong
 * in at most 2 % of cases). A group (the same invoice in several versions) counts once: its
 * members' results are averaged.
 */
import type { DocumentType } from '../../apps/server/src/db/schema.ts';
import type { DocumentFacts, FieldKey, FieldMap } from '../../apps/server/src/modules/extraction/extraction.types.ts';
import type { TruthRow } from './truth.ts';

export interface Prediction {
  type?: DocumentType;
  typeConfidence?: number;
  facts: DocumentFacts;
  fields: FieldMap;
}

export type Comparison = 'money' | 'exact' | 'name';

interface FieldSpec {
  name: string;
  key: FieldKey;
  compare: Comparison;
  expected: (row: TruthRow) => string | number | null;
  alternatives?: (row: TruthRow) => string[];
  got: (facts: DocumentFacts) => string | undefined;
}

export const SCORED_FIELDS: FieldSpec[] = [
  { name: 'amount', key: 'amount', compare: 'money', expected: (row) => row.total, got: (facts) => facts.amount },
  { name: 'amount_due', key: 'amount_due', compare: 'money', expected: (row) => row.amount_due, got: (facts) => facts.amount_due },
  { name: 'net_amount', key: 'net_amount', compare: 'money', expected: (row) => row.net_total, got: (facts) => facts.net_amount },
  { name: 'tax_amount', key: 'tax_amount', compare: 'money', expected: (row) => row.tax_total, got: (facts) => facts.tax_amount },
  { name: 'currency', key: 'currency', compare: 'exact', expected: (row) => row.currency, got: (facts) => facts.currency },
  { name: 'issue_date', key: 'issue_date', compare: 'exact', expected: (row) => row.issue_date, got: (facts) => facts.issue_date },
  { name: 'due_date', key: 'due_date', compare: 'exact', expected: (row) => row.due_date, got: (facts) => facts.due_date },
  { name: 'invoice_number', key: 'invoice_number', compare: 'exact', expected: (row) => row.invoice_number, got: (facts) => facts.invoice_number },
  { name: 'seller', key: 'sender.name', compare: 'name', expected: (row) => row.seller, alternatives: (row) => row.seller_aliases, got: (facts) => facts.sender?.name },
  { name: 'buyer', key: 'recipient.name', compare: 'name', expected: (row) => row.buyer, got: (facts) => facts.recipient?.name },
  { name: 'seller_vat_id', key: 'sender.vat_id', compare: 'exact', expected: (row) => row.seller_vat_id, got: (facts) => facts.sender?.vat_id },
  { name: 'iban', key: 'payment_info.iban', compare: 'exact', expected: (row) => row.iban, got: (facts) => facts.payment_info?.iban },
  { name: 'bic', key: 'payment_info.bic', compare: 'exact', expected: (row) => row.bic, got: (facts) => facts.payment_info?.bic },
  { name: 'reference', key: 'payment_info.reference', compare: 'exact', expected: (row) => row.reference, got: (facts) => facts.payment_info?.reference },
];

export const HIGH_CONFIDENCE = 0.9;

export interface FieldOutcome {
  field: string;
  expected: string;
  got?: string;
  confidence?: number;
  correct: boolean;
}

export interface DocumentScore {
  file: string;
  group: string;
  truthType: string;
  predictedType: string;
  /** Only the fields the truth labels. */
  outcomes: FieldOutcome[];
}

export function scoreDocument(row: TruthRow, prediction: Prediction): DocumentScore {
  const outcomes: FieldOutcome[] = [];
  for (const spec of SCORED_FIELDS) {
    const expected = spec.expected(row);
    if (expected === null) continue;
    const got = spec.got(prediction.facts);
    const confidence = prediction.fields[spec.key]?.confidence;
    const accepted = [String(expected), ...(spec.alternatives?.(row) ?? [])];
    const correct = got !== undefined && accepted.some((value) => same(spec.compare, value, got));
    outcomes.push({ field: spec.name, expected: String(expected), ...(got !== undefined ? { got } : {}), ...(confidence !== undefined ? { confidence } : {}), correct });
  }
  return { file: row.file, group: row.group, truthType: row.type, predictedType: prediction.type ?? 'none', outcomes };
}

export function same(comparison: Comparison, expected: string, got: string): boolean {
  if (comparison === 'money') {
    const [p, q] = [cents(expected), cents(got)];
    return p !== undefined && p === q;
  }
  if (comparison === 'name') return normalizeName(expected) === normalizeName(got);
  return expected.trim() === got.trim();
}

/** "18310.63" or "-8.790" to the cent; undefined for what is no decimal number. */
export function cents(value: string): bigint | undefined {
  const match = /^\s*(-)?(\d+)(?:\.(\d+))?\s*$/.exec(value);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const scaled = BigInt(whole) * 1000n + BigInt(fraction.slice(0, 3).padEnd(3, '0'));
  const rounded = (scaled + 5n) / 10n;
  return sign && rounded !== 0n ? -rounded : rounded;
}

/** Unicode NFKC, case folded, whitespace and punctuation collapsed to single spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

export interface FieldSummary {
  field: string;
  /** Groups with the field labelled. */
  labelled: number;
  /** Groups with the field labelled and extracted. */
  extracted: number;
  /** Correct, in groups (members averaged). */
  correct: number;
  correctOfExtracted: number;
}

export interface Calibration {
  /** Labelled fields reported with confidence >= 0.9, in groups. */
  reported: number;
  wrong: number;
  reportedFields: number;
  wrongFields: number;
  /** The same per field, in groups: which field breaks the promise. */
  byField: Record<string, { reported: number; wrong: number }>;
}

export interface Report {
  documents: number;
  groups: number;
  fields: FieldSummary[];
  /** Truth type -> predicted type -> groups. */
  confusion: Record<string, Record<string, number>>;
  calibration: Calibration;
}

export function summarize(scores: DocumentScore[]): Report {
  const groups = groupBy(scores, (score) => score.group);
  const fields = SCORED_FIELDS.map((spec) => {
    const summary: FieldSummary = { field: spec.name, labelled: 0, extracted: 0, correct: 0, correctOfExtracted: 0 };
    for (const members of groups.values()) {
      const labelled = members.flatMap((member) => member.outcomes.filter((outcome) => outcome.field === spec.name));
      if (labelled.length === 0) continue;
      summary.labelled++;
      summary.correct += share(labelled);
      const extracted = labelled.filter((outcome) => outcome.got !== undefined);
      if (extracted.length === 0) continue;
      summary.extracted++;
      summary.correctOfExtracted += share(extracted);
    }
    return summary;
  });
  const confusion: Record<string, Record<string, number>> = {};
  const calibration: Calibration = { reported: 0, wrong: 0, reportedFields: 0, wrongFields: 0, byField: {} };
  for (const members of groups.values()) {
    const weight = 1 / members.length;
    for (const member of members) {
      const row = (confusion[member.truthType] ??= {});
      row[member.predictedType] = (row[member.predictedType] ?? 0) + weight;
      for (const outcome of member.outcomes) {
        // A confidence with no value reported is no claim.
        if (outcome.got === undefined || (outcome.confidence ?? 0) < HIGH_CONFIDENCE) continue;
        const field = (calibration.byField[outcome.field] ??= { reported: 0, wrong: 0 });
        calibration.reported += weight;
        calibration.reportedFields++;
        field.reported += weight;
        if (!outcome.correct) {
          calibration.wrong += weight;
          calibration.wrongFields++;
          field.wrong += weight;
        }
      }
    }
  }
  return { documents: scores.length, groups: groups.size, fields, confusion, calibration };
}

export function formatReport(report: Report): string {
  const lines = [`${report.documents} documents in ${report.groups} groups (a group counts once)`, ''];
  lines.push(`${'field'.padEnd(16)}${'correct/labelled'.padStart(24)}${'correct/extracted'.padStart(24)}`);
  for (const field of report.fields) {
    if (field.labelled === 0) continue;
    lines.push(`${field.field.padEnd(16)}${ratio(field.correct, field.labelled).padStart(24)}${ratio(field.correctOfExtracted, field.extracted).padStart(24)}`);
  }
  const { calibration } = report;
  lines.push('', `confidence >= ${HIGH_CONFIDENCE}: ${ratio(calibration.wrong, calibration.reported)} wrong (${calibration.wrongFields} of ${calibration.reportedFields} fields; target <= 2 %)`);
  const byField = SCORED_FIELDS.flatMap(({ name }) => {
    const field = calibration.byField[name];
    return field ? [`${name} ${round1(field.wrong)}/${round1(field.reported)}`] : [];
  });
  if (byField.length > 0) lines.push(`  wrong/reported by field (groups): ${byField.join(', ')}`);
  const types = [...new Set([...Object.keys(report.confusion), ...Object.values(report.confusion).flatMap((row) => Object.keys(row))])].sort();
  lines.push('', 'class recall (groups)');
  for (const [truth, row] of Object.entries(report.confusion)) {
    const total = Object.values(row).reduce((sum, value) => sum + value, 0);
    lines.push(`  ${truth.padEnd(14)}${ratio(row[truth] ?? 0, total)}`);
  }
  lines.push('', `confusion (groups; rows truth, columns predicted)`, `${''.padEnd(14)}${types.map((type) => type.padStart(13)).join('')}`);
  for (const [truth, row] of Object.entries(report.confusion)) {
    lines.push(`${truth.padEnd(14)}${types.map((type) => (row[type] ? row[type].toFixed(1) : '.').padStart(13)).join('')}`);
  }
  return lines.join('\n');
}

/** Every wrong or missing labelled field, for development. */
export function formatWrong(scores: DocumentScore[], note?: (score: DocumentScore, outcome: FieldOutcome) => string): string {
  const lines: string[] = [];
  for (const score of scores) {
    for (const outcome of score.outcomes.filter((item) => !item.correct)) {
      const confidence = outcome.confidence === undefined ? '' : ` (${outcome.confidence.toFixed(2)})`;
      const extra = note ? ` ${note(score, outcome)}` : '';
      lines.push(`${score.file}  ${outcome.field}: expected ${JSON.stringify(outcome.expected)}, got ${outcome.got === undefined ? '-' : JSON.stringify(outcome.got)}${confidence}${extra}`);
    }
  }
  return lines.join('\n');
}

function share(outcomes: FieldOutcome[]): number {
  return outcomes.filter((outcome) => outcome.correct).length / outcomes.length;
}

function ratio(part: number, whole: number): string {
  if (whole === 0) return '-';
  return `${((100 * part) / whole).toFixed(1)} % (${round1(part)}/${round1(whole)})`;
}

function round1(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Whether the expected value appears in the text in any usual printed form. */
export function printed(text: string, outcome: FieldOutcome): boolean {
  const expected = outcome.expected;
  if (/^-?\d+(?:\.\d+)?$/.test(expected) && ['amount', 'amount_due', 'net_amount', 'tax_amount'].includes(outcome.field)) {
    const [whole = '', fraction = ''] = Number(expected).toFixed(2).replace('-', '').split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    const forms = [`${whole},${fraction}`, `${grouped},${fraction}`, `${whole}.${fraction}`, `${grouped.replace(/\./g, ',')}.${fraction}`, fraction === '00' ? whole : ''];
    return forms.some((form) => form !== '' && text.includes(form));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(expected)) {
    const [year = '', month = '', day = ''] = expected.split('-');
    const forms = [expected, `${day}.${month}.${year}`, `${Number(day)}.${Number(month)}.${year}`, `${day}/${month}/${year}`, `${month}/${day}/${year}`, `${day}-${month}-${year}`, `${day}.${month}.${year.slice(2)}`];
    return forms.some((form) => text.includes(form)) || new RegExp(`\\b${Number(day)}\\.?\\s*\\p{L}+\\.?\\s*,?\\s*${year}`, 'u').test(text) || new RegExp(`\\p{L}+\\s+${Number(day)}\\s*,\\s*${year}`, 'u').test(text);
  }
  if (outcome.field === 'iban') return text.replace(/\s/g, '').includes(expected);
  // A name may wrap onto the next line ("MVM Musterhafter / Versicherungsverein Musterstadt a.G."),
  // but an e-invoice name that holds a GLN ("GLN 4333741000005 Lief-Nr: 549910 MUSTERLIEFERANT
  // GMBH") is an address block's identifier lines joined to the name, not a name the page prints.
  if (['seller', 'buyer'].includes(outcome.field) && /\d{8,}/.test(expected)) return false;
  return normalizeName(text).replace(/ /g, '').includes(normalizeName(expected).replace(/ /g, ''));
}

/**
 * The issue's measure for the printed page: only the truth values the page shows (`printed` in the
 * text layer of the same PDF), so an e-invoice value the page does not print (a GLN in the seller's
 * name, another invoice's date) does not count against reading the page.
 */
export function onlyPrinted(scores: readonly DocumentScore[], pageText: (file: string) => string): DocumentScore[] {
  return scores.map((score) => ({ ...score, outcomes: score.outcomes.filter((outcome) => printed(pageText(score.file), outcome)) }));
}
