/** What a main-family template returns before ids are handed out. */
import type { CorpusTruth, PageSpec } from '../corpus.types.ts';
import { addDays } from '../render/days.ts';
import type { Rng } from '../render/random.ts';
import { formatDate, formatMoney, type DateStyle, type MoneyStyle } from './format.ts';
import { layoutLetter, randomStyle, type LetterContent, type LetterStyle } from './letter.ts';
import type { Org } from './names.ts';

export interface Draft {
  /** Stable within the family (`invoice-3`); `links_to` names another draft's key until ids are given. */
  key: string;
  pages: PageSpec[];
  truth: CorpusTruth;
  /** The template variant, for checking the spread of wordings (not written to the truth). */
  variant: string;
}

/** Letter dates run over about a year. */
export const FIRST_LETTER_DAY = '2025-05-05';

export function letterDay(rng: Rng): string {
  let day = addDays(FIRST_LETTER_DAY, rng.int(0, 380));
  // Letters are written on working days.
  while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}

export interface Voice {
  style: LetterStyle;
  dateStyle: DateStyle;
  money: MoneyStyle;
  date: (iso: string) => string;
  eur: (cents: number) => string;
}

/** A letter's house style: layout, how it prints days and money. */
export function voice(rng: Rng, overrides: Partial<LetterStyle> = {}): Voice {
  const style = randomStyle(rng, overrides);
  const dateStyle: DateStyle = rng.chance(0.6) ? 'numeric' : 'long';
  const money: MoneyStyle = rng.pick(['suffix-euro', 'suffix-euro', 'suffix-eur', 'prefix-eur'] as const);
  return { style, dateStyle, money, date: (iso) => formatDate(iso, dateStyle), eur: (cents) => formatMoney(cents, money) };
}

export function page(content: LetterContent, voice: Voice): PageSpec[] {
  return layoutLetter(content, voice.style);
}

export function emptyTruth(type: CorpusTruth['type'], org: Org, day: string): CorpusTruth {
  return {
    type,
    as_of: day,
    sender: org.name,
    issue_date: day,
    amount: null,
    currency: null,
    due_date: null,
    invoice_number: null,
    iban: null,
    reference: null,
    dunning: null,
    links_to: null,
    contract: null,
    appointment: null,
  };
}

export function closing(rng: Rng, org: Org, signer?: string): string[] {
  const greeting = rng.pick(['Mit freundlichen Grüßen', 'Mit freundlichen Grüßen', 'Freundliche Grüße', 'Viele Grüße']);
  return [greeting, '', signer ?? rng.pick([`Ihr Team der ${org.name}`, org.name, `Ihre ${org.name}`])];
}
