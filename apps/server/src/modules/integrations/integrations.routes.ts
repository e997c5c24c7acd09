import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import { CreateIntegrationBody, Integration, IntegrationList, IntegrationParams, TestResult, UpdateIntegrationBody } from './integrations.schemas.ts';
import type { IntegrationsUsecases } from './integrations.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['integrations'];

export const integrationsRoutes = (usecases: IntegrationsUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/', { schema: { tags, summary: 'Your channels and their state (secrets are never returned).', response: { 200: IntegrationList, ...errors } } }, async (request) => usecases.list(principalOf(request).userId));
  app.post('/', { schema: { tags, summary: 'Add a channel; its settings are checked against its type.', body: CreateIntegrationBody, response: { 201: Integration, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await usecases.create(principalOf(request).userId, request.body)),
  );
  app.get('/:id', { schema: { tags, summary: 'One channel.', params: IntegrationParams, response: { 200: Integration, ...errors } } }, async (request) => usecases.get(principalOf(request).userId, request.params.id));
  app.patch('/:id', { schema: { tags, summary: 'Change a channel (config replaces the stored settings; credentials replace the stored secrets, null removes them).', params: IntegrationParams, body: UpdateIntegrationBody, response: { 200: Integration, ...errors } } }, async (request) =>
    usecases.update(principalOf(request).userId, request.params.id, request.body),
  );
  app.delete('/:id', { schema: { tags, summary: 'Remove a channel.', params: IntegrationParams, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await usecases.remove(principalOf(request).userId, request.params.id);
    return reply.status(204).send(null);
  });
  app.post('/:id/test', { schema: { tags, summary: 'Send a test message now; answers whether it was delivered and, if not, why.', params: IntegrationParams, response: { 200: TestResult, ...errors } } }, async (request) =>
    usecases.test(principalOf(request).userId, request.params.id),
  );
};
