import Type from 'typebox';
import { PageQuery, Page } from '../../shared/http/pagination.ts';

const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const NotificationParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ListNotificationsQuery = Type.Object(
  { ...PageQuery, unread: Type.Optional(Type.Boolean({ description: 'Only the ones not read yet.' })) },
  { additionalProperties: false },
);

export const Delivery = Type.Object({
  channel: Type.String(),
  driver: Nullable(Type.String()),
  integration_id: Nullable(Uuid),
  attempt: Type.Integer({ minimum: 1 }),
  status: Type.Enum(['pending', 'sent', 'failed']),
  error: Nullable(Type.String()),
  created_at: Instant,
  sent_at: Nullable(Instant),
});

export const Notification = Type.Object({
  id: Uuid,
  kind: Type.Enum(['reminder', 'digest', 'system']),
  severity: Nullable(Type.Enum(['info', 'warning', 'urgent', 'critical'])),
  title: Type.String(),
  body: Type.String(),
  action_url: Nullable(Type.String()),
  task_id: Nullable(Uuid),
  task_ids: Type.Array(Uuid),
  reminder_ids: Type.Array(Uuid),
  created_at: Instant,
  read_at: Nullable(Instant),
  clicked_at: Nullable(Instant),
  deliveries: Type.Array(Delivery, { description: 'Every attempt on every channel, oldest first.' }),
});

export const NotificationPage = Page(Notification);
export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
export const PushKey = Type.Object({ public_key: Type.String({ description: 'The VAPID public key (base64url) for PushManager.subscribe({ applicationServerKey }).' }) });
