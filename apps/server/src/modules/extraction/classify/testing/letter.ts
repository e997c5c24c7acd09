/**
 * Test letters, written for the classifier's tests (never part of its seed): a letterhead, the
 * address window, a date, the subject, the body and a footer, laid out as the PDF text layer gives
 * them (a right-hand column after a wide gap).
 */
import type { TextDocumentType } from '../labels.models.ts';

export interface TestLetter {
  name: string;
  type: TextDocumentType;
  text: string;
}

export interface LetterParts {
  /** Letterhead lines; the first is the sender's name. */
  from: string[];
  subject: string;
  body: string[];
  /** Lines of the right-hand information block (customer number, date). */
  info?: string[];
  footer?: string[];
  greeting?: string;
}

export function letter({ from, subject, body, info = ['Datum: 12.03.2026'], footer = [], greeting = 'Sehr geehrte Frau Beispiel,' }: LetterParts): string {
  const address = ['Frau', 'Erika Beispiel', 'Lindenweg 4', '12345 Musterstadt'];
  const window = address.map((line, index) => (info[index] ? `${line.padEnd(44)}${info[index]}` : line));
  return [
    ...from,
    '',
    `${from[0]} · ${from[1] ?? ''}`,
    ...window,
    ...info.slice(address.length).map((line) => `${' '.repeat(44)}${line}`),
    '',
    subject,
    '',
    greeting,
    ...body,
    '',
    'Mit freundlichen Grüßen',
    from[0]!,
    ...footer,
  ].join('\n');
}
