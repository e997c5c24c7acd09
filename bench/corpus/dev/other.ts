/**
 * Dev-family letters that need no action: payment confirmations, a yearly savings statement, a
 * privacy notice, a club newsletter, a premium adjustment that needs nothing done, confirmations
 * (address change, application received, cancellation), a change of bank details, a refund. They
 * print days, amounts, even IBANs and invoice numbers, as distractors.
 */
import type { Rng } from '../render/random.ts';
import { addDays, parseDay } from '../render/days.ts';
import { EMPTY_TRUTH, type Draft } from './draft.ts';
import { formatDate, formatMoney, type DateStyle } from './format.ts';
import { letter, stationery } from './frame.ts';
import { groupedIban } from './iban.ts';
import { RIGHT, type Block, type Pair } from './letter.ts';
import { bank, company as makeCompany, person, recipientLines, salutation, TOWNS, type CompanyOptions, type Person } from './parties.ts';
import { LETTER_DAYS, LETTER_FROM } from './window.ts';

interface Content {
  company: CompanyOptions;
  subject: string[];
  pairs: Pair[];
  blocks: Block[];
}

const para = (text: string, size?: number): Block => ({ kind: 'para', text, ...(size ? { size } : {}) });
const firstOf = (iso: string, months: number) => {
  const { year, month } = parseDay(iso);
  const index = year * 12 + month - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
};

function content(rng: Rng, kind: string, asOf: string, who: Person): Content {
  const day = (iso: string, style: DateStyle = 'numeric') => formatDate(iso, style);
  const style = rng.pick(['euro', 'eur'] as const);
  const money = (cents: number) => formatMoney(cents, style);
  switch (kind) {
    case 'payment': {
      const paid = rng.int(1500, 90000);
      const number = `RE-${asOf.slice(0, 4)}-${rng.digits(5)}`;
      return {
        company: { pattern: rng.pick(['Elektro {surname} e.K.', 'Kontor {surname} Versand GmbH', 'Stadtwerke {town} GmbH']) },
        subject: ['Zahlungsbestätigung', 'Ihre Zahlung ist eingegangen'],
        pairs: [['Kundennummer', rng.digits(7)]],
        blocks: [para(`vielen Dank! Ihre Zahlung über ${money(paid)} vom ${day(addDays(asOf, -rng.int(2, 8)))} zur Rechnung ${number} ist vollständig bei uns eingegangen.`), para('Ihr Kundenkonto ist damit ausgeglichen. Sie müssen nichts weiter veranlassen.')],
      };
    }
    case 'statement': {
      const year = Number(asOf.slice(0, 4)) - 1;
      const opening = rng.int(100000, 2500000);
      const paidIn = rng.int(30000, 240000);
      const interest = Math.round((opening + paidIn / 2) * 0.002);
      return {
        company: { pattern: rng.pick(['Bausparkasse {town} AG', 'Sparkasse {town}']), managersLabel: 'Vorstand' },
        subject: [`Jahreskontoauszug ${year}`, `Ihre Jahresinformation ${year} zum Bausparvertrag`],
        pairs: [['Vertragsnummer', `${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`]],
        blocks: [
          para(`mit diesem Schreiben informieren wir Sie über die Entwicklung Ihres Vertrags im Jahr ${year}.`),
          { kind: 'table', columns: [{ x: 71, width: 300 }, { x: RIGHT, align: 'right' }], rows: [
            { cells: [`Guthaben am 01.01.${year}`, money(opening)] }, { cells: ['Einzahlungen', money(paidIn)] }, { cells: ['Zinsgutschrift (0,20 %)', money(interest)] }, { cells: ['Abschlussgebühr / Kontogebühr', money(-1200)] },
            { cells: [`Guthaben am 31.12.${year}`, money(opening + paidIn + interest - 1200)], bold: true, ruleAbove: true },
          ] },
          para('Bitte prüfen Sie diesen Auszug. Einwendungen erheben Sie bitte innerhalb von sechs Wochen; danach gilt er als genehmigt. Eine Antwort ist nicht erforderlich.', 9),
        ],
      };
    }
    case 'privacy':
      return {
        company: { pattern: rng.pick(['{surname} Assekuranz AG', 'Fitnesswerk {town} GmbH', 'Kabelnetz {town} GmbH']) },
        subject: ['Informationen zum Datenschutz', 'Datenschutzhinweise nach Art. 13 und 14 DSGVO'],
        pairs: [['Stand', day(firstOf(asOf, -rng.int(0, 3)))]],
        blocks: [
          para('der Schutz Ihrer Daten ist uns wichtig. Mit diesem Schreiben informieren wir Sie, welche Daten wir zu welchem Zweck verarbeiten. Sie müssen nichts tun.'),
          para(`Verantwortlich ist die oben genannte Gesellschaft; unseren Datenschutzbeauftragten erreichen Sie unter datenschutz@example.org. Vertragsdaten speichern wir bis zum Ablauf der gesetzlichen Aufbewahrungsfristen (bis zu 10 Jahre nach Ende des Kalenderjahres). Die geänderten Hinweise gelten ab ${day(addDays(asOf, rng.int(14, 40)), 'long')}.`, 9.5),
          para('Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie ein Beschwerderecht bei der Aufsichtsbehörde.', 9.5),
        ],
      };
    case 'newsletter': {
      const events = rng.sample(['Sommerfest', 'Tag der offenen Tür', 'Vereinsmeisterschaft', 'Mitgliederversammlung', 'Herbstwanderung', 'Adventsbasar'], 3);
      return {
        company: { pattern: rng.pick(['Turn- und Sportverein {town} 1899 e.V.', 'Kleingartenverein {town}-Süd e.V.']), register: 'VR', managersLabel: 'Vorstand' },
        subject: [`Vereinsnachrichten ${rng.pick(['Frühjahr', 'Sommer', 'Herbst'])} ${asOf.slice(0, 4)}`, 'Neuigkeiten aus dem Verein'],
        pairs: [],
        blocks: [
          para('hier sind die wichtigsten Neuigkeiten und Termine der nächsten Monate. Eine Anmeldung ist nicht nötig.'),
          { kind: 'list', items: events.map((event, index) => `${event} am ${day(addDays(asOf, 20 + index * rng.int(15, 40)), rng.pick<DateStyle>(['numeric', 'long']))}, ${rng.int(10, 19)}:00 Uhr${rng.chance(0.5) ? `, Eintritt ${money(rng.int(2, 8) * 100)}` : ''}` ), bullet: '•' },
          para(`Der Mitgliedsbeitrag für ${asOf.slice(0, 4)} wurde wie gewohnt per Lastschrift eingezogen. Unsere Vereinskasse: IBAN ${groupedIban(bank(rng, rng.pick(TOWNS)).iban)}.`, 9.5),
        ],
      };
    }
    case 'premium': {
      const old = rng.int(1500, 6000);
      const next = old + rng.int(50, 600);
      const from = firstOf(asOf, rng.int(1, 3));
      return {
        company: { pattern: rng.pick(['{town}er Versicherungsverein VVaG', 'Fitnesswerk {town} GmbH', 'Leserservice {surname} Verlag GmbH']), managersLabel: 'Vorstand' },
        subject: ['Information zur Beitragsanpassung', `Ihr neuer Beitrag ab ${day(from)}`],
        pairs: [['Vertrag', rng.digits(9)]],
        blocks: [
          para(`ab dem ${day(from, 'long')} beträgt Ihr monatlicher Beitrag ${money(next)} statt bisher ${money(old)}. Grund sind gestiegene Kosten.`),
          para(`Sie brauchen nichts zu unternehmen: Wir buchen den neuen Beitrag ab ${day(from)} automatisch von Ihrem Konto ab. Ihr Versicherungsschutz bleibt unverändert.`),
        ],
      };
    }
    case 'address':
      return {
        company: { pattern: rng.pick(['Betriebskrankenkasse {town}', 'Sparkasse {town}', 'Funknetz {town} AG']), register: null, managersLabel: 'Vorstand' },
        subject: ['Bestätigung Ihrer Adressänderung'],
        pairs: [['Kundennummer', rng.digits(8)]],
        blocks: [para(`wir haben Ihre neue Anschrift zum ${day(addDays(asOf, -rng.int(3, 20)), 'long')} gespeichert:`), { kind: 'lines', lines: [`${who.first} ${who.last}`, who.address.street, `${who.address.zip} ${who.address.city}`] }, para('Alle weiteren Schreiben senden wir an diese Adresse. Sie müssen nichts weiter tun.')],
      };
    case 'application': {
      const filed = addDays(asOf, -rng.int(5, 20));
      return {
        company: { pattern: rng.pick(['Familienkasse {town}', 'Elterngeldstelle Landkreis {town}', 'Wohngeldstelle der Stadt {town}']), register: null, vat: false, managersLabel: null },
        subject: ['Eingangsbestätigung', 'Ihr Antrag ist bei uns eingegangen'],
        pairs: [['Aktenzeichen', `${rng.int(100, 999)}-${rng.digits(5)}/${asOf.slice(2, 4)}`]],
        blocks: [para(`Ihr Antrag vom ${day(filed)} ist am ${day(addDays(filed, rng.int(1, 4)))} bei uns eingegangen. Die Bearbeitung dauert derzeit etwa ${rng.pick(['sechs', 'acht', 'zehn'])} Wochen.`), para('Sobald Ihr Antrag bearbeitet ist, erhalten Sie einen schriftlichen Bescheid. Bitte sehen Sie von Nachfragen ab; wir melden uns, falls Unterlagen fehlen.')],
      };
    }
    case 'cancelled': {
      const end = addDays(firstOf(asOf, rng.int(1, 4)), -1);
      return {
        company: { pattern: rng.pick(['Funkwelle {town} GmbH', 'Fitnesswerk {town} GmbH', 'Flimmerhaus {surname} Stream GmbH']) },
        subject: ['Kündigungsbestätigung', 'Bestätigung Ihrer Kündigung'],
        pairs: [['Vertragsnummer', rng.digits(9)]],
        blocks: [para(`wir bestätigen den Eingang Ihrer Kündigung vom ${day(addDays(asOf, -rng.int(2, 10)))}. Ihr Vertrag endet zum ${day(end, 'long')}.`), para(`Die letzte Abbuchung von ${money(rng.int(999, 4999))} erfolgt am ${day(addDays(end, -rng.int(5, 20)))}. Ein eventuelles Guthaben erstatten wir automatisch. Schade, dass Sie gehen!`)],
      };
    }
    case 'bank': {
      const from = firstOf(asOf, 1);
      const fresh = bank(rng, rng.pick(TOWNS));
      return {
        company: { pattern: rng.pick(['Hausverwaltung {surname} GmbH', 'Wärmedienst {surname} GmbH', 'Musikschule {town} e.V.']) },
        subject: ['Änderung unserer Bankverbindung'],
        pairs: [['Kundennummer', rng.digits(6)]],
        blocks: [
          para(`ab dem ${day(from, 'long')} gilt unsere neue Bankverbindung:`),
          { kind: 'pairs', pairs: [['Kreditinstitut', fresh.name], ['IBAN', groupedIban(fresh.iban)], ['BIC', fresh.bic]], labelWidth: 110 },
          para('Erteilte SEPA-Lastschriftmandate gelten weiter; Sie müssen nichts unternehmen. Daueraufträge stellen wir nicht selbst um: Sollten Sie per Dauerauftrag zahlen, passen Sie diesen bei Gelegenheit an.'),
        ],
      };
    }
    default: {
      const refund = rng.int(500, 15000);
      return {
        company: { pattern: rng.pick(['Kontor {surname} Versand GmbH', 'Energiekontor {town} GmbH', 'Papeterie {surname} OHG']), register: 'HRB' },
        subject: ['Erstattung', 'Gutschrift zu Ihrer Retoure'],
        pairs: [['Gutschrift-Nr.', `GS-${rng.digits(6)}`]],
        blocks: [
          para(`Ihre Rücksendung vom ${day(addDays(asOf, -rng.int(3, 12)))} ist bei uns eingegangen. Wir erstatten Ihnen ${money(refund)}.`),
          para(`Der Betrag wird innerhalb von 5 Werktagen auf Ihr Konto DE${rng.digits(2)} XXXX XXXX XXXX XX${rng.digits(2)} ${rng.digits(2)} überwiesen. Sie müssen nichts weiter tun.`),
        ],
      };
    }
  }
}

export const OTHER_KINDS = ['payment', 'statement', 'privacy', 'newsletter', 'premium', 'address', 'application', 'cancelled', 'bank', 'refund'];

export function otherDraft(rng: Rng, index: number): Draft {
  const kind = OTHER_KINDS[index % OTHER_KINDS.length]!;
  const asOf = addDays(LETTER_FROM, rng.int(0, LETTER_DAYS));
  const who = person(rng);
  const parts = content(rng, kind, asOf, who);
  const company = makeCompany(rng, parts.company);
  const paper = stationery(rng, company);
  const blocks: Block[] = [{ kind: 'lines', lines: [salutation(who)] }, ...parts.blocks, { kind: 'lines', lines: [rng.pick(['Mit freundlichen Grüßen', 'Freundliche Grüße', 'Viele Grüße']), '', company.name], after: 0 }];
  const pairs: Pair[] = [...parts.pairs, ['Datum', formatDate(asOf, rng.pick<DateStyle>(['numeric', 'long']))]];
  const pages = letter(paper, { recipient: recipientLines(who, rng), pairs, date: formatDate(asOf, 'long'), subject: [rng.pick(parts.subject)], blocks });
  return { key: `other-${index}`, variant: `${kind}/${paper.align}/${paper.infoStyle}`, pages, truth: { ...EMPTY_TRUTH, type: 'other', as_of: asOf, sender: company.name, issue_date: asOf } };
}
