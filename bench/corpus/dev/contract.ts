/**
 * Dev-family contract letters: confirmations of new contracts, yearly overviews of running ones,
 * an insurance policy, a parking-space lease (two pages, in paragraphs). Terms are printed in a
 * table or in prose; the truth's `last_cancellation_date` is `cancellation()` from
 * render/contract-terms.ts applied to the printed terms and the letter's date; terms it refuses
 * are drawn again. `notice_period` is the notice phrase as the letter prints it.
 */
import type { Rng } from '../render/random.ts';
import { cancellation, UnsettledContractError, type Cancellation, type ContractTerms, type Notice } from '../render/contract-terms.ts';
import { addDays, addMonths, formatDay, parseDay } from '../render/days.ts';
import { noticeWording, termWording, type Scheme } from './contract-schemes.ts';
import { EMPTY_TRUTH, type Draft } from './draft.ts';
import { formatDate, formatMoney, type DateStyle } from './format.ts';
import { letter, stationery } from './frame.ts';
import type { Block, Pair } from './letter.ts';
import { company as makeCompany, person, recipientLines, salutation, type CompanyOptions } from './parties.ts';
import { LETTER_FROM, LETTER_DAYS } from './window.ts';

interface Drawn {
  scheme: Scheme;
  terms: ContractTerms;
  isNew: boolean;
}

interface ContractKind {
  name: string;
  companies: CompanyOptions[];
  tagline: string[];
  context: 'insurance' | 'club' | 'billing' | 'general';
  idLabel: string;
  subjects: { new: string[]; running: string[] };
  product: (rng: Rng) => Pair[];
  draw: (rng: Rng, asOf: string) => Drawn;
}

const firstOfMonth = (iso: string, monthsLater: number) => {
  const { year, month } = parseDay(addMonths(iso, monthsLater));
  return formatDay({ year, month, day: 1 });
};
const euro = (rng: Rng, min: number, max: number) => formatMoney(rng.int(min, max) * 10 - 1);
const months = (amount: number, anchor: Notice['anchor']): Notice => ({ amount, unit: 'months', anchor });
const weeks = (amount: number, anchor: Notice['anchor']): Notice => ({ amount, unit: 'weeks', anchor });
/** A day in the past, from `fromYear` to shortly before asOf; the 1st of a month when asked. */
const past = (rng: Rng, asOf: string, fromYear: number, toYear: number, first: boolean) => {
  const day = formatDay({ year: rng.int(fromYear, toYear), month: rng.int(1, 12), day: first ? 1 : rng.int(1, 28) });
  return day < addDays(asOf, -40) ? day : addDays(asOf, -rng.int(40, 400));
};

const KINDS: ContractKind[] = [
  {
    name: 'mobile',
    companies: [{ pattern: 'Funkwelle {town} GmbH' }, { pattern: '{town}Fon Telekommunikation GmbH' }, { pattern: 'Glasnetz {town} GmbH' }],
    tagline: ['Mobilfunk · Internet · Festnetz', 'Glasfaser für die Region'],
    context: 'general',
    idLabel: 'Vertragsnummer',
    subjects: { new: ['Auftragsbestätigung und Vertragszusammenfassung', 'Willkommen! Ihre Vertragsbestätigung'], running: ['Ihre jährliche Tarifinformation', 'Information zu Ihrem Vertrag'] },
    product: (rng) => [['Tarif', rng.pick(['Mobil XL 40 GB', 'Allnet Flat M', 'Glasfaser 500', 'Kombi DSL 100'])], ['Monatlicher Grundpreis', euro(rng, 1500, 4999)], ['Einmaliger Anschlusspreis', euro(rng, 1999, 6999)]],
    draw: (rng, asOf) => {
      const notice = months(rng.pick([1, 3]), 'term_end');
      return rng.chance(0.5)
        ? { scheme: 'open', isNew: true, terms: { start: addDays(asOf, rng.int(2, 14)), minimumTermMonths: 24, renewalMonths: 0, notice } }
        : { scheme: 'open', isNew: false, terms: { start: addDays(asOf, -rng.int(60, 1400)), minimumTermMonths: 24, renewalMonths: 0, notice } };
    },
  },
  {
    name: 'energy',
    companies: [{ pattern: 'Energiekontor {town} GmbH' }, { pattern: 'Stadtwerke {town} GmbH', managersLabel: 'Geschäftsführung' }, { pattern: 'Regionalstrom {surname} AG', managersLabel: 'Vorstand' }],
    tagline: ['Strom und Gas aus der Region', 'Ökostrom · Erdgas'],
    context: 'general',
    idLabel: 'Vertragskonto',
    subjects: { new: ['Bestätigung Ihres Energieliefervertrags', 'Ihr neuer Stromvertrag'], running: ['Vertragsübersicht Strom', 'Ihre Vertragsdaten im Überblick'] },
    product: (rng) => [['Produkt', rng.pick(['Ökostrom Fix 12', 'Erdgas Regional', 'Strom Basis'])], ['Arbeitspreis', `${rng.int(26, 39)},${rng.digits(2)} ct/kWh`], ['Grundpreis', `${euro(rng, 900, 1800)} pro Monat`], ['Abschlag', `${rng.int(45, 160)},00 € monatlich`]],
    draw: (rng, asOf) =>
      rng.chance(0.5)
        ? { scheme: 'open', isNew: true, terms: { start: firstOfMonth(asOf, rng.int(1, 2)), minimumTermMonths: 12, renewalMonths: 0, notice: rng.chance(0.5) ? months(1, 'term_end') : weeks(6, 'term_end') } }
        : { scheme: 'renewal', isNew: false, terms: { start: past(rng, asOf, 2016, 2021, true), minimumTermMonths: 12, renewalMonths: 12, notice: rng.chance(0.5) ? months(3, 'term_end') : weeks(6, 'term_end') } },
  },
  {
    name: 'gym',
    companies: [{ pattern: 'Fitnesswerk {town} GmbH' }, { pattern: 'Sportpark {surname} GmbH & Co. KG', register: 'HRA' }, { pattern: 'Aktivhaus {town} UG (haftungsbeschränkt)' }],
    tagline: ['Fitness · Kurse · Sauna', 'Training für alle'],
    context: 'general',
    idLabel: 'Mitgliedsnummer',
    subjects: { new: ['Willkommen im Club – Ihre Mitgliedschaft', 'Bestätigung Ihrer Mitgliedschaft'], running: ['Ihre Mitgliedschaft im Überblick', 'Mitgliedschaftsinformation'] },
    product: (rng) => [['Tarif', rng.pick(['Premium All-In', 'Basic', 'Flex Monat'])], ['Beitrag', `${euro(rng, 1990, 5990)} monatlich`], ['Aufnahmegebühr', euro(rng, 1900, 4900)]],
    draw: (rng, asOf) => {
      const roll = rng.int(0, 2);
      if (roll === 0) return { scheme: 'open', isNew: true, terms: { start: firstOfMonth(asOf, 1), minimumTermMonths: rng.pick([12, 24]), renewalMonths: 0, notice: months(1, 'term_end') } };
      if (roll === 1) return { scheme: 'month_end', isNew: true, terms: { start: addDays(asOf, rng.int(1, 10)), minimumTermMonths: 0, renewalMonths: 0, notice: months(1, 'month_end') } };
      return { scheme: 'renewal', isNew: false, terms: { start: past(rng, asOf, 2017, 2021, rng.chance(0.5)), minimumTermMonths: rng.pick([12, 24]), renewalMonths: 12, notice: months(3, 'term_end') } };
    },
  },
  {
    name: 'insurance',
    companies: [{ pattern: 'Hanseatische Sachversicherung {town} AG', managersLabel: 'Vorstand' }, { pattern: '{town}er Versicherungsverein VVaG', managersLabel: 'Vorstand' }, { pattern: '{surname} Assekuranz AG', managersLabel: 'Vorstand' }],
    tagline: ['Hausrat · Haftpflicht · Rechtsschutz', 'Versicherungen seit 1908'],
    context: 'insurance',
    idLabel: 'Versicherungsschein-Nr.',
    subjects: { new: ['Ihr Versicherungsschein', 'Versicherungsschein und Vertragsinformationen'], running: ['Beitragsinformation und Vertragsübersicht', 'Ihr Versicherungsvertrag im Überblick'] },
    product: (rng) => [['Sparte', rng.pick(['Hausratversicherung', 'Privat-Haftpflichtversicherung', 'Rechtsschutzversicherung'])], ['Jahresbeitrag', euro(rng, 4000, 32000)], ['Versicherungssumme', `${rng.int(30, 120)}.000,00 €`], ['Selbstbeteiligung', `${rng.pick([0, 150, 250])},00 €`]],
    draw: (rng, asOf) => {
      const minimum = rng.pick([12, 12, 36]);
      const notice = rng.chance(0.7) ? months(3, 'term_end') : months(1, 'term_end');
      return rng.chance(0.5)
        ? { scheme: 'renewal', isNew: true, terms: { start: rng.chance(0.5) ? firstOfMonth(asOf, 1) : addDays(asOf, rng.int(1, 20)), minimumTermMonths: minimum, renewalMonths: 12, notice } }
        : { scheme: 'renewal', isNew: false, terms: { start: past(rng, asOf, 2014, 2025, rng.chance(0.6)), minimumTermMonths: minimum, renewalMonths: 12, notice } };
    },
  },
  {
    name: 'magazine',
    companies: [{ pattern: 'Leserservice {surname} Verlag GmbH' }, { pattern: '{town}er Nachrichten Verlag KG', register: 'HRA' }],
    tagline: ['Abo-Service', 'Zeitung · Magazin · Digital'],
    context: 'general',
    idLabel: 'Abo-Nummer',
    subjects: { new: ['Bestätigung Ihres Abonnements', 'Ihr Abo – herzlich willkommen'], running: ['Ihr Abonnement im Überblick', 'Information zu Ihrem Abonnement'] },
    product: (rng) => [['Titel', rng.pick(['Landleben kompakt', 'Tageszeitung (Print + Digital)', 'Technik heute'])], ['Bezugspreis', `${euro(rng, 690, 4290)} monatlich`]],
    draw: (rng, asOf) =>
      rng.chance(0.5)
        ? { scheme: 'any_day', isNew: true, terms: { start: addDays(asOf, rng.int(5, 21)), minimumTermMonths: 12, renewalMonths: 0, notice: rng.pick([weeks(4, 'any_day'), months(1, 'any_day')]) } }
        : { scheme: 'quarter_end', isNew: false, terms: { start: past(rng, asOf, 2012, 2025, false), minimumTermMonths: 0, renewalMonths: 0, notice: rng.pick([weeks(6, 'quarter_end'), months(3, 'quarter_end')]) } },
  },
  {
    name: 'streaming',
    companies: [{ pattern: 'Flimmerhaus {surname} Stream GmbH' }, { pattern: 'Hörbuchhafen {town} GmbH' }, { pattern: 'Bildfunk {surname} Media GmbH' }],
    tagline: ['Filme und Serien online', 'Hörbücher im Abo'],
    context: 'billing',
    idLabel: 'Kundenkonto',
    subjects: { new: ['Ihr Abo ist aktiv', 'Bestätigung Ihrer Mitgliedschaft'], running: ['Ihre Mitgliedschaft', 'Informationen zu Ihrem Konto'] },
    product: (rng) => [['Paket', rng.pick(['Standard HD', 'Familie 4K', 'Hörbuch Flat'])], ['Preis', `${euro(rng, 599, 1799)} pro Monat`]],
    draw: (rng, asOf) => {
      const notice: Notice = { amount: rng.pick([7, 14]), unit: 'days', anchor: 'term_end' };
      return rng.chance(0.5)
        ? { scheme: 'renewal', isNew: true, terms: { start: addDays(asOf, rng.int(0, 3)), minimumTermMonths: 0, renewalMonths: 1, notice } }
        : { scheme: 'renewal', isNew: false, terms: { start: past(rng, asOf, 2021, 2025, false), minimumTermMonths: 0, renewalMonths: 1, notice } };
    },
  },
  {
    name: 'club',
    companies: [{ pattern: 'Turn- und Sportverein {town} 1899 e.V.', register: 'VR', managersLabel: 'Vorstand' }, { pattern: 'Ruderclub {town} e.V.', register: 'VR', managersLabel: 'Vorstand' }],
    tagline: ['Geschäftsstelle', 'Mitgliederverwaltung'],
    context: 'club',
    idLabel: 'Mitgliedsnummer',
    subjects: { new: ['Aufnahmebestätigung', 'Willkommen im Verein'], running: ['Bestätigung Ihrer Mitgliedschaft', 'Mitgliedsbeitrag und Mitgliedschaft'] },
    product: (rng) => [['Abteilung', rng.pick(['Tennis', 'Schwimmen', 'Rudern', 'Gesundheitssport'])], ['Jahresbeitrag', euro(rng, 6000, 24000)]],
    draw: (rng, asOf) =>
      rng.chance(0.6)
        ? { scheme: 'renewal', isNew: false, terms: { start: `${rng.int(2008, Number(asOf.slice(0, 4)) - 1)}-01-01`, minimumTermMonths: 12, renewalMonths: 12, notice: rng.pick([months(3, 'term_end'), weeks(6, 'term_end')]) } }
        : { scheme: 'quarter_end', isNew: true, terms: { start: firstOfMonth(asOf, 1), minimumTermMonths: 0, renewalMonths: 0, notice: weeks(6, 'quarter_end') } },
  },
];

export const CONTRACT_KINDS = [...KINDS.map((kind) => kind.name), 'parking'];

function drawTerms(rng: Rng, kind: ContractKind): { asOf: string; drawn: Drawn; result: Cancellation } {
  for (;;) {
    const asOf = addDays(LETTER_FROM, rng.int(0, LETTER_DAYS));
    const drawn = kind.draw(rng, asOf);
    try {
      return { asOf, drawn, result: cancellation(drawn.terms, asOf) };
    } catch (error) {
      if (!(error instanceof UnsettledContractError)) throw error;
    }
  }
}

export function contractDraft(rng: Rng, index: number): Draft {
  const kind = KINDS[index % (KINDS.length + 1)];
  if (!kind) return parkingDraft(rng, index);
  const { asOf, drawn, result } = drawTerms(rng, kind);
  const { terms } = drawn;
  const company = makeCompany(rng, rng.pick(kind.companies));
  const paper = stationery(rng, company, { tagline: rng.pick(kind.tagline) });
  const customer = person(rng);
  const dateStyle = rng.pick<DateStyle>(['numeric', 'numeric', 'long']);
  const wording = noticeWording(rng, drawn.scheme, terms.notice, terms.renewalMonths, terms.minimumTermMonths, kind.context);
  const asTable = rng.chance(0.6);
  const contractId = `${rng.letters(rng.int(0, 2))}${rng.digits(rng.int(6, 10))}`;
  const startLabel = rng.pick(kind.context === 'insurance' ? ['Versicherungsbeginn', 'Beginn'] : ['Vertragsbeginn', 'Beginn', drawn.isNew ? 'Lieferbeginn' : 'Vertragsbeginn']);
  const minimumLabel = rng.pick(['Mindestvertragslaufzeit', 'Mindestlaufzeit', 'Erstlaufzeit', 'Vertragsdauer']);
  const termText = termWording(rng, terms.minimumTermMonths);
  const facts: Block[] = asTable
    ? [
        {
          kind: 'pairs',
          pairs: [[kind.idLabel, contractId], ...kind.product(rng), [startLabel, formatDate(terms.start, dateStyle)], ...(terms.minimumTermMonths > 0 || rng.chance(0.5) ? [[minimumLabel, termText] as Pair] : []), ['Kündigungsfrist', wording.notice]],
          labelWidth: 160,
        },
        ...(rng.chance(0.6) ? [{ kind: 'para', text: wording.sentence } as Block] : []),
      ]
    : [
        { kind: 'para', text: `${drawn.isNew ? 'Ihr Vertrag beginnt am' : 'Ihr Vertrag besteht seit dem'} ${formatDate(terms.start, rng.pick<DateStyle>(['long', 'numeric']))}${terms.minimumTermMonths > 0 ? ` und hat eine ${minimumLabel} von ${termText.replace(/e$/, 'en')}` : ''}.` },
        { kind: 'pairs', pairs: [[kind.idLabel, contractId], ...kind.product(rng)], labelWidth: 160 },
        { kind: 'para', text: wording.sentence },
      ];
  const printedNotice = asTable ? wording.notice : wording.inSentence;
  const intro = drawn.isNew
    ? rng.pick(['vielen Dank für Ihren Auftrag. Hiermit bestätigen wir Ihren Vertrag mit den folgenden Daten:', 'herzlich willkommen! Wir freuen uns, Sie als Kundin bzw. Kunden zu begrüßen. Ihre Vertragsdaten:'])
    : rng.pick(['wie jedes Jahr erhalten Sie heute eine Übersicht über Ihren Vertrag.', 'gern informieren wir Sie über den aktuellen Stand Ihres Vertrags.']);
  const extras: Block[] = [
    ...(drawn.isNew ? [{ kind: 'para', text: 'Widerrufsbelehrung: Sie können Ihre Vertragserklärung innerhalb von 14 Tagen ohne Angabe von Gründen widerrufen. Die Frist beginnt mit Erhalt dieser Bestätigung.', size: 8.5 } as Block] : []),
    ...(!drawn.isNew && rng.chance(0.35) ? [{ kind: 'para', text: `Nächstmögliches Vertragsende: ${formatDate(result.endsOn, dateStyle)}.` } as Block] : []),
    ...(rng.chance(0.4) ? [{ kind: 'para', text: `Die nächste Abbuchung erfolgt am ${formatDate(addDays(asOf, rng.int(3, 25)), dateStyle)}.` } as Block] : []),
    ...(rng.chance(0.4) ? [{ kind: 'para', text: 'Kündigen können Sie bequem online über den Button „Verträge hier kündigen“ in Ihrem Kundenkonto, per E-Mail oder schriftlich.' } as Block] : []),
  ];
  const blocks: Block[] = [
    { kind: 'lines', lines: [salutation(customer)] },
    { kind: 'para', text: intro },
    ...facts,
    ...rng.shuffle(extras),
    { kind: 'lines', lines: ['Mit freundlichen Grüßen', '', company.name], after: 0 },
  ];
  const pairs: Pair[] = [[rng.pick(['Kundennummer', 'Ihr Zeichen']), rng.digits(8)], ['Unser Zeichen', `${rng.letters(2)}/${rng.letters(2)}`], ['Datum', formatDate(asOf, rng.pick<DateStyle>(['numeric', 'long']))]];
  const pages = letter(paper, { recipient: recipientLines(customer, rng), pairs, date: formatDate(asOf, 'long'), subject: [rng.pick(drawn.isNew ? kind.subjects.new : kind.subjects.running)], blocks });
  return {
    key: `contract-${index}`,
    variant: `${kind.name}/${drawn.scheme}/${asTable ? 'table' : 'prose'}/${paper.align}`,
    pages,
    truth: {
      ...EMPTY_TRUTH,
      type: 'contract',
      as_of: asOf,
      sender: company.name,
      issue_date: asOf,
      contract: { start_date: terms.start, minimum_term_months: terms.minimumTermMonths, renewal_months: terms.renewalMonths, notice_period: printedNotice, last_cancellation_date: result.lastCancellationDate },
    },
  };
}

/** A lease for a parking space: the contract itself, in paragraphs, over two pages. */
function parkingDraft(rng: Rng, index: number): Draft {
  const notice = rng.pick([months(3, 'month_end'), months(1, 'month_end'), months(3, 'quarter_end')]);
  let asOf: string;
  let terms: ContractTerms;
  let result: Cancellation;
  for (;;) {
    asOf = addDays(LETTER_FROM, rng.int(0, LETTER_DAYS));
    terms = { start: firstOfMonth(asOf, rng.int(1, 2)), minimumTermMonths: 0, renewalMonths: 0, notice };
    try {
      result = cancellation(terms, asOf);
      break;
    } catch (error) {
      if (!(error instanceof UnsettledContractError)) throw error;
    }
  }
  const landlord = makeCompany(rng, { pattern: rng.pick(['Hausverwaltung {surname} GmbH', 'Wohnungsbau {town} eG', 'Immobilien {surname} & {surname2} GbR']), register: rng.pick(['HRB', null] as const) });
  const paper = stationery(rng, landlord, { tagline: 'Verwaltung · Vermietung', infoStyles: ['dateline', 'column'] });
  const tenant = person(rng);
  const wording = noticeWording(rng, notice.anchor === 'month_end' ? 'month_end' : 'quarter_end', notice, 0, 0, 'general');
  const rent = rng.int(35, 95);
  const place = `Stellplatz Nr. ${rng.int(1, 80)} in der ${rng.pick(['Tiefgarage', 'Parkpalette', 'Garagenanlage'])} ${tenant.address.street}, ${tenant.address.zip} ${tenant.address.city}`;
  const section = (title: string, text: string): Block[] => [{ kind: 'lines', lines: [title], bold: true, after: 2 }, { kind: 'para', text }];
  const blocks: Block[] = [
    { kind: 'para', text: `Zwischen ${landlord.name}, ${landlord.address.street}, ${landlord.address.zip} ${landlord.address.city} (Vermieter), und ${tenant.salutation === 'Frau' ? 'Frau' : 'Herrn'} ${tenant.first} ${tenant.last} (Mieter) wird folgender Vertrag geschlossen:` },
    ...section('§ 1 Mietgegenstand', `Vermietet wird der ${place}. Der Stellplatz darf nur zum Abstellen eines zugelassenen Pkw genutzt werden.`),
    ...section('§ 2 Mietzeit und Kündigung', `Das Mietverhältnis beginnt am ${formatDate(terms.start, 'long')} und läuft auf unbestimmte Zeit. ${wording.sentence} Die Kündigung bedarf der Textform.`),
    ...section('§ 3 Miete', `Die monatliche Miete beträgt ${rent},00 € zuzüglich ${rng.int(3, 9)},00 € Nebenkostenpauschale. Sie ist monatlich im Voraus, spätestens am dritten Werktag eines Monats, auf das Konto IBAN ${paper.iban(landlord.bank.iban)} zu zahlen.`),
    ...section('§ 4 Kaution', `Der Mieter leistet eine Sicherheit von ${rent * 2},00 € (zwei Monatsmieten). Sie wird nach Rückgabe des Stellplatzes und der Schlüssel bzw. Handsender zurückgezahlt.`),
    ...section('§ 5 Pflichten des Mieters', 'Das Lagern von Gegenständen, insbesondere von Reifen, Kanistern und brennbaren Stoffen, ist nicht gestattet. Reparaturen und Ölwechsel auf dem Stellplatz sind untersagt. Schäden sind dem Vermieter unverzüglich anzuzeigen.'),
    ...section('§ 6 Haftung', 'Der Vermieter haftet nicht für Schäden durch Dritte, Diebstahl oder höhere Gewalt, es sei denn, er hat sie vorsätzlich oder grob fahrlässig verursacht. Eine Bewachung der Anlage findet nicht statt.'),
    ...section('§ 7 Schlüssel und Handsender', `Der Mieter erhält ${rng.int(1, 2)} Handsender für das Tor. Für einen verlorenen Handsender berechnet der Vermieter die Kosten der Ersatzbeschaffung (derzeit ${rng.int(45, 90)},00 €).`),
    ...section('§ 8 Rückgabe', 'Bei Ende des Mietverhältnisses ist der Stellplatz geräumt und gereinigt zurückzugeben; sämtliche Handsender und Schlüssel sind auszuhändigen.'),
    ...section('§ 9 Schlussbestimmungen', 'Änderungen und Ergänzungen dieses Vertrags bedürfen der Textform. Sollte eine Bestimmung unwirksam sein, bleibt die Wirksamkeit der übrigen Bestimmungen unberührt.'),
    { kind: 'space', height: 18 },
    { kind: 'lines', lines: [`${landlord.address.city}, den ${formatDate(asOf)}`, '', '______________________________          ______________________________', 'Vermieter                                                    Mieter'], size: 9, keep: true },
  ];
  const pages = letter(paper, { recipient: recipientLines(tenant, rng), pairs: [['Objekt', `${tenant.address.street}`], ['Datum', formatDate(asOf)]], date: formatDate(asOf, 'long'), subject: ['Mietvertrag über einen Kfz-Stellplatz'], blocks });
  return {
    key: `contract-${index}`,
    variant: `parking/${notice.anchor === 'month_end' ? 'month_end' : 'quarter_end'}/prose/${paper.align}`,
    pages,
    truth: {
      ...EMPTY_TRUTH,
      type: 'contract',
      as_of: asOf,
      sender: landlord.name,
      issue_date: asOf,
      contract: { start_date: terms.start, minimum_term_months: 0, renewal_months: 0, notice_period: wording.inSentence, last_cancellation_date: result.lastCancellationDate },
    },
  };
}
