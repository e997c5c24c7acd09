/**
 * The notification centre: every reminder firing, digest and system message, newest first, with
 * what it is about, how urgent it is, when it came and how it reached the user. Opening one marks
 * it read (and clicked); the live stream (useNotificationStream) refreshes the list by its key.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import type { paths } from '../../shared/api/schema.gen.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import { useFormat } from '../../shared/i18n/useFormat.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { ErrorMessage } from '../../shared/ui/ErrorMessage.tsx';
import { Loading } from '../../shared/ui/Loading.tsx';
import { EmptyState, Page } from '../../shared/ui/Page.tsx';
import { useToast } from '../../shared/ui/Toast.tsx';
import { notificationsMessages, type Channel } from './notifications.messages.ts';
import { UNREAD_KEY } from './UnreadBadge.tsx';
import './notifications.css';
import { unwrap } from '../../shared/api/client.ts';

type NotificationPage = paths['/api/v1/notifications']['get']['responses'][200]['content']['application/json'];
export type NotificationItem = NotificationPage['results'][number];
type Delivery = NotificationItem['deliveries'][number];

const PAGE_SIZE = 20;
export const LIST_KEY = ['notifications', 'list'] as const;

/** Where opening a notification leads: its task, or the page it names (a document, the sessions). */
function targetOf(item: NotificationItem): { kind: 'route'; to: string } | { kind: 'external'; href: string } | undefined {
  const taskIds = item.task_ids.length > 0 ? item.task_ids : item.task_id ? [item.task_id] : [];
  if (taskIds.length === 1) return { kind: 'route', to: `/tasks/${taskIds[0]}` };
  if (taskIds.length > 1) return undefined;
  const url = item.action_url;
  if (!url) return undefined;
  if (url.startsWith('/')) return { kind: 'route', to: url };
  try {
    const parsed = new URL(url);
    if (typeof window !== 'undefined' && parsed.origin === window.location.origin) return { kind: 'route', to: `${parsed.pathname}${parsed.search}` };
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return { kind: 'external', href: parsed.toString() };
  } catch {
    // Not a URL: nothing to open.
  }
  return undefined;
}

/** The last attempt per channel and integration: what finally happened there. */
export function deliveryOutcome(deliveries: readonly Delivery[]): { sent: string[]; pending: string[]; failed: { channel: string; error: string | null }[] } {
  const last = new Map<string, Delivery>();
  for (const delivery of deliveries) last.set(`${delivery.channel}:${delivery.integration_id ?? ''}`, delivery);
  const sent = new Set<string>();
  const pending = new Set<string>();
  const failed: { channel: string; error: string | null }[] = [];
  for (const delivery of last.values()) {
    if (delivery.status === 'sent') sent.add(delivery.channel);
    else if (delivery.status === 'pending') pending.add(delivery.channel);
    else failed.push({ channel: delivery.channel, error: delivery.error });
  }
  return { sent: [...sent], pending: [...pending].filter((channel) => !sent.has(channel)), failed };
}

export function NotificationsScreen() {
  const t = useMessages(notificationsMessages);
  const api = useApi();
  const client = useQueryClient();
  const toast = useToast();
  const [searchParams] = useSearchParams();
  const unreadOnly = searchParams.get('unread') === 'true';

  const list = useInfiniteQuery({
    queryKey: [...LIST_KEY, { unread: unreadOnly }],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/notifications', { params: { query: { page: pageParam, page_size: PAGE_SIZE, ...(unreadOnly ? { unread: true } : {}) } } })),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.page_size < last.total ? last.page + 1 : undefined),
  });
  const unread = useQuery({ queryKey: UNREAD_KEY, queryFn: () => unwrap(api.GET('/api/v1/notifications/unread-count')) });

  const items = list.data?.pages.flatMap((page) => page.results) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const unreadItems = items.filter((item) => !item.read_at);

  const afterRead = (count: { unread: number }) => {
    client.setQueryData(UNREAD_KEY, count);
    void client.invalidateQueries({ queryKey: LIST_KEY });
  };

  const markRead = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: (count) => {
      afterRead(count);
      toast(t.markedRead);
    },
  });
  const opened = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/notifications/{id}/click', { params: { path: { id } } })),
    onSuccess: afterRead,
  });
  const markAll = useMutation({
    // Every unread one, also those on later pages: one request.
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/read-all')),
    onSuccess: (count) => {
      afterRead(count);
      toast(t.allMarked);
    },
    onError: () => void client.invalidateQueries({ queryKey: LIST_KEY }),
  });

  return (
    <Page
      title={t.title}
      actions={
        (unread.data?.unread ?? unreadItems.length) > 0 ? (
          <Button variant="primary" busy={markAll.isPending} onClick={() => markAll.mutate()}>
            {t.markAllRead}
          </Button>
        ) : undefined
      }
    >
      <div className="notifications__bar">
        <nav aria-label={t.filterLabel}>
          <ul className="notifications__filter">
            <li>
              <Link to={{ search: '' }} aria-current={unreadOnly ? undefined : 'page'} className="notifications__filter-link">
                {t.all}
              </Link>
            </li>
            <li>
              <Link to={{ search: '?unread=true' }} aria-current={unreadOnly ? 'page' : undefined} className="notifications__filter-link">
                {t.unreadOnly}
              </Link>
            </li>
          </ul>
        </nav>
        <p className="muted notifications__count" role="status">
          {unread.data ? t.unreadCount(unread.data.unread) : null}
        </p>
      </div>
      <ErrorMessage error={markAll.error ?? markRead.error ?? opened.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? t.emptyUnread : t.empty}>
          <p>{unreadOnly ? t.emptyUnreadHint : t.emptyHint}</p>
          {unreadOnly ? <Link to={{ search: '' }}>{t.showAll}</Link> : <Link to="/settings/notifications">{t.settingsLink}</Link>}
        </EmptyState>
      ) : (
        <>
          <ul className="notifications__list">
            {items.map((item) => (
              <NotificationEntry
                key={item.id}
                item={item}
                onOpen={() => {
                  if (!item.clicked_at) opened.mutate(item.id);
                }}
                onMarkRead={() => markRead.mutate(item.id)}
                marking={markRead.isPending && markRead.variables === item.id}
              />
            ))}
          </ul>
          <div className="row notifications__more">
            <p className="muted">{t.count(items.length, total)}</p>
            {list.hasNextPage ? (
              <Button busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t.loadMore}
              </Button>
            ) : null}
          </div>
          <p>
            <Link to="/settings/notifications">{t.settingsLink}</Link>
          </p>
        </>
      )}
    </Page>
  );
}

function NotificationEntry({ item, onOpen, onMarkRead, marking }: { item: NotificationItem; onOpen: () => void; onMarkRead: () => void; marking: boolean }) {
  const t = useMessages(notificationsMessages);
  const format = useFormat();
  const isUnread = !item.read_at;
  const target = targetOf(item);
  const taskIds = item.task_ids.length > 1 ? item.task_ids : [];
  const outcome = deliveryOutcome(item.deliveries);
  const channelName = (channel: string) => t.channel[channel as Channel] ?? channel;
  const titleId = `notification-${item.id}`;

  return (
    <li className={isUnread ? 'card notice notice--unread' : 'card notice'} aria-labelledby={titleId}>
      <div className="notice__meta">
        {isUnread ? <span className="chip chip--primary notice__new">{t.newLabel}</span> : <span className="visually-hidden">{t.readLabel}</span>}
        {item.severity ? (
          <span className={item.severity === 'urgent' || item.severity === 'critical' ? 'chip chip--warning' : 'chip'}>
            <span className="visually-hidden">{t.severityPrefix}</span>
            {t.severity[item.severity]}
          </span>
        ) : null}
        <time className="muted" dateTime={item.created_at}>
          {format.dateTime(item.created_at)}
        </time>
      </div>
      <h2 className="notice__title" id={titleId}>
        {target?.kind === 'route' ? (
          <Link to={target.to} onClick={onOpen}>
            {item.title}
          </Link>
        ) : target?.kind === 'external' ? (
          <a href={target.href} onClick={onOpen}>
            {item.title}
          </a>
        ) : (
          item.title
        )}
      </h2>
      {item.body ? <p className="notice__body">{item.body}</p> : null}
      {taskIds.length > 0 || isUnread ? (
        <div className="row notice__actions">
          {taskIds.map((id, index) => (
            <Link key={id} to={`/tasks/${id}`} className="button button--secondary" onClick={onOpen}>
              {t.openTaskNumber(index + 1)}
            </Link>
          ))}
          {isUnread ? (
            <Button variant="quiet" busy={marking} onClick={onMarkRead}>
              {t.markRead}
            </Button>
          ) : null}
        </div>
      ) : null}
      {item.deliveries.length > 0 ? (
        <details className="notice__deliveries">
          <summary>{t.deliveries}</summary>
          <ul>
            {outcome.sent.length > 0 ? <li>{t.deliveredVia(outcome.sent.map(channelName).join(', '))}</li> : null}
            {outcome.pending.length > 0 ? <li>{t.pendingVia(outcome.pending.map(channelName).join(', '))}</li> : null}
            {outcome.failed.map((failure, index) => (
              <li key={`${failure.channel}-${index}`}>{failure.error ? t.failedVia(channelName(failure.channel), failure.error) : t.failedNoReason(channelName(failure.channel))}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}
