/**
 * The pure part of the MQTT driver: settings schema, broker address, topic and payload, and what
 * a broker's reason codes mean for the dispatcher. No I/O.
 */
import Type, { type Static } from 'typebox';
import { DeliveryError, type ChannelMessage } from '../../notifications.types.ts';

const HOST = String.raw`(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)`;

export const MqttConfigSchema = Type.Object(
  {
    url: Type.String({
      maxLength: 300,
      pattern: String.raw`^mqtts?://${HOST}(:[0-9]{1,5})?/?$`,
      description: 'Broker address: `mqtt://host:1883` or `mqtts://host:8883` (TLS, certificate checked). A broker on the LAN needs WORKMATE_ALLOW_PRIVATE_TARGETS.',
    }),
    topic: Type.String({
      minLength: 1,
      maxLength: 256,
      // No wildcards (+ #), no $-topics (the broker's own), no NUL.
      pattern: String.raw`^[^+#$\u0000][^+#\u0000]*$`,
      description: 'Topic to publish to, e.g. `workmate/notifications`; `{severity}` is replaced by info, warning, urgent or critical.',
    }),
    qos: Type.Optional(Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)], { default: 1, description: 'MQTT quality of service; default 1 (the broker confirms).' })),
    retain: Type.Optional(Type.Boolean({ default: false, description: 'Whether the broker keeps the last message for late subscribers.' })),
    payload: Type.Optional(Type.Enum(['json', 'text'], { default: 'json', description: '`json` (default): title, body, severity, url and references; `text`: title and body as plain text (for speakers and displays).' })),
    client_id_prefix: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,12}$', description: 'Start of the client id (a random suffix is added); default `workmate`.' })),
    protocol_version: Type.Optional(Type.Union([Type.Literal(4), Type.Literal(5)], { default: 4, description: '4 = MQTT 3.1.1 (default, every broker), 5 = MQTT 5.' })),
  },
  { additionalProperties: false },
);
export type MqttConfig = Static<typeof MqttConfigSchema>;

export const MqttCredentialsSchema = Type.Object(
  {
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type MqttCredentials = Static<typeof MqttCredentialsSchema>;

export interface BrokerAddress {
  /** Name or IP (without brackets) as typed. */
  host: string;
  port: number;
  secure: boolean;
}

export function parseBrokerUrl(url: string): BrokerAddress | undefined {
  const match = new RegExp(`^(mqtts?)://${HOST}(?::([0-9]{1,5}))?/?$`).exec(url);
  if (!match) return undefined;
  const secure = match[1] === 'mqtts';
  const port = match[3] === undefined ? (secure ? 8883 : 1883) : Number(match[3]);
  if (port < 1 || port > 65_535) return undefined;
  const host = (match[2] as string).replace(/^\[(.*)\]$/, '$1');
  return { host, port, secure };
}

export function renderTopic(template: string, message: Pick<ChannelMessage, 'severity'>): string {
  return template.replaceAll('{severity}', message.severity);
}

/**
 * `json`: what an automation needs to act (severity, links, references), nothing beyond the
 * message; `text`: title and body only, for a speaker or a display that would read a URL aloud.
 */
export function buildPayload(message: ChannelMessage, format: 'json' | 'text', sentAt: Date): string {
  if (format === 'text') return `${message.title}\n${message.body}`;
  return JSON.stringify({
    title: message.title,
    body: message.body,
    severity: message.severity,
    url: message.url,
    discreet: message.discreet,
    silent: message.silent,
    notification_id: message.references.notificationId,
    task_ids: message.references.taskIds,
    idempotency_key: message.idempotencyKey,
    sent_at: sentAt.toISOString(),
  });
}

/** MQTT 3.1.1 CONNACK return codes (1-5) and MQTT 5 reason codes (>= 0x80) do not overlap. */
const REASONS: Record<number, { name: string; kind: DeliveryError['kind'] }> = {
  1: { name: 'unacceptable protocol version', kind: 'configuration' },
  2: { name: 'identifier rejected', kind: 'configuration' },
  3: { name: 'server unavailable', kind: 'provider' },
  4: { name: 'bad user name or password', kind: 'configuration' },
  5: { name: 'not authorized', kind: 'configuration' },
  0x80: { name: 'unspecified error', kind: 'provider' },
  0x81: { name: 'malformed packet', kind: 'provider' },
  0x82: { name: 'protocol error', kind: 'provider' },
  0x83: { name: 'implementation specific error', kind: 'provider' },
  0x84: { name: 'unsupported protocol version', kind: 'configuration' },
  0x85: { name: 'client identifier not valid', kind: 'configuration' },
  0x86: { name: 'bad user name or password', kind: 'configuration' },
  0x87: { name: 'not authorized', kind: 'configuration' },
  0x88: { name: 'server unavailable', kind: 'provider' },
  0x89: { name: 'server busy', kind: 'provider' },
  0x8a: { name: 'banned', kind: 'configuration' },
  0x8b: { name: 'server shutting down', kind: 'provider' },
  0x8c: { name: 'bad authentication method', kind: 'configuration' },
  0x90: { name: 'topic name invalid', kind: 'configuration' },
  0x95: { name: 'packet too large', kind: 'provider' },
  0x96: { name: 'message rate too high', kind: 'rate_limited' },
  0x97: { name: 'quota exceeded', kind: 'rate_limited' },
  0x99: { name: 'payload format invalid', kind: 'provider' },
  0x9a: { name: 'retain not supported', kind: 'configuration' },
  0x9b: { name: 'QoS not supported', kind: 'configuration' },
  0x9c: { name: 'use another server', kind: 'configuration' },
  0x9d: { name: 'server moved', kind: 'configuration' },
  0x9f: { name: 'connection rate exceeded', kind: 'rate_limited' },
};

/** The broker answered with a reason code: only the code's name reaches the message, never strings the broker sent. */
export function reasonCodeError(stage: 'connection' | 'message', code: number): DeliveryError {
  const reason = REASONS[code] ?? { name: 'error', kind: 'provider' as const };
  const what = stage === 'connection' ? 'refused the connection' : 'refused the message';
  return new DeliveryError(reason.kind, `the MQTT broker ${what}: ${reason.name} (code ${code})`);
}
