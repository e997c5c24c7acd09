import { describe, expect, it } from 'vitest';
import type { DocumentFacts } from '../extraction.types.ts';
import { type LinkCandidate, linkDunning, nameSimilarity, normalizeId } from './link.models.ts';

const GARDEN_IBAN = 'DE89 3704 0044 0532 0130 00';
const POWER_IBAN = 'DE02120300000000202051';

/** The user's invoices: two from a garden service, one from the power company with a namesake number, one issued after the letter. */
const hedge: LinkCandidate = { id: 'hedge', invoice_number: 'RE-2024-117', reference: 'RE-2024-117', customer_number: 'K-1001', iban: GARDEN_IBAN, amount: '119.00', amount_due: '119.00', issue_date: '2026-01-03', sender_name: 'Gärtnerei Lindenhof GmbH' };
const lawn: LinkCandidate = { id: 'lawn', invoice_number: 'RE-2024-118', reference: 'RE-2024-118', customer_number: 'K-1001', iban: GARDEN_IBAN, amount: '59.00', issue_date: '2026-01-10', sender_name: 'Gärtnerei Lindenhof GmbH' };
const power: LinkCandidate = { id: 'power', invoice_number: '2024-117', reference: 'VK 400118822', customer_number: '400118822', iban: POWER_IBAN, amount: '80.00', issue_date: '2025-12-01', sender_name: 'Stadtwerke Nordheim' };
const later: LinkCandidate = { id: 'later', invoice_number: 'RE-2026-200', iban: GARDEN_IBAN, amount: '119.00', issue_date: '2026-03-01', sender_name: 'Gärtnerei Lindenhof GmbH' };
const ALL = [hedge, lawn, power, later];

const letter = (facts: Partial<DocumentFacts> & { dunning?: DocumentFacts['dunning'] }): DocumentFacts => ({ issue_date: '2026-02-10', ...facts });

describe('linkDunning: by invoice number', () => {
  it.each([
    ['printed exactly', { dunning: { linked_invoice_number: 'RE-2024-117' } }, 'hedge', 0.95],
    ['case, spaces and dashes differ', { dunning: { linked_invoice_number: 're 2024 117' } }, 'hedge', 0.95],
    ['with a leading "Nr."', { dunning: { linked_invoice_number: 'Nr. RE-2024-118' } }, 'lawn', 0.95],
    ['slashes for dashes', { dunning: { linked_invoice_number: 'RE/2024/118' } }, 'lawn', 0.95],
    ['read by OCR with O for 0', { dunning: { linked_invoice_number: 'RE-2O24-118' } }, 'lawn', 0.85],
    ['read by OCR with Z for 2 and B for 8', { dunning: { linked_invoice_number: 'RE-Z024-11B' } }, 'lawn', 0.85],
    ['only as the letter\'s invoice_number', { invoice_number: 'RE-2024-118' }, 'lawn', 0.85],
    ['in the payment reference', { payment_info: { reference: 'Rechnung RE-2024-118 Kd. K-1001' } }, 'lawn', 0.9],
    ['the exact number beats one that only contains it', { dunning: { linked_invoice_number: '2024-117' } }, 'power', 0.95],
  ] as const)('%s', (_name, facts, id, confidence) => {
    expect(linkDunning(letter(facts), ALL)).toEqual({ id, basis: 'invoice_number', confidence });
  });

  it('a number printed with a prefix the invoice lacks still links, less surely', () => {
    expect(linkDunning(letter({ dunning: { linked_invoice_number: 'RE-2024-118' } }), [{ ...lawn, invoice_number: '2024-118' }])).toEqual({ id: 'lawn', basis: 'invoice_number', confidence: 0.75 });
  });

  it('links a number whose slash the OCR read as a stroke, on either side', () => {
    const painter: LinkCandidate = { id: 'painter', invoice_number: '2025171183', amount: '8.50' };
    expect(linkDunning(letter({ dunning: { linked_invoice_number: '2025/71183' } }), [painter, power])).toEqual({ id: 'painter', basis: 'invoice_number', confidence: 0.8 });
    expect(linkDunning(letter({ invoice_number: '2025771183' }), [{ ...painter, invoice_number: '2025/71183' }])).toEqual({ id: 'painter', basis: 'invoice_number', confidence: 0.7 });
    expect(linkDunning(letter({ dunning: { linked_invoice_number: '2025/71183' } }), [{ ...painter, invoice_number: '2025171184' }])).toBeUndefined();
  });

  it('never takes a bare year in the payment reference for an invoice number', () => {
    expect(linkDunning(letter({ payment_info: { reference: '1K -2026-81936' } }), [{ ...power, invoice_number: '2026' }])).toBeUndefined();
  });

  it('does not take a number as part of a longer one', () => {
    expect(linkDunning(letter({ payment_info: { reference: 'Kunde 20241170' } }), [power])).toBeUndefined();
  });

  it('ignores invoices issued on or after the letter date', () => {
    expect(linkDunning(letter({ dunning: { linked_invoice_number: 'RE-2026-200' } }), ALL)).toBeUndefined();
    expect(linkDunning(letter({ issue_date: '2026-03-01', dunning: { linked_invoice_number: 'RE-2026-200' } }), ALL)).toBeUndefined();
    expect(linkDunning(letter({ issue_date: '2026-03-20', dunning: { linked_invoice_number: 'RE-2026-200' } }), ALL)?.id).toBe('later');
  });

  it('does not go by a letter date that is the date of the invoice it names (a misreading)', () => {
    const misdated = letter({ issue_date: '2026-03-01', dunning: { linked_invoice_number: 'RE-2026-200', original_invoice_date: '2026-03-01' } });
    expect(linkDunning(misdated, ALL)?.id).toBe('later');
  });

  it('keeps a candidate whose date is unknown', () => {
    const { issue_date: _date, ...undated } = lawn;
    expect(linkDunning(letter({ dunning: { linked_invoice_number: 'RE-2024-118' } }), [undated])?.id).toBe('lawn');
  });

  describe('the same number from two creditors', () => {
    const twin: LinkCandidate = { ...power, id: 'twin', invoice_number: 'RE-2024-117' };
    it.each([
      ['nothing tells them apart', {}, undefined],
      ['the IBAN does', { payment_info: { iban: POWER_IBAN } }, 'twin'],
      ['the original invoice date does', { dunning: { linked_invoice_number: 'RE-2024-117', original_invoice_date: '2026-01-03' } }, 'hedge'],
      ['the sender name does', { sender: { name: 'Stadtwerke Nordheim GmbH' } }, 'twin'],
      ['the customer number does', { customer_number: 'K-1001' }, 'hedge'],
    ] as const)('%s', (_name, extra, id) => {
      const facts = { dunning: { linked_invoice_number: 'RE-2024-117' }, ...extra } as Partial<DocumentFacts>;
      const link = linkDunning(letter(facts), [hedge, twin]);
      expect(link?.id).toBe(id);
      if (link) expect(link.confidence).toBeLessThan(0.95);
    });
  });

  it('a single namesake dated differently from the letter\'s invoice date is linked only weakly', () => {
    const link = linkDunning(letter({ dunning: { linked_invoice_number: '2024-117', original_invoice_date: '2026-01-20' } }), [power]);
    expect(link?.id).toBe('power');
    expect(link?.confidence).toBeLessThan(0.8);
  });
});

describe('linkDunning: by reference or customer number', () => {
  it('equal payment references', () => {
    const invoice: LinkCandidate = { id: 'water', reference: 'WV-2026-0113-7', issue_date: '2026-01-05' };
    expect(linkDunning(letter({ payment_info: { reference: 'WV 2026 0113 7' } }), [invoice])).toEqual({ id: 'water', basis: 'reference', confidence: 0.85 });
  });

  it('the letter\'s invoice number is the invoice\'s reference', () => {
    const invoice: LinkCandidate = { id: 'water', reference: 'WV-2026-0113', issue_date: '2026-01-05' };
    expect(linkDunning(letter({ dunning: { linked_invoice_number: 'WV-2026-0113' } }), [invoice])).toEqual({ id: 'water', basis: 'reference', confidence: 0.8 });
  });

  it('a customer number alone links the only invoice of that customer', () => {
    expect(linkDunning(letter({ customer_number: '400118822' }), ALL)).toEqual({ id: 'power', basis: 'reference', confidence: 0.6 });
  });

  it('a customer number alone does not link a bill of another amount', () => {
    expect(linkDunning(letter({ customer_number: '400118822', amount: '45.00' }), ALL)).toBeUndefined();
    expect(linkDunning(letter({ customer_number: '400118822', amount: '81.50' }), ALL)?.id).toBe('power');
  });

  it('a customer number shared by two invoices links none, unless the amount tells them apart', () => {
    expect(linkDunning(letter({ customer_number: 'K-1001' }), ALL)).toBeUndefined();
    expect(linkDunning(letter({ customer_number: 'K-1001', amount: '64.00', dunning: { fee: '5.00' } }), ALL)?.id).toBe('lawn');
  });
});

describe('linkDunning: by IBAN and amount', () => {
  it.each([
    ['the claim minus the fee is the invoice amount', { amount: '124.00', dunning: { fee: '5.00' } }, 'hedge', 0.8],
    ['the amount due is the invoice amount', { amount_due: '59.00' }, 'lawn', 0.8],
    ['interest makes the claim a little more', { amount: '126.20', dunning: { fee: '5.00' } }, 'hedge', 0.55],
  ] as const)('%s', (_name, facts, id, confidence) => {
    expect(linkDunning(letter({ payment_info: { iban: GARDEN_IBAN.replace(/ /g, '') }, ...facts }), ALL)).toEqual({ id, basis: 'iban_amount', confidence });
  });

  it.each([
    ['another creditor\'s IBAN', { payment_info: { iban: POWER_IBAN }, amount: '119.00' }],
    ['no IBAN at all', { amount: '119.00' }],
    ['a claim of both invoices together', { payment_info: { iban: GARDEN_IBAN }, amount: '183.00', dunning: { fee: '5.00' } }],
    ['an amount far from any invoice', { payment_info: { iban: GARDEN_IBAN }, amount: '150.00' }],
    ['the printed number names an invoice the user does not have', { payment_info: { iban: GARDEN_IBAN }, amount: '124.00', dunning: { fee: '5.00', linked_invoice_number: 'RE-2024-099' } }],
    ['the printed number is the next bill of the same amount, not a misreading', { payment_info: { iban: GARDEN_IBAN }, amount: '124.00', dunning: { fee: '5.00', linked_invoice_number: 'RE-2024-116' } }],
    ['only the sender name agrees', { sender: { name: 'Gärtnerei Lindenhof GmbH' } }],
  ] as const)('no link: %s', (_name, facts) => {
    expect(linkDunning(letter(facts as Partial<DocumentFacts>), ALL)).toBeUndefined();
  });

  it('the principal a collector names is the invoice amount, whatever charges the OCR lost', () => {
    // Hauptforderung 119,00 + Inkassokosten (line lost) + Mahnkosten 5,00 = 210,40: the claim minus the known fee is no invoice.
    const facts = { payment_info: { iban: GARDEN_IBAN }, amount: '210.40', dunning: { fee: '5.00' } };
    expect(linkDunning(letter(facts), ALL)).toBeUndefined();
    expect(linkDunning(letter({ ...facts, dunning: { ...facts.dunning, principal: '119.00' } }), ALL)).toEqual({ id: 'hedge', basis: 'iban_amount', confidence: 0.8 });
  });

  it('two monthly bills of the same amount are ambiguous', () => {
    const january: LinkCandidate = { id: 'jan', iban: GARDEN_IBAN, amount: '39.99', issue_date: '2026-01-01' };
    const february: LinkCandidate = { id: 'feb', iban: GARDEN_IBAN, amount: '39.99', issue_date: '2026-02-01' };
    expect(linkDunning(letter({ payment_info: { iban: GARDEN_IBAN }, amount: '39.99' }), [january, february])).toBeUndefined();
    // ... unless the letter dates the invoice.
    expect(linkDunning(letter({ payment_info: { iban: GARDEN_IBAN }, amount: '39.99', dunning: { original_invoice_date: '2026-01-01' } }), [january, february])?.id).toBe('jan');
  });

  it('no candidates, no link', () => {
    expect(linkDunning(letter({ dunning: { linked_invoice_number: 'RE-2024-117' } }), [])).toBeUndefined();
  });
});

describe('linkDunning: by invoice date and amount', () => {
  it.each([
    ['the letter dates the invoice and claims its amount plus the fee', { amount: '124.00', dunning: { original_invoice_date: '2026-01-03', fee: '5.00' } }, 'hedge', 0.7],
    ['interest on top', { amount: '121.00', dunning: { original_invoice_date: '2026-01-03' } }, 'hedge', 0.5],
  ] as const)('%s', (_name, facts, id, confidence) => {
    expect(linkDunning(letter(facts), ALL)).toEqual({ id, basis: 'date_amount', confidence });
  });

  it.each([
    ['the date fits, the amount does not', { amount: '150.00', dunning: { original_invoice_date: '2026-01-03' } }],
    ['the amount fits, the date does not', { amount: '119.00', dunning: { original_invoice_date: '2026-01-04' } }],
  ] as const)('no link: %s', (_name, facts) => {
    expect(linkDunning(letter(facts), ALL)).toBeUndefined();
  });

  it('two invoices of the same day and amount are told apart by the sender, or not at all', () => {
    const other: LinkCandidate = { ...power, id: 'other', amount: '119.00', issue_date: '2026-01-03' };
    const facts = { amount: '119.00', dunning: { original_invoice_date: '2026-01-03' } };
    expect(linkDunning(letter(facts), [hedge, other])).toBeUndefined();
    expect(linkDunning(letter({ ...facts, sender: { name: 'Stadtwerke Nordheim' } }), [hedge, other])?.id).toBe('other');
  });
});

describe('linkDunning: by sender and amount', () => {
  // The photographed invoice whose IBAN the OCR did not read; the letter names no number and no date.
  const bike: LinkCandidate = { id: 'bike', invoice_number: 'INV-71654', amount: '830.35', issue_date: '2025-11-21', sender_name: 'Fahrradhaus Graf e.K.' };
  const dunned = { sender: { name: 'Fahrradhaus Graf e.K.' }, amount: '840.35', payment_info: { iban: GARDEN_IBAN }, dunning: { fee: '10.00', principal: '830.35' } };

  it('links the only invoice of that sender whose amount is the claim, weakly', () => {
    expect(linkDunning(letter(dunned), [...ALL, bike])).toEqual({ id: 'bike', basis: 'sender_amount', confidence: 0.55 });
  });

  it.each([
    ['another sender', { ...dunned, sender: { name: 'Inkasso Nord GmbH' } }, [bike]],
    ['the amount is not the claim', { ...dunned, amount: '900.00', dunning: { fee: '10.00' } }, [bike]],
    ['interest is not enough without a number, date or IBAN', { ...dunned, amount: '850.00', dunning: { fee: '10.00' } }, [bike]],
    ['the invoice\'s IBAN is another', dunned, [{ ...bike, iban: POWER_IBAN }]],
    ['the letter dates its invoice otherwise', { ...dunned, dunning: { ...dunned.dunning, original_invoice_date: '2025-11-20' } }, [bike]],
    ['two bills of that sender and amount', dunned, [bike, { ...bike, id: 'bike-2', invoice_number: 'INV-71655', issue_date: '2025-11-28' }]],
  ] as [string, Partial<DocumentFacts>, LinkCandidate[]][])('no link: %s', (_name, facts, candidates) => {
    expect(linkDunning(letter(facts), candidates)).toBeUndefined();
  });
});

describe('helpers', () => {
  it.each([
    ['Nr. RE-2024/117', 're2024117'],
    ['  No.: 4711 ', '4711'],
    ['#A-1009', 'a1009'],
    ['RE_2024.117', 're2024117'],
  ])('normalizeId(%j) = %j', (value, normalised) => {
    expect(normalizeId(value)).toBe(normalised);
  });

  it.each([
    ['Gärtnerei Lindenhof GmbH', 'Gärtnerei Lindenhof', 1],
    ['Stadtwerke Nordheim GmbH & Co. KG', 'Stadtwerke Nordheim', 1],
    ['Westfalen Inkasso GmbH', 'Online-Versand Nord GmbH', 0],
  ])('nameSimilarity(%j, %j) = %d', (first, second, similarity) => {
    expect(nameSimilarity(first, second)).toBe(similarity);
  });
});
