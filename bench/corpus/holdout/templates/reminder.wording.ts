/** What dunning letters say, level by level, in this family's own words. */
import type { Block } from '../holdout.layout.ts';
import type { Rng } from '../holdout.random.ts';

export const LEVEL_TITLES: Record<number, string[]> = {
  0: ['Zahlungserinnerung', 'Freundliche Zahlungserinnerung', 'Erinnerung: offene Rechnung', 'Payment reminder / Zahlungserinnerung'],
  1: ['1. Mahnung', 'Erste Mahnung', 'Mahnung - Mahnstufe 1'],
  2: ['2. Mahnung', 'Zweite Mahnung', 'Mahnung - Mahnstufe 2'],
  3: ['3. und letzte Mahnung', 'Letzte Mahnung', 'Letzte Mahnung vor Abgabe an ein Inkassounternehmen'],
  4: ['Zahlungsaufforderung', 'Aufforderung zur Zahlung', 'Inkasso: Zahlungsaufforderung'],
};

export interface DunningFigures {
  /** "unsere Rechnung Nr. ... vom ..." or a shorter form. */
  what: string;
  principal: string;
  fee: string | null;
  total: string;
  /** Date of the earlier reminder (levels 1..3). */
  earlier: string | null;
}

function breakdown(rng: Rng, f: DunningFigures): Block[] {
  if (f.fee === null) return [];
  const feeLabel = rng.pick(['Mahngebühr', 'Mahnkosten', 'Bearbeitungsgebühr']);
  return [{ kind: 'kv', rows: [['Offener Rechnungsbetrag', f.principal], [feeLabel, f.fee], ['Zu zahlender Gesamtbetrag', f.total]], boldLast: true }];
}

export function dunningText(rng: Rng, level: number, f: DunningFigures): Block[] {
  const amountPhrase = f.fee === null ? ` über ${f.principal}` : '';
  const open = (text: string): Block => ({ kind: 'p', text });
  const what = f.what.charAt(0).toUpperCase() + f.what.slice(1);
  if (level === 0) {
    return [
      open(rng.pick([
        `sicher ist es Ihrer Aufmerksamkeit entgangen: ${what}${amountPhrase} ist noch nicht beglichen.`,
        `bei der Durchsicht unserer Konten haben wir festgestellt, dass ${f.what}${amountPhrase} noch offen ist.`,
        `im hektischen Alltag kann eine Zahlung schon einmal untergehen. ${what}${amountPhrase} ist bei uns bisher nicht eingegangen.`,
      ])),
      ...breakdown(rng, f),
    ];
  }
  const earlier = f.earlier ? ` vom ${f.earlier}` : '';
  const first = rng.pick([
    `trotz unserer Zahlungserinnerung${earlier} konnten wir für ${f.what} noch keinen Zahlungseingang feststellen.`,
    `leider ist ${f.what}${amountPhrase} weiterhin unbezahlt, obwohl die Zahlungsfrist abgelaufen ist.`,
    `wir müssen Sie erneut an ${f.what}${amountPhrase} erinnern, die bis heute nicht ausgeglichen wurde.`,
  ]);
  const blocks: Block[] = [open(first), ...breakdown(rng, f)];
  if (f.fee === null && !first.includes(f.principal)) blocks.push(open(`Der offene Betrag beläuft sich auf ${f.principal}.`));
  if (level === 3) {
    blocks.push(open(rng.pick([
      'Dies ist unsere letzte Mahnung. Geht der Betrag nicht fristgerecht ein, übergeben wir die Forderung ohne weitere Ankündigung an ein Inkassounternehmen.',
      'Sollten Sie auch diese letzte Frist verstreichen lassen, werden wir ein gerichtliches Mahnverfahren einleiten. Die dadurch entstehenden Kosten gehen zu Ihren Lasten.',
    ])));
  } else if (level === 2) {
    blocks.push(open('Wir bitten Sie dringend, den Betrag nun umgehend zu überweisen.'));
  }
  return blocks;
}

export interface InkassoFigures {
  creditor: string;
  number: string;
  invoiceDate: string | null;
  principal: string;
  fee: string;
  total: string;
}

export function inkassoText(rng: Rng, f: InkassoFigures): Block[] {
  const dated = f.invoiceDate ? ` vom ${f.invoiceDate}` : '';
  return [
    {
      kind: 'p',
      text: rng.pick([
        `${f.creditor} hat uns mit dem Einzug der offenen Forderung gegen Sie beauftragt. Trotz mehrfacher Mahnung haben Sie die Rechnung Nr. ${f.number}${dated} nicht bezahlt.`,
        `in der oben genannten Angelegenheit vertreten wir die Interessen unseres Auftraggebers, ${f.creditor}. Gegenstand ist die Rechnung Nr. ${f.number}${dated}, die trotz Mahnungen unbeglichen blieb.`,
      ]),
    },
    { kind: 'p', text: 'Die Forderung setzt sich wie folgt zusammen:' },
    {
      kind: 'kv',
      rows: [
        [`Hauptforderung (Rechnung ${f.number})`, f.principal],
        [rng.pick(['Inkassokosten', 'Inkassovergütung', 'Kosten unserer Beauftragung']), f.fee],
        ['Gesamtforderung', f.total],
      ],
      boldLast: true,
    },
    {
      kind: 'p',
      text: rng.pick([
        'Zahlen Sie bitte ausschließlich auf unser unten genanntes Konto und geben Sie unser Aktenzeichen an.',
        'Mit schuldbefreiender Wirkung können Sie nur noch an uns leisten. Bitte nennen Sie bei Zahlung unser Zeichen.',
      ]),
    },
  ];
}
