/**
 * The public development set (`../shared/fixtures/public` next to the repository): every labelled
 * field of every e-invoice row, XML alone or embedded in a hybrid PDF, must come out exactly.
 * CI has the folder; fixtures are never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { findEInvoiceAttachment, parseEInvoice } from './einvoice.models.ts';
import type { EInvoiceExtraction } from './einvoice.types.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../../../', import.meta.url));
const FIXTURES = path.resolve(REPO_ROOT, '../shared/fixtures/public');
const TRUTH = path.join(FIXTURES, 'truth.jsonl');

interface TruthLine {
  name: string | null;
  quantity: number | null;
  unit: string | null;
  unit_price: number | null;
  net_amount: number | null;
}

interface TruthRow {
  file: string;
  modality: 'xml' | 'pdf' | 'image';
  syntax?: string | null;
  type: string;
  [field: string]: unknown;
}

type Check = [field: string, actual: string | undefined, expected: unknown];

/**
 * Truth numbers are JSON numbers; compare them numerically. Unit prices in the truth are rounded
 * to 4 decimals (0.01146 is labelled 0.0115) while the parser keeps the XML's digits, so a unit
 * price also matches when it rounds half-up to the labelled value.
 */
function sameNumber(actual: string | undefined, expected: number, roundTo?: number): boolean {
  if (actual === undefined) return false;
  if (Number(actual) === expected) return true;
  return roundTo !== undefined && Number(roundHalfUp(actual, roundTo)) === expected;
}

function roundHalfUp(decimal: string, places: number): string {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  if (fraction.length <= places) return decimal;
  const scaled = BigInt(whole + fraction.slice(0, places)) + (Number(fraction[places]) >= 5 ? 1n : 0n);
  const digits = scaled.toString().padStart(places + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** Every labelled (non-null) truth field next to what the parser produced. */
function checks(row: TruthRow, result: EInvoiceExtraction): { strings: Check[]; numbers: Check[]; unitPrices: Check[] } {
  const { facts } = result;
  const strings: Check[] = [
    ['syntax', result.syntax, row.syntax],
    ['type', result.type, row.type],
    ['type_code', result.typeCode, row.type_code],
    ['profile', result.profile, row.profile],
    ['currency', facts.currency, row.currency],
    ['issue_date', facts.issue_date, row.issue_date],
    ['due_date', facts.due_date, row.due_date],
    ['invoice_number', facts.invoice_number, row.invoice_number],
    ['seller', facts.sender?.name, row.seller],
    ['buyer', facts.recipient?.name, row.buyer],
    ['seller_vat_id', facts.sender?.vat_id, row.seller_vat_id],
    ['iban', facts.payment_info?.iban, row.iban],
    ['bic', facts.payment_info?.bic, row.bic],
    ['reference', facts.payment_info?.reference, row.reference],
    ['payment_means_code', result.paymentMeansCode, row.payment_means_code],
  ];
  const numbers: Check[] = [
    ['total', facts.amount, row.total],
    ['amount_due', facts.amount_due, row.amount_due],
    ['net_total', facts.net_amount, row.net_total],
    ['tax_total', facts.tax_amount, row.tax_total],
    ['prepaid', result.prepaid, row.prepaid],
  ];
  const unitPrices: Check[] = [];
  const lines = (row.line_items ?? []) as TruthLine[];
  lines.forEach((line, index) => {
    const item = facts.line_items?.[index];
    strings.push([`line_items[${index}].name`, item?.description, line.name], [`line_items[${index}].unit`, item?.unit, line.unit]);
    numbers.push([`line_items[${index}].quantity`, item?.quantity, line.quantity], [`line_items[${index}].net_amount`, item?.amount, line.net_amount]);
    unitPrices.push([`line_items[${index}].unit_price`, item?.unit_price, line.unit_price]);
  });
  return { strings, numbers, unitPrices };
}

async function embeddedXml(file: string): Promise<{ filename: string; xml: string } | null> {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
  try {
    const attachments = (await pdf.getAttachments()) as Record<string, { filename: string; content: Uint8Array }> | null;
    return findEInvoiceAttachment(Object.values(attachments ?? {}));
  } finally {
    await pdf.destroy();
  }
}

if (!existsSync(TRUTH)) {
  describe.skip(`e-invoice development set: ${FIXTURES} is absent, skipped`, () => {
    it('needs the public fixture folder next to the repository', () => {});
  });
} else {
  const allRows = readFileSync(TRUTH, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TruthRow);
  // Rows without a syntax (plain PDFs, receipt photos) have no `syntax` key or a null one.
  const rows = allRows.filter((row) => typeof row.syntax === 'string' && (row.modality === 'xml' || row.modality === 'pdf'));
  const plainPdfs = allRows.filter((row) => typeof row.syntax !== 'string' && row.modality === 'pdf');

  describe('e-invoice development set', () => {
    it('has e-invoice rows of every syntax and both modalities', () => {
      expect(new Set(rows.map((row) => row.syntax))).toEqual(new Set(['UBL', 'CII', 'CII-ZUGFeRD1', 'CII-ZUGFeRD-RC']));
      expect(new Set(rows.map((row) => row.modality))).toEqual(new Set(['xml', 'pdf']));
    });

    it.each(plainPdfs.map((row) => row.file))('finds no e-invoice in the plain PDF %s', async (file) => {
      expect(await embeddedXml(path.join(FIXTURES, file))).toBeNull();
    });

    it.each(rows.map((row) => [row.file, row] as const))('%s', async (_file, row) => {
      const file = path.join(FIXTURES, row.file);
      let xml: string;
      if (row.modality === 'pdf') {
        const found = await embeddedXml(file);
        expect(found, 'embedded e-invoice XML').not.toBeNull();
        xml = found?.xml ?? '';
      } else {
        xml = readFileSync(file, 'utf8');
      }
      const result = parseEInvoice(xml);
      const { strings, numbers, unitPrices } = checks(row, result);
      const wrong = [
        ...strings.filter(([, actual, expected]) => expected != null && actual !== expected),
        ...numbers.filter(([, actual, expected]) => expected != null && !sameNumber(actual, expected as number)),
        ...unitPrices.filter(([, actual, expected]) => expected != null && !sameNumber(actual, expected as number, 4)),
      ].map(([field, actual, expected]) => `${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      expect(wrong).toEqual([]);
      expect(result.facts.line_items?.length ?? 0).toBe(((row.line_items ?? []) as unknown[]).length);
    });
  });
}
