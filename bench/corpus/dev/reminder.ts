/**
 * Dev-family dunning letters: Zahlungserinnerung (level 0), 1./2./letzte Mahnung (1-3) from the
 * creditor, and collection-agency letters on the creditor's behalf (4). A letter names its invoice
 * in one way only: by number, by Verwendungszweck, by customer number, by invoice date + amount, or
 * by the creditor's IBAN + amount. Truth: `amount` is the total claimed (open amount, fees,
 * interest); `fee` is the sum of every dunning and collection charge printed (Mahngebühr,
 * Auslagenpauschale, Inkassovergütung; not interest); a relative deadline ("innerhalb von 10 Tagen
 * nach Zugang dieses Schreibens") is the letter date + N; "umgehend" or no deadline is null.
 */
import type { Rng } from '../render/random.ts';
import { addDays, daysBetween } from '../render/days.ts';
import { EMPTY_TRUTH, type Draft } from './draft.ts';
import { decimal, formatDate, formatMoney, type DateStyle, type MoneyStyle } from './format.ts';
import { letter, stationery, type Stationery } from './frame.ts';
import type { InvoiceRecord } from './invoice.ts';
import { RIGHT, type Block, type Pair, type Row } from './letter.ts';
import { company as makeCompany, recipientLines, salutation, type Company } from './parties.ts';

export type LinkMode = 'number' | 'reference' | 'customer' | 'date_amount' | 'iban_amount';
export const LINK_MODES: readonly LinkMode[] = ['number', 'reference', 'customer', 'date_amount', 'iban_amount'];

export interface Charge {
  label: string;
  cents: number;
  /** The date of the earlier letter that charged it. */
  from?: string;
}

/** Whether the invoice prints what a letter in this mode names it by (and can be chased at all). */
export function fits(invoice: InvoiceRecord, mode: LinkMode, level: number): boolean {
  if (invoice.debit || invoice.iban === null) return false;
  switch (mode) {
    case 'number':
    case 'date_amount':
      return true;
    case 'reference':
      return level < 4 && invoice.reference !== null && !invoice.reference.includes(invoice.number) && (invoice.customerNumber === null || !invoice.reference.includes(invoice.customerNumber));
    case 'customer':
      return invoice.customerNumber !== null;
    case 'iban_amount':
      return level < 4;
  }
}

const SUBJECTS: Record<number, string[]> = {
  0: ['Zahlungserinnerung', 'Freundliche Zahlungserinnerung', 'Erinnerung an eine offene Rechnung'],
  1: ['1. Mahnung', 'Mahnung', 'Erste Mahnung'],
  2: ['2. Mahnung', 'Zweite Mahnung'],
  3: ['Letzte Mahnung', '3. und letzte Mahnung', 'Letzte Mahnung vor Einleitung gerichtlicher Schritte'],
  4: ['Mahnung – Inkasso', 'Zahlungsaufforderung im Inkassoverfahren', 'Forderungsangelegenheit – Aufforderung zur Zahlung'],
};

export interface ReminderInput {
  invoice: InvoiceRecord;
  level: number;
  mode: LinkMode;
  /** The earlier letter about the same invoice (a follow-up comes after its deadline). */
  previous?: { date: string; charges: Charge[] };
}

export interface ReminderResult {
  draft: Draft;
  date: string;
  charges: Charge[];
}

function agency(rng: Rng): Company {
  return makeCompany(rng, { pattern: rng.pick(['Inkasso {surname} GmbH', 'Forderungsmanagement {town} GmbH', '{surname} & {surname2} Inkasso GmbH', 'Treuhand-Inkasso {town} AG']), managersLabel: rng.pick(['Geschäftsführer', 'Vorstand']) });
}

function deadline(rng: Rng, date: string, level: number, dateStyle: DateStyle): { due: string | null; text: string } {
  const style = level <= 1 && rng.chance(0.3) ? 'none' : rng.pick(['absolute', 'absolute', 'relative']);
  if (style === 'none') return { due: null, text: rng.pick(['Bitte gleichen Sie den Betrag umgehend aus.', 'Wir bitten Sie, den offenen Betrag zeitnah zu überweisen.']) };
  if (style === 'relative') {
    const [days, phrase] = rng.pick<[number, string]>([
      [10, 'innerhalb von 10 Tagen nach Zugang dieses Schreibens'],
      [7, 'innerhalb einer Woche'],
      [14, 'binnen 14 Tagen'],
      [10, 'innerhalb der nächsten 10 Tage'],
      [7, 'innerhalb von 7 Tagen ab Datum dieses Schreibens'],
    ]);
    return { due: addDays(date, days), text: rng.pick([`Bitte überweisen Sie den Gesamtbetrag ${phrase}.`, `Wir erwarten Ihre Zahlung ${phrase}.`]) };
  }
  const due = addDays(date, rng.int(7, 14));
  const day = formatDate(due, dateStyle);
  return { due, text: rng.pick([`Bitte überweisen Sie den Gesamtbetrag bis zum ${day}.`, `Zahlungsfrist: ${day}.`, `Wir erwarten den Zahlungseingang spätestens am ${day}.`]) };
}

const footerPrints = (paper: Stationery, iban: string) => paper.footer.flat().join(' ').replace(/\s+/g, '').includes(iban);

interface Naming {
  mode: LinkMode;
  level: number;
  collection: boolean;
  creditor: string;
  numberPhrase: string;
  invoiceDate: string;
  amount: string;
  iban: string;
  reference: string;
  customer: string;
}

/** The opening sentences: they name the invoice the letter's one way. */
function openingLines(rng: Rng, naming: Naming): string[] {
  const { mode, level, numberPhrase, invoiceDate, amount, iban, reference, customer } = naming;
  if (naming.collection) {
    const claim = {
      number: `die ${numberPhrase}`,
      date_amount: `die Rechnung vom ${invoiceDate} über ${amount}`,
      customer: `den offenen Saldo Ihres Kundenkontos ${customer} bei unserer Mandantin`,
      reference: `die Zahlung zum Verwendungszweck ${reference}`,
      iban_amount: `den Betrag von ${amount}`,
    }[mode];
    return [
      `unsere Mandantin, ${naming.creditor}, hat uns mit der Einziehung einer offenen Forderung gegen Sie beauftragt; eine Vollmacht liegt uns vor. Es handelt sich um ${claim}.`,
      'Trotz Mahnung durch unsere Mandantin haben Sie die Forderung bis heute nicht ausgeglichen.',
    ];
  }
  if (level === 0) {
    return [
      {
        number: rng.pick([`sicher haben Sie im Alltag übersehen, dass unsere ${numberPhrase} noch offen ist.`, `bei der Durchsicht unserer Konten ist uns aufgefallen, dass unsere ${numberPhrase} bisher nicht beglichen wurde.`]),
        date_amount: rng.pick([`sicher haben Sie im Alltag übersehen, dass unsere Rechnung vom ${invoiceDate} über ${amount} noch offen ist.`, `bei der Durchsicht unserer Konten ist uns aufgefallen, dass unsere Rechnung vom ${invoiceDate} über ${amount} bisher nicht beglichen wurde.`]),
        reference: `bei der Durchsicht unserer Konten ist uns aufgefallen, dass zum Verwendungszweck ${reference} noch kein Zahlungseingang verbucht ist.`,
        customer: `bei der Durchsicht unserer Konten ist uns aufgefallen, dass Ihr Kundenkonto ${customer} noch einen offenen Betrag aufweist.`,
        iban_amount: `sicher haben Sie übersehen, dass der Betrag von ${amount} noch nicht auf unserem Konto IBAN ${iban} eingegangen ist.`,
      }[mode],
    ];
  }
  return [
    {
      number: `leider haben wir für unsere ${numberPhrase} bis heute keinen Zahlungseingang feststellen können.`,
      date_amount: `leider haben wir für unsere Rechnung vom ${invoiceDate} über ${amount} bis heute keinen Zahlungseingang feststellen können.`,
      reference: `leider konnten wir zum Verwendungszweck ${reference} bis heute keinen Zahlungseingang feststellen.`,
      customer: `leider weist Ihr Kundenkonto ${customer} trotz Fälligkeit weiterhin einen offenen Betrag aus.`,
      iban_amount: `leider ist der Betrag von ${amount} bis heute nicht auf unserem Konto IBAN ${iban} eingegangen.`,
    }[mode],
  ];
}

export function reminderDraft(rng: Rng, index: number, input: ReminderInput): ReminderResult {
  const { invoice, level, mode, previous } = input;
  const collection = level === 4;
  const date = previous ? addDays(previous.date, rng.int(16, 30)) : addDays(invoice.dueDate, rng.int(8, 20) + level * 12);
  const sender = collection ? agency(rng) : invoice.company;
  const paper: Stationery = collection ? stationery(rng, sender, { tagline: 'Registriert im Rechtsdienstleistungsregister' }) : rng.chance(0.6) ? invoice.paper : stationery(rng, sender);
  const moneyStyle = rng.pick<MoneyStyle>(['euro', 'eur', 'euro', 'eur-prefix']);
  const grouped = rng.chance(0.7);
  const money = (cents: number) => formatMoney(cents, moneyStyle, grouped);
  const dateStyle = rng.pick<DateStyle>(['numeric', 'numeric', 'long', 'short']);
  const day = (iso: string) => formatDate(iso, dateStyle);

  const partial = mode === 'number' && !collection && rng.chance(0.25) ? Math.round((invoice.totalCents * rng.int(20, 60)) / 100) : 0;
  const open = invoice.totalCents - partial;
  const charges: Charge[] = previous ? previous.charges.map((charge) => ({ ...charge, from: charge.from ?? previous.date })) : [];
  if (level >= 1 && level <= 3 && rng.chance(0.85)) charges.push({ label: rng.pick(['Mahngebühr', 'Mahnkosten', `Mahngebühr ${level}. Mahnung`]), cents: rng.pick([250, 300, 500, 750, 1000]) });
  if (level === 3 && rng.chance(0.5)) charges.push({ label: 'Auslagenpauschale', cents: rng.pick([250, 500]) });
  if (collection) {
    if (charges.length === 0) charges.push({ label: 'Mahnkosten der Gläubigerin', cents: rng.pick([500, 1000]) });
    charges.push({ label: rng.pick(['Inkassovergütung', 'Inkassokosten (Nr. 2300 VV RVG)']), cents: rng.int(3600, 8400) }, { label: 'Auslagen (Porto, Kommunikation)', cents: rng.pick([520, 720, 1000]) });
  }
  const interest = level >= 2 && rng.chance(0.5) ? Math.max(1, Math.round((open * 0.0727 * Math.max(1, daysBetween(invoice.dueDate, date))) / 365)) : 0;
  const fee = charges.reduce((sum, charge) => sum + charge.cents, 0);
  const total = open + fee + interest;

  // How the letter names the invoice (and nothing else that would name it).
  const invoiceDate = formatDate(invoice.issueDate, dateStyle);
  const numberPhrase = rng.pick([`Rechnung Nr. ${invoice.number} vom ${invoiceDate}`, `Rechnung ${invoice.number} vom ${invoiceDate}`, `Rechnung ${invoice.number}`]);
  const printsDate = mode === 'date_amount' || (mode === 'number' && numberPhrase.includes(invoiceDate));
  const iban = paper.iban(invoice.company.bank.iban);
  const amount = money(invoice.totalCents);
  const opening = openingLines(rng, { mode, level, collection, creditor: invoice.company.name, numberPhrase, invoiceDate, amount, iban, reference: invoice.reference ?? '', customer: invoice.customerNumber ?? '' });
  if (level >= 2 && level <= 3 && !previous) opening.push(`Auch auf unser Schreiben vom ${day(addDays(date, -rng.int(14, 21)))} haben Sie nicht reagiert.`);

  const chargeRows: Row[] = [
    { cells: [mode === 'number' ? `Rechnung ${invoice.number}` : mode === 'date_amount' ? `Rechnung vom ${invoiceDate}` : rng.pick(['Rechnungsbetrag', 'offener Rechnungsbetrag', 'Hauptforderung']), amount] },
    ...(partial > 0 ? [{ cells: ['abzüglich Ihrer Teilzahlung', money(-partial)] }] : []),
    ...charges.map((charge) => ({ cells: [`${charge.label}${charge.from ? ` (Schreiben vom ${day(charge.from)})` : ''}`, money(charge.cents)] })),
    ...(interest > 0 ? [{ cells: ['Verzugszinsen (5 Prozentpunkte über dem Basiszinssatz)', money(interest)] }] : []),
    { cells: [rng.pick(['Gesamtbetrag', 'Offener Gesamtbetrag', 'Zu zahlender Betrag', collection ? 'Gesamtforderung' : 'Summe']), money(total)], bold: true, ruleAbove: true },
  ];
  const due = deadline(rng, date, level, dateStyle);
  const caseNumber = collection ? `${rng.int(20, 26)}-${rng.digits(6)}` : null;
  const creditor = invoice.company.name;
  const consequences =
    level === 3
      ? ['Dies ist unsere letzte Mahnung. Geht der Betrag nicht fristgerecht ein, übergeben wir die Forderung ohne weitere Ankündigung einem Inkassounternehmen bzw. beantragen einen gerichtlichen Mahnbescheid.']
      : collection
        ? ['Sollten Sie nicht fristgerecht zahlen, werden wir unserer Mandantin die Einleitung des gerichtlichen Mahnverfahrens empfehlen. Dadurch entstehen Ihnen weitere Kosten.']
        : level === 0
          ? ['Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.']
          : [];

  const bankText = collection
    ? `Bitte zahlen Sie ausschließlich auf unser Treuhandkonto: ${sender.bank.name}, IBAN ${paper.iban(sender.bank.iban)}, BIC ${sender.bank.bic}, Verwendungszweck: ${caseNumber}.`
    : mode === 'iban_amount'
      ? null
      : rng.chance(0.7) || sender.secondBank !== null
        ? `Unsere Bankverbindung: ${sender.bank.name}, IBAN ${paper.iban(sender.bank.iban)}${mode === 'reference' ? `, Verwendungszweck: ${invoice.reference}` : ''}.`
        : mode === 'reference'
          ? `Bitte geben Sie als Verwendungszweck unbedingt ${invoice.reference} an.`
          : null;
  const ibanPrinted = collection || mode === 'iban_amount' || (bankText !== null && bankText.includes('IBAN')) || footerPrints(paper, sender.bank.iban);

  const pairs: Pair[] = [
    ...(collection ? [['Unser Aktenzeichen', caseNumber!] as Pair, ['Gläubigerin', creditor] as Pair] : []),
    ...(mode === 'customer' ? [[invoice.customerLabel, invoice.customerNumber!] as Pair] : []),
    ...(mode === 'number' && rng.chance(0.4) ? [['Rechnungs-Nr.', invoice.number] as Pair] : []),
    ['Datum', formatDate(date, rng.pick<DateStyle>(['numeric', 'long']))],
  ];
  const blocks: Block[] = [
    { kind: 'lines', lines: [salutation(invoice.customer)] },
    ...opening.map((text): Block => ({ kind: 'para', text })),
    { kind: 'table', columns: [{ x: 71, width: 330 }, { x: RIGHT, align: 'right' }], rows: chargeRows, size: 9.5 },
    { kind: 'para', text: due.text },
    ...(bankText ? [{ kind: 'para', text: bankText } as Block] : []),
    ...consequences.map((text): Block => ({ kind: 'para', text })),
    { kind: 'lines', lines: ['Mit freundlichen Grüßen', '', collection ? sender.name : rng.pick([sender.name, `${sender.name} - Buchhaltung`])], after: 0 },
  ];
  const subject = [rng.pick(SUBJECTS[level]!), ...(collection ? [`${creditor} ./. ${invoice.customer.first} ${invoice.customer.last}`] : [])];
  const pages = letter(paper, { recipient: recipientLines(invoice.customer, rng), pairs, date: formatDate(date, 'long'), subject, blocks });

  return {
    date,
    charges,
    draft: {
      key: `reminder-${index}`,
      variant: `level${level}/${mode}/${paper.align}/${due.due === null ? 'none' : 'deadline'}`,
      pages,
      names: { mode, value: { number: invoice.number, reference: invoice.reference ?? '', customer: invoice.customerNumber ?? '', date_amount: invoiceDate, iban_amount: invoice.company.bank.iban }[mode] },
      truth: {
        ...EMPTY_TRUTH,
        type: 'reminder',
        as_of: date,
        sender: sender.name,
        issue_date: date,
        amount: decimal(total),
        currency: 'EUR',
        due_date: due.due,
        iban: ibanPrinted ? sender.bank.iban : null,
        reference: collection ? caseNumber : mode === 'reference' ? invoice.reference : null,
        dunning: {
          dunning_level: level,
          linked_invoice_number: mode === 'number' ? invoice.number : null,
          original_invoice_date: printsDate ? invoice.issueDate : null,
          fee: fee > 0 ? decimal(fee) : null,
        },
        links_to: invoice.key,
      },
    },
  };
}
