import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../shared/api/ApiProvider.tsx';
import { unwrap } from '../../shared/api/client.ts';
import { common } from '../../shared/i18n/common.messages.ts';
import { useMessages } from '../../shared/i18n/i18n.tsx';
import './unread-badge.css';

export const UNREAD_KEY = ['notifications', 'unread'] as const;

/**
 * The unread count next to the bell; kept live by the notifications stream (see useNotificationStream).
 * The number is drawn by CSS (silent for assistive technology), the words are in the text: so the
 * badge never contradicts the label of the link around it (axe: label-content-name-mismatch), and
 * without such a label the link reads "Benachrichtigungen, 3 ungelesene".
 */
export function UnreadBadge() {
  const api = useApi();
  const t = useMessages(common);
  const { data } = useQuery({ queryKey: UNREAD_KEY, queryFn: () => unwrap(api.GET('/api/v1/notifications/unread-count')) });
  const count = data?.unread ?? 0;
  if (count === 0) return null;
  return (
    <span className="badge unread-badge" data-count={count > 99 ? '99+' : String(count)}>
      <span className="visually-hidden"> {t.unread(count)}</span>
    </span>
  );
}
