/**
 * The benchmark's ground truth: `truth.jsonl` in the fixtures folder, one JSON object per line
 * (see the folder's SOURCES.md). A null value means "not labelled", not "absent".
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type Modality = 'xml' | 'pdf' | 'image';
export type TruthType = 'invoice' | 'credit_note' | 'receipt';

export interface TruthRow {
  file: string;
  set: string;
  modality: Modality;
  type: TruthType;
  syntax: string | null;
  /** Same invoice content in several versions; a group counts once. Falls back to the file. */
  group: string;
  total: number | null;
  amount_due: number | null;
  net_total: number | null;
  tax_total: number | null;
  currency: string | null;
  issue_date: string | null;
  due_date: string | null;
  invoice_number: string | null;
  seller: string | null;
  seller_aliases: string[];
  buyer: string | null;
  seller_vat_id: string | null;
  iban: string | null;
  bic: string | null;
  reference: string | null;
  manual_fields: string[];
}

const MODALITIES = new Set(['xml', 'pdf', 'image']);
const TYPES = new Set(['invoice', 'credit_note', 'receipt']);

export function parseTruth(text: string): TruthRow[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return toRow(JSON.parse(line) as Record<string, unknown>);
      } catch (error) {
        throw new Error(`truth.jsonl line ${number}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    });
}

export async function readTruth(fixturesDir: string): Promise<TruthRow[]> {
  return parseTruth(await readFile(path.join(fixturesDir, 'truth.jsonl'), 'utf8'));
}

function toRow(raw: Record<string, unknown>): TruthRow {
  const file = requireString(raw, 'file');
  const modality = requireString(raw, 'modality');
  const type = requireString(raw, 'type');
  if (!MODALITIES.has(modality)) throw new Error(`unknown modality "${modality}"`);
  if (!TYPES.has(type)) throw new Error(`unknown type "${type}"`);
  return {
    file,
    set: requireString(raw, 'set'),
    modality: modality as Modality,
    type: type as TruthType,
    syntax: optionalString(raw, 'syntax'),
    group: optionalString(raw, 'group') ?? file,
    total: optionalNumber(raw, 'total'),
    amount_due: optionalNumber(raw, 'amount_due'),
    net_total: optionalNumber(raw, 'net_total'),
    tax_total: optionalNumber(raw, 'tax_total'),
    currency: optionalString(raw, 'currency'),
    issue_date: optionalString(raw, 'issue_date'),
    due_date: optionalString(raw, 'due_date'),
    invoice_number: optionalString(raw, 'invoice_number'),
    seller: optionalString(raw, 'seller'),
    seller_aliases: stringList(raw, 'seller_aliases'),
    buyer: optionalString(raw, 'buyer'),
    seller_vat_id: optionalString(raw, 'seller_vat_id'),
    iban: optionalString(raw, 'iban'),
    bic: optionalString(raw, 'bic'),
    reference: optionalString(raw, 'reference'),
    manual_fields: stringList(raw, 'manual_fields'),
  };
}

function requireString(raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  if (typeof value !== 'string' || value === '') throw new Error(`"${key}" must be a non-empty string`);
  return value;
}

function optionalString(raw: Record<string, unknown>, key: string): string | null {
  const value = raw[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Error(`"${key}" must be a string or null`);
  return value;
}

function optionalNumber(raw: Record<string, unknown>, key: string): number | null {
  const value = raw[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`"${key}" must be a number or null`);
  return value;
}

function stringList(raw: Record<string, unknown>, key: string): string[] {
  const value = raw[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new Error(`"${key}" must be a list of strings`);
  return value as string[];
}
