import { useMemo } from 'react';
import { now } from '../clock.ts';
import { useMe } from '../session/session.tsx';
import { formatAmount, formatDate, formatDateTime, formatTime, localDateOf, relativeDue, type DateFormat, type FormatSettings } from './format.ts';
import { useLanguage } from './i18n.tsx';

/** Formatters bound to the signed-in user's language, time zone and date format. */
export function useFormat() {
  const { language } = useLanguage();
  const { me } = useMe();
  return useMemo(() => {
    const settings: FormatSettings = {
      language,
      timeZone: me?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      dateFormat: (me?.ui_preferences.date_format as DateFormat | undefined) ?? (language === 'de' ? 'DD.MM.YYYY' : 'YYYY-MM-DD'),
    };
    const today = () => localDateOf(now(), settings.timeZone);
    return {
      settings,
      today,
      date: (localDate: string) => formatDate(localDate, settings.dateFormat),
      dateOfInstant: (instant: string) => formatDate(localDateOf(instant, settings.timeZone), settings.dateFormat),
      time: (instant: string) => formatTime(instant, settings),
      dateTime: (instant: string) => formatDateTime(instant, settings),
      amount: (amount: string, currency = 'EUR') => formatAmount(amount, currency, language),
      /** "noch 3 Tage" for a local date, or for an instant (its local date in the user's zone). */
      relative: (due: string) => relativeDue(/^\d{4}-\d{2}-\d{2}$/.test(due) ? due : localDateOf(due, settings.timeZone), today(), language),
      localDateOf: (instant: string) => localDateOf(instant, settings.timeZone),
    };
  }, [language, me?.timezone, me?.ui_preferences.date_format]);
}
