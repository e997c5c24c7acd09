import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import { AdminCreateUserBody, Me } from './users.schemas.ts';
import { toMe, type UsersUsecases } from './users.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Registered under /api/v1/admin/users; only for admins. */
export const adminUsersRoutes = (users: UsersUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.post(
    '/',
    {
      config: { admin: true, session: true },
      schema: {
        tags: ['admin'],
        summary: 'Create a user with a one-time password, which they must change at first login.',
        body: AdminCreateUserBody,
        response: { 201: Type.Object({ user: Me, one_time_password: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const { user, oneTimePassword } = await users.createUser({
        username: request.body.username, email: request.body.email, role: request.body.role ?? 'user',
        ...(request.body.full_name ? { fullName: request.body.full_name } : {}), ...(request.body.timezone ? { timezone: request.body.timezone } : {}),
        ...(request.body.language ? { language: request.body.language } : {}),
      });
      return reply.status(201).send({ user: toMe(user), one_time_password: oneTimePassword ?? '' });
    },
  );
};
