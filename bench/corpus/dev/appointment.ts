/**
 * Dev-family appointment letters: specialist, dentist, citizens' office, tax office, vehicle
 * inspection, job centre, heating-meter reading, parents' evening. Day and time in prose, in a
 * table, or in a highlighted line; place, person and things to bring in a list or a sentence.
 * Truth: `datetime` is the start (for a time window "zwischen 10:00 und 12:00 Uhr", its first
 * time); `place` is the place as printed in one piece; `with_whom` the person's name with any
 * academic title but without Herr/Frau; `what_to_bring` the things without article.
 */
import type { Rng } from '../render/random.ts';
import { addDays, parseDay, weekday } from '../render/days.ts';
import { EMPTY_TRUTH, type Draft } from './draft.ts';
import { formatDate, formatTime, MONTHS, WEEKDAYS, type DateStyle, type TimeStyle } from './format.ts';
import { letter, stationery } from './frame.ts';
import { RIGHT, type Block, type Pair } from './letter.ts';
import { company as makeCompany, person, recipientLines, salutation, SURNAMES, type Company, type CompanyOptions } from './parties.ts';
import { LETTER_DAYS, LETTER_FROM } from './window.ts';

/** A thing to bring: the truth's word, and how a sentence says it. */
type Thing = [item: string, inProse: string];

interface Setting {
  company: Company;
  facility: string;
  /** The name, with title; null when the letter names no one. */
  person: string | null;
  /** How the letter introduces the person ("bei Frau Dr. ..."). */
  personPhrase: string;
  subject: string[];
  intro: string;
  things: Thing[];
  bring: [number, number];
  hours: [number, number];
  saturday: boolean;
  window: boolean;
  /** Where the appointment is, when not at the sender's address (a reading in the flat). */
  at?: string;
  extras: string[];
}

const FIRST = { Frau: ['Anna', 'Jana', 'Claudia', 'Svenja', 'Derya', 'Ingrid'], Herr: ['Markus', 'Henrik', 'Felix', 'Tobias', 'Pawel', 'Uwe'] };

function setting(rng: Rng, kind: string, recipientAddress: string, asOf: string): Setting {
  const last = rng.pick(SURNAMES);
  const mrs = rng.chance(0.5) ? 'Frau' : 'Herr';
  const name = `${rng.pick(FIRST[mrs])} ${last}`;
  const firm = (options: CompanyOptions) => makeCompany(rng, options);
  switch (kind) {
    case 'specialist': {
      const doctor = `Dr. med. ${name}`;
      const field = rng.pick(['Kardiologie', 'Orthopädie', 'Dermatologie', 'Gastroenterologie']);
      const company = firm({ pattern: rng.pick([`Praxis für ${field} Dr. ${last}`, 'MVZ {town} GmbH', `Gemeinschaftspraxis Dr. ${last} & Dr. {surname}`]), register: null, vat: false, managersLabel: null });
      return {
        company, facility: company.name, person: doctor, personPhrase: `bei ${doctor}`, subject: ['Terminbestätigung', `Ihr Termin in der ${field}`], intro: 'wir bestätigen Ihren Termin zur Untersuchung',
        things: [['Versichertenkarte', 'Ihre Versichertenkarte'], ['Überweisungsschein', 'den Überweisungsschein'], ['Medikamentenplan', 'Ihren Medikamentenplan'], ['Vorbefunde', 'die Vorbefunde'], ['Röntgenbilder', 'Ihre Röntgenbilder']],
        bring: [1, 3], hours: [8, 17], saturday: false, window: false,
        extras: ['Bitte sagen Sie den Termin mindestens 24 Stunden vorher ab, wenn Sie verhindert sind. Nicht abgesagte Termine können wir mit 40,00 € in Rechnung stellen.', 'Bitte erscheinen Sie nüchtern (ab 22 Uhr am Vorabend nichts essen).'],
      };
    }
    case 'dentist': {
      const dentist = `Dr. med. dent. ${name}`;
      const company = firm({ pattern: `Zahnarztpraxis Dr. ${last}`, register: null, vat: false, managersLabel: null });
      return {
        company, facility: company.name, person: dentist, personPhrase: `bei ${dentist}`, subject: ['Erinnerung an Ihren Termin', 'Ihre Kontrolluntersuchung'], intro: 'Ihre halbjährliche Kontrolluntersuchung steht an. Wir haben für Sie einen Termin reserviert',
        things: [['Bonusheft', 'Ihr Bonusheft'], ['Versichertenkarte', 'Ihre Versichertenkarte']], bring: [1, 2], hours: [8, 18], saturday: false, window: false,
        extras: [`Eine professionelle Zahnreinigung (${rng.int(85, 120)},00 €) können Sie im Anschluss direkt mit buchen.`, 'Öffnungszeiten: Mo-Fr 8:00-12:00 Uhr, Di und Do 14:00-18:00 Uhr.'],
      };
    }
    case 'citizens': {
      const company = firm({ pattern: 'Stadt {town} - Bürgeramt', register: null, vat: false, managersLabel: null });
      const room = `Raum ${rng.int(0, 2)}.${rng.int(10, 40)}`;
      return {
        company, facility: `Bürgeramt ${company.address.city}, ${room}`, person: null, personPhrase: '', subject: ['Terminbestätigung Bürgeramt', 'Ihre Terminbuchung'], intro: `Ihre Terminbuchung für die Dienstleistung „${rng.pick(['Personalausweis beantragen', 'Reisepass beantragen', 'Wohnsitz anmelden'])}“ ist bestätigt. Der Termin findet statt`,
        things: [['Personalausweis', 'Ihren Personalausweis'], ['biometrisches Passfoto', 'ein biometrisches Passfoto'], ['Geburtsurkunde', 'Ihre Geburtsurkunde'], ['Wohnungsgeberbestätigung', 'die Wohnungsgeberbestätigung']],
        bring: [2, 3], hours: [8, 15], saturday: false, window: false,
        extras: [`Vorgangsnummer: ${rng.digits(4)}-${rng.digits(6)}. Bitte halten Sie die Gebühr von ${rng.pick(['37,00', '70,00', '13,00'])} € bereit (Kartenzahlung möglich).`, 'Kommen Sie bitte pünktlich; bei Verspätung kann der Termin verfallen.'],
      };
    }
    case 'tax': {
      const company = firm({ pattern: 'Finanzamt {town}', register: null, vat: false, managersLabel: null });
      const room = `Zimmer ${rng.int(100, 420)}`;
      return {
        company, facility: `Finanzamt ${company.address.city}, ${room}`, person: name, personPhrase: `bei ${mrs === 'Frau' ? 'Frau' : 'Herrn'} ${name}`, subject: [`Einkommensteuer ${rng.int(2023, 2025)} - Einladung zu einer Besprechung`], intro: 'zur Klärung offener Fragen zu Ihrer Steuererklärung bitte ich Sie zu einer Besprechung',
        things: [['Belege zu den Werbungskosten', 'die Belege zu den Werbungskosten'], ['Fahrtenbuch', 'Ihr Fahrtenbuch'], ['Kontoauszüge', 'die Kontoauszüge']], bring: [1, 3], hours: [8, 14], saturday: false, window: false,
        extras: [`Steuernummer: ${rng.int(10, 99)}/${rng.int(100, 999)}/${rng.digits(5)}. Unser Schreiben vom ${formatDate(addDays(asOf, -rng.int(20, 90)))} ist bisher unbeantwortet.`],
      };
    }
    case 'inspection': {
      const company = firm({ pattern: rng.pick(['Kraftfahrzeug-Überwachung {town} GmbH', 'Prüfdienst {surname} GmbH']) });
      return {
        company, facility: `Prüfstelle ${company.address.city}-${rng.pick(['Nord', 'Süd', 'Gewerbegebiet'])}`, person: null, personPhrase: '', subject: ['Terminbestätigung Hauptuntersuchung'], intro: `für die Hauptuntersuchung (§ 29 StVZO) Ihres Fahrzeugs mit dem Kennzeichen ${rng.letters(2)}-${rng.letters(2)} ${rng.int(10, 9999)} erwarten wir Sie`,
        things: [['Zulassungsbescheinigung Teil I', 'die Zulassungsbescheinigung Teil I'], ['Prüfbericht der letzten HU', 'den Prüfbericht der letzten HU'], ['Radschlossschlüssel', 'den Radschlossschlüssel']], bring: [1, 2], hours: [7, 17], saturday: true, window: false,
        extras: [`Preis der Hauptuntersuchung inkl. Abgasuntersuchung: ${rng.int(128, 159)},00 €.`, 'Bitte kommen Sie 10 Minuten vor Ihrem Termin.'],
      };
    }
    case 'jobcentre': {
      const company = firm({ pattern: 'Jobcenter {town}', register: null, vat: false, managersLabel: null });
      const room = `Raum ${rng.int(1, 4)}.${rng.int(10, 60)}`;
      return {
        company, facility: `Jobcenter ${company.address.city}, ${room}`, person: name, personPhrase: `bei ${mrs === 'Frau' ? 'Ihrer Ansprechpartnerin Frau' : 'Ihrem Ansprechpartner Herrn'} ${name}`, subject: ['Einladung', 'Einladung zu einem Gespräch'], intro: 'ich möchte mit Ihnen über Ihre berufliche Situation sprechen. Bitte kommen Sie',
        things: [['Lebenslauf', 'Ihren Lebenslauf'], ['Bewerbungsunterlagen', 'Ihre Bewerbungsunterlagen'], ['Personalausweis', 'Ihren Personalausweis'], ['Nachweise über Eigenbemühungen', 'Nachweise über Eigenbemühungen']], bring: [2, 3], hours: [8, 15], saturday: false, window: false,
        extras: [`Kundennummer: ${rng.digits(3)}D${rng.digits(6)}, BG-Nummer: ${rng.digits(5)}BG${rng.digits(7)}.`, 'Rechtsfolgenbelehrung: Kommen Sie ohne wichtigen Grund nicht zu dem Termin, wird Ihr Bürgergeld für einen Monat um 10 Prozent des maßgebenden Regelbedarfs gemindert (§ 32 SGB II).'],
      };
    }
    case 'reading': {
      const company = firm({ pattern: rng.pick(['Wärmedienst {surname} GmbH', 'Messtechnik {town} GmbH & Co. KG']), ...(rng.chance(0.5) ? {} : { register: 'HRA' as const }) });
      const technician = rng.chance(0.5) ? name : null;
      return {
        company, facility: 'Ihre Wohnung', person: technician, personPhrase: technician ? `durch unseren Monteur ${technician}` : '', subject: ['Ankündigung der Ablesung', 'Ablesung Ihrer Heizkostenverteiler und Wasserzähler'], intro: 'im Auftrag Ihrer Hausverwaltung lesen wir die Heizkostenverteiler und Wasserzähler in Ihrer Wohnung ab. Die Ablesung erfolgt',
        things: [], bring: [0, 0], hours: [7, 15], saturday: true, window: true, at: recipientAddress,
        extras: ['Bitte sorgen Sie dafür, dass alle Heizkörper und Zähler frei zugänglich sind.', `Sind Sie verhindert, können Sie einen Ersatztermin vereinbaren oder eine Vertrauensperson beauftragen. Kosten einer Zwischenablesung: ${rng.int(25, 45)},00 €.`],
      };
    }
    default: {
      const company = firm({ pattern: rng.pick(['Gesamtschule {town}', 'Grundschule am {surname}platz']), register: null, vat: false, managersLabel: 'Schulleitung' });
      const room = `Raum ${rng.int(100, 240)}`;
      return {
        company, facility: `${company.name}, ${room}`, person: name, personPhrase: `bei ${mrs === 'Frau' ? 'Frau' : 'Herrn'} ${name} (Klassenleitung ${rng.int(3, 9)}${rng.pick(['a', 'b', 'c'])})`, subject: ['Einladung zum Elternsprechtag', 'Elternsprechtag - Ihr Gesprächstermin'], intro: 'zum Elternsprechtag haben wir für Sie einen Gesprächstermin vorgesehen',
        things: [['Zeugnisheft', 'das Zeugnisheft'], ['Hausaufgabenheft', 'das Hausaufgabenheft']], bring: [0, 1], hours: [14, 18], saturday: false, window: false,
        extras: ['Jedes Gespräch dauert etwa 10 Minuten. Bitte seien Sie pünktlich.', `Der nächste Elternabend findet am ${formatDate(addDays(asOf, rng.int(60, 200)), 'long')} statt.`],
      };
    }
  }
}

export const APPOINTMENT_KINDS = ['specialist', 'dentist', 'citizens', 'tax', 'inspection', 'jobcentre', 'reading', 'school'];

/** `14. April` (no year): some letters leave it out when it is this year. */
const withoutYear = (iso: string) => `${parseDay(iso).day}. ${MONTHS[parseDay(iso).month - 1]}`;

export function appointmentDraft(rng: Rng, index: number): Draft {
  const kind = APPOINTMENT_KINDS[index % APPOINTMENT_KINDS.length]!;
  const recipient = person(rng);
  const home = `${recipient.address.street}, ${recipient.address.zip} ${recipient.address.city}`;
  const asOf = addDays(LETTER_FROM, rng.int(0, LETTER_DAYS));
  const s = setting(rng, kind, home, asOf);
  let day = addDays(asOf, rng.int(4, 45));
  while (weekday(day) === 0 || (weekday(day) === 6 && !s.saturday)) day = addDays(day, 1);
  const time = `${String(rng.int(s.hours[0], s.hours[1])).padStart(2, '0')}:${String(rng.pick([0, 0, 10, 15, 20, 30, 30, 40, 45, 50])).padStart(2, '0')}`;
  const end = `${String(Number(time.slice(0, 2)) + 2).padStart(2, '0')}:${time.slice(3)}`;
  const at = s.at ?? `${s.facility}, ${s.company.address.street}, ${s.company.address.zip} ${s.company.address.city}`;
  const timeStyle = rng.pick<TimeStyle>(['colon', 'colon-padded', 'dot', 'dot-padded']);
  const clock = s.window ? `zwischen ${formatTime(time, timeStyle).replace(' Uhr', '')} und ${formatTime(end, timeStyle)}` : `um ${formatTime(time, timeStyle)}`;
  const sameYear = day.slice(0, 4) === asOf.slice(0, 4);
  const form = rng.int(0, sameYear && !s.window ? 4 : 3);

  const things = rng.sample(s.things, rng.int(s.bring[0], s.bring[1]));
  const when: Block[] = [];
  if (form === 0) {
    when.push({ kind: 'para', text: `${s.intro} am ${formatDate(day, 'weekday-dem')}, ${clock}${s.personPhrase ? ` ${s.personPhrase}` : ''}.` }, { kind: 'para', text: `Ort: ${at}` });
  } else if (form === 1) {
    const pairs: Pair[] = [
      ['Datum:', formatDate(day, rng.pick<DateStyle>(['weekday-numeric', 'numeric', 'weekday']))],
      ['Uhrzeit:', s.window ? clock : rng.chance(0.5) ? formatTime(time, 'bare') : formatTime(time, timeStyle)],
      [rng.pick(['Ort:', 'Adresse:', 'Wo:']), at],
      ...(s.person ? [[rng.pick(['Bei:', 'Ansprechpartner:', 'Zuständig:']), s.person] as Pair] : []),
    ];
    when.push({ kind: 'para', text: `${s.intro}:` }, { kind: 'pairs', pairs, labelWidth: 100, bold: rng.chance(0.5) });
  } else if (form === 2) {
    when.push(
      { kind: 'para', text: `${s.intro}${s.personPhrase ? ` ${s.personPhrase}` : ''}:` },
      { kind: 'lines', lines: [`${formatDate(day, rng.pick<DateStyle>(['weekday', 'weekday-numeric']))} - ${s.window ? clock : formatTime(time, timeStyle)}`], bold: true },
      { kind: 'para', text: `${rng.pick(['Treffpunkt', 'Ort des Termins', 'Anschrift'])}: ${at}` },
    );
  } else if (form === 3) {
    when.push(
      { kind: 'para', text: `${s.intro}${s.personPhrase ? ` ${s.personPhrase}` : ''}:` },
      { kind: 'table', columns: [{ x: 71 }, { x: 160 }, { x: 255, width: RIGHT - 255 }], header: ['Datum', 'Uhrzeit', 'Ort'], rows: [{ cells: [formatDate(day, 'numeric'), s.window ? `${formatTime(time, 'bare')} - ${formatTime(end, 'bare')} Uhr` : formatTime(time, timeStyle), at] }] },
    );
  } else {
    when.push({ kind: 'para', text: `${s.intro} am ${WEEKDAYS[weekday(day)]}, ${withoutYear(day)}, ${clock}${s.personPhrase ? ` ${s.personPhrase}` : ''}.` }, { kind: 'para', text: `Sie finden uns hier: ${at}` });
  }
  const bring: Block[] =
    things.length === 0
      ? []
      : rng.chance(0.5)
        ? [{ kind: 'para', text: rng.pick(['Bitte bringen Sie zum Termin mit:', 'Bitte denken Sie an folgende Unterlagen:']), after: 2 }, { kind: 'list', items: things.map(([item]) => item), bullet: rng.pick(['•', '-', '–']) }]
        : [{ kind: 'para', text: `Bitte bringen Sie ${things.map(([, prose]) => prose).join(', ').replace(/, ([^,]*)$/, ' und $1')} mit.` }];
  const lastVisit = rng.chance(0.4) ? [{ kind: 'para', text: `Ihr letzter Termin bei uns war am ${formatDate(addDays(asOf, -rng.int(90, 400)))}.`, size: 9 } as Block] : [];
  const blocks: Block[] = [
    { kind: 'lines', lines: [salutation(recipient)] },
    ...when,
    ...bring,
    ...rng.sample(s.extras, rng.int(1, s.extras.length)).map((text): Block => ({ kind: 'para', text, size: 9.5 })),
    ...lastVisit,
    { kind: 'lines', lines: ['Mit freundlichen Grüßen', '', s.person && kind !== 'reading' ? s.person : s.company.name], after: 0 },
  ];
  const paper = stationery(rng, s.company);
  const pairs: Pair[] = [[rng.pick(['Ihr Zeichen', 'Aktenzeichen', 'Termin-Nr.']), `${rng.letters(1)}-${rng.digits(6)}`], ['Datum', formatDate(asOf, rng.pick<DateStyle>(['numeric', 'long']))]];
  const pages = letter(paper, { recipient: recipientLines(recipient, rng), pairs, date: formatDate(asOf, 'long'), subject: [rng.pick(s.subject)], blocks });
  return {
    key: `appointment-${index}`,
    variant: `${kind}/form${form}/${things.length === 0 ? 'nothing' : 'things'}/${paper.align}`,
    pages,
    truth: {
      ...EMPTY_TRUTH,
      type: 'appointment',
      as_of: asOf,
      sender: s.company.name,
      issue_date: asOf,
      appointment: { datetime: `${day}T${time}`, place: at, with_whom: s.person, what_to_bring: things.map(([item]) => item) },
    },
  };
}

