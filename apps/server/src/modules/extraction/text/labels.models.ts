/**
 * Label/value pairs as paperwork prints them: on one line ("Rechnungsnummer: 4711",
 * "Rechnungsnummer    4711"), with the value on the next line, or in a table column under a
 * header ("Rechnungsnummer    Kundennummer" / "4711    K-123").
 */
import type { Layout, Line } from './layout.models.ts';
import { nextLines } from './layout.models.ts';

export type Relation = 'same-line' | 'below';

export interface Labeled<T> {
  value: T;
  raw: string;
  label: string;
  line: Line;
  valueLine: Line;
  relation: Relation;
}

export interface Parsed<T> {
  value: T;
  raw: string;
}

export interface LabelSpec<T> {
  label: RegExp;
  /** Tested against the label's cell: a match drops the hit ("Ursprungsbeleg-Nr", "Leistungsdatum"). */
  exclude?: RegExp;
  /** Reads a value at the start of the text after the label. */
  parse: (text: string) => Parsed<T> | undefined;
  /** Reads a whole cell below the label (stricter: the cell must be the value). Defaults to `parse`. */
  parseCell?: (cell: string) => Parsed<T> | undefined;
  /** How many lines below the label a value may stand. */
  below?: number;
  /** Rejects a line below as the value's line ("Zahlbar mit 2 % Skonto bis ..." under "Fälligkeit"). */
  acceptBelow?: (line: Line) => boolean;
}

export function findLabeled<T>(layout: Layout, spec: LabelSpec<T>): Labeled<T>[] {
  const hits: Labeled<T>[] = [];
  const pattern = new RegExp(spec.label.source, spec.label.flags.includes('g') ? spec.label.flags : `${spec.label.flags}g`);
  for (const line of layout.lines) {
    for (const match of line.text.matchAll(pattern)) {
      const labelStart = match.index;
      const labelEnd = labelStart + match[0].length;
      const cellIndex = cellAt(line, labelStart);
      const cell = line.cells[cellIndex];
      if (spec.exclude && cell && spec.exclude.test(cell.text)) continue;
      // "Rechnungsdatum/Lieferdatum: ...": a second label glued on with a slash belongs to the first.
      const rest = line.text.slice(labelEnd).replace(/^\/[\p{L}-]+\.?/u, '').replace(/^\s*(?:[:=]\s*)?(?:#\s*)?/, '');
      const same = rest === '' ? undefined : spec.parse(rest);
      if (same) {
        hits.push({ value: same.value, raw: same.raw, label: match[0], line, valueLine: line, relation: 'same-line' });
        continue;
      }
      // Only a label that ends its cell has its value below; "Zahlbar sofort rein netto" does not.
      const restOfCell = cell ? cell.text.slice(labelEnd - cell.start).trim() : '';
      if (restOfCell !== '' && !/^[:(]/.test(restOfCell)) continue;
      const below = valueBelow(layout, line, cellIndex, spec);
      if (below) hits.push({ ...below, label: match[0], line });
    }
  }
  return hits;
}

function valueBelow<T>(layout: Layout, line: Line, cellIndex: number, spec: LabelSpec<T>): Omit<Labeled<T>, 'label' | 'line'> | undefined {
  const parseCell = spec.parseCell ?? spec.parse;
  for (const candidate of nextLines(layout, line, spec.below ?? 1)) {
    if (spec.acceptBelow && !spec.acceptBelow(candidate)) continue;
    // A table row with as many cells as the header row is read by column; otherwise the nearest
    // cell that holds a value of the right kind.
    const cells = columnCells(candidate, line.cells.length);
    const order =
      cells.length === line.cells.length && line.cells.length > 1
        ? [cellIndex]
        : cells.map((_, index) => index).sort((p, q) => Math.abs(p - cellIndex) - Math.abs(q - cellIndex));
    for (const index of order) {
      const cell = cells[index];
      const parsed = cell ? parseCell(cell) : undefined;
      if (parsed) return { value: parsed.value, raw: parsed.raw, valueLine: candidate, relation: 'below' };
    }
  }
  return undefined;
}

/**
 * The texts of a value row under a header of `columns` (three or more) cells. One cell fewer than the header, and
 * a cell that ends in a number after a single space ("Kfz-Meisterbetrieb Seidel e.K. INV-3840-26"
 * under "Gläubigerin" and "Rechnungs-Nr"): a long value ran up to the next column, or the OCR
 * closed the gap, and the two values are parted so that the row is read by column again.
 */
function columnCells(row: Line, columns: number): string[] {
  const texts = row.cells.map((cell) => cell.text);
  if (columns < 3 || texts.length !== columns - 1) return texts;
  const merged = texts.flatMap((text, index) => {
    const tail = / (\S{4,})$/u.exec(text);
    return tail && /\d/.test(tail[1]!) && /\p{L}/u.test(text.slice(0, tail.index)) && validId(tail[1]!) ? [index] : [];
  });
  if (merged.length !== 1) return texts;
  const index = merged[0]!;
  const text = texts[index]!;
  const cut = text.lastIndexOf(' ');
  return [...texts.slice(0, index), text.slice(0, cut), text.slice(cut + 1), ...texts.slice(index + 1)];
}

export function cellAt(line: Line, offset: number): number {
  let index = 0;
  line.cells.forEach((cell, i) => {
    if (cell.start <= offset) index = i;
  });
  return index;
}

const ID_TOKEN = /^[\p{L}\d][\p{L}\d_./-]*$/u;

/**
 * An identifier such as an invoice or customer number: one token with a digit, as printed
 * ("RE-2024/0815", "9314110911/00/M/00/N"), not a date and not a money amount.
 */
export function parseId(text: string): Parsed<string> | undefined {
  // "Rechnungsnummer: Nr. 4711", "Invoice: # 42": the "Nr." and "#" are the label's, not the number's.
  const bare = text.trim().replace(/^(?:#|(?:Nr|No|Nummer|Number)(?:\.\s*:?|\s*:|\s))\s*(?=[\p{L}\d])/iu, '');
  // Long numbers are printed in groups ("1234 5678 9012"): the groups together are the number.
  const grouped = /^\d{2,6}(?: \d{2,6}){1,4}(?=\s{2,}|\s*$)/.exec(bare)?.[0];
  if (grouped) return { value: grouped, raw: grouped };
  // A short capital prefix and a number, one space apart ("RG 2026-582", "RE 10442"): one identifier.
  const prefixed = /^(?!(?:EUR|USD|CHF|GBP|DM)\s)[A-ZÄÖÜ]{1,4} (\d[\p{L}\d/._-]*[\p{L}\d]|\d)(?=\s|[,;)](?!\d)|$)/u.exec(bare);
  if (prefixed && validId(prefixed[1]!.replace(/[.,;:)]+$/, ''))) return { value: prefixed[0], raw: prefixed[0] };
  const token = (bare.split(/\s+/)[0] ?? '').replace(/^[#:]+/, '').replace(/[.,;:)]+$/, '');
  return validId(token) ? { value: token, raw: token } : undefined;
}

/** The whole cell must be the identifier. */
export function parseIdCell(cell: string): Parsed<string> | undefined {
  const text = cell.trim().replace(/^[#:]\s*/, '');
  return /\s/.test(text) && !/^\d{2,6}(?: \d{2,6}){1,4}$/.test(text) ? undefined : parseId(text);
}

function validId(token: string): boolean {
  if (token.length < 2 || token.length > 40 || !ID_TOKEN.test(token) || !/\d/.test(token)) return false;
  // "2026/" and "26-" end where a gap cut them off: the rest of the number is missing.
  if (/[-/]$/.test(token)) return false;
  // "05.03.2018" and "1.234,56" are values of other labels.
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(token) || /^\d{4}-\d{2}-\d{2}$/.test(token)) return false;
  if (/^-?\d{1,3}(?:[.,]\d{3})*[.,]\d{2}$/.test(token)) return false;
  return true;
}
