/**
 * The dev family's letter layout (DIN 5008-like, form B): letterhead left, right or centred, the
 * sender line above the address window, an information block (a column on the right, a row of
 * "Ihr Zeichen / Unser Zeichen / Datum", a framed box, or only "Ort, Datum"), fold and punch
 * marks, the body, and a footer of three or four columns. A body that does not fit on the first
 * page flows onto a second one; "Seite x von n" is filled in at the end.
 */
import type { PageSpec, Rule, TextRun } from '../corpus.types.ts';
import { PAGE_WIDTH, textWidth, wrapText, type FontName } from '../render/pdf.ts';

export type HeadAlign = 'left' | 'right' | 'center';
export type InfoStyle = 'column' | 'row' | 'box' | 'dateline';
export type Pair = [label: string, value: string];

export interface Row {
  cells: string[];
  bold?: boolean;
  ruleAbove?: boolean;
}

export interface Column {
  /** Left edge, or the right edge for `align: 'right'`. */
  x: number;
  align?: 'left' | 'right';
  /** Wrap the cell to this width (left-aligned columns). */
  width?: number;
}

export type Block =
  | { kind: 'para'; text: string; bold?: boolean; size?: number; indent?: number; after?: number }
  | { kind: 'lines'; lines: string[]; bold?: boolean; size?: number; after?: number; keep?: boolean }
  | { kind: 'table'; columns: Column[]; header?: string[]; rows: Row[]; size?: number; after?: number }
  | { kind: 'list'; items: string[]; bullet?: string; indent?: number; after?: number }
  | { kind: 'pairs'; pairs: Pair[]; labelWidth?: number; bold?: boolean; size?: number; after?: number }
  | { kind: 'space'; height: number }
  | { kind: 'rule' };

export interface LetterSpec {
  font: 'sans' | 'serif';
  head: { align: HeadAlign; name: string; lines: string[]; rule?: boolean; nameSize?: number };
  /** The small sender line above the address window, or null. */
  returnLine: string | null;
  recipient: string[];
  info: { style: InfoStyle; pairs: Pair[]; dateLine?: string };
  subject: string[];
  blocks: Block[];
  footer: string[][];
  pageNumbers: 'seite-von' | 'slash' | 'none';
  foldMarks: boolean;
}

export const LEFT = 71;
export const RIGHT = 527;
export const BODY_WIDTH = RIGHT - LEFT;
const FOOTER_TOP = 772;
const CONTINUATION_TOP = 96;

interface Line {
  height: number;
  /** The height of this line and the ones it must stay on a page with (its first line only). */
  keep?: number;
  draw: (y: number) => { runs: TextRun[]; rules?: Rule[] };
}

interface Page {
  runs: TextRun[];
  rules: Rule[];
}

const bold = (font: 'sans' | 'serif'): FontName => (font === 'sans' ? 'sans-bold' : 'serif-bold');
const centred = (text: string, font: FontName, size: number) => (PAGE_WIDTH - textWidth(text, font, size)) / 2;

function headRuns(spec: LetterSpec): { runs: TextRun[]; rules: Rule[] } {
  const { align, name, lines, rule, nameSize = 16 } = spec.head;
  const runs: TextRun[] = [];
  const place = (text: string, y: number, font: FontName, size: number): TextRun =>
    align === 'left' ? { text, x: LEFT, y, font, size } : align === 'right' ? { text, x: RIGHT, y, font, size, align: 'right' } : { text, x: centred(text, font, size), y, font, size };
  runs.push(place(name, 60, bold(spec.font), nameSize));
  lines.forEach((line, index) => runs.push(place(line, 76 + index * 10.5, spec.font, 8.5)));
  const rules: Rule[] = rule ? [{ x1: LEFT, y1: 82 + lines.length * 10.5, x2: RIGHT, y2: 82 + lines.length * 10.5, width: 0.8 }] : [];
  return { runs, rules };
}

/** Address window, information block and fold marks; returns where the body may begin. */
function firstPageFrame(spec: LetterSpec, page: Page): number {
  const head = headRuns(spec);
  page.runs.push(...head.runs);
  page.rules.push(...head.rules);
  if (spec.foldMarks) page.rules.push({ x1: 14, y1: 298, x2: 24, y2: 298 }, { x1: 14, y1: 421, x2: 28, y2: 421 }, { x1: 14, y1: 595, x2: 24, y2: 595 });
  if (spec.returnLine) {
    // The sender line stays inside the window (85 mm): long ones are set smaller.
    const size = Math.min(7, (7 * 265) / textWidth(spec.returnLine, 'sans', 7));
    page.runs.push({ text: spec.returnLine, x: LEFT, y: 138, size });
    page.rules.push({ x1: LEFT, y1: 140.5, x2: LEFT + textWidth(spec.returnLine, 'sans', size), y2: 140.5, width: 0.3 });
  }
  spec.recipient.forEach((line, index) => page.runs.push({ text: line, x: LEFT, y: 156 + index * 12.5, font: spec.font, size: 10 }));
  const { style, pairs, dateLine } = spec.info;
  let bodyTop: number;
  if (style === 'column' || style === 'box') {
    const top = style === 'box' ? 150 : 146;
    let y = top;
    for (const [label, value] of pairs) {
      page.runs.push({ text: label, x: style === 'box' ? 358 : 352, y, size: 8 });
      for (const line of wrapText(value, RIGHT + 2 - 440, 'sans', 8.5)) {
        page.runs.push({ text: line, x: 440, y, size: 8.5 });
        y += 10.5;
      }
      y += 1;
    }
    const bottom = y - 11.5;
    if (style === 'box') {
      const [x1, x2, y1, y2] = [350, RIGHT + 4, top - 12, bottom + 6];
      page.rules.push({ x1, y1, x2, y2: y1 }, { x1, y1: y2, x2, y2 }, { x1, y1, x2: x1, y2 }, { x1: x2, y1, x2, y2 });
    }
    bodyTop = Math.max(292, bottom + 32);
  } else if (style === 'row') {
    const xs = [LEFT, 190, 310, 430];
    pairs.forEach(([label, value], index) => {
      const x = xs[index % 4]!;
      const y = 262 + Math.floor(index / 4) * 24;
      page.runs.push({ text: label, x, y, size: 7 });
      page.runs.push({ text: value, x, y: y + 11, font: spec.font, size: 9 });
    });
    bodyTop = 262 + Math.ceil(pairs.length / 4) * 24 + 18;
  } else {
    if (dateLine) page.runs.push({ text: dateLine, x: RIGHT, y: 262, font: spec.font, size: 10, align: 'right' });
    pairs.forEach(([label, value], index) => page.runs.push({ text: `${label} ${value}`, x: LEFT, y: 262 + index * 12, font: spec.font, size: 9 }));
    bodyTop = 262 + Math.max(1, pairs.length) * 12 + 18;
  }
  return bodyTop;
}

function footerRuns(spec: LetterSpec, page: Page): void {
  if (spec.footer.length === 0) return;
  page.rules.push({ x1: LEFT, y1: FOOTER_TOP, x2: RIGHT, y2: FOOTER_TOP, width: 0.4 });
  const width = BODY_WIDTH / spec.footer.length;
  spec.footer.forEach((column, index) => {
    // A word wider than the column (an e-mail address) sets the whole column smaller.
    const widest = Math.max(...column.flatMap((line) => line.split(' ').map((word) => textWidth(word, 'sans', 6.5))));
    const size = Math.min(6.5, (6.5 * (width - 6)) / widest);
    const lines = column.flatMap((line) => wrapText(line, width - 6, 'sans', size));
    lines.forEach((line, row) => page.runs.push({ text: line, x: LEFT + index * width, y: FOOTER_TOP + 10 + row * 8, size }));
  });
}

function blockLines(block: Block, font: 'sans' | 'serif'): Line[] {
  const gap = (after: number | undefined, fallback: number): Line[] => [{ height: after ?? fallback, draw: () => ({ runs: [] }) }];
  switch (block.kind) {
    case 'para': {
      const size = block.size ?? 10;
      const x = LEFT + (block.indent ?? 0);
      const face = block.bold ? bold(font) : font;
      const lines = wrapText(block.text, RIGHT - x, face, size).map((text): Line => ({ height: size * 1.38, draw: (y) => ({ runs: [{ text, x, y, font: face, size }] }) }));
      return [...lines, ...gap(block.after, 7)];
    }
    case 'lines': {
      const size = block.size ?? 10;
      const face = block.bold ? bold(font) : font;
      const lines = block.lines.map((text, index): Line => ({ height: size * 1.38, ...(block.keep && index === 0 ? { keep: size * 1.38 * block.lines.length } : {}), draw: (y) => ({ runs: [{ text, x: LEFT, y, font: face, size }] }) }));
      return [...lines, ...gap(block.after, 7)];
    }
    case 'list': {
      const x = LEFT + (block.indent ?? 8);
      const bullet = block.bullet ?? '•';
      const lines = block.items.flatMap((item) =>
        wrapText(item, RIGHT - x - 14, font, 10).map((text, index): Line => ({
          height: 13.5,
          draw: (y) => ({ runs: [...(index === 0 ? [{ text: bullet, x, y, font, size: 10 }] : []), { text, x: x + 14, y, font, size: 10 }] }),
        })),
      );
      return [...lines, ...gap(block.after, 7)];
    }
    case 'pairs': {
      const size = block.size ?? 10;
      const labelWidth = block.labelWidth ?? 150;
      const face = block.bold ? bold(font) : font;
      const lines = block.pairs.flatMap(([label, value]) =>
        wrapText(value, BODY_WIDTH - labelWidth, face, size).map((text, index): Line => ({
          height: size * 1.4,
          draw: (y) => ({ runs: [...(index === 0 ? [{ text: label, x: LEFT, y, font, size }] : []), { text, x: LEFT + labelWidth, y, font: face, size }] }),
        })),
      );
      return [...lines, ...gap(block.after, 7)];
    }
    case 'table': {
      const size = block.size ?? 9;
      const height = size * 1.45;
      const rowLines = (row: Row, face: FontName): Line[] => {
        const cells = row.cells.map((cell, index) => {
          const column = block.columns[index]!;
          return column.width && column.align !== 'right' ? wrapText(cell, column.width, face, size) : [cell];
        });
        const count = Math.max(...cells.map((cell) => cell.length));
        const ruleAbove: Line[] = row.ruleAbove ? [{ height: 4, draw: (y) => ({ runs: [], rules: [{ x1: LEFT, y1: y - 6, x2: RIGHT, y2: y - 6, width: 0.5 }] }) }] : [];
        return [
          ...ruleAbove,
          ...Array.from({ length: count }, (_, line): Line => ({
            height,
            draw: (y) => ({
              runs: cells.flatMap((cell, index) => {
                const text = cell[line];
                if (text === undefined || text === '') return [];
                const column = block.columns[index]!;
                return [{ text, x: column.x, y, font: face, size, ...(column.align === 'right' ? { align: 'right' as const } : {}) }];
              }),
            }),
          })),
        ];
      };
      const header = block.header ? rowLines({ cells: block.header }, bold(font)) : [];
      const headerRule: Line[] = block.header ? [{ height: 6, draw: (y) => ({ runs: [], rules: [{ x1: LEFT, y1: y - 3, x2: RIGHT, y2: y - 3, width: 0.5 }] }) }] : [];
      const rows = block.rows.flatMap((row) => rowLines(row, row.bold ? bold(font) : font));
      return [...header, ...headerRule, ...rows, ...gap(block.after, 9)];
    }
    case 'space':
      return gap(block.height, 0);
    case 'rule':
      return [{ height: 8, draw: (y) => ({ runs: [], rules: [{ x1: LEFT, y1: y - 4, x2: RIGHT, y2: y - 4, width: 0.5 }] }) }];
  }
}

/** The letter as pages: the body flows onto further pages when it does not fit. */
export function renderLetter(spec: LetterSpec): PageSpec[] {
  const pages: Page[] = [{ runs: [], rules: [] }];
  let y = firstPageFrame(spec, pages[0]!);
  const bottom = spec.pageNumbers === 'seite-von' ? FOOTER_TOP - 26 : FOOTER_TOP - 12;
  const subject: Block[] = [{ kind: 'lines', lines: spec.subject, bold: true, size: 10.5, after: 12 }];
  for (const line of [...subject, ...spec.blocks].flatMap((block) => blockLines(block, spec.font))) {
    if (y + (line.keep ?? line.height) > bottom && line.draw(0).runs.length > 0) {
      pages.push({ runs: [{ text: spec.head.name, x: LEFT, y: 52, font: bold(spec.font), size: 9 }], rules: [{ x1: LEFT, y1: 58, x2: RIGHT, y2: 58, width: 0.4 }] });
      y = CONTINUATION_TOP;
    }
    const page = pages[pages.length - 1]!;
    const drawn = line.draw(y);
    page.runs.push(...drawn.runs);
    page.rules.push(...(drawn.rules ?? []));
    y += line.height;
  }
  pages.forEach((page, index) => {
    footerRuns(spec, page);
    const number = index + 1;
    if (spec.pageNumbers === 'seite-von') page.runs.push({ text: `Seite ${number} von ${pages.length}`, x: RIGHT, y: FOOTER_TOP - 10, size: 8, align: 'right' });
    if (spec.pageNumbers === 'slash') page.runs.push({ text: `${number}/${pages.length}`, x: PAGE_WIDTH / 2 - 6, y: 830, size: 7.5 });
  });
  return pages.map(({ runs, rules }) => ({ runs, rules }));
}
