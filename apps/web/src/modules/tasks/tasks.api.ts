/**
 * The tasks module's view of the API: response types, query keys, the queries its screens share,
 * and what to refresh after a task changed.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { unwrap } from '../../shared/api/client.ts';
import type { paths } from '../../shared/api/schema.gen.ts';

export type Task = paths['/api/v1/tasks/{id}']['get']['responses'][200]['content']['application/json'];
export type TaskPage = paths['/api/v1/tasks']['get']['responses'][200]['content']['application/json'];
export type TaskListQuery = paths['/api/v1/tasks']['get']['parameters']['query'];
export type TaskPatch = NonNullable<paths['/api/v1/tasks/{id}']['patch']['requestBody']>['content']['application/json'];
export type TaskOutcome = paths['/api/v1/tasks/{id}']['patch']['responses'][200]['content']['application/json'];
export type Reminder = paths['/api/v1/tasks/{id}/reminders']['get']['responses'][200]['content']['application/json']['reminders'][number];
export type Tag = paths['/api/v1/tags']['get']['responses'][200]['content']['application/json'][number];
export type QuickDraft = paths['/api/v1/tasks/parse']['post']['responses'][200]['content']['application/json'];
export type Priority = Task['priority'];

export { unwrap };

export const PRIORITIES: readonly Priority[] = ['low', 'medium', 'high', 'critical'];

export const taskKeys = {
  list: (query: TaskListQuery) => ['tasks', 'list', query] as const,
  substeps: (id: string) => ['tasks', 'substeps', id] as const,
  openChoices: ['tasks', 'open-choices'] as const,
  task: (id: string) => ['task', id] as const,
  reminders: (id: string) => ['reminders', id] as const,
  tags: ['tags'] as const,
};

/** Everything a change of a task can touch: lists, today, the task itself, its reminders. */
export function invalidateTask(client: QueryClient, id?: string): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: ['tasks'] }),
    client.invalidateQueries({ queryKey: ['today'] }),
    client.invalidateQueries({ queryKey: ['task'] }),
    ...(id ? [client.invalidateQueries({ queryKey: taskKeys.reminders(id) })] : []),
    client.invalidateQueries({ queryKey: ['agenda'] }),
  ]);
}

export function useTaskList(query: TaskListQuery) {
  const api = useApi();
  return useQuery({
    queryKey: taskKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/tasks', { params: { query } })),
    placeholderData: (previous) => previous,
  });
}

export function useTask(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: taskKeys.task(id),
    queryFn: () => unwrap(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
  });
}

export function useTags() {
  const api = useApi();
  return useQuery({
    queryKey: taskKeys.tags,
    queryFn: () => unwrap(api.GET('/api/v1/tags')),
    staleTime: 30_000,
  });
}
