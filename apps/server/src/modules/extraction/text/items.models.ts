/**
 * Line items, best effort: the rows under an item table header up to the totals, each ending in
 * its line amount. Item tables wrap, split and interleave notes in ways text cannot always undo,
 * so the rows are kept only when their amounts add up to a printed sum (the position sum or the
 * net amount); otherwise there are none rather than wrong ones.
 */
import type { LineItem } from '../extraction.types.ts';
import { classifyAmountLabel, moneyTokens } from './amounts.models.ts';
import type { DateOrder } from './dates.models.ts';
import type { Layout, Line } from './layout.models.ts';
import { looseRegExp } from './layout.models.ts';
import type { DecimalMark } from './numbers.models.ts';
import { fromCents, toCents } from './numbers.models.ts';

const DESCRIPTION_COLUMN = looseRegExp(String.raw`\b(?:Beschreibung|Bezeichnung|Artikel(?:bezeichnung)?|Leistung|Produkt|Description|Product|Item|Désignation)\b`);
const AMOUNT_COLUMN = looseRegExp(String.raw`Betrag|Gesamt|Summe|Total|Amount|Entgelt|Preis|Price|Montant|€`);
const ALLOWANCE = looseRegExp(String.raw`Rabatt|Abschlag|Zuschlag|(?<![\p{L}])Skonto|Nachlass|Discount|Remise`);
/** Article numbers and codes are no descriptions either. */
const CODE = /^(?:GTIN|EAN|GLN|Art\.?-?Nr|SKU|PZN)\b/i;
/** Unit cells are no descriptions. Quantities and units are left out: position numbers and quantities look alike. */
const UNIT = /^(?:Stk\.?|Stück|St\.?|Std\.?|h|kg|g|l|m|m²|m2|km|kWh|psch\.?|pauschal|x|pcs?|PCE|units?|hours?|Tag\(e\)|Tage?|Monat|Meter|Liter)$/i;

export function findLineItems(layout: Layout, mark: DecimalMark, order: DateOrder, sums: bigint[]): LineItem[] {
  for (const header of layout.lines) {
    if (!DESCRIPTION_COLUMN.test(header.text) || !AMOUNT_COLUMN.test(header.text) || header.cells.length < 3) continue;
    if (moneyTokens(header.text, mark, order).length > 0) continue;
    const items = rowsUnder(layout, header, mark, order);
    const total = items.reduce((sum, item) => sum + (toCents(item.amount ?? '') ?? 0n), 0n);
    if (items.length > 0 && sums.some((sum) => sum === total)) return items;
  }
  return [];
}

function rowsUnder(layout: Layout, header: Line, mark: DecimalMark, order: DateOrder): LineItem[] {
  const items: LineItem[] = [];
  const lines = layout.lines.slice(header.pos + 1);
  for (const [index, line] of lines.entries()) {
    const tokens = moneyTokens(line.text, mark, order);
    // The totals block or the next section ("Zu- und Abschläge:") ends the table.
    if (tokens.length > 0 && classifyAmountLabel(line.text.slice(0, tokens[0]!.start)) !== undefined) break;
    if (tokens.length === 0 && /^\p{L}[^:]*:$/u.test(line.text.trim())) break;
    if (ALLOWANCE.test(line.text)) continue;
    const last = tokens[tokens.length - 1];
    if (!last || line.text.slice(last.end).trim().length > 3) continue;
    let description = line.cells
      .map((cell) => cell.text.trim())
      .filter((text) => /\p{L}{3,}/u.test(text) && !UNIT.test(text) && !/^[-+\d(]/.test(text) && !CODE.test(text))
      .sort((p, q) => q.length - p.length)[0];
    if (!description) continue;
    // A description wrapped in its column continues on the next line: "Beamer-" / "Deckenhalterung".
    const next = lines[index + 1];
    const continued = next && next.cells.length === 1 && moneyTokens(next.text, mark, order).length === 0 ? next.text.trim() : '';
    if (continued && !continued.includes(':') && /^\p{L}/u.test(continued) && (description.endsWith('-') || continued.split(/\s+/).length <= 3)) {
      description = description.endsWith('-') ? `${description}${continued}` : `${description} ${continued}`;
    }
    const amount = toCents(last.value);
    if (amount === undefined) continue;
    const item: LineItem = { description: description.replace(/\s+/g, ' '), amount: fromCents(amount) };
    const price = tokens.length >= 2 ? tokens[tokens.length - 2] : undefined;
    if (price) item.unit_price = price.value;
    items.push(item);
  }
  return items;
}
