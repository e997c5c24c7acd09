/**
 * /tasks/:id: one task. On top what matters now (when, how much, what to do next); below the
 * steps, the reminder timeline, the details to edit, what it waits for, tags, repetition, delete.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { ApiError } from '../../shared/api/client.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Card, EmptyState, Page } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { CompleteButton } from './actions/CompleteButton.tsx';
import { SnoozeButton } from './actions/SnoozeButton.tsx';
import { useReopenTask } from './actions/useTaskMutations.ts';
import { DeleteTask } from './detail/DeleteTask.tsx';
import { Dependencies } from './detail/Dependencies.tsx';
import { Recurrence } from './detail/Recurrence.tsx';
import { ReminderTimeline } from './detail/ReminderTimeline.tsx';
import { SubSteps } from './detail/SubSteps.tsx';
import { TaskEditForm } from './detail/TaskEditForm.tsx';
import { TaskTags } from './detail/TaskTags.tsx';
import { DueText } from './TaskListItem.tsx';
import { invalidateTask, useTask, type Task, unwrap } from './tasks.api.ts';
import { tasksMessages } from './tasks.messages.ts';
import './tasks.css';

export function TaskScreen() {
  const t = useMessages(tasksMessages);
  const { id = '' } = useParams();
  const task = useTask(id);
  if (task.data) return <TaskDetail task={task.data} />;
  const notFound = task.error instanceof ApiError && (task.error.status === 404 || task.error.status === 400);
  return (
    <Page title={t.title}>
      {task.isPending ? <Loading /> : null}
      {notFound ? (
        <EmptyState title={t.detail.notFound}>
          <Link to="/tasks">{t.detail.back}</Link>
        </EmptyState>
      ) : (
        <ErrorMessage error={task.error} onRetry={() => void task.refetch()} />
      )}
    </Page>
  );
}

function TaskDetail({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  return (
    <Page
      title={task.title}
      actions={
        <Link to="/tasks" className="button button--quiet">
          {t.detail.back}
        </Link>
      }
    >
      <Summary task={task} />
      <SubSteps task={task} />
      <ReminderTimeline task={task} />
      <TaskEditForm task={task} />
      <Dependencies task={task} />
      <TaskTags task={task} />
      <Recurrence task={task} />
      <DeleteTask task={task} />
    </Page>
  );
}

const OPEN = new Set<Task['status']>(['open', 'in_progress']);

function Summary({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  const format = useFormat();
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const reopen = useReopenTask();
  const headingId = useId();
  const cancel = useMutation({
    mutationFn: () => unwrap(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: task.id } }, body: { status: 'cancelled' } })),
    onSuccess: () => toast(t.detail.cancelled, () => reopen.mutate({ taskId: task.id, taskTitle: task.title })),
    onSettled: () => invalidateTask(client, task.id),
  });
  const open = OPEN.has(task.status);
  return (
    <Card className="task-summary" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t.detail.statusLabel}
      </h2>
      <dl className="task-summary__facts">
        <div>
          <dt>{t.detail.statusLabel}</dt>
          <dd>{task.status === 'done' && task.completed_at ? t.detail.doneOn(format.dateOfInstant(task.completed_at)) : t.detail.status[task.status]}</dd>
        </div>
        <div>
          <dt>{t.detail.dueLabel}</dt>
          <dd>
            <DueText task={task} />
          </dd>
        </div>
        {task.amount ? (
          <div>
            <dt>{t.detail.amountLabel}</dt>
            <dd>{format.amount(task.amount, task.currency)}</dd>
          </div>
        ) : null}
        {open ? (
          <div>
            <dt>{t.detail.priorityLabel}</dt>
            <dd>
              {t.priority[task.priority]}
              {task.priority_reason ? <span className="muted"> · {task.priority_reason}</span> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {task.description ? <p className="task-summary__description">{task.description}</p> : null}
      {task.document_id || task.parent_task_id ? (
        <p className="row">
          {task.parent_task_id ? <Link to={`/tasks/${task.parent_task_id}`}>{t.detail.parent}</Link> : null}
          {task.document_id ? <Link to={`/documents/${task.document_id}`}>{t.detail.document}</Link> : null}
        </p>
      ) : null}
      {open && task.blocked ? <p className="task-item__blocked">{t.detail.blockedNote(task.blocked_by.map((other) => other.title).join(', '))}</p> : null}
      <div className="task-summary__actions">
        {open ? (
          <>
            <CompleteButton taskId={task.id} taskTitle={task.title} />
            <SnoozeButton taskId={task.id} taskTitle={task.title} />
            <Button variant="quiet" busy={cancel.isPending} onClick={() => cancel.mutate()}>
              {t.detail.cancelTask}
            </Button>
          </>
        ) : (
          <Button variant="primary" busy={reopen.isPending} onClick={() => reopen.mutate({ taskId: task.id, taskTitle: task.title })}>
            {t.detail.reopen}
          </Button>
        )}
      </div>
      <ErrorMessage error={cancel.error ?? reopen.error} />
    </Card>
  );
}
