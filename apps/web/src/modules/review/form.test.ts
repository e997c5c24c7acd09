import { describe, expect, it } from 'vitest';
import type { Metadata } from './facts.ts';
import { buildCorrection, initialValues, normalizeAmount, validIban } from './form.ts';

describe('reading typed amounts', () => {
  it.each([
    ['119,00', 'de', '119.00'],
    ['1.234,56 €', 'de', '1234.56'],
    ['1.000', 'de', '1000'],
    ['119.00', 'de', '119.00'],
    ['1,234.56', 'en', '1234.56'],
    ['1,000', 'en', '1000'],
    ['59,9', 'en', '59.9'],
    ['-5,00', 'de', '-5.00'],
  ] as const)('%s (%s) is %s', (typed, language, amount) => {
    expect(normalizeAmount(typed, language)).toBe(amount);
  });

  it.each(['zwölf', '1,2,3', '', '12..5'])('%s is no amount', (typed) => {
    expect(normalizeAmount(typed, 'de')).toBeUndefined();
  });
});

describe('IBAN check digits', () => {
  it('accepts a right IBAN and refuses one with a wrong digit', () => {
    expect(validIban('DE89370400440532013000')).toBe(true);
    expect(validIban('DE89370400440532013001')).toBe(false);
    expect(validIban('DE89')).toBe(false);
  });
});

describe('the correction sent for the changes', () => {
  const metadata: Metadata = {
    amount: '59.90',
    invoice_number: '4711',
    payment_info: { iban: 'DE89370400440532013000', reference: '4711' },
    fields: {},
  };
  const document = { type: 'invoice' as const, title: 'Stadtwerke — Rechnung' };
  const initial = initialValues(document, metadata, 'de');

  it('holds only what changed, with nested parts in their group', () => {
    const built = buildCorrection(initial, { ...initial, amount: '60,00', 'payment_info.bic': 'cobadeffxxx' }, metadata, 'de');
    expect(built).toEqual({ problems: {}, body: { metadata: { amount: '60.00', payment_info: { bic: 'COBADEFFXXX' } } }, clearFirst: [] });
  });

  it('removes a cleared top-level fact with null, and a whole group once nothing of it is left', () => {
    const built = buildCorrection(initial, { ...initial, invoice_number: '', 'payment_info.iban': '', 'payment_info.reference': '' }, metadata, 'de');
    expect(built.body.metadata).toEqual({ invoice_number: null, payment_info: null });
    expect(built.clearFirst).toEqual([]);
  });

  it('clears a group first when one part goes and others stay', () => {
    const built = buildCorrection(initial, { ...initial, 'payment_info.reference': '' }, metadata, 'de');
    expect(built.clearFirst).toEqual(['payment_info']);
    expect(built.body.metadata).toEqual({ payment_info: { iban: 'DE89370400440532013000' } });
  });

  it('names the problems and sends nothing for them', () => {
    const built = buildCorrection(initial, { ...initial, amount: 'zwölf', 'payment_info.iban': 'DE00 1234', title: ' ' }, metadata, 'de');
    expect(built.problems).toEqual({ amount: 'amount', 'payment_info.iban': 'iban', title: 'title' });
    expect(built.body).toEqual({});
  });

  it('sends a new type and title', () => {
    const built = buildCorrection(initial, { ...initial, type: 'reminder', title: 'Mahnung Stadtwerke' }, metadata, 'de');
    expect(built.body).toEqual({ type: 'reminder', title: 'Mahnung Stadtwerke' });
  });
});
