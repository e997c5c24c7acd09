/** The pieces of a task that Today's cards and Focus mode share: when it is due, what it costs, its one primary action. */
import { useId, useState, type ReactNode } from 'react';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Icon } from '../../shared/ui/Icon.tsx';
import { CompleteButton } from '../tasks/actions/CompleteButton.tsx';
import { PayPanel } from './PayPanel.tsx';
import { todayMessages } from './today.messages.ts';
import { isBill, type TodayTask } from './useToday.ts';

/** "noch 3 Tage · 28.11.2026" (a date) or "heute · 25.11.2026, 14:00" (an instant). */
export function DueText({ task }: { task: TodayTask }) {
  const t = useMessages(todayMessages);
  const format = useFormat();
  if (!task.due_date) return null;
  const byDate = task.due_is_date && task.due_local_date;
  const relative = byDate ? format.relative(byDate) : format.relative(task.due_date);
  const exact = byDate ? format.date(byDate) : format.dateTime(task.due_date);
  return (
    <p className="task-due">
      <span className="visually-hidden">{t.due}: </span>
      <span className={task.overdue ? 'chip chip--warning' : 'chip chip--primary'}>{relative}</span>
      <span className="muted"> · {exact}</span>
    </p>
  );
}

/** Due, amount, tags and what it waits for. */
export function TaskFacts({ task }: { task: TodayTask }) {
  const t = useMessages(todayMessages);
  const format = useFormat();
  return (
    <>
      <DueText task={task} />
      {task.amount !== null ? (
        <p className="task-amount">
          <span className="visually-hidden">{t.amount}: </span>
          {format.amount(task.amount, task.currency)}
        </p>
      ) : null}
      {task.tags.length > 0 ? (
        <ul className="task-tags" aria-label={t.tags}>
          {task.tags.map((tag) => (
            <li key={tag.id} className="chip">
              {tag.name}
            </li>
          ))}
        </ul>
      ) : null}
      {task.blocked && task.blocked_by.length > 0 ? <p className="muted task-waits">{t.waitsFor(task.blocked_by.map((other) => other.title).join(', '))}</p> : null}
    </>
  );
}

/**
 * The one primary action of a task, with the task's secondary actions (`children`) beside it:
 * a bill gets "Bezahlen" (opens the pay panel under the row), everything else "Erledigt".
 */
export function TaskActions({ task, panelHeading = 'h4', children }: { task: TodayTask; panelHeading?: 'h3' | 'h4'; children?: ReactNode }) {
  const t = useMessages(todayMessages);
  const [paying, setPaying] = useState(false);
  const panelId = useId();
  const bill = isBill(task) && task.document_id !== null ? { ...task, document_id: task.document_id } : undefined;
  return (
    <>
      <div className="row task-actions">
        {bill ? (
          <button type="button" className="button button--primary" aria-expanded={paying} aria-controls={paying ? panelId : undefined} aria-label={t.payLabel(task.title)} onClick={() => setPaying(!paying)}>
            <Icon name="pay" />
            {t.pay}
          </button>
        ) : (
          <CompleteButton taskId={task.id} taskTitle={task.title} />
        )}
        {children}
      </div>
      {bill && paying ? <PayPanel task={bill} id={panelId} heading={panelHeading} /> : null}
    </>
  );
}
