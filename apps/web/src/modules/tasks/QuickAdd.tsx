/**
 * One line becomes a task: while typing, the server reads the line (debounced) and the preview shows
 * what will be created, so nothing surprises; Enter or "Hinzufügen" creates it. The line clears only
 * once the task exists.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { TextField } from '../../shared/ui/Field.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { invalidateTask, taskKeys, type QuickDraft, unwrap } from './tasks.api.ts';
import { fieldProblemsOf } from './tasks.helpers.ts';
import { tasksMessages } from './tasks.messages.ts';

const DEBOUNCE_MS = 300;

export function QuickAdd() {
  const t = useMessages(tasksMessages);
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const parse = useQuery({
    queryKey: ['tasks-quick-parse', debounced],
    queryFn: () => unwrap(api.POST('/api/v1/tasks/parse', { body: { text: debounced } })),
    enabled: debounced.length > 0 && debounced.length <= 500,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });

  const create = useMutation({
    mutationFn: (line: string) => unwrap(api.POST('/api/v1/tasks/quick', { body: { text: line } })),
    onSuccess: (task) => {
      setText('');
      setDebounced('');
      toast(t.quickAdd.created(task.title));
      void invalidateTask(client);
      void client.invalidateQueries({ queryKey: taskKeys.tags });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const line = text.trim();
    if (!line || create.isPending) return;
    create.mutate(line);
  };

  const problem = fieldProblemsOf(create.error, t.field).text;
  const showPreview = text.trim().length > 0 && debounced.length > 0;

  return (
    <form className="quick-add card" onSubmit={submit}>
      <div className="quick-add__row">
        <TextField
          label={t.quickAdd.label}
          placeholder={t.quickAdd.placeholder}
          hint={t.quickAdd.hint}
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoComplete="off"
          enterKeyHint="done"
          error={problem}
        />
        <Button type="submit" variant="primary" busy={create.isPending} className="quick-add__submit">
          {t.quickAdd.submit}
        </Button>
      </div>
      {problem ? null : <ErrorMessage error={create.error} known={{ 'tasks.invalid': t.quickAdd.noTitleYet }} />}
      <div role="status" aria-live="polite" className="quick-add__status">
        {showPreview ? <Preview draft={parse.data} loading={parse.isFetching && !parse.data} /> : null}
      </div>
    </form>
  );
}

function Preview({ draft, loading }: { draft: QuickDraft | undefined; loading: boolean }) {
  const t = useMessages(tasksMessages);
  const format = useFormat();
  if (loading) return <p className="muted quick-add__loading">{t.quickAdd.previewLoading}</p>;
  if (!draft) return null;
  const due = draft.due_date ? (draft.due_is_date && draft.due_local_date ? format.date(draft.due_local_date) : format.dateTime(draft.due_date)) : null;
  return (
    <div className="quick-add__preview">
      <p className="quick-add__preview-heading">{t.quickAdd.previewHeading}</p>
      {draft.title ? null : <p>{t.quickAdd.noTitleYet}</p>}
      <dl className="quick-add__fields">
        {draft.title ? (
          <div>
            <dt>{t.quickAdd.previewTitle}</dt>
            <dd>{draft.title}</dd>
          </div>
        ) : null}
        {due && draft.due_date ? (
          <div>
            <dt>{t.quickAdd.previewDue}</dt>
            <dd>
              {due} <span className="muted">({format.relative(draft.due_local_date ?? draft.due_date)})</span>
            </dd>
          </div>
        ) : null}
        {draft.amount ? (
          <div>
            <dt>{t.quickAdd.previewAmount}</dt>
            <dd>{format.amount(draft.amount, draft.currency)}</dd>
          </div>
        ) : null}
        {draft.tags.length > 0 ? (
          <div>
            <dt>{t.quickAdd.previewTags}</dt>
            <dd>{draft.tags.map((tag) => `#${tag}`).join(' ')}</dd>
          </div>
        ) : null}
        {draft.recurrence ? (
          <div>
            <dt>{t.quickAdd.previewRepeat}</dt>
            <dd>{t.repeat.every(draft.recurrence.frequency, draft.recurrence.interval)}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
