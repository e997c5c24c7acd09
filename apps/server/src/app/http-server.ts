/**
 * The HTTP server: Fastify with one schema per route (validation + OpenAPI at /api/openapi.json,
 * UI at /api/docs), request ids, JSON logs, the error handler, and the web app's static files.
 * Routes are thin: they call usecases built by the composition root.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../shared/logging/logger.ts';
import { createValidatorCompiler } from '../shared/http/validation.ts';
import { operationsRoutes } from '../modules/operations/operations.routes.ts';
import type { OperationsUsecases } from '../modules/operations/operations.usecases.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import type { SystemUsecases } from '../modules/system/system.usecases.ts';
import { requireAdminToken } from './admin-auth.ts';
import { registerErrorHandling } from './http-errors.ts';

export interface HttpDependencies {
  logger: Logger;
  settings: { maxJsonBodyBytes: number; adminToken: string | undefined; webRoot?: string };
  usecases: { system: SystemUsecases; operations: OperationsUsecases };
  version: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export async function buildHttpServer(deps: HttpDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.settings.maxJsonBodyBytes,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(createValidatorCompiler());
  // A JSON API: text/plain bodies are refused with 415 (they are also what a cross-site form can send).
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
  });
  registerErrorHandling(app, { maxJsonBodyBytes: deps.settings.maxJsonBodyBytes });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Workmate API', version: deps.version, description: 'Self-hosted assistant for personal paperwork.' },
      components: { securitySchemes: { operatorToken: { type: 'http', scheme: 'bearer', description: 'WORKMATE_ADMIN_TOKEN' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(systemRoutes(deps.usecases.system));
  await app.register(
    async (admin) => {
      admin.addHook('onRequest', requireAdminToken(deps.settings.adminToken));
      await admin.register(operationsRoutes(deps.usecases.operations));
    },
    { prefix: '/api/v1/admin' },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = deps.settings.webRoot;
  if (webRoot && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('Workmate is running. The web app is not built: run `npm run build`.\n'),
    );
  }
  return app;
}
