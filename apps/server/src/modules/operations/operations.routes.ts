import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import type { OperationsUsecases } from './operations.usecases.ts';
import { Job, JobPage, JobParams, ListJobsQuery } from './operations.schemas.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** Registered under /api/v1/admin; only for admins (others get 404). */
const admin = { admin: true };
export const operationsRoutes = (usecases: OperationsUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/jobs',
    { config: admin, schema: { tags: ['operations'], summary: 'List jobs; `status=dead` is the dead-letter list with each last error.', querystring: ListJobsQuery, response: { 200: JobPage, ...errors } } },
    async (request) => usecases.listJobs(request.query),
  );

  app.get(
    '/jobs/:id',
    { config: admin, schema: { tags: ['operations'], summary: 'One job with its state and last error.', params: JobParams, response: { 200: Job, ...errors } } },
    async (request) => usecases.getJob(request.params.id),
  );

  app.post(
    '/jobs/:id/retry',
    { config: admin, schema: { tags: ['operations'], summary: 'Put a dead-lettered job back in the queue with fresh attempts.', params: JobParams, response: { 200: Job, 409: ErrorResponse, ...errors } } },
    async (request) => usecases.retryJob(request.params.id),
  );
};
