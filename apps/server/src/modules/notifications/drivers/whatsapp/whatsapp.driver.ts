/**
 * Reminders as WhatsApp messages through Meta's Cloud API: `POST <api_base>/<phone_number_id>/messages`
 * with the business's access token as Bearer. Within 24 hours after the user last wrote to the
 * business number (`last_inbound_at`), a free-form text with the links; otherwise the approved
 * template (`whatsapp.models.ts` documents its parameters). When WhatsApp refuses the text with
 * code 131047 (the window closed after all: `last_inbound_at` was stale), the template goes out
 * in the same attempt, within what is left of the time limit.
 *
 * Answers: 200 `{"messages":[{"id":"wamid…"}]}` accepted (the id is kept); errors are
 * `{"error":{"message","type","code","error_subcode","fbtrace_id"}}` and are read by their code
 * (`whatsappRefusal`): rate limits (130429, 131056, 80007, 4 …) are passed on with the wait Meta
 * names in X-Business-Use-Case-Usage or Retry-After when it names one; a refused token (190) or
 * permission, a template problem (132xxx) and an unreachable recipient are configuration
 * problems; temporary errors and 5xx are retried. Meta's message text is never shown.
 */
import { systemClock, type Clock } from '../../../../shared/clock/clock.ts';
import type { OutboundHttp, OutboundResponse } from '../../../../shared/http/outbound.types.ts';
import { DeliveryError, type ChannelDriver, type DeliveryReceipt } from '../../notifications.types.ts';
import { requestOrDeliveryError, retryAfterOf, type ProviderNames } from '../http-answers.ts';
import {
  buildWhatsAppTemplateRequest,
  buildWhatsAppTextRequest,
  businessUseCaseRetryMs,
  freeFormWindowOpen,
  graphErrorCode,
  WhatsAppConfig,
  WhatsAppCredentials,
  whatsappMessageId,
  whatsappMessagesUrl,
  whatsappRefusal,
  whatsappSettingsProblem,
  type WhatsAppRefusal,
} from './whatsapp.models.ts';

export { WhatsAppConfig, WhatsAppCredentials };

const WHATSAPP_NAMES: ProviderNames = { service: 'The WhatsApp Cloud API', address: 'The WhatsApp API address', delivery: 'WhatsApp' };

type Answer = { receipt: DeliveryReceipt } | { refusal: WhatsAppRefusal; error: DeliveryError };

export function createWhatsAppDriver(deps: { http: OutboundHttp; clock?: Clock }): ChannelDriver<WhatsAppConfig, WhatsAppCredentials> {
  const clock = deps.clock ?? systemClock;
  return {
    channel: 'whatsapp',
    name: 'whatsapp-cloud',
    configSchema: WhatsAppConfig,
    credentialsSchema: WhatsAppCredentials,
    // The Cloud API takes no idempotency key: the dispatcher's leases prevent repeats.
    deduplicates: false,

    async send(message, target, options): Promise<DeliveryReceipt> {
      const problem = whatsappSettingsProblem(target.config, target.credentials);
      if (problem) throw new DeliveryError('configuration', problem);
      const { config, credentials } = target;
      // Elapsed time of this attempt, for what is left of the limit after a refused text; not domain time.
      const started = performance.now();

      const post = async (body: unknown, timeoutMs: number): Promise<Answer> => {
        const response = await requestOrDeliveryError(deps.http, whatsappMessagesUrl(config.api_base, config.phone_number_id), {
          method: 'POST',
          headers: { Authorization: `Bearer ${credentials.access_token}`, 'Content-Type': 'application/json', 'User-Agent': 'Workmate' },
          body: JSON.stringify(body),
        }, { signal: options.signal, timeoutMs }, WHATSAPP_NAMES);
        return interpretAnswer(response, clock);
      };

      if (freeFormWindowOpen(config.last_inbound_at, clock.now())) {
        const answer = await post(buildWhatsAppTextRequest(message, config), options.timeoutMs);
        if ('receipt' in answer) return answer.receipt;
        if (answer.refusal !== 'outside_window') throw answer.error;
      }
      const left = Math.floor(options.timeoutMs - (performance.now() - started));
      if (left <= 0) throw new DeliveryError('timeout', `The WhatsApp Cloud API did not answer within ${options.timeoutMs} ms`);
      const answer = await post(buildWhatsAppTemplateRequest(message, config), left);
      if ('receipt' in answer) return answer.receipt;
      throw answer.error;
    },
  };
}

function interpretAnswer(response: OutboundResponse, clock: Clock): Answer {
  const { status } = response;
  const answer = parseJson(response.body);
  if (status >= 200 && status < 300) {
    const id = whatsappMessageId(answer);
    return { receipt: id === undefined ? {} : { providerMessageId: id } };
  }
  if (status >= 300 && status < 400) {
    return { refusal: 'settings', error: new DeliveryError('configuration', `The WhatsApp API address redirects (${status})`) };
  }
  const code = graphErrorCode(answer);
  const refusal = whatsappRefusal(status, code);
  const named = code === undefined ? `HTTP ${status}` : `HTTP ${status}, code ${code}`;
  return { refusal, error: errorFor(refusal, named, response, clock) };
}

function errorFor(refusal: WhatsAppRefusal, named: string, response: OutboundResponse, clock: Clock): DeliveryError {
  switch (refusal) {
    case 'rate_limited': {
      const fromHeader = retryAfterOf(response, clock);
      const fromUsage = businessUseCaseRetryMs(response.headers.get('x-business-use-case-usage'));
      return new DeliveryError('rate_limited', `WhatsApp asked to slow down (${named})`, fromHeader.retryAfterMs === undefined && fromUsage !== undefined ? { retryAfterMs: fromUsage } : fromHeader);
    }
    case 'outside_window':
      // Only reached for the template itself: a text refused this way is replaced by the template.
      return new DeliveryError('configuration', `WhatsApp refused the template as outside the 24-hour window (${named})`);
    case 'token':
      return new DeliveryError('configuration', `WhatsApp refused the access token (${named}); create a new one`);
    case 'permission':
      return new DeliveryError('configuration', `The access token may not send from this phone number (${named})`);
    case 'template':
      return new DeliveryError('configuration', `WhatsApp refused the template (${named}); check its name, language, approval and that its body takes three parameters`);
    case 'recipient':
      return new DeliveryError('configuration', `WhatsApp cannot deliver to this number (${named})`);
    case 'settings':
      return new DeliveryError('configuration', `WhatsApp refused the message (${named}); check the phone number id and the recipient`);
    case 'provider':
      return new DeliveryError('provider', `The WhatsApp Cloud API could not send the message (${named})`, retryAfterOf(response, clock));
  }
}

function parseJson(body: Uint8Array): unknown {
  if (body.byteLength === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
}
