/**
 * Reminders as messages in a Discord channel, posted through a channel webhook (no bot, no
 * application): one Execute Webhook request with `?wait=true`, so Discord answers with the stored
 * message and its id. The request goes through the outbound guard like every other.
 *
 * Answers (Discord's errors are `{"message":"...","code":10015}`; only status and numeric code are
 * used): 2xx delivered; 429 slow down for `retry_after` seconds (the body's, which has decimals, or
 * else the Retry-After header); 408 and 5xx worth retrying; 404 the webhook was deleted: Discord asks
 * clients to stop using such a webhook, so it is `gone` and the channel is switched off; 401/403
 * a wrong token; 3xx and every other 4xx mean the settings or the message are wrong.
 */
import { systemClock, type Clock } from '../../../../shared/clock/clock.ts';
import type { OutboundHttp, OutboundResponse } from '../../../../shared/http/outbound.types.ts';
import { DeliveryError, type ChannelDriver, type DeliveryReceipt } from '../../notifications.types.ts';
import { requestOrDeliveryError, retryAfterOf, retryAfterSecondsToMs, type ProviderNames } from '../http-answers.ts';
import {
  buildDiscordBody,
  DiscordConfig,
  DiscordCredentials,
  discordErrorCode,
  discordExecuteUrl,
  discordMessageId,
  discordRetryAfterSeconds,
  discordSettingsProblem,
  parseDiscordWebhookUrl,
} from './discord.models.ts';

export { DiscordConfig, DiscordCredentials };

const DISCORD_NAMES: ProviderNames = { service: 'Discord', address: 'The Discord API address', delivery: 'Discord' };

export function createDiscordDriver(deps: { http: OutboundHttp; clock?: Clock }): ChannelDriver<DiscordConfig, DiscordCredentials> {
  const clock = deps.clock ?? systemClock;
  return {
    channel: 'discord',
    name: 'discord-webhook',
    configSchema: DiscordConfig,
    credentialsSchema: DiscordCredentials,
    // Execute Webhook takes no idempotency key or nonce: the dispatcher's leases prevent repeats.
    deduplicates: false,

    async send(message, target, options): Promise<DeliveryReceipt> {
      const problem = discordSettingsProblem(target.config, target.credentials);
      const webhook = problem ? undefined : parseDiscordWebhookUrl(target.credentials.webhook_url);
      if (problem || !webhook) throw new DeliveryError('configuration', problem ?? 'The Discord webhook URL is not one Discord gives');
      const { config } = target;

      const body = buildDiscordBody(message, { username: config.username, sentAt: clock.now() });
      const response = await requestOrDeliveryError(deps.http, discordExecuteUrl(config.api_base, webhook, config.thread_id), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'Workmate' },
        body: JSON.stringify(body),
      }, options, DISCORD_NAMES);
      return interpretAnswer(response, clock);
    },
  };
}

function interpretAnswer(response: OutboundResponse, clock: Clock): DeliveryReceipt {
  const { status } = response;
  const answer = parseJson(response);
  if (status >= 200 && status < 300) {
    const id = discordMessageId(answer);
    return id === undefined ? {} : { providerMessageId: id };
  }
  if (status === 429) {
    const fromBody = retryAfterSecondsToMs(discordRetryAfterSeconds(answer));
    throw new DeliveryError('rate_limited', 'Discord asked to slow down (429)', fromBody === undefined ? retryAfterOf(response, clock) : { retryAfterMs: fromBody });
  }
  if (status >= 500 && status < 600) throw new DeliveryError('provider', `Discord answered ${status}`, retryAfterOf(response, clock));
  if (status === 408) throw new DeliveryError('provider', 'Discord answered 408 (request timeout)');
  const code = discordErrorCode(answer);
  const withCode = code === undefined ? `${status}` : `${status}, code ${code}`;
  if (status === 404) throw new DeliveryError('gone', `The Discord webhook no longer exists (${withCode}); it was deleted or the URL is wrong`);
  if (status === 401 || status === 403) throw new DeliveryError('configuration', `Discord refused the webhook token (${withCode}); copy the webhook URL again`);
  if (status >= 300 && status < 400) throw new DeliveryError('configuration', `The Discord API address redirects (${status})`);
  if (status >= 400 && status < 500) throw new DeliveryError('configuration', `Discord refused the message (${withCode})`);
  throw new DeliveryError('provider', `Discord gave an answer that is not HTTP (${status})`);
}

function parseJson(response: OutboundResponse): unknown {
  if (response.body.byteLength === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(response.body).toString('utf8'));
  } catch {
    return undefined;
  }
}
