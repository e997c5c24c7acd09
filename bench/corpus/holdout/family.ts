/**
 * The holdout template family (issue #8): German invoices, dunning letters, contracts, appointment
 * letters and letters that need no action, written apart from the main family and from the
 * extraction rules so that scoring it shows whether the rules generalise.
 *
 * Deterministic for `options.seed`. Every class gets `perClass` documents; invoices get a fifth
 * more so that some are never chased. Document ids are shuffled across classes.
 */
import type { CorpusDocument, CorpusType, FamilyOptions } from '../corpus.types.ts';
import type { DocMeta, Draft } from './holdout.common.ts';
import { addDays, type IsoDate } from './holdout.dates.ts';
import { layoutLetter } from './holdout.layout.ts';
import { createRng, type Rng } from './holdout.random.ts';
import { APPOINTMENT_KINDS, makeAppointment } from './templates/appointment.template.ts';
import { CONTRACT_KINDS } from './templates/contract.terms.ts';
import { makeContract } from './templates/contract.template.ts';
import { INVOICE_KINDS, type InvoiceRecord, makeInvoice } from './templates/invoice.template.ts';
import { makeOther, OTHER_KINDS } from './templates/other.template.ts';
import { type LinkKey, makeReminder } from './templates/reminder.template.ts';

export interface HoldoutDocument extends CorpusDocument {
  /** Test-only facts (how the due date was worded, which link key a reminder prints). */
  meta: DocMeta;
}

/** Letters are dated from here over about 15 months. */
const WINDOW_START: IsoDate = '2025-09-01';
const WINDOW_DAYS = 440;
/** Invoices that get chased are issued early enough for their reminders to fit the window. */
const CHASED_INVOICE_START: IsoDate = '2025-06-02';
const CHASED_INVOICE_DAYS = 240;

/** Days after the invoice's due date (or the previous reminder's deadline) a letter of each level is written. */
const LEVEL_DELAY: Record<number, [number, number]> = { 0: [6, 18], 1: [10, 24], 2: [25, 40], 3: [40, 55], 4: [60, 90] };

interface Slot {
  type: CorpusType;
  id: string;
}

function roundRobin<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const offset = rng.int(0, items.length - 1);
  return Array.from({ length: count }, (_, i) => items[(i + offset) % items.length] as T);
}

/** Which invoice each reminder chases and at which levels; some invoices are chased twice. */
function planReminders(rng: Rng, perClass: number, invoices: number): Array<{ invoice: number; levels: number[] }> {
  const chased = Math.min(invoices, Math.ceil(perClass * 0.8));
  const plans = Array.from({ length: chased }, (_, i) => ({ invoice: i, levels: [i % 5] }));
  const escalatable = plans.filter((plan) => (plan.levels[0] ?? 4) < 4);
  const extra = perClass - chased;
  if (extra > escalatable.length) throw new Error('perClass too large for the reminder plan');
  for (const plan of escalatable.slice(0, extra)) {
    const first = plan.levels[0] ?? 0;
    plan.levels.push(rng.int(first + 1, 4));
  }
  return plans;
}

export function generateHoldout(options: FamilyOptions): HoldoutDocument[] {
  const perClass = Math.max(1, Math.floor(options.perClass));
  const rng = createRng((options.seed ^ 0x5eed_4011) >>> 0);
  const invoiceCount = perClass + Math.ceil(perClass / 5);
  const types: CorpusType[] = [
    ...Array<CorpusType>(invoiceCount).fill('invoice'),
    ...(['reminder', 'contract', 'appointment', 'other'] as const).flatMap((t) => Array<CorpusType>(perClass).fill(t)),
  ];
  const slots: Slot[] = rng.shuffle(types).map((type, i) => ({ type, id: `holdout-${String(i + 1).padStart(4, '0')}` }));
  const idsOf = (type: CorpusType): string[] => slots.filter((s) => s.type === type).map((s) => s.id);
  const drafts = new Map<string, Draft>();

  const plans = planReminders(rng.fork(1), perClass, invoiceCount);
  const invoiceKinds = roundRobin(rng, INVOICE_KINDS, invoiceCount);
  const records: InvoiceRecord[] = idsOf('invoice').map((id, i) => {
    const docRng = rng.fork(100 + i);
    const chased = i < plans.length;
    const from = chased ? addDays(CHASED_INVOICE_START, Math.floor((i * CHASED_INVOICE_DAYS) / plans.length)) : addDays(WINDOW_START, docRng.int(0, WINDOW_DAYS - 30));
    const { draft, record } = makeInvoice(docRng, id, 100 + i, invoiceKinds[i] ?? 'shop', from);
    drafts.set(id, draft);
    return record;
  });

  const reminderIds = idsOf('reminder');
  const keys: LinkKey[] = ['number', 'reference', 'iban_amount'];
  let reminderIndex = 0;
  for (const plan of plans) {
    const invoice = records[plan.invoice];
    if (!invoice) throw new Error('reminder plan points past the invoices');
    let after = invoice.due;
    let previous: IsoDate | null = null;
    for (const level of plan.levels) {
      const id = reminderIds[reminderIndex];
      if (!id) throw new Error('more reminders planned than slots');
      const docRng = rng.fork(1000 + reminderIndex);
      let key = keys[reminderIndex % keys.length] ?? 'number';
      if (key === 'reference' && invoice.reference === null) key = 'iban_amount';
      const [min, max] = LEVEL_DELAY[level] ?? [10, 20];
      const draft = makeReminder(docRng, id, { invoice, level, from: addDays(after, docRng.int(min, max)), linkKey: key, previous, collectorSeq: reminderIndex + 1 });
      drafts.set(id, draft);
      after = draft.truth.due_date ?? after;
      previous = draft.truth.as_of;
      reminderIndex += 1;
    }
  }

  const place = (type: CorpusType, make: (docRng: Rng, id: string, i: number) => Draft): void => {
    idsOf(type).forEach((id, i) => drafts.set(id, make(rng.fork(type.length * 10_000 + i), id, i)));
  };
  const contractKinds = roundRobin(rng, CONTRACT_KINDS, perClass);
  place('contract', (r, id, i) => makeContract(r, id, 500 + i, contractKinds[i] ?? 'gym', WINDOW_START, WINDOW_DAYS));
  const appointmentKinds = roundRobin(rng, APPOINTMENT_KINDS, perClass);
  place('appointment', (r, id, i) => makeAppointment(r, id, appointmentKinds[i] ?? 'medical', WINDOW_START, WINDOW_DAYS));
  const otherKinds = roundRobin(rng, OTHER_KINDS, perClass);
  place('other', (r, id, i) => makeOther(r, id, 900 + i, otherKinds[i] ?? 'survey', WINDOW_START, WINDOW_DAYS));

  return slots.map(({ id }) => {
    const draft = drafts.get(id);
    if (!draft) throw new Error(`no document for ${id}`);
    return { id, pages: layoutLetter(draft.letter, draft.style), truth: draft.truth, meta: draft.meta };
  });
}

export function generateFamily(options: FamilyOptions): CorpusDocument[] {
  return generateHoldout(options).map(({ id, pages, truth }) => ({ id, pages, truth }));
}
