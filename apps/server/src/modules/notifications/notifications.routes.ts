import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import type { LiveFeed } from './notifications.live.ts';
import { ListNotificationsQuery, NotificationPage, NotificationParams, PushKey, UnreadCount } from './notifications.schemas.ts';
import type { NotificationsUsecases } from './notifications.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['notifications'];
const HEARTBEAT_MS = 25_000;

export const notificationsRoutes = (deps: { usecases: NotificationsUsecases; live: LiveFeed; pushKey: () => Promise<string> }): FastifyPluginAsyncTypebox => async (app) => {
  const { usecases } = deps;
  app.get('/', { schema: { tags, summary: 'The notification centre: one item per reminder firing (or digest, or system message), newest first, with every delivery attempt inside.', querystring: ListNotificationsQuery, response: { 200: NotificationPage, ...errors } } }, async (request) =>
    usecases.list(principalOf(request).userId, request.query),
  );

  app.get('/unread-count', { schema: { tags, summary: 'How many notifications are unread.', response: { 200: UnreadCount, ...errors } } }, async (request) => usecases.unreadCount(principalOf(request).userId));

  app.post('/read-all', { schema: { tags, summary: 'Mark every notification read; answers the new unread count (0).', response: { 200: UnreadCount, ...errors } } }, async (request) =>
    usecases.markAllRead(principalOf(request).userId),
  );

  app.post('/:id/read', { schema: { tags, summary: 'Mark a notification read; answers the new unread count.', params: NotificationParams, response: { 200: UnreadCount, ...errors } } }, async (request) =>
    usecases.markRead(principalOf(request).userId, request.params.id),
  );

  app.post('/:id/click', { schema: { tags, summary: 'The user followed the notification\'s link (also marks it read).', params: NotificationParams, response: { 200: UnreadCount, ...errors } } }, async (request) =>
    usecases.markRead(principalOf(request).userId, request.params.id, { clicked: true }),
  );

  app.get('/push-key', { schema: { tags, summary: 'The instance\'s VAPID public key, for subscribing a browser to Web Push.', response: { 200: PushKey, ...errors } } }, async () => ({ public_key: await deps.pushKey() }));

  app.get('/stream', { schema: { tags, summary: 'Server-sent events: `unread` (the count) at once, then `notification` for every new one and `unread` after it.' } }, async (request, reply) => {
    const userId = principalOf(request).userId;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
      'x-request-id': request.id,
    });
    const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('unread', await usecases.unreadCount(userId));
    const unsubscribe = deps.live.subscribe(userId, (firing) => {
      send('notification', firing);
      void usecases.unreadCount(userId).then((count) => send('unread', count), () => undefined);
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    request.raw.once('close', end);
    raw.once('close', end);
  });
};
