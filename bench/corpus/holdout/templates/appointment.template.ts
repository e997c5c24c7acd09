/** Appointment letters: doctor, citizens' office, vehicle inspection, tax office, school, craftsman visit. */
import type { CorpusTruth } from '../../corpus.types.ts';
import { baseTruth, type Draft, habits, letterDay, letterShell, recipient } from '../holdout.common.ts';
import { addDays, type IsoDate } from '../holdout.dates.ts';
import { formatAmount, formatDate, formatDateWithWeekday, formatTime, type TimeStyle } from '../holdout.format.ts';
import { isWorkingDay } from '../holdout.holidays.ts';
import type { Block } from '../holdout.layout.ts';
import { city, fullName, LAST_NAMES, person } from '../holdout.names.ts';
import type { Rng } from '../holdout.random.ts';
import { makeSender, type Sender, type SenderKind } from '../holdout.senders.ts';

export type AppointmentKind = 'medical' | 'citizens_office' | 'inspection' | 'tax_office' | 'school' | 'craftsman_visit';
export const APPOINTMENT_KINDS: readonly AppointmentKind[] = ['medical', 'citizens_office', 'inspection', 'tax_office', 'school', 'craftsman_visit'];

const SENDER: Record<AppointmentKind, SenderKind> = {
  medical: 'doctor',
  citizens_office: 'citizens_office',
  inspection: 'inspection',
  tax_office: 'tax_office',
  school: 'school',
  craftsman_visit: 'service_company',
};

interface Setting {
  subjects: string[];
  intro: string;
  place: string;
  withWhom: string;
  bring: string[];
  refs: Array<[string, string]>;
  extra: string[];
  /** Craftsmen announce a window, not a time. */
  windowHours: number | null;
}

const officeAddress = (s: Sender, room: string | null): string =>
  [s.profile.tagline ?? s.profile.name, room, s.profile.address.street, `${s.profile.address.postcode} ${s.profile.address.city}`].filter(Boolean).join(', ');

function setting(rng: Rng, kind: AppointmentKind, s: Sender, home: string, fee: (c: number) => string): Setting {
  const official = person(rng);
  const officialName = `${official.female ? 'Frau' : 'Herr'} ${official.last}`;
  switch (kind) {
    case 'medical':
      return {
        subjects: ['Terminbestätigung', 'Ihr nächster Termin in unserer Praxis', 'Einladung zur Vorsorgeuntersuchung', 'Erinnerung an Ihren Kontrolltermin'],
        intro: rng.pick(['hiermit bestätigen wir Ihren Termin in unserer Praxis:', 'wir möchten Sie an Ihren vereinbarten Termin erinnern:', 'gern haben wir für Sie folgenden Termin reserviert:']),
        place: `${s.profile.name}, ${s.profile.address.street}, ${s.profile.address.postcode} ${s.profile.address.city}`,
        withWhom: s.signer,
        bring: rng.shuffle(['Versichertenkarte', 'Überweisungsschein', 'Medikamentenplan', 'aktuelle Befunde', 'Impfpass']).slice(0, rng.int(1, 3)),
        refs: [],
        extra: [rng.pick(['Falls Sie den Termin nicht wahrnehmen können, sagen Sie bitte mindestens 24 Stunden vorher ab. Nicht rechtzeitig abgesagte Termine können wir Ihnen in Rechnung stellen.', 'Bitte erscheinen Sie nüchtern, da eine Blutentnahme vorgesehen ist.'])],
        windowHours: null,
      };
    case 'citizens_office':
      return {
        subjects: [`Terminbestätigung ${s.detail}`, 'Ihre Terminbuchung', 'Bestätigung Ihres Termins: Beantragung Personalausweis'],
        intro: 'Ihr Termin zur Beantragung eines Personalausweises ist wie folgt gebucht:',
        place: officeAddress(s, `${rng.pick(['Zimmer', 'Raum', 'Schalter'])} ${rng.int(0, 3)}.${rng.int(1, 40)}`),
        withWhom: s.detail,
        bring: rng.shuffle(['Ihren bisherigen Ausweis oder Reisepass', 'ein aktuelles biometrisches Passfoto', 'Ihre Geburtsurkunde', 'die Meldebescheinigung']).slice(0, rng.int(2, 3)),
        refs: [['Vorgangsnummer', `${rng.pick(['BA', 'T'])}-${rng.digits(6)}`]],
        extra: [`Die Gebühr von ${fee(3700)} ist vor Ort per Karte zu entrichten.`],
        windowHours: null,
      };
    case 'inspection':
      return {
        subjects: ['Terminbestätigung Hauptuntersuchung', 'Ihr Prüftermin (HU/AU)'],
        intro: `für Ihr Fahrzeug mit dem Kennzeichen ${city(rng).replace(/^(Bad|Groß|Alt) /, '').slice(0, 2).toUpperCase()}-${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))} ${rng.int(10, 9999)} haben wir folgenden Prüftermin eingeplant:`,
        place: `Prüfstelle ${s.profile.address.city}, ${s.profile.address.street}, ${s.profile.address.postcode} ${s.profile.address.city}`,
        withWhom: s.profile.name,
        bring: rng.shuffle(['die Zulassungsbescheinigung Teil I', 'den letzten Prüfbericht', 'den Nachweis der Abgasuntersuchung']).slice(0, rng.int(1, 2)),
        refs: [['Auftragsnummer', `HU${rng.digits(7)}`]],
        extra: [`Die Prüfgebühr beträgt ${fee(rng.pick([13900, 14950, 16500]))} und ist nach der Prüfung zu zahlen.`],
        windowHours: null,
      };
    case 'tax_office':
      return {
        subjects: [`Einkommensteuer ${rng.int(2023, 2025)}: Einladung zu einem Gespräch`, 'Terminvereinbarung zur Klärung von Rückfragen'],
        intro: 'zur Klärung einiger Fragen zu Ihrer Steuererklärung bitte ich Sie zu einem persönlichen Gespräch:',
        place: officeAddress(s, `Zimmer ${rng.int(100, 420)}`),
        withWhom: officialName,
        bring: rng.shuffle(['Belege zu den Werbungskosten', 'Kontoauszüge', 'Lohnsteuerbescheinigung', 'Nachweise über Handwerkerleistungen']).slice(0, rng.int(1, 3)),
        refs: [['Steuernummer', `${rng.int(10, 99)}/${rng.digits(3)}/${rng.digits(5)}`]],
        extra: ['Sollte Ihnen der Termin nicht möglich sein, rufen Sie mich bitte an.'],
        windowHours: null,
      };
    case 'school': {
      const child = person(rng);
      const teacher = `${official.female ? 'Frau' : 'Herr'} ${rng.pick(LAST_NAMES)}`;
      return {
        subjects: ['Einladung zum Elternsprechtag', 'Einladung zum Elterngespräch', 'Gesprächstermin zur Lernentwicklung'],
        intro: `gern möchten wir mit Ihnen über die Lernentwicklung von ${child.first} sprechen. Wir haben folgenden Termin für Sie vorgesehen:`,
        place: `${s.profile.name}, Raum ${rng.pick(['A', 'B', ''])}${rng.int(1, 3)}.${String(rng.int(1, 24)).padStart(2, '0')}, ${s.profile.address.street}, ${s.profile.address.postcode} ${s.profile.address.city}`,
        withWhom: teacher,
        bring: rng.chance(0.5) ? ['Hausaufgabenheft'] : [],
        refs: [],
        extra: ['Falls Sie verhindert sind, geben Sie bitte über das Sekretariat Bescheid.'],
        windowHours: null,
      };
    }
    case 'craftsman_visit':
      return {
        ...rng.pick([
          { subjects: ['Terminankündigung', 'Ankündigung: Ablesung der Heizkostenverteiler'], intro: 'im Auftrag Ihrer Hausverwaltung führen wir die jährliche Ablesung durch. Wir kommen zu Ihnen:' },
          { subjects: ['Terminankündigung', 'Wartung Ihrer Heizungsanlage'], intro: 'die jährliche Wartung Ihrer Gasheizung steht an. Unser Techniker kommt:' },
          { subjects: ['Ankündigung der Feuerstättenschau', 'Terminankündigung'], intro: 'für die gesetzlich vorgeschriebene Überprüfung Ihrer Feuerstätte haben wir folgenden Termin vorgesehen:' },
        ]),
        place: home,
        withWhom: rng.chance(0.5) ? s.profile.name : `${rng.pick(['Herr', 'Frau'])} ${fullName(official)}`,
        bring: [],
        refs: [['Auftrag', `${rng.digits(2)}-${rng.digits(5)}`]],
        extra: ['Bitte sorgen Sie dafür, dass alle Räume zugänglich sind. Die Kosten werden über die Nebenkostenabrechnung abgerechnet.'],
        windowHours: rng.pick([2, 3, 4]),
      };
  }
}

export function makeAppointment(rng: Rng, id: string, kind: AppointmentKind, from: IsoDate, span: number): Draft {
  const h = habits(rng);
  const sender = makeSender(rng, SENDER[kind]);
  const to = recipient(rng);
  const asOf = letterDay(rng, from, span);
  let day = addDays(asOf, rng.int(3, 45));
  while (!isWorkingDay(day)) day = addDays(day, 1);
  const hour = kind === 'school' ? rng.int(14, 18) : kind === 'craftsman_visit' ? rng.pick([7, 8, 12, 13]) : rng.int(8, 16);
  const minute = kind === 'craftsman_visit' ? 0 : rng.pick([0, 0, 10, 15, 20, 30, 40, 45]);
  const home = `${to.address.street}, ${to.address.postcode} ${to.address.city}`;
  const st = setting(rng, kind, sender, home, (c) => formatAmount(c, h.amount));
  const timeStyle = rng.pick(['colon', 'colon_padded', 'dot', 'bare'] as const satisfies readonly TimeStyle[]);
  const time = formatTime(hour, minute, timeStyle);
  const dateText = rng.chance(0.5) ? formatDateWithWeekday(day, h.date) : formatDate(day, h.date);
  const timeText = st.windowHours ? `zwischen ${formatTime(hour, 0, timeStyle)} und ${formatTime(hour + st.windowHours, 0, timeStyle)}` : time;
  const blocks: Block[] = [{ kind: 'p', text: st.intro }];
  const withLabel = kind === 'craftsman_visit' ? 'Ausführung' : rng.pick(['Bei', 'Ansprechpartner', 'Mit']);
  if (rng.chance(0.5)) {
    blocks.push({ kind: 'kv', rows: [['Datum', dateText], ['Uhrzeit', timeText], ['Ort', st.place], [withLabel, st.withWhom]] });
  } else {
    blocks.push({ kind: 'p', text: `Termin: ${dateText}, ${timeText}` });
    blocks.push({ kind: 'p', text: `Ort: ${st.place}` });
    blocks.push({ kind: 'p', text: `${withLabel}: ${st.withWhom}` });
  }
  if (st.bring.length > 0) {
    if (rng.chance(0.5)) blocks.push({ kind: 'p', text: rng.pick(['Bitte bringen Sie mit:', 'Bitte denken Sie an folgende Unterlagen:']) }, { kind: 'list', items: st.bring });
    else blocks.push({ kind: 'p', text: `Bitte bringen Sie ${st.bring.length === 1 ? st.bring[0] : `${st.bring.slice(0, -1).join(', ')} und ${st.bring[st.bring.length - 1]}`} mit.` });
  }
  blocks.push(...st.extra.map((text): Block => ({ kind: 'p', text })));
  const subject = [rng.pick(st.subjects)];
  const letter = letterShell(rng, h, sender, to, asOf, { refs: st.refs, subject, blocks, formal: kind !== 'school' });
  const truth: CorpusTruth = {
    ...baseTruth('appointment', asOf, sender),
    reference: st.refs[0]?.[1] ?? null,
    appointment: {
      datetime: `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
      place: st.place,
      with_whom: st.withWhom,
      what_to_bring: st.bring,
    },
  };
  return { letter, style: h.style, truth, meta: { template: `appointment/${kind}` } };
}
