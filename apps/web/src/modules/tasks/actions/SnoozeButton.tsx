import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useMessages } from '../../../shared/i18n/i18n.tsx';
import type { ButtonVariant } from '../../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../../shared/ui/ErrorMessage.tsx';
import { Icon } from '../../../shared/ui/Icon.tsx';
import { actionsMessages } from './actions.messages.ts';
import { NothingToSnoozeError, SNOOZE_PRESETS, useSnoozeTask, type SnoozedReminder, type SnoozePreset } from './useTaskMutations.ts';
import './actions.css';

/**
 * "Später erinnern": a disclosure with five choices (15 minutes ... next week). Opening moves focus
 * to the first choice; Escape or a click elsewhere closes it, and focus goes back to the button.
 * After a choice the toast says when the reminder comes back.
 */
export function SnoozeButton({
  taskId,
  taskTitle,
  variant = 'secondary',
  onSnoozed,
}: {
  taskId: string;
  taskTitle: string;
  variant?: ButtonVariant;
  onSnoozed?: (reminder: SnoozedReminder) => void;
}) {
  const t = useMessages(actionsMessages);
  const snooze = useSnoozeTask();
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    wrapper.current?.querySelector<HTMLButtonElement>('.snooze__menu button')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  };

  const choose = (until: SnoozePreset) => {
    close();
    snooze.mutate({ taskId, taskTitle, until }, onSnoozed ? { onSuccess: onSnoozed } : undefined);
  };

  return (
    <div className={open ? 'snooze snooze--open' : 'snooze'} ref={wrapper} onKeyDown={onKeyDown}>
      {/* A plain button: the shared Button does not pass a ref on, and focus has to come back here. */}
      <button
        ref={trigger}
        type="button"
        className={`button button--${variant}`}
        aria-busy={snooze.isPending || undefined}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          if (open) close();
          else if (!snooze.isPending) setOpen(true);
        }}
      >
        {snooze.isPending ? <span className="spinner spinner--inline" aria-hidden="true" /> : <Icon name="snooze" />}
        {t.snooze}
      </button>
      {open ? (
        <div className="snooze__menu" id={menuId}>
          <p className="snooze__question" id={`${menuId}-question`}>
            {t.snoozeChoices}
          </p>
          <ul aria-labelledby={`${menuId}-question`}>
            {SNOOZE_PRESETS.map((preset) => (
              <li key={preset}>
                <button type="button" className="snooze__choice" onClick={() => choose(preset)}>
                  {t.snoozeOptions[preset]}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="snooze__note" role="status">
        {snooze.error instanceof NothingToSnoozeError ? t.nothingToSnooze : null}
      </p>
      {snooze.error instanceof NothingToSnoozeError ? null : (
        <ErrorMessage error={snooze.error} known={{ 'reminders.task_closed': t.taskClosed, 'tasks.not_found': t.taskGone, 'reminders.not_found': t.taskGone }} />
      )}
    </div>
  );
}
