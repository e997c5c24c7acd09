/** Small pure helpers of the tasks screens: wall-clock time in a zone, amounts as typed, field problems in words. */
import { ApiError } from '../../shared/api/errors.ts';
import type { TasksMessages } from './tasks.messages.ts';

function wallClockOf(instantMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The offset of a zone at an instant, in milliseconds (Berlin in winter: +3 600 000). */
function offsetAt(instantMs: number, timeZone: string): number {
  const wall = wallClockOf(instantMs, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** A local date ('YYYY-MM-DD') and time ('HH:MM') in a zone as an ISO instant ('…Z'). */
export function zonedInstant(localDate: string, time: string, timeZone: string): string {
  const [year, month, day] = localDate.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess).toISOString();
}

/** 'HH:MM' of an instant in a zone. */
export function timeOfInstant(instant: string, timeZone: string): string {
  const wall = wallClockOf(new Date(instant).getTime(), timeZone);
  return `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
}

/**
 * An amount as people type it ("49,90", "1.234,50", "1,234.50", "50") as the API's decimal string
 * ("49.90"). Anything else is passed on unchanged, so the server names the problem.
 */
export function normaliseAmount(typed: string): string {
  const text = typed.replace(/[\s€$£]/gu, '');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) return text.replace(/\./g, '').replace(',', '.');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return text.replace(/,/g, '');
  if (/^-?\d+,\d+$/.test(text)) return text.replace(',', '.');
  return text;
}

/** A validation problem of the server (Ajv's English) in the user's words. */
export function problemText(problem: string, t: TasksMessages['field']): string {
  const tooLong = /more than (\d+) characters/.exec(problem);
  if (tooLong) return t.tooLong(Number(tooLong[1]));
  if (/fewer than 1 characters|is required/.test(problem)) return t.required;
  const atLeast = /must be >= (\d+)/.exec(problem);
  if (atLeast) return t.atLeast(Number(atLeast[1]));
  const atMost = /must be <= (\d+)/.exec(problem);
  if (atMost) return t.atMost(Number(atMost[1]));
  if (/must be integer/.test(problem)) return t.wholeNumber;
  if (/must match pattern|must match format|must be string|must be number/.test(problem)) return t.format;
  return problem;
}

/** Field problems of an error (`error.fieldProblems()`), each in words, for the given fields. */
export function fieldProblemsOf(error: unknown, t: TasksMessages['field']): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const problems = error.fieldProblems();
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, problemText(problem, t)]));
}
