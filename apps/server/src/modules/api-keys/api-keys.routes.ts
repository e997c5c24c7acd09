import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import type { ApiKeysUsecases } from './api-keys.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['api-keys'];
const Instant = Type.String({ format: 'date-time' });
const ApiKey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  key_prefix: Type.String({ description: 'The first characters of the key, to tell keys apart.' }),
  created_at: Instant,
  last_used_at: Type.Union([Instant, Type.Null()]),
  expires_at: Type.Union([Instant, Type.Null()]),
});

export const apiKeysRoutes = (usecases: ApiKeysUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.post(
    '/',
    {
      config: { session: true },
      schema: {
        tags,
        summary: 'Create an API key for a script or integration; the key is in this response only. Use it as `Authorization: Bearer <key>`.',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), expires_at: Type.Optional(Instant) }, { additionalProperties: false }),
        response: { 201: Type.Intersect([ApiKey, Type.Object({ key: Type.String() })]), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await usecases.create(principalOf(request).userId, request.body)),
  );

  app.get('/', { config: { session: true }, schema: { tags, summary: 'Your API keys (without the keys themselves).', response: { 200: Type.Array(ApiKey), ...errors } } }, async (request) =>
    usecases.list(principalOf(request).userId),
  );

  app.delete(
    '/:id',
    { config: { session: true }, schema: { tags, summary: 'Revoke an API key.', params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await usecases.revoke(principalOf(request).userId, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
