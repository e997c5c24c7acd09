import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import { EMAIL_PATTERN } from '../users/users.models.ts';
import type { InvitesUsecases } from './invites.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['admin'];
const admin = { admin: true, session: true };
const Instant = Type.String({ format: 'date-time' });
const Invite = Type.Object({ id: Type.String({ format: 'uuid' }), email: Type.Union([Type.String(), Type.Null()]), expires_at: Instant, used_at: Type.Union([Instant, Type.Null()]), created_at: Instant });

/** Registered under /api/v1/admin/invites; only for admins. */
export const invitesRoutes = (usecases: InvitesUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.post(
    '/',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Make a single-use invite link (registration mode `invite`).',
        body: Type.Object({ email: Type.Optional(Type.String({ pattern: EMAIL_PATTERN, maxLength: 255 })), expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })) }, { additionalProperties: false }),
        response: { 201: Type.Intersect([Invite, Type.Object({ token: Type.String(), url: Type.String() })]), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await usecases.create(principalOf(request).userId, request.body)),
  );

  app.get('/', { config: admin, schema: { tags, summary: 'Invites you made.', response: { 200: Type.Array(Invite), ...errors } } }, async (request) => usecases.list(principalOf(request).userId));

  app.delete(
    '/:id',
    { config: admin, schema: { tags, summary: 'Withdraw an invite.', params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await usecases.revoke(principalOf(request).userId, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
