/**
 * What a document asks of its reader, as a task to create (or an existing one to escalate), from
 * the fields document understanding found. Pure: the subscriber in tasks.subscribers.ts applies it.
 */
import type { Static } from 'typebox';
import { DateTime } from 'luxon';
import { endOfLocalDate } from '../../shared/dates/deadlines.ts';
import { formatAmount, parseAmount } from '../../shared/money/money.ts';
import type { UnderstoodFields } from '../documents/documents.schemas.ts';
import type { Priority } from './tasks.priority.models.ts';

type Fields = Static<typeof UnderstoodFields>;

/** Why a bill asks for no payment task: paid, or settled by prepayments and credits. */
export const NOTHING_LEFT_TO_PAY = 'nothing left to pay';

export interface PlannedTask {
  title: string;
  due: Date | null;
  dueIsDate: boolean;
  amountMinor: number | null;
  currency: string;
  /** Only set where the document itself decides (e.g. a direct debit to check is low); the subscriber marks it `details.priority_from_document`. */
  priority?: Priority;
  details: {
    origin: 'document';
    payment?: { iban?: string; bic?: string; reference?: string };
    assumed_due_date?: string;
    /** An old bill being filed: no reminders, just the question whether it was paid. */
    ask?: 'already_paid';
    reminders: boolean;
  };
}

/** "Stadtwerke bezahlen: 120,00 €" / "Pay Stadtwerke: €120.00". */
export function payTitle(sender: string, amountMinor: number | null, currency: string, language: 'de' | 'en'): string {
  return `${language === 'de' ? `${sender} bezahlen` : `Pay ${sender}`}${amountMinor !== null ? `: ${show(amountMinor, currency, language)}` : ''}`;
}

export type DocumentPlan =
  | { action: 'none'; why: string }
  | { action: 'create'; task: PlannedTask }
  /** A dunning letter about an invoice the user has: that invoice's task is escalated (see `escalation`). */
  | { action: 'escalate'; invoiceDocumentId: string; dueDate: Date | null; feeMinor: number; claimedMinor: number | null; level: number; sender: string; currency: string; fallback: PlannedTask };

export interface PlanInput {
  type: string;
  fields: Fields;
  now: Date;
  timeZone: string;
  language: 'de' | 'en';
}

const OLD_BILL_DAYS = 14;
const DEFAULT_TERMS_DAYS = 14;
const PRESCRIPTION_DAYS = 28;

function money(value: string | undefined, currency: string): number | null {
  if (value === undefined) return null;
  try {
    return parseAmount(value, currency);
  } catch {
    return null;
  }
}

function show(amountMinor: number | null, currency: string, language: 'de' | 'en'): string {
  if (amountMinor === null) return '';
  return new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency }).format(Number(formatAmount(amountMinor, currency))).replace(/\u00a0/g, ' ');
}

function localDay(day: string, plusDays: number, zone: string): string {
  return DateTime.fromISO(day, { zone }).plus({ days: plusDays }).toISODate() ?? day;
}

export interface EscalationInput {
  task: { amount: number | null; details: Record<string, unknown> };
  plan: Extract<DocumentPlan, { action: 'escalate' }>;
  dunningDocumentId: string;
}

/**
 * How a dunning letter changes its invoice's task: the letter becomes what the task is about, the
 * amount becomes what the letter claims (else the invoice's amount plus the fee), and the new
 * deadline replaces the old one. The same letter applied twice changes nothing more.
 */
export function escalation(input: EscalationInput): { amount: number | null; details: Record<string, unknown>; due: Date | null } {
  const { task, plan } = input;
  const original = typeof task.details.original_amount === 'number' ? task.details.original_amount : task.amount;
  // A letter whose only amount is the invoice's own has not added its fee to it.
  const withFee = original === null ? null : original + plan.feeMinor;
  const amount = plan.claimedMinor === null || plan.claimedMinor === original ? withFee : plan.claimedMinor;
  return {
    amount,
    due: plan.dueDate,
    details: { ...task.details, original_amount: original, dunning_level: plan.level, dunning_document_id: input.dunningDocumentId },
  };
}

export function planFromDocument(input: PlanInput): DocumentPlan {
  const { fields, language, timeZone: zone } = input;
  const currency = fields.currency ?? 'EUR';
  const sender = fields.sender_name?.trim() || (language === 'de' ? 'Absender' : 'sender');
  const today = DateTime.fromJSDate(input.now, { zone }).toISODate() ?? '';

  // A tax assessment or an insurance letter that asks for money is paid like a bill.
  const asksForMoney = (input.type === 'tax_document' || input.type === 'insurance') && (money(fields.amount_due ?? fields.total, currency) ?? 0) > 0;
  if (input.type === 'invoice' || input.type === 'reminder' || asksForMoney) {
    const amount = money(fields.amount_due ?? fields.total, currency);
    let dueDay = fields.due_date;
    let assumed: string | undefined;
    if (!dueDay) {
      const base = fields.issue_date ?? today;
      dueDay = localDay(base, fields.payment_terms_days ?? DEFAULT_TERMS_DAYS, zone);
      const from = fields.issue_date ? 'issue_date' : 'today';
      assumed = fields.payment_terms_days !== undefined ? `${from} + payment terms (${fields.payment_terms_days} days)` : `${from} + ${DEFAULT_TERMS_DAYS} days`;
    }
    const dueAt = endOfLocalDate(dueDay, zone);
    const old = dueAt.getTime() < input.now.getTime() - OLD_BILL_DAYS * 86_400_000;
    const payment = { ...(fields.iban ? { iban: fields.iban } : {}), ...(fields.bic ? { bic: fields.bic } : {}), ...(fields.reference ? { reference: fields.reference } : {}) };
    const payTask = (title: string, amountMinor: number | null, priority?: Priority): PlannedTask => ({
      title, due: dueAt, dueIsDate: true, amountMinor, currency, ...(priority ? { priority } : {}),
      details: { origin: 'document', ...(Object.keys(payment).length ? { payment } : {}), ...(assumed ? { assumed_due_date: assumed } : {}), ...(old ? { ask: 'already_paid' as const } : {}), reminders: !old },
    });
    const title = payTitle(sender, amount, currency, language);

    if (input.type === 'reminder') {
      const fallback = payTask(title, amount);
      if (fields.linked_document_id) {
        return { action: 'escalate', invoiceDocumentId: fields.linked_document_id, dueDate: fields.due_date ? dueAt : null, feeMinor: money(fields.fee, currency) ?? 0, claimedMinor: amount, level: fields.dunning_level ?? 1, sender, currency, fallback };
      }
      return { action: 'create', task: fallback };
    }
    if (amount !== null && amount <= 0) return { action: 'none', why: NOTHING_LEFT_TO_PAY };
    if (fields.direct_debit) {
      const check = language === 'de' ? `Abbuchung prüfen: ${sender}` : `Check the debit: ${sender}`;
      return { action: 'create', task: payTask(`${check}${amount !== null ? ` ${show(amount, currency, language)}` : ''}`, amount, 'low') };
    }
    return { action: 'create', task: payTask(title, amount) };
  }

  if (input.type === 'credit_note') return { action: 'none', why: 'a credit note asks for no payment' };

  if (input.type === 'contract') {
    if (!fields.last_cancellation_date) return { action: 'none', why: 'no cancellation date found' };
    return {
      action: 'create',
      task: {
        title: language === 'de' ? `${sender}: behalten oder kündigen?` : `${sender}: keep or cancel?`,
        due: endOfLocalDate(fields.last_cancellation_date, zone), dueIsDate: true, amountMinor: null, currency, details: { origin: 'document', reminders: true },
      },
    };
  }

  if (input.type === 'appointment') {
    const at = fields.appointment_local ? DateTime.fromISO(fields.appointment_local, { zone }) : undefined;
    if (!at?.isValid) return { action: 'none', why: 'no appointment time found' };
    const whom = fields.appointment_with?.trim() || sender;
    const place = fields.appointment_place ? ` (${fields.appointment_place})` : '';
    return {
      action: 'create',
      task: { title: `${language === 'de' ? 'Termin' : 'Appointment'}: ${whom}${place}`, due: at.toJSDate(), dueIsDate: false, amountMinor: null, currency, details: { origin: 'document', reminders: true } },
    };
  }

  if (input.type === 'prescription') {
    // A statutory health insurance prescription is valid for 28 days from its date (AM-RL § 11).
    const base = fields.issue_date ?? today;
    return {
      action: 'create',
      task: { title: language === 'de' ? `Rezept einlösen${fields.sender_name ? ` (${sender})` : ''}` : `Fill the prescription${fields.sender_name ? ` (${sender})` : ''}`, due: endOfLocalDate(localDay(base, PRESCRIPTION_DAYS - 1, zone), zone), dueIsDate: true, amountMinor: null, currency, details: { origin: 'document', reminders: true } },
    };
  }

  if (input.type === 'receipt') {
    if (!fields.return_deadline) return { action: 'none', why: 'a receipt without a return or warranty deadline asks for nothing' };
    // A receipt filed after its return period asks for nothing any more.
    if (endOfLocalDate(fields.return_deadline, zone).getTime() < input.now.getTime()) return { action: 'none', why: 'the return deadline has passed' };
    return {
      action: 'create',
      task: { title: language === 'de' ? `Rückgabe bei ${sender} möglich bis` : `Return to ${sender} possible until`, due: endOfLocalDate(fields.return_deadline, zone), dueIsDate: true, amountMinor: null, currency, priority: 'low', details: { origin: 'document', reminders: true } },
    };
  }

  return { action: 'none', why: `a document of type ${input.type} asks for nothing yet` };
}
