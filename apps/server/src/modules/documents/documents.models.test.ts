import { describe, expect, it } from 'vitest';
import type { Understanding } from '../extraction/understand.models.ts';
import { applyCorrection, metadataAfterUnderstanding, typeAfterUnderstanding, understoodFields, type StoredMetadata } from './documents.models.ts';

function understanding(overrides: Partial<Understanding> = {}): Understanding {
  return {
    type: 'invoice', typeConfidence: 0.95, typeReason: 'words: "Rechnung"',
    facts: { amount: '119.00', amount_due: '119.00', due_date: '2026-12-02', sender: { name: 'Stadtwerke GmbH', vat_id: 'DE123456789' } },
    fields: { amount: { source: 'text', confidence: 0.95 }, amount_due: { source: 'text', confidence: 0.9 }, due_date: { source: 'text', confidence: 0.9 }, 'sender.name': { source: 'text', confidence: 0.85 }, 'sender.vat_id': { source: 'text', confidence: 0.9 } },
    checks: [], needsReview: false, confidence: 0.9, text: 'Rechnung', pageCount: 1, pagesNeedingOcr: [], ocrPages: [], warnings: [], sources: ['text'],
    ...overrides,
  };
}

describe('metadataAfterUnderstanding', () => {
  it('keeps what the user corrected or confirmed, and takes the rest from the new reading', () => {
    const previous: StoredMetadata = {
      amount_due: '99.00', sender: { name: 'Stadtwerke' }, due_date: '2026-12-01',
      fields: { amount_due: { source: 'user', confidence: 1 }, 'sender.name': { source: 'text', confidence: 1, confirmed: true }, due_date: { source: 'text', confidence: 0.5 } },
      title_confirmed: true,
    };
    const next = metadataAfterUnderstanding(understanding(), previous);
    expect(next).toMatchObject({ amount: '119.00', amount_due: '99.00', due_date: '2026-12-02', sender: { name: 'Stadtwerke', vat_id: 'DE123456789' }, title_confirmed: true });
    expect(next.fields.amount_due).toEqual({ source: 'user', confidence: 1 });
    expect(next.fields['sender.name']).toMatchObject({ confirmed: true });
    expect(next.fields.due_date).toEqual({ source: 'text', confidence: 0.9 });
  });

  it('keeps a field the user removed removed', () => {
    const previous: StoredMetadata = { fields: { due_date: { source: 'user', confidence: 1 } } };
    expect(metadataAfterUnderstanding(understanding(), previous).due_date).toBeUndefined();
  });

  it('marks an uncertain or failed reading for review', () => {
    expect(metadataAfterUnderstanding(understanding({ confidence: 0.5 }), null).needs_review).toBe(true);
    expect(metadataAfterUnderstanding(understanding({ needsReview: true }), null).needs_review).toBe(true);
    expect(metadataAfterUnderstanding(understanding(), null).needs_review).toBe(false);
  });
});

describe('applyCorrection', () => {
  const stored = (): StoredMetadata => ({ amount: '119.00', sender: { name: 'Stadtwerke GmbH', address: 'Hauptstr. 1' }, fields: { amount: { source: 'text', confidence: 0.6 }, 'sender.name': { source: 'text', confidence: 0.7 }, 'sender.address': { source: 'text', confidence: 0.7 } } });

  it('sets corrected values as the user\'s, part by part for nested facts', () => {
    const { metadata, changed } = applyCorrection(stored(), { amount: '120.00', sender: { name: 'SWM' } }, undefined);
    expect(metadata).toMatchObject({ amount: '120.00', sender: { name: 'SWM', address: 'Hauptstr. 1' } });
    expect(changed).toEqual(['amount', 'sender.name']);
    expect(metadata.fields['sender.name']).toEqual({ source: 'user', confidence: 1 });
    expect(metadata.fields['sender.address']).toMatchObject({ source: 'text' });
  });

  it('removes a value sent as null, and a whole party', () => {
    const { metadata, changed } = applyCorrection(stored(), { amount: null, sender: null }, undefined);
    expect(metadata.amount).toBeUndefined();
    expect(metadata.sender).toBeUndefined();
    expect(changed).toEqual(expect.arrayContaining(['amount', 'sender.name', 'sender.address', 'sender.vat_id']));
  });

  it('confirms fields, all at once or by name, and reports names it cannot confirm', () => {
    const all = applyCorrection(stored(), {}, 'all').metadata;
    expect(Object.values(all.fields).every((field) => field.confirmed && field.confidence === 1)).toBe(true);
    expect(all.needs_review).toBe(false);
    const some = applyCorrection(stored(), {}, ['amount', 'payment_info.iban', 'bogus']);
    expect(some.metadata.fields.amount).toMatchObject({ confirmed: true, confidence: 1 });
    expect(some.unknownConfirm).toEqual(['payment_info.iban', 'bogus']);
    expect(some.metadata.needs_review).toBe(true); // sender fields are still uncertain
  });
});

describe('typeAfterUnderstanding', () => {
  it.each([
    [{ fields: {}, type_confirmed: true }, 'credit_note', 1, 'reminder'],
    [{ fields: {}, type_hint: 'contract' }, 'invoice', 0.6, 'contract'],
    [{ fields: {}, type_hint: 'contract' }, 'invoice', 1, 'invoice'],
    [{ fields: {} }, 'receipt', 0.3, 'receipt'],
  ] as const)('%j, read as %s (%d) -> %s', (metadata, type, confidence, expected) => {
    expect(typeAfterUnderstanding('reminder', metadata as StoredMetadata, { type, typeConfidence: confidence })).toBe(expected);
  });
});

describe('understoodFields', () => {
  it('says what the tasks module needs', () => {
    expect(understoodFields({ amount: '119.00', amount_due: '19.00', currency: 'EUR', due_date: '2026-12-02', issue_date: '2026-11-02', sender: { name: 'SWM' }, payment_info: { iban: 'DE89370400440532013000', reference: 'R-1' }, invoice_number: 'R-1', payment_means: 'transfer' })).toEqual({
      total: '119.00', amount_due: '19.00', currency: 'EUR', due_date: '2026-12-02', issue_date: '2026-11-02', sender_name: 'SWM', iban: 'DE89370400440532013000', reference: 'R-1', invoice_number: 'R-1',
    });
  });

  it('passes on payment terms that had no issue date to count from, and only then', () => {
    expect(understoodFields({ amount: '10.00', due_rule: 'zahlbar innerhalb von 10 Tagen' })).toMatchObject({ payment_terms_days: 10 });
    expect(understoodFields({ amount: '10.00', due_rule: 'sofort fällig' })).toMatchObject({ payment_terms_days: 0 });
    expect(understoodFields({ amount: '10.00', due_rule: 'zahlbar innerhalb von 10 Tagen', due_date: '2026-12-02' })).not.toHaveProperty('payment_terms_days');
    expect(understoodFields({ amount: '10.00', due_rule: 'nach Vereinbarung' })).not.toHaveProperty('payment_terms_days');
  });

  it("passes on a receipt's return deadline", () => {
    expect(understoodFields({ amount: '49.99', payment_means: 'paid', return_deadline: '2026-02-01' })).toMatchObject({ return_deadline: '2026-02-01' });
  });

  it('tells a paid bill and a direct debit apart from one to pay', () => {
    expect(understoodFields({ amount: '10.00', payment_means: 'paid' })).toMatchObject({ amount_due: '0' });
    expect(understoodFields({ amount: '10.00', payment_means: 'direct_debit' })).toMatchObject({ direct_debit: true });
  });

  it("takes the user's word that a bill was paid over an amount due read from the page, but not over one they typed", () => {
    const facts = { amount: '50.00', amount_due: '50.00', payment_means: 'paid' as const };
    const read = { source: 'text' as const, confidence: 0.9 };
    const user = { source: 'user' as const, confidence: 1 };
    // Read from the page alone, "paid" beside a printed amount due leaves that amount to pay.
    expect(understoodFields(facts, { amount_due: read, payment_means: read })).toMatchObject({ amount_due: '50.00' });
    expect(understoodFields(facts, { amount_due: read, payment_means: user })).toMatchObject({ amount_due: '0' });
    expect(understoodFields({ ...facts, amount_due: '20.00' }, { amount_due: user, payment_means: user })).toMatchObject({ amount_due: '20.00' });
  });
});
