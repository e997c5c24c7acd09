/**
 * A firm's stationery: letterhead, sender line, footer columns and the information block, drawn
 * in one of several styles, so the same template appears on differently laid-out paper.
 */
import type { Rng } from '../render/random.ts';
import { groupedIban } from './iban.ts';
import { renderLetter, type Block, type HeadAlign, type InfoStyle, type LetterSpec, type Pair } from './letter.ts';
import type { Bank, Company } from './parties.ts';
import type { PageSpec } from '../corpus.types.ts';

export interface Stationery {
  company: Company;
  align: HeadAlign;
  infoStyle: InfoStyle;
  font: 'sans' | 'serif';
  head: LetterSpec['head'];
  returnLine: string | null;
  footer: string[][];
  pageNumbers: LetterSpec['pageNumbers'];
  foldMarks: boolean;
  colon: boolean;
  /** How a letter of this firm prints an IBAN (grouped in fours, or in one piece). */
  iban: (iban: string) => string;
}

export interface StationeryOptions {
  tagline?: string;
  /** Styles to choose from (some senders never use some). */
  infoStyles?: InfoStyle[];
  font?: 'sans' | 'serif';
  /** Print the bank details in the footer (true for nearly every firm). */
  bankInFooter?: boolean;
}

export function bankLines(bank: Bank, print: (iban: string) => string, compact = false): string[] {
  return compact ? [bank.name, `IBAN ${print(bank.iban)} · BIC ${bank.bic}`] : [bank.name, `IBAN: ${print(bank.iban)}`, `BIC: ${bank.bic}`];
}

export function stationery(rng: Rng, company: Company, options: StationeryOptions = {}): Stationery {
  const align = rng.pick<HeadAlign>(['left', 'right', 'center']);
  const infoStyle = rng.pick<InfoStyle>(options.infoStyles ?? ['column', 'row', 'box', 'dateline']);
  const iban = rng.chance(0.85) ? groupedIban : (value: string) => value;
  const { address: at } = company;
  const contact = `Tel. ${company.phone} · ${company.email}`;
  const lines = [...(options.tagline ? [options.tagline] : []), `${at.street} · ${at.zip} ${at.city}`, ...(rng.chance(0.6) ? [contact] : [])];
  const returnLine = rng.chance(0.9)
    ? rng.pick([`${company.name} · ${at.street} · ${at.zip} ${at.city}`, `${company.name}, ${at.street}, ${at.zip} ${at.city}`, `Abs.: ${company.name} - ${at.street} - ${at.zip} ${at.city}`])
    : null;
  const bankColumns = [bankLines(company.bank, iban, rng.chance(0.3)), ...(company.secondBank ? [bankLines(company.secondBank, iban, true)] : [])].flat();
  const legal = [company.register, company.vatId ? `USt-IdNr.: ${company.vatId}` : null, company.managers].filter((line): line is string => line !== null);
  const address = [company.name, at.street, `${at.zip} ${at.city}`];
  const reach = [`Telefon ${company.phone}`, company.email, company.web];
  const withBank = options.bankInFooter ?? true;
  const footer = rng.pick([
    [address, reach, ...(withBank ? [['Bankverbindung', ...bankColumns]] : []), ...(legal.length > 0 ? [legal] : [])],
    [[...address, company.web], ...(withBank ? [bankColumns] : []), [...legal, company.email]],
    [...(withBank ? [['Bankverbindung:', ...bankColumns]] : []), [`Sitz: ${at.city}`, ...legal], reach],
  ]);
  return {
    company,
    align,
    infoStyle,
    font: options.font ?? (rng.chance(0.25) ? 'serif' : 'sans'),
    head: { align, name: company.name, lines, rule: rng.chance(0.4), nameSize: rng.pick([14, 16, 18]) },
    returnLine,
    footer,
    pageNumbers: rng.pick(['seite-von', 'seite-von', 'slash', 'none']),
    foldMarks: rng.chance(0.7),
    colon: rng.chance(0.5),
    iban,
  };
}

export interface LetterContent {
  recipient: string[];
  /** Information block pairs; the one labelled `Datum` becomes "Ort, Datum" in the dateline style. */
  pairs: Pair[];
  date: string;
  subject: string[];
  blocks: Block[];
}

export function letter(paper: Stationery, content: LetterContent): PageSpec[] {
  const label = (text: string) => (paper.colon && !text.endsWith(':') ? `${text}:` : text);
  const dateline = paper.infoStyle === 'dateline';
  const pairs: Pair[] = dateline
    ? content.pairs.filter(([name]) => name !== 'Datum').map(([name, value]) => [name.endsWith(':') ? name : `${name}:`, value])
    : content.pairs.map(([name, value]) => [label(name), value]);
  return renderLetter({
    font: paper.font,
    head: paper.head,
    returnLine: paper.returnLine,
    recipient: content.recipient,
    info: { style: paper.infoStyle, pairs, ...(dateline ? { dateLine: `${paper.company.address.city}, ${content.date}` } : {}) },
    subject: content.subject,
    blocks: content.blocks,
    footer: paper.footer,
    pageNumbers: paper.pageNumbers,
    foldMarks: paper.foldMarks,
  });
}
