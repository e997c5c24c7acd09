/**
 * Dates, times and amounts the way the user reads them: in their language, their time zone and
 * their chosen date format. Pure functions (the caller passes "today"); `useFormat` binds them to
 * the signed-in user.
 */
import { localeOf, type Language } from './i18n.tsx';

export type DateFormat = 'DD.MM.YYYY' | 'YYYY-MM-DD' | 'MM/DD/YYYY';

export interface FormatSettings {
  language: Language;
  timeZone: string;
  dateFormat: DateFormat;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building an Intl formatter costs far more than using one (the first one loads locale data): a
// list of 30 tasks would build hundreds. Each distinct (locale, options) is built once.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** 'YYYY-MM-DD' of an instant in a time zone. */
export function localDateOf(instant: Date | string, timeZone: string): string {
  const parts = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole days from local date `from` to local date `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const utc = (date: string) => {
    const match = LOCAL_DATE.exec(date);
    if (!match) throw new Error(`not a local date: ${date}`);
    return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** A local date ('YYYY-MM-DD') in the user's date format. */
export function formatDate(localDate: string, dateFormat: DateFormat): string {
  const match = LOCAL_DATE.exec(localDate);
  if (!match) return localDate;
  const [, year, month, day] = match;
  switch (dateFormat) {
    case 'DD.MM.YYYY':
      return `${day}.${month}.${year}`;
    case 'YYYY-MM-DD':
      return `${year}-${month}-${day}`;
    case 'MM/DD/YYYY':
      return `${month}/${day}/${year}`;
  }
}

export function formatTime(instant: Date | string, settings: FormatSettings): string {
  return dateTimeFormat(localeOf(settings.language), { timeZone: settings.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

/** An instant as date and time in the user's zone, e.g. "24.12.2026, 09:00". */
export function formatDateTime(instant: Date | string, settings: FormatSettings): string {
  return `${formatDate(localDateOf(instant, settings.timeZone), settings.dateFormat)}, ${formatTime(instant, settings)}`;
}

/** A decimal string ("1234.5") with its currency, e.g. "1.234,50 €". Display only: no arithmetic. */
export function formatAmount(amount: string, currency: string, language: Language): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return numberFormat(localeOf(language), { style: 'currency', currency }).format(value);
  } catch {
    return `${numberFormat(localeOf(language), { minimumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

/**
 * Time made visible, without blame: "heute", "morgen", "noch 3 Tage", "seit 2 Tagen fällig"
 * (never "überfällig!"): how far a due date is from today, both local dates.
 */
export function relativeDue(dueLocalDate: string, todayLocalDate: string, language: Language): string {
  const days = daysBetween(todayLocalDate, dueLocalDate);
  if (language === 'de') {
    if (days === 0) return 'heute';
    if (days === 1) return 'morgen';
    if (days === -1) return 'seit gestern fällig';
    if (days > 1) return `noch ${days} Tage`;
    return `seit ${-days} Tagen fällig`;
  }
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'due since yesterday';
  if (days > 1) return `${days} days left`;
  return `due for ${-days} days`;
}

/** Builds the formatters Today needs first, for the likely zone (the browser's), ahead of time. */
export function warmUpFormats(timeZone: string): void {
  localDateOf(new Date(0), timeZone);
  formatAmount('0', 'EUR', 'de');
}
