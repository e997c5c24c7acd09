/**
 * Dev-family invoices: an item table (positions, a plain list, or a GOÄ bill), net/VAT/gross totals
 * with 19 %, 7 % or no VAT, payments already made, and one of five payment terms. Truth: `amount`
 * is what the letter asks to be paid (after instalments already paid), `due_date` the net due day:
 * "innerhalb N Tagen" (with or without "nach Rechnungsdatum" / "nach Erhalt") = invoice date + N,
 * "sofort" = the invoice date, a SEPA debit = the day of the debit.
 */
import type { Rng } from '../render/random.ts';
import { addDays } from '../render/days.ts';
import { EMPTY_TRUTH, type Draft } from './draft.ts';
import { INVOICE_DAYS, INVOICE_FROM } from './window.ts';
import { decimal, formatDate, formatMoney, germanAmount, monthYear, vatOf, type DateStyle, type MoneyStyle } from './format.ts';
import { letter, stationery, type Stationery } from './frame.ts';
import { INVOICE_KINDS, type InvoiceKind, type Item } from './invoice-kinds.ts';
import { paymentTerms } from './invoice-terms.ts';
import type { Block, Pair, Row } from './letter.ts';
import { LEFT, RIGHT } from './letter.ts';
import { company as makeCompany, person, recipientLines, salutation, type Company, type Person } from './parties.ts';


export interface InvoiceRecord {
  key: string;
  kind: string;
  paper: Stationery;
  company: Company;
  customer: Person;
  number: string;
  issueDate: string;
  dueDate: string;
  totalCents: number;
  /** The IBAN the invoice prints for the payment, or null. */
  iban: string | null;
  debit: boolean;
  reference: string | null;
  customerNumber: string | null;
  customerLabel: string;
  /** What the invoice was for, as a dunning letter may call it. */
  topic: string;
}

/** What must stay unique across the family's invoices, so a dunning letter names exactly one. */
export interface InvoiceRegistry {
  amounts: Set<number>;
  numbers: Set<string>;
  references: Set<string>;
  customers: Set<string>;
}

export const newRegistry = (): InvoiceRegistry => ({ amounts: new Set(), numbers: new Set(), references: new Set(), customers: new Set() });

function unique(set: Set<string>, make: () => string): string {
  for (;;) {
    const value = make();
    if (!set.has(value)) {
      set.add(value);
      return value;
    }
  }
}

function invoiceNumber(rng: Rng, issueDate: string): string {
  const year = issueDate.slice(0, 4);
  return rng.pick([
    () => `RE-${year}-${rng.digits(5)}`,
    () => `R${year.slice(2)}${rng.int(100000, 999999)}`,
    () => `${year}/${rng.int(1000, 9999)}`,
    () => `INV-${rng.int(1000, 9999)}-${year.slice(2)}`,
    () => String(rng.int(3000000, 8999999)),
    () => `RG${year.slice(2)}-${rng.int(1000, 9999)}`,
  ])();
}

function customerNumber(rng: Rng): string {
  return rng.pick([() => String(rng.int(100000, 9999999)), () => `K-${rng.int(100000, 999999)}`, () => `KD-${rng.int(1000, 9999)}`, () => `${rng.int(10, 99)}-${rng.int(100000, 999999)}`])();
}

export const footerHasIban = (paper: Stationery) => paper.footer.some((column) => column.some((line) => line.includes('IBAN')));

const lineCents = (item: Item) => Math.round((item.quantity10 * item.unitCents) / 10);
const quantity = (quantity10: number) => (quantity10 % 10 === 0 ? String(quantity10 / 10) : `${Math.floor(quantity10 / 10)},${quantity10 % 10}`);

interface Totals {
  rows: Row[];
  grossCents: number;
  payCents: number;
}

function totals(rng: Rng, kind: InvoiceKind, items: Item[], money: (cents: number) => string): Totals {
  const rows: Row[] = [];
  const cells = (label: string, cents: number, bold = false, ruleAbove = false): Row => ({ cells: [label, money(cents)], bold, ruleAbove });
  let gross: number;
  if (kind.vat === 'net') {
    const net = items.reduce((sum, item) => sum + lineCents(item), 0);
    rows.push(cells(rng.pick(['Summe netto', 'Nettobetrag', 'Zwischensumme (netto)']), net, false, true));
    let vat = 0;
    for (const rate of [19, 7] as const) {
      const base = items.filter((item) => item.vat === rate).reduce((sum, item) => sum + lineCents(item), 0);
      if (base === 0) continue;
      const tax = vatOf(base, rate);
      vat += tax;
      rows.push(cells(rng.pick([`zzgl. ${rate} % USt.`, `Umsatzsteuer ${rate} %`, `MwSt. ${rate} % auf ${germanAmount(base)}`]), tax));
    }
    gross = net + vat;
    rows.push(cells(rng.pick(['Rechnungsbetrag', 'Gesamtbetrag brutto', 'Gesamtsumme', 'Endbetrag']), gross, true, true));
  } else if (kind.vat === 'gross') {
    gross = items.reduce((sum, item) => sum + lineCents(item), 0);
    rows.push(cells(rng.pick(['Gesamtbetrag', 'Rechnungsbetrag (inkl. MwSt.)', 'Summe']), gross, true, true));
    for (const rate of [19, 7] as const) {
      const base = items.filter((item) => item.vat === rate).reduce((sum, item) => sum + lineCents(item), 0);
      if (base > 0) rows.push(cells(`${rng.pick(['enthaltene MwSt.', 'darin enthalten USt.'])} ${rate} %`, Math.round((base * rate) / (100 + rate))));
    }
  } else {
    gross = items.reduce((sum, item) => sum + lineCents(item), 0);
    rows.push(cells(rng.pick(['Rechnungsbetrag', 'Gesamtbetrag', 'Summe']), gross, true, true));
  }
  let pay = gross;
  for (const deduction of kind.deductions?.(rng, gross) ?? []) {
    rows.push(cells(deduction.label, -deduction.cents));
    pay -= deduction.cents;
  }
  if (pay !== gross) rows.push(cells(rng.pick(['zu zahlender Betrag', 'Nachzahlung', 'Ihr Nachzahlungsbetrag']), pay, true, true));
  return { rows, grossCents: gross, payCents: pay };
}

function itemTable(kind: InvoiceKind, items: Item[], amount: (cents: number) => string): Block {
  if (kind.table === 'medical') {
    return {
      kind: 'table',
      columns: [{ x: LEFT }, { x: 128 }, { x: 168, width: 230 }, { x: 440, align: 'right' }, { x: RIGHT, align: 'right' }],
      header: ['Datum', 'GOÄ-Nr.', 'Leistung', 'Faktor', 'Betrag'],
      rows: items.map((item) => ({ cells: [item.day ?? '', item.code ?? '', item.text, item.factor ?? '', amount(lineCents(item))] })),
    };
  }
  if (kind.table === 'simple') {
    return { kind: 'table', columns: [{ x: LEFT, width: 350 }, { x: RIGHT, align: 'right' }], header: ['Leistung', 'Betrag'], rows: items.map((item) => ({ cells: [item.text, amount(lineCents(item))] })) };
  }
  const mixed = new Set(items.map((item) => item.vat)).size > 1;
  return {
    kind: 'table',
    columns: [{ x: LEFT }, { x: 122, align: 'right' }, { x: 128 }, { x: 160, width: mixed ? 185 : 215 }, ...(mixed ? [{ x: 372, align: 'right' as const }] : []), { x: 448, align: 'right' }, { x: RIGHT, align: 'right' }],
    header: ['Pos.', 'Menge', 'Einh.', 'Bezeichnung', ...(mixed ? ['USt.'] : []), 'Einzelpreis', 'Gesamt'],
    rows: items.map((item, index) => ({ cells: [String(index + 1), quantity(item.quantity10), item.unit, item.text, ...(mixed ? [`${item.vat} %`] : []), amount(item.unitCents), amount(lineCents(item))] })),
  };
}

export function invoiceDraft(rng: Rng, index: number, registry: InvoiceRegistry): { draft: Draft; record: InvoiceRecord } {
  const kind = INVOICE_KINDS[index % INVOICE_KINDS.length]!;
  // Terms in turn per kind, so that every kind's terms appear in a family of 24 invoices.
  const term = kind.terms[Math.floor(index / INVOICE_KINDS.length) % kind.terms.length]!;
  const company = makeCompany(rng, rng.pick(kind.companies));
  const paper = stationery(rng, company, { tagline: rng.pick(kind.tagline), ...(kind.font ? { font: kind.font } : {}), bankInFooter: term !== 'debit' || rng.chance(0.6) });
  const customer = person(rng);
  const issueDate = addDays(INVOICE_FROM, rng.int(0, INVOICE_DAYS));
  const context = { issueDate, customerStreet: `${customer.address.street}, ${customer.address.zip} ${customer.address.city}` };
  const moneyStyle = rng.pick<MoneyStyle>(['euro', 'euro', 'eur', 'eur-prefix', 'euro-prefix']);
  const grouped = rng.chance(0.8);
  const money = (cents: number) => formatMoney(cents, moneyStyle, grouped);
  const cellSuffix = rng.chance(0.5) ? ' €' : '';
  const cell = (cents: number) => `${germanAmount(cents, grouped)}${cellSuffix}`;

  let items: Item[];
  let sums: Totals;
  do {
    items = kind.items(rng, context);
    sums = totals(rng, kind, items, cell);
  } while (registry.amounts.has(sums.payCents) || sums.payCents <= 0);
  registry.amounts.add(sums.payCents);

  const number = unique(registry.numbers, () => invoiceNumber(rng, issueDate));
  const customerNo = rng.chance(0.8) ? unique(registry.customers, () => customerNumber(rng)) : null;
  const customerLabel = rng.pick(kind.customerLabel);
  const debit = term === 'debit';
  const dateStyle = rng.pick<DateStyle>(['numeric', 'numeric', 'long', 'short']);
  const terms = paymentTerms(rng, term, issueDate, sums.payCents, money, dateStyle);

  const referenceStyle = debit ? 'none' : rng.pick(['code', 'code', 'number', 'none']);
  const reference =
    referenceStyle === 'code'
      ? unique(registry.references, () => rng.pick([() => `${rng.digits(4)} ${rng.digits(4)} ${rng.digits(4)}`, () => `ZR-${rng.digits(8)}`, () => `${rng.letters(2)}${rng.digits(10)}`])())
      : referenceStyle === 'number'
        ? unique(registry.references, () => rng.pick([number, customerNo ? `${number} / ${customerNo}` : `Rechnung ${number}`]))
        : null;
  const bankInBody = company.secondBank !== null || (!debit && rng.chance(0.5));
  const iban = bankInBody || footerHasIban(paper) ? company.bank.iban : null;

  const numberInSubject = rng.chance(0.35);
  const topic = rng.pick(kind.subject).replace('{month}', monthYear(issueDate)).replace('{year}', String(Number(issueDate.slice(0, 4)) - 1));
  const subject = numberInSubject ? [`${rng.pick(['Rechnung Nr.', 'Rechnung'])} ${number}`, ...(rng.chance(0.5) ? [topic] : [])] : [topic];
  const dateLabel = rng.pick(['Datum', 'Datum', 'Rechnungsdatum']);
  const pairs: Pair[] = [
    ...(customerNo ? [[customerLabel, customerNo] as Pair] : []),
    ...(numberInSubject ? [] : [[rng.pick(['Rechnungsnummer', 'Rechnungs-Nr.', 'Rg.-Nr.', 'Belegnummer']), number] as Pair]),
    ...(kind.pairs?.(rng, context) ?? []),
    [dateLabel, formatDate(issueDate, rng.pick<DateStyle>(['numeric', 'numeric', 'long', 'two-digit']))],
    ...terms.pairs,
  ];

  const payment: Block[] = [{ kind: 'para', text: terms.text }];
  if (reference) {
    payment.push(
      rng.chance(0.5)
        ? { kind: 'para', text: `Bitte geben Sie bei Ihrer Überweisung als Verwendungszweck an: ${reference}` }
        : { kind: 'pairs', pairs: [[rng.pick(['Verwendungszweck:', 'Zahlungsreferenz:', 'Verwendungszweck']), reference]], labelWidth: 120, bold: true },
    );
  } else if (!debit && rng.chance(0.5)) payment.push({ kind: 'para', text: 'Bitte geben Sie bei Zahlung immer die Rechnungsnummer an.' });
  if (bankInBody) {
    const bank = company.bank;
    payment.push(
      rng.chance(0.5)
        ? { kind: 'para', text: `Bankverbindung: ${bank.name}, IBAN ${paper.iban(bank.iban)}, BIC ${bank.bic}` }
        : { kind: 'pairs', pairs: [['Empfänger', company.name], ['IBAN', paper.iban(bank.iban)], ['BIC', bank.bic], ['Kreditinstitut', bank.name]], labelWidth: 95, size: 9.5 },
    );
  }
  const greet = rng.chance(0.55);
  const intro = rng.pick(kind.intro);
  const blocks: Block[] = [
    ...(greet ? [{ kind: 'lines', lines: [salutation(customer)] } as Block] : []),
    ...(intro ? [{ kind: 'para', text: greet ? intro : intro.charAt(0).toUpperCase() + intro.slice(1) } as Block] : []),
    itemTable(kind, items, cell),
    { kind: 'table', columns: [{ x: 262, width: 200 }, { x: RIGHT, align: 'right' }], rows: sums.rows, size: 9.5 },
    ...payment,
    ...(kind.notes?.(rng, context, sums.payCents) ?? []).map((text): Block => ({ kind: 'para', text, size: 9 })),
    ...(greet ? [{ kind: 'lines', lines: ['Mit freundlichen Grüßen', '', company.name], after: 0 } as Block] : []),
  ];
  const pages = letter(paper, { recipient: recipientLines(customer, rng), pairs, date: formatDate(issueDate, 'long'), subject, blocks });

  const record: InvoiceRecord = {
    key: `invoice-${index}`,
    kind: kind.name,
    paper,
    company,
    customer,
    number,
    issueDate,
    dueDate: terms.dueDate,
    totalCents: sums.payCents,
    iban,
    debit,
    reference,
    customerNumber: customerNo,
    customerLabel,
    topic,
  };
  const draft: Draft = {
    key: record.key,
    variant: `${kind.name}/${term}/${paper.align}/${paper.infoStyle}/${referenceStyle}`,
    pages,
    truth: {
      ...EMPTY_TRUTH,
      type: 'invoice',
      as_of: issueDate,
      sender: company.name,
      issue_date: issueDate,
      amount: decimal(sums.payCents),
      currency: 'EUR',
      due_date: terms.dueDate,
      invoice_number: number,
      iban,
      reference,
    },
  };
  return { draft, record };
}

