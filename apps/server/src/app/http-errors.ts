/**
 * The one place that turns errors into responses: `{ "error": { "code", "message", "details"? } }`.
 * Client mistakes get a 4xx naming the problem; anything unexpected is logged and answered with a
 * 500 that reveals nothing but the request id.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { isAppError } from '../shared/errors/errors.ts';
import { describeValidationErrors } from '../shared/http/validation.ts';

const FASTIFY_CODES: Record<string, { code: string; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'request.malformed_json', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'request.empty_body', message: 'The request says it has a JSON body, but the body is empty.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'request.body_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'request.unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'request.invalid_content_length' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'request.unsupported_media_type' },
  FST_ERR_BAD_URL: { code: 'request.bad_url' },
};

export function registerErrorHandling(app: FastifyInstance, options: { maxJsonBodyBytes: number }) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      reply.headers(error.headers);
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
    }
    if (error.validation) {
      const problems = describeValidationErrors(error.validation as never, error.validationContext ?? 'request');
      const message = problems.map((problem) => `${problem.location}.${problem.field} ${problem.problem}`).join('; ');
      return reply.status(400).send({ error: { code: 'request.validation_failed', message, details: problems } });
    }
    if (error instanceof SyntaxError && /JSON/i.test(error.message)) {
      return reply.status(400).send({ error: { code: 'request.malformed_json', message: 'The request body is not valid JSON.' } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known = error.code ? FASTIFY_CODES[error.code] : undefined;
      const message =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? options.maxJsonBodyBytes} bytes.`
          : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? `Unsupported Content-Type "${request.headers['content-type'] ?? ''}"; send application/json.`
            : (known?.message ?? error.message);
      return reply.status(status).send({ error: { code: known?.code ?? 'request.invalid', message } });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({
      error: { code: 'internal_error', message: `Something went wrong on our side. Request id: ${request.id}.` },
    });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'route.not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } }),
  );
}
