/**
 * Today, the first screen after sign-in: a greeting that says how much is up, then only what needs
 * attention now (due or overdue, ready to start, documents to check), each with one primary action.
 */
import { useEffect, useId } from 'react';
import { Link } from 'react-router';
import { now } from '../../shared/clock.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Icon } from '../../shared/ui/Icon.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { Card, EmptyState, Page } from '../../shared/ui/Page.tsx';
import { SnoozeButton } from '../tasks/actions/SnoozeButton.tsx';
import { TaskActions, TaskFacts } from './TaskParts.tsx';
import { todayMessages } from './today.messages.ts';
import { documentTitle, partOfDay, urgentTasks, useToday, type TodayData, type TodayDocument, type TodayTask } from './useToday.ts';
import './today.css';

const READY_MARK = 'workmate:today-ready';

export function TodayScreen() {
  const t = useMessages(todayMessages);
  const today = useToday();
  const hasItems = today.data ? focusCount(today.data) > 0 : false;
  return (
    <Page
      title={t.title}
      actions={
        hasItems ? (
          <Link to="/focus" className="button button--secondary link-button">
            <Icon name="focus" />
            {t.focus}
          </Link>
        ) : undefined
      }
    >
      {today.isPending ? <Loading /> : today.error ? <ErrorMessage error={today.error} onRetry={() => void today.refetch()} /> : <TodayContent data={today.data} />}
    </Page>
  );
}

function focusCount(data: TodayData): number {
  return data.overdue.length + data.due_soon.length + data.unblocked.length + data.new_tasks.length + data.documents_to_review.length;
}

function TodayContent({ data }: { data: TodayData }) {
  const t = useMessages(todayMessages);
  const format = useFormat();
  const urgent = urgentTasks(data);
  const count = focusCount(data);
  const nothing = count === 0 && data.failed_documents.length === 0;
  useEffect(() => {
    // For `npm run bench:web`: the moment Today shows its items (performance timings, not a log).
    if (performance.getEntriesByName(READY_MARK).length === 0) performance.mark(READY_MARK);
  }, []);
  return (
    <div className="today">
      <p className="today__greeting">
        {t.greeting[partOfDay(now(), format.settings.timeZone)]} {t.summary(count)}
      </p>
      {nothing ? (
        <EmptyState title={t.emptyTitle}>
          <p>{t.emptyText}</p>
          <Link to="/capture" className="button button--primary link-button">
            <Icon name="capture" />
            {t.capture}
          </Link>
        </EmptyState>
      ) : null}
      {urgent.length > 0 ? <TaskSection title={t.nowSection} tasks={urgent} /> : null}
      {data.unblocked.length > 0 ? <TaskSection title={t.readySection} tasks={data.unblocked} /> : null}
      {data.new_tasks.length > 0 ? <TaskSection title={t.newSection} tasks={data.new_tasks} /> : null}
      {data.documents_to_review.length > 0 ? (
        <DocumentsCard title={t.reviewTitle} intro={t.reviewIntro} documents={data.documents_to_review} href={(id) => `/documents/${id}/review`} linkText={t.reviewLink} />
      ) : null}
      {data.failed_documents.length > 0 ? (
        <DocumentsCard title={t.failedTitle} intro={t.failedIntro} documents={data.failed_documents} href={(id) => `/documents/${id}`} linkText={t.failedLink} />
      ) : null}
      {data.other_open_tasks > 0 ? (
        <p className="today__more">
          {t.otherOpen(data.other_open_tasks)} <Link to="/tasks">{t.allTasks}</Link>
        </p>
      ) : null}
    </div>
  );
}

function TaskSection({ title, tasks }: { title: string; tasks: TodayTask[] }) {
  const headingId = useId();
  return (
    <section className="today__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ul className="today__list">
        {tasks.map((task) => (
          <li key={task.id}>
            <TaskCard task={task} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function TaskCard({ task }: { task: TodayTask }) {
  const titleId = useId();
  return (
    <Card as="article" className="today-task" aria-labelledby={titleId}>
      <h3 id={titleId} className="today-task__title">
        <Link to={`/tasks/${task.id}`} className="today-task__link">{task.title}</Link>
      </h3>
      <TaskFacts task={task} />
      <TaskActions task={task}>
        <SnoozeButton taskId={task.id} taskTitle={task.title} />
      </TaskActions>
    </Card>
  );
}

function DocumentsCard({ title, intro, documents, href, linkText }: { title: string; intro: string; documents: TodayDocument[]; href: (id: string) => string; linkText: (title: string) => string }) {
  const t = useMessages(todayMessages);
  const format = useFormat();
  const headingId = useId();
  return (
    <Card className="today-documents" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p className="muted">{intro}</p>
      <ul className="today-documents__list">
        {documents.map((document) => (
          <li key={document.id}>
            <Link to={href(document.id)}>
              <Icon name="documents" />
              {linkText(documentTitle(document, t.untitledDocument, format.dateOfInstant))}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
