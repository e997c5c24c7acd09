import { describe, expect, it } from 'vitest';
import { buildLayout, collapseLetterSpacing, isRightColumn, looseRegExp, splitCells } from './layout.models.ts';
import { findLabeled, parseId, parseIdCell } from './labels.models.ts';

describe('layout', () => {
  it('splits lines into cells at gaps of two or more spaces', () => {
    expect(splitCells('Rechnungsnummer    4711  x y').map((cell) => [cell.text, cell.start])).toEqual([
      ['Rechnungsnummer', 0],
      ['4711', 19],
      ['x y', 25],
    ]);
  });

  it('numbers pages from form feeds and drops blank lines', () => {
    const layout = buildLayout('a\n\nb\fc');
    expect(layout.lines.map((line) => [line.page, line.index, line.pos, line.text])).toEqual([
      [1, 0, 0, 'a'],
      [1, 1, 1, 'b'],
      [2, 0, 2, 'c'],
    ]);
  });

  it('keeps a line\'s indentation apart from its text and cells', () => {
    const [left, right] = buildLayout('Max Mustermann\n' + ' '.repeat(40) + 'Kundennummer   4711').lines;
    expect([left!.indent, left!.text]).toEqual([0, 'Max Mustermann']);
    expect([right!.indent, right!.text, right!.cells.map((cell) => [cell.text, cell.start])]).toEqual([40, 'Kundennummer   4711', [['Kundennummer', 0], ['4711', 15]]]);
    expect([isRightColumn(left!), isRightColumn(right!)]).toEqual([false, true]);
  });

  it('notices a font that splits words after "r"', () => {
    expect(buildLayout('Br uttosumme 1,00\nZahlbetr ag 1,00').splitAfterR).toBe(true);
    expect(buildLayout('Bruttosumme 1,00\noder gleich').splitAfterR).toBe(false);
  });

  it('notices when the OCR split words anywhere, from the common words of letters', () => {
    expect(buildLayout('Sehr geehrter Herr Schwarz,\nbitte als gegenst andsl os.\nMit freundlichen G rüßen').splitAnywhere).toBe(true);
    expect(buildLayout('Sehr geehrter Herr Schwarz,\nbitte als gegenstandslos.\nMit freundlichen Grüßen').splitAnywhere).toBe(false);
    // one split word is a typo
    expect(buildLayout('Sehr geehrter Herr Schwarz,\nMit freundlichen G rüßen').splitAnywhere).toBe(false);
  });

  it('matches labels across such a split', () => {
    expect(looseRegExp('Zahlbetrag').test('Zahlbetr ag')).toBe(true);
    expect(looseRegExp('Zahlbetrag').test('Zahl betrag')).toBe(false);
  });

  it('collapses letter-spaced headings', () => {
    expect(collapseLetterSpacing('Lieferant  W A R E N R E C H N U N G  Seite 1')).toBe('Lieferant  WARENRECHNUNG  Seite 1');
  });
});

describe('findLabeled', () => {
  const spec = { label: /Rechnungsnummer|Kundennummer/iu, parse: parseId, parseCell: parseIdCell };
  const values = (text: string) => findLabeled(buildLayout(text), spec).map((hit) => [hit.label, hit.value, hit.relation]);

  it.each([
    ['Rechnungsnummer: 4711', [['Rechnungsnummer', '4711', 'same-line']]],
    ['Rechnungsnummer        4711', [['Rechnungsnummer', '4711', 'same-line']]],
    ['Rechnungsnummer\n4711', [['Rechnungsnummer', '4711', 'below']]],
    [
      'Rechnungsnummer        Kundennummer\n4711        K-1',
      [
        ['Rechnungsnummer', '4711', 'below'],
        ['Kundennummer', 'K-1', 'below'],
      ],
    ],
    ['Rechnungsnummer wird nachgereicht', []],
  ])('%j', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });
});

describe('identifiers', () => {
  it.each([
    ['RG 2026-582 vom 16.01.2026', 'RG 2026-582'],
    ['RE 10442', 'RE 10442'],
    ['Nr. 4711', '4711'],
    ['RE-2024/0815 bitte angeben', 'RE-2024/0815'],
    ['1234 5678 9012', '1234 5678 9012'],
  ])('%j is %j', (text, expected) => {
    expect(parseId(text)?.value).toBe(expected);
  });

  it.each([['EUR 123,45'], ['Rechnung folgt'], ['AB CD']])('%j is none', (text) => {
    expect(parseId(text)).toBeUndefined();
  });
});
