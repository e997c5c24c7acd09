/**
 * Settings of the SMS channel (a generic HTTP gateway) and the ready presets for common gateway
 * styles. What is secret (passwords, tokens, secret header values) lives in the credentials, which
 * are stored encrypted; everything else is in the config the user can read back.
 */
import Type, { type Static } from 'typebox';
import { WEBHOOK_URL_MAX_LENGTH, WEBHOOK_URL_PATTERN } from '../webhook/webhook.driver.ts';

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = String.raw`^\+[1-9][0-9]{6,14}$`;
/** An E.164 number or an alphanumeric sender id (1 to 11 letters, digits or spaces, at least one letter). */
export const SENDER_PATTERN = String.raw`^(\+[1-9][0-9]{6,14}|(?=[A-Za-z0-9 ]*[A-Za-z])[A-Za-z0-9 ]{1,11})$`;
/** An HTTP header name (RFC 9110 token). */
export const HEADER_NAME_PATTERN = "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$";
/** Visible ASCII and spaces: no line break can end the header early, nothing a client library refuses. */
export const HEADER_VALUE_PATTERN = String.raw`^[\x20-\x7e]*$`;

export const SMS_METHODS = ['POST', 'GET', 'PUT'] as const;
export const SMS_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'application/json', 'text/plain'] as const;
export const SMS_AUTH_KINDS = ['none', 'basic', 'bearer', 'header'] as const;
export const SMS_PRESETS = ['twilio', 'sms-gate', 'textbee', 'json-bearer'] as const;

export type SmsMethod = (typeof SMS_METHODS)[number];
export type SmsContentType = (typeof SMS_CONTENT_TYPES)[number];
export type SmsAuthKind = (typeof SMS_AUTH_KINDS)[number];
export type SmsPresetName = (typeof SMS_PRESETS)[number];

const headerMap = (description: string) =>
  Type.Optional(
    Type.Record(Type.String({ pattern: HEADER_NAME_PATTERN }), Type.String({ maxLength: 1024, pattern: HEADER_VALUE_PATTERN }), {
      additionalProperties: false,
      maxProperties: 20,
      description,
    }),
  );

export const SmsConfig = Type.Object(
  {
    preset: Type.Optional(
      Type.Enum([...SMS_PRESETS], {
        description:
          'A ready gateway style that fills in method, body template, content type and auth: `twilio` (Twilio Messages API, form-encoded, Basic auth with Account SID and Auth Token), `sms-gate` (SMS Gateway for Android, JSON, Basic auth), `textbee` (textbee.dev, JSON, `x-api-key` header), `json-bearer` (`{"to","text"}` JSON with a Bearer token). Any of those fields given here as well wins over the preset.',
      }),
    ),
    url: Type.String({
      pattern: WEBHOOK_URL_PATTERN,
      maxLength: WEBHOOK_URL_MAX_LENGTH,
      description:
        'The gateway\'s send URL, e.g. `https://api.twilio.com/2010-04-01/Accounts/AC…/Messages.json` or `http://192.168.1.30:8080/message`. A gateway on the LAN needs WORKMATE_ALLOW_PRIVATE_TARGETS.',
    }),
    method: Type.Optional(Type.Enum([...SMS_METHODS], { description: 'HTTP method; default from the preset, else POST. With GET the filled-in template is sent as query parameters.' })),
    body_template: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4096,
        description:
          'The request body (for GET: the query string) with placeholders {{to}}, {{from}}, {{text}}, {{title}}, {{url}}. Each value is escaped for the content type: URL-encoded for forms and queries, JSON-escaped for JSON (write the placeholder inside quotes), as is for text/plain.',
      }),
    ),
    content_type: Type.Optional(Type.Enum([...SMS_CONTENT_TYPES], { description: 'How the body is encoded; default from the preset, else application/json. Not used with GET.' })),
    to: Type.String({ pattern: E164_PATTERN, description: 'The recipient in E.164 form, e.g. `+4915112345678`.' }),
    from: Type.Optional(Type.String({ pattern: SENDER_PATTERN, description: 'The sender: an E.164 number or an alphanumeric sender id of up to 11 characters, where the gateway takes one. Required when the template uses {{from}} (the twilio preset does).' })),
    auth: Type.Optional(
      Type.Enum([...SMS_AUTH_KINDS], {
        description: 'How the gateway is told who we are; default from the preset, else none. basic: credentials.username and credentials.password; bearer: credentials.token; header: credentials.token in the header named by auth_header.',
      }),
    ),
    auth_header: Type.Optional(Type.String({ pattern: HEADER_NAME_PATTERN, description: 'The header carrying credentials.token when auth is `header`, e.g. `x-api-key`.' })),
    headers: headerMap('Extra request headers that are not secret. A secret header value belongs in credentials.headers; Authorization, Content-Type, Host and Content-Length cannot be set here.'),
  },
  { additionalProperties: false },
);
export type SmsConfig = Static<typeof SmsConfig>;

export const SmsCredentials = Type.Object(
  {
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 256, pattern: '^[^:\\r\\n]*$', description: 'Basic auth user name (Twilio: the Account SID).' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, pattern: '^[^\\r\\n]*$', description: 'Basic auth password (Twilio: the Auth Token).' })),
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, pattern: HEADER_VALUE_PATTERN, description: 'Bearer token, or the value of the auth_header.' })),
    headers: headerMap('Secret request headers (e.g. an API key header the gateway wants next to Basic auth).'),
  },
  { additionalProperties: false },
);
export type SmsCredentials = Static<typeof SmsCredentials>;

export interface SmsPreset {
  method: SmsMethod;
  contentType: SmsContentType;
  bodyTemplate: string;
  auth: SmsAuthKind;
  authHeader?: string;
}

/**
 * The gateway styles a user can pick instead of writing a template. Each is the provider's
 * documented send request; the user adds URL, numbers and credentials.
 */
export const SMS_PRESET_SETTINGS: Readonly<Record<SmsPresetName, SmsPreset>> = {
  // POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form fields To, From, Body; Basic auth SID:token; 201 {"sid":"SM…"}.
  twilio: { method: 'POST', contentType: 'application/x-www-form-urlencoded', bodyTemplate: 'To={{to}}&From={{from}}&Body={{text}}', auth: 'basic' },
  // SMS Gateway for Android (sms-gate.app), local `http://<phone>:8080/message` or cloud `/3rdparty/v1/message`; 202 {"id":…}.
  'sms-gate': { method: 'POST', contentType: 'application/json', bodyTemplate: '{"textMessage":{"text":"{{text}}"},"phoneNumbers":["{{to}}"]}', auth: 'basic' },
  // textbee.dev: POST /api/v1/gateway/devices/{deviceId}/send-sms with an x-api-key header.
  textbee: { method: 'POST', contentType: 'application/json', bodyTemplate: '{"recipients":["{{to}}"],"message":"{{text}}"}', auth: 'header', authHeader: 'x-api-key' },
  // The plainest JSON gateway: {"to","text"} with a Bearer token.
  'json-bearer': { method: 'POST', contentType: 'application/json', bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}', auth: 'bearer' },
};
