/**
 * The live stream (SSE) of the signed-in user's notifications: keeps the unread badge current and
 * refreshes what a new notification can change (the list, Today). EventSource reconnects by itself.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { UNREAD_KEY } from './UnreadBadge.tsx';

export function useNotificationStream(url = '/api/v1/notifications/stream') {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    source.addEventListener('unread', (event) => {
      const value: unknown = JSON.parse((event as MessageEvent<string>).data);
      const unread = typeof value === 'number' ? value : (value as { unread?: number }).unread;
      if (typeof unread === 'number') client.setQueryData(UNREAD_KEY, { unread });
    });
    source.addEventListener('notification', () => {
      void client.invalidateQueries({ queryKey: ['notifications', 'list'] });
      void client.invalidateQueries({ queryKey: ['today'] });
    });
    return () => source.close();
  }, [client, url]);
}
