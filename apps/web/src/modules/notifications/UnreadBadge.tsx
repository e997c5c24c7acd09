import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { unwrap } from '../../shared/api/client.ts';
import { common } from '../../shared/i18n/common.messages.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';

export const UNREAD_KEY = ['notifications', 'unread'] as const;

/** The unread count next to the bell; kept live by the notifications stream (see useNotificationStream). */
export function UnreadBadge() {
  const api = useApi();
  const t = useMessages(common);
  const { data } = useQuery({ queryKey: UNREAD_KEY, queryFn: () => unwrap(api.GET('/api/v1/notifications/unread-count')) });
  const count = data?.unread ?? 0;
  if (count === 0) return null;
  return (
    <span className="badge">
      {count > 99 ? '99+' : count}
      <span className="visually-hidden"> {t.unread(count)}</span>
    </span>
  );
}
