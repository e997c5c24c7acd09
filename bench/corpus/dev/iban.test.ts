import { describe, expect, it } from 'vitest';
import { Rng } from '../render/random.ts';
import { checkDigits, germanIban, groupedIban, isValidIban } from './iban.ts';

describe('IBAN check digits (ISO 13616, mod 97)', () => {
  it('agrees with the published example and rejects a changed digit', () => {
    expect(germanIban('37040044', '532013000')).toBe('DE89370400440532013000');
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('DE89370400440532013001')).toBe(false);
    expect(isValidIban('DE88370400440532013000')).toBe(false);
    expect(checkDigits('DE', '09999999999')).toBe('98');
  });

  it('makes valid IBANs for any bank code and account', () => {
    const rng = Rng.of('iban-test');
    for (let index = 0; index < 500; index += 1) {
      const iban = germanIban(`${rng.int(1, 8)}${rng.digits(7)}`, rng.digits(rng.int(1, 10)));
      expect(iban).toMatch(/^DE\d{20}$/);
      expect(isValidIban(iban), iban).toBe(true);
    }
    expect(groupedIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});
