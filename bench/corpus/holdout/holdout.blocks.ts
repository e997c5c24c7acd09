/** The body blocks of a letter: paragraphs, label/value lists, bullet lists and position tables. */
import type { PageWriter } from './holdout.layout.ts';
import { boldOf, type FontFace, textWidth, wrap } from './holdout.measure.ts';

export interface TableColumn {
  header: string;
  /** Share of the text width. */
  width: number;
  align?: 'left' | 'right';
}

export type Block =
  | { kind: 'p'; text: string; bold?: boolean }
  | { kind: 'kv'; rows: Array<[string, string]>; boldLast?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: TableColumn[]; rows: string[][]; totals: Array<[string, string]>; boldLast?: boolean }
  | { kind: 'gap' };

const LEFT = 68;
const RIGHT = 527;

function paragraph(w: PageWriter, text: string, font: FontFace, size: number, x = LEFT): void {
  const lines = wrap(text, font, size, RIGHT - x);
  for (const line of lines) {
    w.need(size + 3);
    w.text(line, x, size, font);
    w.y += size + 3;
  }
  w.y += size * 0.6;
}

function kv(w: PageWriter, rows: Array<[string, string]>, boldLast: boolean, font: FontFace, size: number): void {
  const labelWidth = Math.min(190, Math.max(...rows.map(([label]) => textWidth(label, font, size))) + 14);
  rows.forEach(([label, value], i) => {
    const rowFont = boldLast && i === rows.length - 1 ? boldOf(font) : font;
    const lines = wrap(value, rowFont, size, RIGHT - LEFT - labelWidth);
    const labelLines = wrap(label, rowFont, size, labelWidth - 6);
    const height = Math.max(lines.length, labelLines.length) * (size + 3);
    w.need(height);
    labelLines.forEach((line, j) => w.text(line, LEFT, size, rowFont, 'left', w.y + j * (size + 3)));
    lines.forEach((line, j) => w.text(line, LEFT + labelWidth, size, rowFont, 'left', w.y + j * (size + 3)));
    w.y += height;
  });
  w.y += size * 0.6;
}

function table(w: PageWriter, block: Extract<Block, { kind: 'table' }>, font: FontFace, size: number): void {
  const total = RIGHT - LEFT;
  const starts: number[] = [];
  let x = LEFT;
  for (const column of block.columns) {
    starts.push(x);
    x += column.width * total;
  }
  const cellX = (i: number): number => {
    const column = block.columns[i];
    const start = starts[i] ?? LEFT;
    return column?.align === 'right' ? start + (column.width * total) - 4 : start;
  };
  const drawRow = (cells: string[], rowFont: FontFace): void => {
    const wrapped = cells.map((cell, i) => {
      const column = block.columns[i];
      const width = (column?.width ?? 0.2) * total - 8;
      return column?.align === 'right' ? [cell.replace(/\u00a0/g, ' ')] : wrap(cell, rowFont, size, width);
    });
    const height = Math.max(...wrapped.map((lines) => lines.length)) * (size + 2.5);
    w.need(height + 2);
    wrapped.forEach((lines, i) => {
      lines.forEach((line, j) => {
        w.text(line, cellX(i), size, rowFont, block.columns[i]?.align ?? 'left', w.y + j * (size + 2.5));
      });
    });
    w.y += height + 1.5;
  };
  w.need(3 * (size + 3));
  drawRow(block.columns.map((c) => c.header), boldOf(font));
  w.rule(LEFT, w.y - size + 1, RIGHT, w.y - size + 1);
  for (const row of block.rows) drawRow(row, font);
  if (block.totals.length > 0) {
    w.rule(LEFT + total * 0.45, w.y - size + 1, RIGHT, w.y - size + 1);
    w.y += 2;
    block.totals.forEach(([label, value], i) => {
      const rowFont = block.boldLast && i === block.totals.length - 1 ? boldOf(font) : font;
      w.need(size + 3);
      w.text(label, RIGHT - 100, size, rowFont, 'right');
      w.text(value.replace(/\u00a0/g, ' '), RIGHT - 4, size, rowFont, 'right');
      w.y += size + 3;
    });
  }
  w.y += size * 0.8;
}

export function drawBlock(w: PageWriter, block: Block): void {
  const { style } = w;
  const font = style.bodyFont;
  const size = style.bodySize;
  switch (block.kind) {
    case 'p':
      paragraph(w, block.text, block.bold ? boldOf(font) : font, size);
      return;
    case 'kv':
      kv(w, block.rows, block.boldLast ?? false, font, size);
      return;
    case 'list':
      for (const item of block.items) {
        w.need(size + 3);
        w.text('-', LEFT + 6, size, font);
        paragraph(w, item, font, size, LEFT + 18);
        w.y -= size * 0.6;
      }
      w.y += size * 0.6;
      return;
    case 'table':
      table(w, block, style.monoTables ? 'mono' : font, style.monoTables ? size - 1 : size - 0.5);
      return;
    case 'gap':
      w.y += size;
      return;
  }
}
