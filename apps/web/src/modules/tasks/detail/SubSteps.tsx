/**
 * Sub-steps: small tasks under this one. Tick them off one by one; when the last is done, the
 * server says the parent is ready and we offer to complete it too.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../../shared/api/ApiProvider.tsx';
import { useMessages } from '../../../shared/i18n/i18n.tsx';
import { Button } from '../../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../../shared/ui/ErrorMessage.tsx';
import { TextField } from '../../../shared/ui/Field.tsx';
import { Loading } from '../../../shared/ui/Loading.tsx';
import { Card } from '../../../shared/ui/Page.tsx';
import { useToast } from '../../../shared/ui/Toast.tsx';
import { useCompleteTask, useReopenTask } from '../actions/useTaskMutations.ts';
import { invalidateTask, taskKeys, type Task, type TaskOutcome, unwrap } from '../tasks.api.ts';
import { fieldProblemsOf } from '../tasks.helpers.ts';
import { tasksMessages } from '../tasks.messages.ts';

const OPEN = new Set<Task['status']>(['open', 'in_progress']);

export function SubSteps({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const headingId = useId();
  const [title, setTitle] = useState('');
  const [parentReady, setParentReady] = useState(false);
  const complete = useCompleteTask();
  const reopen = useReopenTask();

  const steps = useQuery({
    queryKey: taskKeys.substeps(task.id),
    queryFn: () => unwrap(api.GET('/api/v1/tasks', { params: { query: { parent_id: task.id, sort: 'created_at', page: 1, page_size: 100 } } })),
  });

  const add = useMutation({
    mutationFn: (stepTitle: string) => unwrap(api.POST('/api/v1/tasks', { body: { title: stepTitle, parent_task_id: task.id } })),
    onSuccess: (step) => {
      setTitle('');
      setParentReady(false);
      toast(t.steps.added(step.title));
      void invalidateTask(client, task.id);
    },
  });

  const toggle = (step: Task, done: boolean) => {
    if (done) {
      complete.mutate(
        { taskId: step.id, taskTitle: step.title },
        { onSuccess: (result) => setParentReady(Boolean((result as TaskOutcome).parent_ready_to_complete)) },
      );
    } else {
      setParentReady(false);
      reopen.mutate({ taskId: step.id, taskTitle: step.title });
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const stepTitle = title.trim();
    if (!stepTitle || add.isPending) return;
    add.mutate(stepTitle);
  };

  const checkedOf = (step: Task) => {
    if (complete.isPending && complete.variables.taskId === step.id) return true;
    if (reopen.isPending && reopen.variables.taskId === step.id) return false;
    return step.status === 'done';
  };

  const list = steps.data?.results ?? [];
  const done = list.filter((step) => !OPEN.has(step.status)).length;
  const parentOpen = OPEN.has(task.status);

  return (
    <Card aria-labelledby={headingId} className="task-steps">
      <h2 id={headingId}>{t.steps.heading}</h2>
      {steps.isPending ? <Loading /> : null}
      <ErrorMessage error={steps.error} onRetry={() => void steps.refetch()} />
      {steps.data ? (
        list.length === 0 ? (
          <p className="muted">{t.steps.empty}</p>
        ) : (
          <>
            <p className="muted">{t.steps.progress(done, list.length)}</p>
            <ul className="task-steps__list">
              {list.map((step) => (
                <li key={step.id} className="task-steps__item">
                  <input
                    type="checkbox"
                    id={`step-${step.id}`}
                    checked={checkedOf(step)}
                    disabled={step.status === 'cancelled'}
                    onChange={(event) => toggle(step, event.target.checked)}
                  />
                  <label htmlFor={`step-${step.id}`} className={step.status === 'done' ? 'task-steps__done' : undefined}>
                    {step.title}
                  </label>
                  <Link to={`/tasks/${step.id}`} className="task-steps__open" aria-label={t.steps.open(step.title)}>
                    <span aria-hidden="true">›</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
      <ErrorMessage error={complete.error ?? reopen.error} known={{ 'tasks.blocked': t.steps.parentBlocked }} />
      <div role="status" aria-live="polite">
        {parentReady && parentOpen ? (
          <div className="task-steps__ready">
            <p>{t.steps.allDone}</p>
            <Button variant="primary" busy={complete.isPending && complete.variables.taskId === task.id} onClick={() => complete.mutate({ taskId: task.id, taskTitle: task.title }, { onSuccess: () => setParentReady(false) })}>
              {t.steps.completeParent}
            </Button>
          </div>
        ) : null}
      </div>
      {parentOpen ? (
        <form onSubmit={submit} className="task-inline-form">
          <TextField label={t.steps.newStep} placeholder={t.steps.newStepPlaceholder} value={title} onChange={(event) => setTitle(event.target.value)} error={fieldProblemsOf(add.error, t.field).title} autoComplete="off" />
          <Button type="submit" busy={add.isPending}>
            {t.steps.add}
          </Button>
        </form>
      ) : null}
      {Object.keys(fieldProblemsOf(add.error, t.field)).length === 0 ? <ErrorMessage error={add.error} /> : null}
    </Card>
  );
}
