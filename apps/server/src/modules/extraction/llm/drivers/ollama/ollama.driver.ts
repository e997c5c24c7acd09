/**
 * Ollama's own chat API: POST {base}/api/chat with `stream: false` (one JSON object instead of a
 * stream of lines) and the JSON Schema in `format` (structured outputs, Ollama 0.5+), temperature 0
 * in `options` for a repeatable reading. The answer's JSON text is `message.content`;
 * `done_reason: "length"` means it was cut off. Errors are `{ "error": "..." }` (404 for a model that
 * is not pulled); the text is never shown. A key, when set, goes as a Bearer token (Ollama behind an
 * authenticating proxy, or ollama.com's API).
 */
import type { OutboundHttp } from '../../../../../shared/http/outbound.types.ts';
import { LlmCallError } from '../../llm.errors.ts';
import type { LlmDriver } from '../../llm.types.ts';
import { endpointUrl, failUnlessOk, hostOf, isRecord, parseJsonBody, postJson } from '../http-exchange.ts';

export function createOllamaDriver(deps: { http: OutboundHttp; baseUrl: string; apiKey?: string | undefined }): LlmDriver {
  const url = endpointUrl(deps.baseUrl, '/api/chat');
  const host = hostOf(url);
  return {
    provider: 'ollama',
    async complete(request) {
      const body = {
        model: request.model,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        stream: false,
        format: request.schema,
        options: { temperature: 0 },
      };
      const response = await postJson(deps.http, url, body, deps.apiKey, request);
      failUnlessOk(response, host);

      const json = parseJsonBody(response.body);
      const message = isRecord(json) && isRecord(json.message) ? json.message : undefined;
      if (!isRecord(json) || !message) throw new LlmCallError('malformed', `${host} did not answer with a chat response`);
      if (json.done_reason === 'length') throw new LlmCallError('truncated', 'the answer was cut off at the token limit');
      if (typeof message.content !== 'string' || message.content.trim() === '') throw new LlmCallError('malformed', `${host} answered without content`);
      return message.content;
    },
  };
}
