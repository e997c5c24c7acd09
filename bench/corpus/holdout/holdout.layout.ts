/**
 * Lays a letter out as PageSpecs: letterhead, return line, address window, reference block, subject,
 * body blocks, closing, footer. The style varies the arrangement; the content stays the same.
 */
import type { PageSpec, Rule, TextRun } from '../corpus.types.ts';
import { boldOf, type FontFace, textWidth, wrap } from './holdout.measure.ts';
import type { Address, Bank } from './holdout.names.ts';
import type { Rng } from './holdout.random.ts';
import { drawBlock } from './holdout.blocks.ts';
import type { Block } from './holdout.blocks.ts';

export type { Block } from './holdout.blocks.ts';

export const PAGE_WIDTH = 595;
export const LEFT = 68;
export const RIGHT = 527;

export interface SenderProfile {
  name: string;
  tagline?: string;
  address: Address;
  phone?: string;
  email?: string;
  web?: string;
  bank?: Bank;
  register?: string;
  vatId?: string;
  management?: string;
}

export interface Letter {
  sender: SenderProfile;
  recipient: string[];
  place: string;
  date: string;
  refs: Array<[string, string]>;
  subject: string[];
  salutation: string;
  blocks: Block[];
  closing: string[];
}

export interface LayoutStyle {
  letterhead: 'left' | 'centre' | 'right' | 'band';
  headFont: 'sans' | 'serif';
  bodyFont: 'sans' | 'serif';
  bodySize: number;
  refs: 'table' | 'line' | 'grid';
  dateLine: boolean;
  subjectBold: boolean;
  subjectPrefix: string;
  footer: 'columns' | 'lines' | 'none';
  rules: boolean;
  monoTables: boolean;
}

export function randomStyle(rng: Rng): LayoutStyle {
  return {
    letterhead: rng.pick(['left', 'centre', 'right', 'band'] as const),
    headFont: rng.pick(['sans', 'serif'] as const),
    bodyFont: rng.weighted([['sans', 3], ['serif', 2]] as const),
    bodySize: rng.pick([9.5, 10, 10.5, 11]),
    refs: rng.pick(['table', 'line', 'grid'] as const),
    dateLine: rng.chance(0.35),
    subjectBold: rng.chance(0.75),
    subjectPrefix: rng.weighted([['', 5], ['Betreff: ', 2], ['Betr.: ', 1]] as const),
    footer: rng.weighted([['columns', 4], ['lines', 3], ['none', 1]] as const),
    rules: rng.chance(0.5),
    monoTables: rng.chance(0.15),
  };
}

/** Collects runs and rules and opens a new page when the body reaches the footer. */
export class PageWriter {
  readonly pages: PageSpec[] = [];
  private runs: TextRun[] = [];
  private rules: Rule[] = [];
  y = 0;

  constructor(
    readonly style: LayoutStyle,
    private readonly bottom: number,
    private readonly continuation: (page: number) => TextRun[],
  ) {}

  text(text: string, x: number, size: number, font: FontFace, align: 'left' | 'right' = 'left', y = this.y): void {
    if (text.trim().length === 0) return;
    // Non-breaking spaces only steer line breaking; the page gets plain spaces.
    this.runs.push({ text: text.replace(/\u00a0/g, ' '), x, y, size, font, ...(align === 'right' ? { align } : {}) });
  }

  rule(x1: number, y1: number, x2: number, y2: number, width = 0.5): void {
    this.rules.push({ x1, y1, x2, y2, width });
  }

  /** Make room for `height` points, breaking the page when needed. */
  need(height: number): void {
    if (this.y + height <= this.bottom) return;
    this.finishPage();
    this.runs.push(...this.continuation(this.pages.length + 1));
    this.y = 92;
  }

  finishPage(): void {
    this.pages.push({ runs: this.runs, rules: this.rules });
    this.runs = [];
    this.rules = [];
  }
}

function letterhead(w: PageWriter, letter: Letter): number {
  const { sender } = letter;
  const { style } = w;
  const nameFont = boldOf(style.headFont);
  const nameSize = textWidth(sender.name, nameFont, 17) > 300 ? 13 : 17;
  const addressLine = `${sender.address.street} · ${sender.address.postcode} ${sender.address.city}`;
  const contact = [sender.phone ? `Tel. ${sender.phone}` : '', sender.email ?? '', sender.web ?? ''].filter(Boolean).join(' · ');
  const lines: Array<[string, number, FontFace]> = [[sender.name, nameSize, nameFont]];
  if (sender.tagline) lines.push([sender.tagline, 8.5, style.headFont]);
  if (style.letterhead === 'band') {
    w.text(sender.name, LEFT, nameSize, nameFont, 'left', 58);
    if (sender.tagline) w.text(sender.tagline, LEFT, 8.5, style.headFont, 'left', 72);
    const right = [sender.address.street, `${sender.address.postcode} ${sender.address.city}`, ...contact.split(' · ')];
    right.forEach((line, i) => w.text(line, RIGHT, 7.5, style.headFont, 'right', 48 + i * 9.5));
    return Math.max(80, 48 + right.length * 9.5);
  }
  lines.push([addressLine, 8, style.headFont]);
  if (contact) lines.push([contact, 7.5, style.headFont]);
  let y = 52;
  for (const [text, size, font] of lines) {
    const width = textWidth(text, font, size);
    if (style.letterhead === 'left') w.text(text, LEFT, size, font, 'left', y);
    else if (style.letterhead === 'right') w.text(text, RIGHT, size, font, 'right', y);
    else w.text(text, (PAGE_WIDTH - width) / 2, size, font, 'left', y);
    y += size + 4;
  }
  return y;
}

function footerLines(sender: SenderProfile): string[][] {
  const columns: string[][] = [[sender.name, sender.address.street, `${sender.address.postcode} ${sender.address.city}`]];
  const contact = [sender.phone ? `Telefon ${sender.phone}` : '', sender.email ?? '', sender.web ?? ''].filter(Boolean);
  if (contact.length > 0) columns.push(contact);
  if (sender.bank) columns.push([sender.bank.name, `IBAN ${sender.bank.iban.replace(/(.{4})/g, '$1 ').trim()}`, `BIC ${sender.bank.bic}`]);
  const legal = [sender.management ?? '', sender.register ?? '', sender.vatId ? `USt-IdNr. ${sender.vatId}` : ''].filter(Boolean);
  if (legal.length > 0) columns.push(legal);
  return columns;
}

function footer(w: PageWriter, letter: Letter, top: number): void {
  const { style } = w;
  const columns = footerLines(letter.sender);
  const font: FontFace = style.headFont;
  if (style.rules) w.rule(LEFT, top - 8, RIGHT, top - 8);
  if (style.footer === 'columns') {
    let size = 6.8;
    const widthAt = (s: number): number[] => columns.map((col) => Math.max(...col.map((line) => textWidth(line, font, s))));
    while (size > 5 && widthAt(size).reduce((a, b) => a + b, 0) + 12 * (columns.length - 1) > RIGHT - LEFT) size -= 0.2;
    const widths = widthAt(size);
    const gap = (RIGHT - LEFT - widths.reduce((a, b) => a + b, 0)) / Math.max(1, columns.length - 1);
    let x = LEFT;
    columns.forEach((col, i) => {
      col.forEach((line, j) => w.text(line, x, size, font, 'left', top + j * (size + 2.5)));
      x += (widths[i] ?? 0) + gap;
    });
    return;
  }
  const lines = columns.map((col) => col.join(' · '));
  lines.forEach((line, i) => {
    let size = 6.8;
    while (size > 5 && textWidth(line, font, size) > RIGHT - LEFT) size -= 0.2;
    w.text(line, (PAGE_WIDTH - textWidth(line, font, size)) / 2, size, font, 'left', top + i * 9);
  });
}

function referenceBlock(w: PageWriter, letter: Letter, size: number): number {
  const { style } = w;
  const refs = style.dateLine ? letter.refs : [...letter.refs, ['Datum', letter.date] as [string, string]];
  const font = style.bodyFont;
  if (style.refs === 'table') {
    const labelWidth = Math.max(...refs.map(([label]) => textWidth(`${label}:`, font, size - 1.5)));
    const x = Math.min(372, RIGHT - labelWidth - 8 - Math.max(...refs.map(([, v]) => textWidth(v, font, size - 1))));
    refs.forEach(([label, value], i) => {
      w.text(`${label}:`, x, size - 1.5, font, 'left', 160 + i * (size + 3));
      w.text(value, x + labelWidth + 8, size - 1, font, 'left', 160 + i * (size + 3));
    });
    return Math.max(262, 160 + refs.length * (size + 3) + 14);
  }
  if (style.refs === 'grid') {
    const perRow = 4;
    const colWidth = (RIGHT - LEFT) / perRow;
    let y = 258;
    for (let start = 0; start < refs.length; start += perRow) {
      refs.slice(start, start + perRow).forEach(([label, value], i) => {
        w.text(label, LEFT + i * colWidth, size - 3, font, 'left', y);
        w.text(value, LEFT + i * colWidth, size - 1, font, 'left', y + size + 1);
      });
      y += 2 * size + 8;
    }
    return y + 6;
  }
  const text = refs.map(([label, value]) => `${label}: ${value.replace(/ /g, '\u00a0')}`).join('  |  ');
  const lines = wrap(text, font, size - 1, RIGHT - LEFT);
  lines.forEach((line, i) => w.text(line, LEFT, size - 1, font, 'left', 262 + i * (size + 2)));
  return 262 + lines.length * (size + 2) + 10;
}

export function layoutLetter(letter: Letter, style: LayoutStyle): PageSpec[] {
  const size = style.bodySize;
  const footerTop = style.footer === 'none' ? 812 : 790;
  const continuation = (page: number): TextRun[] => [
    { text: `${letter.sender.name} · ${letter.date.replace(/\u00a0/g, ' ')} · Seite ${page}`, x: LEFT, y: 60, size: 8, font: style.bodyFont },
  ];
  const w = new PageWriter(style, footerTop - 26, continuation);
  const headBottom = letterhead(w, letter);
  if (style.rules) w.rule(LEFT, headBottom + 4, RIGHT, headBottom + 4, 0.8);
  const s = letter.sender;
  w.text(`${s.name} · ${s.address.street} · ${s.address.postcode} ${s.address.city}`, LEFT, 6.5, style.bodyFont, 'left', 148);
  letter.recipient.forEach((line, i) => w.text(line, LEFT, size, style.bodyFont, 'left', 166 + i * (size + 3)));
  w.y = referenceBlock(w, letter, size);
  if (style.dateLine) {
    w.text(`${letter.place}, ${letter.date.replace(/\u00a0/g, ' ')}`, RIGHT, size, style.bodyFont, 'right', w.y);
    w.y += 2 * size;
  }
  w.y += 8;
  letter.subject.forEach((line, i) => {
    const text = i === 0 ? `${style.subjectPrefix}${line}` : line;
    const font = style.subjectBold ? boldOf(style.bodyFont) : style.bodyFont;
    for (const wrapped of wrap(text, font, size + 1, RIGHT - LEFT)) {
      w.text(wrapped, LEFT, size + 1, font);
      w.y += size + 4;
    }
  });
  w.y += size + 4;
  w.text(letter.salutation, LEFT, size, style.bodyFont);
  w.y += size + 8;
  for (const block of letter.blocks) drawBlock(w, block);
  w.need(letter.closing.length * (size + 4));
  for (const line of letter.closing) {
    w.text(line, LEFT, size, style.bodyFont);
    w.y += size + 4;
  }
  w.finishPage();
  const pages = w.pages;
  // Footers last, so every page (including continuation pages) carries one.
  pages.forEach((page, i) => {
    const pageWriter = new PageWriter(style, 842, () => []);
    if (style.footer !== 'none') footer(pageWriter, letter, footerTop);
    if (pages.length > 1) pageWriter.text(`Seite ${i + 1} von ${pages.length}`, RIGHT, 7.5, style.bodyFont, 'right', 826);
    pageWriter.finishPage();
    const extra = pageWriter.pages[0];
    if (extra) {
      page.runs.push(...extra.runs);
      page.rules = [...(page.rules ?? []), ...(extra.rules ?? [])];
    }
  });
  return pages;
}
