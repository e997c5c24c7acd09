/**
 * What a user does with a task from anywhere in the app: done (optimistic, with undo), open again,
 * and "remind me later" (snoozes the task's next reminder). Today, Focus, the task list and the
 * task detail all use these, so the caches they show stay in step.
 */
import { useMutation, useMutationState, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useApi } from '../../../shared/api/ApiProvider.tsx';
import { ApiError, unwrap, type Api } from '../../../shared/api/client.ts';
import type { paths } from '../../../shared/api/schema.gen.ts';
import { common } from '../../../shared/i18n/common.messages.ts';
import { useMessages } from '../../../shared/i18n/i18n.tsx';
import { useFormat } from '../../../shared/i18n/useFormat.ts';
import { errorText } from '../../../shared/ui/ErrorMessage.tsx';
import { useToast } from '../../../shared/ui/Toast.tsx';
import { actionsMessages } from './actions.messages.ts';

export type TodayData = paths['/api/v1/today']['get']['responses'][200]['content']['application/json'];
export type TaskData = paths['/api/v1/tasks/{id}']['get']['responses'][200]['content']['application/json'];
export type TodayTask = TodayData['overdue'][number];
export type Reminder = paths['/api/v1/tasks/{id}/reminders']['get']['responses'][200]['content']['application/json']['reminders'][number];
export type SnoozedReminder = paths['/api/v1/reminders/{id}/snooze']['post']['responses'][200]['content']['application/json'];

export type SnoozePreset = '15m' | '1h' | '3h' | 'tomorrow' | 'next_week';
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['15m', '1h', '3h', 'tomorrow', 'next_week'];

export const TODAY_KEY = ['today'] as const;
/** Mutation key of "done", so a card that comes back after a failed attempt can show the error. */
export const COMPLETE_TASK_KEY = ['task-action', 'complete'] as const;

const TASK_LISTS = ['overdue', 'due_soon', 'unblocked', 'new_tasks'] as const;

/** Everything completing, reopening or snoozing a task can change. */
export function invalidateTask(client: QueryClient, taskId: string): Promise<unknown> {
  return Promise.all([TODAY_KEY, ['tasks'], ['task', taskId], ['reminders', taskId]].map((queryKey) => client.invalidateQueries({ queryKey })));
}

/** Today without the task (it is done). */
export function withoutTask(today: TodayData, taskId: string): TodayData {
  const next = { ...today };
  for (const list of TASK_LISTS) next[list] = today[list].filter((task) => task.id !== taskId);
  return next;
}

/** Puts the task back where it was in `previous` (after a failed "done"), keeping every other change since. */
export function withTaskRestored(current: TodayData, previous: TodayData, taskId: string): TodayData {
  const next = { ...current };
  for (const list of TASK_LISTS) {
    const index = previous[list].findIndex((task) => task.id === taskId);
    const task = previous[list][index];
    if (!task || current[list].some((other) => other.id === taskId)) continue;
    const items = [...current[list]];
    items.splice(Math.min(index, items.length), 0, task);
    next[list] = items;
  }
  return next;
}

async function setStatus(api: Api, taskId: string, status: 'done' | 'open', force = false): Promise<TaskData> {
  return unwrap(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: taskId } }, body: { status, ...(force ? { force: true } : {}) } }));
}

export interface CompleteVariables {
  taskId: string;
  taskTitle: string;
  /** Complete although the task still waits for others (after the user saw `tasks.blocked`). */
  force?: boolean;
  /** A bill: the toast says "Bezahlt". */
  paid?: boolean;
}

interface CompleteContext {
  today: TodayData | undefined;
  task: TaskData | undefined;
}

/**
 * Marks a task done: it leaves Today at once (optimistic), a toast says so with "Undo" (which sets
 * it open again); a failure puts it back and the card shows why (see useCompleteState).
 */
export function useCompleteTask() {
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const t = useMessages(actionsMessages);
  const texts = useMessages(common);
  return useMutation<TaskData, unknown, CompleteVariables, CompleteContext>({
    mutationKey: COMPLETE_TASK_KEY,
    mutationFn: ({ taskId, force }) => setStatus(api, taskId, 'done', force),
    onMutate: async ({ taskId }) => {
      await Promise.all([client.cancelQueries({ queryKey: TODAY_KEY }), client.cancelQueries({ queryKey: ['task', taskId] })]);
      const today = client.getQueryData<TodayData>(TODAY_KEY);
      const task = client.getQueryData<TaskData>(['task', taskId]);
      if (today) client.setQueryData<TodayData>(TODAY_KEY, withoutTask(today, taskId));
      if (task) client.setQueryData<TaskData>(['task', taskId], { ...task, status: 'done' });
      return { today, task };
    },
    onError: (_error, { taskId }, context) => {
      const current = client.getQueryData<TodayData>(TODAY_KEY);
      if (context?.today && current) client.setQueryData<TodayData>(TODAY_KEY, withTaskRestored(current, context.today, taskId));
      if (context?.task) client.setQueryData<TaskData>(['task', taskId], context.task);
    },
    onSuccess: (_task, { taskId, taskTitle, paid }) => {
      toast(paid ? t.paidToast(taskTitle) : t.doneToast(taskTitle), () => {
        setStatus(api, taskId, 'open')
          .then(() => toast(t.reopenedToast(taskTitle)))
          .catch((error: unknown) => toast(errorText(error, texts, { 'tasks.not_found': t.taskGone })))
          .finally(() => void invalidateTask(client, taskId));
      });
    },
    onSettled: (_task, _error, { taskId }) => invalidateTask(client, taskId),
  });
}

/**
 * The latest "done" attempt of one task (pending, error, ...), also one made by a card that has
 * since unmounted. A failed attempt is forgotten when the component showing it goes away.
 */
export function useCompleteState(taskId: string) {
  const client = useQueryClient();
  const states = useMutationState({
    filters: { mutationKey: COMPLETE_TASK_KEY, predicate: (mutation) => (mutation.state.variables as CompleteVariables | undefined)?.taskId === taskId },
    select: (mutation) => mutation.state,
  });
  // Forgotten on unmount, a tick later: StrictMode's trial unmount and remount must not drop it.
  const forget = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    clearTimeout(forget.current);
    return () => {
      forget.current = setTimeout(() => {
        const cache = client.getMutationCache();
        for (const mutation of cache.findAll({ mutationKey: COMPLETE_TASK_KEY, status: 'error' })) {
          if ((mutation.state.variables as CompleteVariables | undefined)?.taskId === taskId) cache.remove(mutation);
        }
      }, 0);
    };
  }, [client, taskId]);
  return states[states.length - 1];
}

/** Sets a task open again. */
export function useReopenTask() {
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const t = useMessages(actionsMessages);
  return useMutation<TaskData, unknown, { taskId: string; taskTitle: string }>({
    mutationFn: ({ taskId }) => setStatus(api, taskId, 'open'),
    onSuccess: (_task, { taskTitle }) => toast(t.reopenedToast(taskTitle)),
    onSettled: (_task, _error, { taskId }) => invalidateTask(client, taskId),
  });
}

/** The task has no reminder that could come back later (no due date, or reminders are off). */
export class NothingToSnoozeError extends Error {
  constructor() {
    super('nothing to snooze');
    this.name = 'NothingToSnoozeError';
  }
}

const fireTimeOf = (reminder: Reminder) => reminder.snoozed_until ?? reminder.fires_at ?? reminder.trigger_at;

/**
 * Which reminder "later" moves: the next pending one (the server re-arms any reminder of an open
 * task, so when none is pending, the one that reached the user last comes back instead).
 * Cancelled reminders stay as they are: the user acknowledged them, or a snooze silenced them.
 */
export function reminderToSnooze(reminders: readonly Reminder[]): Reminder | undefined {
  const byTime = (a: string, b: string) => Date.parse(a) - Date.parse(b);
  const pending = reminders.filter((reminder) => reminder.status === 'pending').sort((a, b) => byTime(fireTimeOf(a), fireTimeOf(b)));
  if (pending[0]) return pending[0];
  const delivered = reminders.filter((reminder) => reminder.status === 'sent' || reminder.status === 'failed').sort((a, b) => byTime(b.sent_at ?? fireTimeOf(b), a.sent_at ?? fireTimeOf(a)));
  return delivered[0];
}

export interface SnoozeVariables {
  taskId: string;
  taskTitle: string;
  until: SnoozePreset;
}

/** "Remind me later": snoozes the task's next reminder; the toast says until when. */
export function useSnoozeTask() {
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const format = useFormat();
  const t = useMessages(actionsMessages);
  return useMutation<SnoozedReminder, unknown, SnoozeVariables>({
    mutationFn: async ({ taskId, until }) => {
      const attempt = async () => {
        const timeline = await unwrap(api.GET('/api/v1/tasks/{id}/reminders', { params: { path: { id: taskId } } }));
        const reminder = reminderToSnooze(timeline.reminders);
        if (!reminder) throw new NothingToSnoozeError();
        return unwrap(api.POST('/api/v1/reminders/{id}/snooze', { params: { path: { id: reminder.id } }, body: { until } }));
      };
      try {
        return await attempt();
      } catch (error) {
        // The task was replanned between reading its timeline and the snooze (a corrected document,
        // a changed deadline): its reminders are new, so read them again, once.
        if (error instanceof ApiError && error.code === 'reminders.not_found') return attempt();
        throw error;
      }
    },
    onSuccess: (reminder, { taskTitle }) => toast(t.snoozedToast(taskTitle, format.dateTime(reminder.snoozed_until ?? reminder.fires_at ?? reminder.trigger_at))),
    onSettled: (_reminder, _error, { taskId }) => client.invalidateQueries({ queryKey: ['reminders', taskId] }),
  });
}
