import { describe, expect, it } from 'vitest';
import { filledReading, ocrResultFromHocr, parseHocr } from './hocr.models.ts';

const line = (bbox: string, baseline: string, size: number, words: string) =>
  `<span class='ocr_line' id='l' title="bbox ${bbox}; baseline ${baseline}; x_size ${size}; x_descenders 9; x_ascenders 10">${words}</span>`;
const word = (bbox: string, confidence: number, text: string) => `<span class='ocrx_word' id='w' title='bbox ${bbox}; x_wconf ${confidence}'>${text}</span>`;
const page = (...content: string[]) => `<div class='ocr_page' id='page_1' title='image "stdin"; bbox 0 0 2479 3508; ppageno 0'>${content.join('\n')}</div>`;
const size = { width: 2479, height: 3508, languages: 'deu+eng' };

describe('parseHocr', () => {
  it('reads lines with their baseline and size, and words with box, confidence and decoded text', () => {
    const lines = parseHocr(
      page(
        `<div class='ocr_carea' id='b' title="bbox 238 548 1863 593"><p class='ocr_par' id='p' lang='deu' title="bbox 238 548 1863 593">`,
        line('238 548 1863 593', '0 -10', 45, [word('238 550 357 584', 96, 'Herrn'), word('373 549 460 593', 93, 'J&ouml;rg'), word('483 548 742 584', 91, 'M&amp;M')].join('')),
        `</p></div>`,
        `<span class='ocr_header' id='h' title="bbox 235 1000 1295 1050; baseline 0.001 -8; x_size 54">${word('235 1000 600 1042', 88, '<strong>Rechnung</strong>')}${word('620 1000 640 1042', 10, ' ')}</span>`,
      ),
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ box: { x0: 238, y0: 548, x1: 1863, y1: 593 }, slope: 0, offset: -10, size: 45 });
    // &ouml; is no XML entity (tesseract never writes it): left as it is, not guessed.
    expect(lines[0]!.words.map((w) => w.text)).toEqual(['Herrn', 'J&ouml;rg', 'M&M']);
    expect(lines[0]!.words[0]).toEqual({ text: 'Herrn', confidence: 0.96, box: { x0: 238, y0: 550, x1: 357, y1: 584 } });
    expect(lines[1]).toMatchObject({ slope: 0.001, offset: -8, size: 54 });
    expect(lines[1]!.words.map((w) => w.text)).toEqual(['Rechnung']);
  });

  it('gives nothing for a page without words', () => {
    expect(parseHocr(page())).toEqual([]);
    expect(ocrResultFromHocr(page(), size)).toEqual({ text: '', words: [], confidence: 0, ...size, lines: [] });
  });
});

describe('ocrResultFromHocr', () => {
  it('puts a label and its value from separate blocks on one line, indented like the page', () => {
    const hocr = page(
      line('1421 548 1863 593', '0 -10', 45, word('1421 548 1863 593', 90, 'Rechnungsnummer')),
      line('1950 550 2040 583', '0 0', 45, word('1950 550 2040 583', 95, '4711')),
      line('238 611 553 647', '0 -1', 45, word('238 611 553 647', 92, 'Gärtnerstraße')),
    );
    const result = ocrResultFromHocr(hocr, size);
    expect(result.text.split('\n')).toEqual([expect.stringMatching(/^ +Rechnungsnummer {2,}4711$/), 'Gärtnerstraße']);
    expect(result.confidence).toBeCloseTo((0.9 + 0.95 + 0.92) / 3, 10);
    expect(result.words.map((w) => w.text)).toEqual(['Rechnungsnummer', '4711', 'Gärtnerstraße']);
  });

  it('keeps recognised words apart however narrow the gap a low-resolution photo leaves between them', () => {
    // 2 px between "Personalausweis" and "und" at a row height of 40 px: a PDF's pieces of one word
    // sit that close, an OCR word never continues the one before.
    const hocr = page(line('200 600 900 640', '0 -8', 40, [word('200 600 560 640', 91, 'Personalausweis'), word('562 605 630 640', 90, 'und'), word('645 600 900 640', 92, 'Passfoto')].join('')));
    expect(ocrResultFromHocr(hocr, size).text).toBe('Personalausweis und Passfoto');
  });

  it('straightens a skewed scan first, so the columns of one printed line stay together', () => {
    // Turned about 1.1° clockwise: baselines fall 0.02 px per px to the right. The value's baseline
    // at x = 1400 lies 24 px lower than the label's at x = 200, more than a third of the font size.
    const hocr = page(
      line('200 560 600 612', '0.02 -10', 45, word('200 560 600 606', 91, 'Gesamtbetrag')),
      line('1400 590 1600 630', '0.02 -6', 45, word('1400 590 1600 624', 93, '1.234,56')),
      line('200 660 700 712', '0.02 -10', 45, word('200 660 700 706', 90, 'IBAN')),
    );
    expect(ocrResultFromHocr(hocr, size).text.split('\n')).toEqual([expect.stringMatching(/^Gesamtbetrag {2,}1\.234,56$/), 'IBAN']);
  });

  it('keeps lines apart that are one line height apart', () => {
    const hocr = page(
      line('200 560 600 606', '0 0', 45, word('200 560 600 606', 91, 'oben')),
      line('200 620 600 666', '0 0', 45, word('200 620 600 666', 91, 'unten')),
    );
    expect(ocrResultFromHocr(hocr, size).text).toBe('oben\nunten');
  });
});

describe('filledReading', () => {
  // The first reading dropped the value column; the further one read it, the label a little worse, and a speck.
  const first = ocrResultFromHocr(page(line('1421 548 1863 593', '0 -10', 45, word('1421 548 1863 593', 90, 'Rechnungsnummer'))), size);
  const further = ocrResultFromHocr(
    page(
      line('1421 548 2040 593', '0 -10', 45, [word('1421 548 1863 593', 70, 'Rechnungsnumrner'), word('1950 550 2040 583', 95, '4711')].join('')),
      line('238 900 1000 940', '0 -8', 40, [word('238 900 500 940', 33, 'Hafenbrief'), word('520 900 800 940', 90, 'Versicherung'), word('820 900 1000 940', 96, 'AG')].join('')),
      line('300 3000 330 3030', '0 0', 30, word('300 3000 330 3030', 31, 'ii')),
    ),
    size,
  );

  it('adds the lines and words the first reading lacks, keeps what it read, and leaves out specks', () => {
    const filled = filledReading(first, further)!;
    expect(filled.text.split('\n')).toEqual([expect.stringMatching(/^ *Rechnungsnummer {2,}4711$/), 'Hafenbrief Versicherung AG']);
    expect(filled.words.map((w) => w.text)).toEqual(['Rechnungsnummer', '4711', 'Hafenbrief', 'Versicherung', 'AG']);
    expect(filled.confidence).toBeCloseTo((0.9 + 0.95 + 0.33 + 0.9 + 0.96) / 5, 10);
  });

  it('gives nothing when the further reading adds nothing, or a reading has no lines', () => {
    expect(filledReading(further, first)).toBeUndefined();
    expect(filledReading({ ...first, lines: undefined }, further)).toBeUndefined();
  });
});
