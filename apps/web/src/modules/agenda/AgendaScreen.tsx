/**
 * The agenda: what is due when, as a month or a week, in the user's time zone. View and date live in
 * the URL (?view=month|week&date=YYYY-MM-DD). Tasks with a time (appointments) show it; done ones
 * stay visible, greyed and marked in words. The planned reminders of the range (one request,
 * `GET /reminders`) appear per task in the week view; the month view sums them up per day, with a
 * link to that day's week, so a busy month stays calm.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { unwrap } from '../../shared/api/client.ts';
import type { paths } from '../../shared/api/schema.gen.ts';
import { localeOf, useLanguage, useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { useMe } from '../../shared/session/session.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Icon } from '../../shared/ui/Icon.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Page } from '../../shared/ui/Page.tsx';
import { agendaMessages } from './agenda.messages.ts';
import { agendaState, dueWindow, firstDayOfWeek, monthWeeks, sameMonth, shiftAnchor, utcDate, visibleDays, type AgendaView } from './agenda.models.ts';
import './agenda.css';

type Task = paths['/api/v1/tasks']['get']['responses'][200]['content']['application/json']['results'][number];
type Reminder = paths['/api/v1/reminders']['get']['responses'][200]['content']['application/json']['reminders'][number];

const PAGE_SIZE = 100;
const MAX_PAGES = 3;
type Entry =
  | { kind: 'task'; key: string; task: Task; time?: string; sort: string }
  | { kind: 'reminders'; key: string; taskId: string; title: string; times: string[]; sort: string }
  | { kind: 'day-reminders'; key: string; day: string; times: string[]; sort: string };

const NARROW = '(max-width: 599px)';

/** Whether the screen is phone-narrow (a month grid does not fit there). */
function useNarrow(): boolean {
  return useSyncExternalStore(
    (notify) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', notify);
      return () => query.removeEventListener('change', notify);
    },
    () => typeof window.matchMedia === 'function' && window.matchMedia(NARROW).matches,
    () => false,
  );
}

export function AgendaScreen() {
  const t = useMessages(agendaMessages);
  const { me, error: meError } = useMe();
  if (me === undefined && !meError) {
    return (
      <Page title={t.title}>
        <Loading />
      </Page>
    );
  }
  return <Agenda firstDay={firstDayOfWeek(me?.ui_preferences.first_day_of_week)} />;
}

function Agenda({ firstDay }: { firstDay: number }) {
  const t = useMessages(agendaMessages);
  const api = useApi();
  const format = useFormat();
  const { language } = useLanguage();
  const locale = localeOf(language);
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const today = format.today();
  const { view, date } = agendaState(params, today);
  const timeZone = format.settings.timeZone;
  const { first, last, days } = visibleDays(view, date, firstDay);
  const range = dueWindow(first, last, timeZone);

  const tasks = useQuery({
    queryKey: ['tasks', 'agenda', range.due_after, range.due_before],
    queryFn: async () => {
      const all: Task[] = [];
      let total = 0;
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const result = await unwrap(api.GET('/api/v1/tasks', { params: { query: { ...range, page, page_size: PAGE_SIZE, sort: 'due_date' } } }));
        total = result.total;
        all.push(...result.results);
        if (all.length >= total || result.results.length < PAGE_SIZE) break;
      }
      return { tasks: all.filter((task) => task.status !== 'cancelled'), total, complete: all.length >= total };
    },
  });

  const reminders = useQuery({
    queryKey: ['reminders', 'agenda', range.due_after, range.due_before],
    queryFn: () => unwrap(api.GET('/api/v1/reminders', { params: { query: { from: range.due_after, to: range.due_before } } })),
    staleTime: 60_000,
  });
  const byDay = entriesByDay();
  function entriesByDay(): Map<string, Entry[]> {
    const map = new Map<string, Entry[]>();
    const add = (day: string, entry: Entry) => map.set(day, [...(map.get(day) ?? []), entry]);
    for (const task of tasks.data?.tasks ?? []) {
      if (!task.due_date) continue;
      if (task.due_is_date) {
        add(task.due_local_date ?? format.localDateOf(task.due_date), { kind: 'task', key: task.id, task, sort: `0 ${task.title}` });
      } else {
        const time = format.time(task.due_date);
        add(format.localDateOf(task.due_date), { kind: 'task', key: task.id, task, time, sort: `1 ${time} ${task.title}` });
      }
    }
    // Reminders come earliest first; per day, grouped by task (week) or all together (month).
    const perDay = new Map<string, Reminder[]>();
    for (const reminder of reminders.data?.reminders ?? []) {
      const day = format.localDateOf(plannedAt(reminder));
      if (day < first || day > last) continue;
      perDay.set(day, [...(perDay.get(day) ?? []), reminder]);
    }
    for (const [day, list] of perDay) {
      const times = list.map((reminder) => format.time(plannedAt(reminder)));
      if (view === 'month') {
        add(day, { kind: 'day-reminders', key: `${day}-reminders`, day, times, sort: `2 ${times[0]}` });
        continue;
      }
      const byTask = new Map<string, Reminder[]>();
      for (const reminder of list) byTask.set(reminder.task_id, [...(byTask.get(reminder.task_id) ?? []), reminder]);
      for (const [taskId, ofTask] of byTask) {
        const taskTimes = ofTask.map((reminder) => format.time(plannedAt(reminder)));
        const title = ofTask[0]!.task_title;
        add(day, { kind: 'reminders', key: `${taskId}-reminders`, taskId, title, times: taskTimes, sort: `1 ${taskTimes[0]} ${title}` });
      }
    }
    for (const entries of map.values()) entries.sort((a, b) => a.sort.localeCompare(b.sort));
    return map;
  }

  const go = (next: { view?: AgendaView; date?: string }) => {
    setParams({ view: next.view ?? view, date: next.date ?? date });
  };
  const switchView = (next: AgendaView) => {
    if (next === view) return;
    // From a month that holds today, the week view opens on today's week.
    go({ view: next, date: next === 'week' && sameMonth(today, date) ? today : date });
  };

  const rangeTitle =
    view === 'month'
      ? new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcDate(date))
      : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatRange(utcDate(first), utcDate(last));
  const total = [...byDay.values()].reduce((sum, entries) => sum + entries.length, 0);

  return (
    <Page title={t.title}>
      <div className="agenda-toolbar">
        <div role="group" aria-label={t.view} className="agenda-toolbar__views">
          <Button aria-pressed={view === 'month'} variant={view === 'month' ? 'primary' : 'secondary'} onClick={() => switchView('month')}>
            {t.month}
          </Button>
          <Button aria-pressed={view === 'week'} variant={view === 'week' ? 'primary' : 'secondary'} onClick={() => switchView('week')}>
            {t.week}
          </Button>
        </div>
        <div role="group" aria-label={t.navigation} className="agenda-toolbar__nav">
          <Button onClick={() => go({ date: shiftAnchor(view, date, -1) })}>
            <span aria-hidden="true">‹</span>
            <span className="agenda-toolbar__text">{view === 'month' ? t.previousMonth : t.previousWeek}</span>
          </Button>
          <Button onClick={() => go({ date: today })}>{t.today}</Button>
          <Button onClick={() => go({ date: shiftAnchor(view, date, 1) })}>
            <span className="agenda-toolbar__text">{view === 'month' ? t.nextMonth : t.nextWeek}</span>
            <span aria-hidden="true">›</span>
          </Button>
        </div>
      </div>

      <h2 className="agenda-range">{rangeTitle}</h2>
      <p className="visually-hidden" role="status">
        {tasks.isPending ? '' : `${t.showing(rangeTitle)}: ${t.entries(total)}`}
      </p>

      <ErrorMessage error={tasks.error} onRetry={() => void tasks.refetch()} />
      {tasks.isPending ? <Loading /> : null}
      {tasks.data && !tasks.data.complete ? <p className="muted">{t.tooMany(tasks.data.tasks.length)}</p> : null}
      <ErrorMessage error={reminders.error} onRetry={() => void reminders.refetch()} />
      {reminders.data?.truncated ? <p className="muted">{t.remindersTruncated}</p> : null}

      {tasks.data ? (
        view === 'week' ? (
          <DayList days={days} byDay={byDay} today={today} showEmpty />
        ) : narrow ? (
          <>
            {total === 0 ? <p className="agenda-empty">{t.emptyMonth}</p> : <DayList days={days.filter((day) => sameMonth(day, date) && byDay.has(day))} byDay={byDay} today={today} />}
          </>
        ) : (
          <>
            <MonthTable date={date} firstDay={firstDay} byDay={byDay} today={today} caption={rangeTitle} />
            {total === 0 ? <p className="agenda-empty">{t.emptyMonth}</p> : null}
          </>
        )
      ) : null}
    </Page>
  );
}

function plannedAt(reminder: Reminder): string {
  return reminder.fires_at ?? reminder.snoozed_until ?? reminder.trigger_at;
}

function useDayLabels() {
  const { language } = useLanguage();
  return useMemo(() => {
    const locale = localeOf(language);
    const full = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    return { full: (day: string) => full.format(utcDate(day)), short: (day: string) => short.format(utcDate(day)) };
  }, [language]);
}

function TodayMarker() {
  const t = useMessages(agendaMessages);
  return <span className="agenda-today"> {t.todayMarker}</span>;
}

/** Days one under the other, each with its heading (the week view, and the month on phones). */
function DayList({ days, byDay, today, showEmpty = false }: { days: string[]; byDay: Map<string, Entry[]>; today: string; showEmpty?: boolean }) {
  const t = useMessages(agendaMessages);
  const labels = useDayLabels();
  if (!showEmpty && days.length === 0) return null;
  return (
    <ol className="agenda-days">
      {days.map((day) => {
        const entries = byDay.get(day) ?? [];
        return (
          <li key={day} className={day === today ? 'agenda-day agenda-day--today' : 'agenda-day'}>
            <h3 className="agenda-day__heading">
              {labels.full(day)}
              {day === today ? <TodayMarker /> : null}
            </h3>
            {entries.length > 0 ? <Entries entries={entries} /> : <p className="muted agenda-day__nothing">{t.nothing}</p>}
          </li>
        );
      })}
    </ol>
  );
}

/** The month as a table: a column per weekday, a row per week, each day with its full date as heading. */
function MonthTable({ date, firstDay, byDay, today, caption }: { date: string; firstDay: number; byDay: Map<string, Entry[]>; today: string; caption: string }) {
  const { language } = useLanguage();
  const labels = useDayLabels();
  const weeks = monthWeeks(date, firstDay);
  const weekday = useMemo(() => {
    const locale = localeOf(language);
    return {
      long: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
      short: new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }),
    };
  }, [language]);
  return (
    <table className="agenda-month">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {(weeks[0] ?? []).map((day) => (
            <th key={day} scope="col">
              <span aria-hidden="true">{weekday.short.format(utcDate(day))}</span>
              <span className="visually-hidden">{weekday.long.format(utcDate(day))}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((day) => {
              const entries = byDay.get(day) ?? [];
              const classes = ['agenda-cell', sameMonth(day, date) ? '' : 'agenda-cell--outside', day === today ? 'agenda-cell--today' : ''].filter(Boolean).join(' ');
              return (
                <td key={day} className={classes}>
                  <h3 className="agenda-cell__heading">
                    <span aria-hidden="true">{Number(day.slice(8, 10))}</span>
                    <span className="visually-hidden">{labels.full(day)}</span>
                    {day === today ? <TodayMarker /> : null}
                  </h3>
                  {entries.length > 0 ? <Entries entries={entries} /> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Entries({ entries }: { entries: Entry[] }) {
  const t = useMessages(agendaMessages);
  return (
    <ul className="agenda-entries">
      {entries.map((entry) => {
        if (entry.kind !== 'task') {
          const [firstTime = ''] = entry.times;
          const count = entry.times.length === 1 ? t.reminder(firstTime) : t.reminders(entry.times.length, firstTime);
          return (
            <li key={entry.key}>
              {entry.kind === 'reminders' ? (
                <Link to={`/tasks/${entry.taskId}`} className="agenda-entry agenda-entry--reminder">
                  <Icon name="bell" size={16} />
                  <span>
                    {count} <span className="agenda-entry__title">{t.reminderFor(entry.title)}</span>
                  </span>
                </Link>
              ) : (
                <Link to={`/agenda?view=week&date=${entry.day}`} className="agenda-entry agenda-entry--reminder">
                  <Icon name="bell" size={16} />
                  <span>
                    {count}
                    <span className="visually-hidden"> ({t.dayReminders})</span>
                  </span>
                </Link>
              )}
            </li>
          );
        }
        const done = entry.task.status === 'done';
        return (
          <li key={entry.key}>
            <Link to={`/tasks/${entry.task.id}`} className={done ? 'agenda-entry agenda-entry--done' : 'agenda-entry'}>
              {entry.time ? <span className="agenda-entry__time">{entry.time} </span> : null}
              <span className="agenda-entry__title">{entry.task.title}</span>
              {done ? <span className="agenda-entry__mark"> ({t.done})</span> : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
