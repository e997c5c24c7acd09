/**
 * Repetition: how often, until when (a date or a number of times), counted from the due date or
 * from when it is done. Shows the server's RRULE for those who want the exact rule.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../../../shared/api/ApiProvider.tsx';
import { useMessages } from '../../../shared/i18n/i18n.tsx';
import { useFormat } from '../../../shared/i18n/useFormat.ts';
import { Button } from '../../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../../shared/ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../../../shared/ui/Field.tsx';
import { Card } from '../../../shared/ui/Page.tsx';
import { useToast } from '../../../shared/ui/Toast.tsx';
import { invalidateTask, taskKeys, type Task, type TaskPatch, unwrap } from '../tasks.api.ts';
import { fieldProblemsOf, zonedInstant } from '../tasks.helpers.ts';
import { tasksMessages } from '../tasks.messages.ts';

const FREQUENCIES = ['daily', 'weekly', 'monthly', 'yearly'] as const;
type Frequency = (typeof FREQUENCIES)[number];
type EndKind = 'never' | 'date' | 'count';

interface RepeatForm {
  frequency: Frequency;
  interval: string;
  end: EndKind;
  endDate: string;
  count: string;
  anchor: 'due' | 'completion';
}

export function Recurrence({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  const format = useFormat();
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const rule = task.recurrence;

  const patch = useMutation({
    mutationFn: (recurrence: TaskPatch['recurrence']) => unwrap(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: task.id } }, body: { recurrence } })),
    onSuccess: (updated, recurrence) => {
      client.setQueryData(taskKeys.task(task.id), updated);
      setEditing(false);
      toast(recurrence ? t.repeat.saved : t.repeat.removed);
      void invalidateTask(client, task.id);
    },
  });

  return (
    <Card aria-labelledby={headingId} className="task-repeat">
      <h2 id={headingId}>{t.repeat.heading}</h2>
      {rule ? (
        <>
          <p>
            {t.repeat.summary(rule.frequency, rule.interval)}
            {rule.end_date ? `, ${t.repeat.untilDate(format.dateOfInstant(rule.end_date))}` : ''}
            {rule.occurrences_count ? `, ${t.repeat.times(rule.occurrences_count)}` : ''}
            {' · '}
            {rule.anchor === 'completion' ? t.repeat.anchorCompletion : t.repeat.anchorDue}
          </p>
          <p className="muted task-repeat__rule">
            {t.repeat.rule}: <code>{rule.rrule}</code>
          </p>
        </>
      ) : (
        <p className="muted">{task.due_date ? t.repeat.none : t.repeat.needsDue}</p>
      )}
      {editing ? (
        <RepeatEditor task={task} busy={patch.isPending} error={patch.error} onSave={(recurrence) => patch.mutate(recurrence)} onCancel={() => setEditing(false)} />
      ) : (
        <div className="row">
          {task.due_date ? <Button onClick={() => setEditing(true)}>{rule ? t.repeat.change : t.repeat.setUp}</Button> : null}
          {rule ? (
            <Button variant="quiet" busy={patch.isPending} onClick={() => patch.mutate(null)}>
              {t.repeat.remove}
            </Button>
          ) : null}
        </div>
      )}
      {editing ? null : <ErrorMessage error={patch.error} />}
    </Card>
  );
}

function RepeatEditor({ task, busy, error, onSave, onCancel }: { task: Task; busy: boolean; error: unknown; onSave: (recurrence: NonNullable<TaskPatch['recurrence']>) => void; onCancel: () => void }) {
  const t = useMessages(tasksMessages);
  const format = useFormat();
  const rule = task.recurrence;
  const [form, setForm] = useState<RepeatForm>(() => ({
    frequency: (FREQUENCIES as readonly string[]).includes(rule?.frequency ?? '') ? (rule?.frequency as Frequency) : 'monthly',
    interval: String(rule?.interval ?? 1),
    end: rule?.end_date ? 'date' : rule?.occurrences_count ? 'count' : 'never',
    endDate: rule?.end_date ? format.localDateOf(rule.end_date) : '',
    count: rule?.occurrences_count ? String(rule.occurrences_count) : '',
    anchor: rule?.anchor === 'completion' ? 'completion' : 'due',
  }));
  const set = <K extends keyof RepeatForm>(field: K, value: RepeatForm[K]) => setForm((current) => ({ ...current, [field]: value }));
  const problems = fieldProblemsOf(error, t.field);
  const endName = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({
      frequency: form.frequency,
      interval: Number(form.interval) || 1,
      anchor: form.anchor,
      end_date: form.end === 'date' && form.endDate ? zonedInstant(form.endDate, '23:59', format.settings.timeZone) : null,
      occurrences_count: form.end === 'count' && form.count ? Number(form.count) : null,
    });
  };

  return (
    <form onSubmit={submit} className="task-repeat__form" noValidate>
      <div className="task-edit__pair">
        <SelectField label={t.repeat.frequency} value={form.frequency} onChange={(event) => set('frequency', event.target.value as Frequency)} error={problems['recurrence.frequency']}>
          {FREQUENCIES.map((frequency) => (
            <option key={frequency} value={frequency}>
              {t.repeat.frequencies[frequency]}
            </option>
          ))}
        </SelectField>
        <TextField label={t.repeat.interval} type="number" min={1} step={1} inputMode="numeric" value={form.interval} onChange={(event) => set('interval', event.target.value)} hint={t.repeat.intervalHint} error={problems['recurrence.interval']} />
      </div>
      <fieldset className="task-repeat__end">
        <legend>{t.repeat.end}</legend>
        {(['never', 'date', 'count'] as const).map((kind) => (
          <div key={kind} className="field field--checkbox">
            <input type="radio" id={`${endName}-${kind}`} name={endName} value={kind} checked={form.end === kind} onChange={() => set('end', kind)} />
            <label htmlFor={`${endName}-${kind}`}>{kind === 'never' ? t.repeat.endNever : kind === 'date' ? t.repeat.endDate : t.repeat.endCount}</label>
          </div>
        ))}
        {form.end === 'date' ? <TextField label={t.repeat.endDateLabel} type="date" value={form.endDate} onChange={(event) => set('endDate', event.target.value)} error={problems['recurrence.end_date']} /> : null}
        {form.end === 'count' ? (
          <TextField label={t.repeat.countLabel} type="number" min={1} step={1} inputMode="numeric" value={form.count} onChange={(event) => set('count', event.target.value)} error={problems['recurrence.occurrences_count']} />
        ) : null}
      </fieldset>
      <SelectField label={t.repeat.anchor} value={form.anchor} onChange={(event) => set('anchor', event.target.value as RepeatForm['anchor'])}>
        <option value="due">{t.repeat.anchorOptions.due}</option>
        <option value="completion">{t.repeat.anchorOptions.completion}</option>
      </SelectField>
      {Object.keys(problems).length === 0 ? <ErrorMessage error={error} /> : null}
      <div className="row">
        <Button type="submit" variant="primary" busy={busy}>
          {t.repeat.save}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t.repeat.cancel}
        </Button>
      </div>
    </form>
  );
}
