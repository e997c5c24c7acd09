/**
 * How much of a page's print a reading left unread. Tesseract's layout analysis can drop whole
 * regions of a photo (taken for a picture, not text: shaded paper, grain) while the words it did
 * read are confident, so the page's mean confidence gives no sign of it.
 *
 * The page is cut into cells of about 2 mm. A cell holds ink when enough of its pixels are clearly
 * darker than the paper around it (the brightest tenth of the cells nearby, so shade and a light
 * gradient do not count as ink); a lone ink cell is a speck. The answer is the share of ink cells
 * that no recognised word covers. The inside of solid areas (a logo, a coloured bar) is no print;
 * their edges and rules count as unread: a letter reads at about 0.05 to 0.1, a page whose letterhead
 * or table was dropped at 0.3 and more.
 */
import sharp from 'sharp';
import type { OcrWord } from './ocr.types.ts';

/** The page is looked at this wide at most. */
const ANALYSIS_WIDTH = 1240;
/** Cells across an A4 page's width: about 2 mm each. */
const CELLS_ACROSS = 100;
/** A pixel this much darker than the paper around it is ink. */
const INK_CONTRAST = 60;
/** A cell with at least this share of ink pixels holds print (a letter's stroke crosses it). */
const INK_SHARE = 0.02;
/** A cell this full of ink is the inside of a logo, a bar or a picture, not print a word could cover. */
const SOLID_SHARE = 0.85;

export async function unreadInk(png: Uint8Array, words: readonly OcrWord[]): Promise<number> {
  // Half a 300 dpi page is detail enough for 2 mm cells, and four times less to count.
  const original = (await sharp(png).metadata()).width ?? 0;
  const scale = original > ANALYSIS_WIDTH ? ANALYSIS_WIDTH / original : 1;
  const { data, info } = await sharp(png).resize({ width: Math.round(original * scale) }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const cell = Math.max(6, Math.round(width / CELLS_ACROSS));
  const columns = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const paper = paperLevels(data, width, height, cell, columns, rows);
  const ink = new Uint8Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const limit = nearbyPaper(paper, columns, rows, column, row) - INK_CONTRAST;
      let dark = 0;
      let pixels = 0;
      for (let y = row * cell; y < Math.min(height, (row + 1) * cell); y++) {
        for (let x = column * cell; x < Math.min(width, (column + 1) * cell); x++, pixels++) if (data[y * width + x]! < limit) dark++;
      }
      if (pixels > 0 && dark / pixels >= INK_SHARE && dark / pixels < SOLID_SHARE) ink[row * columns + column] = 1;
    }
  }
  const covered = new Uint8Array(columns * rows);
  for (const word of words) {
    if (!/[\p{L}\p{N}]/u.test(word.text)) continue;
    const [left, right] = [Math.floor((word.box.x0 * scale) / cell), Math.floor((word.box.x1 * scale) / cell)];
    const [top, bottom] = [Math.floor((word.box.y0 * scale) / cell), Math.floor((word.box.y1 * scale) / cell)];
    for (let row = Math.max(0, top); row <= Math.min(rows - 1, bottom); row++) {
      for (let column = Math.max(0, left); column <= Math.min(columns - 1, right); column++) covered[row * columns + column] = 1;
    }
  }
  let print = 0;
  let unread = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const index = row * columns + column;
      if (!ink[index] || lone(ink, columns, rows, column, row)) continue;
      print++;
      if (!covered[index]) unread++;
    }
  }
  return print === 0 ? 0 : unread / print;
}

/** Each cell's paper: the brightness nine tenths of its pixels stay below. */
function paperLevels(data: Uint8Array | Buffer, width: number, height: number, cell: number, columns: number, rows: number): Uint8Array {
  const histograms = new Uint32Array(columns * rows * 256);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cell) * columns;
    for (let x = 0; x < width; x++) histograms[(row + Math.floor(x / cell)) * 256 + data[y * width + x]!]!++;
  }
  const levels = new Uint8Array(columns * rows);
  for (let index = 0; index < columns * rows; index++) {
    let total = 0;
    for (let value = 0; value < 256; value++) total += histograms[index * 256 + value]!;
    let seen = 0;
    let value = 0;
    while (value < 255 && seen + histograms[index * 256 + value]! < total * 0.9) seen += histograms[index * 256 + value++]!;
    levels[index] = value;
  }
  return levels;
}

/** The brightest paper within two cells: a cell full of print has no paper of its own. */
function nearbyPaper(paper: Uint8Array, columns: number, rows: number, column: number, row: number): number {
  let level = 0;
  for (let y = Math.max(0, row - 2); y <= Math.min(rows - 1, row + 2); y++) {
    for (let x = Math.max(0, column - 2); x <= Math.min(columns - 1, column + 2); x++) level = Math.max(level, paper[y * columns + x]!);
  }
  return level;
}

function lone(ink: Uint8Array, columns: number, rows: number, column: number, row: number): boolean {
  for (let y = Math.max(0, row - 1); y <= Math.min(rows - 1, row + 1); y++) {
    for (let x = Math.max(0, column - 1); x <= Math.min(columns - 1, column + 1); x++) if ((x !== column || y !== row) && ink[y * columns + x]) return false;
  }
  return true;
}
