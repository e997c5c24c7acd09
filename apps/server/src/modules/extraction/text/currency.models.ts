/**
 * The document currency: a "Währung: EUR" label decides; otherwise the sign or code printed next to
 * most amounts; a German document without any is in euros (a guess).
 */
import type { Layout } from './layout.models.ts';
import { looseRegExp } from './layout.models.ts';
import type { DateOrder } from './dates.models.ts';
import { maskDates } from './dates.models.ts';
import type { Found } from './evidence.models.ts';
import { findLabeled } from './labels.models.ts';
import type { DecimalMark } from './numbers.models.ts';
import { currenciesNextToAmounts, currencyCode } from './numbers.models.ts';

const CURRENCY_LABEL = looseRegExp(String.raw`(?<![\p{L}])(?:Rechnungswährung|Währung|Beträge in|Currency|Devise|Monnaie)(?![\p{L}])`);
const NAMED = [
  { pattern: /\b(?:US[- ]?Dollars?|U\.S\. dollars)\b/i, code: 'USD' },
  { pattern: /\bEuros?\b/, code: 'EUR' },
  { pattern: /\b(?:Pounds? sterling|British pounds?)\b/i, code: 'GBP' },
  { pattern: /\bSchweizer Franken|Swiss francs?\b/i, code: 'CHF' },
];

export function findCurrency(layout: Layout, mark: DecimalMark, order: DateOrder, german: boolean): Found<string> | undefined {
  const parse = (text: string) => {
    const word = /^[:\s]*([A-Z]{3}|€|\$|£)(?![A-Za-z])/.exec(text)?.[1];
    const code = word ? currencyCode(word) ?? (/^[A-Z]{3}$/.test(word) ? word : undefined) : undefined;
    return code ? { value: code, raw: word ?? code } : undefined;
  };
  const labelled = findLabeled(layout, { label: CURRENCY_LABEL, parse, below: 1 })[0];
  if (labelled) return { value: labelled.value, confidence: 0.9 };

  const counted = currenciesNextToAmounts(
    layout.lines.map((line) => maskDates(line.text, order)),
    mark,
  );
  const [first, second] = counted;
  if (first) {
    // One currency throughout is clear; a second one printed (a conversion, a fee) weakens it.
    const clear = !second || second.count * 4 <= first.count;
    return { value: first.code, confidence: clear ? (first.count >= 2 ? 0.85 : 0.75) : 0.6 };
  }
  const text = layout.lines.map((line) => line.text).join('\n');
  const named = NAMED.find((entry) => entry.pattern.test(text));
  if (named) return { value: named.code, confidence: 0.75 };
  // Amounts without any currency on a German document: euros, as a guess.
  const amounts = layout.lines.some((line) => /\d,\d{2}(?!\d)/.test(line.text));
  return german && amounts ? { value: 'EUR', confidence: 0.5 } : undefined;
}
