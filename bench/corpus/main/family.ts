/**
 * The main template family: the documents extraction rules may be developed against (FORMAT.md).
 * Invoices come first, then dunning letters about some of them (by number, Verwendungszweck,
 * customer number, or IBAN + amount), contracts, appointments and letters that need no action.
 * Every document draws from its own random stream (seed, class, index); the order of the ids is a
 * seeded shuffle, so a file's number says nothing about its class.
 */
import type { CorpusDocument, FamilyOptions } from '../corpus.types.ts';
import { Rng } from '../render/random.ts';
import { appointmentDraft } from './appointment.ts';
import { contractDraft } from './contract.ts';
import type { Draft } from './draft.ts';
import { invoiceDraft, type InvoiceRecord } from './invoice.ts';
import { otherDraft } from './other.ts';
import { reminderDraft, type LinkMode } from './reminder.ts';

export const FAMILY = 'main';

const LEVELS = [0, 1, 2, 3, 4, 1, 0, 2, 3, 1, 4, 2];
const MODES: LinkMode[] = ['number', 'iban_amount', 'reference', 'number', 'customer', 'iban_amount', 'number', 'reference'];

function fits(invoice: InvoiceRecord, mode: LinkMode): boolean {
  switch (mode) {
    case 'number':
      return true;
    case 'iban_amount':
      return invoice.ibanPrinted;
    case 'reference':
      return invoice.reference !== null && !invoice.reference.includes(invoice.number);
    case 'customer':
      return invoice.customerNumber !== null;
  }
}

export function generateDrafts({ perClass, seed }: FamilyOptions): Draft[] {
  const usedAmounts = new Set<number>();
  const usedNumbers = new Set<string>();
  const drafts: Draft[] = [];
  const invoices: InvoiceRecord[] = [];
  const newInvoice = () => {
    const { draft, record } = invoiceDraft(Rng.of(seed, FAMILY, 'invoice', invoices.length), invoices.length, usedAmounts, usedNumbers);
    drafts.push(draft);
    invoices.push(record);
    return record;
  };
  for (let index = 0; index < perClass; index += 1) newInvoice();

  // Dunning letters: each about an invoice not chased yet, except every sixth, which follows up
  // the previous letter's invoice one level higher.
  const chased = new Map<string, number>();
  const order = Rng.of(seed, FAMILY, 'reminder-order').shuffle(invoices.map((_, index) => index));
  let previous: { invoice: InvoiceRecord; level: number } | undefined;
  for (let index = 0; index < perClass; index += 1) {
    const rng = Rng.of(seed, FAMILY, 'reminder', index);
    let level = LEVELS[index % LEVELS.length]!;
    let mode = MODES[index % MODES.length]!;
    if (level === 4 && mode !== 'number' && mode !== 'customer') mode = 'number';
    let invoice: InvoiceRecord | undefined;
    if (index % 6 === 5 && previous && previous.level < 3) {
      invoice = previous.invoice;
      level = previous.level + 1;
      if (!fits(invoice, mode)) mode = 'number';
    } else {
      invoice = order.map((position) => invoices[position]!).find((candidate) => !chased.has(candidate.key) && fits(candidate, mode));
      while (!invoice) {
        const fresh = newInvoice();
        if (fits(fresh, mode)) invoice = fresh;
      }
    }
    chased.set(invoice.key, level);
    drafts.push(reminderDraft(rng, index, invoice, level, mode));
    previous = { invoice, level };
  }

  for (let index = 0; index < perClass; index += 1) drafts.push(contractDraft(Rng.of(seed, FAMILY, 'contract', index), index));
  for (let index = 0; index < perClass; index += 1) drafts.push(appointmentDraft(Rng.of(seed, FAMILY, 'appointment', index), index));
  for (let index = 0; index < perClass; index += 1) drafts.push(otherDraft(Rng.of(seed, FAMILY, 'other', index), index));
  return drafts;
}

/** Drafts with ids handed out in a seeded order, links turned from keys into ids. */
export function toDocuments(family: string, drafts: readonly Draft[], seed: number): CorpusDocument[] {
  const shuffled = Rng.of(seed, family, 'ids').shuffle(drafts);
  const ids = new Map(shuffled.map((draft, index) => [draft.key, `${family}-${String(index + 1).padStart(4, '0')}`]));
  return shuffled
    .map((draft) => ({
      id: ids.get(draft.key)!,
      pages: draft.pages,
      truth: { ...draft.truth, links_to: draft.truth.links_to === null ? null : (ids.get(draft.truth.links_to) ?? missing(draft.truth.links_to)) },
    }))
    .sort((p, q) => (p.id < q.id ? -1 : 1));
}

function missing(key: string): never {
  throw new Error(`a dunning letter links to ${key}, which is not in the family`);
}

export async function generateFamily(options: FamilyOptions): Promise<CorpusDocument[]> {
  return toDocuments(FAMILY, generateDrafts(options), options.seed);
}
