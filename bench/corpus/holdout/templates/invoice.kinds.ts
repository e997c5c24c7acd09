/** The body of an invoice by trade: positions, totals and the figures around them. */
import type { Habits, Recipient } from '../holdout.common.ts';
import { addDays, endOfMonth, type IsoDate } from '../holdout.dates.ts';
import { formatAmount, formatDate, formatNumber, nb } from '../holdout.format.ts';
import type { Block } from '../holdout.layout.ts';
import { FIRST_NAMES_F, FIRST_NAMES_M } from '../holdout.names.ts';
import type { Rng } from '../holdout.random.ts';
import type { Sender } from '../holdout.senders.ts';

export interface InvoiceBody {
  title: string;
  refs: Array<[string, string]>;
  blocks: Block[];
  /** Printed after the payment terms (distractor figures, legal notes). */
  after: Block[];
  totalCents: number;
}

export interface BodyInput {
  rng: Rng;
  h: Habits;
  sender: Sender;
  to: Recipient;
  issue: IsoDate;
}

const n = (cents: number): string => formatNumber(cents, '.');
const vatOf = (net: number, rate: number): number => Math.round((net * rate) / 100);

const JOBS: Record<string, Array<[string, number]>> = {
  Sanitär: [['Thermostatventil DN 15', 2890], ['Thermostatkopf', 1975], ['Dichtungs- und Kleinmaterial', 840], ['Eckventil 1/2 Zoll', 1260]],
  Elektro: [['Schuko-Steckdose UP', 690], ['Installationskabel NYM-J 3x1,5 (m)', 145], ['Abzweigdose', 380], ['FI-Schutzschalter 40 A', 6450]],
  Dachdeckerei: [['Dachrinne Zink (m)', 2380], ['Rinnenhalter', 415], ['Fallrohrbogen', 1290], ['Dachziegel Ersatz', 310]],
  Malerbetrieb: [['Dispersionsfarbe weiß 12,5 l', 6490], ['Abdeckvlies (m²)', 95], ['Acryl-Dichtstoff', 590], ['Tiefengrund 10 l', 3850]],
  Tischlerei: [['Multiplexplatte Birke (m²)', 5420], ['Beschläge-Set', 3380], ['Kantenumleimer (m)', 120], ['Montagematerial', 1450]],
  Fliesen: [['Fugenmörtel grau 5 kg', 1290], ['Silikon sanitär', 790], ['Fliesenkleber 25 kg', 2150], ['Ersatzfliese 30x60', 1840]],
  Gartenbau: [['Grünschnittentsorgung (m³)', 3900], ['Rindenmulch (Sack)', 690], ['Pflanzerde 50 l', 890], ['Heckenpflanze', 1290]],
};

export function craftsmanBody({ rng, h, sender, issue }: BodyInput): InvoiceBody {
  // Some jobs are long: the same materials again for further rooms, so the table runs onto page 2.
  const pool = JOBS[sender.detail] ?? JOBS['Sanitär'] ?? [];
  const rooms = rng.chance(0.15) ? ['Küche', 'Bad', 'Flur', 'Wohnzimmer', 'Keller'] : [null];
  const materials = rooms.flatMap((room) => rng.shuffle(pool).slice(0, rng.int(1, 3)).map(([text, price]): [string, number] => [room ? `${text}, ${room}` : text, price]));
  const rows: string[][] = [];
  let net = 0;
  const add = (text: string, qty: string, unit: number, total: number): void => {
    rows.push([String(rows.length + 1), text, nb(qty), n(unit), n(total)]);
    net += total;
  };
  const hours = rng.int(2, 18) / 2;
  const rate = rng.pick([5450, 5890, 6200, 6780]);
  const labour = Math.round(hours * rate);
  if (rng.chance(0.7)) {
    const fee = rng.pick([3500, 4200, 5900]);
    add(rng.pick(['Anfahrtspauschale', 'Fahrtkosten pauschal']), '1', fee, fee);
  }
  add(rng.pick(['Arbeitszeit Geselle', 'Monteurstunden', 'Arbeitsleistung lt. Stundennachweis']), `${String(hours).replace('.', ',')} Std.`, rate, labour);
  for (const [text, price] of materials) {
    const qty = rng.int(1, 6);
    add(text, `${qty} ${text.includes('(m') ? 'Einh.' : 'Stk.'}`, price, qty * price);
  }
  const vat = vatOf(net, 19);
  const total = net + vat;
  const workDay = addDays(issue, -rng.int(2, 20));
  const after: Block[] = [];
  if (rng.chance(0.6)) {
    after.push({ kind: 'p', text: `Im Rechnungsbetrag enthaltene Lohnkosten nach § 35a EStG: ${formatAmount(labour + vatOf(labour, 19), h.amount)}.` });
  }
  return {
    title: 'Rechnung',
    refs: [[rng.pick(['Leistungsdatum', 'Ausführung am']), formatDate(workDay, h.date)]],
    blocks: [
      { kind: 'p', text: rng.pick(['für die in Ihrem Auftrag ausgeführten Arbeiten berechnen wir Ihnen:', 'wir bedanken uns für Ihren Auftrag und stellen folgende Leistungen in Rechnung:', 'nach Abschluss der Arbeiten erlauben wir uns, wie folgt abzurechnen:']) },
      {
        kind: 'table',
        columns: [
          { header: 'Pos.', width: 0.07 },
          { header: 'Bezeichnung', width: 0.45 },
          { header: 'Menge', width: 0.13, align: 'right' },
          { header: 'Einzelpreis', width: 0.16, align: 'right' },
          { header: 'Gesamt (EUR)', width: 0.19, align: 'right' },
        ],
        rows,
        totals: [
          [rng.pick(['Nettobetrag', 'Summe netto']), n(net)],
          [rng.pick(['zzgl. 19 % MwSt.', 'Umsatzsteuer 19 %']), n(vat)],
          [rng.pick(['Rechnungsbetrag', 'Gesamtbetrag', 'Endbetrag']), formatAmount(total, h.amount)],
        ],
        boldLast: true,
      },
    ],
    after,
    totalCents: total,
  };
}

const GOAE: Array<[string, string, number]> = [
  ['1', 'Beratung', 466],
  ['3', 'Eingehende Beratung', 874],
  ['5', 'Symptombezogene Untersuchung', 466],
  ['7', 'Untersuchung eines Organsystems', 933],
  ['250', 'Blutentnahme', 233],
  ['410', 'Ultraschall eines Organs', 1166],
  ['651', 'EKG in Ruhe', 1475],
  ['75', 'Schriftlicher Befundbericht', 758],
  ['3550', 'Blutbild', 204],
];
const DIAGNOSES = ['Lumbago', 'Arterielle Hypertonie', 'Kontaktekzem', 'Konjunktivitis', 'Akute Sinusitis', 'Gonarthrose', 'Vitamin-D-Mangel'];

export function doctorBody({ rng, h, to, issue }: BodyInput): InvoiceBody {
  const child = rng.chance(0.3);
  const patientFirst = child ? rng.pick([...FIRST_NAMES_F, ...FIRST_NAMES_M]) : to.person.first;
  const birth = formatDate(`${child ? rng.int(2012, 2020) : rng.int(1950, 2000)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`, h.date);
  const visits = Array.from({ length: rng.int(1, 3) }, () => addDays(issue, -rng.int(5, 45))).sort();
  const rows: string[][] = [];
  let total = 0;
  for (const visit of visits) {
    for (const [code, text, base] of rng.shuffle(GOAE).slice(0, rng.int(1, 3))) {
      const factor = rng.pick([1.8, 2.3, 2.3, 3.5]);
      const amount = Math.round(base * factor);
      rows.push([formatDate(visit, 'numeric'), code, text, String(factor).replace('.', ','), n(amount)]);
      total += amount;
    }
  }
  return {
    title: rng.pick(['Privatliquidation', 'Rechnung für privatärztliche Leistungen', 'Arztrechnung nach GOÄ']),
    refs: [],
    blocks: [
      { kind: 'kv', rows: [['Patient/in', `${patientFirst} ${to.person.last}, geb. ${birth.replace(/\u00a0/g, ' ')}`], ['Diagnose', rng.pick(DIAGNOSES)]] },
      {
        kind: 'table',
        columns: [
          { header: 'Datum', width: 0.17 },
          { header: 'GOÄ', width: 0.09 },
          { header: 'Leistung', width: 0.44 },
          { header: 'Faktor', width: 0.12, align: 'right' },
          { header: 'Betrag', width: 0.18, align: 'right' },
        ],
        rows,
        totals: [[rng.pick(['Rechnungsbetrag', 'Summe', 'Gesamtsumme']), formatAmount(total, h.amount)]],
        boldLast: true,
      },
    ],
    after: [{ kind: 'p', text: rng.pick(['Ärztliche Leistungen sind nach § 4 Nr. 14 UStG von der Umsatzsteuer befreit.', 'Umsatzsteuerfrei gemäß § 4 Nr. 14 UStG.']) }],
    totalCents: total,
  };
}

const ARTICLES: Array<[string, number]> = [
  ['Pflanzkübel Terrakotta 40 cm', 3490], ['Gartenschere Bypass', 2295], ['LED-Lichterkette 10 m', 1799], ['Thermoskanne 1 l', 2450],
  ['Schreibtischlampe', 4990], ['Hundedecke Größe L', 3900], ['Fahrradschlauch 28 Zoll', 699], ['Kaffeemühle manuell', 5490],
  ['Notizbücher A5 (3er-Pack)', 1295], ['Regenjacke Größe M', 8995], ['Vogelfutterhaus', 2790], ['Akku-Taschenlampe', 1999],
];

export function shopBody({ rng, h, issue }: BodyInput): InvoiceBody {
  const rows: string[][] = [];
  let subtotal = 0;
  for (const [name, price] of rng.shuffle(ARTICLES).slice(0, rng.int(1, 4))) {
    const qty = rng.int(1, 3);
    rows.push([`${rng.int(10, 99)}-${rng.digits(5)}`, name, String(qty), n(price), n(qty * price)]);
    subtotal += qty * price;
  }
  const shipping = subtotal > 5000 && rng.chance(0.6) ? 0 : rng.pick([395, 495, 590]);
  const total = subtotal + shipping;
  const ordered = addDays(issue, -rng.int(1, 6));
  return {
    title: rng.weighted([['Rechnung', 3], ['Rechnung zu Ihrer Bestellung', 3], ['Invoice / Rechnung', 0.5]] as const),
    refs: [
      ['Bestellnr.', `${rng.pick(['B', 'ORD', 'A'])}-${rng.digits(7)}`],
      ['Bestelldatum', formatDate(ordered, h.date)],
    ],
    blocks: [
      { kind: 'p', text: rng.pick(['vielen Dank für Ihre Bestellung. Wir haben Ihnen folgende Artikel geliefert:', 'anbei erhalten Sie die Rechnung zu Ihrer Bestellung. Die Ware wurde am ' + formatDate(addDays(ordered, 1), h.date) + ' versandt.']) },
      {
        kind: 'table',
        columns: [
          { header: 'Art.-Nr.', width: 0.15 },
          { header: 'Artikel', width: 0.43 },
          { header: 'Anz.', width: 0.08, align: 'right' },
          { header: 'Preis', width: 0.16, align: 'right' },
          { header: 'Summe', width: 0.18, align: 'right' },
        ],
        rows,
        totals: [
          ['Zwischensumme', n(subtotal)],
          ['Versandkosten', n(shipping)],
          [rng.pick(['Gesamtbetrag', 'Rechnungsbetrag', 'Gesamt inkl. MwSt.']), formatAmount(total, h.amount)],
        ],
        boldLast: true,
      },
      { kind: 'p', text: `Im Gesamtbetrag sind 19 % MwSt. (${formatAmount(Math.round((total * 19) / 119), h.amount)}) enthalten.` },
    ],
    after: [{ kind: 'p', text: rng.pick(['Zahlungsart: Kauf auf Rechnung.', 'Sie haben die Zahlungsart Rechnung gewählt.']) }],
    totalCents: total,
  };
}

export function utilityBody({ rng, h, sender, issue }: BodyInput): InvoiceBody {
  const waterOnly = sender.profile.name.startsWith('Wasserverband');
  const medium = waterOnly ? 'Trinkwasser' : rng.pick(sender.profile.name.startsWith('Stadtwerke') ? (['Strom', 'Erdgas', 'Trinkwasser'] as const) : (['Strom', 'Erdgas'] as const));
  const year = Number(issue.slice(0, 4)) - 1;
  const water = medium === 'Trinkwasser';
  const quantity = water ? rng.int(38, 160) : medium === 'Strom' ? rng.int(1200, 5200) : rng.int(4000, 18000);
  // Hundredths of a cent per unit: 3147 = 31,47 ct/kWh; 24500 = 2,45 EUR/m³.
  const price = water ? rng.int(180, 290) * 100 : medium === 'Strom' ? rng.int(2650, 3690) : rng.int(880, 1450);
  const energy = Math.round((quantity * price) / 100);
  const base = rng.pick([890, 1190, 1450]) * 12;
  const net = energy + base;
  const rate = water ? 7 : 19;
  const gross = net + vatOf(net, rate);
  const instalment = Math.floor((gross * rng.int(70, 92)) / 100 / 12 / 100) * 100;
  const paid = instalment * 12;
  const due = gross - paid;
  const unit = water ? 'm³' : 'kWh';
  const from = formatDate(`${year}-01-01`, h.date);
  const to = formatDate(`${year}-12-31`, h.date);
  const quantityText = `${formatNumber(quantity * 100, '.').replace(/,00$/, '')} ${unit}`;
  const unitPrice = water ? `${formatNumber(price / 100, '.')} €/m³` : `${formatNumber(price, '.')} ct/kWh`;
  return {
    title: `${rng.pick(['Jahresabrechnung', 'Verbrauchsabrechnung'])} ${medium} ${year}`,
    refs: [['Zählernummer', `${rng.digits(1)}${rng.pick(['EMH', 'ITF', 'LGZ', 'WZ'])}${rng.digits(8)}`]],
    blocks: [
      { kind: 'p', text: `für den Abrechnungszeitraum ${from} bis ${to} rechnen wir Ihren Verbrauch wie folgt ab:` },
      {
        kind: 'table',
        columns: [
          { header: 'Position', width: 0.36 },
          { header: 'Menge', width: 0.2, align: 'right' },
          { header: 'Preis', width: 0.22, align: 'right' },
          { header: 'Betrag (EUR)', width: 0.22, align: 'right' },
        ],
        rows: [
          ['Arbeitspreis', nb(quantityText), nb(unitPrice), n(energy)],
          ['Grundpreis', '12 Monate', `${n(base / 12)} €/Monat`, n(base)],
        ],
        totals: [
          ['Summe netto', n(net)],
          [`Umsatzsteuer ${rate} %`, n(gross - net)],
          ['Summe brutto', n(gross)],
          ['abzgl. geleistete Abschläge', n(-paid)],
          [rng.pick(['Nachzahlung', 'Zu zahlender Betrag', 'Nachzahlungsbetrag']), formatAmount(due, h.amount)],
        ],
        boldLast: true,
      },
    ],
    after: [{ kind: 'p', text: `Ihr neuer monatlicher Abschlag beträgt ab ${formatDate(addDays(endOfMonth(addDays(issue, rng.int(10, 40))), 1), h.date)} ${formatAmount(instalment + rng.int(1, 3) * 500, h.amount)}.` }],
    totalCents: due,
  };
}
