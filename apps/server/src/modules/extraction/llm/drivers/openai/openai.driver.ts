/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure-style gateways, vLLM, llama.cpp
 * server, LM Studio, LiteLLM, ...): POST {base}/chat/completions with Structured Outputs,
 * `response_format: { type: 'json_schema', json_schema: { name, schema, strict: true } }`.
 *
 * The answer is `choices[0].message`: `content` holds the JSON text; `refusal` is set instead when
 * the model declines (as is finish_reason `content_filter`); finish_reason `length` means the JSON
 * was cut off. Errors come as `{ error: { message, type, param, code } }`; only the status and the
 * `code` (or `type`) are used, the message is never shown. No `temperature` is sent: some models
 * accept only their default.
 */
import type { OutboundHttp } from '../../../../../shared/http/outbound.types.ts';
import { LlmCallError } from '../../llm.errors.ts';
import type { LlmDriver } from '../../llm.types.ts';
import { endpointUrl, failUnlessOk, hostOf, isRecord, parseJsonBody, postJson } from '../http-exchange.ts';

export function createOpenAiDriver(deps: { http: OutboundHttp; baseUrl: string; apiKey?: string | undefined }): LlmDriver {
  const url = endpointUrl(deps.baseUrl, '/chat/completions');
  const host = hostOf(url);
  return {
    provider: 'openai',
    async complete(request) {
      const body = {
        model: request.model,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        response_format: { type: 'json_schema', json_schema: { name: request.schemaName, schema: request.schema, strict: true } },
      };
      const response = await postJson(deps.http, url, body, deps.apiKey, request);
      const json = parseJsonBody(response.body);
      const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
      failUnlessOk(response, host, error?.code ?? error?.type);

      const choice = isRecord(json) && Array.isArray(json.choices) ? json.choices[0] : undefined;
      const message = isRecord(choice) && isRecord(choice.message) ? choice.message : undefined;
      if (!isRecord(choice) || !message) throw new LlmCallError('malformed', `${host} did not answer with a chat completion`);
      if (typeof message.refusal === 'string' && message.refusal.trim() !== '') throw new LlmCallError('refused', 'the model refused to read the document');
      if (choice.finish_reason === 'content_filter') throw new LlmCallError('refused', "the endpoint's content filter stopped the answer");
      if (choice.finish_reason === 'length') throw new LlmCallError('truncated', 'the answer was cut off at the token limit');
      if (typeof message.content !== 'string' || message.content.trim() === '') throw new LlmCallError('malformed', `${host} answered without content`);
      return message.content;
    },
  };
}
