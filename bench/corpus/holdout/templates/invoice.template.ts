/** Invoices: craftsmen, doctors' private bills, online shops, utilities. */
import { baseTruth, type Draft, habits, type Habits, letterDay, letterShell, recipient, type Recipient } from '../holdout.common.ts';
import { addDays, type IsoDate } from '../holdout.dates.ts';
import { decimal, groupIban } from '../holdout.format.ts';
import type { Block } from '../holdout.layout.ts';
import type { Rng } from '../holdout.random.ts';
import { makeSender, type Sender } from '../holdout.senders.ts';
import { type BodyInput, craftsmanBody, doctorBody, type InvoiceBody, shopBody, utilityBody } from './invoice.kinds.ts';
import { paymentTerms, type PaymentTerms } from './payment-terms.ts';

export type InvoiceKind = 'craftsman' | 'doctor' | 'shop' | 'utility';
export const INVOICE_KINDS: readonly InvoiceKind[] = ['craftsman', 'doctor', 'shop', 'utility'];

/** What a reminder needs to know about the invoice it chases. */
export interface InvoiceRecord {
  id: string;
  kind: InvoiceKind;
  sender: Sender;
  to: Recipient;
  h: Habits;
  number: string;
  issue: IsoDate;
  due: IsoDate;
  cents: number;
  iban: string;
  reference: string | null;
  referenceLabel: string | null;
}

const BODIES: Record<InvoiceKind, (input: BodyInput) => InvoiceBody> = {
  craftsman: craftsmanBody,
  doctor: doctorBody,
  shop: shopBody,
  utility: utilityBody,
};

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const THANKS: Record<InvoiceKind, ReadonlyArray<readonly [string, number]>> = {
  craftsman: [['Vielen Dank für Ihren Auftrag.', 3], ['Wir danken für Ihr Vertrauen.', 2], ['Für Rückfragen stehen wir Ihnen gern zur Verfügung.', 2]],
  doctor: [['Wir wünschen Ihnen gute Besserung.', 3], ['Bei Fragen zur Abrechnung wenden Sie sich bitte an unsere Praxis.', 2]],
  shop: [['Vielen Dank für Ihren Einkauf.', 3], ['Bei Fragen zu dieser Rechnung erreichen Sie uns telefonisch oder per E-Mail.', 2], ['Thank you for your order!', 0.4]],
  utility: [['Bei Fragen zu dieser Rechnung erreichen Sie uns telefonisch oder per E-Mail.', 3], ['Ihr Kundenservice ist werktags für Sie erreichbar.', 2]],
};

function invoiceNumber(rng: Rng, kind: InvoiceKind, seq: number, issue: IsoDate): string {
  const yyyy = issue.slice(0, 4);
  const yy = issue.slice(2, 4);
  const mm = issue.slice(5, 7);
  switch (kind) {
    case 'craftsman':
      return rng.pick([`RE-${yyyy}-${pad(seq, 4)}`, `R${yy}${mm}${pad(seq, 3)}`, `${yyyy}/${pad(seq, 5)}`]);
    case 'doctor':
      return rng.pick([`PL-${pad(seq, 4)}/${yy}`, `${pad(seq, 5)}-${yy}`]);
    case 'shop':
      return rng.pick([`INV-${yyyy}${pad(seq, 6)}`, `RG${pad(seq * 37 + 100000, 7)}`]);
    case 'utility':
      return `${rng.int(100, 999)}${pad(seq, 7)}`;
  }
}

function customerReference(rng: Rng, kind: InvoiceKind, seq: number): [string, string] | null {
  switch (kind) {
    case 'craftsman':
      return rng.chance(0.5) ? [rng.pick(['Kundennummer', 'Kunden-Nr.']), `${rng.int(10, 99)}${pad(seq, 4)}`] : null;
    case 'doctor':
      return rng.chance(0.6) ? ['Patienten-Nr.', `P${rng.int(1, 9)}${pad(seq, 4)}`] : null;
    case 'shop':
      return [rng.pick(['Kundennummer', 'Kundennr.']), `K${rng.digits(3)}${pad(seq, 4)}`];
    case 'utility':
      return [rng.pick(['Vertragskonto', 'Vertragskontonummer']), `${rng.int(2, 8)}${rng.digits(3)}${pad(seq, 6)}`];
  }
}

function paymentBlocks(rng: Rng, h: Habits, sender: Sender, terms: PaymentTerms, number: string, ref: [string, string] | null): Block[] {
  const bank = sender.profile.bank;
  if (!bank) throw new Error('an invoice sender needs a bank');
  const iban = rng.chance(0.7) ? groupIban(bank.iban) : bank.iban;
  const purpose = ref && rng.chance(0.4) ? `${ref[1]} / ${number}` : number;
  const blocks: Block[] = [];
  if (terms.sentence) blocks.push({ kind: 'p', text: terms.sentence });
  const showBank = h.style.footer === 'none' || rng.chance(0.6);
  if (showBank && rng.chance(0.5)) {
    const rows: Array<[string, string]> = [];
    if (terms.row) rows.push(terms.row);
    rows.push(['Empfänger', sender.profile.name], ['IBAN', iban], ['BIC', bank.bic], ['Verwendungszweck', purpose]);
    blocks.push({ kind: 'kv', rows });
    return blocks;
  }
  if (terms.row) blocks.push({ kind: 'kv', rows: [terms.row] });
  if (showBank) blocks.push({ kind: 'p', text: `Unsere Bankverbindung: ${bank.name}, IBAN ${iban}, BIC ${bank.bic}.` });
  blocks.push({
    kind: 'p',
    text: rng.pick([
      `Verwendungszweck: ${purpose}`,
      `Bitte geben Sie bei der Überweisung als Verwendungszweck ${purpose} an.`,
      `Bitte vermerken Sie bei Zahlung stets ${purpose}, damit wir Ihre Zahlung zuordnen können.`,
    ]),
  });
  return blocks;
}

export function makeInvoice(rng: Rng, id: string, seq: number, kind: InvoiceKind, earliest: IsoDate): { draft: Draft; record: InvoiceRecord } {
  const h = habits(rng);
  const sender = makeSender(rng, kind);
  const to = recipient(rng);
  let issue = letterDay(rng, earliest, 20);
  let terms = paymentTerms(rng, issue, h.date, kind !== 'utility' || rng.chance(0.5));
  while (!terms) {
    issue = letterDay(rng, addDays(issue, 1), 0);
    terms = paymentTerms(rng, issue, h.date);
  }
  const body = BODIES[kind]({ rng, h, sender, to, issue });
  const number = invoiceNumber(rng, kind, seq, issue);
  const ref = customerReference(rng, kind, seq);
  const numberLabel = rng.weighted([['Rechnungsnummer', 3], ['Rechnungs-Nr.', 3], ['Rechnung Nr.', 1], ['Invoice No.', 0.3]] as const);
  const refs: Array<[string, string]> = [[numberLabel, number], ...(ref ? [ref] : []), ...body.refs];
  const subject = rng.chance(0.5) && !body.title.includes('Bestellung') ? [`${body.title} Nr. ${number}`] : [body.title];
  const blocks: Block[] = [
    ...body.blocks,
    ...paymentBlocks(rng, h, sender, terms, number, ref),
    ...body.after,
    { kind: 'p', text: rng.weighted(THANKS[kind]) },
  ];
  const letter = letterShell(rng, h, sender, to, issue, { refs, subject, blocks });
  const bank = sender.profile.bank;
  if (!bank) throw new Error('an invoice sender needs a bank');
  const truth = {
    ...baseTruth('invoice', issue, sender),
    amount: decimal(body.totalCents),
    currency: 'EUR',
    due_date: terms.due,
    invoice_number: number,
    iban: bank.iban,
    reference: ref ? ref[1] : null,
  };
  const record: InvoiceRecord = {
    id, kind, sender, to, h, number, issue, due: terms.due, cents: body.totalCents, iban: bank.iban,
    reference: ref ? ref[1] : null, referenceLabel: ref ? ref[0] : null,
  };
  return { draft: { letter, style: h.style, truth, meta: { template: `invoice/${kind}`, due: terms.wording } }, record };
}
