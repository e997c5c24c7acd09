/**
 * Payment reminders and dunning letters about this family's own invoices: level 0
 * Zahlungserinnerung, 1..3 Mahnung (3 = letzte), 4 Inkasso. Each prints one kind of link to its
 * invoice (number, customer reference, or IBAN + amount). New deadlines are absolute or relative
 * to the letter date; the letter date is chosen so the deadline is a working day.
 */
import type { CorpusTruth } from '../../corpus.types.ts';
import { baseTruth, type Draft, habits, letterDay, letterShell } from '../holdout.common.ts';
import { addDays, type IsoDate } from '../holdout.dates.ts';
import { decimal, formatAmount, formatDate, groupIban, numberWord } from '../holdout.format.ts';
import { isWorkingDay } from '../holdout.holidays.ts';
import type { Block, SenderProfile } from '../holdout.layout.ts';
import type { Rng } from '../holdout.random.ts';
import { makeSender } from '../holdout.senders.ts';
import type { InvoiceRecord } from './invoice.template.ts';
import { dunningText, inkassoText, LEVEL_TITLES } from './reminder.wording.ts';

export type LinkKey = 'number' | 'reference' | 'iban_amount';

interface Deadline {
  letterDate: IsoDate;
  due: IsoDate;
  sentence: string;
  relativeDays: number | null;
}

const RELATIVE: Array<(d: number) => string> = [
  (d) => `Bitte überweisen Sie den offenen Betrag innerhalb von ${d} Tagen.`,
  (d) => `Wir erwarten Ihre Zahlung binnen ${numberWord(d)} Tagen ab dem Datum dieses Schreibens.`,
  (d) => `Bitte sorgen Sie dafür, dass der Betrag innerhalb von ${d} Tagen nach Datum dieses Schreibens auf unserem Konto eingeht.`,
  (d) => (d === 7 ? 'Bitte gleichen Sie den Betrag innerhalb einer Woche aus.' : `Bitte gleichen Sie den Betrag innerhalb von ${numberWord(d === 14 ? 2 : 3)} Wochen aus.`),
];
const ABSOLUTE: Array<(date: string) => string> = [
  (date) => `Bitte überweisen Sie den Gesamtbetrag bis spätestens ${date}.`,
  (date) => `Wir haben uns als Zahlungsfrist den ${date} notiert.`,
  (date) => `Letzter Zahlungstermin: ${date}.`,
  (date) => `Den Zahlungseingang erwarten wir bis zum ${date}.`,
];

function deadline(rng: Rng, from: IsoDate, dateStyle: Parameters<typeof formatDate>[1]): Deadline {
  const relative = rng.chance(0.5);
  for (let letterDate = letterDay(rng, from, 6); ; letterDate = letterDay(rng, addDays(letterDate, 1), 0)) {
    if (relative) {
      const template = rng.pick(RELATIVE);
      const days = template === RELATIVE[3] ? rng.pick([7, 14, 21]) : rng.pick([5, 7, 10, 14]);
      const due = addDays(letterDate, days);
      if (isWorkingDay(due)) return { letterDate, due, sentence: template(days), relativeDays: days };
      continue;
    }
    const due = addDays(letterDate, rng.pick([7, 10, 14]));
    if (isWorkingDay(due)) return { letterDate, due, sentence: rng.pick(ABSOLUTE)(formatDate(due, dateStyle)), relativeDays: null };
  }
}

/** The creditor's letterhead, without bank details when the letter must not show its IBAN. */
function creditorProfile(invoice: InvoiceRecord, withBank: boolean): SenderProfile {
  if (withBank) return invoice.sender.profile;
  const { bank: _bank, ...rest } = invoice.sender.profile;
  return rest;
}

export interface ReminderRequest {
  invoice: InvoiceRecord;
  level: number;
  /** The letter is dated from this day (plus up to a week). */
  from: IsoDate;
  linkKey: LinkKey;
  /** The date of this family's previous reminder about the same invoice, if any. */
  previous: IsoDate | null;
  collectorSeq: number;
}

export function makeReminder(rng: Rng, id: string, request: ReminderRequest): Draft {
  const { invoice, level, from, linkKey, previous, collectorSeq } = request;
  const inkasso = level === 4;
  const h = rng.chance(0.75) ? invoice.h : habits(rng);
  const dl = deadline(rng, from, h.date);
  const sender = inkasso ? makeSender(rng, 'collector') : invoice.sender;
  const key: LinkKey = inkasso ? 'number' : linkKey;
  const fee = inkasso ? rng.int(39, 96) * 100 + rng.pick([0, 50, 90]) : level > 0 && key !== 'iban_amount' && rng.chance(0.55) ? rng.pick([250, 300, 500, 750, 1000]) : null;
  const total = invoice.cents + (fee ?? 0);
  const printDate = key === 'number' ? rng.chance(0.7) : rng.chance(0.5);
  const invoiceDate = formatDate(invoice.issue, h.date);
  const amount = (cents: number): string => formatAmount(cents, h.amount);

  const refs: Array<[string, string]> = [];
  let reference: string | null = null;
  let iban: string | null;
  let profile: SenderProfile;
  if (inkasso) {
    reference = `${rng.pick(['AZ', 'IK', ''])}${rng.digits(2)}-${String(collectorSeq).padStart(5, '0')}`;
    refs.push([rng.pick(['Aktenzeichen', 'Unser Zeichen', 'Az.']), reference]);
    profile = sender.profile;
    iban = profile.bank?.iban ?? null;
  } else {
    const showReference = key === 'reference' || (key === 'number' && invoice.reference !== null && rng.chance(0.5));
    if (showReference && invoice.reference && invoice.referenceLabel) {
      reference = invoice.reference;
      refs.push([rng.chance(0.7) ? invoice.referenceLabel : 'Ihre Kundennummer', invoice.reference]);
    }
    const withBank = key !== 'reference' && (key === 'iban_amount' || rng.chance(0.8));
    profile = creditorProfile(invoice, withBank);
    iban = withBank ? invoice.iban : null;
  }
  if (key === 'number' && rng.chance(0.5)) refs.push([rng.pick(['Rechnungsnummer', 'Rechnungs-Nr.', 'Betrifft Rechnung']), invoice.number]);
  const numberInRefs = refs.some(([, v]) => v === invoice.number);

  const what = key === 'number' ? `${numberInRefs && rng.chance(0.5) ? 'unsere Rechnung' : `unsere Rechnung Nr. ${invoice.number}`}${printDate ? ` vom ${invoiceDate}` : ''}` : `unsere Rechnung${printDate ? ` vom ${invoiceDate}` : ''}`;
  const blocks: Block[] = [];
  if (inkasso) {
    blocks.push(...inkassoText(rng, { creditor: invoice.sender.profile.name, number: invoice.number, invoiceDate: printDate ? invoiceDate : null, principal: amount(invoice.cents), fee: amount(fee ?? 0), total: amount(total) }));
  } else {
    blocks.push(...dunningText(rng, level, { what, principal: amount(invoice.cents), fee: fee === null ? null : amount(fee), total: amount(total), earlier: level > 0 ? formatDate(previous ?? addDays(invoice.due, rng.int(8, 14)), h.date) : null }));
  }
  blocks.push({ kind: 'p', text: dl.sentence });
  if (iban && (key === 'iban_amount' || inkasso || rng.chance(0.5) || h.style.footer === 'none')) {
    const printed = rng.chance(0.6) ? groupIban(iban) : iban;
    blocks.push({ kind: 'p', text: rng.pick([`Unsere Bankverbindung: IBAN ${printed}.`, `Überweisen Sie bitte auf das Konto mit der IBAN ${printed}.`, `IBAN für Ihre Zahlung: ${printed}`]) });
  }
  if (key === 'reference' && reference) blocks.push({ kind: 'p', text: 'Bitte geben Sie bei Ihrer Zahlung unbedingt Ihre Kundennummer an.' });
  if (level === 0) blocks.push({ kind: 'p', text: rng.pick(['Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.', 'Falls sich Ihre Zahlung mit diesem Schreiben überschnitten hat, danken wir Ihnen und bitten Sie, diese Erinnerung zu ignorieren.']) });

  const titles = LEVEL_TITLES[level] ?? [];
  const title = rng.pick(titles);
  const subject = inkasso ? [title, `Forderung ${invoice.sender.profile.name} ./. ${invoice.to.person.first} ${invoice.to.person.last}`] : [title];
  const letter = letterShell(rng, h, { ...sender, profile }, invoice.to, dl.letterDate, { refs, subject, blocks });

  const truth: CorpusTruth = {
    ...baseTruth('reminder', dl.letterDate, { ...sender, profile }),
    amount: decimal(total),
    currency: 'EUR',
    due_date: dl.due,
    iban,
    reference,
    dunning: {
      dunning_level: level,
      linked_invoice_number: key === 'number' ? invoice.number : null,
      original_invoice_date: printDate ? invoice.issue : null,
      fee: fee === null ? null : decimal(fee),
    },
    links_to: invoice.id,
  };
  return {
    letter,
    style: h.style,
    truth,
    meta: {
      template: `reminder/${level}/${key}`,
      due: dl.relativeDays === null ? { kind: 'absolute' } : { kind: 'relative', days: dl.relativeDays, from: dl.letterDate },
      linkKey: key,
      originalCents: invoice.cents,
    },
  };
}
