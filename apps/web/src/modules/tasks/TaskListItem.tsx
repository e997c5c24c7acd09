import { Link } from 'react-router';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { CompleteButton } from './actions/CompleteButton.tsx';
import type { Task } from './tasks.api.ts';
import { tasksMessages } from './tasks.messages.ts';

const OPEN = new Set<Task['status']>(['open', 'in_progress']);

/** When a task is due, in words and as a date: "noch 3 Tage · 10.12.2026". */
export function DueText({ task }: { task: Pick<Task, 'due_date' | 'due_is_date' | 'due_local_date' | 'overdue' | 'status'> }) {
  const t = useMessages(tasksMessages);
  const format = useFormat();
  if (!task.due_date) return <span className="muted">{t.list.noDue}</span>;
  const dateText = task.due_is_date && task.due_local_date ? format.date(task.due_local_date) : t.due.at(format.dateOfInstant(task.due_date), format.time(task.due_date));
  if (!OPEN.has(task.status)) return <span>{dateText}</span>;
  const relative = format.relative(task.due_is_date && task.due_local_date ? task.due_local_date : task.due_date);
  return (
    <span>
      <span className={task.overdue ? 'chip chip--warning' : 'task-due__relative'}>{relative}</span> <span className="muted">{dateText}</span>
    </span>
  );
}

export function TaskListItem({ task }: { task: Task }) {
  const t = useMessages(tasksMessages);
  const format = useFormat();
  const open = OPEN.has(task.status);
  const important = task.priority === 'high' || task.priority === 'critical';
  return (
    <li className={open ? 'task-item' : 'task-item task-item--closed'}>
      <div className="task-item__main">
        <Link to={`/tasks/${task.id}`} className="task-item__title">
          {task.title}
        </Link>
        <p className="task-item__meta">
          {open ? <DueText task={task} /> : null}
          {task.status === 'done' && task.completed_at ? <span>{t.list.doneOn(format.dateOfInstant(task.completed_at))}</span> : null}
          {task.status === 'cancelled' ? <span>{t.list.cancelled}</span> : null}
          {task.amount ? <span className="task-item__amount">{format.amount(task.amount, task.currency)}</span> : null}
          {open && important ? <span className={task.priority === 'critical' ? 'chip chip--warning' : 'chip chip--primary'}>{t.priorityLabel(task.priority)}</span> : null}
          {task.substeps.total > 0 ? <span>{t.list.substeps(task.substeps.done, task.substeps.total)}</span> : null}
          {task.recurrence ? <span>{t.list.repeats}</span> : null}
        </p>
        {open && task.blocked ? <p className="task-item__blocked">{t.list.waitingFor(task.blocked_by.map((other) => other.title).join(', '))}</p> : null}
        {task.tags.length > 0 ? (
          <ul className="task-tags" aria-label={t.tags.heading}>
            {task.tags.map((tag) => (
              <li key={tag.id} className="chip">
                #{tag.name}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {open ? (
        <div className="task-item__action">
          <CompleteButton taskId={task.id} taskTitle={task.title} />
        </div>
      ) : null}
    </li>
  );
}
