/** Deleting a task, with a confirm step that says its sub-steps go too. No undo, so no optimism. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../../shared/api/ApiProvider.tsx';
import { common } from '../../../shared/i18n/common.messages.ts';
import { useMessages } from '../../../shared/i18n/i18n.tsx';
import { Button } from '../../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../../shared/ui/ErrorMessage.tsx';
import { Card } from '../../../shared/ui/Page.tsx';
import { useToast } from '../../../shared/ui/Toast.tsx';
import { taskKeys, type Task, unwrap } from '../tasks.api.ts';
import { tasksMessages } from '../tasks.messages.ts';

export function DeleteTask({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  const texts = useMessages(common);
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/tasks/{id}', { params: { path: { id: task.id } } })),
    onSuccess: () => {
      toast(t.danger.deleted);
      void navigate(task.parent_task_id ? `/tasks/${task.parent_task_id}` : '/tasks');
      client.removeQueries({ queryKey: taskKeys.task(task.id) });
      client.removeQueries({ queryKey: taskKeys.reminders(task.id) });
      void Promise.all([client.invalidateQueries({ queryKey: ['tasks'] }), client.invalidateQueries({ queryKey: ['today'] }), client.invalidateQueries({ queryKey: taskKeys.tags })]);
    },
  });

  return (
    <Card aria-labelledby={headingId} className="task-danger">
      <h2 id={headingId}>{t.danger.heading}</h2>
      {confirming ? (
        <div className="task-danger__confirm">
          <p ref={question} tabIndex={-1}>
            {t.danger.confirm}
            {task.substeps.total > 0 ? ` ${t.danger.confirmSteps(task.substeps.total)}` : ''}
          </p>
          <div className="row">
            <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
              {t.danger.confirmButton}
            </Button>
            <Button variant="quiet" onClick={() => setConfirming(false)}>
              {texts.cancel}
            </Button>
          </div>
          <ErrorMessage error={remove.error} />
        </div>
      ) : (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {t.danger.delete}
        </Button>
      )}
    </Card>
  );
}
