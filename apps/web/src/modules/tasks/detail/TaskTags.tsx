/**
 * The task's tags: attach one by name (an existing tag, or a new one made on the way), detach with
 * the × beside it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../../../shared/api/ApiProvider.tsx';
import { ApiError } from '../../../shared/api/client.ts';
import { useMessages } from '../../../shared/i18n/i18n.tsx';
import { Button } from '../../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../../shared/ui/ErrorMessage.tsx';
import { TextField } from '../../../shared/ui/Field.tsx';
import { Card } from '../../../shared/ui/Page.tsx';
import { invalidateTask, taskKeys, useTags, type Tag, type Task, unwrap } from '../tasks.api.ts';
import { fieldProblemsOf } from '../tasks.helpers.ts';
import { tasksMessages } from '../tasks.messages.ts';

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

export function TaskTags({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  const api = useApi();
  const client = useQueryClient();
  const tags = useTags();
  const headingId = useId();
  const listId = useId();
  const [name, setName] = useState('');

  /** The tag of that name: the known one, or a new one (if another device just made it, found on a second look). */
  const ensureTag = async (tagName: string): Promise<Tag> => {
    const known = (tags.data ?? []).find((tag) => sameName(tag.name, tagName));
    if (known) return known;
    try {
      return await unwrap(api.POST('/api/v1/tags', { body: { name: tagName } }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      const fresh = await unwrap(api.GET('/api/v1/tags'));
      const found = fresh.find((tag) => sameName(tag.name, tagName));
      if (!found) throw error;
      return found;
    }
  };

  const attach = useMutation({
    mutationFn: async (tagName: string) => {
      const tag = await ensureTag(tagName);
      return unwrap(api.POST('/api/v1/tasks/{id}/tags', { params: { path: { id: task.id } }, body: { tag_id: tag.id } }));
    },
    onSuccess: (updated) => {
      client.setQueryData(taskKeys.task(task.id), updated);
      setName('');
    },
    onSettled: () => Promise.all([invalidateTask(client, task.id), client.invalidateQueries({ queryKey: taskKeys.tags })]),
  });

  const detach = useMutation({
    mutationFn: (tagId: string) => unwrap(api.DELETE('/api/v1/tasks/{id}/tags/{tag_id}', { params: { path: { id: task.id, tag_id: tagId } } })),
    onSettled: () => Promise.all([invalidateTask(client, task.id), client.invalidateQueries({ queryKey: taskKeys.tags })]),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tagName = name.trim().replace(/^#/, '');
    if (!tagName || attach.isPending) return;
    if (task.tags.some((tag) => sameName(tag.name, tagName))) {
      setName('');
      return;
    }
    attach.mutate(tagName);
  };

  const problems = fieldProblemsOf(attach.error, t.field);
  const suggestions = (tags.data ?? []).filter((tag) => !task.tags.some((own) => own.id === tag.id));

  return (
    <Card aria-labelledby={headingId} className="task-tags-section">
      <h2 id={headingId}>{t.tags.heading}</h2>
      {task.tags.length === 0 ? (
        <p className="muted">{t.tags.none}</p>
      ) : (
        <ul className="task-tags">
          {task.tags.map((tag) => (
            <li key={tag.id} className="chip task-tags__chip">
              <span>#{tag.name}</span>
              <button type="button" className="task-tags__remove" aria-label={t.tags.remove(tag.name)} disabled={detach.isPending && detach.variables === tag.id} onClick={() => detach.mutate(tag.id)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={detach.error} />
      <form onSubmit={submit} className="task-inline-form">
        <TextField label={t.tags.name} value={name} onChange={(event) => setName(event.target.value)} list={listId} autoComplete="off" error={problems.name} />
        <datalist id={listId}>
          {suggestions.map((tag) => (
            <option key={tag.id} value={tag.name} />
          ))}
        </datalist>
        <Button type="submit" busy={attach.isPending}>
          {t.tags.add}
        </Button>
      </form>
      {problems.name ? null : <ErrorMessage error={attach.error} />}
    </Card>
  );
}
