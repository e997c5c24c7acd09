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
import { header } from '../../testing/read-body.ts';
import { startRecordingServer, type Exchange, type ProviderFake, type RecordedRequest } from '../../testing/recording-server.ts';

export interface WhatsAppRequest extends RecordedRequest {
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

export interface WhatsAppFake extends ProviderFake<WhatsAppRequest> {
  /** The API base to configure: `http://127.0.0.1:<port>/v21.0`. */
  readonly apiBase: string;
  readonly phoneNumberId: string;
  readonly accessToken: string;
  openWindow(to: string): void;
  closeWindow(to: string): void;
  /** 400 with code 130429 (throughput limit); Meta names no retry time. */
  rateLimitNext(): void;
}

export const DEFAULT_TEMPLATES: WhatsAppTemplate[] = [
  { name: 'workmate_reminder', language: 'de', body: 'Workmate: {{1}}\n\n{{2}}\n\nÖffnen: {{3}}' },
  { name: 'workmate_reminder', language: 'en', body: 'Workmate: {{1}}\n\n{{2}}\n\nOpen: {{3}}' },
];

const ROUTE = /^\/v[0-9]{1,2}\.[0-9]\/([0-9]+)\/messages$/;
const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

export async function startWhatsAppFake(options: WhatsAppFakeOptions = {}): Promise<WhatsAppFake> {
  const marker = options.foreignBodyMarker ?? 'graph error';
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const accessToken = options.accessToken ?? `EAAG${randomBytes(48).toString('base64url')}`;
  const templates = options.templates ?? DEFAULT_TEMPLATES;
  const openWindows = new Set(options.openWindows ?? []);

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

  const { origin, answerNext, ...recording } = await startRecordingServer<WhatsAppRequest>({ record: (_request, base) => base, handle });

  function handle({ request, record, answer, accept }: Exchange<WhatsAppRequest>) {
    const refuse = (status: number, code: number, message: string, extra?: { type?: string; subcode?: number; details?: string }) => {
      record.errorCode = code;
      answer('rejected', status, status === 401 ? { ...JSON_HEADERS, 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token"' } : JSON_HEADERS, graphError(code, message, extra));
    };
    const route = ROUTE.exec(record.path.split('?')[0] ?? '');
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
    accept(record, 200, JSON_HEADERS, JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: to }], messages: [{ id: record.messageId }] }));
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
    ...recording,
    apiBase: `${origin}/v21.0`,
    phoneNumberId,
    accessToken,
    openWindow: (to) => void openWindows.add(to.replace(/^\+/, '')),
    closeWindow: (to) => void openWindows.delete(to.replace(/^\+/, '')),
    answerNext: (status, headers = JSON_HEADERS, body = graphError(status * 1000 + 1, `answer ${status}`, { details: 'canned' })) => answerNext({ status, headers, body }),
    failNextWithError: () => answerNext({ status: 500, headers: JSON_HEADERS, body: graphError(131000, '(#131000) Something went wrong', { details: 'Something went wrong' }) }),
    rateLimitNext: () =>
      answerNext({ status: 400, headers: JSON_HEADERS, body: graphError(130429, '(#130429) Rate limit hit', { details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time', subcode: 2494055 }) }),
  };
}
