/** truth.jsonl for a corpus family (see ../FORMAT.md): writing, reading and checking its rows. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusDocument, CorpusTruthRow, CorpusType, Family, Rendition } from '../corpus.types.ts';

export const CORPUS_TYPES: readonly CorpusType[] = ['invoice', 'reminder', 'contract', 'appointment', 'other'];
export const RENDITIONS: readonly Rendition[] = ['pdf', 'scan', 'photo'];

/** The file name of a document in a rendition: `main-0007` -> `main/pdf/0007.pdf`. */
export function fileFor(family: Family, id: string, rendition: Rendition, ext: string): string {
  const number = id.slice(id.lastIndexOf('-') + 1);
  return `${family}/${rendition}/${number}.${ext}`;
}

/** One truth row, its keys in the order FORMAT.md shows them. */
export function truthRow(document: CorpusDocument, family: Family, rendition: Rendition, file: string): CorpusTruthRow {
  const { truth } = document;
  return {
    file,
    family,
    rendition,
    group: document.id,
    type: truth.type,
    as_of: truth.as_of,
    sender: truth.sender,
    issue_date: truth.issue_date,
    amount: truth.amount,
    currency: truth.currency,
    due_date: truth.due_date,
    invoice_number: truth.invoice_number,
    iban: truth.iban,
    reference: truth.reference,
    dunning: truth.dunning,
    links_to: truth.links_to,
    contract: truth.contract,
    appointment: truth.appointment,
  };
}

export function formatTruth(rows: readonly CorpusTruthRow[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

export function parseCorpusTruth(text: string): CorpusTruthRow[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const row = JSON.parse(line) as CorpusTruthRow;
      const problems = truthProblems(row);
      if (problems.length > 0) throw new Error(`truth.jsonl line ${number}: ${problems.join('; ')}`);
      return row;
    });
}

/** The rows of `<dir>/truth.jsonl` (dir is a family folder, `out/main`). */
export async function readCorpusTruth(dir: string): Promise<CorpusTruthRow[]> {
  return parseCorpusTruth(await readFile(path.join(dir, 'truth.jsonl'), 'utf8'));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^-?\d+\.\d{2}$/;

/** What is wrong with a truth row's shape (empty when nothing). */
export function truthProblems(row: Partial<CorpusTruthRow>): string[] {
  const problems: string[] = [];
  const day = (name: string, value: unknown, nullable = true) => {
    if (value === null && nullable) return;
    if (typeof value !== 'string' || !DAY.test(value)) problems.push(`${name} must be YYYY-MM-DD${nullable ? ' or null' : ''}`);
  };
  const money = (name: string, value: unknown) => {
    if (value !== null && (typeof value !== 'string' || !MONEY.test(value))) problems.push(`${name} must be a decimal string with two places or null`);
  };
  if (!row.type || !CORPUS_TYPES.includes(row.type)) problems.push(`unknown type ${JSON.stringify(row.type)}`);
  if (row.rendition !== undefined && !RENDITIONS.includes(row.rendition)) problems.push(`unknown rendition ${JSON.stringify(row.rendition)}`);
  if (typeof row.sender !== 'string' || row.sender === '') problems.push('sender must be a non-empty string');
  day('as_of', row.as_of, false);
  day('issue_date', row.issue_date ?? null);
  day('due_date', row.due_date ?? null);
  money('amount', row.amount ?? null);
  if ((row.type === 'reminder') !== (row.dunning !== null && row.dunning !== undefined)) problems.push('dunning is set for reminders and only for them');
  if ((row.type === 'contract') !== (row.contract !== null && row.contract !== undefined)) problems.push('contract is set for contracts and only for them');
  if ((row.type === 'appointment') !== (row.appointment !== null && row.appointment !== undefined)) problems.push('appointment is set for appointments and only for them');
  if (row.links_to && row.type !== 'reminder') problems.push('links_to is for reminders');
  if (row.dunning) {
    money('dunning.fee', row.dunning.fee);
    day('dunning.original_invoice_date', row.dunning.original_invoice_date);
    if (!Number.isInteger(row.dunning.dunning_level) || row.dunning.dunning_level < 0 || row.dunning.dunning_level > 4) problems.push('dunning_level must be 0..4');
  }
  if (row.contract) {
    day('contract.start_date', row.contract.start_date);
    day('contract.last_cancellation_date', row.contract.last_cancellation_date);
  }
  if (row.appointment && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(row.appointment.datetime)) problems.push('appointment.datetime must be YYYY-MM-DDTHH:mm');
  return problems;
}
