/**
 * The WhatsApp Cloud API webhook: Meta's subscription handshake, and the notifications Meta posts
 * when someone writes to a business number. Each message a user sends to the business number opens
 * WhatsApp's 24-hour window for free-form text; the webhook records its time as `last_inbound_at`
 * on that user's WhatsApp channels, where the driver reads it to send a text (with the done and
 * snooze links) instead of the template.
 *
 * Only well-signed notifications count (the instance's Meta app secret). A channel is touched only
 * when both numbers in its own settings match the message: its `phone_number_id` is the business
 * number the message went to, and its `to` is the sender. Anything else in a well-signed
 * notification (statuses, other fields, unknown numbers) is accepted and ignored, because Meta
 * retries every answer other than 200 for days.
 */
import type { Clock } from '../../shared/clock/clock.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import type { IntegrationsUsecases } from '../integrations/integrations.usecases.ts';
import * as errors from './whatsapp.errors.ts';
import { answerHandshake, inboundMessages, refusedOutsideWindow, validSignature, withInboundAt } from './whatsapp.models.ts';

export const WHATSAPP_INTEGRATION_TYPE = 'whatsapp';

export interface WhatsAppWebhookDeps {
  /** The instance's Meta app secret and verify token; undefined when unset: the webhook is off. */
  webhook: { appSecret: string; verifyToken: string } | undefined;
  integrations: Pick<IntegrationsUsecases, 'reviseConfigs'>;
  clock: Clock;
  logger: Logger;
}

export function createWhatsAppWebhookUsecases(deps: WhatsAppWebhookDeps) {
  const { clock, logger } = deps;

  function settings() {
    if (!deps.webhook) throw errors.webhookOff();
    return deps.webhook;
  }

  /** The challenge to answer Meta's subscription check with. */
  function handshake(query: unknown): string {
    const answer = answerHandshake(query, settings().verifyToken);
    if ('challenge' in answer) return answer.challenge;
    throw answer.refused === 'token' ? errors.handshakeRefused() : errors.invalidChallenge();
  }

  /** A notification as Meta posted it: the signature header and the body's bytes as received. */
  async function receive(signature: string | undefined, rawBody: Uint8Array): Promise<{ messages: number; updated: number }> {
    const { appSecret } = settings();
    if (!validSignature(rawBody, signature, appSecret)) throw errors.badSignature();
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8'));
    } catch {
      throw errors.notJson();
    }
    const refused = refusedOutsideWindow(payload);
    if (refused > 0) logger.warn({ count: refused }, 'WhatsApp reports texts refused after all as outside the 24-hour window (131047): they were not delivered');
    const messages = inboundMessages(payload);
    if (messages.length === 0) return { messages: 0, updated: 0 };
    const now = clock.now();
    const updated = await deps.integrations.reviseConfigs(WHATSAPP_INTEGRATION_TYPE, (config) => withInboundAt(config, messages, now));
    if (updated.length > 0) logger.info({ integration_ids: updated }, 'a WhatsApp user wrote to the business number: reminders go out as text for 24 hours');
    return { messages: messages.length, updated: updated.length };
  }

  return { handshake, receive, configured: () => deps.webhook !== undefined };
}

export type WhatsAppWebhookUsecases = ReturnType<typeof createWhatsAppWebhookUsecases>;
