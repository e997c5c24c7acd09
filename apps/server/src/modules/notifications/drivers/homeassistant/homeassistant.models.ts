/**
 * The pure part of the Home Assistant driver: settings schemas, the request URL, and what a service
 * call carries for each kind of service. No I/O.
 *
 * Which field gets what (`data` is the user's configured object; the message fields win over
 * keys of the same name in it):
 *
 * | service                                   | kind       | request body                                                                     |
 * |-------------------------------------------|------------|----------------------------------------------------------------------------------|
 * | `notify.mobile_app_*` (companion app)     | mobile_app | `data` + `title` + `message` (the body) + `data: { url, clickAction, tag, actions }` |
 * | other `notify.*`, `persistent_notification.create` | notify | `data` + `title` + `message` (the body, then the link on its own line)     |
 * | `tts.*` (`tts.speak`, `tts.*_say`)         | speech     | `data` + `message` (title and body as one spoken text; no link, no buttons)       |
 * | anything else (`light.turn_on`, `switch.turn_on`, `script.*`, `scene.turn_on`, ...) | action | `data` exactly as configured |
 *
 * For the companion app, `url` (iOS) and `clickAction` (Android) open the task when the
 * notification is tapped, `actions` are the message's buttons as `{ action: "URI", title, uri }`
 * (at most 3, the app's limit), and `tag` is the delivery's idempotency key, so a repeated delivery
 * replaces the notification instead of adding one. Keys given in `data.data` win over these.
 */
import Type, { type Static } from 'typebox';
import type { ChannelMessage } from '../../notifications.types.ts';

/** http(s), a host (no user name or password), an optional port, nothing after but a slash. */
export const BASE_URL_PATTERN = String.raw`^https?://[^/?#@\s\\]+/?$`;
/** Home Assistant domains and services are slugs. */
const SLUG_PATTERN = '^[a-z0-9_]{1,64}$';
/** Webhook ids as Home Assistant makes and accepts them; nothing that would need escaping in a path. */
const WEBHOOK_ID_PATTERN = '^[A-Za-z0-9_-]{1,256}$';
/** The configured `data`, serialised, is at most this long (a light's colour, a speaker's name: small). */
export const MAX_DATA_JSON_LENGTH = 16 * 1024;

const baseUrl = Type.String({
  pattern: BASE_URL_PATTERN,
  maxLength: 300,
  description: 'Home Assistant\'s address, usually on the LAN: `http://homeassistant.local:8123`. A LAN address needs WORKMATE_ALLOW_PRIVATE_TARGETS.',
});

export const HomeAssistantServiceConfig = Type.Object(
  {
    base_url: baseUrl,
    mode: Type.Literal('service', { description: 'Call a Home Assistant service (action) with the long-lived access token.' }),
    domain: Type.String({ pattern: SLUG_PATTERN, description: 'The service\'s domain: `light`, `notify`, `tts`, `switch`, `script`, ...' }),
    service: Type.String({ pattern: SLUG_PATTERN, description: 'The service: `turn_on`, `mobile_app_<device>`, `speak`, ...' }),
    data: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 64 }), Type.Unknown(), {
        maxProperties: 50,
        description:
          'Service data sent with every call, e.g. `{"entity_id":"light.hallway","rgb_color":[255,0,0],"flash":"short"}` or for `tts.speak` `{"entity_id":"tts.piper","media_player_entity_id":"media_player.kitchen"}`. notify services get `title` and `message` added, `tts` services `message`; other services get this data only.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type HomeAssistantServiceConfig = Static<typeof HomeAssistantServiceConfig>;

export const HomeAssistantWebhookConfig = Type.Object(
  {
    base_url: baseUrl,
    mode: Type.Literal('webhook', { description: 'POST the reminder as JSON to a webhook trigger; no token needed.' }),
    webhook_id: Type.String({ pattern: WEBHOOK_ID_PATTERN, description: 'The id of the automation\'s webhook trigger: the request goes to `/api/webhook/<id>`.' }),
  },
  { additionalProperties: false },
);
export type HomeAssistantWebhookConfig = Static<typeof HomeAssistantWebhookConfig>;

export const HomeAssistantConfig = Type.Union([HomeAssistantServiceConfig, HomeAssistantWebhookConfig], {
  description: '`mode: "service"` calls a service (light, notify, tts, ...); `mode: "webhook"` posts to an automation\'s webhook trigger.',
});
export type HomeAssistantConfig = Static<typeof HomeAssistantConfig>;

export const HomeAssistantCredentials = Type.Object(
  {
    access_token: Type.Optional(
      Type.String({
        minLength: 20,
        maxLength: 4096,
        pattern: String.raw`^[\x21-\x7e]+$`,
        description: 'A long-lived access token (Home Assistant: your profile, Security, Long-lived access tokens). Required for service calls, not used for webhooks.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type HomeAssistantCredentials = Static<typeof HomeAssistantCredentials>;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function serviceUrl(config: Pick<HomeAssistantServiceConfig, 'base_url' | 'domain' | 'service'>): string {
  return `${trimSlash(config.base_url)}/api/services/${config.domain}/${config.service}`;
}

export function webhookUrl(config: Pick<HomeAssistantWebhookConfig, 'base_url' | 'webhook_id'>): string {
  return `${trimSlash(config.base_url)}/api/webhook/${config.webhook_id}`;
}

export type ServiceKind = 'mobile_app' | 'notify' | 'speech' | 'action';

export function serviceKindOf(domain: string, service: string): ServiceKind {
  if (domain === 'notify') return service.startsWith('mobile_app_') ? 'mobile_app' : 'notify';
  if (domain === 'persistent_notification' && service === 'create') return 'notify';
  if (domain === 'tts') return 'speech';
  return 'action';
}

/** The companion app shows at most three buttons. */
const MAX_APP_ACTIONS = 3;

/** The body of the service call for this message (see the table at the top). */
export function serviceCallData(
  kind: ServiceKind,
  message: Pick<ChannelMessage, 'title' | 'body' | 'url' | 'actions' | 'idempotencyKey'>,
  data: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  switch (kind) {
    case 'action':
      return { ...data };
    case 'speech':
      return { ...data, message: speechText(message) };
    case 'notify':
      return { ...data, title: message.title, message: `${message.body}\n${message.url}` };
    case 'mobile_app': {
      const actions = message.actions.slice(0, MAX_APP_ACTIONS).map((action) => ({ action: 'URI', title: action.label, uri: action.url }));
      const hints = { url: message.url, clickAction: message.url, tag: message.idempotencyKey, ...(actions.length > 0 ? { actions } : {}) };
      const own = isPlainObject(data.data) ? data.data : {};
      return { ...data, title: message.title, message: message.body, data: { ...hints, ...own } };
    }
  }
}

/**
 * Title and body as one spoken text. A discreet body already starts with its title ("Workmate:
 * 1 Sache braucht dich"), which is then said once; a digest's lines become sentences, without
 * their bullets. Links are never spoken.
 */
export function speechText(message: Pick<ChannelMessage, 'title' | 'body'>): string {
  const title = message.title.replace(/\s+/g, ' ').trim();
  const lines = message.body
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[•*-]\s+/, '').replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  const body = lines.reduce((spoken, line) => (spoken === '' ? line : `${spoken}${endsSentence(spoken) ? '' : '.'} ${line}`), '');
  if (body === '') return title;
  if (title === '' || body.startsWith(title)) return body;
  return `${title}${endsSentence(title) ? '' : '.'} ${body}`;
}

const endsSentence = (text: string) => /[.!?:;]$/.test(text);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
