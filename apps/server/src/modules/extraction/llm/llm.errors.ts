/**
 * Why a call to the LLM endpoint gave no usable answer. The message is shown to the user as a
 * document warning and may be logged: it names the host, a status and the provider's error code at
 * most, never the API key, the request or the answer text (an endpoint's error text can echo
 * either).
 */
export type LlmFailure =
  | 'forbidden_target' // the endpoint resolves to a private network and that is not allowed
  | 'unreachable' // DNS, connection refused, reset
  | 'timeout'
  | 'aborted' // the caller's signal
  | 'unauthorized' // 401 / 403
  | 'rate_limited' // 429
  | 'not_found' // 404: wrong base URL or unknown model
  | 'rejected' // another 4xx
  | 'server' // 5xx
  | 'malformed' // not the protocol's JSON, or the content is not JSON
  | 'refused' // the model declined (OpenAI `message.refusal`, finish_reason content_filter)
  | 'truncated'; // the answer hit the token limit

export class LlmCallError extends Error {
  override name = 'LlmCallError';
  constructor(
    readonly failure: LlmFailure,
    message: string,
  ) {
    super(message);
  }
}
