import { describe, expect, it } from 'vitest';
import type { AmountCandidate } from './amounts.models.ts';
import { chooseTotals, classifyAmountLabel, findAmountCandidates } from './amounts.models.ts';
import { buildLayout } from './layout.models.ts';

describe('classifyAmountLabel', () => {
  it.each([
    ['Bruttosumme', 'gross'],
    ['Gesamtbetrag', 'gross'],
    ['Rechnungsbetrag', 'gross'],
    ['Summe inkl. USt:', 'gross'],
    ['Rechnungssumme Brutto (inkl. USt.)', 'gross'],
    ['vierteljährlicher Beitrag inklusive 19 % Versicherungsteuer', 'gross'],
    ['Total TTC', 'gross'],
    ['Grand Total', 'gross'],
    ['Zahlbetrag', 'due'],
    ['noch zu zahlen', 'due'],
    ['Amount Due', 'due'],
    ['TOTAL AMOUNT DUE ON', 'due'],
    ['Total Payable:', 'due'],
    ['Summe 19 % MwSt', 'tax'],
    ['Summe netto', 'net'],
    ['Rechnungssumme ohne USt.', 'net'],
    ['Nettobetrag (zzgl. 19,00% MwSt.)', 'net'],
    ['Zwischensumme (ohne USt.)', 'net'],
    ['Subtotal', 'net'],
    ['Umsatzsteuer 19 %', 'tax'],
    ['zzgl. 19 % MwSt.', 'tax'],
    ['in diesem Beitrag enthaltene Versicherungsteuer', 'tax'],
    ['inkl. 19 % MwSt.', 'tax'],
    ['darin enthaltene USt', 'tax'],
    ['VAT total:', 'tax'],
    ['Erhaltene Anzahlungen', 'prepaid'],
    ['Summe Ihrer Abschlagszahlungen', 'prepaid'],
    ['Positionssumme', 'lineSum'],
    ['Br uttosumme', 'gross'],
  ])('%s is %s', (label, kind) => {
    expect(classifyAmountLabel(label)?.kind).toBe(kind);
  });

  it.each([['Gesamtbetrag der Zuschläge'], ['Bruttopreis'], ['Einzelpreis'], ['Rabatt'], ['2 % Skonto'], ['Frachtbetrag'], ['Übertrag'], ['Zitronensäure'], ['19 %'], ['Total 0% supplies:'], ['Total @% supplies:'], ['Summe 7 %']])(
    '%s is no total',
    (label) => {
      expect(classifyAmountLabel(label)).toBeUndefined();
    },
  );
});

const totalsOf = (text: string) => {
  const layout = buildLayout(text);
  const totals = chooseTotals(findAmountCandidates(layout, ',', 'dmy'));
  return {
    gross: totals.gross?.cents,
    net: totals.net?.cents,
    tax: totals.tax?.cents,
    due: totals.due?.cents,
    consistent: totals.gross?.consistent,
  };
};

describe('totals', () => {
  it('takes the gross, net and tax that add up', () => {
    const text = 'Summe  3 Artikel   1.420,00\nSumme netto   1.420,00\nUmsatzsteuer 19 %   269,80\nRechnungsbetrag   1.689,80';
    expect(totalsOf(text)).toEqual({ gross: 168980n, net: 142000n, tax: 26980n, due: 168980n, consistent: true });
  });

  it('takes the plain sum before tax for the net amount', () => {
    expect(totalsOf('Summe   100,00\nzzgl. 19 % MwSt.   19,00\nGesamtbetrag   119,00')).toEqual({ gross: 11900n, net: 10000n, tax: 1900n, due: 11900n, consistent: true });
  });

  it('reads "inkl. MwSt." after a total as the tax in it', () => {
    expect(totalsOf('Gesamtbetrag:  119,00 €  inkl. 19 % MwSt. 19,00 €')).toMatchObject({ gross: 11900n, tax: 1900n });
  });

  it('keeps prepayments apart from the total', () => {
    const text = 'Bruttosumme   18.310,63\nErhaltene Anzahlungen   -17808,00\nZahlbetrag   502,63';
    expect(totalsOf(text)).toMatchObject({ gross: 1831063n, due: 50263n });
  });

  it('derives the amount due from a prepayment when none is printed', () => {
    expect(totalsOf('Gesamtbetrag   100,00 €\nAnzahlung   30,00 €')).toMatchObject({ gross: 10000n, due: 7000n });
  });

  it('reads a totals table from the right, whatever cells the rows leave empty', () => {
    const text = [
      'Warenwert Zu-/Abschlag  Fracht-Verp-Vers  Skonto sofort    Nettobetrag    MwSt-Betrag  MwSt-%     Endbetrag',
      '326,50      -8,10        3,00        321,40        61,07   19,0        382,47',
      '130,70      -3,11        127,59        8,93    7,0        136,52',
      '457,20     -11,21        3,00        448,99        70,00    EUR        518,99',
    ].join('\n');
    expect(totalsOf(text)).toMatchObject({ gross: 51899n, net: 44899n, tax: 7000n, consistent: true });
  });

  it('does not take one tax rate row of a breakdown for the totals', () => {
    const text = 'VAT        Net amount      VAT amount\n7%        160.00 €        11.20 €\n19%        336.00 €        63.84 €\nNet total: 496.00 €\nVAT total: 75.04 €\nDue payable: 571.04 €';
    const layout = buildLayout(text);
    const totals = chooseTotals(findAmountCandidates(layout, '.', 'dmy'));
    expect([totals.gross?.cents, totals.net?.cents, totals.tax?.cents]).toEqual([57104n, 49600n, 7504n]);
  });

  it('repairs a tax amount whose minus sign was printed on another line', () => {
    expect(totalsOf('Rechnungssumme ohne USt.   -7,67\nEUR   -\nSteuerbetrag in\n1,12\nBruttosumme   -8,79')).toMatchObject({ gross: -879n, net: -767n, tax: -112n });
  });

  it('ignores item rows whose columns carry tax words', () => {
    const text = '1        Zitronensäure        1,00        -5 Stk      19 % VAT (S)        -5,00\nRechnungssumme ohne USt.   -7,67\nSteuerbetrag   -1,12\nBruttosumme   -8,79';
    expect(totalsOf(text)).toMatchObject({ tax: -112n, consistent: true });
  });

  it('marks two different clearly labelled totals as a conflict', () => {
    const candidates: AmountCandidate[] = ['100', '200'].map((value, pos) => ({
      kind: 'gross',
      cents: BigInt(value),
      weight: 1,
      label: 'Gesamtbetrag',
      line: { page: 1, index: pos, pos, text: '', cells: [], indent: 0 },
    }));
    expect(chooseTotals(candidates).gross?.conflict).toBe(true);
  });
});
