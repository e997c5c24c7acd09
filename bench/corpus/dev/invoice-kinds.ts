/**
 * The dev family's invoicing firms: who they are, what they bill, how their item tables look and
 * which VAT regime and payment terms they use.
 */
import type { Rng } from '../render/random.ts';
import { addDays } from '../render/days.ts';
import { formatDate, monthYear } from './format.ts';
import type { CompanyOptions } from './parties.ts';

export type VatMode = 'net' | 'gross' | 'none';
export type TableStyle = 'positions' | 'simple' | 'medical';
export type TermKind = 'within' | 'until' | 'skonto' | 'immediate' | 'debit';

export interface Item {
  text: string;
  /** Tenths: 25 = 2,5. */
  quantity10: number;
  unit: string;
  unitCents: number;
  vat: 0 | 7 | 19;
  /** Medical bills: day of treatment, GOÄ number, factor. */
  day?: string;
  code?: string;
  factor?: string;
}

export interface KindContext {
  issueDate: string;
  customerStreet: string;
}

export interface InvoiceKind {
  name: string;
  companies: CompanyOptions[];
  tagline: string[];
  vat: VatMode;
  table: TableStyle;
  items: (rng: Rng, context: KindContext) => Item[];
  subject: string[];
  intro: string[];
  terms: TermKind[];
  /** Paragraphs after the totals (Leistungszeitraum, § 35a, tax exemption). */
  notes?: (rng: Rng, context: KindContext, totalCents: number) => string[];
  /** Extra lines for the information block. */
  pairs?: (rng: Rng, context: KindContext) => [string, string][];
  /** Payments already made (energy bills: the monthly instalments): label and cents. */
  deductions?: (rng: Rng, grossCents: number) => { label: string; cents: number }[];
  customerLabel: string[];
  font?: 'sans' | 'serif';
}

const item = (text: string, quantity10: number, unit: string, unitCents: number, vat: Item['vat'] = 19): Item => ({ text, quantity10, unit, unitCents, vat });
const span = (context: KindContext, back: number, length: number) => `${formatDate(addDays(context.issueDate, -back - length))} - ${formatDate(addDays(context.issueDate, -back))}`;

export const INVOICE_KINDS: InvoiceKind[] = [
  {
    name: 'craft',
    companies: [
      { pattern: 'Malerbetrieb {surname} GmbH' },
      { pattern: '{surname} Haustechnik GmbH & Co. KG', register: 'HRA' },
      { pattern: 'Elektro {surname} e.K.', register: 'HRA', managersLabel: 'Inhaber' },
      { pattern: 'Tischlerei {surname} & {surname2} GbR', register: null, managersLabel: 'Gesellschafter' },
      { pattern: 'Dachdeckerei {surname} GmbH' },
    ],
    tagline: ['Meisterbetrieb seit 1987', 'Ihr Fachbetrieb im Landkreis', 'Handwerk mit Verantwortung', 'Innungsfachbetrieb'],
    vat: 'net',
    table: 'positions',
    items: (rng) => {
      const works = rng.pick([
        ['Wände und Decken spachteln und streichen (2x Dispersion)', 'Lackierarbeiten Heizkörper', 'Abdeckarbeiten, Malervlies'],
        ['Austausch Thermostatventile', 'Spülen der Heizungsanlage', 'Hydraulischer Abgleich nach Verfahren B'],
        ['Unterverteilung erneuert, 3 FI/LS-Schalter', 'Steckdosen (Schuko) gesetzt', 'E-Check nach DGUV V3'],
        ['Einbauschrank Flur nach Aufmaß', 'Montage Schiebetürbeschläge', 'Sockelleisten Eiche geölt'],
        ['Dachrinne erneuert, Titanzink', 'Reparatur Ortgang, 6 Ziegel ersetzt', 'Gerüststellung (Standzeit 1 Woche)'],
      ]);
      const rate = rng.pick([5450, 5890, 6200, 6640, 7150]);
      return [
        item('Arbeitszeit Geselle', rng.int(4, 36) * 5, 'Std.', rate),
        ...rng.sample(works, rng.int(2, 3)).map((text) => item(text, rng.chance(0.5) ? 10 : rng.int(2, 12) * 10, rng.pick(['Stk.', 'psch.', 'm²', 'lfm']), rng.int(1850, 48000))),
        ...(rng.chance(0.6) ? [item('Anfahrtspauschale', 10, 'psch.', rng.pick([3500, 4200, 4950]))] : []),
        ...(rng.chance(0.3) ? [item('Entsorgung Altmaterial', 10, 'psch.', rng.int(1500, 6500))] : []),
      ];
    },
    subject: ['Malerarbeiten', 'Wartung und Reparatur', 'Elektroarbeiten', 'Ihr Auftrag', 'Ausgeführte Arbeiten'],
    intro: ['vielen Dank für Ihren Auftrag. Für die ausgeführten Arbeiten erlauben wir uns zu berechnen:', 'für die in Ihrem Auftrag ausgeführten Arbeiten stellen wir Ihnen in Rechnung:', 'wir danken für Ihr Vertrauen und berechnen unsere Leistungen wie folgt:'],
    terms: ['within', 'until', 'skonto'],
    notes: (rng, context) => [
      `Leistungszeitraum: ${span(context, rng.int(3, 12), rng.int(1, 6))}. Ausführungsort: ${context.customerStreet}.`,
      ...(rng.chance(0.6) ? [`Im Rechnungsbetrag sind Lohnkosten im Sinne des § 35a EStG in Höhe von ${rng.int(180, 1400)},00 € (brutto) enthalten.`] : []),
    ],
    pairs: (rng) => (rng.chance(0.5) ? [['Auftrag', `A-${rng.digits(5)}`]] : []),
    customerLabel: ['Kundennummer', 'Kunden-Nr.', 'Kd.-Nr.'],
  },
  {
    name: 'shop',
    companies: [
      { pattern: 'Kontor {surname} Versand GmbH' },
      { pattern: 'Gartenwelt {surname} KG', register: 'HRA', managersLabel: 'Komplementär' },
      { pattern: 'Papeterie {surname} OHG', register: 'HRA', managersLabel: 'Gesellschafter' },
      { pattern: 'Buch & Spiel {town} GmbH' },
    ],
    tagline: ['Versand seit 1994', 'Online-Shop und Ladengeschäft', 'Ihr Fachhandel'],
    vat: 'gross',
    table: 'positions',
    items: (rng) => {
      const goods: [string, number, Item['vat']][] = [
        ['Bildband "Küsten des Nordens"', 3400, 7], ['Kinderbuch "Der kleine Lotse"', 1600, 7], ['Tee-Set Steingut, 4-tlg.', 4490, 19], ['Gartenschere Bypass', 2995, 19],
        ['Kaffee Hochland, 1 kg', 1890, 7], ['Schreibset Füller + Tinte', 5990, 19], ['Blumenzwiebeln Tulpen-Mix (50 Stk.)', 1295, 7], ['Regenjacke Gr. M', 8900, 19],
        ['Brettspiel "Hafenmeister"', 3999, 19], ['Kalender 2027 A3', 2450, 7],
      ];
      return [
        ...rng.sample(goods, rng.int(2, 5)).map(([text, price, vat]) => item(text, rng.int(1, 3) * 10, 'Stk.', price + rng.int(0, 9) * 10, vat)),
        item('Versandkosten', 10, 'psch.', rng.pick([495, 590, 695]), 19),
      ];
    },
    subject: ['Rechnung zu Ihrer Bestellung', 'Rechnung', 'Ihre Bestellung'],
    intro: ['vielen Dank für Ihre Bestellung. Wir haben folgende Artikel an Sie geliefert:', 'Ihre Bestellung wurde versandt. Wir berechnen:', ''],
    terms: ['until', 'within'],
    pairs: (rng, context) => [['Bestellnummer', `${rng.digits(3)}-${rng.digits(7)}`], ['Lieferdatum', formatDate(addDays(context.issueDate, -rng.int(0, 3)))]],
    customerLabel: ['Kundennummer', 'Ihre Kundennummer'],
  },
  {
    name: 'telecom',
    companies: [
      { pattern: 'Kabelnetz {town} GmbH', secondBank: 0.4 },
      { pattern: '{surname}Com Telekommunikation GmbH' },
      { pattern: 'Funknetz {town} AG', managersLabel: 'Vorstand' },
    ],
    tagline: ['Internet · Telefon · TV', 'Mobilfunk und Glasfaser', 'Ihr regionaler Anbieter'],
    vat: 'net',
    table: 'simple',
    items: (rng, context) => [
      item(`Grundpreis Tarif ${rng.pick(['Glasfaser 250', 'Kabel Plus 100', 'Mobil L 20 GB', 'Komfort DSL 50'])}, ${monthYear(context.issueDate)}`, 10, '', rng.pick([2512, 3352, 2092, 4193])),
      ...(rng.chance(0.6) ? [item('Verbindungen ins Ausland', 10, '', rng.int(30, 1500))] : []),
      ...(rng.chance(0.5) ? [item(rng.pick(['Router-Miete', 'Option Festnetz-Flat', 'Zusatzkarte Multi-SIM']), 10, '', rng.pick([419, 502, 838]))] : []),
      ...(rng.chance(0.3) ? [item('Einmaliger Bereitstellungspreis', 10, '', rng.pick([2517, 4193]))] : []),
    ],
    subject: ['Ihre Rechnung', 'Rechnung für {month}', 'Monatsrechnung'],
    intro: ['hier ist Ihre aktuelle Rechnung. Eine Übersicht Ihrer Verbindungen finden Sie im Kundenportal.', 'anbei erhalten Sie Ihre Rechnung für den oben genannten Zeitraum.'],
    terms: ['debit', 'debit', 'until', 'within'],
    notes: (rng, context) => [`Abrechnungszeitraum: ${span(context, rng.int(1, 5), 29)}.`, ...(rng.chance(0.5) ? [`Vorherige Rechnung vom ${formatDate(addDays(context.issueDate, -rng.int(28, 31)))}: vollständig bezahlt. Vielen Dank.`] : [])],
    customerLabel: ['Kundennummer', 'Kundenkonto'],
  },
  {
    name: 'energy',
    companies: [
      { pattern: 'Stadtwerke {town} GmbH', managersLabel: 'Geschäftsführung' },
      { pattern: 'Energieversorgung {town} AG', managersLabel: 'Vorstand' },
      { pattern: '{town}er Wasser- und Gaswerke GmbH' },
    ],
    tagline: ['Strom · Gas · Wasser', 'Energie aus der Region'],
    vat: 'net',
    table: 'simple',
    items: (rng) => {
      const kwh = rng.int(1400, 4800);
      const price = rng.int(2890, 3690) / 100;
      return [
        item(`Arbeitspreis ${kwh} kWh x ${String(price.toFixed(2)).replace('.', ',')} ct/kWh`, 10, '', Math.round(kwh * price)),
        item('Grundpreis 12 Monate', 10, '', rng.int(9000, 18000)),
        ...(rng.chance(0.5) ? [item('Messstellenbetrieb', 10, '', rng.int(1500, 3000))] : []),
      ];
    },
    subject: ['Jahresabrechnung {year} Strom', 'Ihre Verbrauchsabrechnung', 'Schlussrechnung Gas'],
    intro: ['mit diesem Schreiben erhalten Sie die Abrechnung Ihres Verbrauchs im vergangenen Abrechnungsjahr.', 'wir haben Ihren Zählerstand erhalten und Ihren Verbrauch abgerechnet.'],
    terms: ['until', 'debit', 'within'],
    deductions: (rng, gross) => {
      const monthly = Math.floor((gross * rng.between(0.78, 0.94)) / 1200) * 100;
      return [{ label: `abzüglich geleistete Abschläge (12 x ${String(monthly / 100)},00 €)`, cents: monthly * 12 }];
    },
    notes: (rng, context) => [
      `Abrechnungszeitraum: ${span(context, rng.int(10, 30), 364)}. Zählernummer ${rng.digits(1)}ESY${rng.digits(8)}.`,
      `Ihr neuer monatlicher Abschlag beträgt ab ${formatDate(addDays(context.issueDate, rng.int(20, 40)))} ${rng.int(60, 140)},00 €.`,
    ],
    customerLabel: ['Vertragskonto', 'Kundennummer'],
  },
  {
    name: 'medical',
    companies: [
      { pattern: 'Dr. med. {first} {surname}', register: null, managersLabel: null, vat: false },
      { pattern: 'Praxis für Orthopädie Dr. {surname} & Kollegen', register: 'PR', managersLabel: null, vat: false },
    ],
    tagline: ['Privatpraxis', 'Alle Kassen und privat', 'Sprechzeiten nach Vereinbarung'],
    vat: 'none',
    table: 'medical',
    items: (rng, context) => {
      const services: [string, string, number][] = [
        ['1', 'Beratung, auch telefonisch', 466], ['5', 'Symptombezogene Untersuchung', 466], ['3', 'Eingehende Beratung', 874], ['7', 'Vollständige körperliche Untersuchung', 933],
        ['250', 'Blutentnahme', 233], ['410', 'Ultraschalluntersuchung eines Organs', 1166], ['651', 'EKG in Ruhe', 1485], ['75', 'Ausführlicher Befundbericht', 1020],
      ];
      const first = addDays(context.issueDate, -rng.int(10, 40));
      return rng.sample(services, rng.int(3, 6)).map(([code, text, base], index) => {
        const factor = rng.pick(['2,3', '1,8', '3,5']);
        return { text, quantity10: 10, unit: '', unitCents: Math.round(base * Number(factor.replace(',', '.'))), vat: 0 as const, day: formatDate(addDays(first, index > 2 ? 7 : 0)), code, factor };
      });
    },
    subject: ['Privatliquidation', 'Rechnung nach GOÄ', 'Honorarrechnung'],
    intro: ['für meine ärztlichen Leistungen erlaube ich mir, nach der Gebührenordnung für Ärzte (GOÄ) zu berechnen:', 'für die Behandlung berechnen wir gemäß GOÄ:'],
    terms: ['within', 'until'],
    notes: (rng) => [`Diagnose: ${rng.pick(['Lumbalgie', 'Hypertonie, Verlaufskontrolle', 'Gonarthrose rechts', 'Vorsorgeuntersuchung'])}.`, 'Ärztliche Heilbehandlungen sind nach § 4 Nr. 14 UStG von der Umsatzsteuer befreit.'],
    customerLabel: ['Patienten-Nr.', 'Patientennummer'],
    font: 'serif',
  },
  {
    name: 'garage',
    companies: [{ pattern: 'Autohaus {surname} GmbH' }, { pattern: 'Kfz-Meisterbetrieb {surname} e.K.', register: 'HRA', managersLabel: 'Inhaber' }],
    tagline: ['Service · Reparatur · HU/AU', 'Meisterwerkstatt für alle Marken'],
    vat: 'net',
    table: 'positions',
    items: (rng) => [
      item('Inspektion nach Herstellervorgabe', rng.int(8, 36) * 10, 'AW', rng.pick([1180, 1290, 1420])),
      ...rng.sample([['Ölfilter', 1290], ['Motoröl 5W-30', 1490], ['Bremsbeläge vorne (Satz)', 8950], ['Wischerblätter', 2790], ['Luftfilter', 2340], ['Batterie 70 Ah', 13900]] as [string, number][], rng.int(2, 4)).map(([text, price]) => item(text, text.includes('Öl') ? rng.int(40, 55) : 10, text.includes('Öl') ? 'l' : 'Stk.', price)),
      ...(rng.chance(0.5) ? [item('Altteile-/Altölentsorgung', 10, 'psch.', 950)] : []),
    ],
    subject: ['Werkstattrechnung', 'Rechnung zu Auftrag', 'Rechnung'],
    intro: ['für die Arbeiten an Ihrem Fahrzeug berechnen wir:', ''],
    terms: ['immediate', 'skonto', 'until'],
    pairs: (rng) => [['Kennzeichen', `${rng.letters(rng.int(1, 2))}-${rng.letters(2)} ${rng.int(10, 9999)}`], ['km-Stand', `${rng.int(12, 240)}.${rng.digits(3)}`]],
    customerLabel: ['Kunden-Nr.', 'Kundennummer'],
  },
  {
    name: 'advisor',
    companies: [
      { pattern: 'Steuerberatung {surname} & Partner mbB', register: 'PR', managersLabel: 'Partner' },
      { pattern: 'Rechtsanwaltskanzlei {surname}', register: null, managersLabel: 'Rechtsanwälte' },
    ],
    tagline: ['Steuerberatung · Lohn · Jahresabschluss', 'Kanzlei für Arbeits- und Mietrecht'],
    vat: 'net',
    table: 'simple',
    items: (rng) => [
      item(rng.pick([`Einkommensteuererklärung ${rng.int(2023, 2025)}, § 24 Abs. 1 Nr. 1 StBVV, Gegenstandswert ${rng.int(12, 90)}.000 €`, `Beratung Mietsache, Geschäftsgebühr Nr. 2300 VV RVG`]), 10, '', rng.int(28000, 98000)),
      item('Pauschale für Post und Telekommunikation', 10, '', 2000),
      ...(rng.chance(0.4) ? [item('Dokumentenpauschale (Kopien)', 10, '', rng.int(350, 1800))] : []),
    ],
    subject: ['Vergütungsrechnung', 'Honorarrechnung', 'Kostennote'],
    intro: ['für meine Tätigkeit in der oben genannten Angelegenheit berechne ich:', 'für unsere Leistungen berechnen wir Ihnen wie folgt:'],
    terms: ['immediate', 'within'],
    customerLabel: ['Mandanten-Nr.', 'Mandantennummer'],
    font: 'serif',
  },
  {
    name: 'school',
    companies: [{ pattern: 'Musikschule {town} e.V.', register: 'VR', managersLabel: 'Vorstand' }, { pattern: 'Volkshochschule {town} gGmbH', managersLabel: 'Geschäftsführung' }],
    tagline: ['Unterricht für alle Generationen', 'Bildung in der Region'],
    vat: 'none',
    table: 'simple',
    items: (rng) => [
      item(rng.pick(['Unterrichtsentgelt Klavier, Einzelunterricht 45 Min., 2. Halbjahr', 'Kursgebühr "Spanisch A2", 12 Termine', 'Kursgebühr "Aquarellmalen", 8 Abende']), 10, '', rng.int(9000, 42000)),
      ...(rng.chance(0.5) ? [item('Materialgeld', 10, '', rng.int(800, 2500))] : []),
    ],
    subject: ['Gebührenrechnung', 'Rechnung Kursgebühr', 'Rechnung Unterrichtsentgelt'],
    intro: ['wir berechnen Ihnen für die Teilnahme:', 'für den gebuchten Unterricht stellen wir in Rechnung:'],
    terms: ['until', 'within'],
    notes: () => ['Die Leistungen sind nach § 4 Nr. 21 UStG von der Umsatzsteuer befreit.'],
    customerLabel: ['Teilnehmer-Nr.', 'Schülernummer'],
  },
  {
    name: 'chimney',
    companies: [{ pattern: 'Schornsteinfegermeister {first} {surname}', register: null, managersLabel: null }],
    tagline: ['Bevollmächtigter Bezirksschornsteinfeger', 'Energieberatung · Feuerstättenschau'],
    vat: 'net',
    table: 'positions',
    items: (rng) => [
      item('Überprüfung Gasfeuerstätte inkl. Abgaswegeüberprüfung', 10, 'Stk.', rng.int(3800, 5600)),
      item('Arbeitswerte (AW) nach KÜO', rng.int(12, 40) * 10, 'AW', 130),
      ...(rng.chance(0.5) ? [item('Feuerstättenschau', 10, 'Stk.', rng.int(2500, 4200))] : []),
      item('Fahrtkostenpauschale', 10, 'psch.', rng.int(600, 1200)),
    ],
    subject: ['Rechnung Kehr- und Überprüfungsarbeiten', 'Rechnung'],
    intro: ['für die am oben genannten Objekt durchgeführten Arbeiten berechne ich:'],
    terms: ['within', 'until'],
    customerLabel: ['Objekt-Nr.', 'Kehrbezirk/Objekt'],
  },
  {
    name: 'publisher',
    companies: [{ pattern: 'Verlagshaus {surname} GmbH' }, { pattern: '{town}er Tageblatt Verlag GmbH & Co. KG', register: 'HRA', managersLabel: 'Geschäftsführer' }],
    tagline: ['Zeitungen · Zeitschriften · Bücher', 'Leserservice'],
    vat: 'gross',
    table: 'simple',
    items: (rng) => [item(rng.pick(['Abonnement "Landleben kompakt", 12 Ausgaben', 'Bezugspreis Tageszeitung, 6 Monate', 'Jahresabo "Werkstatt & Garten"']), 10, '', rng.int(4800, 27000), 7)],
    subject: ['Abonnementrechnung', 'Rechnung Bezugsgeld'],
    intro: ['vielen Dank, dass Sie unser Leser sind. Für den kommenden Bezugszeitraum berechnen wir:'],
    terms: ['until', 'within', 'debit'],
    notes: (rng, context) => [`Bezugszeitraum: ${formatDate(addDays(context.issueDate, rng.int(10, 25)))} bis ${formatDate(addDays(context.issueDate, rng.int(190, 380)))}.`],
    customerLabel: ['Abonummer', 'Kundennummer'],
  },
];
