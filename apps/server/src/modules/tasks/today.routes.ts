import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import { Today } from './tasks.schemas.ts';
import type { TasksUsecases } from './tasks.usecases.ts';

export const todayRoutes = (usecases: TasksUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/',
    { schema: { tags: ['tasks'], summary: 'Today, calmly: overdue first, then due within 48 hours, documents that need a look, tasks that can start now, and a count of the rest.', response: { 200: Today, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse } } },
    async (request) => usecases.today(principalOf(request).userId),
  );
};
