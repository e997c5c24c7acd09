/**
 * The task's details, editable in place. Only what the user changed is sent (PATCH); a failed save
 * keeps every edit and puts the problem under its field. Fields the user did not touch follow the
 * server (e.g. after "done" elsewhere).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../../../shared/api/ApiProvider.tsx';
import { common } from '../../../shared/i18n/common.messages.ts';
import { useMessages, type Language } from '../../../shared/i18n/i18n.tsx';
import { useFormat } from '../../../shared/i18n/useFormat.ts';
import { Button } from '../../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../../shared/ui/ErrorMessage.tsx';
import { SelectField, TextArea, TextField } from '../../../shared/ui/Field.tsx';
import { Card } from '../../../shared/ui/Page.tsx';
import { useToast } from '../../../shared/ui/Toast.tsx';
import { invalidateTask, PRIORITIES, type Task, type TaskPatch, unwrap } from '../tasks.api.ts';
import { fieldProblemsOf, normaliseAmount, timeOfInstant, zonedInstant } from '../tasks.helpers.ts';
import { tasksMessages } from '../tasks.messages.ts';

const CURRENCIES = ['EUR', 'USD', 'CHF', 'GBP'];

interface FormValues {
  title: string;
  description: string;
  dueDate: string;
  dueTime: string;
  priority: string;
  amount: string;
  currency: string;
  minutes: string;
}

type FieldName = keyof FormValues;

function valuesOf(task: Task, timeZone: string, localDateOf: (instant: string) => string, language: Language): FormValues {
  const dueDate = task.due_date ? (task.due_is_date && task.due_local_date ? task.due_local_date : localDateOf(task.due_date)) : '';
  return {
    title: task.title,
    description: task.description ?? '',
    dueDate,
    dueTime: task.due_date && !task.due_is_date ? timeOfInstant(task.due_date, timeZone) : '',
    priority: task.priority_source === 'auto' ? 'auto' : task.priority,
    // As a German reads and types it: "49,90".
    amount: task.amount === null ? '' : language === 'de' ? task.amount.replace('.', ',') : task.amount,
    currency: task.currency,
    minutes: task.estimated_duration_minutes === null ? '' : String(task.estimated_duration_minutes),
  };
}

/** The PATCH body for what differs from the server's values. */
function patchOf(edits: Partial<FormValues>, server: FormValues, timeZone: string): TaskPatch {
  const changed = (field: FieldName) => edits[field] !== undefined && edits[field] !== server[field];
  const value = (field: FieldName) => edits[field] ?? server[field];
  const body: TaskPatch = {};
  if (changed('title')) body.title = value('title');
  if (changed('description')) body.description = value('description').trim() ? value('description') : null;
  if (changed('dueDate') || changed('dueTime')) {
    const date = value('dueDate');
    const time = value('dueTime');
    body.due_date = !date ? null : time ? zonedInstant(date, time, timeZone) : date;
  }
  if (changed('priority')) {
    const priority = value('priority');
    if (priority === 'auto') body.priority_source = 'auto';
    else body.priority = priority as Task['priority'];
  }
  if (changed('amount')) body.amount = value('amount').trim() ? normaliseAmount(value('amount')) : null;
  if (changed('currency')) body.currency = value('currency');
  if (changed('minutes')) {
    const minutes = value('minutes').trim();
    body.estimated_duration_minutes = minutes ? Number(minutes) : null;
  }
  return body;
}

export function TaskEditForm({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  const texts = useMessages(common);
  const format = useFormat();
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const headingId = useId();
  const [edits, setEdits] = useState<Partial<FormValues>>({});
  const timeZone = format.settings.timeZone;
  const server = valuesOf(task, timeZone, format.localDateOf, format.settings.language);
  const values: FormValues = { ...server, ...edits };
  const body = patchOf(edits, server, timeZone);
  const dirty = Object.keys(body).length > 0;

  const save = useMutation({
    mutationFn: (patch: TaskPatch) => unwrap(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: task.id } }, body: patch })),
    onSuccess: (updated) => {
      client.setQueryData(['task', task.id], updated);
      setEdits({});
      toast(texts.saved);
      void invalidateTask(client, task.id);
    },
  });

  const problems = fieldProblemsOf(save.error, t.field);
  const problemOf = (field: string) => problems[field];
  const known = ['title', 'description', 'due_date', 'priority', 'priority_source', 'amount', 'currency', 'estimated_duration_minutes'];
  const onlyFieldProblems = Object.keys(problems).length > 0 && Object.keys(problems).every((field) => known.includes(field));

  const set = (field: FieldName) => (event: { target: { value: string } }) => {
    const next = event.target.value;
    setEdits((current) => ({ ...current, [field]: next }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || save.isPending) return;
    save.mutate(body);
  };

  const currencies = CURRENCIES.includes(values.currency) ? CURRENCIES : [values.currency, ...CURRENCIES];

  return (
    <Card aria-labelledby={headingId} className="task-edit">
      <h2 id={headingId}>{t.edit.heading}</h2>
      <form onSubmit={submit} noValidate>
        <TextField label={t.edit.title} value={values.title} onChange={set('title')} error={problemOf('title')} required />
        <TextArea label={t.edit.description} value={values.description} onChange={set('description')} error={problemOf('description')} rows={3} />
        <div className="task-edit__pair">
          <TextField label={t.edit.dueDate} type="date" value={values.dueDate} onChange={set('dueDate')} error={problemOf('due_date')} />
          <TextField label={t.edit.dueTime} type="time" value={values.dueTime} onChange={set('dueTime')} hint={t.edit.dueTimeHint} disabled={!values.dueDate} />
        </div>
        <SelectField
          label={t.edit.priority}
          value={values.priority}
          onChange={set('priority')}
          error={problemOf('priority') ?? problemOf('priority_source')}
          hint={task.priority_source === 'auto' && values.priority === 'auto' ? t.edit.priorityAutoHint(t.priority[task.priority], task.priority_reason) : undefined}
        >
          <option value="auto">{t.edit.priorityAuto}</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t.priority[priority]}
            </option>
          ))}
        </SelectField>
        <div className="task-edit__pair">
          <TextField label={t.edit.amount} value={values.amount} onChange={set('amount')} error={problemOf('amount')} hint={t.edit.amountHint} inputMode="decimal" autoComplete="off" />
          <SelectField label={t.edit.currency} value={values.currency} onChange={set('currency')} error={problemOf('currency')}>
            {currencies.map((currency) => (
              <option key={currency} value={currency}>
                {currency}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField label={t.edit.minutes} type="number" min={1} step={1} inputMode="numeric" value={values.minutes} onChange={set('minutes')} error={problemOf('estimated_duration_minutes')} />
        {save.error ? onlyFieldProblems ? <p className="error-message" role="alert">{t.edit.checkFields}</p> : <ErrorMessage error={save.error} /> : null}
        <div className="row">
          <Button type="submit" variant="primary" busy={save.isPending} disabled={!dirty}>
            {t.edit.save}
          </Button>
          {!dirty ? <span className="muted">{t.edit.nothingChanged}</span> : null}
        </div>
      </form>
    </Card>
  );
}
