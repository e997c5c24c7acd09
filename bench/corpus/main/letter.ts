/**
 * The main family's letter layouts: a German business letter after DIN 5008 in several house
 * styles. The letterhead sits left, right or centred; references and the date stand in an info
 * column right of the address window or in lines of their own; the body is prose, key-value lines,
 * tables and lists; a footer carries contact, register and bank details. Everything ends up as
 * `PageSpec` runs; the renderer draws them.
 */
import type { PageSpec, Rule, TextRun } from '../corpus.types.ts';
import { PAGE_WIDTH, textWidth, wrapText, type FontName } from '../render/pdf.ts';
import type { Rng } from '../render/random.ts';
import { groupedIban } from './format.ts';
import type { Org } from './names.ts';

export type Family = 'sans' | 'serif' | 'mono';

export interface LetterStyle {
  family: Family;
  head: 'left' | 'right' | 'center';
  /** References in a column right of the address window, or in lines above the subject. */
  info: 'column' | 'lines';
  /** Where the date stands when references are in lines: right-aligned with the town, or among them. */
  dateLine: 'town' | 'plain';
  size: number;
  footer: 'columns' | 'lines' | 'none';
  headRule: boolean;
}

export type Block =
  | { kind: 'p'; text: string; bold?: boolean }
  | { kind: 'kv'; rows: readonly (readonly [string, string])[]; valueX?: number; align?: 'left' | 'right'; boldLast?: boolean; indent?: number }
  | { kind: 'table'; head: readonly string[]; widths: readonly number[]; aligns: readonly ('left' | 'right')[]; rows: readonly (readonly string[])[] }
  | { kind: 'list'; items: readonly string[]; bullet?: string }
  | { kind: 'gap'; size?: number };

export interface LetterContent {
  org: Org;
  recipient: readonly string[];
  /** Reference rows ("Kundennummer", "123456"). */
  info: readonly (readonly [string, string])[];
  /** The date as printed ("2. März 2026"); the label or town is added by the layout. */
  date: string;
  dateLabel?: string;
  subject: string;
  salutation: string;
  blocks: readonly Block[];
  closing: readonly string[];
  /** Bank details in the footer. */
  footerBank: boolean;
  /** The left-hand contact lines of the letterhead, when not the usual ones. */
  contact?: readonly string[];
}

export const LEFT = 64;
export const RIGHT = 535;
const BODY_TOP = 318;
const BODY_BOTTOM_WITH_FOOTER = 772;
const BODY_BOTTOM = 808;

export function randomStyle(rng: Rng, overrides: Partial<LetterStyle> = {}): LetterStyle {
  const family: Family = overrides.family ?? (rng.chance(0.6) ? 'sans' : rng.chance(0.65) ? 'serif' : 'mono');
  const info = rng.chance(0.55) ? 'column' : 'lines';
  return {
    family,
    head: rng.pick(['left', 'left', 'right', 'center'] as const),
    info,
    dateLine: rng.chance(0.6) ? 'town' : 'plain',
    size: family === 'mono' ? rng.pick([9, 9.5]) : rng.pick([9.5, 10, 10, 10.5]),
    footer: rng.pick(['columns', 'columns', 'lines', 'none'] as const),
    headRule: rng.chance(0.4),
    ...overrides,
  };
}

function regular(family: Family): FontName {
  return family;
}

function bold(family: Family): FontName {
  return family === 'mono' ? 'mono' : family === 'serif' ? 'serif-bold' : 'sans-bold';
}

class Page {
  runs: TextRun[] = [];
  rules: Rule[] = [];

  text(text: string, x: number, y: number, size: number, font: FontName, align: 'left' | 'right' = 'left') {
    if (text !== '') this.runs.push({ text, x: round(x), y: round(y), size, font, ...(align === 'right' ? { align } : {}) });
  }

  centered(text: string, y: number, size: number, font: FontName) {
    this.text(text, (PAGE_WIDTH - textWidth(text, font, size)) / 2, y, size, font);
  }

  rule(x1: number, y1: number, x2: number, y2: number, width = 0.5) {
    this.rules.push({ x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2), width });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export class LetterOverflowError extends Error {
  override name = 'LetterOverflowError';
}

/** One page; the body's font shrinks (down to 8 pt) until it fits, else LetterOverflowError. */
export function layoutLetter(content: LetterContent, style: LetterStyle): PageSpec[] {
  for (let size = style.size; size >= 8; size -= 0.5) {
    const page = tryLayout(content, { ...style, size });
    if (page) return [{ runs: page.runs, rules: page.rules }];
  }
  throw new LetterOverflowError(`the letter "${content.subject}" does not fit on one page`);
}

function tryLayout(content: LetterContent, style: LetterStyle): Page | undefined {
  const page = new Page();
  const { org } = content;
  const body = regular(style.family);
  const strong = bold(style.family);
  const size = style.size;
  const lineHeight = size * 1.38;
  const contact = content.contact ?? [`Telefon ${org.phone}`, `E-Mail: ${org.email}`, org.web];

  // Letterhead.
  const nameSize = style.family === 'mono' ? 13 : 16;
  if (style.head === 'left') {
    page.text(org.name, LEFT, 60, fitSize(org.name, strong, nameSize, 300), strong);
    if (org.subtitle) page.text(org.subtitle, LEFT, 74, 9, body);
    [org.street, `${org.zip} ${org.town}`, ...contact].forEach((line, index) => page.text(line, RIGHT, 48 + index * 10.5, 8, body, 'right'));
  } else if (style.head === 'right') {
    page.text(org.name, RIGHT, 60, fitSize(org.name, strong, nameSize, 330), strong, 'right');
    if (org.subtitle) page.text(org.subtitle, RIGHT, 74, 9, body, 'right');
    page.text(`${org.street} · ${org.zip} ${org.town}`, RIGHT, 88, 8, body, 'right');
    page.text(contact.join(' · '), RIGHT, 98.5, fitSize(contact.join(' · '), body, 8, 330), body, 'right');
  } else {
    page.centered(org.name, 56, fitSize(org.name, strong, nameSize + 1, 440), strong);
    if (org.subtitle) page.centered(org.subtitle, 70, 9, body);
    const line = `${org.street} · ${org.zip} ${org.town} · ${contact.join(' · ')}`;
    page.centered(line, 86, fitSize(line, body, 8, 470), body);
  }
  if (style.headRule) page.rule(LEFT, 108, RIGHT, 108, 0.8);

  // Return line and address window.
  const back = `${org.name} · ${org.street} · ${org.zip} ${org.town}`;
  page.text(back, LEFT, 140, fitSize(back, body, 7, 240), body);
  page.rule(LEFT, 143, LEFT + Math.min(240, textWidth(back, body, fitSize(back, body, 7, 240))), 143, 0.3);
  content.recipient.forEach((line, index) => page.text(line, LEFT, 162 + index * 13, 10, body));

  // References and date.
  const dateLabel = content.dateLabel ?? 'Datum';
  let y: number;
  if (style.info === 'column') {
    const rows = [...content.info, [dateLabel, content.date] as const];
    const labelWidth = Math.max(...rows.map(([label]) => textWidth(label, body, 8.5)));
    const valueX = Math.min(RIGHT - 90, 352 + labelWidth + 10);
    rows.forEach(([label, value], index) => {
      page.text(label, 352, 160 + index * 12.5, 8.5, body);
      page.text(value, valueX, 160 + index * 12.5, fitSize(value, body, 8.5, RIGHT - valueX), body);
    });
    y = Math.max(258, 160 + rows.length * 12.5 + 20);
  } else {
    y = 242;
    if (style.dateLine === 'town') {
      page.text(`${org.town}, ${content.date}`, RIGHT, y, size, body, 'right');
      y += lineHeight + 2;
    }
    const rows = style.dateLine === 'town' ? content.info : [...content.info, [dateLabel, content.date] as const];
    for (const [label, value] of rows) {
      page.text(`${label}: ${value}`, LEFT, y, size - 0.5, body);
      y += lineHeight - 1;
    }
    y += 8;
  }
  y = Math.max(y, 272);
  for (const line of wrapText(content.subject, RIGHT - LEFT, strong, size + 1)) {
    page.text(line, LEFT, y, size + 1, strong);
    y += (size + 1) * 1.35;
  }
  y = Math.max(y + 12, BODY_TOP - 10);
  page.text(content.salutation, LEFT, y, size, body);
  y += lineHeight * 1.6;

  const bottom = style.footer === 'none' ? BODY_BOTTOM : BODY_BOTTOM_WITH_FOOTER;
  for (const block of content.blocks) {
    y = drawBlock(page, block, y, style, lineHeight);
    if (y > bottom) return undefined;
  }
  y += lineHeight * 0.6;
  for (const line of content.closing) {
    page.text(line, LEFT, y, size, body);
    y += lineHeight;
  }
  if (y - lineHeight > bottom) return undefined;

  drawFooter(page, content, style);
  return page;
}

function drawBlock(page: Page, block: Block, top: number, style: LetterStyle, lineHeight: number): number {
  const body = regular(style.family);
  const strong = bold(style.family);
  const size = style.size;
  let y = top;
  switch (block.kind) {
    case 'p': {
      const font = block.bold ? strong : body;
      for (const line of wrapText(block.text, RIGHT - LEFT, font, size)) {
        page.text(line, LEFT, y, size, font);
        y += lineHeight;
      }
      return y + lineHeight * 0.55;
    }
    case 'kv': {
      const indent = block.indent ?? 0;
      const labelWidth = Math.max(...block.rows.map(([label]) => textWidth(label, body, size)));
      const valueX = block.valueX ?? (block.align === 'right' ? RIGHT : LEFT + indent + labelWidth + 16);
      block.rows.forEach(([label, value], index) => {
        const font = block.boldLast && index === block.rows.length - 1 ? strong : body;
        if (block.boldLast && index === block.rows.length - 1 && block.align === 'right') page.rule(valueX - 150, y - size - 2, valueX, y - size - 2, 0.5);
        page.text(label, LEFT + indent, y, size, font);
        if (block.align === 'right') page.text(value, valueX, y, size, font, 'right');
        else {
          const lines = wrapText(value, RIGHT - valueX, font, size);
          lines.forEach((line, lineIndex) => page.text(line, valueX, y + lineIndex * lineHeight, size, font));
          y += (lines.length - 1) * lineHeight;
        }
        y += lineHeight;
      });
      return y + lineHeight * 0.55;
    }
    case 'table': {
      const total = block.widths.reduce((sum, width) => sum + width, 0);
      const xs: number[] = [];
      let x = LEFT;
      for (const width of block.widths) {
        xs.push(x);
        x += ((RIGHT - LEFT) * width) / total;
      }
      const cellX = (index: number) => (block.aligns[index] === 'right' ? xs[index]! + ((RIGHT - LEFT) * block.widths[index]!) / total - 2 : xs[index]!);
      block.head.forEach((cell, index) => page.text(cell, cellX(index), y, size - 0.5, strong, block.aligns[index]));
      page.rule(LEFT, y + 4, RIGHT, y + 4, 0.6);
      y += lineHeight + 2;
      for (const row of block.rows) {
        let height = 1;
        row.forEach((cell, index) => {
          const width = ((RIGHT - LEFT) * block.widths[index]!) / total - 6;
          const lines = block.aligns[index] === 'right' ? [cell] : wrapText(cell, width, body, size - 0.5);
          lines.forEach((line, lineIndex) => page.text(line, cellX(index), y + lineIndex * lineHeight, size - 0.5, body, block.aligns[index]));
          height = Math.max(height, lines.length);
        });
        y += height * lineHeight;
      }
      page.rule(LEFT, y - lineHeight + 4, RIGHT, y - lineHeight + 4, 0.6);
      return y + lineHeight * 0.3;
    }
    case 'list': {
      const bullet = block.bullet ?? '•';
      for (const item of block.items) {
        page.text(bullet, LEFT + 8, y, size, body);
        const lines = wrapText(item, RIGHT - LEFT - 22, body, size);
        lines.forEach((line, index) => page.text(line, LEFT + 22, y + index * lineHeight, size, body));
        y += lines.length * lineHeight;
      }
      return y + lineHeight * 0.55;
    }
    case 'gap':
      return y + (block.size ?? lineHeight);
  }
}

function drawFooter(page: Page, content: LetterContent, style: LetterStyle) {
  if (style.footer === 'none') return;
  const { org } = content;
  const body = regular(style.family);
  const size = style.family === 'mono' ? 6.5 : 7;
  const bank = content.footerBank ? [org.bank, `IBAN ${groupedIban(org.iban)}`, `BIC ${org.bic}`] : [];
  const legal = [org.register, org.director, org.vatId ? `USt-IdNr. ${org.vatId}` : undefined].filter((line): line is string => line !== undefined);
  page.rule(LEFT, 784, RIGHT, 784, 0.4);
  if (style.footer === 'columns') {
    const columns = [[org.name, org.street, `${org.zip} ${org.town}`], [`Tel. ${org.phone}`, org.email, org.web], bank, legal].filter((column) => column.length > 0);
    const width = (RIGHT - LEFT) / columns.length;
    columns.forEach((column, index) =>
      column.forEach((line, row) => page.text(line, LEFT + index * width, 795 + row * 8.5, fitSize(line, body, size, width - 6), body)),
    );
  } else {
    const lines = [
      [org.name, org.street, `${org.zip} ${org.town}`, `Tel. ${org.phone}`, org.web].join(' · '),
      ...(bank.length > 0 ? [bank.join(' · ')] : []),
      ...(legal.length > 0 ? [legal.join(' · ')] : []),
    ];
    lines.forEach((line, row) => page.centered(line, 795 + row * 9, fitSize(line, body, size, RIGHT - LEFT), body));
  }
}

/** The size (at most `size`) at which `text` is no wider than `width`. */
function fitSize(text: string, font: FontName, size: number, width: number): number {
  const natural = textWidth(text, font, size);
  return natural <= width ? size : Math.max(5.5, Math.floor(((size * width) / natural) * 10) / 10);
}
