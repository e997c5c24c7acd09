/** Shared by the local receivers the driver tests start (push service, webhook sink, provider mocks). */
import type { IncomingMessage } from 'node:http';

/** The whole body, or undefined when it is longer than `limit` (read to the end either way, so the answer reaches the client). */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length <= limit) chunks.push(chunk);
  }
  return length > limit ? undefined : Buffer.concat(chunks);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The body parsed when it is a JSON object (what providers that take "message JSON" accept), else undefined. */
export function parseJsonObject(raw: Buffer): unknown {
  const parsed = parseJson(raw.toString('utf8'));
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
}

/** A header's first value. */
export function header(request: Pick<IncomingMessage, 'headers'>, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
