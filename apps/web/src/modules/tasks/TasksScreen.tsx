/**
 * /tasks: quick add on top, then the list. Filters (status, priority, tag, only past due), the sort
 * and the page live in the URL, so a filtered list can be bookmarked and "back" returns to it.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { CheckboxField, SelectField } from '../../shared/ui/Field.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { EmptyState, Page } from '../../shared/ui/Page.tsx';
import { QuickAdd } from './QuickAdd.tsx';
import { TaskListItem } from './TaskListItem.tsx';
import { PRIORITIES, useTags, useTaskList, type Priority, type TaskListQuery } from './tasks.api.ts';
import { tasksMessages } from './tasks.messages.ts';
import './tasks.css';

const PAGE_SIZE = 20;
const STATUSES = ['open', 'done', 'all'] as const;
const SORTS = ['due_date', 'priority', 'created'] as const;
type StatusFilter = (typeof STATUSES)[number];
type SortChoice = (typeof SORTS)[number];
const SORT_QUERY: Record<SortChoice, NonNullable<TaskListQuery['sort']>> = { due_date: 'due_date', priority: 'priority', created: '-created_at' };

export interface TaskFilters {
  status: StatusFilter;
  priority: Priority | undefined;
  tag: string | undefined;
  overdue: boolean;
  sort: SortChoice;
  page: number;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((item) => item === value);
}

export function filtersOf(params: URLSearchParams): TaskFilters {
  const page = Number(params.get('page'));
  return {
    status: oneOf(params.get('status'), STATUSES) ?? 'open',
    priority: oneOf(params.get('priority'), PRIORITIES),
    tag: params.get('tag') || undefined,
    overdue: params.get('overdue') === '1',
    sort: oneOf(params.get('sort'), SORTS) ?? 'due_date',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

function queryOf(filters: TaskFilters): TaskListQuery {
  return {
    page: filters.page,
    page_size: PAGE_SIZE,
    parent_id: 'none',
    sort: SORT_QUERY[filters.sort],
    ...(filters.status === 'all' ? {} : { status: filters.status }),
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
  };
}

export function TasksScreen() {
  const t = useMessages(tasksMessages);
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const list = useTaskList(queryOf(filters));

  /** Changes some filters; any change but the page starts again at page 1. */
  const update = (changes: Partial<Record<'status' | 'priority' | 'tag' | 'overdue' | 'sort' | 'page', string | undefined>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: !('page' in changes) },
    );
  };

  const extraFilters = (filters.priority ? 1 : 0) + (filters.tag ? 1 : 0) + (filters.overdue ? 1 : 0);
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;

  return (
    <Page title={t.title}>
      <QuickAdd />
      <section aria-labelledby="tasks-list-heading" className="tasks-list-section">
        <h2 id="tasks-list-heading" className="visually-hidden">
          {t.list.heading}
        </h2>
        <StatusSwitch value={filters.status} onChange={(status) => update({ status: status === 'open' ? undefined : status })} />
        <MoreFilters filters={filters} activeCount={extraFilters} update={update} />
        {list.isPending ? <Loading /> : null}
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
        {data ? (
          <>
            <p className="muted tasks-count" role="status">
              {t.list.count(data.total)}
            </p>
            {data.results.length === 0 && filters.page > 1 ? (
              <EmptyState title={t.list.pageEmpty}>
                <Button onClick={() => update({ page: undefined })}>{t.list.firstPage}</Button>
              </EmptyState>
            ) : data.results.length === 0 ? (
              <Empty filters={filters} extraFilters={extraFilters} reset={() => update({ priority: undefined, tag: undefined, overdue: undefined })} />
            ) : (
              <ul className="task-list">
                {data.results.map((task) => (
                  <TaskListItem key={task.id} task={task} />
                ))}
              </ul>
            )}
            {pages > 1 ? (
              <nav className="tasks-pagination" aria-label={t.list.pagination}>
                <Button disabled={filters.page <= 1} onClick={() => update({ page: filters.page - 1 > 1 ? String(filters.page - 1) : undefined })}>
                  {t.list.previous}
                </Button>
                <span>{t.list.pageOf(Math.min(filters.page, pages), pages)}</span>
                <Button disabled={filters.page >= pages} onClick={() => update({ page: String(filters.page + 1) })}>
                  {t.list.next}
                </Button>
              </nav>
            ) : null}
          </>
        ) : null}
      </section>
    </Page>
  );
}

function StatusSwitch({ value, onChange }: { value: StatusFilter; onChange: (value: StatusFilter) => void }) {
  const t = useMessages(tasksMessages);
  return (
    <fieldset className="segmented">
      <legend className="segmented__legend">{t.filters.status}</legend>
      <div className="segmented__options">
        {STATUSES.map((status) => (
          <label key={status} className="segmented__option">
            <input type="radio" name="tasks-status" value={status} checked={value === status} onChange={() => onChange(status)} />
            <span>{t.filters.statusOptions[status]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function MoreFilters({ filters, activeCount, update }: { filters: TaskFilters; activeCount: number; update: (changes: Record<string, string | undefined>) => void }) {
  const t = useMessages(tasksMessages);
  const tags = useTags();
  const [open, setOpen] = useState(activeCount > 0 || filters.sort !== 'due_date');
  const tagNames = (tags.data ?? []).map((tag) => tag.name);
  if (filters.tag && !tagNames.some((name) => name.toLowerCase() === filters.tag?.toLowerCase())) tagNames.push(filters.tag);
  return (
    <details className="tasks-filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {t.filters.more}
        {activeCount > 0 ? <span className="muted"> · {t.filters.activeCount(activeCount)}</span> : null}
      </summary>
      <div className="tasks-filters__grid">
        <SelectField label={t.filters.priority} value={filters.priority ?? ''} onChange={(event) => update({ priority: event.target.value || undefined })}>
          <option value="">{t.filters.anyPriority}</option>
          {[...PRIORITIES].reverse().map((priority) => (
            <option key={priority} value={priority}>
              {t.priority[priority]}
            </option>
          ))}
        </SelectField>
        <SelectField label={t.filters.tag} value={filters.tag ?? ''} onChange={(event) => update({ tag: event.target.value || undefined })}>
          <option value="">{t.filters.anyTag}</option>
          {tagNames.map((name) => (
            <option key={name} value={name}>
              #{name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t.filters.sort} value={filters.sort} onChange={(event) => update({ sort: event.target.value === 'due_date' ? undefined : event.target.value })}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t.filters.sortOptions[sort]}
            </option>
          ))}
        </SelectField>
        <CheckboxField label={t.filters.overdue} checked={filters.overdue} onChange={(event) => update({ overdue: event.target.checked ? '1' : undefined })} />
      </div>
      {activeCount > 0 ? (
        <Button variant="quiet" onClick={() => update({ priority: undefined, tag: undefined, overdue: undefined })}>
          {t.filters.reset}
        </Button>
      ) : null}
    </details>
  );
}

function Empty({ filters, extraFilters, reset }: { filters: TaskFilters; extraFilters: number; reset: () => void }) {
  const t = useMessages(tasksMessages);
  if (filters.overdue && !filters.priority && !filters.tag) return <EmptyState title={t.empty.overdue} />;
  if (extraFilters > 0) {
    return (
      <EmptyState title={t.empty.filtered}>
        <Button onClick={reset}>{t.filters.reset}</Button>
      </EmptyState>
    );
  }
  if (filters.status === 'open') {
    return (
      <EmptyState title={t.empty.open}>
        <p>{t.empty.openHint}</p>
      </EmptyState>
    );
  }
  if (filters.status === 'done') return <EmptyState title={t.empty.done} />;
  return <EmptyState title={t.empty.all} />;
}
