/**
 * Which date in a letter is the appointment. Every day printed is a candidate (also one whose month
 * the line wrap put on the next line: "am Dienstag, 15.⏎September, um 11.45 Uhr"); its clock time is
 * the one right after it on its line ("14.04.2026, 09:30 Uhr"), right before it ("um 9 Uhr am
 * 14.4."), in the next sentence after "um" ("... am 14.04. Bitte seien Sie um 9:15 Uhr da."), or
 * on a following line that starts with a time or says "Uhrzeit:"; failing all, the letter's only
 * free-standing "um 11:20 Uhr" (date in the subject, time in the body). The words around it score it:
 * - a meeting word right before or after it ("Ihr Termin:", "Termin am", "Zählerablesung findet
 *   am", "findet ... statt"), a label line ("Ihr Termin:", "Termin ... bestimmt auf") or a table
 *   header ("Datum  Uhrzeit") above, "Wann:", "Datum/Uhrzeit:", and "Datum:" with its time in a
 *   letter about a meeting make it labelled (+4); a meeting
 *   word in its sentence +2, within two lines (or anywhere, for a time beside the date) +1; a clock time +3;
 * - a deadline, birth date or reference right before it ("bis zum", "geb.", "vom") -6; payment,
 *   contract or reply words in its sentence -2 unless it is labelled; an appointment that was
 *   cancelled or moved away ("ursprünglich", "statt" but not "findet ... statt", "entfällt",
 *   "müssen wir ... absagen") -5; "neuer
 *   Termin" +1; a printed weekday that fits +0.5, one that contradicts -0.5;
 * - the letter's own date -3 (-1 with a time); days before the letter's date are no candidates.
 * A candidate needs 4 points: a time and a meeting word nearby, or a label. The best wins; of
 * equals the earliest, as the next appointment is the one to prepare for.
 */
import type { Letter } from './letter.models.ts';
import { hasSentenceEnd, sentenceAround } from './letter.models.ts';
import type { DayToken, TimeToken } from './moments.models.ts';
import { findDays, findTimes, isoDay, weekdayOf, yearOnOrAfter } from './moments.models.ts';
import {
  CALLED_OFF, DATE_LABEL, MEETING, MEETING_LABEL, NOT_APPOINTMENT_BEFORE, NOT_APPOINTMENT_CLAUSE, OFFICE_HOURS, REPLACED_AFTER, REPLACED_BEFORE,
  REPLACEMENT_BEFORE, TIME_LABEL, WHEN_LABEL,
} from './words.models.ts';

/** Where the meeting word is: at the date, in its sentence, within two lines, anywhere in the letter. */
export type Cue = 'label' | 'sentence' | 'near' | 'document' | 'none';

export interface Moment {
  date: string;
  /** `below`: found on another line than the date; `loose`: the one clock time in the letter's text, tied to no date. */
  time?: { hour: number; minute: number; below: boolean; loose?: boolean };
  /** For a day without a time: the letter's only free-standing clock time ("Bitte seien Sie um 11:20 Uhr da."). */
  looseTime?: { hour: number; minute: number };
  yearInferred: boolean;
  weekday: 'match' | 'contradiction' | 'none';
  cue: Cue;
  /** Payment, contract or reply words in the sentence of an unlabelled date. */
  doubtful: boolean;
  score: number;
  /** The line of the date and the span of date and time in the letter's text. */
  line: number;
  start: number;
  end: number;
}

interface Placed<T> {
  token: T;
  line: number;
}

export const ACCEPT = 4;
/** "um 9:15 Uhr", "ab 8 Uhr", "at 10 am": a clock time in running text. */
const CLOCK_CUE = /(?<![\p{L}])(?:um|ab|gegen|at)\s*$/iu;

export function findMoments(letter: Letter, reference: string | undefined): Moment[] {
  const days: Placed<DayToken>[] = [];
  const times: Placed<TimeToken>[] = [];
  for (const line of letter.lines) {
    const found = [...findDays(line.text, letter.order), ...wrappedDays(letter, line.index)];
    let masked = line.text;
    for (const day of found) {
      days.push({ token: shift(day, line.start), line: line.index });
      masked = masked.slice(0, day.start) + ' '.repeat(day.end - day.start) + masked.slice(day.end);
    }
    for (const time of findTimes(masked)) times.push({ token: shift(time, line.start), line: line.index });
  }
  const moments: Moment[] = [];
  const loose = looseTime(letter, days, times);
  for (const day of days) {
    const moment = readMoment(letter, day, days, times, reference);
    if (moment && !moment.time && loose) moment.looseTime = loose;
    if (moment) moments.push(moment);
  }
  return moments;
}

function readMoment(letter: Letter, placed: Placed<DayToken>, days: Placed<DayToken>[], times: Placed<TimeToken>[], reference: string | undefined): Moment | undefined {
  const { token: day, line } = placed;
  const year = day.year ?? (reference ? yearOnOrAfter(day.day, day.month, reference) : undefined);
  if (year === undefined) return undefined;
  const date = isoDay(year, day.month, day.day);
  if (reference && date < reference) return undefined;

  const time = attachTime(letter, placed, days, times);
  const text = letter.text;
  const sentence = sentenceAround(letter, day.from, day.end);
  const before = text.slice(sentence.start, day.from);
  const spanEnd = time && !time.below && time.token.start > day.end ? time.token.end : day.end;
  const after = text.slice(spanEnd, sentence.end);
  const spanStart = time && !time.below && time.token.end <= day.start ? time.token.start : day.from;

  let cue = cueOf(letter, placed, days, before, after, sentence);
  const lead = text.slice(lineStart(letter, line), spanStart);
  if (WHEN_LABEL.test(lead)) cue = 'label';
  // "Datum: 12.05.2026" and "Uhrzeit: 8:45" in a letter about a meeting: the appointment's date, not the letter's.
  if ((cue === 'near' || cue === 'document') && time && DATE_LABEL.test(lead)) cue = 'label';
  const tightBefore = text.slice(Math.max(sentence.start, spanStart - 45), spanStart);
  const barrier = tightBefore.search(/\n\n/u);
  let score = time ? 3 : 0;
  // A letter about a meeting ("Amtsärztliche Untersuchung" as its heading) vouches for a date with its time beside it.
  score += cue === 'label' ? 4 : cue === 'sentence' ? 2 : cue === 'near' || (cue === 'document' && time && !time.below) ? 1 : 0;
  if (barrier < 0 && NOT_APPOINTMENT_BEFORE.test(tightBefore)) score -= 6;
  const doubtful = cue !== 'label' && NOT_APPOINTMENT_CLAUSE.test(text.slice(sentence.start, sentence.end));
  if (doubtful) score -= 2;
  if (REPLACED_BEFORE.test(before) || REPLACED_AFTER.test(after) || CALLED_OFF.test(text.slice(sentence.start, sentence.end))) score -= 5;
  if (REPLACEMENT_BEFORE.test(before)) score += 1;
  if (reference && date === reference) score -= time ? 1 : 3;
  const weekday = day.weekday === undefined ? 'none' : day.weekday === weekdayOf(year, day.month, day.day) ? 'match' : 'contradiction';
  score += weekday === 'match' ? 0.5 : weekday === 'contradiction' ? -0.5 : 0;

  return {
    date,
    ...(time ? { time: { hour: time.token.hour, minute: time.token.minute, below: time.below } } : {}),
    yearInferred: day.year === undefined,
    weekday,
    cue,
    doubtful,
    score,
    line,
    start: spanStart,
    end: spanEnd,
  };
}

/** The clock time that belongs to a day: on its line next to it, else on the lines just below. */
function attachTime(letter: Letter, { token: day, line }: Placed<DayToken>, days: Placed<DayToken>[], times: Placed<TimeToken>[]): { token: TimeToken; below: boolean } | undefined {
  const lineText = letter.lines[line]?.text ?? '';
  // A date on a line of office hours may still carry its time right beside it, not further away.
  const reach = OFFICE_HOURS.test(lineText) ? 12 : 40;
  const between = (from: number, to: number) => days.some((other) => other.token !== day && other.token.start < to && from < other.token.end);
  const sameLine = times.filter((time) => time.line === line).map((time) => time.token);
  const gap = (from: number, to: number) => letter.text.slice(from, to);
  const after = sameLine.find((time) => time.start >= day.end && time.start - day.end <= reach && !between(day.end, time.start) && !hasSentenceEnd(gap(day.end, time.start)));
  if (after) return { token: after, below: false };
  const before = [...sameLine].reverse().find((time) => time.end <= day.from && day.from - time.end <= 30 && !between(time.end, day.from) && !hasSentenceEnd(gap(time.end, day.from)));
  if (before) return { token: before, below: false };
  // "Ihr Termin ist am 14.04.2026. Bitte kommen Sie um 9:15 Uhr.": the next sentence, if it says "um".
  const later = times.find((time) => time.token.start >= day.end && time.token.start - day.end <= 90 && time.line <= line + 1 && !between(day.end, time.token.start) && CLOCK_CUE.test(gap(Math.max(0, time.token.start - 8), time.token.start)));
  if (later && !OFFICE_HOURS.test(letter.lines[later.line]?.text ?? '')) return { token: later.token, below: true };
  for (const offset of [1, 2, -1, -2]) {
    const other = letter.lines[line + offset];
    if (!other || other.text === '' || OFFICE_HOURS.test(other.text)) {
      if (offset > 0) continue;
      break;
    }
    // Below: a line that starts with a time or labels it; above: only a labelled time ("Uhrzeit: 9:30").
    const first = times.find((time) => time.line === other.index);
    if (!first || days.some((item) => item.line === other.index)) continue;
    const lead = other.text.slice(0, first.token.start - other.start);
    const labelled = /(?:Uhrzeit|Zeit|Time|Beginn)\s*:?\s*$/iu.test(lead);
    // Below, a short label before the time will do too: "Anmeldung: 07:50 Uhr".
    const shortLabel = /^[\p{L} ./-]{2,30}:\s*$/u.test(lead);
    if (labelled || (offset > 0 && (lead.trim() === '' || TIME_LABEL.test(lead.trim()) || CLOCK_CUE.test(lead) || shortLabel))) return { token: first.token, below: true };
  }
  return undefined;
}

/**
 * "am Dienstag, 15.⏎September, um 11.45 Uhr": a day whose month the line wrap put on the next
 * line. Read across the break; the day counts as on its first line.
 */
function wrappedDays(letter: Letter, index: number): DayToken[] {
  const line = letter.lines[index];
  const next = letter.lines[index + 1];
  if (!line || !next || !/\d\.?$/u.test(line.text) || next.start !== line.start + line.text.length + 1) return [];
  const joined = `${line.text} ${next.text}`;
  return findDays(joined, letter.order).filter((day) => day.start < line.text.length && day.end > line.text.length + 1);
}

/** The one clock time of running text on a line without a date ("um 11:20 Uhr"), if the letter has exactly one. */
function looseTime(letter: Letter, days: Placed<DayToken>[], times: Placed<TimeToken>[]): { hour: number; minute: number } | undefined {
  const free = times.filter(({ token, line }) => {
    const text = letter.lines[line]?.text ?? '';
    if (days.some((day) => day.line === line) || OFFICE_HOURS.test(text)) return false;
    return CLOCK_CUE.test(letter.text.slice(Math.max(0, token.start - 8), token.start)) || TIME_LABEL.test(text);
  });
  const values = new Set(free.map(({ token }) => token.hour * 60 + token.minute));
  const [only] = values;
  return values.size === 1 && only !== undefined ? { hour: Math.floor(only / 60), minute: only % 60 } : undefined;
}

function cueOf(letter: Letter, { token: day, line }: Placed<DayToken>, days: Placed<DayToken>[], before: string, after: string, sentence: { start: number; end: number }): Cue {
  // The meeting word closest before the date, with no other date between them.
  const lastBefore = [...before.matchAll(new RegExp(MEETING.source, 'giu'))].pop();
  if (lastBefore) {
    const wordEnd = day.from - before.length + lastBefore.index + lastBefore[0].length;
    const otherDay = days.some((other) => other.token !== day && other.token.start >= wordEnd && other.token.end <= day.from);
    if (day.from - wordEnd <= 45 && !otherDay) return 'label';
  }
  const firstAfter = new RegExp(MEETING.source, 'iu').exec(after);
  if (firstAfter && firstAfter.index <= 30 && !days.some((other) => other.token.start > day.end && other.token.start < sentence.end - after.length + firstAfter.index)) return 'label';
  // A label line or table header above, with nothing dated between.
  for (let index = line - 1; index >= Math.max(0, line - 3); index--) {
    const above = letter.lines[index];
    if (!above || days.some((other) => other.line === index)) break;
    if (above.text === '') continue;
    if (MEETING_LABEL.test(above.text)) return 'label';
  }
  if (MEETING.test(before) || MEETING.test(after)) return 'sentence';
  const around = letter.lines.slice(Math.max(0, line - 2), line + 3).map((item) => item.text).join('\n');
  if (MEETING.test(around)) return 'near';
  return MEETING.test(letter.text) ? 'document' : 'none';
}

/** The best accepted moment, with how many places repeat it and whether another one competes. */
export function chooseMoment(moments: Moment[]): { moment: Moment; support: number; rival: boolean } | undefined {
  const accepted = moments.filter((moment) => moment.score >= ACCEPT).sort((p, q) => q.score - p.score || keyOf(p).localeCompare(keyOf(q)));
  const best = accepted[0];
  if (!best) return undefined;
  let moment = best;
  if (!best.time) {
    // "Ihr Termin am 14.04.2026" in the subject, the time with the same day further down.
    const timed = moments.filter((other) => other.date === best.date && other.time && other.score >= ACCEPT - 2).sort((p, q) => q.score - p.score)[0];
    if (timed) moment = { ...best, time: timed.time! };
    else if (best.looseTime) moment = { ...best, time: { ...best.looseTime, below: true, loose: true } };
  }
  const same = (other: Moment) => other.date === moment.date && (!other.time || !moment.time || keyOf(other) === keyOf(moment));
  const support = moments.filter((other) => other !== best && same(other) && other.score >= ACCEPT - 2).length;
  const rival = accepted.some((other) => !same(other) && other.score >= best.score - 1.5);
  return { moment, support, rival };
}

function lineStart(letter: Letter, line: number): number {
  return letter.lines[line]?.start ?? 0;
}

function keyOf(moment: Moment): string {
  const time = moment.time ? `${String(moment.time.hour).padStart(2, '0')}:${String(moment.time.minute).padStart(2, '0')}` : '';
  return `${moment.date}T${time}`;
}

function shift<T extends { start: number; end: number; from?: number }>(token: T, offset: number): T {
  return { ...token, start: token.start + offset, end: token.end + offset, ...(token.from === undefined ? {} : { from: token.from + offset }) };
}
