/**
 * The dev template family: a second development family, written without reading the main or the
 * holdout templates (FORMAT.md, docs/corpus.md). Invoices come first, then dunning letters about
 * some of them, each naming its invoice one way (number, Verwendungszweck, customer number,
 * invoice date + amount, or IBAN + amount), then contracts, appointments and letters that need no
 * action. Every document draws from its own stream Rng.of(seed, 'dev', class, index); ids are
 * handed out in a seeded shuffle.
 */
import type { CorpusDocument, FamilyOptions } from '../corpus.types.ts';
import { Rng } from '../render/random.ts';
import { appointmentDraft } from './appointment.ts';
import { contractDraft } from './contract.ts';
import type { Draft } from './draft.ts';
import { invoiceDraft, newRegistry, type InvoiceRecord } from './invoice.ts';
import { otherDraft } from './other.ts';
import { fits, reminderDraft, type Charge, type LinkMode } from './reminder.ts';

export const FAMILY = 'dev';

/** Levels and ways of naming, taken in turn (a follow-up letter overrides both). */
const LEVELS = [1, 0, 4, 2, 3, 0, 1, 4, 3, 2];
const MODES: LinkMode[] = ['number', 'date_amount', 'customer', 'reference', 'iban_amount', 'number', 'reference', 'date_amount', 'iban_amount', 'customer', 'number'];
/** Every fifth letter chases the invoice of the letter before it again, one level up. */
const FOLLOW_UP_EVERY = 5;

export function generateDrafts({ perClass, seed }: FamilyOptions): Draft[] {
  const registry = newRegistry();
  const drafts: Draft[] = [];
  const invoices: InvoiceRecord[] = [];
  const newInvoice = () => {
    const { draft, record } = invoiceDraft(Rng.of(seed, FAMILY, 'invoice', invoices.length), invoices.length, registry);
    drafts.push(draft);
    invoices.push(record);
    return record;
  };
  for (let index = 0; index < perClass; index += 1) newInvoice();

  const chased = new Set<string>();
  const order = Rng.of(seed, FAMILY, 'reminder-order').shuffle(invoices.map((_, index) => index));
  let previous: { invoice: InvoiceRecord; level: number; date: string; charges: Charge[] } | undefined;
  for (let index = 0; index < perClass; index += 1) {
    const rng = Rng.of(seed, FAMILY, 'reminder', index);
    let level = LEVELS[index % LEVELS.length]!;
    let mode = MODES[index % MODES.length]!;
    // A collection agency prints its own account and case number: it names the invoice by number, date + amount or customer number.
    if (level === 4 && (mode === 'reference' || mode === 'iban_amount')) mode = 'date_amount';
    let invoice: InvoiceRecord | undefined;
    const followUp = index % FOLLOW_UP_EVERY === FOLLOW_UP_EVERY - 1 && previous !== undefined && previous.level < 3;
    if (followUp && previous) {
      invoice = previous.invoice;
      level = previous.level + 1;
      if (!fits(invoice, mode, level)) mode = 'number';
    } else {
      invoice = order.map((position) => invoices[position]!).find((candidate) => !chased.has(candidate.key) && fits(candidate, mode, level));
      while (!invoice) {
        const fresh = newInvoice();
        if (fits(fresh, mode, level)) invoice = fresh;
      }
    }
    chased.add(invoice.key);
    const result = reminderDraft(rng, index, { invoice, level, mode, ...(followUp && previous ? { previous: { date: previous.date, charges: previous.charges } } : {}) });
    drafts.push(result.draft);
    previous = { invoice, level, date: result.date, charges: result.charges };
  }

  for (let index = 0; index < perClass; index += 1) drafts.push(contractDraft(Rng.of(seed, FAMILY, 'contract', index), index));
  for (let index = 0; index < perClass; index += 1) drafts.push(appointmentDraft(Rng.of(seed, FAMILY, 'appointment', index), index));
  for (let index = 0; index < perClass; index += 1) drafts.push(otherDraft(Rng.of(seed, FAMILY, 'other', index), index));
  return drafts;
}

/** Ids `dev-NNNN` in a seeded order; links turned from keys into ids. */
export function toDocuments(drafts: readonly Draft[], seed: number): CorpusDocument[] {
  const shuffled = Rng.of(seed, FAMILY, 'ids').shuffle(drafts);
  const ids = new Map(shuffled.map((draft, index) => [draft.key, `${FAMILY}-${String(index + 1).padStart(4, '0')}`]));
  const idOf = (key: string) => {
    const id = ids.get(key);
    if (!id) throw new Error(`a dunning letter links to ${key}, which is not in the family`);
    return id;
  };
  return shuffled
    .map((draft) => ({ id: idOf(draft.key), pages: draft.pages, truth: { ...draft.truth, links_to: draft.truth.links_to === null ? null : idOf(draft.truth.links_to) } }))
    .sort((p, q) => (p.id < q.id ? -1 : 1));
}

export async function generateFamily(options: FamilyOptions): Promise<CorpusDocument[]> {
  return toDocuments(generateDrafts(options), options.seed);
}
