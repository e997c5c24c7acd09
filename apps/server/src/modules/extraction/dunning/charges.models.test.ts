import { describe, expect, it } from 'vitest';
import { chargeKind } from './charges.models.ts';
import { findDunning } from './dunning.models.ts';
import { shortLetter } from './dunning.test-letters.ts';

const read = (body: string) => findDunning(shortLetter('2. Mahnung', body), { issueDate: '2026-02-20' });

describe('fee: dunning and collection charges added to the claim', () => {
  it.each([
    ['a statement row', 'Rechnung Nr. 4711 ist noch offen.\n\nRechnungsbetrag          250,00 €\nMahngebühr                 5,00 €', '5.00'],
    ['"EUR" after the amount', 'Die Forderung ist offen.\n\nMahnkosten               2,50 EUR', '2.50'],
    ['"zzgl." in a sentence', 'Der Betrag von 250,00 € ist noch offen, zzgl. Mahngebühren in Höhe von 3,50 €.', '3.50'],
    ['the amount before the charge\'s name', 'Bitte überweisen Sie den offenen Betrag von 250,00 € zzgl. 2,00 € Mahngebühr.', '2.00'],
    ['"eine Gebühr von" in a sentence', 'Der Betrag ist noch offen. Für diese Mahnung berechnen wir Ihnen eine Gebühr von 1,50 €.', '1.50'],
    ['the flat rate of § 288 (5) BGB', 'Die Forderung ist offen.\n\nHauptforderung                          250,00 €\nVerzugspauschale gem. § 288 Abs. 5 BGB   40,00 €', '40.00'],
    ['several charges are summed', 'Die Forderung ist offen.\n\nRücklastschriftgebühr der Bank      3,00 €\nBearbeitungsgebühr                  5,00 €', '8.00'],
    ['the same charge in a row and a sentence counts once', 'Die Forderung ist offen. Wir berechnen eine Mahngebühr von 5,00 €.\n\nMahngebühr     5,00 €\nGesamt       255,00 €', '5.00'],
    ['OCR without umlauts', 'Der Betrag ist weiterhin offen. Zuzueglich Mahngebuehr 10,00 EUR.', '10.00'],
    ['a printed zero', 'Die Rechnung ist noch offen.\n\nMahngebühr      0,00 €', '0.00'],
    // the OCR lost the decimal comma; the sum says where it was
    ['"750€" between a principal and a total', 'Die Rechnung ist noch offen.\n\nRechnung 2026/6865        121,80 €\nMahngebühr 1. Mahnung        750€\nZu zahlender Betrag        129,30 €', '7.50'],
    ['"50€" for 5,00 among several charges', 'Die Forderung ist offen.\n\nRechnung vom 10. Oktober 2025        206,03 €\nMahnkosten der Gläubigerin        50€\nInkassokosten        54,66 €\nAuslagen        5,20 €\nVerzugszinsen        2,59 €\nGesamtbetrag        273,48 €', '64.86'],
    ['a whole fee that the sum confirms stays', 'Die Rechnung ist noch offen.\n\nHauptforderung        121,80 €\nMahngebühr        5€\nGesamtforderung        126,80 €', '5.00'],
    ['a lost comma the sum does not confirm stays as read', 'Die Rechnung ist noch offen.\n\nHauptforderung        121,80 €\nMahngebühr        750€\nGesamtforderung        130,00 €', '750.00'],
  ])('%s', (_name, body, fee) => {
    expect(read(body)?.facts.fee).toBe(fee);
  });

  it.each([
    ['a fee announced for the next stage', 'Der Betrag ist noch offen. Für jede weitere Mahnung berechnen wir 5,00 €.'],
    ['a fee under a condition', 'Der Betrag ist noch offen. Sollten Sie nicht zahlen, entstehen Mahnkosten von 7,50 €.'],
    ['interest is no fee', 'Die Forderung ist offen.\n\nHauptforderung      250,00 €\nVerzugszinsen         3,12 €\nGesamtforderung     253,12 €'],
    ['shipping costs are no fee', 'Der Betrag ist offen.\n\nVersandkosten      4,90 €'],
    ['an amount before "zuzüglich" is not the fee', 'Der Betrag ist offen. Bitte überweisen Sie 250,00 € zuzüglich der gesetzlichen Zinsen.'],
  ])('no fee: %s', (_name, body) => {
    const reading = read(body);
    expect(reading).toBeDefined();
    expect(reading?.facts.fee).toBeUndefined();
  });
});

describe('total claimed', () => {
  it.each([
    ['principal, interest and fee add up', 'Die Forderung ist offen.\n\nHauptforderung      250,00 €\nVerzugszinsen         3,12 €\nMahngebühr            5,00 €\nGesamtforderung     258,12 €', '258.12', 0.9],
    ['a total that does not add up is not promised', 'Die Forderung ist offen.\n\nHauptforderung      250,00 €\nMahngebühr            5,00 €\nGesamtforderung     265,00 €', '265.00', 0],
    ['in a sentence', 'Der Betrag ist offen. Bitte überweisen Sie den Gesamtbetrag von 255,00 € bis zum 01.03.2026.', '255.00', 0],
    ['the open amount of a reminder without charges', 'Die Rechnung ist noch nicht bezahlt.\nOffener Betrag: 250,00 €', '250.00', 0],
    ['the last total after a subtotal', 'Die Rechnungen sind offen.\n\nSumme offene Posten   300,00 €\nMahngebühr              5,00 €\nGesamtbetrag          305,00 €', '305.00', 0],
  ])('%s', (_name, body, total, atLeast) => {
    const reading = read(body);
    expect(reading?.total?.amount).toBe(total);
    if (atLeast > 0) expect(reading?.total?.confidence).toBeGreaterThanOrEqual(atLeast);
    else expect(reading?.total?.confidence).toBeLessThan(0.9);
  });
});

describe('chargeKind', () => {
  it.each([
    ['Gesamtbetrag inkl. Mahngebühren', false, 'total'],
    ['Mahngebühren gesamt', false, 'fee'],
    ['Hauptforderung aus Rechnung Nr. 17', false, 'principal'],
    ['Verzugszinsen 5 %-Pkte. über Basiszins', false, 'interest'],
    ['Inkassovergütung', false, 'fee'],
    ['abzgl. Teilzahlung vom 03.02.2026', false, 'paid'],
    ['Der offene Betrag von', true, 'principal'],
    ['Betrag zzgl. Mahngebühr von', true, 'fee'],
    ['Gesamtkosten', false, 'total'],
    ['Versandkosten', false, undefined],
  ])('%j -> %s', (label, nearest, kind) => {
    expect(chargeKind(label, nearest)).toBe(kind);
  });
});
