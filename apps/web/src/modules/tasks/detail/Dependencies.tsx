/**
 * "Wartet auf": other tasks that have to be done first. Pick one of the open tasks to add it; a
 * circle of waiting tasks is refused by the server and said plainly.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../../shared/api/ApiProvider.tsx';
import { ApiError } from '../../../shared/api/client.ts';
import { useMessages } from '../../../shared/i18n/i18n.tsx';
import { Button } from '../../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../../shared/ui/ErrorMessage.tsx';
import { SelectField } from '../../../shared/ui/Field.tsx';
import { Card } from '../../../shared/ui/Page.tsx';
import { invalidateTask, taskKeys, type Task, unwrap } from '../tasks.api.ts';
import { tasksMessages } from '../tasks.messages.ts';

/** The titles of a refused circle, from the error's `details.cycle` (ids), when all are known. */
function cycleTitles(error: unknown, titles: Map<string, string>): string[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'tasks.dependency_cycle') return undefined;
  const cycle = (error.details as { cycle?: unknown } | undefined)?.cycle;
  if (!Array.isArray(cycle) || cycle.length === 0) return undefined;
  const named = cycle.map((id) => (typeof id === 'string' ? titles.get(id) : undefined));
  return named.every((title): title is string => title !== undefined) ? named : undefined;
}

export function Dependencies({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  const api = useApi();
  const client = useQueryClient();
  const headingId = useId();
  const [choice, setChoice] = useState('');

  const candidates = useQuery({
    queryKey: taskKeys.openChoices,
    queryFn: () => unwrap(api.GET('/api/v1/tasks', { params: { query: { status: 'open', sort: 'due_date', page: 1, page_size: 100 } } })),
  });

  const add = useMutation({
    mutationFn: (other: string) => unwrap(api.POST('/api/v1/tasks/{id}/dependencies', { params: { path: { id: task.id } }, body: { depends_on_task_id: other } })),
    onSuccess: (updated) => {
      client.setQueryData(taskKeys.task(task.id), updated);
      setChoice('');
      void invalidateTask(client, task.id);
    },
  });

  const remove = useMutation({
    mutationFn: (other: string) => unwrap(api.DELETE('/api/v1/tasks/{id}/dependencies/{other}', { params: { path: { id: task.id, other } } })),
    onSuccess: () => invalidateTask(client, task.id),
  });

  const waitingFor = new Set(task.blocked_by.map((other) => other.id));
  const options = (candidates.data?.results ?? []).filter((other) => other.id !== task.id && !waitingFor.has(other.id));
  const titles = new Map<string, string>([[task.id, task.title], ...(candidates.data?.results ?? []).map((other) => [other.id, other.title] as [string, string])]);
  for (const other of task.blocked_by) titles.set(other.id, other.title);
  const cycle = cycleTitles(add.error, titles);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice || add.isPending) return;
    add.mutate(choice);
  };

  return (
    <Card aria-labelledby={headingId} className="task-deps">
      <h2 id={headingId}>{t.deps.heading}</h2>
      {task.blocked_by.length === 0 ? (
        <p className="muted">{t.deps.none}</p>
      ) : (
        <ul className="task-deps__list">
          {task.blocked_by.map((other) => (
            <li key={other.id} className="task-deps__item">
              <Link to={`/tasks/${other.id}`}>{other.title}</Link>
              <Button variant="quiet" aria-label={t.deps.remove(other.title)} busy={remove.isPending && remove.variables === other.id} onClick={() => remove.mutate(other.id)}>
                {t.deps.removeShort}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={remove.error} />
      {options.length > 0 ? (
        <form onSubmit={submit} className="task-inline-form">
          <SelectField label={t.deps.pick} value={choice} onChange={(event) => setChoice(event.target.value)}>
            <option value="">{t.deps.pickPlaceholder}</option>
            {options.map((other) => (
              <option key={other.id} value={other.id}>
                {other.title}
              </option>
            ))}
          </SelectField>
          <Button type="submit" busy={add.isPending} disabled={!choice}>
            {t.deps.add}
          </Button>
        </form>
      ) : candidates.data ? (
        <p className="muted">{t.deps.noCandidates}</p>
      ) : null}
      {cycle ? (
        <div className="error-message" role="alert">
          <p>{t.deps.cycle(cycle)}</p>
        </div>
      ) : (
        <ErrorMessage error={add.error} />
      )}
    </Card>
  );
}
