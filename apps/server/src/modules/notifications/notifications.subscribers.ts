/**
 * Events of other modules that the user is told about, on the notification path every reminder
 * takes: a login from a new device on a new network, a document that could not be read.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { subscribe, type Subscriber } from '../../events/events.types.ts';
import { suspiciousLoginEvent } from '../auth/auth.schemas.ts';
import { documentFailedEvent } from '../documents/documents.schemas.ts';
import { documentFailedNotice, suspiciousLoginNotice, type Notice } from './notifications.notices.models.ts';

export function notificationsSubscribers(deps: {
  /** The user's language, and whether it is their quiet time now (the notice then goes out without sound). */
  userContext: (executor: Kysely<Database>, userId: string) => Promise<{ language: 'de' | 'en'; quiet: boolean } | undefined>;
  notice: (executor: Kysely<Database>, input: { userId: string; key: string; notice: Notice; silent: boolean }) => Promise<unknown>;
}): Subscriber[] {
  const suspiciousLogin = subscribe('notifications.suspicious_login', suspiciousLoginEvent, async (event, { trx }) => {
    const { user_id: userId, session_id: sessionId, device_type: deviceType, os, network } = event.payload;
    const user = await deps.userContext(trx, userId);
    if (!user) return; // deleted meanwhile
    await deps.notice(trx, { userId, key: `suspicious-login:${sessionId}`, notice: suspiciousLoginNotice({ language: user.language, deviceType, os, network }), silent: user.quiet });
  });

  const documentFailed = subscribe('notifications.document_failed', documentFailedEvent, async (event, { trx }) => {
    const { user_id: userId, document_id: documentId, name, reason } = event.payload;
    const user = await deps.userContext(trx, userId);
    if (!user) return;
    await deps.notice(trx, { userId, key: `document-failed:${event.id}`, notice: documentFailedNotice({ language: user.language, name, reason, documentId }), silent: user.quiet });
  });

  return [suspiciousLogin, documentFailed];
}
