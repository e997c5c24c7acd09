/**
 * The HTTP server: Fastify with one schema per route (validation + OpenAPI at /api/openapi.json,
 * UI at /api/docs), request ids, JSON logs, the error handler, and the web app's static files.
 * Routes are thin: they call usecases built by the composition root.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { Logger } from '../shared/logging/logger.ts';
import { createValidatorCompiler } from '../shared/http/validation.ts';
import { apiKeysRoutes } from '../modules/api-keys/api-keys.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { invitesRoutes } from '../modules/invites/invites.routes.ts';
import { operationsRoutes } from '../modules/operations/operations.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import { tagsRoutes } from '../modules/tags/tags.routes.ts';
import { tasksRoutes } from '../modules/tasks/tasks.routes.ts';
import { todayRoutes } from '../modules/tasks/today.routes.ts';
import { searchRoutes } from '../modules/search/search.routes.ts';
import { documentsRoutes } from '../modules/documents/documents.routes.ts';
import { twoFactorRoutes } from '../modules/two-factor/two-factor.routes.ts';
import { integrationsRoutes } from '../modules/integrations/integrations.routes.ts';
import { notificationsRoutes } from '../modules/notifications/notifications.routes.ts';
import { actionLinksRoutes } from '../modules/reminders/reminders.links.routes.ts';
import { telegramLinkRoutes, telegramWebhookRoutes } from '../modules/telegram/telegram.routes.ts';
import { whatsappWebhookRoutes } from '../modules/whatsapp/whatsapp.routes.ts';
import { remindersRoutes, taskRemindersRoutes } from '../modules/reminders/reminders.routes.ts';
import { adminUsersRoutes } from '../modules/users/admin-users.routes.ts';
import { usersRoutes } from '../modules/users/users.routes.ts';
import type { Clock } from '../shared/clock/clock.ts';
import { authenticate } from './authenticate.ts';
import type { Container } from './container.ts';
import { registerErrorHandling } from './http-errors.ts';

export interface HttpDependencies {
  logger: Logger;
  clock: Clock;
  settings: { maxJsonBodyBytes: number; maxUploadBytes: number; accessTokenTtlSeconds: number; trustedProxies: string | undefined; webRoot?: string };
  usecases: Container['usecases'];
  version: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const WEB_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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
    // X-Forwarded-For/-Proto are believed only from the proxies the operator lists.
    trustProxy: deps.settings.trustedProxies ? deps.settings.trustedProxies.split(',') : false,
  });
  app.setValidatorCompiler(createValidatorCompiler());
  // API routes that declare no query parameters refuse any: a typo ("?page_sise=") is an error, not ignored.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/') && !route.schema?.querystring) {
      route.schema = { ...route.schema, querystring: Type.Object({}, { additionalProperties: false }) };
    }
  });
  // A JSON API: text/plain bodies are refused with 415 (they are also what a cross-site form can send).
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // The web app and everything else outside the API docs: no inline script, no framing. (The docs UI
    // sets its own, with hashes; stored user files set `sandbox`, which must not be loosened.)
    if (!request.url.startsWith('/api/docs')) {
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', WEB_CSP);
      reply.header('x-frame-options', 'DENY');
    }
  });
  registerErrorHandling(app, { maxJsonBodyBytes: deps.settings.maxJsonBodyBytes });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Workmate API', version: deps.version, description: 'Self-hosted assistant for personal paperwork.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An access token from /api/v1/auth/login, or an API key (wmk_…).' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'wm_access', description: 'Web sessions; state-changing requests also send X-CSRF-Token.' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(systemRoutes(deps.usecases.system));
  await app.register(actionLinksRoutes({ links: deps.usecases.links, reminders: deps.usecases.reminders, languageOf: deps.usecases.links.languageOf }));
  const { usecases } = deps;
  await app.register(telegramWebhookRoutes(usecases.telegram));
  await app.register(whatsappWebhookRoutes(usecases.whatsappWebhook));
  await app.register(
    async (api) => {
      api.addHook('onRequest', authenticate({ auth: usecases.auth, apiKeys: usecases.apiKeys }));
      await api.register(authRoutes({ auth: usecases.auth, invites: usecases.invites, clock: deps.clock, accessTokenTtlSeconds: deps.settings.accessTokenTtlSeconds }), { prefix: '/auth' });
      await api.register(twoFactorRoutes(usecases.twoFactor), { prefix: '/auth/2fa' });
      await api.register(apiKeysRoutes(usecases.apiKeys), { prefix: '/auth/api-keys' });
      await api.register(usersRoutes({ users: usecases.users, dataExport: usecases.dataExport }), { prefix: '/users' });
      await api.register(documentsRoutes(usecases.documents, { maxUploadBytes: deps.settings.maxUploadBytes }), { prefix: '/documents' });
      await api.register(tasksRoutes(usecases.tasks), { prefix: '/tasks' });
      await api.register(taskRemindersRoutes(usecases.reminders), { prefix: '/tasks' });
      await api.register(remindersRoutes(usecases.reminders), { prefix: '/reminders' });
      await api.register(notificationsRoutes({ usecases: usecases.notifications, live: usecases.live, pushKey: usecases.pushKey }), { prefix: '/notifications' });
      await api.register(integrationsRoutes(usecases.integrations), { prefix: '/integrations' });
      await api.register(telegramLinkRoutes(usecases.telegram), { prefix: '/integrations/telegram' });
      await api.register(tagsRoutes(usecases.tags), { prefix: '/tags' });
      await api.register(todayRoutes(usecases.tasks), { prefix: '/today' });
      await api.register(searchRoutes(usecases.search), { prefix: '/search' });
      await api.register(operationsRoutes(usecases.operations), { prefix: '/admin' });
      await api.register(adminUsersRoutes(usecases.users), { prefix: '/admin/users' });
      await api.register(invitesRoutes(usecases.invites), { prefix: '/admin/invites' });
    },
    { prefix: '/api/v1' },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = deps.settings.webRoot;
  if (webRoot && existsSync(webRoot)) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      // Vite names built assets by their content hash: they never change. Everything else (index.html,
      // sw.js, the manifest) is checked on every load, so an update reaches users at once.
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // The app's own URLs (/tasks/…, /documents/…/review) are routes of the single-page app: a reload
    // or a link from an e-mail gets index.html. API paths and missing files stay 404s.
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      if (path.startsWith('/api/') || path.startsWith('/a/') || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('Workmate is running. The web app is not built: run `npm run build`.\n'),
    );
  }
  return app;
}
