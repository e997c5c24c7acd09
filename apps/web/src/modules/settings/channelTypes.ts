/**
 * The settings each kind of channel needs, as the server's driver schemas define them
 * (apps/server/src/modules/notifications/drivers/*): only the fields a person has to fill in.
 * Credentials are write-only: the server never returns them, so they start empty and are sent only
 * when typed. Advanced settings the form does not show (an SMS body template, Home Assistant
 * service data) are kept as stored when a channel is changed.
 */
import type { Channel } from '../notifications/notifications.messages.ts';

export type FieldInput = 'text' | 'url' | 'email' | 'tel' | 'password' | 'select';

export interface ChannelField {
  key: string;
  part: 'config' | 'credentials';
  input: FieldInput;
  required?: boolean;
  /** A secret needed to add the channel; when changing it, empty keeps the stored one. */
  requiredToAdd?: boolean;
  options?: readonly string[];
  defaultValue?: string;
  placeholder?: string;
  /** Shown only when this holds for the current values (e.g. per SMS provider). */
  when?: (values: Readonly<Record<string, string>>) => boolean;
}

export interface ChannelTypeSpec {
  type: string;
  channel: Channel;
  fields: readonly ChannelField[];
  /** Removes stored settings that no longer fit after a change (Home Assistant's service data in webhook mode). */
  tidy?: (config: Record<string, unknown>) => void;
}

const SMS_BASIC = new Set(['twilio', 'sms-gate', '']);
const SMS_TOKEN = new Set(['textbee', 'json-bearer', '']);
const isService = (values: Readonly<Record<string, string>>) => values.mode !== 'webhook';

export const CHANNEL_TYPES: Readonly<Record<string, ChannelTypeSpec>> = {
  ntfy: {
    type: 'ntfy',
    channel: 'push',
    fields: [
      { key: 'topic', part: 'config', input: 'text', required: true },
      { key: 'server_url', part: 'config', input: 'url', placeholder: 'https://ntfy.sh' },
      { key: 'token', part: 'credentials', input: 'password' },
    ],
  },
  email: { type: 'email', channel: 'email', fields: [{ key: 'address', part: 'config', input: 'email', required: true }] },
  signal: {
    type: 'signal',
    channel: 'signal',
    fields: [
      { key: 'api_url', part: 'config', input: 'url', required: true },
      { key: 'number', part: 'config', input: 'tel', required: true },
      { key: 'recipient', part: 'config', input: 'text', required: true },
      { key: 'username', part: 'credentials', input: 'text' },
      { key: 'password', part: 'credentials', input: 'password' },
    ],
  },
  whatsapp: {
    type: 'whatsapp',
    channel: 'whatsapp',
    fields: [
      { key: 'to', part: 'config', input: 'tel', required: true },
      { key: 'phone_number_id', part: 'config', input: 'text', required: true },
      { key: 'template_name', part: 'config', input: 'text', required: true },
      { key: 'template_language', part: 'config', input: 'text' },
      { key: 'access_token', part: 'credentials', input: 'password', requiredToAdd: true },
    ],
  },
  discord: {
    type: 'discord',
    channel: 'discord',
    fields: [
      { key: 'webhook_url', part: 'credentials', input: 'password', requiredToAdd: true },
      { key: 'username', part: 'config', input: 'text' },
    ],
  },
  sms: {
    type: 'sms',
    channel: 'sms',
    fields: [
      { key: 'preset', part: 'config', input: 'select', options: ['twilio', 'sms-gate', 'textbee', 'json-bearer'], defaultValue: 'twilio' },
      { key: 'url', part: 'config', input: 'url', required: true },
      { key: 'to', part: 'config', input: 'tel', required: true },
      { key: 'from', part: 'config', input: 'text', when: (values) => values.preset !== 'sms-gate' },
      { key: 'username', part: 'credentials', input: 'text', when: (values) => SMS_BASIC.has(values.preset ?? '') },
      { key: 'password', part: 'credentials', input: 'password', when: (values) => SMS_BASIC.has(values.preset ?? '') },
      { key: 'token', part: 'credentials', input: 'password', when: (values) => SMS_TOKEN.has(values.preset ?? '') },
    ],
  },
  homeassistant: {
    type: 'homeassistant',
    channel: 'smart_home',
    fields: [
      { key: 'base_url', part: 'config', input: 'url', required: true },
      { key: 'mode', part: 'config', input: 'select', options: ['service', 'webhook'], defaultValue: 'service' },
      { key: 'domain', part: 'config', input: 'text', required: true, when: isService },
      { key: 'service', part: 'config', input: 'text', required: true, when: isService },
      { key: 'webhook_id', part: 'config', input: 'text', required: true, when: (values) => !isService(values) },
      { key: 'access_token', part: 'credentials', input: 'password', requiredToAdd: true, when: isService },
    ],
    tidy: (config) => {
      if (config.mode === 'webhook') delete config.data;
    },
  },
  mqtt: {
    type: 'mqtt',
    channel: 'smart_home',
    fields: [
      { key: 'url', part: 'config', input: 'url', required: true, placeholder: 'mqtt://' },
      { key: 'topic', part: 'config', input: 'text', required: true },
      { key: 'username', part: 'credentials', input: 'text' },
      { key: 'password', part: 'credentials', input: 'password' },
    ],
  },
  webhook: {
    type: 'webhook',
    channel: 'smart_home',
    fields: [
      { key: 'url', part: 'config', input: 'url', required: true },
      { key: 'secret', part: 'credentials', input: 'password' },
    ],
  },
};

/** What the "add a channel" choice offers, most common first (push and Telegram have their own flows). */
export const ADDABLE_TYPES = ['ntfy', 'email', 'signal', 'whatsapp', 'discord', 'sms', 'homeassistant', 'mqtt', 'webhook'] as const;

export function visibleFields(spec: ChannelTypeSpec, values: Readonly<Record<string, string>>): ChannelField[] {
  return spec.fields.filter((field) => !field.when || field.when(values));
}

/** The form's starting values: the stored settings, never a secret. */
export function initialValues(spec: ChannelTypeSpec, config?: Readonly<Record<string, unknown>>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of spec.fields) {
    const stored = field.part === 'config' ? config?.[field.key] : undefined;
    values[field.key] = typeof stored === 'string' || typeof stored === 'number' ? String(stored) : config && field.part === 'config' ? '' : (field.defaultValue ?? '');
  }
  return values;
}

/** Required fields left empty (a secret only when adding, or when none is stored). */
export function missingFields(spec: ChannelTypeSpec, values: Readonly<Record<string, string>>, hasStoredSecrets: boolean): string[] {
  return visibleFields(spec, values)
    .filter((field) => (field.required || (field.requiredToAdd && !hasStoredSecrets)) && !values[field.key]?.trim())
    .map((field) => field.key);
}

/** The body parts for the API: config over what is stored, credentials only when typed. */
export function settingsOf(
  spec: ChannelTypeSpec,
  values: Readonly<Record<string, string>>,
  stored?: Readonly<Record<string, unknown>>,
): { config: Record<string, unknown>; credentials: Record<string, string> | undefined } {
  const config: Record<string, unknown> = { ...(stored ?? {}) };
  const visible = new Set(visibleFields(spec, values).map((field) => field.key));
  const credentials: Record<string, string> = {};
  for (const field of spec.fields) {
    const value = values[field.key]?.trim() ?? '';
    if (field.part === 'config') {
      if (visible.has(field.key) && value) config[field.key] = value;
      else delete config[field.key];
    } else if (visible.has(field.key) && value) {
      credentials[field.key] = value;
    }
  }
  spec.tidy?.(config);
  return { config, credentials: Object.keys(credentials).length > 0 ? credentials : undefined };
}
