/**
 * The pure part of the SMS driver: how long a text is in SMS segments, the text of a reminder cut to
 * two segments, the gateway request filled in from the settings (preset, template, auth). No I/O.
 */
import { DeliveryError, type ChannelMessage } from '../../notifications.types.ts';
import { SMS_PRESET_SETTINGS, type SmsAuthKind, type SmsConfig, type SmsContentType, type SmsCredentials, type SmsMethod } from './sms.schemas.ts';

// ---------------------------------------------------------------------------------------------
// Segments (3GPP TS 23.038 alphabet, TS 23.040 concatenation)
// ---------------------------------------------------------------------------------------------

/** The GSM 7-bit default alphabet (without the escape code): one septet each. */
const GSM7_BASIC = new Set(
  Array.from("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"),
);
/** The extension table: an escape septet plus one, so two septets each. */
const GSM7_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

const GSM7_SINGLE = 160;
/** A concatenated part loses 7 septets to the user data header. */
const GSM7_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) return false;
  return true;
}

/**
 * How many SMS a text takes. GSM-7 when every character is in the GSM alphabet (an extension
 * character such as € counts two), else UCS-2 (a character outside the BMP, an emoji, counts two).
 * A character is never split across parts (an escape pair, a surrogate pair), as phones do it.
 */
export function measureSms(text: string): SmsLength {
  const chars = Array.from(text);
  if (isGsm7(text)) {
    const widths = chars.map((char) => (GSM7_EXTENSION.has(char) ? 2 : 1));
    return { encoding: 'gsm7', units: sum(widths), segments: segmentsOf(widths, GSM7_SINGLE, GSM7_PART) };
  }
  const widths = chars.map((char) => char.length);
  return { encoding: 'ucs2', units: sum(widths), segments: segmentsOf(widths, UCS2_SINGLE, UCS2_PART) };
}

function segmentsOf(widths: readonly number[], single: number, part: number): number {
  if (sum(widths) <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > part) {
      segments += 1;
      used = width;
    } else {
      used += width;
    }
  }
  return segments;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Typographic characters our messages use that have a plain GSM look-alike. One en dash would
 * otherwise turn the whole SMS into UCS-2 and halve its room. Letters are never changed.
 */
const GSM_LOOKALIKES: Readonly<Record<string, string>> = {
  '\u00a0': ' ', '\u2002': ' ', '\u2003': ' ', '\u2007': ' ', '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\t': ' ',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '`': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2022': '-', '\u00b7': '-', '\u2026': '...', '\u200b': '', '\ufeff': '',
};

export function toGsmLookalikes(text: string): string {
  let out = '';
  for (const char of text) out += GSM_LOOKALIKES[char] ?? char;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The text of one SMS
// ---------------------------------------------------------------------------------------------

export const SMS_MAX_SEGMENTS = 2;
/** Of the room left when a title must be cut, its start keeps this share (the name), its end the rest (amount, time left). */
const TITLE_HEAD_SHARE = 0.4;

/** Spaces collapsed per line, typographic characters replaced, lines kept (a digest lists one task per line). */
function tidy(text: string): string {
  return toGsmLookalikes(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => line.replace(/[ ]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

const lines = (...parts: string[]) => parts.filter((part) => part !== '').join('\n');

/**
 * Title, body and link on their own lines, within `maxSegments`. When that is too long the body
 * goes first (the title already says who, how much and how long is left), then the title is
 * shortened in the middle with an ellipsis: reminder titles lead with the name and end with the
 * facts, so both ends are kept. The link is never cut (a cut link leads nowhere); only a link
 * longer than the whole room is left out.
 */
export function composeSmsText(parts: Pick<ChannelMessage, 'title' | 'body' | 'url'>, maxSegments = SMS_MAX_SEGMENTS): string {
  const title = tidy(parts.title).replace(/\n/g, ' ');
  const body = tidy(parts.body);
  const url = parts.url.trim();
  const fits = (text: string) => measureSms(text).segments <= maxSegments;

  // A discreet message's body repeats its title ("Workmate" / "Workmate: 1 Sache braucht dich").
  const full = body.startsWith(title) ? lines(body, url) : lines(title, body, url);
  if (fits(full)) return full;
  if (fits(lines(title, url))) return lines(title, url);
  const shortTitle = shortenToFit(title, (candidate) => fits(lines(candidate, url)));
  if (shortTitle !== undefined) return lines(shortTitle, url);
  return fits(title) ? title : (shortenToFit(title, fits) ?? '');
}

/** The longest middle-cut of `text` that `fits`, or undefined when not even one character does. */
export function shortenToFit(text: string, fits: (candidate: string) => boolean): string | undefined {
  const chars = Array.from(text);
  for (let keep = chars.length - 1; keep >= 1; keep -= 1) {
    const candidate = cutMiddle(chars, keep);
    if (fits(candidate)) return candidate;
  }
  return undefined;
}

function cutMiddle(chars: readonly string[], keep: number): string {
  const headLength = Math.max(1, Math.ceil(keep * TITLE_HEAD_SHARE));
  const head = chars.slice(0, headLength).join('').trimEnd();
  const tail = chars.slice(chars.length - (keep - headLength)).join('').trimStart();
  // "…" is not in the GSM alphabet: in a GSM-7 text it would cost half the room.
  const ellipsis = isGsm7(head + tail) ? '...' : '…';
  return `${head}${ellipsis}${tail}`;
}

// ---------------------------------------------------------------------------------------------
// The gateway request
// ---------------------------------------------------------------------------------------------

export const SMS_PLACEHOLDERS = ['to', 'from', 'text', 'title', 'url'] as const;
export type SmsPlaceholder = (typeof SMS_PLACEHOLDERS)[number];
export type SmsValues = Record<SmsPlaceholder, string | undefined>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;

/** How the gateway is called once preset and explicit settings are put together. */
export interface SmsPlan {
  method: SmsMethod;
  contentType: SmsContentType;
  bodyTemplate: string | undefined;
  auth: SmsAuthKind;
  authHeader: string | undefined;
}

/** The preset's values, each overridden by the same setting given explicitly. */
export function planOf(config: SmsConfig): SmsPlan {
  const preset = config.preset === undefined ? undefined : SMS_PRESET_SETTINGS[config.preset];
  return {
    method: config.method ?? preset?.method ?? 'POST',
    contentType: config.content_type ?? preset?.contentType ?? 'application/json',
    bodyTemplate: config.body_template ?? preset?.bodyTemplate,
    auth: config.auth ?? preset?.auth ?? 'none',
    authHeader: config.auth_header ?? preset?.authHeader,
  };
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

export type TemplateEscaping = 'form' | 'json' | 'text';

/** Fills in every placeholder, each value escaped for where it lands. Unknown placeholders must have been refused before. */
export function renderTemplate(template: string, values: SmsValues, escaping: TemplateEscaping): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => escapeValue(values[name as SmsPlaceholder] ?? '', escaping));
}

function escapeValue(value: string, escaping: TemplateEscaping): string {
  switch (escaping) {
    case 'form':
      // application/x-www-form-urlencoded as URLSearchParams writes it (space as +, UTF-8 percent-encoded).
      return new URLSearchParams([['', value]]).toString().slice(1);
    case 'json':
      return JSON.stringify(value).slice(1, -1);
    case 'text':
      return value;
  }
}

export interface SmsRequest {
  url: string;
  method: SmsMethod;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Headers the request itself decides; a user header with one of these names would contradict it. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'content-type']);

const configProblem = (message: string) => new DeliveryError('configuration', message);

/**
 * The request for one SMS, or a DeliveryError `configuration` naming the setting that cannot work
 * (never repeating a secret). `values.text` is the finished SMS text.
 */
export function buildSmsRequest(config: SmsConfig, credentials: SmsCredentials, values: SmsValues): SmsRequest {
  const plan = planOf(config);
  if (plan.bodyTemplate === undefined) throw configProblem('The SMS settings need a body template or a preset');
  const unknown = placeholdersOf(plan.bodyTemplate).filter((name) => !(SMS_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) throw configProblem(`The SMS body template has an unknown placeholder {{${unknown[0]}}}; use ${SMS_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')}`);
  if (placeholdersOf(plan.bodyTemplate).includes('from') && config.from === undefined) throw configProblem('The SMS body template uses {{from}}, so the settings need a sender (from)');

  const headers: Record<string, string> = { 'User-Agent': 'Workmate' };
  // A fragment is never sent; dropping it keeps a query appended for GET in the part that is.
  let url = config.url.split('#')[0] as string;
  let body: string | undefined;
  if (plan.method === 'GET') {
    const query = renderTemplate(plan.bodyTemplate, values, 'form').replace(/^[?&]+/, '');
    url = `${url}${url.includes('?') ? (/[?&]$/.test(url) ? '' : '&') : '?'}${query}`;
  } else {
    const escaping: TemplateEscaping = plan.contentType === 'application/json' ? 'json' : plan.contentType === 'text/plain' ? 'text' : 'form';
    body = renderTemplate(plan.bodyTemplate, values, escaping);
    if (escaping === 'json' && !isJson(body)) throw configProblem('The SMS body template is not valid JSON once filled in; write each placeholder inside quotes');
    headers['Content-Type'] = plan.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : plan.contentType;
  }

  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const add = (source: Record<string, string> | undefined, where: string, allowAuthorization: boolean) => {
    for (const [name, value] of Object.entries(source ?? {})) {
      const lower = name.toLowerCase();
      if (RESERVED_HEADERS.has(lower) || (lower === 'authorization' && !allowAuthorization)) throw configProblem(`The header ${name} cannot be set in ${where}`);
      for (const existing of Object.keys(headers)) if (existing.toLowerCase() === lower) delete headers[existing];
      headers[name] = value;
      names.add(lower);
    }
  };
  add(config.headers, 'the SMS settings (put secret headers into the credentials)', false);
  add(credentials.headers, 'the SMS credentials', plan.auth === 'none');

  const authorization = authHeaderOf(plan, credentials);
  if (authorization) {
    if (names.has(authorization.name.toLowerCase())) throw configProblem(`The header ${authorization.name} is set twice: by the auth setting and by a header`);
    headers[authorization.name] = authorization.value;
  }
  return { url, method: plan.method, headers, body };
}

function authHeaderOf(plan: SmsPlan, credentials: SmsCredentials): { name: string; value: string } | undefined {
  switch (plan.auth) {
    case 'none':
      return undefined;
    case 'basic': {
      if (credentials.username === undefined || credentials.password === undefined) throw configProblem('Basic auth needs a user name and a password in the SMS credentials');
      return { name: 'Authorization', value: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}` };
    }
    case 'bearer': {
      if (credentials.token === undefined) throw configProblem('Bearer auth needs a token in the SMS credentials');
      return { name: 'Authorization', value: `Bearer ${credentials.token}` };
    }
    case 'header': {
      if (plan.authHeader === undefined) throw configProblem('Header auth needs the header name (auth_header) in the SMS settings');
      if (RESERVED_HEADERS.has(plan.authHeader.toLowerCase())) throw configProblem(`The header ${plan.authHeader} cannot carry the token`);
      if (credentials.token === undefined) throw configProblem(`Header auth needs a token in the SMS credentials for ${plan.authHeader}`);
      return { name: plan.authHeader, value: credentials.token };
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The placeholder values for one message: the SMS text within two segments, the rest as given. */
export function smsValuesOf(message: Pick<ChannelMessage, 'title' | 'body' | 'url'>, config: Pick<SmsConfig, 'to' | 'from'>): SmsValues {
  return {
    to: config.to,
    from: config.from,
    text: composeSmsText(message),
    title: toGsmLookalikes(message.title),
    url: message.url,
  };
}
