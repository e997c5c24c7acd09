/**
 * Whom the appointment is with, surest first:
 * - a person after a role ("Sachbearbeiterin Frau Yilmaz", "Ihr Arbeitsvermittler: Herr Brandt",
 *   "behandelnde Ärztin: Dr. med. Anna Weber") or after "bei", "mit", "with" near the appointment
 *   ("Termin bei Herrn Meier"); a person is a name with "Frau", "Herr(n)", "Dr.", "Prof." or "Mr/Ms";
 * - a profession heading the letter with a name ("Obergerichtsvollzieherin Sabine Hahn");
 * - an office named near the appointment ("im Bürgeramt Mitte", "bei der Ausländerbehörde");
 * - a doctor the letter names anywhere ("Praxis Dr. med. Jana Krüger");
 * - an office in the letterhead ("Ausländerbehörde", "Sozialgericht Hannover");
 * - the sender.
 * The salutation ("Sehr geehrte Frau Müller") and the recipient are never whom the letter means.
 */
import { isAddressLine } from '../text/blocks.models.ts';
import type { Found } from '../text/evidence.models.ts';
import type { Parties } from '../text/parties.models.ts';
import type { Letter } from './letter.models.ts';
import type { Moment } from './moment-choice.models.ts';

const HONORIFIC = String.raw`(?:Frau|Herrn?|Hr\.|Fr\.|Mrs?\.?|Ms\.?|Miss)`;
const TITLE = String.raw`(?:Prof\.|Dr\.(?:-Ing\.)?|Dr(?= )|med\.|dent\.|vet\.|rer\.\s?nat\.|habil\.|univ\.|Dipl\.-[\p{L}]+\.?|PD)`;
const NAME = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?`;
const PARTICLE = String.raw`(?:von der|van der|von|van|de|zu|ter)`;
// A person carries an honorific or a title; a bare capitalised word may be any noun.
// Names do not run across lines: spaces only between their words.
const PERSON_SOURCE = String.raw`(?:${HONORIFIC} +(?:${TITLE} *)*|(?:${TITLE} *)+)(?:(?:${NAME}|${PARTICLE}) +){0,3}${NAME}`;
const ROLE = String.raw`(?:(?:Ihr(?:e)?|Your|your)\s+)?(?:persönliche[rn]?\s+)?(?:Ansprechpartner(?:in)?|Sachbearbeiter(?:in)?|Sachbearbeitung|Bearbeiter(?:in)?|Arbeitsvermittler(?:in)?|Vermittlungsfachkraft|Fallmanager(?:in)?|Integrationsfachkraft|Berater(?:in)?|behandelnde[rn]?\s+(?:Ärztin|Arzt|Zahnärztin|Zahnarzt)|Ärztin|Arzt|Zahnärztin|Zahnarzt|Prüfer(?:in)?|Prüfingenieur(?:in)?|Sachverständige[rn]?|Richter(?:in)?(?:\s+am\s+\p{Lu}\p{L}+)?|Vorsitzende[rn]?|Klassenlehrer(?:in)?|Lehrer(?:in)?|Klassenleitung|Schulleiter(?:in)?|Rektor(?:in)?|Techniker(?:in)?|Monteur(?:in)?|Mitarbeiter(?:in)?|Kollege|Kollegin|Gesprächspartner(?:in)?|Contact(?:\s+person)?|Doctor|Dentist|Case\s+worker|Adviser|Advisor|contact(?:\s+person)?|doctor|dentist|case\s+worker|adviser|advisor)`;
// Case matters: German nouns and names are capitalised, "bei Ihnen" is no person.
const ROLE_PERSON = new RegExp(String.raw`(?<![\p{L}])${ROLE}\s*[:,]?\s*(?:(?:ist|heißt|is|wird)\s+)?(${PERSON_SOURCE})`, 'u');
/** After a role and a colon a bare name counts: "Sachbearbeiterin: Anna Yilmaz". */
const ROLE_BARE_NAME = new RegExp(String.raw`(?<![\p{L}])${ROLE} *: *(${NAME} +${NAME})`, 'u');
/** Professions that head their own letters with a bare name: "Obergerichtsvollzieherin Sabine Hahn". */
const PROFESSION_NAME = new RegExp(String.raw`(?<![\p{L}])(?:Bezirksschornsteinfeger(?:meister)?(?:in)?|Schornsteinfeger(?:meister)?(?:in)?|(?:Ober)?[Gg]erichtsvollzieher(?:in)?|Rechtsanwalt|Rechtsanwältin|Notar(?:in)?|Steuerberater(?:in)?) +(${NAME} +${NAME})(?![\p{L}])`, 'u');
const WITH_PERSON = new RegExp(String.raw`(?<![\p{L}])(?:[Bb]ei|[Mm]it|[Ww]ith|to\s+see|meet|treffen\s+Sie)\s+(?:[^.\n]{0,30}?,?\s+)?(${PERSON_SOURCE})`, 'u');
const OFFICE_WORD = String.raw`(?:Bürgeramt|Bürgerbüro|Bürgerservice|Kundenzentrum|Ausländerbehörde|Einwanderungsbehörde|Landesamt\s+für\s+Einwanderung|Jobcenter|Agentur\s+für\s+Arbeit|Arbeitsagentur|Familienkasse|Finanzamt|(?:Amts|Land|Sozial|Arbeits|Verwaltungs|Familien|Ober)gericht|Standesamt|Zulassungsstelle|Führerscheinstelle|Gesundheitsamt|Landratsamt|Rathaus|Bezirksamt|Ordnungsamt|Jugendamt|Sozialamt|Wohngeldstelle|Kreisverwaltung|Stadtverwaltung|Meldebehörde|Rentenversicherung|Versorgungsamt|Prüfstelle|Prüfzentrum|TÜV(?:\s+\p{Lu}+)?|DEKRA|GTÜ|KÜS)`;
const OFFICE = new RegExp(String.raw`(?<![\p{L}])(?:im|in\s+der|beim|bei\s+der|bei\s+dem|bei|vom|at\s+the)\s+(${OFFICE_WORD}(?:\s+(?:für|des|der|in|am|an\s+der)?\s*\p{Lu}[\p{L}.-]+){0,3})`, 'u');
const LETTERHEAD_OFFICE = new RegExp(String.raw`^${OFFICE_WORD}(?:\s+\p{Lu}[\p{L}.-]+){0,3}$|^${OFFICE_WORD}(?=\s{2,}| [·|•] |, )`, 'u');
const DOCTOR = new RegExp(String.raw`(?<![\p{L}])(?:(?:Frau|Herrn?) +)?(?:Prof\. *)?Dr\. *(?:(?:med\.|dent\.|vet\.|univ\.|rer\. ?nat\.) *)*(?:${NAME} +){0,2}${NAME}`, 'u');
const IMPRINT = /(?:Geschäftsführ|Vorstand|Aufsichtsrat|Amtsgericht|HRB|HRA|Registergericht|Sitz(?:\s|:)|USt-?Id|IBAN|Steuer-?Nr)/iu;
const SALUTATION = /^(?:Sehr\s+geehrte|Liebe[r]?\s|Hallo|Guten\s+Tag|Dear|Hello|Hi\s)/iu;
/** Capitalised words that follow a name but are not part of it. */
const NOT_NAME = /^(?:Raum|Zimmer|Saal|Termin|Bitte|Uhr|Praxis|Ihr|Ihre|Ihren|Sie|Am|Im|In|Haus|Gebäude|Straße|Tel|Telefon|Fax|Mit|Für|Zum|Zur|Um|Der|Die|Das|Den|Dem|Wir|Ich|Es|Bei|Vom|Von|Ab|Mo|Di|Mi|Do|Fr|Sa|So|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Ort|Zeit|Datum|Sachbearbeiter\p{L}*|Ansprechpartner\p{L}*|Zahnarzt\p{L}*|Arzt|Ärztin|Fachärzt\p{L}*|Facharzt\p{L}*|Allgemeinmedizin|Innere|Medizin|Zahnheilkunde|Kieferorthopädie|Jobcenter|Finanzamt|Amtsgericht|Aktenzeichen|Az|Betreff|Einladung|Ladung|Hauptuntersuchung|\p{L}+(?:straße|strasse|weg|allee|platz|gasse|ring|damm))$/u;

export interface PeopleContext {
  parties: Parties;
}

export function findWithWhom(letter: Letter, moment: Moment, { parties }: PeopleContext): Found<string> | undefined {
  const recipient = parties.recipient?.value;
  const usable = (lineText: string) => !SALUTATION.test(lineText);
  const near = letter.lines.slice(Math.max(0, moment.line - 4), moment.line + 5).filter((line) => usable(line.text));
  const nearText = near.map((line) => line.text).join('\n');
  const allText = letter.lines.filter((line) => usable(line.text)).map((line) => line.text).join('\n');
  // The imprint names managing directors, not whom the letter invites to meet.
  const bodyText = letter.lines.filter((line) => usable(line.text) && !IMPRINT.test(line.text)).map((line) => line.text).join('\n');
  const person = (match: RegExpExecArray | null) => (match?.[1] ? tidy(match[1]) : undefined);
  const notRecipient = (name: string | undefined) => (name && !(recipient && sameName(recipient, name)) ? name : undefined);

  const roleNear = notRecipient(person(ROLE_PERSON.exec(nearText)) ?? person(ROLE_BARE_NAME.exec(nearText)));
  if (roleNear) return { value: roleNear, confidence: 0.85 };
  const withNear = notRecipient(person(WITH_PERSON.exec(nearText)));
  if (withNear) return { value: withNear, confidence: 0.85 };
  const roleAnywhere = notRecipient(person(ROLE_PERSON.exec(allText)) ?? person(ROLE_BARE_NAME.exec(allText)));
  if (roleAnywhere) return { value: roleAnywhere, confidence: 0.75 };
  // Not checked against the recipient: a letter headed by a name alone may have had it read as the addressee.
  const profession = PROFESSION_NAME.exec(allText)?.[1];
  if (profession) return { value: profession, confidence: 0.7 };
  const office = OFFICE.exec(nearText)?.[1];
  if (office) return { value: trimTail(office), confidence: 0.7 };
  for (const match of bodyText.matchAll(new RegExp(DOCTOR.source, 'gu'))) {
    const doctor = notRecipient(tidy(match[0]));
    if (doctor) return { value: doctor, confidence: 0.65 };
  }
  // An office in the letterhead ("Ausländerbehörde", "Sozialgericht Hannover") says more than the authority's legal name.
  const head = letter.lines.filter((line) => line.text !== '').slice(0, 6).find((line) => LETTERHEAD_OFFICE.test(line.text));
  if (head) return { value: head.text.split(/\s{2,}| [·|•] |, /u)[0] ?? head.text, confidence: 0.6 };
  if (parties.seller && !looksLikeAddress(parties.seller.value)) return { value: parties.seller.value, confidence: Math.min(0.55, parties.seller.confidence) };
  return undefined;
}

/** "Herrn Meier" -> "Herr Meier"; drops capitalised words after the name that are not part of it. */
function tidy(raw: string): string | undefined {
  const words = raw.replace(/\s+/gu, ' ').trim().split(' ');
  const kept: string[] = [];
  for (const word of words) {
    if (NOT_NAME.test(word) && kept.length > 0) break;
    kept.push(word);
  }
  const honorific = /^(?:Frau|Herrn?|Hr\.|Fr\.|Mrs?\.?|Ms\.?|Miss)$/u;
  const titled = kept.filter((word) => !honorific.test(word) && !/\.$/u.test(word));
  if (titled.length === 0 || titled.some((word) => NOT_NAME.test(word))) return undefined;
  return kept.join(' ').replace(/^Herrn\b/u, 'Herr').replace(/^Hr\./u, 'Herr').replace(/^Fr\.(?=\s)/u, 'Frau');
}

function trimTail(office: string): string {
  const words = office.trim().split(/\s+/u);
  while (words.length > 1 && (NOT_NAME.test(words[words.length - 1] ?? '') || /^(?:für|des|der|in|am|an)$/u.test(words[words.length - 1] ?? ''))) words.pop();
  return words.join(' ');
}

/** "Am Bach 2", "Hauptstraße 5": an address read as a name. */
function looksLikeAddress(value: string): boolean {
  return isAddressLine(value) || /^(?:Am|An der|Im|In der|Auf der|Zum|Zur|Hinter der|Unter den)\s+\p{Lu}[\p{L}-]+\s+\d/u.test(value);
}

function sameName(p: string, q: string): boolean {
  const last = (value: string) => value.trim().split(/\s+/u).pop()?.toLowerCase() ?? '';
  return last(p) === last(q);
}
