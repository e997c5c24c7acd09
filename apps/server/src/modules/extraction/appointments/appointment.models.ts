/**
 * Reads the appointment a letter sets: doctors and dentists, authorities (Bürgeramt,
 * Ausländerbehörde, Jobcenter, Agentur für Arbeit, Finanzamt, a court's "Ladung"), vehicle
 * inspections, schools, craftsmen announcing a visit. Pure: the letter's date comes in as
 * `issueDate` (else it is read from the letter) and settles the year of "am 14.4.".
 *
 * The date is chosen in `moment-choice.models.ts`, the place in `place.models.ts`, the person or
 * office in `people.models.ts`, the things to bring in `bring.models.ts`. The datetime is local
 * wall-clock time; a range ("zwischen 8 und 12 Uhr") gives its start. A letter whose appointment
 * names a day but no time yields the other facts without `datetime`.
 *
 * Confidence of the datetime: 0.88 when a label names it ("Ihr Termin:", "Termin am"), 0.75 when
 * a meeting word is in its sentence, 0.6 when only nearby; a printed year or a matching weekday
 * adds, a year taken from the letter's date or a time found on another line takes away; another
 * appointment as likely caps it at 0.6, a weekday that contradicts the date at 0.5. Only a
 * labelled, unambiguous reading reaches 0.9.
 */
import type { AppointmentFacts } from '../extraction.types.ts';
import { round, TEXT_CONFIDENCE_CAP } from '../text/evidence.models.ts';
import { buildLayout } from '../text/layout.models.ts';
import { findParties } from '../text/parties.models.ts';
import { findIssueDate } from '../text/terms.models.ts';
import { findWhatToBring } from './bring.models.ts';
import { readLetter } from './letter.models.ts';
import type { Moment } from './moment-choice.models.ts';
import { chooseMoment, findMoments } from './moment-choice.models.ts';
import { findWithWhom } from './people.models.ts';
import { findPlace } from './place.models.ts';

export interface AppointmentReading {
  facts: AppointmentFacts;
  confidence: Partial<Record<keyof AppointmentFacts, number>>;
}

export interface AppointmentContext {
  /** The letter's date, 'YYYY-MM-DD'. */
  issueDate?: string;
}

export function findAppointment(text: string, context: AppointmentContext): AppointmentReading | undefined {
  const letter = readLetter(text);
  const layout = buildLayout(text);
  const issued = context.issueDate ?? findIssueDate(layout, letter.order)?.value;
  const chosen = chooseMoment(findMoments(letter, issued));
  if (!chosen) return undefined;
  const { moment } = chosen;

  const facts: AppointmentFacts = {};
  const confidence: AppointmentReading['confidence'] = {};
  if (moment.time) {
    facts.datetime = `${moment.date}T${pad(moment.time.hour)}:${pad(moment.time.minute)}`;
    confidence.datetime = datetimeConfidence(moment, { ...chosen, letterDated: context.issueDate !== undefined });
  }
  const parties = findParties(layout);
  const place = findPlace(letter, moment, { parties });
  if (place) {
    facts.place = place.value;
    confidence.place = round(place.confidence);
  }
  const withWhom = findWithWhom(letter, moment, { parties });
  if (withWhom) {
    facts.with_whom = withWhom.value;
    confidence.with_whom = round(withWhom.confidence);
  }
  const bring = findWhatToBring(letter);
  if (bring.length > 0) {
    facts.what_to_bring = bring;
    confidence.what_to_bring = 0.8;
  }
  return { facts, confidence };
}

function datetimeConfidence(moment: Moment, { support, rival, letterDated }: { support: number; rival: boolean; letterDated: boolean }): number {
  let value = moment.cue === 'label' ? 0.88 : moment.cue === 'sentence' ? 0.75 : moment.cue === 'near' ? 0.6 : 0.55;
  if (!moment.yearInferred) value += 0.03;
  // The year came from the letter's date: sure when the caller knew it, a guess when read from the text.
  else value -= letterDated ? 0.03 : 0.1;
  if (moment.weekday === 'match') value += 0.04;
  if (moment.time?.below) value -= 0.05;
  if (moment.time?.loose) value = Math.min(value, 0.65);
  if (support > 0) value += 0.02;
  if (moment.doubtful) value = Math.min(value, 0.7);
  if (rival) value = Math.min(value, 0.6);
  if (moment.weekday === 'contradiction') value = Math.min(value, 0.5);
  return round(Math.max(0.05, Math.min(TEXT_CONFIDENCE_CAP, value)));
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
