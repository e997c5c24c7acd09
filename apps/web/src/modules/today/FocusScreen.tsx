/**
 * Focus mode: one thing at a time from Today, most urgent first. Its one primary action, "Später
 * erinnern", or "Überspringen" (on to the next, nothing changes); "2 von 5" says how far along.
 * The queue is fixed when the screen opens; what gets done leaves it, an undo brings it back.
 */
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { Link } from 'react-router';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Icon } from '../../shared/ui/Icon.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { EmptyState, Page } from '../../shared/ui/Page.tsx';
import { SnoozeButton } from '../tasks/actions/SnoozeButton.tsx';
import { TaskActions, TaskFacts } from './TaskParts.tsx';
import { todayMessages } from './today.messages.ts';
import { documentTitle, focusItems, useToday, type FocusItem, type TodayData } from './useToday.ts';
import './today.css';

export function FocusScreen() {
  const t = useMessages(todayMessages);
  const today = useToday();
  return (
    <Page
      title={t.focusTitle}
      narrow
      actions={
        <Link to="/" className="button button--quiet link-button">
          {t.exitFocus}
        </Link>
      }
    >
      {today.isPending ? <Loading /> : today.error ? <ErrorMessage error={today.error} onRetry={() => void today.refetch()} /> : <FocusSession data={today.data} />}
    </Page>
  );
}

function FocusSession({ data }: { data: TodayData }) {
  const t = useMessages(todayMessages);
  // The order as the screen opened: new things wait for the next session, done things drop out.
  const [order] = useState(() => focusItems(data).map((item) => item.key));
  const [passed, setPassed] = useState<ReadonlySet<string>>(() => new Set());
  // Once the user acts here, each next item (or the end) takes the focus; on arrival it stays put.
  const [acted, setActed] = useState(false);
  const live = new Map(focusItems(data).map((item) => [item.key, item]));
  const index = order.findIndex((key) => !passed.has(key) && live.has(key));
  const current = index >= 0 ? live.get(order[index] ?? '') : undefined;
  const pass = (key: string) => setPassed((before) => new Set(before).add(key));

  if (order.length === 0) {
    return (
      <EmptyState title={t.emptyTitle}>
        <p>{t.nothingForFocus}</p>
      </EmptyState>
    );
  }
  if (!current) {
    const skipped = order.filter((key) => passed.has(key) && live.has(key)).length;
    return (
      <FocusDone
        skipped={skipped}
        takeFocus={acted}
        onAgain={() => {
          setActed(true);
          setPassed(new Set());
        }}
      />
    );
  }
  return (
    <div className="focus" onClickCapture={() => setActed(true)}>
      <p className="focus__intro muted">{t.focusIntro}</p>
      <p className="focus__progress" role="status">
        {t.progress(index + 1, order.length)}
      </p>
      <progress className="focus__bar" max={order.length} value={index} aria-hidden="true" />
      <FocusCard key={current.key} item={current} takeFocus={acted} onPass={() => pass(current.key)} />
    </div>
  );
}

function FocusDone({ skipped, takeFocus, onAgain }: { skipped: number; takeFocus: boolean; onAgain: () => void }) {
  const t = useMessages(todayMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnMount(heading, takeFocus);
  return (
    <div className="focus-done">
      <h2 ref={heading} tabIndex={-1} className="focus-done__title">
        {t.finishedTitle}
      </h2>
      {skipped > 0 ? <p>{t.finishedSkipped(skipped)}</p> : null}
      <div className="row">
        {skipped > 0 ? <Button onClick={onAgain}>{t.again}</Button> : null}
        <Link to="/" className="button button--primary link-button">
          {t.exitFocus}
        </Link>
      </div>
    </div>
  );
}

/** Moves the focus to the element when it appears, if `enabled` (read once, on mount). */
function useFocusOnMount(ref: RefObject<HTMLElement | null>, enabled: boolean) {
  const initial = useRef(enabled);
  useEffect(() => {
    if (initial.current) ref.current?.focus();
  }, [ref]);
}

function FocusCard({ item, takeFocus, onPass }: { item: FocusItem; takeFocus: boolean; onPass: () => void }) {
  const t = useMessages(todayMessages);
  const format = useFormat();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The next item's title takes the focus, so keyboard and screen reader users start right there.
  useFocusOnMount(heading, takeFocus);
  const skip = (
    <Button variant="quiet" onClick={onPass}>
      {t.skip}
    </Button>
  );
  if (item.kind === 'document') {
    const title = documentTitle(item.document, t.untitledDocument, format.dateOfInstant);
    return (
      <article className="card focus-card" aria-labelledby={titleId}>
        <p className="focus-card__kind muted">{t.documentToReview}</p>
        <h2 id={titleId} ref={heading} tabIndex={-1} className="focus-card__title">
          {title}
        </h2>
        <div className="row task-actions">
          <Link to={`/documents/${item.document.id}/review`} className="button button--primary link-button" aria-label={t.reviewNowLabel(title)}>
            <Icon name="documents" />
            {t.reviewNow}
          </Link>
          {skip}
        </div>
      </article>
    );
  }
  const { task } = item;
  return (
    <article className="card focus-card" aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1} className="focus-card__title">
        {task.title}
      </h2>
      <TaskFacts task={task} />
      <TaskActions task={task} panelHeading="h3">
        <SnoozeButton taskId={task.id} taskTitle={task.title} onSnoozed={onPass} />
        {skip}
      </TaskActions>
    </article>
  );
}
