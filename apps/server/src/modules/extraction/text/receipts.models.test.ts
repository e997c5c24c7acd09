import { describe, expect, it } from 'vitest';
import { classify } from './classify.models.ts';
import { buildLayout } from './layout.models.ts';
import { findReceiptDate, findReceiptTotal, readAmount } from './receipts.models.ts';
import { extractFromText } from './text.models.ts';

const GERMAN = [
  'Bäckerei Sonnenkorn',
  'Hauptstr. 3, 12345 Musterstadt',
  'Kasse 2   Bon-Nr. 8812',
  'Roggenbrot          3,20 A',
  'Kaffee              2,90 B',
  'SUMME EUR           6,10',
  'Gegeben BAR        10,00',
  'Rückgeld            3,90',
  'MwSt  Netto  Steuer',
  'A 7%  2,99   0,21',
  '14.03.2025  08:12',
  'Vielen Dank für Ihren Einkauf',
].join('\n');

const ENGLISH = [
  'CORNER HARDWARE LTD',
  'TAX INVOICE',
  'Date: 05/11/2019 16:40:02   Cashier: 7',
  'Hammer   1   12.50',
  'Nails    2    4.52',
  'Total Sales (Incl GST)   17.02',
  'Rounding Adj            -0.02',
  'ROUNDED TOTAL (RM)      17.00',
  'CASH                    20.00',
  'CHANGE                   3.00',
  'GST Summary  Amount  Tax',
  'Total        16.06   0.96',
  'Voucher valid until 30/11/2019',
  'THANK YOU, PLEASE COME AGAIN',
].join('\n');

describe('till receipts', () => {
  it.each([
    ['German Kassenbon', GERMAN, 'receipt', '6.10', '2025-03-14'],
    ['English till slip titled "Tax Invoice"', ENGLISH, 'receipt', '17.00', '2019-11-05'],
  ])('%s: type, paid total, date of sale', (_name, text, type, total, date) => {
    const extraction = extractFromText(text);
    expect(extraction.type).toBe(type);
    expect(extraction.facts.amount).toBe(total);
    expect(extraction.facts.issue_date).toBe(date);
    expect(extraction.facts.payment_means).toBe('paid');
  });

  it('reads a till-style total on a document without a labelled invoice total, as a guess', () => {
    const extraction = extractFromText('INVOICE 12\nCoffee  2 x 2.00\nTOTAL    RM 4. 00');
    expect(extraction.facts.amount).toBe('4.00');
    expect(extraction.fields.amount?.confidence).toBeLessThanOrEqual(0.6);
  });

  it('keeps an invoice an invoice', () => {
    const text = 'TAX INVOICE\nInvoice No: 4711\nBill to: Acme Ltd\nTotal amount 100.00\nPayment terms: 30 days\nThank you for your business';
    expect(classify(buildLayout(text)).type).toBe('invoice');
  });

  it.each([
    ['cash minus change confirms the total', 'TOTAL 31.00\nCASH 50.00\nCHANGE 19.00', 3100n, 0.9],
    ['the rounded total beats the one before rounding', 'Total incl. GST 7.16\nROUNDING -0.01\nTOTAL ROUNDED RM 7.15', 715n, 0.8],
    ['an unconfirmed plain total stays below 0.9', 'TOTAL 12.00', 1200n, 0.75],
    ['counts, subtotals and the tax summary are no totals', 'Total Qty: 3  9.00\nSUBTOTAL 8.00\nTOTAL 8.50\nTotal GST 0.50', 850n, 0.75],
    ['a rounding adjustment below the last total is applied', 'Total Sales (Incl GST) 4.98\nRounding Adj -.03', 495n, 0.8],
    ['a rounding line that prints the rounded total', 'Total Sales (Inclusive GST) RM 14.38\nRounding Adjustment RM .02\nRounding RM 14.40\nCASH RM 20.00', 1440n, 0.8],
    ['a rounding line far from the total is no total', 'Total 14.38\nRounding 24.40', 1438n, 0.75],
    ['Rundung nach der Summe', 'SUMME 9,99\nRundung +0,01\nGegeben 10,00\nRückgeld 0,00', 1000n, 0.9],
    ['without a total label tendered minus change is a guess', 'Kaffee 2,50\nBAR 5,00\nRückgeld 2,50', 250n, 0.55],
    ['the total the tax line fits beats a misread later one', 'Total Amount: $6.90\nGST @6%: $0.39\nNett Total: $6.00', 690n, 0.75],
    ['a tax line the later total fits changes nothing', 'Total 8.21\nRounding Adj -0.01\nTotal Rounded 8.20\nGST @6% 0.46', 820n, 0.8],
    ['a rate printed with a total is no tax line', 'Total Amount 6.90\nTotal Sales Inclusive GST @6% 6.90\nNett Total 6.00', 600n, 0.8],
    ['MwSt 19 % enthalten fits the Summe', 'Summe 11,90\nMwSt 19 % 1,90\nZu zahlen 11,00', 1190n, 0.75],
  ])('total: %s', (_name, text, cents, confidence) => {
    expect(findReceiptTotal(buildLayout(text))).toEqual({ value: cents, confidence });
  });

  it.each([
    ['RM 65. 20', 6520n],
    ['$8.20', 820n],
    ['1O.00', 1000n],
    ['9,90 EUR', 990n],
    ['-RM 0.02', -2n],
    ['-       159.00', 15900n],
    ['150.00   9.00', undefined],
  ])('reads the amount after a label with OCR noise: %s', (value, cents) => {
    expect(readAmount(`TOTAL ${value}`, /TOTAL/)).toBe(cents);
  });

  it.each([
    ['a date next to a time', 'Shop\n12 MAR 2018 18:19\nTOTAL 8.20', '2018-03-12'],
    ['a labelled date', 'Datum: 28-12-17\nSUMME 3,00', '2017-12-28'],
    ['ISO date and time', '[Sale]2018-01-05 22:55:25', '2018-01-05'],
    ['a date and a time joined by a word', 'Relais\nle 30/03/2018 a 12:36 CAISSIER 1\nTotal 56.00', '2018-03-30'],
    ['a German "um"', 'Bäckerei\nam 02.01.2025 um 09:15\nSUMME 3,00', '2025-01-02'],
    ['a word that is not a connector', 'Laden\n02.01.2025 Tisch 9:15\nSUMME 3,00', undefined],
    ['never the validity date', 'Gutschein gültig bis 31.12.2025 10:00\n02.01.2025 09:15', '2025-01-02'],
  ])('date: %s', (_name, text, iso) => {
    expect(findReceiptDate(buildLayout(text), 'dmy')?.value).toBe(iso);
  });
});
