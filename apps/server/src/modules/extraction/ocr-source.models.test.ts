import { describe, expect, it } from 'vitest';
import { ocrSource } from './ocr-source.models.ts';

const reading = (bic: string) => ({ facts: { payment_info: { bic } }, fields: { 'payment_info.bic': { source: 'text' as const, confidence: 0.95 } } });

describe('ocrSource', () => {
  it('scales every field by the page confidence', () => {
    expect(ocrSource(reading('COBADEFFXXX'), '', 0.92).fields['payment_info.bic']?.confidence).toBe(0.95);
    expect(ocrSource(reading('COBADEFFXXX'), '', 0.46).fields['payment_info.bic']?.confidence).toBe(0.475);
  });

  it.each([
    ['GENODEF1MO4', 0.8],
    ['GENODEF1M04', 0.8],
    ['BYLADEM1001', 0.8],
    ['COBADEFFXXX', 0.95],
    ['DEUTDEDBHAM', 0.95],
  ])('BIC %s: an O/0 or I/1 in its location or branch makes it unsure (%s)', (bic, confidence) => {
    expect(ocrSource(reading(bic), '', 0.95).fields['payment_info.bic']?.confidence).toBe(confidence);
  });
});
