/**
 * Development runner for the text path: every `modality: pdf` row of the truth, read with
 * `readPdf`, its embedded XML ignored (the "XML attachment removed" path), pages joined by form
 * feeds, then `extractFromText` + `validateFacts`, scored.
 *   npx tsx bench/extraction/text-path.dev.ts [--fixtures DIR] [--wrong]
 * --wrong lists every wrong field and whether the expected value is printed on the page at all.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readPdf } from '../../apps/server/src/modules/extraction/pdf/pdf.models.ts';
import { extractFromText } from '../../apps/server/src/modules/extraction/text/text.models.ts';
import { validateFacts } from '../../apps/server/src/modules/extraction/validation/validation.models.ts';
import type { DocumentScore, FieldOutcome } from './score.ts';
import { formatReport, formatWrong, normalizeName, scoreDocument, summarize } from './score.ts';
import { readTruth } from './truth.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const fixturesArg = args.indexOf('--fixtures');
const fixtures = fixturesArg >= 0 && args[fixturesArg + 1] ? path.resolve(args[fixturesArg + 1]!) : path.resolve(repoRoot, '../shared/fixtures/public');

const rows = (await readTruth(fixtures)).filter((row) => row.modality === 'pdf');
const scores: DocumentScore[] = [];
const texts = new Map<string, string>();
for (const row of rows) {
  const content = await readPdf(await readFile(path.join(fixtures, row.file)));
  const text = content.pages.map((page) => page.text).join('\f');
  texts.set(row.file, text);
  const extraction = extractFromText(text);
  const validation = validateFacts(extraction.facts, extraction.fields);
  scores.push(
    scoreDocument(row, {
      ...(extraction.type ? { type: extraction.type } : {}),
      facts: extraction.facts,
      fields: validation.fields,
    }),
  );
}

console.log(formatReport(summarize(scores)));
// The bar counts fields "where the value is printed": drop the truth values the page does not show.
const printedOnly = scores.map((score) => ({ ...score, outcomes: score.outcomes.filter((outcome) => printed(texts.get(score.file) ?? '', outcome)) }));
console.log('\n--- only truth values printed on the page ---');
console.log(formatReport(summarize(printedOnly)).split('\nclass recall')[0]);
if (args.includes('--wrong')) {
  console.log('\nwrong or missing fields ("not printed": the expected value is nowhere in the page text)');
  console.log(formatWrong(scores, (score, outcome) => (printed(texts.get(score.file) ?? '', outcome) ? '' : '[not printed]')));
}

/** Whether the expected value appears in the text in any usual printed form. */
function printed(text: string, outcome: FieldOutcome): boolean {
  const flat = normalizeName(text);
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
  return flat.replace(/ /g, '').includes(normalizeName(expected).replace(/ /g, ''));
}
