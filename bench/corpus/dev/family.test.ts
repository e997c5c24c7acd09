import { describe, expect, it } from 'vitest';
import type { CorpusDocument } from '../corpus.types.ts';
import { cancellation, type Notice } from '../render/contract-terms.ts';
import { addDays, daysBetween, weekday } from '../render/days.ts';
import { PAGE_WIDTH, renderPdf, textWidth } from '../render/pdf.ts';
import { truthProblems, truthRow } from '../render/truth.ts';
import type { Draft } from './draft.ts';
import { generateDrafts, generateFamily, toDocuments } from './family.ts';
import { formatDate, germanAmount, MONTHS, type DateStyle } from './format.ts';
import { isValidIban } from './iban.ts';

/** The page's text, one line per baseline, runs joined by a space (what a reader would see). */
function textOf(document: CorpusDocument): string {
  return document.pages
    .map((page) => {
      const lines = new Map<number, { x: number; text: string }[]>();
      for (const run of page.runs) lines.set(run.y, [...(lines.get(run.y) ?? []), { x: run.x, text: run.text }]);
      return [...lines.entries()].sort(([p], [q]) => p - q).map(([, runs]) => runs.sort((p, q) => p.x - q.x).map((run) => run.text).join(' ')).join('\n');
    })
    .join('\n');
}

const flat = (document: CorpusDocument) => textOf(document).replace(/\n/g, ' ');
const compact = (text: string) => text.replace(/\s+/g, '');
const cents = (decimal: string) => Math.round(Number(decimal) * 100);
const printsAmount = (text: string, decimal: string) => [germanAmount(cents(decimal)), germanAmount(cents(decimal), false)].some((form) => text.includes(form));
const DAY_STYLES: DateStyle[] = ['numeric', 'short', 'two-digit', 'long', 'iso'];
const printsDay = (text: string, iso: string) => DAY_STYLES.some((style) => text.includes(formatDate(iso, style)));
/** The day without its year ("14. April"), as some appointment letters print it. */
const printsDayWithoutYear = (text: string, iso: string) => new RegExp(`\\b${Number(iso.slice(8))}\\. ${MONTHS[Number(iso.slice(5, 7)) - 1]}\\b`).test(text);

const families = new Map<number, CorpusDocument[]>();
/** What each dunning letter says it names its invoice by, per seed and id. */
const namings = new Map<number, Map<string, NonNullable<Draft['names']>>>();
for (const seed of [1, 2, 3]) {
  const drafts = generateDrafts({ perClass: 24, seed });
  const family = toDocuments(drafts, seed);
  families.set(seed, family);
  namings.set(seed, new Map(family.flatMap((document) => drafts.filter((draft) => draft.pages === document.pages && draft.names).map((draft) => [document.id, draft.names!] as const))));
}
const documents = families.get(1)!;
const ofType = (type: string, family = documents) => family.filter((document) => document.truth.type === type);

describe('dev family', () => {
  it('has perClass documents of every class (invoices at least), ids dev-0001.. in order, one or two pages, well-formed truth', () => {
    for (const type of ['reminder', 'contract', 'appointment', 'other']) expect(ofType(type).length, type).toBe(24);
    expect(ofType('invoice').length).toBeGreaterThanOrEqual(24);
    expect(documents.map((document) => document.id)).toEqual(documents.map((_, index) => `dev-${String(index + 1).padStart(4, '0')}`));
    for (const document of documents) {
      expect(document.pages.length, document.id).toBeGreaterThanOrEqual(1);
      expect(document.pages.length, document.id).toBeLessThanOrEqual(2);
      expect(truthProblems(truthRow(document, 'dev', 'pdf', 'x')), document.id).toEqual([]);
    }
    expect(documents.filter((document) => document.pages.length === 2).length).toBeGreaterThan(0);
    expect(documents.filter((document) => document.pages.length === 2).length).toBeLessThan(documents.length / 10);
  });

  it('is the same for the same seed, another for another seed, and does not sort classes into runs of ids', async () => {
    const again = await generateFamily({ perClass: 24, seed: 1 });
    expect(again).toEqual(documents);
    for (const index of [0, 41, 99]) expect(Buffer.from(await renderPdf(again[index]!.pages)).equals(Buffer.from(await renderPdf(documents[index]!.pages)))).toBe(true);
    expect(families.get(2)!.map((document) => document.truth)).not.toEqual(documents.map((document) => document.truth));
    const firstTypes = new Set(documents.slice(0, 20).map((document) => document.truth.type));
    expect(firstTypes.size).toBeGreaterThanOrEqual(4);
  });

  it('renders every page (all text is WinAnsi) and keeps every line on the paper', async () => {
    for (const document of documents) {
      await expect(renderPdf(document.pages), document.id).resolves.toBeInstanceOf(Uint8Array);
      for (const run of document.pages.flatMap((page) => page.runs)) {
        const left = run.align === 'right' ? run.x - textWidth(run.text, run.font, run.size) : run.x;
        expect(left, `${document.id}: ${run.text}`).toBeGreaterThanOrEqual(40);
        expect(left + textWidth(run.text, run.font, run.size), `${document.id}: ${run.text}`).toBeLessThanOrEqual(PAGE_WIDTH - 30);
      }
    }
  });

  it('varies firms, layouts, wordings and the ways a letter names its invoice', () => {
    const drafts = generateDrafts({ perClass: 24, seed: 1 });
    const variants = (type: string, part: number) => new Set(drafts.filter((draft) => draft.truth.type === type).map((draft) => draft.variant.split('/')[part]));
    expect(variants('invoice', 0).size).toBe(10);
    expect(variants('invoice', 1)).toEqual(new Set(['within', 'until', 'skonto', 'immediate', 'debit']));
    expect(variants('invoice', 2)).toEqual(new Set(['left', 'right', 'center']));
    expect(variants('invoice', 3)).toEqual(new Set(['column', 'row', 'box', 'dateline']));
    expect(variants('reminder', 0)).toEqual(new Set(['level0', 'level1', 'level2', 'level3', 'level4']));
    expect(variants('reminder', 1)).toEqual(new Set(['number', 'reference', 'customer', 'date_amount', 'iban_amount']));
    expect(variants('reminder', 3)).toEqual(new Set(['none', 'deadline']));
    expect(variants('contract', 0).size).toBe(8);
    expect(variants('contract', 1)).toEqual(new Set(['renewal', 'open', 'any_day', 'month_end', 'quarter_end']));
    expect(variants('contract', 2)).toEqual(new Set(['table', 'prose']));
    expect(variants('appointment', 0).size).toBe(8);
    expect(variants('appointment', 1).size).toBe(5);
    expect(variants('other', 0).size).toBe(10);
    expect(new Set(documents.map((document) => document.truth.sender)).size).toBeGreaterThan(documents.length * 0.75);
  });
});

/** The notice a contract letter prints, read back from its phrase. */
function noticeOf(phrase: string): Notice {
  const words: Record<string, number> = { einen: 1, einem: 1, ein: 1, zwei: 2, drei: 3, vier: 4, sechs: 6 };
  const match = /(\d+|einen|einem|ein|zwei|drei|vier|sechs) (Monat|Woche|Tag)/.exec(phrase);
  if (!match) throw new Error(`no notice in "${phrase}"`);
  const amount = /\d/.test(match[1]!) ? Number(match[1]) : words[match[1]!]!;
  const unit = match[2] === 'Monat' ? 'months' : match[2] === 'Woche' ? 'weeks' : 'days';
  const anchor = /jederzeit/.test(phrase) ? 'any_day' : /Monatsende|Kalendermonats/.test(phrase) ? 'month_end' : /Quartal|Kalendervierteljahr/.test(phrase) ? 'quarter_end' : 'term_end';
  return { amount, unit, anchor };
}

describe.each([1, 2, 3])('truth consistency, seed %i', (seed) => {
  const family = families.get(seed)!;
  const byId = new Map(family.map((document) => [document.id, document]));
  const invoices = ofType('invoice', family);

  it('prints every IBAN with valid check digits', () => {
    for (const document of family) {
      for (const iban of compact(flat(document)).match(/DE\d{20}/g) ?? []) expect(isValidIban(iban), `${document.id}: ${iban}`).toBe(true);
      if (document.truth.iban) expect(isValidIban(document.truth.iban), document.id).toBe(true);
    }
  });

  it('prints an invoice\'s amount, number, date, IBAN, reference and due date (absolute, N days after its date, or "sofort")', () => {
    for (const invoice of invoices) {
      const { truth } = invoice;
      const text = flat(invoice);
      expect(printsAmount(text, truth.amount!), invoice.id).toBe(true);
      expect(text, invoice.id).toContain(truth.invoice_number!);
      expect(printsDay(text, truth.issue_date!), invoice.id).toBe(true);
      if (truth.iban) expect(compact(text), invoice.id).toContain(truth.iban);
      if (truth.reference) expect(text, invoice.id).toContain(truth.reference);
      const days = daysBetween(truth.issue_date!, truth.due_date!);
      expect(days, invoice.id).toBeGreaterThanOrEqual(0);
      if (days === 0) expect(text, invoice.id).toMatch(/sofort/);
      else expect(printsDay(text, truth.due_date!) || text.includes(`${days} Tage`), invoice.id).toBe(true);
    }
  });

  it('keeps invoices apart by what a letter may name them with (amount, number, reference, customer number)', () => {
    const amounts = invoices.map((invoice) => invoice.truth.amount);
    expect(new Set(amounts).size).toBe(amounts.length);
    expect(new Set(invoices.map((invoice) => invoice.truth.invoice_number)).size).toBe(invoices.length);
    const references = invoices.flatMap((invoice) => (invoice.truth.reference ? [invoice.truth.reference] : []));
    expect(new Set(references).size).toBe(references.length);
  });

  it('links every dunning letter to an invoice of the family that it names by number, reference, customer number, date + amount or IBAN + amount', () => {
    const ways = new Set<string>();
    for (const letter of ofType('reminder', family)) {
      const invoice = byId.get(letter.truth.links_to!)!;
      expect(invoice?.truth.type, letter.id).toBe('invoice');
      const text = flat(letter);
      const invoiceText = flat(invoice);
      const { dunning } = letter.truth;
      expect(letter.truth.issue_date! > invoice.truth.due_date!, letter.id).toBe(true);
      expect(printsAmount(text, letter.truth.amount!), letter.id).toBe(true);
      if (dunning!.original_invoice_date) {
        expect(dunning!.original_invoice_date, letter.id).toBe(invoice.truth.issue_date);
        expect(printsDay(text, dunning!.original_invoice_date), letter.id).toBe(true);
      }
      const { mode, value } = namings.get(seed)!.get(letter.id)!;
      ways.add(mode);
      if (mode === 'number') {
        expect([dunning!.linked_invoice_number, value], letter.id).toEqual([invoice.truth.invoice_number, invoice.truth.invoice_number]);
        expect(text, letter.id).toContain(value);
        continue;
      }
      // Named another way, the letter must not print the number.
      expect(dunning!.linked_invoice_number, letter.id).toBeNull();
      expect(text, letter.id).not.toContain(invoice.truth.invoice_number!);
      if (mode === 'reference') {
        expect([letter.truth.reference, value], letter.id).toEqual([invoice.truth.reference, invoice.truth.reference]);
        expect(text, letter.id).toContain(value);
      } else if (mode === 'customer') {
        expect(value, letter.id).toMatch(/\d{4}/);
        expect(text, letter.id).toContain(value);
        expect(invoiceText, letter.id).toContain(value);
      } else if (mode === 'date_amount') {
        expect(dunning!.original_invoice_date, letter.id).toBe(invoice.truth.issue_date);
        expect(printsAmount(text, invoice.truth.amount!), letter.id).toBe(true);
      } else {
        expect(mode, letter.id).toBe('iban_amount');
        expect([letter.truth.iban, value], letter.id).toEqual([invoice.truth.iban, invoice.truth.iban]);
        expect(compact(text), letter.id).toContain(value);
        expect(printsAmount(text, invoice.truth.amount!), letter.id).toBe(true);
      }
    }
    expect(ways).toEqual(new Set(['number', 'reference', 'customer', 'date_amount', 'iban_amount']));
  });

  it('makes a dunning letter\'s fee the sum of its printed charges and its deadline printed or N days after its date', () => {
    for (const letter of ofType('reminder', family)) {
      const lines = textOf(letter).split('\n');
      const charges = lines.filter((line) => /Mahngebühr|Mahnkosten|Auslagen|Inkasso(?:vergütung|kosten)/.test(line) && /\d,\d\d( €| EUR)?$/.test(line));
      const printed = charges.reduce((sum, line) => sum + cents(/(-?[\d.]+,\d\d)(?: €| EUR)?$/.exec(line)![1]!.replace(/\./g, '').replace(',', '.')), 0);
      expect(letter.truth.dunning!.fee === null ? 0 : cents(letter.truth.dunning!.fee), letter.id).toBe(printed);
      const { due_date: due, as_of: asOf } = letter.truth;
      if (due === null) continue;
      const days = daysBetween(asOf, due);
      const text = flat(letter);
      const relative = text.includes(`${days} Tage`) || (days === 7 && text.includes('einer Woche'));
      expect(printsDay(text, due) || relative, letter.id).toBe(true);
    }
  });

  it('computes a contract\'s last cancellation date with contract-terms from the printed start, terms and notice', () => {
    for (const contract of ofType('contract', family)) {
      const text = flat(contract);
      const terms = contract.truth.contract!;
      expect(printsDay(text, terms.start_date!), contract.id).toBe(true);
      expect(text, contract.id).toContain(terms.notice_period!);
      const expected = cancellation({ start: terms.start_date!, minimumTermMonths: terms.minimum_term_months!, renewalMonths: terms.renewal_months!, notice: noticeOf(terms.notice_period!) }, contract.truth.as_of);
      expect(terms.last_cancellation_date, contract.id).toBe(expected.lastCancellationDate);
      expect(terms.last_cancellation_date! >= contract.truth.as_of, contract.id).toBe(true);
    }
  });

  it('prints an appointment\'s day, start time, place, person and things to bring; the day is a weekday after the letter', () => {
    for (const appointment of ofType('appointment', family)) {
      const text = flat(appointment);
      const { datetime, place, with_whom, what_to_bring } = appointment.truth.appointment!;
      const [day, time] = datetime.split('T') as [string, string];
      expect(day > appointment.truth.as_of && day <= addDays(appointment.truth.as_of, 60), appointment.id).toBe(true);
      expect(weekday(day), appointment.id).not.toBe(0);
      expect(printsDay(text, day) || printsDayWithoutYear(text, day), appointment.id).toBe(true);
      const [hour, minute] = time.split(':') as [string, string];
      expect(text, appointment.id).toMatch(new RegExp(`\\b0?${Number(hour)}[:.]${minute}\\b`));
      expect(text, appointment.id).toContain(place!);
      if (with_whom) expect(text, appointment.id).toContain(with_whom);
      for (const item of what_to_bring) expect(text, appointment.id).toContain(item);
    }
  });

  it('gives letters that need no action no amount, deadline or link, though they print days', () => {
    for (const letter of ofType('other', family)) {
      const { truth } = letter;
      expect([truth.amount, truth.due_date, truth.links_to, truth.invoice_number], letter.id).toEqual([null, null, null, null]);
      expect((flat(letter).match(/\b\d{1,2}\.(?:\d{1,2}\.\d{2,4}|\s[A-ZÄÖÜ][a-zä]+ \d{4})/g) ?? []).length, letter.id).toBeGreaterThanOrEqual(2);
    }
  });
});
