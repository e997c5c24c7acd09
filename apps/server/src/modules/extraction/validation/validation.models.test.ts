import { describe, expect, it } from 'vitest';
import type { DocumentFacts, FieldMap } from '../extraction.types.ts';
import { DOUBTFUL_PAGE_CEILING, FAILED_CHECK_CEILING, overallConfidence, runChecks, validateFacts } from './validation.models.ts';

const text = (confidence: number) => ({ source: 'text' as const, confidence });

const checkOf = (facts: DocumentFacts, name: string) => runChecks(facts).find((check) => check.name === name);

describe('checks', () => {
  it.each([
    ['DE89370400440532013000', true],
    ['DE89 3704 0044 0532 0130 00', true],
    ['DE12123456789012345678', false],
    ['DE5467894567876500', false],
  ])('IBAN %s passes the checksum: %s', (iban, ok) => {
    expect(checkOf({ payment_info: { iban } }, 'iban_checksum')?.ok).toBe(ok);
  });

  it.each([
    ['COBADEFFXXX', true],
    ['GENODEF1M04', true],
    ['FFVBDEFF', true],
    ['COBADEFXXX', false],
    ['COMMERZ', false],
  ])('BIC %s is well-formed: %s', (bic, ok) => {
    expect(checkOf({ payment_info: { bic } }, 'bic_format')?.ok).toBe(ok);
  });

  it.each([
    ['100.00', '19.00', '119.00', true],
    ['-7.67', '-1.12', '-8.79', true],
    // per-rate rounding may leave a cent
    ['160.00', '11.21', '171.20', true],
    ['1420.00', '269.80', '1589.80', false],
  ])('%s + %s = %s: %s', (net, tax, gross, ok) => {
    expect(checkOf({ net_amount: net, tax_amount: tax, amount: gross }, 'net_plus_tax')?.ok).toBe(ok);
  });

  it('adds line amounts in minor units and compares them with the net amount', () => {
    const items = [{ description: 'a', amount: '0.10' }, { description: 'b', amount: '0.20' }];
    expect(checkOf({ net_amount: '0.30', line_items: items }, 'line_sum')?.ok).toBe(true);
    expect(checkOf({ net_amount: '0.40', line_items: items }, 'line_sum')?.ok).toBe(false);
    expect(checkOf({ net_amount: '0.40', line_items: [{ description: 'no amount' }] }, 'line_sum')).toBeUndefined();
  });

  it.each([
    ['2026-01-14', '2026-01-28', true],
    ['2026-01-14', '2026-01-14', true],
    ['2026-01-14', '2025-12-31', false],
  ])('issued %s, due %s: %s', (issue, due, ok) => {
    expect(checkOf({ issue_date: issue, due_date: due }, 'due_after_issue')?.ok).toBe(ok);
  });

  it.each([
    ['119.00', '119.00', true],
    ['18310.63', '502.63', true],
    ['-8.79', '-8.79', true],
    ['220.00', '440.00', false],
    ['100.00', '-10.00', false],
  ])('total %s, due %s: %s', (amount, due, ok) => {
    expect(checkOf({ amount, amount_due: due }, 'amount_due_le_amount')?.ok).toBe(ok);
  });

  it('reports an amount that is no decimal in the currency', () => {
    expect(checkOf({ amount: '12.345', currency: 'EUR' }, 'amount_format')).toMatchObject({ ok: false, fields: ['amount'] });
    expect(checkOf({ amount: '1234', currency: 'JPY' }, 'amount_format')).toBeUndefined();
  });

  it('runs no check without the facts it needs', () => {
    expect(runChecks({ amount: '10.00' })).toEqual([]);
  });
});

describe('validateFacts', () => {
  const facts: DocumentFacts = { amount: '119.00', net_amount: '100.00', tax_amount: '19.00', issue_date: '2026-01-14', invoice_number: 'R1', sender: { name: 'A GmbH' }, payment_info: { iban: 'DE89370400440532013000' } };
  const fields: FieldMap = { amount: text(0.85), net_amount: text(0.85), tax_amount: text(0.85), issue_date: text(0.9), invoice_number: text(0.9), 'sender.name': text(0.85), 'payment_info.iban': text(0.85) };

  it('raises the fields a passed check names, a little and never above 0.95 for text', () => {
    const result = validateFacts(facts, fields);
    expect(result.fields.amount?.confidence).toBe(0.92);
    expect(result.fields['payment_info.iban']?.confidence).toBe(0.92);
    expect(result.fields.invoice_number?.confidence).toBe(0.9);
    const high = validateFacts(facts, { ...fields, amount: text(0.94) });
    expect(high.fields.amount?.confidence).toBe(0.95);
    expect(result.needsReview).toBe(false);
  });

  it('does not raise e-invoice values, which are already authoritative', () => {
    const result = validateFacts(facts, { ...fields, amount: { source: 'einvoice', confidence: 0.99 } });
    expect(result.fields.amount).toEqual({ source: 'einvoice', confidence: 0.99 });
  });

  it('lowers the fields a failed check names and asks for review', () => {
    const result = validateFacts({ ...facts, amount: '120.00' }, fields);
    expect(result.fields.amount?.confidence).toBe(FAILED_CHECK_CEILING);
    expect(result.fields.net_amount?.confidence).toBe(FAILED_CHECK_CEILING);
    expect(result.needsReview).toBe(true);
    expect(result.checks.find((check) => !check.ok)?.detail).toContain('100.00 + 19.00 != 120.00');
  });

  it('promises nothing read from a page whose sums do not add up', () => {
    const einvoice = { source: 'einvoice' as const, confidence: 1 };
    const result = validateFacts({ ...facts, amount: '120.00' }, { ...fields, 'sender.name': einvoice });
    expect(result.fields.invoice_number?.confidence).toBe(DOUBTFUL_PAGE_CEILING);
    expect(result.fields.issue_date?.confidence).toBe(DOUBTFUL_PAGE_CEILING);
    // The IBAN passed its own check, but it was read from the same page.
    expect(result.fields['payment_info.iban']?.confidence).toBe(DOUBTFUL_PAGE_CEILING);
    // An e-invoice's value is not a reading of the page.
    expect(result.fields['sender.name']).toEqual(einvoice);
    // Sums that add up leave the other fields alone.
    expect(validateFacts(facts, fields).fields.invoice_number?.confidence).toBe(0.9);
  });

  it('asks for review when a key field is only a guess, though every check passes', () => {
    const result = validateFacts(facts, { ...fields, amount: text(0.4) });
    expect(result.checks.every((check) => check.ok)).toBe(true);
    expect(result.needsReview).toBe(true);
  });

  it('does not change the fields it is given', () => {
    const before = structuredClone(fields);
    validateFacts({ ...facts, amount: '120.00' }, fields);
    expect(fields).toEqual(before);
  });
});

describe('overallConfidence', () => {
  it('is the mean of the key fields present', () => {
    const fields: FieldMap = { amount: text(0.9), issue_date: text(0.8), invoice_number: text(0.9), 'sender.name': text(0.8), due_date: text(0.6) };
    expect(overallConfidence(fields, [])).toBe(0.8);
  });

  it('is lower for missing key fields and failed checks', () => {
    const all: FieldMap = { amount: text(0.9), issue_date: text(0.9), invoice_number: text(0.9), 'sender.name': text(0.9), due_date: text(0.9) };
    const withoutDue: FieldMap = { ...all };
    delete withoutDue.due_date;
    const withoutAmount: FieldMap = { ...all };
    delete withoutAmount.amount;
    expect(overallConfidence(all, [])).toBe(0.9);
    expect(overallConfidence(withoutDue, [])).toBe(0.86);
    expect(overallConfidence(withoutAmount, [])).toBe(0.77);
    expect(overallConfidence(all, [{ name: 'net_plus_tax', ok: false, fields: ['amount'] }])).toBe(0.77);
    expect(overallConfidence({}, [])).toBe(0);
  });
});
