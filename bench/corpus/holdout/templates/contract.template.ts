/** New contracts, contract confirmations and contract overviews with start, term and notice. */
import type { CorpusTruth } from '../../corpus.types.ts';
import { type ContractTerms, lastCancellationDate, termEnd } from '../holdout.cancellation.ts';
import { baseTruth, type Draft, habits, letterDay, letterShell, recipient } from '../holdout.common.ts';
import { addDays, endOfMonth, type IsoDate } from '../holdout.dates.ts';
import { formatAmount, formatDate } from '../holdout.format.ts';
import type { Block } from '../holdout.layout.ts';
import { brand } from '../holdout.names.ts';
import type { Rng } from '../holdout.random.ts';
import { makeSender, type SenderKind } from '../holdout.senders.ts';
import { chooseTerms, type ContractKind, wordTerms } from './contract.terms.ts';

const SENDER: Record<ContractKind, SenderKind[]> = {
  mobile: ['mobile'],
  gym: ['gym'],
  energy: ['energy'],
  insurance: ['insurer'],
  subscription: ['publisher'],
  club: ['club'],
  legacy: ['mobile', 'gym', 'publisher'],
};

interface Product {
  product: string;
  subjects: string[];
  rows: Array<[string, string]>;
  refLabel: string;
  startLabel: string;
  extra: string[];
}

const first = (iso: IsoDate): IsoDate => `${iso.slice(0, 8)}01`;

const OVERVIEW_SUBJECTS = ['Ihre Vertragsübersicht', 'Ihre Vertragsdaten im Überblick', 'Bestätigung Ihrer Vertragsdaten'];

/** Overview letters (about a running contract) keep the product rows but not the welcome. */
function product(rng: Rng, kind: ContractKind, senderKind: SenderKind, amount: (c: number) => string, date: (d: IsoDate) => string, start: IsoDate, overview: boolean): Product {
  const p = newProduct(rng, kind, senderKind, amount, date, start);
  return overview && kind !== 'legacy' ? { ...p, subjects: OVERVIEW_SUBJECTS, extra: [] } : p;
}

function newProduct(rng: Rng, kind: ContractKind, senderKind: SenderKind, amount: (c: number) => string, date: (d: IsoDate) => string, start: IsoDate): Product {
  const b = brand(rng);
  switch (senderKind) {
    case 'mobile':
      return {
        product: 'Mobilfunkvertrag',
        subjects: kind === 'legacy' ? ['Ihre Vertragsübersicht', 'Information zu Ihrem Mobilfunkvertrag'] : ['Auftragsbestätigung Ihres Mobilfunkvertrags', 'Willkommen! Ihre Vertragsdaten', 'Vertragsbestätigung'],
        rows: [['Tarif', `${b} ${rng.pick(['Smart', 'Allnet', 'Data'])} ${rng.pick(['S', 'M', 'L', 'XL'])}`], ['Rufnummer', `01${rng.int(51, 79)} ${rng.digits(7)}`], ['Monatlicher Grundpreis', amount(rng.pick([999, 1499, 1999, 2999, 3999]))], ['Anschlusspreis (einmalig)', amount(rng.pick([0, 1999, 3999]))]],
        refLabel: 'Kundennummer',
        startLabel: rng.pick(['Vertragsbeginn', 'Aktivierung am']),
        extra: ['Ihre monatliche Rechnung stellen wir Ihnen im Kundenportal bereit.'],
      };
    case 'gym':
      return {
        product: 'Mitgliedschaftsvertrag',
        subjects: kind === 'legacy' ? ['Ihre Mitgliedschaft im Überblick', 'Bestätigung Ihrer neuen Bankverbindung'] : ['Bestätigung Ihrer Mitgliedschaft', 'Willkommen in unserem Studio', 'Mitgliedsvertrag'],
        rows: [['Tarif', rng.pick(['Basic', 'Premium', 'Flex Plus', 'Kurse & Sauna'])], ['Monatsbeitrag', amount(rng.pick([1990, 2490, 2990, 3990, 4990]))], ['Aufnahmegebühr', amount(rng.pick([0, 1900, 2900, 4900]))]],
        refLabel: 'Mitgliedsnummer',
        startLabel: rng.pick(['Beginn der Mitgliedschaft', 'Trainingsbeginn', 'Vertragsbeginn']),
        extra: [`Der Beitrag wird monatlich im Voraus per Lastschrift eingezogen, erstmals am ${date(first(addDays(endOfMonth(start), 1)))}.`],
      };
    case 'energy':
      return {
        product: rng.pick(['Stromliefervertrag', 'Gasliefervertrag']),
        subjects: ['Vertragsbestätigung Ihrer Energielieferung', 'Auftragsbestätigung: Ihr neuer Tarif', 'Willkommen bei uns - Ihre Lieferbestätigung'],
        rows: [['Tarif', `${b} ${rng.pick(['Öko', 'Klassik', 'Fix', 'Natur'])}`], ['Arbeitspreis', `${rng.int(24, 38)},${rng.digits(2)} ct/kWh`], ['Grundpreis', `${amount(rng.pick([990, 1190, 1450]))} pro Monat`], ['Preisgarantie bis', date(endOfMonth(addDays(start, 365)))], ['Monatlicher Abschlag', amount(rng.int(45, 160) * 100)]],
        refLabel: 'Vertragsnummer',
        startLabel: 'Lieferbeginn',
        extra: ['Ihre erste Abschlagsrechnung erhalten Sie nach Lieferbeginn.'],
      };
    case 'insurer':
      return {
        product: 'Versicherungsvertrag',
        subjects: ['Ihr Versicherungsschein', 'Bestätigung Ihres Versicherungsvertrags', 'Policenbegleitschreiben'],
        rows: [['Sparte', rng.pick(['Privathaftpflicht', 'Hausratversicherung', 'Rechtsschutzversicherung', 'Glasversicherung'])], ['Versicherungssumme', amount(rng.pick([5_000_000, 10_000_000, 6_500_000]) * 100)], ['Jahresbeitrag', amount(rng.int(48, 290) * 100 + rng.pick([0, 50, 90]))]],
        refLabel: rng.pick(['Versicherungsschein-Nr.', 'Vertragsnummer']),
        startLabel: 'Versicherungsbeginn',
        extra: ['Den Beitrag buchen wir jährlich im Voraus ab.'],
      };
    case 'publisher':
      return {
        product: 'Abonnementvertrag',
        subjects: kind === 'legacy' ? ['Ihr Abonnement: Vertragsdaten', 'Information zu Ihrem Abo'] : ['Bestätigung Ihres Abonnements', 'Ihr Abo ist bestellt', 'Willkommen als Abonnentin oder Abonnent'],
        rows: [['Titel', `${b} ${rng.pick(['Magazin', 'Wochenblatt', 'Garten & Leben', 'Technik heute'])}`], ['Bezugspreis', `${amount(rng.pick([590, 890, 1290, 1990]))} ${rng.pick(['monatlich', 'je Ausgabe'])}`]],
        refLabel: 'Abo-Nummer',
        startLabel: rng.pick(['Lieferbeginn', 'Abo-Beginn', 'Bezugsbeginn']),
        extra: ['Die erste Ausgabe erhalten Sie in Kürze.'],
      };
    default:
      return {
        product: 'Mitgliedschaftsvertrag',
        subjects: ['Aufnahmebestätigung', 'Willkommen im Verein', 'Bestätigung Ihrer Mitgliedschaft'],
        rows: [['Abteilung', rng.pick(['Turnen', 'Schwimmen', 'Tischtennis', 'Blasorchester', 'Parzelle 14'])], ['Jahresbeitrag', amount(rng.pick([4800, 7200, 9600, 12000]))]],
        refLabel: 'Mitgliedsnummer',
        startLabel: 'Beginn der Mitgliedschaft',
        extra: ['Der Jahresbeitrag wird jeweils im Februar eingezogen.'],
      };
  }
}

/** The consumer's right of withdrawal: a second relative period ("vierzehn Tage") that is not the notice period. */
function withdrawalNotice(company: string): Block[] {
  return [
    { kind: 'p', text: 'Widerrufsbelehrung', bold: true },
    { kind: 'p', text: 'Sie haben das Recht, binnen vierzehn Tagen ohne Angabe von Gründen diesen Vertrag zu widerrufen. Die Widerrufsfrist beträgt vierzehn Tage ab dem Tag des Vertragsabschlusses.' },
    { kind: 'p', text: `Um Ihr Widerrufsrecht auszuüben, müssen Sie uns (${company}) mittels einer eindeutigen Erklärung (z. B. ein mit der Post versandter Brief oder eine E-Mail) über Ihren Entschluss, diesen Vertrag zu widerrufen, informieren. Zur Wahrung der Widerrufsfrist reicht es aus, dass Sie die Mitteilung über die Ausübung des Widerrufsrechts vor Ablauf der Widerrufsfrist absenden.` },
    { kind: 'p', text: 'Wenn Sie diesen Vertrag widerrufen, haben wir Ihnen alle Zahlungen, die wir von Ihnen erhalten haben, unverzüglich und spätestens binnen vierzehn Tagen ab dem Tag zurückzuzahlen, an dem die Mitteilung über Ihren Widerruf bei uns eingegangen ist. Haben Sie verlangt, dass die Dienstleistung während der Widerrufsfrist beginnen soll, so haben Sie uns einen angemessenen Betrag zu zahlen, der dem Anteil der bis zum Widerruf bereits erbrachten Leistungen entspricht.' },
  ];
}

function minimumTermRow(rng: Rng, months: number): [string, string] {
  if (months === 0) return ['Mindestlaufzeit', rng.pick(['keine', 'ohne Mindestlaufzeit'])];
  const label = rng.pick(['Mindestlaufzeit', 'Mindestvertragslaufzeit', 'Erstlaufzeit', 'Laufzeit']);
  if (months % 12 === 0 && rng.chance(0.4)) return [label, months === 12 ? '1 Jahr' : `${months / 12} Jahre`];
  return [label, `${months} Monate`];
}

/** Start and letter date for a kind; legacy contracts began before March 2022. */
function pickDates(rng: Rng, kind: ContractKind, from: IsoDate, span: number): { start: IsoDate; asOf: IsoDate; overview: boolean } {
  const asOf = letterDay(rng, from, span);
  if (kind === 'legacy') return { start: rng.chance(0.3) ? `20${rng.int(18, 21)}-${rng.pick(['01', '03', '05', '08', '10', '12'])}-31` : `20${rng.int(18, 21)}-${String(rng.int(1, 12)).padStart(2, '0')}-${rng.pick(['01', '01', '15', '28'])}`, asOf, overview: true };
  if (kind !== 'club' && rng.chance(0.3)) {
    const start = rng.chance(0.3) ? '2024-02-29' : first(addDays(asOf, -rng.int(300, 1200)));
    return { start: start < '2022-03-01' ? '2022-03-01' : start, asOf, overview: true };
  }
  const offset = rng.int(-4, 35);
  const start = kind === 'energy' || kind === 'insurance' || kind === 'club' ? first(addDays(asOf, offset + 30)) : rng.chance(0.2) ? endOfMonth(addDays(asOf, offset)) : addDays(asOf, offset);
  return { start, asOf, overview: false };
}

export function makeContract(rng: Rng, id: string, seq: number, kind: ContractKind, from: IsoDate, span: number): Draft {
  const h = habits(rng);
  const senderKind = rng.pick(SENDER[kind]);
  const sender = makeSender(rng, senderKind);
  const to = recipient(rng);
  let dates = pickDates(rng, kind, from, span);
  let terms: ContractTerms = chooseTerms(rng, kind, dates.start);
  let last = lastCancellationDate(terms, dates.asOf);
  // An any-day contract dated before its start would end before it begins: not a case to score.
  while (last === null || (terms.anchor.kind === 'any_day' && dates.asOf < dates.start)) {
    dates = pickDates(rng, kind, from, span);
    terms = chooseTerms(rng, kind, dates.start);
    last = lastCancellationDate(terms, dates.asOf);
  }
  const date = (d: IsoDate): string => formatDate(d, h.date);
  const p = product(rng, kind, senderKind, (c) => formatAmount(c, h.amount), date, dates.start, dates.overview);
  const wording = wordTerms(rng, terms, rng.chance(0.5) ? 'Vertrag' : p.product);
  const reference = `${rng.pick(['V', 'M', 'K', ''])}${rng.digits(3)}${String(seq).padStart(5, '0')}`;
  const rows: Array<[string, string]> = [[p.startLabel, date(dates.start)], minimumTermRow(rng, terms.minimumTermMonths), ...p.rows];
  const blocks: Block[] = [
    { kind: 'p', text: dates.overview ? rng.pick(['nachfolgend erhalten Sie eine Übersicht Ihrer aktuellen Vertragsdaten.', 'wie gewünscht bestätigen wir Ihnen die Eckdaten Ihres Vertrags.']) : rng.pick(['vielen Dank für Ihr Vertrauen. Hiermit bestätigen wir Ihren Vertragsabschluss mit folgenden Daten:', 'herzlich willkommen! Wir freuen uns, Sie als Kundin bzw. Kunden zu begrüßen. Ihre Vertragsdaten:', 'wir bestätigen den Eingang Ihres Auftrags und haben Ihren Vertrag wie folgt angelegt:']) },
    { kind: 'kv', rows },
  ];
  if (terms.minimumTermMonths > 0 && rng.chance(0.3)) blocks.push({ kind: 'p', text: `Die Mindestlaufzeit endet am ${date(termEnd(terms.start, terms.minimumTermMonths))}.` });
  blocks.push(...wording.sentences.map((text): Block => ({ kind: 'p', text })));
  blocks.push({ kind: 'p', text: rng.pick(['Kündigungen bitte in Textform, z. B. per E-Mail oder Brief.', 'Eine Kündigung können Sie auch online über unser Kundenportal erklären.', 'Die Kündigung bedarf der Textform.']) });
  blocks.push(...p.extra.map((text): Block => ({ kind: 'p', text })));
  if (!dates.overview && kind !== 'club' && rng.chance(0.4)) blocks.push(...withdrawalNotice(sender.profile.name));
  const letter = letterShell(rng, h, sender, to, dates.asOf, { refs: [[p.refLabel, reference]], subject: [rng.pick(p.subjects)], blocks, formal: senderKind !== 'club' && senderKind !== 'gym' });
  const truth: CorpusTruth = {
    ...baseTruth('contract', dates.asOf, sender),
    reference,
    contract: {
      start_date: dates.start,
      minimum_term_months: terms.minimumTermMonths,
      renewal_months: terms.anchor.kind === 'term_end' ? terms.anchor.renewalMonths : 0,
      notice_period: wording.phrase,
      last_cancellation_date: last,
    },
  };
  return { letter, style: h.style, truth, meta: { template: `contract/${kind}/${terms.anchor.kind}${dates.overview ? '/overview' : ''}` } };
}
