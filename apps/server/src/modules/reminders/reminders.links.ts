/**
 * Action links in messages: signed URLs for "done" and "snooze" that work without signing in
 * (from an e-mail on the phone), single-use, valid for LINK_VALIDITY_DAYS days.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { ChannelMessage, MessageAction } from '../notifications/notifications.types.ts';
import { actionLabels } from './reminders.messages.models.ts';
import { LINK_VALIDITY_DAYS, linkKey, signAction, tokenId, verifyAction, type ActionClaims, type LinkAction } from './reminders.links.models.ts';

export function createActionLinks(deps: { db: Kysely<Database>; masterKey: Buffer; publicUrl: string; clock: Clock }) {
  const key = linkKey(deps.masterKey);

  function url(userId: string, reminderId: string, action: LinkAction) {
    const expiresAt = Math.floor(deps.clock.now().getTime() / 1000) + LINK_VALIDITY_DAYS * 86_400;
    return new URL(`/a/${signAction({ userId, reminderId, action, expiresAt }, key)}`, deps.publicUrl).toString();
  }

  function actionsFor(input: { userId: string; reminderId: string | null; language: 'de' | 'en' }): MessageAction[] {
    if (!input.reminderId) return [];
    const labels = actionLabels(input.language);
    return [
      { kind: 'done', label: labels.done, url: url(input.userId, input.reminderId, 'done') },
      { kind: 'snooze', label: labels.snooze, url: url(input.userId, input.reminderId, 'snooze') },
    ];
  }

  function verify(token: string): ActionClaims {
    return verifyAction(token, key, deps.clock.now());
  }

  /** Records the token as used in the caller's transaction; false when it was used before. */
  async function consume(trx: Kysely<Database>, token: string, claims: ActionClaims): Promise<boolean> {
    const inserted = await trx
      .insertInto('used_action_tokens')
      .values({ token_id: tokenId(token), user_id: claims.userId, expires_at: toDbInstant(new Date(claims.expiresAt * 1000)), used_at: toDbInstant(deps.clock.now()) })
      .onConflict((conflict) => conflict.column('token_id').doNothing())
      .returning('token_id')
      .execute();
    return inserted.length === 1;
  }

  /** Records the token as used in its own transaction. */
  async function consumeNow(token: string, claims: ActionClaims): Promise<boolean> {
    return consume(deps.db, token, claims);
  }

  async function languageOf(userId: string): Promise<'de' | 'en'> {
    const user = await deps.db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst();
    return user?.language === 'en' ? 'en' : 'de';
  }

  /** The message "send test" delivers, in the user's language. */
  async function testMessage(userId: string): Promise<ChannelMessage> {
    const user = await deps.db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst();
    const language = user?.language === 'en' ? 'en' : 'de';
    const id = newId();
    return {
      idempotencyKey: `test:${id}`,
      language,
      severity: 'info',
      title: language === 'en' ? 'Workmate: test message' : 'Workmate: Testnachricht',
      body: language === 'en' ? 'This channel works. Reminders will reach you here.' : 'Dieser Kanal funktioniert. Erinnerungen erreichen dich hier.',
      url: new URL('/settings/notifications', deps.publicUrl).toString(),
      actions: [],
      discreet: false,
      silent: false,
      references: { notificationId: id, taskIds: [] },
    };
  }

  return { actionsFor, verify, consume, consumeNow, languageOf, testMessage };
}

export type ActionLinks = ReturnType<typeof createActionLinks>;
