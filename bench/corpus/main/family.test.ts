import { describe, expect, it } from 'vitest';
import type { CorpusDocument } from '../corpus.types.ts';
import { daysBetween } from '../render/days.ts';
import { renderPdf } from '../render/pdf.ts';
import { truthProblems, truthRow } from '../render/truth.ts';
import { formatDate, germanNumber } from './format.ts';
import { generateDrafts, generateFamily } from './family.ts';

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

const compact = (text: string) => text.replace(/\s+/g, '');
const money = (decimal: string) => germanNumber(Math.round(Number(decimal) * 100));
const printedDay = (text: string, iso: string) => [formatDate(iso, 'numeric'), formatDate(iso, 'long'), formatDate(iso, 'short')].some((form) => text.includes(form));

const families = new Map<number, CorpusDocument[]>();
for (const seed of [1, 2, 3]) families.set(seed, await generateFamily({ perClass: 24, seed }));
const documents = families.get(1)!;
const ofType = (type: string, family = documents) => family.filter((document) => document.truth.type === type);

describe('main family', () => {
  it('has at least perClass documents of every class, unique ids, one page each, and well-formed truth', () => {
    for (const type of ['invoice', 'reminder', 'contract', 'appointment', 'other']) expect(ofType(type).length, type).toBeGreaterThanOrEqual(24);
    expect(new Set(documents.map((document) => document.id)).size).toBe(documents.length);
    for (const document of documents) {
      expect(document.id).toMatch(/^main-\d{4}$/);
      expect(document.pages).toHaveLength(1);
      expect(truthProblems(truthRow(document, 'main', 'pdf', 'x')), document.id).toEqual([]);
    }
  });

  it('is the same for the same seed, and another for another seed', async () => {
    const again = await generateFamily({ perClass: 24, seed: 1 });
    expect(again).toEqual(documents);
    for (const index of [0, 17, 63]) expect(Buffer.from(await renderPdf(again[index]!.pages)).equals(Buffer.from(await renderPdf(documents[index]!.pages)))).toBe(true);
    const other = families.get(2)!;
    expect(other.map((document) => document.truth)).not.toEqual(documents.map((document) => document.truth));
  });

  it('renders every document (all text is WinAnsi)', async () => {
    for (const document of documents) await expect(renderPdf(document.pages), document.id).resolves.toBeInstanceOf(Uint8Array);
  });

  it('varies senders, wordings and the ways a letter names its invoice', () => {
    const drafts = generateDrafts({ perClass: 24, seed: 1 });
    const variants = (type: string, part: number) => new Set(drafts.filter((draft) => draft.truth.type === type).map((draft) => draft.variant.split('/')[part]));
    expect(variants('invoice', 0).size).toBeGreaterThanOrEqual(6);
    expect(variants('invoice', 2)).toEqual(new Set(['left', 'right', 'center']));
    expect(variants('reminder', 0)).toEqual(new Set(['level0', 'level1', 'level2', 'level3', 'level4']));
    expect(variants('reminder', 1)).toEqual(new Set(['number', 'reference', 'customer', 'iban_amount']));
    expect(variants('contract', 1)).toEqual(new Set(['renewal', 'open', 'any_day', 'month_end', 'quarter_end']));
    expect(variants('contract', 0).size).toBe(8);
    expect(variants('appointment', 0).size).toBe(7);
    expect(variants('other', 0).size).toBe(9);
    expect(new Set(documents.map((document) => document.truth.sender)).size).toBeGreaterThan(documents.length * 0.75);
  });
});

describe.each([1, 2, 3])('truth consistency, seed %i', (seed) => {
  const documents = families.get(seed)!;
  const byId = new Map(documents.map((document) => [document.id, document]));
  const ofType = (type: string) => documents.filter((document) => document.truth.type === type);

  it('prints an invoice\'s amount, number, IBAN, reference and due date (absolute, or relative to its date)', () => {
    for (const invoice of ofType('invoice')) {
      const { truth } = invoice;
      const text = textOf(invoice);
      expect(text, invoice.id).toContain(money(truth.amount!));
      expect(text, invoice.id).toContain(truth.invoice_number!);
      if (truth.iban) expect(compact(text), invoice.id).toContain(truth.iban);
      if (truth.reference) expect(text, invoice.id).toContain(truth.reference);
      expect(daysBetween(truth.issue_date!, truth.due_date!), invoice.id).toBeGreaterThan(0);
      const days = daysBetween(truth.issue_date!, truth.due_date!);
      expect(printedDay(text, truth.due_date!) || text.includes(`${days} Tage`), invoice.id).toBe(true);
    }
  });

  it('links every dunning letter to an invoice of the family that it names by number, reference, customer number or IBAN + amount', () => {
    const ways = new Set<string>();
    for (const letter of ofType('reminder')) {
      const invoice = byId.get(letter.truth.links_to!);
      expect(invoice?.truth.type, letter.id).toBe('invoice');
      const text = textOf(letter);
      const invoiceText = textOf(invoice!);
      const { dunning } = letter.truth;
      expect(letter.truth.issue_date! > invoice!.truth.issue_date!, letter.id).toBe(true);
      if (letter.truth.due_date) expect(letter.truth.due_date > letter.truth.issue_date!, letter.id).toBe(true);
      if (dunning!.original_invoice_date) expect(dunning!.original_invoice_date, letter.id).toBe(invoice!.truth.issue_date);
      // A collection agency's fee is the sum of its charge rows (Mahnkosten + Inkassokosten): printed only in parts.
      if (dunning!.fee && dunning!.dunning_level < 4) expect(text, letter.id).toContain(money(dunning!.fee));
      expect(text, letter.id).toContain(money(letter.truth.amount!));
      if (dunning!.linked_invoice_number) {
        expect(dunning!.linked_invoice_number, letter.id).toBe(invoice!.truth.invoice_number);
        expect(text, letter.id).toContain(dunning!.linked_invoice_number);
        ways.add('number');
        continue;
      }
      // Without the number, the letter must not print it either.
      expect(text, letter.id).not.toContain(invoice!.truth.invoice_number!);
      const customer = /(?:Kundennummer|Kunden-Nr\.|Kundennr\. Gläubiger):? ([A-Z]?-?\d[\d ]*\d)/.exec(text)?.[1];
      if (letter.truth.reference && letter.truth.reference === invoice!.truth.reference) {
        expect(text).toContain(letter.truth.reference);
        ways.add('reference');
      } else if (customer && invoiceText.includes(customer)) ways.add('customer');
      else {
        expect(letter.truth.iban, letter.id).toBe(invoice!.truth.iban);
        expect(compact(text), letter.id).toContain(invoice!.truth.iban!);
        expect(text, letter.id).toContain(money(invoice!.truth.amount!));
        ways.add('iban_amount');
      }
    }
    expect(ways).toEqual(new Set(['number', 'reference', 'customer', 'iban_amount']));
  });

  it('keeps the invoices apart by what a letter may be linked with (amount per IBAN, numbers, references)', () => {
    const invoices = ofType('invoice');
    expect(new Set(invoices.map((invoice) => `${invoice.truth.iban}|${invoice.truth.amount}`)).size).toBe(invoices.length);
    expect(new Set(invoices.map((invoice) => invoice.truth.invoice_number)).size).toBe(invoices.length);
    const references = invoices.flatMap((invoice) => (invoice.truth.reference ? [invoice.truth.reference] : []));
    expect(new Set(references).size).toBe(references.length);
  });

  it('prints a contract\'s start and notice period, and its cancellation date is not before the letter', () => {
    for (const contract of ofType('contract')) {
      const text = textOf(contract).replace(/\n/g, ' ');
      const terms = contract.truth.contract!;
      expect(printedDay(text, terms.start_date!), contract.id).toBe(true);
      expect(text, contract.id).toContain(terms.notice_period!);
      expect(terms.last_cancellation_date! >= contract.truth.as_of, contract.id).toBe(true);
    }
  });

  it('prints an appointment\'s day, time, place, person and things to bring; the day is after the letter', () => {
    for (const appointment of ofType('appointment')) {
      const text = textOf(appointment).replace(/\n/g, ' ');
      const { datetime, place, with_whom, what_to_bring } = appointment.truth.appointment!;
      const [day, time] = datetime.split('T') as [string, string];
      expect(day > appointment.truth.as_of, appointment.id).toBe(true);
      expect(printedDay(text, day), appointment.id).toBe(true);
      const [hour, minute] = time.split(':');
      expect([`${hour}:${minute} Uhr`, `${Number(hour)}:${minute} Uhr`, `${hour}.${minute} Uhr`].some((form) => text.includes(form)), appointment.id).toBe(true);
      expect(text, appointment.id).toContain(place!);
      if (with_whom) expect(text, appointment.id).toContain(with_whom);
      for (const item of what_to_bring) expect(text, appointment.id).toContain(item);
    }
  });
});
