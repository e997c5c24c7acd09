/** What every template shares: the recipient, greetings, the letter date and the truth skeleton. */
import type { CorpusTruth, CorpusType } from '../corpus.types.ts';
import { addDays, type IsoDate } from './holdout.dates.ts';
import { nextWorkingDay } from './holdout.holidays.ts';
import { DATE_STYLES, type DateStyle, formatDate, type AmountStyle, AMOUNT_STYLES } from './holdout.format.ts';
import { type LayoutStyle, type Letter, randomStyle } from './holdout.layout.ts';
import { type Address, address, fullName, type Person, person } from './holdout.names.ts';
import type { Rng } from './holdout.random.ts';
import type { Sender } from './holdout.senders.ts';

export interface Recipient {
  person: Person;
  address: Address;
}

/** How a due date or deadline was printed, so the tests can check it against the page. */
export type DueWording =
  | { kind: 'absolute' }
  | { kind: 'relative'; days: number; from: IsoDate };

/** Test-only facts beside the truth (never written to truth.jsonl). */
export interface DocMeta {
  template: string;
  due?: DueWording;
  /** For reminders: which key the letter prints to identify the invoice. */
  linkKey?: 'number' | 'reference' | 'iban_amount';
  /** For reminders: the amount of the invoice as printed in the letter, in cents. */
  originalCents?: number;
}

export interface Draft {
  letter: Letter;
  style: LayoutStyle;
  truth: CorpusTruth;
  meta: DocMeta;
}

/** Per-document printing habits. */
export interface Habits {
  date: DateStyle;
  amount: AmountStyle;
  style: LayoutStyle;
}

export function habits(rng: Rng): Habits {
  return {
    date: rng.weighted(DATE_STYLES.map((s) => [s, s === 'numeric' || s === 'long' ? 3 : 1] as const)),
    amount: rng.weighted(AMOUNT_STYLES.map((s) => [s, s === 'de_symbol' ? 4 : 1] as const)),
    style: randomStyle(rng),
  };
}

export function recipient(rng: Rng): Recipient {
  return { person: person(rng), address: address(rng) };
}

export function recipientLines(rng: Rng, r: Recipient): string[] {
  const name = fullName(r.person);
  const head = rng.weighted([
    [[name], 3],
    [[r.person.female ? 'Frau' : 'Herrn', name], 3],
    [[`${r.person.female ? 'Frau' : 'Herr'} ${name}`], 2],
  ] as const);
  return [...head, r.address.street, `${r.address.postcode} ${r.address.city}`];
}

export function salutation(rng: Rng, r: Recipient, formal = true): string {
  const title = r.person.female ? 'Frau' : 'Herr';
  const options: Array<readonly [string, number]> = [
    [`Sehr ${r.person.female ? 'geehrte' : 'geehrter'} ${title} ${r.person.last},`, 6],
    ['Sehr geehrte Damen und Herren,', 2],
    [`Guten Tag ${title} ${r.person.last},`, 2],
    [`Guten Tag, ${r.person.first} ${r.person.last},`, 1],
  ];
  if (!formal) options.push([`${r.person.female ? 'Liebe' : 'Lieber'} ${r.person.first},`, 3], [`Hallo ${r.person.first} ${r.person.last},`, 2]);
  return rng.weighted(options);
}

export function closing(rng: Rng, sender: Sender): string[] {
  const greeting = rng.weighted([
    ['Mit freundlichen Grüßen', 6],
    ['Freundliche Grüße', 3],
    ['Viele Grüße', 1],
    ['Beste Grüße', 1],
    ['Kind regards', 0.3],
  ] as const);
  const lines = [greeting, '', sender.signer];
  if (sender.role) lines.push(sender.role);
  if (rng.chance(0.2)) lines.push('', rng.pick(['Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.', 'Dieses Schreiben ist ohne Unterschrift gültig.']));
  return lines;
}

export function letterDate(h: Habits, iso: IsoDate): string {
  return formatDate(iso, h.date);
}

export function baseTruth(type: CorpusType, asOf: IsoDate, sender: Sender): CorpusTruth {
  return {
    type,
    as_of: asOf,
    sender: sender.profile.name,
    issue_date: asOf,
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

export function letterShell(
  rng: Rng,
  h: Habits,
  sender: Sender,
  to: Recipient,
  asOf: IsoDate,
  parts: Pick<Letter, 'refs' | 'subject' | 'blocks'> & { formal?: boolean },
): Letter {
  return {
    sender: sender.profile,
    recipient: recipientLines(rng, to),
    place: sender.profile.address.city,
    date: letterDate(h, asOf),
    refs: parts.refs,
    subject: parts.subject,
    salutation: salutation(rng, to, parts.formal ?? true),
    blocks: parts.blocks,
    closing: closing(rng, sender),
  };
}

/** A working day in [from, from + spanDays] (letters are not dated on weekends). */
export function letterDay(rng: Rng, from: IsoDate, spanDays: number): IsoDate {
  return nextWorkingDay(addDays(from, rng.int(0, spanDays)));
}
