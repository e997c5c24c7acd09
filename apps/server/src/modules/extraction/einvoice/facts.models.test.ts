import { describe, expect, it } from 'vitest';
import type { EInvoiceReading } from './einvoice.types.ts';
import { CREDIT_NOTE_TYPE_CODES, paymentMeans, toExtraction } from './facts.models.ts';

const emptyReading = (overrides: Partial<EInvoiceReading> = {}): EInvoiceReading => ({
  seller: { addressLines: [] },
  buyer: { addressLines: [] },
  lines: [],
  ...overrides,
});

describe('paymentMeans', () => {
  it.each([
    ['58', 'transfer'],
    ['30', 'transfer'],
    ['31', 'transfer'],
    ['42', 'transfer'],
    ['59', 'direct_debit'],
    ['49', 'direct_debit'],
    ['48', 'paid'],
    ['54', 'paid'],
    ['55', 'paid'],
    ['10', 'unknown'],
    ['20', 'unknown'],
    ['1', 'unknown'],
    ['ZZZ', 'unknown'],
  ] as const)('code %s -> %s', (code, expected) => {
    expect(paymentMeans(code, '100.00', '0.00')).toBe(expected);
  });

  it('says paid when a prepayment left nothing due, whatever the code', () => {
    expect(paymentMeans('58', '0.00', '119.00')).toBe('paid');
    expect(paymentMeans(undefined, '0', '5')).toBe('paid');
  });

  it('does not call a zero invoice paid without a prepayment', () => {
    expect(paymentMeans('58', '0.00', '0.00')).toBe('transfer');
    expect(paymentMeans(undefined, '0.00', undefined)).toBeUndefined();
  });
});

describe('toExtraction', () => {
  it.each([...CREDIT_NOTE_TYPE_CODES])('type code %s is a credit note', (typeCode) => {
    expect(toExtraction(emptyReading({ typeCode }), 'CII', 'CrossIndustryInvoice').type).toBe('credit_note');
  });

  it.each(['380', '384', '389', '326', '875', '877', '751'])('type code %s is an invoice', (typeCode) => {
    const result = toExtraction(emptyReading({ typeCode }), 'CII', 'CrossIndustryInvoice');
    expect(result).toMatchObject({ type: 'invoice', typeConfidence: 1, typeReason: `e-invoice type code ${typeCode}` });
  });

  it('sets nothing it did not read', () => {
    const result = toExtraction(emptyReading(), 'UBL', 'Invoice');
    expect(result).toEqual({ type: 'invoice', typeConfidence: 1, typeReason: 'e-invoice without type code', facts: {}, fields: {}, syntax: 'UBL' });
  });

  it('drops amounts that are not numbers instead of passing them on', () => {
    const result = toExtraction(emptyReading({ grandTotal: '1.234,56', duePayable: '12.00' }), 'UBL', 'Invoice');
    expect(result.facts).toEqual({ amount_due: '12.00' });
    expect(Object.keys(result.fields)).toEqual(['amount_due']);
  });

  it('keeps lines without a name so the list lines up with the document', () => {
    const result = toExtraction(emptyReading({ lines: [{ quantity: '1' }, { name: 'Item', netAmount: '5' }] }), 'CII', 'CrossIndustryInvoice');
    expect(result.facts.line_items).toEqual([{ description: '', quantity: '1' }, { description: 'Item', amount: '5' }]);
  });

  it('builds an address from lines, postcode and city, and leaves out a party with nothing in it', () => {
    const result = toExtraction(
      emptyReading({ seller: { addressLines: ['Weg 1', 'Haus B'], postcode: '10115', city: 'Berlin' }, buyer: { addressLines: [] } }),
      'CII',
      'CrossIndustryInvoice',
    );
    expect(result.facts.sender).toEqual({ address: 'Weg 1\nHaus B\n10115 Berlin' });
    expect(result.facts.recipient).toBeUndefined();
    expect(Object.keys(result.fields)).toEqual(['sender.address']);
  });
});
