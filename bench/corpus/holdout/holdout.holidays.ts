/**
 * Nationwide German public holidays 2024-2028. The family keeps every payment deadline it computes
 * on a working day, so BGB § 193 (a deadline on a Saturday, Sunday or holiday moves to the next
 * working day) never changes the truth. Cancellation deadlines are not moved: § 193 does not
 * shorten notice periods (settled case law), and the family does not rely on it either way.
 */
import { addDays, type IsoDate, weekdayIndex } from './holdout.dates.ts';

const EASTER: Record<number, IsoDate> = {
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
};

function holidays(year: number): Set<IsoDate> {
  const easter = EASTER[year];
  if (!easter) throw new Error(`no holiday table for ${year}`);
  const fixed = ['01-01', '05-01', '10-03', '12-25', '12-26'].map((md) => `${year}-${md}`);
  const moving = [-2, 1, 39, 50].map((offset) => addDays(easter, offset));
  return new Set([...fixed, ...moving]);
}

export function isWorkingDay(day: IsoDate): boolean {
  return weekdayIndex(day) < 5 && !holidays(Number(day.slice(0, 4))).has(day);
}

export function nextWorkingDay(day: IsoDate): IsoDate {
  let current = day;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}
