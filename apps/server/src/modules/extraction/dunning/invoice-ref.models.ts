/**
 * The invoice a dunning letter is about, and that invoice's date, as the letter prints them:
 * "Rechnung Nr. 2024-117 vom 03.01.2026", "Rechnungsnummer: RE-2026-0042", "zu unserer Rechnung
 * RE-4711", "Ihre Rechnung vom 03.01.2026 (Nr. 2024-117)", "Beleg-Nr. 88123", "invoice no.
 * INV-17 dated January 14, 2026", and tables of open items ("Rechnung | Datum | Betrag | offen").
 * A letter that lists several invoices names no single one: its reading is the first, uncertain.
 */
import type { Layout, Line } from '../text/layout.models.ts';
import type { DateOrder } from '../text/dates.models.ts';
import { findDates } from '../text/dates.models.ts';
import type { Evidence, Found } from '../text/evidence.models.ts';
import { decide } from '../text/evidence.models.ts';
import { findLabeled, parseId, parseIdCell } from '../text/labels.models.ts';
import type { DecimalMark } from '../text/numbers.models.ts';
import { moneyTokens } from '../text/amounts.models.ts';
import { words } from './phrases.models.ts';
import type { Unit } from './units.models.ts';

export interface InvoiceRef {
  number: string;
  /** The invoice's date, printed next to its number. */
  date?: string;
  /** The open amount of a row in a table of open items. */
  amount?: string;
  confidence: number;
}

export interface InvoiceReading {
  number?: Found<string>;
  date?: Found<string>;
  /** Every distinct invoice the letter names, in print order. */
  invoices: InvoiceRef[];
}

const NUMBER_LABEL = words(
  String.raw`(?<![\p{L}])(?:Rechnungs?-?\s?(?:nummer|nr\.?|no\.?)|Rechnung(?:en)?\s*\(?\s*(?:Nr\.?|Nummer|No\.?|#)|Re\.?-?\s?Nr\.?|Rg\.?-?\s?Nr\.?|Rechn\.?-?\s?Nr\.?|(?:Beleg|Faktura)-?\s?(?:nummer|nr\.?)|Invoice\s*(?:number|no\.?|nr\.?|#)|Inv\.\s*(?:No\.?|#)|Bill\s*(?:number|no\.?))(?:(?<=#)|(?![\p{L}]))\s*[:.]?\s*`,
  'giu',
);
/** Any voucher has a "Beleg-Nr.", the dunning letter itself too. */
const GENERIC_LABEL = words(String.raw`Beleg`);
const INVOICE_THEN_ID = words(String.raw`(?<![\p{L}])(?:Rechnung|Invoice|Faktura)\s+(?=[\p{L}\d])`, 'giu');
/** Words before "Rechnung" that make the next token its number: "zu unserer Rechnung RE-4711". */
const REFERRING = words(String.raw`(?:unsere[rn]?|Ihre[rn]?|die|der|zur|zu|für|aus|über|betreffend|betr\.?|bzgl\.?|regarding|our|your|the|Re:|Betreff:)\s*$`);
const DATED = words(String.raw`^\s*[,(]?\s*(?:vom|from|dated|datiert\s+(?:auf\s+den|vom)|v\.|of)\s+`);
const INVOICE_DATED = words(
  String.raw`(?<![\p{L}])(?:Rechnung|Invoice)\s+(?:vom|from|dated|of)\s+([^,;()]{6,20}?)\s*[,(]?\s*(?:über\s+[^,;()]+?\s+)?(?:mit\s+der\s+)?(?:Nr\.?|Nummer|Rechnungsnummer|Rechnungs-Nr\.?|number|no\.?)\s*[:.]?\s*`,
  'giu',
);
const MORE_NUMBERS = /^\s*(?:,|und|and|sowie|&)\s*(?:(?:Nr\.?|No\.?)\s*)?/iu;
/** "Rechnung 12/2025", "Rechnung 2025": a period, not a number. */
const PERIOD = /^(?:(?:0?[1-9]|1[0-2]|Q[1-4])[./-])?(?:19|20)\d{2}$/i;

export function normalizeNumber(value: string): string {
  return value.toLowerCase().replace(/^(?:nr|no)\.?\s*/, '').replace(/[\s\-_./#:]/g, '');
}

function readId(text: string): { value: string; raw: string } | undefined {
  const id = parseId(text);
  return id && !PERIOD.test(id.value) ? id : undefined;
}

/** The date right after a number: "2024-117 vom 03.01.2026". */
function datedAfter(text: string, order: DateOrder): string | undefined {
  const dated = DATED.exec(text);
  if (!dated) return undefined;
  const token = findDates(text.slice(dated[0].length), order)[0];
  return token && token.start === 0 ? token.iso : undefined;
}

/** A number and the numbers chained after it ("Rechnungen Nr. 117, 118 und 121"); a dated number ends the chain. */
function numbersAt(text: string, order: DateOrder, confidence: number): InvoiceRef[] {
  const refs: InvoiceRef[] = [];
  let rest = text;
  for (let index = 0; index < 6; index++) {
    const id = readId(rest);
    if (!id) break;
    rest = rest.slice(rest.indexOf(id.raw) + id.raw.length);
    const date = datedAfter(rest, order);
    refs.push({ number: id.value, ...(date ? { date } : {}), confidence });
    const more = date ? undefined : MORE_NUMBERS.exec(rest);
    if (!more) break;
    rest = rest.slice(more[0].length);
  }
  return refs;
}

type Ref = InvoiceRef & { generic?: boolean };

function refsInUnit(unit: Unit, order: DateOrder): Ref[] {
  const refs: Ref[] = [];
  const heading = unit.columns || unit.text.split(/\s+/).length <= 12;
  for (const match of unit.text.matchAll(NUMBER_LABEL)) {
    const generic = GENERIC_LABEL.test(match[0]);
    const confidence = generic ? 0.78 : heading ? 0.9 : 0.88;
    refs.push(...numbersAt(unit.text.slice(match.index + match[0].length), order, confidence).map((ref) => (generic ? { ...ref, generic } : ref)));
  }
  for (const match of unit.text.matchAll(INVOICE_DATED)) {
    const date = findDates(match[1] ?? '', order)[0];
    const id = readId(unit.text.slice(match.index + match[0].length));
    if (id) refs.push({ number: id.value, ...(date ? { date: date.iso } : {}), confidence: 0.85 });
  }
  for (const match of unit.text.matchAll(INVOICE_THEN_ID)) {
    const after = unit.text.slice(match.index + match[0].length);
    // Also glued to what follows, as OCR leaves it: "Rechnung vom16.03.2026".
    if (/^(?:Nr|No|Nummer|number|vom|from|dated)(?!\p{L})/iu.test(after)) continue;
    const id = readId(after);
    if (!id) continue;
    const dated = datedAfter(after.slice(after.indexOf(id.raw) + id.raw.length), order) !== undefined;
    if (!dated && !heading && !REFERRING.test(unit.text.slice(0, match.index))) continue;
    refs.push(...numbersAt(after, order, dated || heading ? 0.8 : 0.75));
  }
  return refs;
}

const TABLE_NUMBER = words(String.raw`^(?:Rechnung(?:s-?\s?(?:nummer|nr\.?))?|Re\.?-?\s?Nr\.?|Rg\.?-?\s?Nr\.?|Beleg(?:-?\s?(?:nummer|nr\.?))?|Invoice(?:\s*(?:no\.?|number|#))?|Nr\.?|Faktura(?:-?\s?nr\.?)?)\s*:?$`);
const TABLE_DATE = words(String.raw`^(?:(?:Rechnungs|Beleg|Invoice\s)?-?datum|Datum|vom|Date|Invoice\s+date)\s*:?$`);
const TABLE_OTHER = words(String.raw`Betrag|offen|Summe|Amount|Saldo|Forderung|Rest|Fällig|Due|Datum|Date`);
const TABLE_END = words(String.raw`^(?:Summe|Gesamt|Total|zzgl|abzgl|Mahn|Zinsen|Verzug)`);

/** Rows of a table of open items under a header with a number column. */
function tableRows(layout: Layout, mark: DecimalMark, order: DateOrder): InvoiceRef[] {
  const refs: InvoiceRef[] = [];
  const x = (line: Line, start: number) => line.indent + start;
  for (const header of layout.lines) {
    if (header.cells.length < 2) continue;
    const numberCell = header.cells.find((cell) => TABLE_NUMBER.test(cell.text));
    if (!numberCell || !header.cells.some((cell) => cell !== numberCell && TABLE_OTHER.test(cell.text))) continue;
    const dateCell = header.cells.find((cell) => TABLE_DATE.test(cell.text));
    // A bare "Nr." heads position numbers as often as invoice numbers: only beside a date column.
    if (/^Nr\.?\s*:?$/i.test(numberCell.text) && !dateCell) continue;
    const page = layout.pages[header.page - 1] ?? [];
    for (const row of page.slice(header.index + 1, header.index + 13)) {
      if (TABLE_END.test(row.text)) break;
      const nearest = (target: number) =>
        [...row.cells].sort((p, q) => Math.abs(x(row, p.start) - target) - Math.abs(x(row, q.start) - target))[0];
      const cell = nearest(x(header, numberCell.start));
      const id = cell ? parseIdCell(cell.text.replace(/^(?:Rechnung|Invoice|Re\.?|Nr\.?)\s+/iu, '')) : undefined;
      if (!id || PERIOD.test(id.value) || row.cells.length < 2) {
        if (refs.length > 0) break;
        continue;
      }
      const dated = dateCell ? findDates(nearest(x(header, dateCell.start))?.text ?? '', order)[0] : undefined;
      const amounts = moneyTokens(row.text, mark, order);
      const amount = amounts[amounts.length - 1]?.value;
      refs.push({ number: id.value, ...(dated ? { date: dated.iso } : {}), ...(amount ? { amount } : {}), confidence: 0.85 });
    }
  }
  return refs;
}

/** "für Ihre Rechnung vom 04.12.2025": dated, without a number. */
const INVOICE_OF = words(String.raw`(?<![\p{L}])(?:Rechnung|Invoice)\s+(?:vom|from|dated|of)(?:\s+|(?=\d))`, 'giu');
const INVOICE_DATE_LABEL = words(String.raw`(?<![\p{L}])(?:Rechnungs-?\s?datum|Beleg-?\s?datum|Datum\s+der\s+Rechnung|Invoice\s+date)(?![\p{L}])`);

export function findInvoiceRefs(layout: Layout, units: Unit[], order: DateOrder, mark: DecimalMark, letterDate?: string): InvoiceReading {
  const found: Ref[] = [...units.flatMap((unit) => refsInUnit(unit, order)), ...tableRows(layout, mark, order)];
  // A label in one cell with its number under it ("Rechnungsnummer  Kundennummer" / "2024-117  K-88").
  const label = new RegExp(NUMBER_LABEL.source, 'iu');
  for (const hit of findLabeled(layout, { label, parse: readId, parseCell: parseIdCell, below: 1 })) {
    if (hit.relation === 'below') found.push({ number: hit.value, confidence: 0.85, ...(GENERIC_LABEL.test(hit.label) ? { generic: true } : {}) });
  }
  // Beside a number labelled as the invoice's, another "Beleg-Nr." is the letter's own.
  const specific = found.filter((ref) => !ref.generic).map((ref) => normalizeNumber(ref.number));
  const refs: InvoiceRef[] = found
    .filter((ref) => !ref.generic || specific.length === 0 || specific.includes(normalizeNumber(ref.number)))
    .map(({ generic: _generic, ...ref }) => ref);
  // The original invoice is older than the letter; a later date is another event's.
  const before = (iso: string | undefined) => iso !== undefined && (!letterDate || iso <= letterDate);
  const invoices: InvoiceRef[] = [];
  for (const { date, ...ref } of refs) {
    let known = invoices.find((item) => normalizeNumber(item.number) === normalizeNumber(ref.number));
    if (!known) invoices.push((known = ref));
    if (!known.date && date !== undefined && before(date)) known.date = date;
  }

  const evidence: Evidence<string>[] = refs.map((ref) => ({ value: ref.number, confidence: ref.confidence }));
  let number = decide(evidence, normalizeNumber);
  if (number && invoices.length > 1) number = { value: number.value, confidence: Math.min(number.confidence, 0.55) };

  const dates: Evidence<string>[] = [];
  const chosen = number ? refs.filter((ref) => normalizeNumber(ref.number) === normalizeNumber(number.value)) : [];
  for (const ref of chosen) if (ref.date && before(ref.date)) dates.push({ value: ref.date, confidence: 0.88 });
  if (dates.length === 0 && invoices.length <= 1) {
    const parse = (text: string) => {
      const token = findDates(text, order)[0];
      return token && token.start <= 3 ? { value: token.iso, raw: token.raw } : undefined;
    };
    for (const hit of findLabeled(layout, { label: INVOICE_DATE_LABEL, parse, below: 1 })) {
      if (before(hit.value)) dates.push({ value: hit.value, confidence: hit.relation === 'same-line' ? 0.85 : 0.8 });
    }
    for (const unit of units) {
      for (const match of unit.text.matchAll(INVOICE_OF)) {
        const token = findDates(unit.text.slice(match.index + match[0].length), order)[0];
        if (token && token.start === 0 && before(token.iso)) dates.push({ value: token.iso, confidence: 0.75 });
      }
    }
  }
  const date = decide(dates);
  return { ...(number ? { number } : {}), ...(date ? { date } : {}), invoices };
}
