import { describe, expect, it } from 'vitest';
import { escalation, planFromDocument, type PlanInput } from './tasks.from-documents.models.ts';

const now = new Date('2026-11-25T10:00:00.000Z');
const plan = (type: string, fields: PlanInput['fields'], language: 'de' | 'en' = 'de') => planFromDocument({ type, fields, now, timeZone: 'Europe/Berlin', language });

describe('tasks from documents', () => {
  it('turns an invoice into a payment task with the payment data', () => {
    expect(plan('invoice', { sender_name: 'Telekom Deutschland GmbH', amount_due: '89.99', total: '89.99', currency: 'EUR', due_date: '2026-12-10', iban: 'DE89370400440532013000', reference: 'RG 123' })).toEqual({
      action: 'create',
      task: {
        title: 'Telekom Deutschland GmbH bezahlen: 89,99 €', due: new Date('2026-12-10T22:59:59.999Z'), dueIsDate: true, amountMinor: 8999, currency: 'EUR',
        details: { origin: 'document', payment: { iban: 'DE89370400440532013000', reference: 'RG 123' }, reminders: true },
      },
    });
  });

  it.each([
    ['a credit note', 'credit_note', { amount_due: '10.00' }, 'a credit note asks for no payment'],
    ['an invoice with nothing left to pay', 'invoice', { amount_due: '0.00', total: '59.00' }, 'nothing left to pay'],
    ['a contract without a cancellation date', 'contract', { sender_name: 'FitX' }, 'no cancellation date found'],
    ['a plain receipt', 'receipt', { sender_name: 'Bäckerei' }, 'a receipt without a return or warranty deadline asks for nothing'],
    ['a receipt whose return period is over', 'receipt', { sender_name: 'Elektromarkt', return_deadline: '2026-11-20' }, 'the return deadline has passed'],
  ])('asks nothing for %s', (_label, type, fields, why) => {
    expect(plan(type, fields)).toEqual({ action: 'none', why });
  });

  it('asks only to check a direct debit, at low priority', () => {
    const result = plan('invoice', { sender_name: 'Stadtwerke', amount_due: '120.00', due_date: '2026-12-01', direct_debit: true });
    expect(result).toMatchObject({ action: 'create', task: { title: 'Abbuchung prüfen: Stadtwerke 120,00 €', priority: 'low', amountMinor: 12000 } });
  });

  it.each([
    ['issue date + stated terms', { issue_date: '2026-11-20', payment_terms_days: 30 }, '2026-12-20T22:59:59.999Z', 'issue_date + payment terms (30 days)'],
    ['today + stated terms without an issue date', { payment_terms_days: 7 }, '2026-12-02T22:59:59.999Z', 'today + payment terms (7 days)'],
    ['issue date + 14 days', { issue_date: '2026-11-20' }, '2026-12-04T22:59:59.999Z', 'issue_date + 14 days'],
    ['today + 14 days without any date', {}, '2026-12-09T22:59:59.999Z', 'today + 14 days'],
  ])('assumes a missing due date from %s, and says so', (_label, fields, due, assumed) => {
    const result = plan('invoice', { sender_name: 'Handwerker', amount_due: '300.00', ...fields });
    expect(result).toMatchObject({ action: 'create', task: { due: new Date(due), details: { assumed_due_date: assumed, reminders: true } } });
  });

  it('files an old bill without reminders and asks whether it was paid', () => {
    const result = plan('invoice', { sender_name: 'Telekom', amount_due: '40.00', due_date: '2026-10-01' });
    expect(result).toMatchObject({ action: 'create', task: { details: { ask: 'already_paid', reminders: false } } });
    expect(plan('invoice', { sender_name: 'Telekom', amount_due: '40.00', due_date: '2026-11-15' })).toMatchObject({ task: { details: { reminders: true } } });
  });

  it('escalates the invoice a linked dunning letter is about, with its fee and new deadline', () => {
    const invoiceDocumentId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(plan('reminder', { sender_name: 'Stadtwerke', amount_due: '125.00', fee: '5.00', due_date: '2026-12-02', linked_invoice_number: 'R-2026-0815', dunning_level: 2, linked_document_id: invoiceDocumentId })).toMatchObject({
      action: 'escalate', invoiceDocumentId, dueDate: new Date('2026-12-02T22:59:59.999Z'), feeMinor: 500, claimedMinor: 12500, level: 2, sender: 'Stadtwerke', currency: 'EUR', fallback: { title: 'Stadtwerke bezahlen: 125,00 €' },
    });
    // Not linked (no invoice of the user fits): a task of its own.
    expect(plan('reminder', { sender_name: 'Stadtwerke', amount_due: '125.00', linked_invoice_number: 'R-2026-0815' })).toMatchObject({ action: 'create' });
  });

  describe('escalation', () => {
    const escalate = (plan: { claimedMinor: number | null; feeMinor: number; dueDate: Date | null }, task: { amount: number | null; details: Record<string, unknown> }) =>
      escalation({ task, plan: { action: 'escalate', invoiceDocumentId: 'x', level: 2, sender: 'Stadtwerke', currency: 'EUR', fallback: {} as never, ...plan }, dunningDocumentId: 'letter' });

    it.each([
      ['the amount the letter claims', { claimedMinor: 12_750, feeMinor: 500 }, 12_000, 12_750],
      ['the invoice amount plus the fee when the letter prints only the invoice amount', { claimedMinor: 12_000, feeMinor: 500 }, 12_000, 12_500],
      ['the invoice amount plus the fee when the letter prints no amount', { claimedMinor: null, feeMinor: 250 }, 12_000, 12_250],
      ['no amount when neither has one', { claimedMinor: null, feeMinor: 500 }, null, null],
    ])('sets %s', (_label, amounts, invoiceAmount, expected) => {
      expect(escalate({ ...amounts, dueDate: null }, { amount: invoiceAmount, details: {} }).amount).toBe(expected);
    });

    it('changes nothing more when the same letter is applied twice, counting from the original amount', () => {
      const once = escalate({ claimedMinor: null, feeMinor: 500, dueDate: null }, { amount: 12_000, details: { origin: 'document' } });
      const twice = escalate({ claimedMinor: null, feeMinor: 500, dueDate: null }, { amount: once.amount, details: once.details });
      expect(twice).toEqual(once);
      expect(once.details).toEqual({ origin: 'document', original_amount: 12_000, dunning_level: 2, dunning_document_id: 'letter' });
    });
  });

  it('asks to decide on a contract before its last cancellation date', () => {
    expect(plan('contract', { sender_name: 'FitX', last_cancellation_date: '2027-03-31' }, 'en')).toMatchObject({ action: 'create', task: { title: 'FitX: keep or cancel?', due: new Date('2027-03-31T21:59:59.999Z'), dueIsDate: true } });
  });

  it('puts an appointment at its local time in the user\'s zone', () => {
    expect(plan('appointment', { sender_name: 'Praxis Dr. Weber', appointment_local: '2026-12-08T09:00', appointment_place: 'Hauptstr. 5' })).toMatchObject({
      action: 'create', task: { title: 'Termin: Praxis Dr. Weber (Hauptstr. 5)', due: new Date('2026-12-08T08:00:00.000Z'), dueIsDate: false },
    });
    // Summer time: 09:00 in Berlin is 07:00 UTC; the person named wins over the sender.
    expect(plan('appointment', { sender_name: 'Bürgeramt', appointment_local: '2026-07-01T09:00', appointment_with: 'Frau Kaya' })).toMatchObject({
      task: { title: 'Termin: Frau Kaya', due: new Date('2026-07-01T07:00:00.000Z') },
    });
    expect(plan('appointment', { sender_name: 'Praxis' })).toEqual({ action: 'none', why: 'no appointment time found' });
  });

  it('pays a tax assessment or insurance letter that asks for money, and asks nothing of one that does not', () => {
    expect(plan('tax_document', { sender_name: 'Finanzamt Neustadt', amount_due: '312.00', due_date: '2026-12-14' })).toMatchObject({ action: 'create', task: { title: 'Finanzamt Neustadt bezahlen: 312,00 €', amountMinor: 31200 } });
    expect(plan('insurance', { sender_name: 'Hausrat AG', total: '84.10', due_date: '2026-12-01' })).toMatchObject({ action: 'create', task: { amountMinor: 8410 } });
    expect(plan('tax_document', { sender_name: 'Finanzamt Neustadt', amount_due: '0.00' })).toMatchObject({ action: 'none' });
    expect(plan('insurance', { sender_name: 'Hausrat AG' })).toMatchObject({ action: 'none' });
  });

  it('asks to fill a prescription within its 28 days', () => {
    expect(plan('prescription', { sender_name: 'Dr. Weber', issue_date: '2026-11-20' })).toMatchObject({
      action: 'create', task: { title: 'Rezept einlösen (Dr. Weber)', due: new Date('2026-12-17T22:59:59.999Z'), dueIsDate: true },
    });
  });

  it('keeps a return deadline from a receipt, at low priority', () => {
    expect(plan('receipt', { sender_name: 'Elektromarkt', return_deadline: '2026-12-09' })).toMatchObject({ action: 'create', task: { priority: 'low', dueIsDate: true } });
  });
});
