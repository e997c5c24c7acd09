/**
 * Appointment letters: doctor's and dentist's practices, the Bürgeramt, vehicle inspection (HU),
 * the tax office, the Jobcenter, schools. Each names a day and time, a place, often a person, and
 * what to bring; most also print other days (the letter's, a deadline to cancel, a last visit) and
 * amounts (fees), so the appointment has to be told from them.
 */
import { addDays, weekday } from '../render/days.ts';
import type { Rng } from '../render/random.ts';
import { closing, emptyTruth, letterDay, page, voice, type Draft } from './draft.ts';
import { formatDate, timeText, weekdayName } from './format.ts';
import type { Block } from './letter.ts';
import { addressLines, doctorName, org, person, place, salutation, staffName, type Sector } from './names.ts';

type Kind = 'doctor' | 'dentist' | 'citizen_office' | 'inspection' | 'tax_office' | 'jobcenter' | 'school';
const KINDS: { kind: Kind; sector: Sector }[] = [
  { kind: 'doctor', sector: 'doctor' },
  { kind: 'dentist', sector: 'dentist' },
  { kind: 'citizen_office', sector: 'city' },
  { kind: 'inspection', sector: 'inspection' },
  { kind: 'tax_office', sector: 'tax_office' },
  { kind: 'jobcenter', sector: 'jobcenter' },
  { kind: 'school', sector: 'school' },
];

const BRING: Record<Kind, string[]> = {
  doctor: ['Versichertenkarte', 'Überweisungsschein', 'aktuelle Medikamentenliste', 'Impfpass', 'Vorbefunde'],
  dentist: ['Versichertenkarte', 'Bonusheft', 'Röntgenbilder', 'Heil- und Kostenplan'],
  citizen_office: ['Personalausweis oder Reisepass', 'ein aktuelles biometrisches Passfoto', 'Geburtsurkunde', 'Wohnungsgeberbestätigung'],
  inspection: ['Zulassungsbescheinigung Teil I', 'letzter Prüfbericht', 'Warndreieck und Verbandkasten'],
  tax_office: ['Belege zur Einkommensteuererklärung', 'Kontoauszüge des Jahres 2025', 'Personalausweis'],
  jobcenter: ['Personalausweis', 'aktueller Lebenslauf', 'Bewerbungsnachweise', 'diese Einladung'],
  school: ['Zeugnisheft', 'Hausaufgabenheft'],
};

const MINUTES = [0, 0, 0, 15, 30, 30, 45, 10, 20, 40, 50];

export function appointmentDraft(rng: Rng, index: number): Draft {
  const { kind, sector } = KINDS[index % KINDS.length]!;
  const sender = org(rng, sector);
  const recipient = person(rng);
  const v = voice(rng, kind === 'citizen_office' || kind === 'tax_office' || kind === 'jobcenter' ? { family: rng.chance(0.5) ? 'serif' : 'sans' } : {});
  const letter = letterDay(rng);
  let day = addDays(letter, rng.int(5, 45));
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, 1);
  const hour = kind === 'school' ? rng.int(14, 18) : rng.int(7, 16);
  const minute = rng.pick(MINUTES);
  const timeStyle = rng.pick(['colon', 'short', 'dot'] as const);
  const time = `${timeText(hour, minute, timeStyle)} Uhr`;
  const dateStyle = rng.chance(0.6) ? 'numeric' : 'long';
  const date = formatDate(day, dateStyle);
  const weekdayText = weekdayName(day);

  // Where and with whom.
  const sameHouse = `${sender.street}, ${sender.zip} ${sender.town}`;
  let place_: string;
  let withWhom: string | null = null;
  let subject: string;
  const extra: Block[] = [];
  switch (kind) {
    case 'doctor': {
      const doctor = doctorName(rng);
      withWhom = doctor.full;
      place_ = rng.chance(0.5) ? `${sameHouse}, ${rng.pick(['1. OG', '2. OG', 'Erdgeschoss'])}` : sameHouse;
      subject = rng.pick(['Terminbestätigung', `Ihr Termin am ${date}`, 'Erinnerung an Ihren Termin', 'Einladung zur Vorsorgeuntersuchung']);
      extra.push({ kind: 'p', text: `Ihre letzte Untersuchung bei uns war am ${formatDate(addDays(letter, -rng.int(90, 500)), dateStyle)}.` });
      extra.push({ kind: 'p', text: 'Bitte kommen Sie nüchtern, falls eine Blutentnahme vorgesehen ist, und sagen Sie den Termin spätestens 24 Stunden vorher ab, wenn Sie verhindert sind.' });
      break;
    }
    case 'dentist': {
      const dentist = doctorName(rng, 'Dr. med. dent.');
      withWhom = dentist.full;
      place_ = sameHouse;
      subject = rng.pick(['Terminbestätigung Prophylaxe', 'Ihr nächster Zahnarzttermin', 'Recall: Zeit für Ihre Kontrolle']);
      extra.push({ kind: 'p', text: `Für die professionelle Zahnreinigung berechnen wir ${v.eur(rng.int(79, 129) * 100)}; die Kosten übernimmt Ihre Krankenkasse nicht in jedem Fall.` });
      break;
    }
    case 'citizen_office': {
      const room = `Zimmer ${rng.int(0, 3)}.${String(rng.int(1, 40)).padStart(2, '0')}`;
      place_ = `${sender.subtitle ?? 'Bürgeramt'} ${sender.town}, ${sender.street}, ${room}`;
      subject = rng.pick(['Bestätigung Ihres Termins', 'Ihre Terminbuchung beim Bürgeramt', 'Terminbestätigung: Beantragung Personalausweis']);
      extra.push({ kind: 'p', text: `Die Gebühr für einen Personalausweis beträgt ${v.eur(3700)} und ist bei der Antragstellung zu zahlen. Ihr bisheriger Ausweis ist gültig bis ${formatDate(addDays(day, rng.int(10, 200)), dateStyle)}.` });
      break;
    }
    case 'inspection': {
      const station = place(rng, sender.town);
      place_ = `Prüfstelle ${sender.town}, ${station.street}, ${station.zip} ${station.town}`;
      subject = rng.pick(['Terminbestätigung Hauptuntersuchung', 'Ihr Termin zur HU/AU', 'Hauptuntersuchung Ihres Fahrzeugs']);
      const plate = `${sender.town.slice(0, rng.int(1, 2)).toUpperCase()}-${rng.letters(2)} ${rng.int(10, 9999)}`;
      extra.push({ kind: 'p', text: `Fahrzeug: ${plate}. Die Hauptuntersuchung ist fällig im ${formatDate(day, 'long').replace(/^\d+\. /, '')}. Prüfgebühr inklusive Abgasuntersuchung: ${v.eur(rng.int(120, 160) * 100 + rng.pick([0, 50, 90]))}.` });
      break;
    }
    case 'tax_office': {
      const clerk = staffName(rng);
      withWhom = clerk.name;
      place_ = `Finanzamt ${sender.town}, ${sender.street}, Zimmer ${rng.int(100, 499)}`;
      subject = rng.pick(['Einladung zu einer Besprechung', 'Terminvereinbarung zu Ihrer Einkommensteuererklärung 2024', 'Persönliche Vorsprache']);
      extra.push({ kind: 'p', text: `Steuernummer ${rng.digits(3)}/${rng.digits(3)}/${rng.digits(5)}. Es geht um Rückfragen zu Ihrer Erklärung vom ${formatDate(addDays(letter, -rng.int(30, 200)), dateStyle)}; die festgesetzte Erstattung von ${v.eur(rng.int(10000, 250000))} steht noch unter Vorbehalt.` });
      break;
    }
    case 'jobcenter': {
      const advisor = staffName(rng);
      withWhom = advisor.name;
      place_ = `${sender.name}, ${sender.street}, ${sender.zip} ${sender.town}, Raum ${rng.int(1, 4)}.${String(rng.int(1, 30)).padStart(2, '0')}`;
      subject = rng.pick(['Einladung', 'Einladung zu einem Gespräch über Ihre berufliche Situation', 'Meldeaufforderung']);
      extra.push({ kind: 'p', text: 'Rechtsfolgenbelehrung: Wenn Sie ohne wichtigen Grund nicht erscheinen, kann Ihr Bürgergeld für einen Monat um 10 Prozent des maßgebenden Regelbedarfs gemindert werden.' });
      break;
    }
    case 'school': {
      const teacher = staffName(rng);
      withWhom = teacher.name;
      place_ = `${sender.name}, ${sender.street}, Raum ${rng.int(101, 320)}`;
      subject = rng.pick(['Einladung zum Elternsprechtag', 'Einladung zum Elterngespräch', 'Termin für das Lernentwicklungsgespräch']);
      extra.push({ kind: 'p', text: `Die Sprechtage finden vom ${formatDate(addDays(day, -rng.int(0, 1)), dateStyle)} bis ${formatDate(addDays(day, rng.int(1, 2)), dateStyle)} statt; Ihr persönlicher Termin ist unten genannt.` });
      break;
    }
  }

  const bringAll = BRING[kind];
  const bring = kind === 'school' && rng.chance(0.4) ? [] : rng.sample(bringAll, rng.int(1, Math.min(3, bringAll.length)));
  const blocks: Block[] = [];
  const form = rng.pick(['sentence', 'rows', 'row', 'sentence-short'] as const);
  const who = withWhom ? (kind === 'doctor' || kind === 'dentist' ? `bei ${withWhom}` : `bei ${withWhom}`) : '';
  switch (form) {
    case 'sentence':
      blocks.push({ kind: 'p', text: `${rng.pick(['wir bestätigen Ihnen Ihren Termin', 'hiermit laden wir Sie ein zu einem Termin', 'wir möchten Sie an Ihren Termin erinnern'])} am ${weekdayText}, ${date}, um ${time}${who ? ` ${who}` : ''}.` });
      blocks.push({ kind: 'p', text: `Ort: ${place_}` });
      break;
    case 'sentence-short':
      blocks.push({ kind: 'p', text: rng.pick(['gern bestätigen wir Ihren Termin.', 'bitte merken Sie sich folgenden Termin vor.', 'wir haben für Sie folgenden Termin reserviert.']) });
      blocks.push({ kind: 'p', text: `Ihr Termin: ${date}, ${time}${who ? `, ${who}` : ''}` });
      blocks.push({ kind: 'p', text: `Ort: ${place_}` });
      break;
    case 'rows':
      blocks.push({ kind: 'p', text: rng.pick(['wir bestätigen Ihnen folgenden Termin:', 'hiermit laden wir Sie zu folgendem Termin ein:', 'Ihr Termin im Überblick:']) });
      blocks.push({ kind: 'kv', rows: [['Datum', `${weekdayText}, ${date}`], ['Uhrzeit', time], ['Ort', place_], ...(withWhom ? [[kind === 'jobcenter' ? 'Ansprechpartner/in' : 'Bei', withWhom] as [string, string]] : [])] });
      break;
    case 'row':
      blocks.push({ kind: 'p', text: rng.pick(['Ihr Termin wurde verbindlich gebucht:', 'wir erwarten Sie zu folgendem Termin:']) });
      blocks.push({ kind: 'kv', rows: [['Termin', `${weekdayName(day, true)} ${date}, ${time}`], ['Wo', place_], ...(withWhom ? [['Mit', withWhom] as [string, string]] : [])] });
      break;
  }
  blocks.push(...extra);
  if (bring.length > 0) {
    if (rng.chance(0.6)) {
      blocks.push({ kind: 'p', text: rng.pick(['Bitte bringen Sie mit:', 'Bitte denken Sie an folgende Unterlagen:', 'Mitzubringen sind:']) });
      blocks.push({ kind: 'list', items: bring, bullet: rng.pick(['•', '-', '–']) });
    } else {
      const list = bring.length === 1 ? bring[0]! : `${bring.slice(0, -1).join(', ')} und ${bring[bring.length - 1]}`;
      blocks.push({ kind: 'p', text: `Bitte bringen Sie ${list} mit.` });
    }
  }
  blocks.push({ kind: 'p', text: rng.pick([`Falls Sie den Termin nicht wahrnehmen können, sagen Sie bitte bis zum ${formatDate(addDays(day, -rng.int(2, 4)), dateStyle)} ab.`, 'Sollten Sie verhindert sein, informieren Sie uns bitte rechtzeitig.', `Bitte erscheinen Sie etwa 10 Minuten vor Ihrem Termin.`]) });

  const info: [string, string][] = [];
  if (kind === 'jobcenter') info.push(['BG-Nummer', `${rng.digits(5)}BG${rng.digits(7)}`]);
  if (kind === 'tax_office') info.push(['Steuernummer', `${rng.digits(3)}/${rng.digits(3)}/${rng.digits(5)}`]);
  if (kind === 'citizen_office') info.push(['Vorgangsnummer', `T-${rng.digits(8)}`]);
  if (kind === 'doctor' || kind === 'dentist') info.push(['Patienten-Nr.', rng.digits(6)]);
  const pages = page({ org: sender, recipient: addressLines(recipient), info, date: v.date(letter), subject, salutation: salutation(recipient, rng), blocks, closing: closing(rng, sender, withWhom && kind !== 'doctor' && kind !== 'dentist' ? withWhom : undefined), footerBank: false }, v);
  return {
    key: `appointment-${index}`,
    pages,
    truth: {
      ...emptyTruth('appointment', sender, letter),
      appointment: { datetime: `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, place: place_, with_whom: withWhom, what_to_bring: bring },
    },
    variant: `${kind}/${form}/${timeStyle}/${dateStyle}`,
  };
}
