/**
 * Letters that need no action: confirmations (address change, payment received, cancellation),
 * information on prices and data protection, newsletters, annual statements, thank-you letters,
 * meter readings. They print days and amounts like the others do, so a class cannot be guessed
 * from "has an amount" or "has a date".
 */
import { addDays, addMonths, endOfMonth } from '../render/days.ts';
import type { Rng } from '../render/random.ts';
import { closing, emptyTruth, letterDay, page, voice, type Draft } from './draft.ts';
import { germanNumber } from './format.ts';
import type { Block } from './letter.ts';
import { addressLines, org, person, place, salutation, type Sector } from './names.ts';

type Kind = 'address_change' | 'payment_received' | 'price_info' | 'newsletter' | 'annual_info' | 'thank_you' | 'privacy' | 'cancellation_confirmed' | 'meter_reading';
const KINDS: { kind: Kind; sectors: Sector[] }[] = [
  { kind: 'address_change', sectors: ['bank', 'insurance', 'utility', 'telecom'] },
  { kind: 'payment_received', sectors: ['craft', 'shop', 'utility', 'telecom', 'service'] },
  { kind: 'price_info', sectors: ['utility', 'telecom', 'streaming'] },
  { kind: 'newsletter', sectors: ['pharmacy', 'association', 'shop'] },
  { kind: 'annual_info', sectors: ['bank'] },
  { kind: 'thank_you', sectors: ['association', 'gym'] },
  { kind: 'privacy', sectors: ['insurance', 'bank', 'telecom'] },
  { kind: 'cancellation_confirmed', sectors: ['gym', 'telecom', 'streaming', 'newspaper'] },
  { kind: 'meter_reading', sectors: ['utility'] },
];

export function otherDraft(rng: Rng, index: number): Draft {
  const { kind, sectors } = KINDS[index % KINDS.length]!;
  const sender = org(rng, rng.pick(sectors));
  const recipient = person(rng);
  const v = voice(rng);
  const day = letterDay(rng);
  const eur = v.eur;
  const info: [string, string][] = [[rng.pick(['Kundennummer', 'Vertragsnummer', 'Mitgliedsnummer']), rng.digits(rng.int(6, 9))]];
  const blocks: Block[] = [];
  let subject: string;
  const nothingToDo = rng.pick(['Sie müssen nichts weiter tun.', 'Eine Handlung Ihrerseits ist nicht erforderlich.', 'Dieses Schreiben dient nur Ihrer Information.', 'Bitte bewahren Sie dieses Schreiben für Ihre Unterlagen auf.']);
  switch (kind) {
    case 'address_change': {
      const moved = place(rng);
      const from = addDays(day, -rng.int(3, 30));
      subject = rng.pick(['Bestätigung Ihrer Adressänderung', 'Ihre neue Anschrift', 'Änderung Ihrer Kontaktdaten']);
      blocks.push({ kind: 'p', text: `vielen Dank für Ihre Mitteilung. Wir haben Ihre neue Anschrift zum ${v.date(from)} in unseren Unterlagen gespeichert:` });
      blocks.push({ kind: 'kv', rows: [['Neue Anschrift', `${moved.street}, ${moved.zip} ${moved.town}`], ['Gültig ab', v.date(from)]] });
      blocks.push({ kind: 'p', text: `Ihr monatlicher Beitrag von ${eur(rng.int(900, 12000))} bleibt unverändert. ${nothingToDo}` });
      break;
    }
    case 'payment_received': {
      const paid = rng.int(2000, 90000);
      const number = `${rng.pick(['RE-', 'R', ''])}${rng.digits(rng.int(5, 8))}`;
      subject = rng.pick(['Zahlungsbestätigung', 'Ihre Zahlung ist eingegangen', 'Vielen Dank für Ihre Zahlung']);
      blocks.push({ kind: 'p', text: `wir haben Ihre Zahlung über ${eur(paid)} zur Rechnung Nr. ${number} am ${v.date(addDays(day, -rng.int(1, 6)))} erhalten. Vielen Dank!` });
      blocks.push({ kind: 'p', text: rng.pick(['Ihr Kundenkonto ist damit ausgeglichen.', `Ihr Kundenkonto weist damit einen Saldo von ${eur(0)} aus.`]) + ` ${nothingToDo}` });
      break;
    }
    case 'price_info': {
      const from = endOfMonth(addMonths(day, rng.int(1, 2)));
      const oldCt = rng.int(2600, 4200);
      const newCt = oldCt - rng.int(50, 400);
      subject = rng.pick([`Ihre Preise ab ${v.date(addDays(from, 1))}`, 'Information zu Ihren Preisen', 'Gute Nachrichten: Ihr Preis sinkt']);
      blocks.push({ kind: 'p', text: `wir freuen uns, Ihnen mitteilen zu können, dass wir unsere Preise zum ${v.date(addDays(from, 1))} senken.` });
      blocks.push({ kind: 'table', head: ['Preisbestandteil', 'bisher', 'neu'], widths: [50, 25, 25], aligns: ['left', 'right', 'right'], rows: [['Arbeitspreis je kWh', `${germanNumber(oldCt)} ct`, `${germanNumber(newCt)} ct`], ['Grundpreis je Monat', eur(rng.int(900, 1500)), eur(rng.int(900, 1500))]] });
      blocks.push({ kind: 'p', text: `Ihr Abschlag wird automatisch angepasst. ${nothingToDo}` });
      break;
    }
    case 'newsletter': {
      const event = addDays(day, rng.int(10, 50));
      subject = rng.pick([`Neues aus der ${sender.name}`, `Unser Kundenbrief ${rng.pick(['Frühjahr', 'Sommer', 'Herbst', 'Winter'])} ${day.slice(0, 4)}`, 'Aktuelle Informationen für unsere Mitglieder']);
      blocks.push({ kind: 'p', text: rng.pick(['heute möchten wir Sie über einige Neuigkeiten informieren.', 'wir haben wieder einige Neuigkeiten für Sie zusammengestellt.']) });
      blocks.push({ kind: 'p', text: `Am ${v.date(event)} laden wir zu unserem ${rng.pick(['Sommerfest', 'Tag der offenen Tür', 'Gesundheitstag', 'Vortragsabend'])} ein. Der Eintritt ist frei; für Getränke bitten wir um eine Spende von ${eur(rng.pick([200, 300, 500]))}.` });
      blocks.push({ kind: 'p', text: `Neu im Sortiment: ${rng.pick(['Sonnenschutz für Kinder', 'regionaler Honig', 'unsere Gutscheinkarte', 'Fahrradzubehör'])} ab ${eur(rng.int(300, 2500))}. Unsere Öffnungszeiten ändern sich ab ${v.date(addDays(day, rng.int(5, 40)))}: montags bis freitags 8 bis 18 Uhr.` });
      blocks.push({ kind: 'p', text: 'Wenn Sie diesen Kundenbrief nicht mehr erhalten möchten, genügt eine kurze Nachricht an uns.' });
      break;
    }
    case 'annual_info': {
      const year = Number(day.slice(0, 4)) - 1;
      const balance = rng.int(50000, 2500000);
      subject = rng.pick([`Jahresinformation ${year}`, `Ihre Renteninformation ${year + 1}`, `Jahresübersicht zu Ihrem Sparplan ${year}`]);
      blocks.push({ kind: 'p', text: `mit diesem Schreiben erhalten Sie die Übersicht über Ihr Konto zum 31.12.${year}.` });
      blocks.push({ kind: 'kv', rows: [[`Guthaben am 31.12.${year - 1}`, eur(balance - rng.int(10000, 200000))], ['Einzahlungen', eur(rng.int(10000, 200000))], ['Zinsen/Erträge', eur(rng.int(100, 9000))], [`Guthaben am 31.12.${year}`, eur(balance)]], align: 'right', boldLast: true });
      blocks.push({ kind: 'p', text: `${nothingToDo} Ihre nächste Übersicht erhalten Sie im ${rng.pick(['Januar', 'Februar', 'März'])} ${year + 2}.` });
      break;
    }
    case 'thank_you': {
      const years = rng.pick([5, 10, 15, 20, 25]);
      subject = rng.pick([`Danke für ${years} Jahre Treue`, 'Herzlichen Dank für Ihre Unterstützung', `${years} Jahre Mitgliedschaft – wir sagen Danke`]);
      blocks.push({ kind: 'p', text: `seit dem ${v.date(addDays(day, -365 * years - rng.int(0, 200)))} sind Sie Mitglied bei uns – dafür möchten wir Ihnen heute herzlich danken.` });
      blocks.push({ kind: 'p', text: `Mit Ihrem Beitrag von ${eur(rng.int(2000, 12000))} im Jahr haben Sie im vergangenen Jahr unter anderem ${rng.pick(['die neue Jugendgruppe', 'die Renovierung des Vereinsheims', 'unsere Ferienfreizeit'])} möglich gemacht.` });
      blocks.push({ kind: 'p', text: `Als kleines Dankeschön liegt diesem Brief ein Gutschein über ${eur(rng.pick([1000, 1500, 2000]))} bei, gültig bis ${v.date(addDays(day, rng.int(90, 300)))}. ${nothingToDo}` });
      break;
    }
    case 'privacy': {
      const from = addDays(day, rng.int(14, 60));
      subject = rng.pick(['Information zum Datenschutz', 'Aktualisierte Datenschutzhinweise', 'Hinweise nach Art. 13 und 14 DSGVO']);
      blocks.push({ kind: 'p', text: `zum ${v.date(from)} aktualisieren wir unsere Datenschutzhinweise. Wir verarbeiten Ihre Daten weiterhin nur, soweit dies für die Durchführung Ihres Vertrags erforderlich ist.` });
      blocks.push({ kind: 'list', items: ['Verantwortlicher: ' + sender.name, 'Zweck: Vertragsdurchführung und Kundenservice', `Speicherdauer: ${rng.pick([6, 10])} Jahre nach Vertragsende (gesetzliche Aufbewahrungsfristen)`, 'Ihre Rechte: Auskunft, Berichtigung, Löschung, Widerspruch'] });
      blocks.push({ kind: 'p', text: `Die vollständigen Hinweise finden Sie auf ${sender.web}. ${nothingToDo}` });
      break;
    }
    case 'cancellation_confirmed': {
      const end = endOfMonth(addMonths(day, rng.int(1, 4)));
      subject = rng.pick(['Bestätigung Ihrer Kündigung', 'Ihre Kündigung', 'Kündigungsbestätigung']);
      blocks.push({ kind: 'p', text: `wir bestätigen den Eingang Ihrer Kündigung vom ${v.date(addDays(day, -rng.int(2, 10)))}. Ihr Vertrag endet zum ${v.date(end)}.` });
      blocks.push({ kind: 'p', text: `Bis dahin buchen wir den monatlichen Beitrag von ${eur(rng.int(500, 6000))} wie gewohnt ab. Wir bedauern, dass Sie uns verlassen, und würden uns freuen, Sie wieder begrüßen zu dürfen. ${nothingToDo}` });
      break;
    }
    case 'meter_reading': {
      const reading = rng.int(1000, 99999);
      subject = rng.pick(['Bestätigung Ihres Zählerstands', 'Ihr Zählerstand ist bei uns eingegangen', 'Zählerablesung']);
      const at = endOfMonth(addMonths(day, -1));
      blocks.push({ kind: 'p', text: `vielen Dank für die Übermittlung Ihres Zählerstands.` });
      blocks.push({ kind: 'kv', rows: [['Zählernummer', `${rng.digits(1)}${rng.letters(3)}${rng.digits(8)}`], ['Zählerstand', `${germanNumber(reading * 100).replace(/,00$/, '')} kWh`], ['Ablesedatum', v.date(at)], ['Voraussichtlicher Jahresverbrauch', `${germanNumber(rng.int(1500, 4500) * 100).replace(/,00$/, '')} kWh`]] });
      blocks.push({ kind: 'p', text: `Ihr Abschlag von ${eur(rng.int(4000, 15000))} bleibt unverändert. ${nothingToDo}` });
      break;
    }
  }
  const footerBank = rng.chance(0.35) && v.style.footer !== 'none';
  const pages = page({ org: sender, recipient: addressLines(recipient), info, date: v.date(day), subject, salutation: salutation(recipient, rng), blocks, closing: closing(rng, sender), footerBank }, v);
  return { key: `other-${index}`, pages, truth: { ...emptyTruth('other', sender, day), iban: footerBank ? sender.iban : null }, variant: kind };
}
