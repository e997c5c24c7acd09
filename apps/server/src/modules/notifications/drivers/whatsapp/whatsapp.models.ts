/**
 * The pure part of the WhatsApp driver (WhatsApp Business Platform, Cloud API): settings schemas,
 * the 24-hour rule, the two request bodies (free-form text, pre-approved template) and what a
 * Graph API error means. No I/O, no clock (the time is passed in).
 *
 * WhatsApp lets a business send free-form text only within 24 hours after the user's last
 * message to the business number (the customer service window); outside it only a template
 * approved by Meta. The template's body must have exactly three parameters, filled as:
 *   {{1}} the title ("Telekom: 89,99 € in 3 Tagen fällig"),
 *   {{2}} the body, on one line ("Die Rechnung von Telekom …"),
 *   {{3}} the link to the task.
 * Meta refuses parameters with line breaks, tabs or more than four spaces in a row, so those are
 * flattened; they are cut to stay well inside the 1024 characters a filled template body may have.
 */
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import type { ChannelMessage, MessageLanguage } from '../../notifications.types.ts';
import { cutToFit } from '../push/push.models.ts';

export const DEFAULT_WHATSAPP_API_BASE = 'https://graph.facebook.com/v21.0';
const API_BASE_PATTERN = String.raw`^https?://[^/?#@\s\\]+(/[^\s?#\\]*)?$`;

export const WhatsAppConfig = Type.Object(
  {
    phone_number_id: Type.String({ pattern: '^[0-9]{5,30}$', description: 'The business phone number id from WhatsApp Manager (API Setup), not the phone number itself.' }),
    to: Type.String({ pattern: '^\\+?[1-9][0-9]{6,14}$', description: 'The user\'s WhatsApp number with country code, `+4917612345678` or `4917612345678`.' }),
    template_name: Type.String({ pattern: '^[a-z0-9_]{1,512}$', description: 'Name of the approved template sent outside the 24-hour window; its body takes {{1}} title, {{2}} text, {{3}} link.' }),
    template_language: Type.Optional(
      Type.String({ pattern: '^[a-z]{2,3}(_[A-Z]{2})?$', description: 'Language code of the template translation, e.g. `de` or `en_US`; default the message language (`de` or `en`).' }),
    ),
    api_base: Type.Optional(
      Type.String({ pattern: API_BASE_PATTERN, maxLength: 2048, default: DEFAULT_WHATSAPP_API_BASE, description: 'Graph API base with version; default `https://graph.facebook.com/v21.0`. Only for tests or an API proxy.' }),
    ),
    last_inbound_at: Type.Optional(
      Type.String({ format: 'date-time', description: "When the user last wrote to the business number (kept by the server): within 24 hours, reminders go out as free-form text." }),
    ),
  },
  { additionalProperties: false },
);
export type WhatsAppConfig = Static<typeof WhatsAppConfig>;

export const WhatsAppCredentials = Type.Object(
  {
    access_token: Type.String({ pattern: '^[\\x21-\\x7e]{16,4096}$', description: 'A permanent access token of a system user with whatsapp_business_messaging permission.' }),
  },
  { additionalProperties: false },
);
export type WhatsAppCredentials = Static<typeof WhatsAppCredentials>;

export interface WhatsAppTextRequest {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'text';
  text: { preview_url: false; body: string };
}

export interface WhatsAppTemplateRequest {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'template';
  template: {
    name: string;
    language: { code: string };
    components: [{ type: 'body'; parameters: { type: 'text'; text: string }[] }];
  };
}

const HOUR_MS = 60 * 60 * 1000;
const WINDOW_MS = 24 * HOUR_MS;
/**
 * The window is taken as closing 15 minutes early: a text sent just before it closes may be
 * refused later, in a status notification that comes after the text was accepted, and would be
 * lost. A template sent a little early costs nothing. (`last_inbound_at` is kept by the WhatsApp
 * webhook, modules/whatsapp.)
 */
const WINDOW_MARGIN_MS = 15 * 60 * 1000;
/** A last message up to 5 minutes "in the future" is the two clocks disagreeing; further is not believed. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** WhatsApp's limit for a text message body. */
const MAX_TEXT = 4096;
const MAX_TITLE_PARAMETER = 200;
const MAX_BODY_PARAMETER = 600;
const OPEN_LABEL: Record<MessageLanguage, string> = { de: 'Öffnen', en: 'Open' };

/** Whether free-form text may be sent now: the user wrote within the last 24 hours (less the margin). */
export function freeFormWindowOpen(lastInboundAt: string | undefined, now: Date): boolean {
  if (lastInboundAt === undefined) return false;
  const at = Date.parse(lastInboundAt);
  if (Number.isNaN(at)) return false;
  const age = now.getTime() - at;
  return age >= -CLOCK_SKEW_MS && age < WINDOW_MS - WINDOW_MARGIN_MS;
}

/** The Cloud API takes the number with or without `+`; it is sent as digits, as WhatsApp ids are. */
export function whatsappRecipient(to: string): string {
  return to.replace(/^\+/, '');
}

/** Title, body, then one line per link: WhatsApp shows no buttons for free-form text without an interactive message. */
export function buildWhatsAppText(message: ChannelMessage): string {
  const links = message.actions.map((action) => `${action.label}: ${action.url}`);
  if (!message.actions.some((action) => action.url === message.url)) links.push(`${OPEN_LABEL[message.language]}: ${message.url}`);
  const tail = `\n\n${links.join('\n')}`;
  const title = message.body.startsWith(message.title) ? '' : `${message.title}\n\n`;
  const body = cutToFit(message.body, (candidate) => title.length + candidate.length + tail.length <= MAX_TEXT) ?? '';
  return `${title}${body}${tail}`;
}

export function buildWhatsAppTextRequest(message: ChannelMessage, config: Pick<WhatsAppConfig, 'to'>): WhatsAppTextRequest {
  // No link previews: the preview would be of a signed action page.
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to: whatsappRecipient(config.to), type: 'text', text: { preview_url: false, body: buildWhatsAppText(message) } };
}

/** A template parameter as Meta takes it: one line, no tabs, at most four spaces in a row, not empty, cut to `max`. */
export function templateParameter(text: string, max: number): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ').replace(/ {5,}/g, '    ').trim();
  const cut = cutToFit(flat, (candidate) => candidate.length <= max) ?? '';
  return cut === '' ? '-' : cut;
}

export function buildWhatsAppTemplateRequest(message: ChannelMessage, config: Pick<WhatsAppConfig, 'to' | 'template_name' | 'template_language'>): WhatsAppTemplateRequest {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: whatsappRecipient(config.to),
    type: 'template',
    template: {
      name: config.template_name,
      language: { code: config.template_language ?? message.language },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: templateParameter(message.title, MAX_TITLE_PARAMETER) },
            { type: 'text', text: templateParameter(message.body, MAX_BODY_PARAMETER) },
            { type: 'text', text: message.url },
          ],
        },
      ],
    },
  };
}

export function whatsappMessagesUrl(apiBase: string | undefined, phoneNumberId: string): string {
  return `${(apiBase ?? DEFAULT_WHATSAPP_API_BASE).replace(/\/+$/, '')}/${phoneNumberId}/messages`;
}

/** Why these settings cannot be sent to, or undefined. Names the field, never repeats the token. */
export function whatsappSettingsProblem(config: unknown, credentials: unknown): string | undefined {
  if (!Value.Check(WhatsAppConfig, config)) {
    const first = Value.Errors(WhatsAppConfig, config)[0];
    return `The WhatsApp settings are invalid at ${first?.instancePath || '/'}`;
  }
  if (!Value.Check(WhatsAppCredentials, credentials)) return 'The WhatsApp access token is missing or not a token';
  return undefined;
}

/** What a refused request means, from the Graph API error code first (Meta recommends it over the HTTP status). */
export type WhatsAppRefusal = 'outside_window' | 'rate_limited' | 'token' | 'permission' | 'template' | 'recipient' | 'settings' | 'provider';

const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131048, 131056]);
const TOKEN_CODES = new Set([0, 190]);
const PERMISSION_CODES = new Set([3, 10]);
const RECIPIENT_CODES = new Set([131021, 131026, 131030, 131050]);
const TEMPORARY_CODES = new Set([1, 2, 131000, 131016, 133004]);

export function whatsappRefusal(status: number, code: number | undefined): WhatsAppRefusal {
  if (code === 131047) return 'outside_window';
  if ((code !== undefined && RATE_LIMIT_CODES.has(code)) || status === 429) return 'rate_limited';
  if ((code !== undefined && TOKEN_CODES.has(code)) || status === 401) return 'token';
  if ((code !== undefined && (PERMISSION_CODES.has(code) || (code >= 200 && code <= 299))) || status === 403) return 'permission';
  if (code !== undefined && code >= 132000 && code <= 132999) return 'template';
  if (code !== undefined && RECIPIENT_CODES.has(code)) return 'recipient';
  if ((code !== undefined && TEMPORARY_CODES.has(code)) || status >= 500 || status === 408) return 'provider';
  return status >= 400 && status < 500 ? 'settings' : 'provider';
}

/** The `code` of a Graph API error answer (`{"error":{"message","type","code","error_subcode","fbtrace_id"}}`). */
export function graphErrorCode(answer: unknown): number | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const error: unknown = (answer as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'number' && Number.isSafeInteger(code) ? code : undefined;
}

/** The message id (`wamid.…`) of a successful answer `{"messages":[{"id":"wamid.…"}]}`. */
export function whatsappMessageId(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const messages: unknown = (answer as { messages?: unknown }).messages;
  const first: unknown = Array.isArray(messages) ? messages[0] : undefined;
  const id: unknown = typeof first === 'object' && first !== null ? (first as { id?: unknown }).id : undefined;
  return typeof id === 'string' && /^[A-Za-z0-9._:=+/-]{1,256}$/.test(id) ? id : undefined;
}

const MAX_RETRY_MS = 24 * HOUR_MS;

/**
 * Meta's business use case rate limit header, `X-Business-Use-Case-Usage: {"<id>": [{"type":
 * "whatsapp", ..., "estimated_time_to_regain_access": <minutes>}]}`: the longest wait it names,
 * in milliseconds, or undefined when it names none.
 */
export function businessUseCaseRetryMs(value: string | null): number | undefined {
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const minutes = Object.values(parsed as Record<string, unknown>)
    .flatMap((entries) => (Array.isArray(entries) ? entries : []))
    .map((entry: unknown) => (typeof entry === 'object' && entry !== null ? (entry as { estimated_time_to_regain_access?: unknown }).estimated_time_to_regain_access : undefined))
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0);
  return minutes.length === 0 ? undefined : Math.min(Math.max(...minutes) * 60_000, MAX_RETRY_MS);
}
