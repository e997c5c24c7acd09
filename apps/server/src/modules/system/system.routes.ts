/** Liveness and readiness probes for process managers and load balancers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import type { SystemUsecases } from './system.usecases.ts';

export const systemRoutes = (usecases: SystemUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process is up and serving requests.',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database answers and its schema is current.',
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Type.String(), migrations: Type.String() }),
          503: ErrorResponse,
        },
      },
    },
    async (_request, reply) => {
      const readiness = await usecases.checkReadiness();
      if (readiness.ready) return { status: 'ready' as const, database: 'ok', migrations: 'current' };
      return reply.status(503).send({ error: { code: 'system.not_ready', message: readiness.reason, details: readiness.details } });
    },
  );
};
