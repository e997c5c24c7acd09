import { describe, expect, it } from 'vitest';
import { amountCheck, decodeEpcBytes, epcToExtraction, isValidCreditorReference, parseEpc, QR_CONFIDENCE, type EpcPayment } from './epc.models.ts';

const IBAN = 'DE89370400440532013000';
const epc = (lines: readonly string[], eol = '\n') => lines.join(eol);
/** Lines 1-7 of a version 002 payload; pass the rest. */
const v002 = (...rest: string[]) => ['BCD', '002', '1', 'SCT', 'COBADEFFXXX', 'Stadtwerke Musterstadt GmbH', IBAN, ...rest];

describe('parseEpc accepts', () => {
  it.each<[string, string, Partial<EpcPayment>]>([
    [
      'version 001 with BIC, amount and structured reference',
      epc(['BCD', '001', '1', 'SCT', 'COBADEFFXXX', 'Stadtwerke Musterstadt GmbH', IBAN, 'EUR119.00', '', 'RF18539007547034']),
      { bic: 'COBADEFFXXX', name: 'Stadtwerke Musterstadt GmbH', iban: IBAN, amount: '119.00', currency: 'EUR', reference: 'RF18539007547034' },
    ],
    [
      'version 002 without BIC, umlauts in the name (UTF-8), remittance text, purpose',
      epc(['BCD', '002', '1', 'SCT', '', 'Müller & Söhne Heizöl GmbH', 'DE89 3704 0044 0532 0130 00', 'EUR89.9', 'GDDS', '', 'Rechnung 2026-0042 Kunde 12345']),
      { name: 'Müller & Söhne Heizöl GmbH', iban: IBAN, amount: '89.90', purpose: 'GDDS', text: 'Rechnung 2026-0042 Kunde 12345' },
    ],
    [
      'version 002 with BIC, CRLF line ends, no amount, trailing empty lines',
      epc(['BCD', '002', '2', 'SCT', 'GENODEF1M04', 'Verein für Heimatpflege e.V.', 'AT611904300234573201', '', '', '', 'Mitgliedsbeitrag 2026', '', '', ''], '\r\n'),
      { bic: 'GENODEF1M04', name: 'Verein für Heimatpflege e.V.', iban: 'AT611904300234573201', text: 'Mitgliedsbeitrag 2026' },
    ],
    [
      'a spaced RF reference and beneficiary-to-originator information',
      epc(v002('EUR1.5', '', 'RF18 5390 0754 7034', '', 'Danke für Ihre Zahlung')),
      { amount: '1.50', reference: 'RF18539007547034', info: 'Danke für Ihre Zahlung' },
    ],
    ['a non-RF structured reference (EPC069-12 allows any creditor reference)', epc(v002('EUR10.00', '', '4711-0815')), { reference: '4711-0815' }],
    ['nothing after the IBAN', epc(v002()), { bic: 'COBADEFFXXX', iban: IBAN }],
    ['the largest amount', epc(v002('EUR999999999.99')), { amount: '999999999.99' }],
    ['the smallest amount', epc(v002('EUR0.01')), { amount: '0.01' }],
  ])('%s', (_name, payload, expected) => {
    const result = parseEpc(payload);
    expect(result).toMatchObject({ ok: true, payment: expected });
  });

  it('leaves out what the payload does not say', () => {
    const result = parseEpc(epc(['BCD', '002', '1', 'SCT', '', 'A', IBAN]));
    expect(result).toEqual({ ok: true, payment: { name: 'A', iban: IBAN, currency: 'EUR' } });
  });
});

describe('parseEpc refuses', () => {
  it.each<[string, string, RegExp]>([
    ['an empty payload', '', /^Service tag is missing/],
    ['only empty lines', '\n\n', /^Service tag is missing/],
    ['a wrong service tag', epc(['BCE', '002', '1', 'SCT', '', 'A', IBAN]), /^Service tag must be "BCD", found "BCE"/],
    ['an unknown version', epc(['BCD', '003', '1', 'SCT', '', 'A', IBAN]), /^Version must be "001" or "002", found "003"/],
    ['an unknown character set', epc(['BCD', '002', '9', 'SCT', '', 'A', IBAN]), /^Character set must be a digit 1 to 8, found "9"/],
    ['a wrong identification', epc(['BCD', '002', '1', 'SCX', '', 'A', IBAN]), /^Identification must be "SCT"/],
    ['version 001 without BIC', epc(['BCD', '001', '1', 'SCT', '', 'A', IBAN]), /^BIC is missing: version 001 requires it/],
    ['a malformed BIC', epc(['BCD', '002', '1', 'SCT', 'COBADEFXXX', 'A', IBAN]), /^BIC "COBADEFXXX" is not a valid BIC/],
    ['a missing beneficiary name', epc(['BCD', '002', '1', 'SCT', '', '', IBAN]), /^Beneficiary name is missing/],
    ['a beneficiary name over 70 characters', epc(['BCD', '002', '1', 'SCT', '', 'N'.repeat(71), IBAN]), /^Beneficiary name is 71 characters long, at most 70/],
    ['a missing IBAN', epc(['BCD', '002', '1', 'SCT', 'COBADEFFXXX', 'Stadtwerke Musterstadt GmbH']), /^IBAN is missing/],
    ['a bad IBAN checksum', epc(['BCD', '002', '1', 'SCT', '', 'A', 'DE89370400440532013001']), /^IBAN "DE89370400440532013001" is not valid/],
    ['an amount in USD', epc(v002('USD119.00')), /^Amount must be in EUR, found USD/],
    ['an amount with 3 decimals', epc(v002('EUR119.001')), /^Amount "EUR119.001" has more than 2 decimals/],
    ['an amount above the maximum', epc(v002('EUR1000000000.00')), /^Amount 1000000000.00 is out of range/],
    ['an absurdly long amount', epc(v002(`EUR${'9'.repeat(40)}`)), /^Amount 9+ is out of range/],
    ['a zero amount', epc(v002('EUR0.00')), /^Amount 0.00 is out of range/],
    ['an amount with a decimal comma', epc(v002('EUR119,00')), /^Amount must be a number with a decimal point/],
    ['an amount without currency', epc(v002('119.00')), /^Amount must look like "EUR123.45"/],
    ['a purpose code of 2 characters', epc(v002('EUR1.00', 'GD')), /^Purpose code must be 4 letters or digits/],
    ['both reference and text', epc(v002('EUR1.00', '', 'RF18539007547034', 'Rechnung 42')), /^Creditor reference and remittance text are both set/],
    ['an RF reference with wrong check digits', epc(v002('EUR1.00', '', 'RF19539007547034')), /^Creditor reference "RF19539007547034" is not a valid ISO 11649/],
    ['a reference over 35 characters', epc(v002('EUR1.00', '', 'X'.repeat(36))), /^Creditor reference is 36 characters long/],
    ['a remittance text over 140 characters', epc(v002('EUR1.00', '', '', 'T'.repeat(141))), /^Remittance text is 141 characters long/],
    ['information over 70 characters', epc(v002('EUR1.00', '', '', 'T', 'I'.repeat(71))), /^Beneficiary-to-originator information is 71 characters long/],
    ['too many lines', epc(v002('EUR1.00', '', '', 'Rechnung 42', 'Danke', 'one more')), /^Too many lines: found 13, an EPC payment code has at most 12/],
  ])('%s', (_name, payload, problem) => {
    const result = parseEpc(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  it('lists every problem at once', () => {
    const result = parseEpc(epc(['BCD', '001', '1', 'SCT', '', '', 'DE00123', 'USD1']));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.split(' ')[0])).toEqual(['BIC', 'Beneficiary', 'IBAN', 'Amount']);
  });

  it('says only that it is not an EPC payload when the service tag is wrong', () => {
    expect(parseEpc('https://example.org/pay?id=42')).toEqual({ ok: false, problems: ['Service tag must be "BCD", found "https://example.org/pay?id=42": this is not an EPC payment code.'] });
  });
});

describe('ISO 11649 creditor reference', () => {
  it.each([
    ['RF18539007547034', true],
    ['RF18 5390 0754 7034', true],
    ['rf18539007547034', true],
    ['RF712348231', true],
    ['RF19539007547034', false],
    ['RF18', false],
    ['RF18539007547034539007547034', false],
    ['DE18539007547034', false],
  ])('%s is valid: %s', (reference, valid) => {
    expect(isValidCreditorReference(reference)).toBe(valid);
  });
});

describe('decodeEpcBytes', () => {
  const payload = (charset: string) => epc(['BCD', '002', charset, 'SCT', '', 'Müller Straßenbau', IBAN, 'EUR5.00']);
  const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

  it.each<[string, Uint8Array]>([
    ['UTF-8 declared as 1', new TextEncoder().encode(payload('1'))],
    ['ISO 8859-1 declared as 2', latin1(payload('2'))],
    ['ISO 8859-15 declared as 8', latin1(payload('8'))],
    ['UTF-8 wrongly declared as 2', new TextEncoder().encode(payload('2'))],
    ['Latin-1 wrongly declared as 1', latin1(payload('1'))],
  ])('reads %s', (_name, bytes) => {
    const text = decodeEpcBytes(bytes);
    expect(text).toBeDefined();
    expect(parseEpc(text ?? '')).toMatchObject({ ok: true, payment: { name: 'Müller Straßenbau' } });
  });

  it('reads the declared ISO 8859-2', () => {
    const bytes = latin1(epc(['BCD', '002', '3', 'SCT', '', 'Firma Kowalska ', IBAN]));
    bytes[bytes.length - IBAN.length - 2] = 0xb1; // "ą" in ISO 8859-2, not valid UTF-8 on its own
    expect(decodeEpcBytes(bytes)).toContain('Firma Kowalskaą');
  });

  it('leaves other codes alone', () => {
    expect(decodeEpcBytes(new TextEncoder().encode('https://example.org'))).toBeUndefined();
  });
});

describe('epcToExtraction', () => {
  const payment: EpcPayment = { bic: 'COBADEFFXXX', name: 'Stadtwerke Musterstadt GmbH', iban: IBAN, amount: '119.00', currency: 'EUR', reference: 'RF18539007547034' };
  const qr = (confidence = QR_CONFIDENCE) => ({ source: 'qr', confidence });

  it('states who gets paid, where and how much, all from the QR', () => {
    expect(epcToExtraction(payment)).toEqual({
      facts: {
        payment_info: { iban: IBAN, bic: 'COBADEFFXXX', reference: 'RF18539007547034' },
        sender: { name: 'Stadtwerke Musterstadt GmbH' },
        amount_due: '119.00',
        currency: 'EUR',
      },
      fields: {
        'payment_info.iban': qr(),
        'payment_info.bic': qr(),
        'payment_info.reference': qr(),
        'sender.name': qr(0.85),
        amount_due: qr(),
        currency: qr(),
      },
    });
  });

  it('takes the remittance text as the reference when there is no structured one', () => {
    const { facts } = epcToExtraction({ name: 'A', iban: IBAN, currency: 'EUR', text: 'Rechnung 42' });
    expect(facts.payment_info).toEqual({ iban: IBAN, reference: 'Rechnung 42' });
  });

  it('states no amount and no currency when the code has no amount', () => {
    const { facts, fields } = epcToExtraction({ name: 'A', iban: IBAN, currency: 'EUR' });
    expect(facts.amount_due).toBeUndefined();
    expect(facts.currency).toBeUndefined();
    expect(fields.currency).toBeUndefined();
  });

  it('drops an IBAN that fails its checksum instead of reporting it', () => {
    const { facts, fields } = epcToExtraction({ ...payment, iban: 'DE89370400440532013001' });
    expect(facts.payment_info?.iban).toBeUndefined();
    expect(fields['payment_info.iban']).toBeUndefined();
    expect(facts.payment_info?.bic).toBe('COBADEFFXXX');
  });
});

describe('amountCheck', () => {
  it.each<[string, string, boolean]>([
    ['119.00', '119.00', true],
    ['119.00', '119', true],
    ['119.50', '119.5', true],
    ['119.00', '119.01', false],
    ['119.00', '-119.00', false],
    ['1234.56', '1243.56', false],
  ])('QR %s, printed %s: %s', (qr, printed, ok) => {
    const check = amountCheck(qr, printed);
    expect(check).toMatchObject({ name: 'qr_amount_matches', ok, fields: ['amount_due'] });
  });

  it('says both amounts when they differ', () => {
    expect(amountCheck('119.00', '120.5')?.detail).toBe('the QR code asks for 119.00 EUR, the page says 120.50');
  });

  it('fails on a printed amount that is not a decimal', () => {
    expect(amountCheck('119.00', '119,00')).toMatchObject({ ok: false, detail: 'the printed amount "119,00" is not a decimal amount in EUR' });
  });

  it('has nothing to say when either amount is missing', () => {
    expect(amountCheck(undefined, '119.00')).toBeUndefined();
    expect(amountCheck('119.00', undefined)).toBeUndefined();
  });
});
