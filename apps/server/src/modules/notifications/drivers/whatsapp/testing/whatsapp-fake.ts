/**
 * The WhatsApp Cloud API's send endpoint on 127.0.0.1 for tests, keeping its documented contract:
 * `POST /v<version>/<phone_number_id>/messages` with `Authorization: Bearer <token>` and a JSON
 * body `{messaging_product: "whatsapp", to, type: "text" | "template", ...}`; 200
 * `{"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id":"wamid..."}]}`;
 * errors as Graph API errors `{"error":{"message","type","code","error_data","error_subcode","fbtrace_id"}}`:
 * 190 for a bad token (401), 100/33 for an unknown phone number id, 131047 for free-form text
 * outside the 24-hour window, 132001 for an unknown template or language, 132000 for a wrong
 * number of parameters, 132018 for a parameter with line breaks, tabs or five spaces, 130429 for
 * the throughput limit. The 24-hour window is the fake's state (`openWindow`), as Meta knows when
 * the user last wrote. What the user reads is rendered into `seen` (a template filled in).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { header, parseJson, readBody } from '../../testing/read-body.ts';

export interface WhatsAppRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  json: unknown;
  outcome: 'accepted' | 'rejected' | 'canned' | 'hung';
  status: number | undefined;
  /** Graph error code of a refusal. */
  errorCode?: number;
  /** For an accepted message: the text the user reads (a template with its parameters filled in) and the message id. */
  seen?: string;
  messageId?: string;
}

export interface WhatsAppTemplate {
  name: string;
  language: string;
  /** The approved body with {{1}}, {{2}}, … */
  body: string;
}

export interface WhatsAppFakeOptions {
  phoneNumberId?: string;
  accessToken?: string;
  templates?: WhatsAppTemplate[];
  /** Users (digits) who wrote within the last 24 hours. */
  openWindows?: string[];
  /** Put into the body of every error answer (the contract suite passes FOREIGN_BODY_CANARY). */
  foreignBodyMarker?: string;
}

export interface WhatsAppFake {
  /** The API base to configure: `http://127.0.0.1:<port>/v21.0`. */
  readonly apiBase: string;
  readonly phoneNumberId: string;
  readonly accessToken: string;
  readonly received: readonly WhatsAppRequest[];
  readonly arrivals: readonly WhatsAppRequest[];
  waitFor(count: number, waitMs: number): Promise<WhatsAppRequest[]>;
  openWindow(to: string): void;
  closeWindow(to: string): void;
  answerNext(status: number, headers?: Record<string, string>, body?: string): void;
  failNextWithError(): void;
  hangNext(): void;
  /** 400 with code 130429 (throughput limit); Meta names no retry time. */
  rateLimitNext(): void;
  close(): Promise<void>;
}

export const DEFAULT_TEMPLATES: WhatsAppTemplate[] = [
  { name: 'workmate_reminder', language: 'de', body: 'Workmate: {{1}}\n\n{{2}}\n\nÖffnen: {{3}}' },
  { name: 'workmate_reminder', language: 'en', body: 'Workmate: {{1}}\n\n{{2}}\n\nOpen: {{3}}' },
];

const ROUTE = /^\/v[0-9]{1,2}\.[0-9]\/([0-9]+)\/messages$/;
const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

type Canned = { status: number; headers: Record<string, string>; body: string } | 'hang';

export async function startWhatsAppFake(options: WhatsAppFakeOptions = {}): Promise<WhatsAppFake> {
  const marker = options.foreignBodyMarker ?? 'graph error';
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const accessToken = options.accessToken ?? `EAAG${randomBytes(48).toString('base64url')}`;
  const templates = options.templates ?? DEFAULT_TEMPLATES;
  const openWindows = new Set(options.openWindows ?? []);
  const received: WhatsAppRequest[] = [];
  const arrivals: WhatsAppRequest[] = [];
  const canned: Canned[] = [];
  let waiters: { count: number; resolve: (all: WhatsAppRequest[]) => void; timer: NodeJS.Timeout }[] = [];

  const graphError = (code: number, message: string, extra: { type?: string; subcode?: number; details?: string } = {}) =>
    JSON.stringify({
      error: {
        message: `${message} (${marker})`,
        type: extra.type ?? 'OAuthException',
        code,
        ...(extra.details === undefined ? {} : { error_data: { messaging_product: 'whatsapp', details: `${extra.details} (${marker})` } }),
        ...(extra.subcode === undefined ? {} : { error_subcode: extra.subcode }),
        fbtrace_id: `A${randomBytes(8).toString('base64url')}-${marker}`,
      },
    });

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const raw = (await readBody(request, 1024 * 1024)) ?? Buffer.alloc(0);
    const record: WhatsAppRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, rawBody: raw, json: parseJson(raw.toString('utf8')), outcome: 'rejected', status: undefined };
    arrivals.push(record);
    const answer = (outcome: WhatsAppRequest['outcome'], status: number, headers: Record<string, string>, body: string) => {
      record.outcome = outcome;
      record.status = status;
      response.writeHead(status, headers).end(body);
    };
    const refuse = (status: number, code: number, message: string, extra?: { type?: string; subcode?: number; details?: string }) => {
      record.errorCode = code;
      answer('rejected', status, status === 401 ? { ...JSON_HEADERS, 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token"' } : JSON_HEADERS, graphError(code, message, extra));
    };

    const next = canned.shift();
    if (next === 'hang') {
      record.outcome = 'hung';
      return;
    }
    if (next) return answer('canned', next.status, next.headers, next.body);

    const route = ROUTE.exec((request.url ?? '').split('?')[0] ?? '');
    if (!route || record.method !== 'POST') return refuse(400, 100, 'Unknown path components', { subcode: 2018001 });
    if (header(request, 'authorization') !== `Bearer ${accessToken}`) return refuse(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (route[1] !== phoneNumberId) {
      return refuse(400, 100, `Unsupported post request. Object with ID '${route[1]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, { type: 'GraphMethodException', subcode: 33 });
    }
    const body = record.json as Record<string, unknown> | undefined;
    if (body?.messaging_product !== 'whatsapp') return refuse(400, 100, '(#100) The parameter messaging_product is required.');
    if (typeof body.to !== 'string' || !/^\+?[1-9][0-9]{6,14}$/.test(body.to)) return refuse(400, 131009, '(#131009) Parameter value is not valid', { details: 'Invalid recipient' });
    const to = body.to.replace(/^\+/, '');

    let seen: string;
    if (body.type === 'text') {
      const text = body.text as { body?: unknown } | undefined;
      if (typeof text?.body !== 'string' || text.body === '' || text.body.length > 4096) return refuse(400, 100, '(#100) Invalid parameter', { details: 'text.body is required and at most 4096 characters' });
      if (!openWindows.has(to)) {
        return refuse(400, 131047, '(#131047) Re-engagement message', { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' });
      }
      seen = text.body;
    } else if (body.type === 'template') {
      const rendered = renderTemplate(body.template);
      if (typeof rendered === 'object') return refuse(400, rendered.code, rendered.message, { details: rendered.details });
      seen = rendered;
    } else {
      return refuse(400, 100, '(#100) Invalid parameter', { details: 'type must be one of text, template, …' });
    }

    record.seen = seen;
    record.messageId = `wamid.${randomBytes(30).toString('base64')}`;
    received.push(record);
    answer('accepted', 200, JSON_HEADERS, JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: to }], messages: [{ id: record.messageId }] }));
    waiters = waiters.filter((waiter) => {
      if (received.length < waiter.count) return true;
      clearTimeout(waiter.timer);
      waiter.resolve([...received]);
      return false;
    });
  }

  /** The template's body with its parameters, or the refusal Meta would give. */
  function renderTemplate(value: unknown): string | { code: number; message: string; details: string } {
    const template = value as { name?: unknown; language?: { code?: unknown }; components?: unknown } | undefined;
    const found = templates.find((candidate) => candidate.name === template?.name && candidate.language === template?.language?.code);
    if (!found) return { code: 132001, message: '(#132001) Template name does not exist in the translation', details: 'template name or language not found' };
    const expected = new Set(found.body.match(/\{\{[0-9]+\}\}/g) ?? []).size;
    const components = Array.isArray(template?.components) ? (template.components as { type?: unknown; parameters?: unknown }[]) : [];
    const parameters = components.find((component) => component.type === 'body')?.parameters;
    const texts = Array.isArray(parameters) ? parameters.map((parameter: { type?: unknown; text?: unknown }) => (parameter.type === 'text' ? parameter.text : undefined)) : [];
    if (texts.length !== expected) return { code: 132000, message: '(#132000) Number of parameters does not match the expected number of params', details: `body: expected ${expected}, got ${texts.length}` };
    if (texts.some((text) => typeof text !== 'string' || text === '' || /[\n\t]| {5,}/.test(text))) {
      return { code: 132018, message: '(#132018) There was an issue with the parameters in your template.', details: 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces' };
    }
    return found.body.replace(/\{\{([0-9]+)\}\}/g, (_placeholder, index: string) => texts[Number(index) - 1] as string);
  }

  return {
    apiBase: `${origin}/v21.0`,
    phoneNumberId,
    accessToken,
    received,
    arrivals,
    waitFor(count, waitMs) {
      if (received.length >= count) return Promise.resolve([...received]);
      return new Promise((resolve) => {
        const waiter = {
          count,
          resolve,
          timer: setTimeout(() => {
            waiters = waiters.filter((other) => other !== waiter);
            resolve([...received]);
          }, waitMs),
        };
        waiters.push(waiter);
      });
    },
    openWindow: (to) => void openWindows.add(to.replace(/^\+/, '')),
    closeWindow: (to) => void openWindows.delete(to.replace(/^\+/, '')),
    answerNext: (status, headers = JSON_HEADERS, body = graphError(status * 1000 + 1, `answer ${status}`, { details: 'canned' })) => void canned.push({ status, headers, body }),
    failNextWithError: () => void canned.push({ status: 500, headers: JSON_HEADERS, body: graphError(131000, '(#131000) Something went wrong', { details: 'Something went wrong' }) }),
    hangNext: () => void canned.push('hang'),
    rateLimitNext: () =>
      void canned.push({ status: 400, headers: JSON_HEADERS, body: graphError(130429, '(#130429) Rate limit hit', { details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time', subcode: 2494055 }) }),
    async close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.resolve([...received]);
      }
      waiters = [];
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
