/**
 * The reminders the server planned for this task, in order: when, how insistent, over which
 * channels, what it will say, and where it stands. A task can have many (hourly on the due day), so
 * reminders of one day that say the same are one entry ("13-mal zwischen 09:00 und 21:00 Uhr") and
 * only the next few entries show until the user asks for all. A reminder that reached the user can
 * be marked "Gesehen" (that stage goes quiet, later ones still come).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useApi } from '../../../shared/api/ApiProvider.tsx';
import { useMessages } from '../../../shared/i18n/i18n.tsx';
import { useFormat } from '../../../shared/i18n/useFormat.ts';
import { Button } from '../../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../../shared/ui/ErrorMessage.tsx';
import { Loading } from '../../../shared/ui/Loading.tsx';
import { Card } from '../../../shared/ui/Page.tsx';
import { useToast } from '../../../shared/ui/Toast.tsx';
import { taskKeys, unwrap, type Reminder, type Task } from '../tasks.api.ts';
import { timeOfInstant } from '../tasks.helpers.ts';
import { tasksMessages, type TasksMessages } from '../tasks.messages.ts';

/** How many entries show before "Alle zeigen". */
const SHOWN = 5;

/** When a reminder goes (or went) out. */
export function whenOf(reminder: Reminder): string {
  if (reminder.status === 'sent' && reminder.sent_at) return reminder.sent_at;
  return reminder.snoozed_until ?? reminder.fires_at ?? reminder.trigger_at;
}

export interface ReminderGroup {
  /** Local date ('YYYY-MM-DD') in the user's zone. */
  day: string;
  reminders: Reminder[];
}

const needsLook = (reminder: Reminder) => reminder.status === 'sent' && !reminder.acknowledged_at;

/** Reminders in time order, those of one day that say and do the same as one group. */
export function groupReminders(reminders: readonly Reminder[], localDateOf: (instant: string) => string): ReminderGroup[] {
  const sorted = [...reminders].sort((a, b) => Date.parse(whenOf(a)) - Date.parse(whenOf(b)));
  const signature = (reminder: Reminder) =>
    [localDateOf(whenOf(reminder)), reminder.severity, reminder.status, needsLook(reminder), Boolean(reminder.snoozed_until), Boolean(reminder.held_by_quiet_hours_from), reminder.message, reminder.channels.join(',')].join('|');
  const groups: (ReminderGroup & { signature: string })[] = [];
  for (const reminder of sorted) {
    const last = groups[groups.length - 1];
    const own = signature(reminder);
    if (last && last.signature === own) last.reminders.push(reminder);
    else groups.push({ signature: own, day: localDateOf(whenOf(reminder)), reminders: [reminder] });
  }
  return groups.map(({ day, reminders: items }) => ({ day, reminders: items }));
}

/** The entries shown before "Alle zeigen": from the first that needs a look or is still to come. */
function shownWindow(groups: readonly ReminderGroup[]): [number, number] {
  const first = groups.findIndex((group) => group.reminders.some((reminder) => reminder.status === 'pending' || needsLook(reminder)));
  const start = first === -1 ? Math.max(0, groups.length - SHOWN) : first;
  return [start, Math.min(groups.length, start + SHOWN)];
}

export function ReminderTimeline({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  const format = useFormat();
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const headingId = useId();
  const listId = useId();
  const [all, setAll] = useState(false);

  const timeline = useQuery({
    queryKey: taskKeys.reminders(task.id),
    queryFn: () => unwrap(api.GET('/api/v1/tasks/{id}/reminders', { params: { path: { id: task.id } } })),
  });

  const acknowledge = useMutation({
    mutationFn: async (reminders: Reminder[]) => {
      for (const reminder of reminders) await unwrap(api.POST('/api/v1/reminders/{id}/acknowledge', { params: { path: { id: reminder.id } } }));
    },
    onSuccess: () => toast(t.reminders.acknowledgedToast),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: taskKeys.reminders(task.id) }), client.invalidateQueries({ queryKey: ['notifications'] })]),
  });

  const reminders = timeline.data?.reminders ?? [];
  const groups = groupReminders(reminders, format.localDateOf);
  const [start, end] = shownWindow(groups);
  const shown = all ? groups : groups.slice(start, end);
  const next = [...reminders].filter((reminder) => reminder.status === 'pending').sort((a, b) => Date.parse(whenOf(a)) - Date.parse(whenOf(b)))[0];
  const timeZone = format.settings.timeZone;

  return (
    <Card aria-labelledby={headingId} className="task-reminders">
      <h2 id={headingId}>{t.reminders.heading}</h2>
      {timeline.isPending ? <Loading /> : null}
      <ErrorMessage error={timeline.error} onRetry={() => void timeline.refetch()} />
      {timeline.data && reminders.length === 0 ? <p className="muted">{task.due_date ? t.reminders.none : t.reminders.noneWithoutDue}</p> : null}
      {reminders.length > 0 ? (
        <>
          <p>
            {t.reminders.summary(reminders.length)} {next ? t.reminders.nextAt(format.dateTime(whenOf(next)), format.relative(whenOf(next))) : null}
          </p>
          <ol className="timeline" id={listId}>
            {shown.map((group) => {
              const first = group.reminders[0] as Reminder;
              const times = group.reminders.map((reminder) => timeOfInstant(whenOf(reminder), timeZone));
              const unseen = group.reminders.filter(needsLook);
              const isNext = next !== undefined && group.reminders.includes(next);
              return (
                <li key={first.id} className={`timeline__item timeline__item--${first.status}${isNext ? ' timeline__item--next' : ''}`}>
                  <p className="timeline__when">
                    <time dateTime={whenOf(first)}>{format.date(group.day)}</time>
                    {', '}
                    {times.length > 3 ? t.reminders.timesBetween(times.length, times[0] ?? '', times[times.length - 1] ?? '') : t.reminders.times(times)}
                    {first.status === 'pending' ? <span className="muted"> · {format.relative(group.day)}</span> : null}
                    {isNext ? <span className="chip chip--primary timeline__next">{t.reminders.next}</span> : null}
                  </p>
                  <p className="timeline__facts">
                    <strong>{t.reminders.severity[first.severity]}</strong>
                    <span>{statusText(first, t, format.dateTime)}</span>
                    {first.channels.length > 0 ? (
                      <span>
                        {t.reminders.channelsLabel} {first.channels.map((channel) => t.reminders.channels[channel] ?? channel).join(', ')}
                      </span>
                    ) : null}
                  </p>
                  {first.message ? <p className="timeline__message">{first.message}</p> : null}
                  {unseen.length > 0 ? (
                    <Button
                      aria-label={t.reminders.acknowledgeFor(format.dateTime(whenOf(unseen[0] as Reminder)))}
                      busy={acknowledge.isPending && acknowledge.variables[0]?.id === unseen[0]?.id}
                      onClick={() => acknowledge.mutate(unseen)}
                    >
                      {t.reminders.acknowledge}
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {groups.length > end - start ? (
            <Button variant="quiet" aria-expanded={all} aria-controls={listId} onClick={() => setAll((current) => !current)}>
              {all ? t.reminders.showFewer : t.reminders.showAll(groups.length)}
            </Button>
          ) : null}
        </>
      ) : null}
      <ErrorMessage error={acknowledge.error} />
    </Card>
  );
}

function statusText(reminder: Reminder, t: TasksMessages, dateTime: (instant: string) => string): string {
  const parts = [t.reminders.status[reminder.status]];
  if (reminder.status === 'pending' && reminder.snoozed_until) parts[0] = t.reminders.snoozedUntil(dateTime(reminder.snoozed_until));
  if (reminder.status === 'pending' && reminder.held_by_quiet_hours_from) parts.push(t.reminders.quietHours);
  if (reminder.status === 'sent' && reminder.acknowledged_at) parts.push(t.reminders.acknowledged);
  return parts.join(' · ');
}
