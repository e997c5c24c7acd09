import { ApiError } from '../../../shared/api/errors.ts';
import { useMessages } from '../../../shared/i18n/i18n.tsx';
import { Button, type ButtonVariant } from '../../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../../shared/ui/ErrorMessage.tsx';
import { Icon } from '../../../shared/ui/Icon.tsx';
import { actionsMessages } from './actions.messages.ts';
import { useCompleteState, useCompleteTask } from './useTaskMutations.ts';
import './actions.css';

function blockersOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || !error.details || typeof error.details !== 'object') return [];
  const blockedBy = (error.details as { blocked_by?: unknown }).blocked_by;
  if (!Array.isArray(blockedBy)) return [];
  return blockedBy.map((item: unknown) => (item && typeof item === 'object' && typeof (item as { title?: unknown }).title === 'string' ? (item as { title: string }).title : '')).filter(Boolean);
}

/**
 * "Erledigt" for one task: visible text short, the accessible name carries the title ("„Strom
 * bezahlen“ erledigt") so buttons in a list stay distinguishable. `paid` makes it "Bezahlt".
 * A failed attempt shows its reason right here, also when the card came back after it.
 */
export function CompleteButton({
  taskId,
  taskTitle,
  paid = false,
  variant = 'primary',
  onDone,
}: {
  taskId: string;
  taskTitle: string;
  paid?: boolean;
  variant?: ButtonVariant;
  onDone?: () => void;
}) {
  const t = useMessages(actionsMessages);
  const complete = useCompleteTask();
  const last = useCompleteState(taskId);
  const error = last?.status === 'error' ? last.error : undefined;
  const blocked = error instanceof ApiError && error.code === 'tasks.blocked';
  const run = (force: boolean) => complete.mutate({ taskId, taskTitle, paid, force }, onDone ? { onSuccess: onDone } : undefined);
  const blockers = blocked ? blockersOf(error) : [];
  return (
    <div className="complete-action">
      <Button variant={variant} busy={last?.status === 'pending'} aria-label={paid ? t.paidLabel(taskTitle) : t.doneLabel(taskTitle)} onClick={() => run(false)}>
        <Icon name="check" />
        {paid ? t.paid : t.done}
      </Button>
      {blocked ? (
        <div className="error-message" role="alert">
          <p>{t.blocked}</p>
          {blockers.length > 0 ? <p>{t.blockedBy(blockers.join(', '))}</p> : null}
          <Button aria-label={t.doneAnywayLabel(taskTitle)} onClick={() => run(true)}>
            {t.doneAnyway}
          </Button>
        </div>
      ) : (
        <ErrorMessage error={error} known={{ 'tasks.not_found': t.taskGone }} />
      )}
    </div>
  );
}
