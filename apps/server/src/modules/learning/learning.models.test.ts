import { describe, expect, it } from 'vitest';
import type { DocumentFacts } from '../extraction/extraction.types.ts';
import { applyProfile, labelOf, learn, nameKey, senderKeys, valueAfter, type Reading, type SenderProfile } from './learning.models.ts';

const letter = (due: string, number: string) => [
  'Gärtnerei Blümel KG            Rosenweg 3, 12345 Neustadt',
  '',
  'Rechnung',
  `Beleg-Kennung: ${number}          Datum: 02.03.2026`,
  'Pflege der Hecke              240,00 EUR',
  `Bitte begleichen bis ${due}`,
].join('\n');

const reading = (facts: DocumentFacts, overrides: Partial<Reading> = {}): Reading => ({
  type: 'other', typeConfidence: 0.4, typeReason: 'words: Rechnung', facts, fields: {}, ...overrides,
});

describe('sender keys', () => {
  it('finds a sender by VAT id, IBAN and names, normalised', () => {
    expect(senderKeys({ sender: { name: 'Gärtnerei  Blümel KG', vat_id: 'de 123 456 789' }, payment_info: { iban: 'de89 3704 0044 0532 0130 00' } }, 'Gartnerei Blumel')).toEqual([
      'vat:DE123456789', 'iban:DE89370400440532013000', 'name:gartnerei blumel', 'name:gärtnerei blümel kg',
    ]);
    expect(nameKey('ＡＢＣ  Gmbh & Co.')).toBe('abc gmbh co');
    expect(senderKeys({ sender: { name: 'AB' } })).toEqual([]);
  });
});

describe('learning from a correction', () => {
  it('learns the label of a corrected due date and invoice number, and the class', () => {
    const text = letter('16.03.2026', 'GB-2026-114');
    const before = { type: 'other' as const, facts: { sender: { name: 'Gärtnerei Blümel KG' } } };
    const after = { type: 'invoice' as const, facts: { ...before.facts, due_date: '2026-03-16', invoice_number: 'GB-2026-114' } };
    const profile = learn(undefined, { before, after, changed: ['type', 'due_date', 'invoice_number'], text });
    expect(profile).toEqual({ type: 'invoice', labels: { due_date: 'Bitte begleichen bis', invoice_number: 'Beleg-Kennung' }, corrections: 1 });
  });

  it('learns nothing from a correction that says nothing about the sender', () => {
    const facts = { amount: '240.00' };
    expect(learn(undefined, { before: { type: 'invoice', facts }, after: { type: 'invoice', facts: { amount: '245.00' } }, changed: ['amount'], text: 'x' })).toBeUndefined();
  });

  it('does not guess a label when the value is printed under two different labels', () => {
    const text = 'Lieferdatum 16.03.2026\nZahlbar bis 16.03.2026';
    expect(labelOf(text, 'due_date', '2026-03-16')).toBeUndefined();
    expect(labelOf('Zahlbar bis 16.03.2026\nSumme 240,00 EUR    Zahlbar bis: 16.03.2026', 'due_date', '2026-03-16')).toBe('Zahlbar bis');
  });

  it('keeps counting corrections and keeps what earlier ones taught', () => {
    const first: SenderProfile = { type: 'invoice', corrections: 1 };
    const next = learn(first, { before: { type: 'invoice', facts: {} }, after: { type: 'invoice', facts: { sender: { name: 'Blümel' } } }, changed: ['sender.name'], text: null });
    expect(next).toEqual({ type: 'invoice', sender_name: 'Blümel', corrections: 2 });
  });
});

describe('applying a profile', () => {
  const profile: SenderProfile = { type: 'invoice', sender_name: 'Gärtnerei Blümel', iban: 'DE89370400440532013000', labels: { due_date: 'Bitte begleichen bis', invoice_number: 'Beleg-Kennung' }, corrections: 2 };

  it('reads the next letter from the sender with what was learned, visibly', () => {
    const next = applyProfile(reading({ sender: { name: 'Gärtnerei Blümel KG' } }), profile, letter('30.04.2026', 'GB-2026-207'));
    expect(next.type).toBe('invoice');
    expect(next.typeReason).toMatch(/^learned/);
    expect(next.facts).toMatchObject({ due_date: '2026-04-30', invoice_number: 'GB-2026-207', sender: { name: 'Gärtnerei Blümel' }, payment_info: { iban: 'DE89370400440532013000' } });
    expect(next.fields).toEqual({
      type: undefined, due_date: { source: 'learned', confidence: 0.9 }, invoice_number: { source: 'learned', confidence: 0.9 },
      'sender.name': { source: 'learned', confidence: 0.9 }, 'payment_info.iban': { source: 'learned', confidence: 0.85 },
    } as unknown as Reading['fields']);
  });

  it('never overrides an e-invoice, the user, or a sure classification', () => {
    const sure = reading({ due_date: '2026-05-01', sender: { name: 'X' } }, { type: 'reminder', typeConfidence: 0.95, fields: { due_date: { source: 'einvoice', confidence: 1 }, 'sender.name': { source: 'user', confidence: 1 } } });
    const next = applyProfile(sure, profile, letter('30.04.2026', 'GB-1'));
    expect(next.type).toBe('reminder');
    expect(next.facts.due_date).toBe('2026-05-01');
    expect(next.facts.sender?.name).toBe('X');
  });

  it('finds values after a label across spacing and a colon', () => {
    expect(valueAfter('Bitte   begleichen bis:  7. Mai 2026', 'Bitte begleichen bis', 'due_date')).toBe('2026-05-07');
    expect(valueAfter('Beleg-Kennung: GB/2026.3', 'Beleg-Kennung', 'invoice_number')).toBe('GB/2026.3');
    expect(valueAfter('Beleg-Kennung: folgt', 'Beleg-Kennung', 'invoice_number')).toBeUndefined();
  });
});
