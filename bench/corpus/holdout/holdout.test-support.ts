/** Helpers for the family's tests: the text a reader sees, and what is wrong with a page. */
import type { CorpusDocument, TextRun } from '../corpus.types.ts';
import { textWidth } from './holdout.measure.ts';

/** Windows-1252 beyond ASCII and Latin-1: the characters pdf-lib's WinAnsi encoding has. */
const WINANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function isWinAnsi(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WINANSI_EXTRA.has(ch)) continue;
    return false;
  }
  return true;
}

/** All runs of all pages in drawing order, with whitespace collapsed (wrapped lines join up again). */
export function pageText(doc: CorpusDocument): string {
  return doc.pages
    .flatMap((page) => page.runs.map((run) => run.text))
    .join(' ')
    .replace(/\s+/g, ' ');
}

function extent(run: TextRun): [number, number] {
  const width = textWidth(run.text, run.font ?? 'sans', run.size ?? 10);
  return run.align === 'right' ? [run.x - width, run.x] : [run.x, run.x + width];
}

/** Problems of a document's pages: non-WinAnsi text, runs off the page, runs drawn over each other. */
export function runsOf(doc: CorpusDocument): string[] {
  const problems: string[] = [];
  doc.pages.forEach((page, p) => {
    const placed = page.runs.map((run) => ({ run, span: extent(run), size: run.size ?? 10 }));
    for (const { run, span } of placed) {
      if (!isWinAnsi(run.text)) problems.push(`page ${p + 1}: not WinAnsi: ${JSON.stringify(run.text)}`);
      if (run.text.includes('\u00a0')) problems.push(`page ${p + 1}: non-breaking space left in ${JSON.stringify(run.text)}`);
      if (span[0] < 30 || span[1] > 565 || run.y < 30 || run.y > 835) problems.push(`page ${p + 1}: off the page: ${JSON.stringify(run.text)} at ${run.x},${run.y}`);
    }
    for (let i = 0; i < placed.length; i += 1) {
      for (let j = i + 1; j < placed.length; j += 1) {
        const a = placed[i];
        const b = placed[j];
        if (!a || !b) continue;
        const sameLine = Math.abs(a.run.y - b.run.y) < 0.75 * Math.min(a.size, b.size);
        const overlap = Math.min(a.span[1], b.span[1]) - Math.max(a.span[0], b.span[0]);
        if (sameLine && overlap > 0.5) problems.push(`page ${p + 1}: ${JSON.stringify(a.run.text)} overlaps ${JSON.stringify(b.run.text)}`);
      }
    }
  });
  return problems;
}
