/**
 * Quick add: one line of German or English becomes a task draft. "Telekom 89,99 € bis Freitag
 * #rechnung", "Zahnarzt nächsten Dienstag 10 Uhr", "jeden Monat am 1. Miete 950 €", "Dentist next
 * Tuesday 10am". Dates and times come from chrono-node (its German and English parsers), read as
 * wall-clock time in the user's zone; amounts, tags and repetition are read here.
 */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { endOfLocalDate } from '../../shared/dates/deadlines.ts';
import { formatAmount, parseAmount } from '../../shared/money/money.ts';
import type { Frequency } from './tasks.recurrence.models.ts';

export interface QuickDraft {
  title: string;
  due_date: string | null;
  due_is_date: boolean;
  amount: string | null;
  currency: string;
  tags: string[];
  recurrence: { frequency: Frequency; interval: number } | null;
}

const CURRENCY_WORDS: Record<string, string> = { '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR', '$': 'USD', usd: 'USD', chf: 'CHF', '£': 'GBP', gbp: 'GBP' };
const CURRENCY = '(€|EUR|Euro|Euros|\\$|USD|CHF|£|GBP)';
const NUMBER = '(\\d{1,3}(?:[.\\s]\\d{3})+(?:,\\d{1,2})?|\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)';
const AMOUNT_BEFORE = new RegExp(`${CURRENCY}\\s?${NUMBER}(?![\\d.,])`, 'iu');
const AMOUNT_AFTER = new RegExp(`(?<![\\d.,])${NUMBER}\\s?${CURRENCY}(?![\\p{L}])`, 'iu');
// "89,99" or "89.99" without a currency is an amount too, as long as it is not part of a date or time.
const BARE_DECIMAL = /(?<![\d.,:])(\d+[.,]\d{2})(?![\d.,:])(?!\s*(?:uhr|h\b|am\b|pm\b))/iu;

const REPEAT: [RegExp, Frequency, number?][] = [
  [/\b(?:jeden|jede|jedes)\s+tag\b|\btäglich\b|\bevery\s+day\b|\bdaily\b/iu, 'daily'],
  [/\b(?:jede|jeden)\s+woche\b|\bwöchentlich\b|\bevery\s+week\b|\bweekly\b/iu, 'weekly'],
  [/\b(?:jeden|jede)\s+monat\b|\bmonatlich\b|\bevery\s+month\b|\bmonthly\b/iu, 'monthly'],
  [/\b(?:jedes|jeden)\s+jahr\b|\bjährlich\b|\bevery\s+year\b|\byearly\b|\bannually\b/iu, 'yearly'],
];
const REPEAT_EVERY_N = /\b(?:alle|every)\s+(\d{1,3})\s+(tage|wochen|monate|jahre|days|weeks|months|years)\b/iu;
const UNIT_FREQUENCY: Record<string, Frequency> = { tage: 'daily', days: 'daily', wochen: 'weekly', weeks: 'weekly', monate: 'monthly', months: 'monthly', jahre: 'yearly', years: 'yearly' };
const DAY_OF_MONTH = /\b(?:am|on the)\s+(\d{1,2})(?:\.|st|nd|rd|th)(?!\d)/iu;
const SHORT_GERMAN_DATE = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?!\d)/u;
const TIME_OF_DAY = /\b(?:um\s+)?(\d{1,2})(?::(\d{2}))?\s*uhr\b|\b(?:um\s+)?(\d{1,2}):(\d{2})\b/iu;
const MONTH_END = /\b(?:ende\s+des\s+monats|zum\s+monatsende|monatsende|end\s+of\s+(?:the\s+)?month)\b/iu;
const FILLER = /^(?:bis|bis\s+zum|bis\s+spätestens|am|zum|um|fällig|until|by|on|at|due)$/iu;

function cut(text: string, match: RegExpExecArray | { index: number; text: string }): string {
  const length = 'text' in match ? match.text.length : match[0].length;
  return `${text.slice(0, match.index)} ${text.slice(match.index + length)}`;
}

export function parseQuickAdd(input: string, options: { now: Date; timeZone: string; language: 'de' | 'en' }): QuickDraft {
  let text = ` ${input.normalize('NFC').trim()} `;
  const local = DateTime.fromJSDate(options.now, { zone: options.timeZone });

  const tags: string[] = [];
  text = text.replace(/(?<=\s)#([\p{L}\p{N}_-]{1,50})/gu, (_, tag: string) => {
    if (!tags.some((existing) => existing.toLowerCase() === tag.toLowerCase())) tags.push(tag);
    return ' ';
  });

  let recurrence: QuickDraft['recurrence'] = null;
  const everyN = REPEAT_EVERY_N.exec(text);
  if (everyN) {
    recurrence = { frequency: UNIT_FREQUENCY[(everyN[2] ?? '').toLowerCase()] ?? 'daily', interval: Number(everyN[1]) };
    text = cut(text, everyN);
  } else {
    for (const [pattern, frequency] of REPEAT) {
      const match = pattern.exec(text);
      if (match) {
        recurrence = { frequency, interval: 1 };
        text = cut(text, match);
        break;
      }
    }
  }

  let amount: number | null = null;
  let currency = 'EUR';
  const before = AMOUNT_BEFORE.exec(text);
  const after = before ? null : AMOUNT_AFTER.exec(text);
  const bare = before || after ? null : BARE_DECIMAL.exec(text);
  const amountMatch = before ?? after ?? bare;
  if (amountMatch) {
    const symbol = before ? before[1] : after ? after[2] : undefined;
    const digits = (before ? before[2] : after ? after[1] : bare?.[1]) ?? '';
    currency = symbol ? (CURRENCY_WORDS[symbol.toLowerCase()] ?? 'EUR') : 'EUR';
    amount = readNumber(digits, currency);
    if (amount !== null) text = cut(text, amountMatch);
  }

  let due: Date | null = null;
  let isDate = false;
  const monthEnd = MONTH_END.exec(text);
  const shortDate = SHORT_GERMAN_DATE.exec(text);
  const dayOfMonth = recurrence?.frequency === 'monthly' ? DAY_OF_MONTH.exec(text) : null;
  if (monthEnd) {
    due = endOfLocalDate(local.endOf('month').toISODate() ?? '', options.timeZone);
    isDate = true;
    text = cut(text, monthEnd);
  } else if (shortDate && options.language === 'de') {
    let candidate = local.set({ month: Number(shortDate[2]), day: Number(shortDate[1]) });
    if (candidate.isValid && candidate.startOf('day') < local.startOf('day')) candidate = candidate.plus({ years: 1 });
    if (candidate.isValid) {
      text = cut(text, shortDate);
      const time = TIME_OF_DAY.exec(text);
      if (time) {
        due = candidate.set({ hour: Number(time[1] ?? time[3]), minute: Number(time[2] ?? time[4] ?? 0), second: 0, millisecond: 0 }).toJSDate();
        text = cut(text, time);
      } else {
        due = endOfLocalDate(candidate.toISODate() ?? '', options.timeZone);
        isDate = true;
      }
    }
  } else if (dayOfMonth) {
    const day = Number(dayOfMonth[1]);
    let candidate = local.set({ day: Math.min(day, local.daysInMonth ?? 28) });
    if (candidate.startOf('day') < local.startOf('day')) candidate = local.plus({ months: 1 }).set({ day: Math.min(day, local.plus({ months: 1 }).daysInMonth ?? 28) });
    due = endOfLocalDate(candidate.toISODate() ?? '', options.timeZone);
    isDate = true;
    text = cut(text, dayOfMonth);
  }
  if (!due) {
    const parser = options.language === 'de' ? chrono.de : chrono.en;
    const reference = { instant: options.now, timezone: local.offset };
    const [found] = [...parser.parse(text, reference, { forwardDate: true }), ...(options.language === 'de' ? chrono.en.parse(text, reference, { forwardDate: true }) : [])];
    if (found) {
      const parts = { year: found.start.get('year') ?? local.year, month: found.start.get('month') ?? local.month, day: found.start.get('day') ?? local.day };
      if (found.start.isCertain('hour')) {
        due = DateTime.fromObject({ ...parts, hour: found.start.get('hour') ?? 0, minute: found.start.get('minute') ?? 0 }, { zone: options.timeZone }).toJSDate();
      } else {
        due = endOfLocalDate(DateTime.fromObject(parts, { zone: options.timeZone }).toISODate() ?? '', options.timeZone);
        isDate = true;
      }
      text = cut(text, found);
    }
  }

  // "Miete 950 € monatlich" names no first date: the series starts today, so it repeats as asked.
  if (recurrence && !due) {
    due = endOfLocalDate(local.toISODate() ?? '', options.timeZone);
    isDate = true;
  }

  const words = text.split(/\s+/).filter(Boolean);
  while (words.length > 0 && FILLER.test(words[words.length - 1] ?? '')) words.pop();
  while (words.length > 0 && FILLER.test(words[0] ?? '')) words.shift();
  const title = words.join(' ').replace(/\s+([,.;:!?])/g, '$1').replace(/^[,.;:\s-]+|[,;:\s-]+$/g, '');
  return {
    title,
    due_date: due ? due.toISOString() : null,
    due_is_date: isDate,
    amount: amount === null ? null : formatAmount(amount, currency),
    currency,
    tags,
    recurrence,
  };
}

function readNumber(digits: string, currency: string): number | null {
  let normalised = digits.replace(/\s/g, '');
  // "1.234,56" and "1,234.56": the last separator is the decimal one when two digits follow it.
  const lastComma = normalised.lastIndexOf(',');
  const lastDot = normalised.lastIndexOf('.');
  const decimalAt = Math.max(lastComma, lastDot);
  if (decimalAt !== -1 && normalised.length - decimalAt - 1 <= 2) {
    normalised = `${normalised.slice(0, decimalAt).replace(/[.,]/g, '')}.${normalised.slice(decimalAt + 1)}`;
  } else {
    normalised = normalised.replace(/[.,]/g, '');
  }
  try {
    return parseAmount(normalised, currency);
  } catch {
    return null;
  }
}
