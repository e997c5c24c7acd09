import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../app/authenticate.ts';
import { clearSessionCookies } from '../../app/session-cookies.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import type { DataExportUsecases } from '../data-export/data-export.usecases.ts';
import { ChangePasswordBody, DeleteMeBody, Me, UpdateMeBody } from './users.schemas.ts';
import type { UsersUsecases } from './users.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['users'];

export const usersRoutes = (deps: { users: UsersUsecases; dataExport: DataExportUsecases }): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/me',
    { config: { duringPasswordChange: true }, schema: { tags, summary: 'Your profile.', response: { 200: Me, ...errors } } },
    async (request) => deps.users.getMe(principalOf(request).userId),
  );

  app.patch(
    '/me',
    { schema: { tags, summary: 'Change your profile: name, e-mail, time zone (IANA), language (de/en), display preferences.', body: UpdateMeBody, response: { 200: Me, ...errors } } },
    async (request) => deps.users.updateMe(principalOf(request).userId, request.body),
  );

  app.put(
    '/me/password',
    { config: { session: true, duringPasswordChange: true }, schema: { tags, summary: 'Change your password (current one required); ends all your other sessions.', body: ChangePasswordBody, response: { 200: Type.Object({ ended_sessions: Type.Integer() }), ...errors } } },
    async (request) => {
      const principal = principalOf(request);
      return deps.users.changePassword(principal.userId, principal.sessionId, request.body);
    },
  );

  app.delete(
    '/me',
    { config: { session: true }, schema: { tags, summary: 'Delete your account and everything in it: documents, files, tasks, sessions, queued work. Needs your password.', body: DeleteMeBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deps.users.deleteAccount(principalOf(request).userId, request.body.password);
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/export',
    { config: { session: true }, schema: { tags, summary: 'All your data as one archive (.tar.gz: workmate-export.json plus your files); `workmate user import` restores it.', response: { 200: Type.Unknown({ description: 'application/gzip' }), ...errors } } },
    async (request, reply) => {
      const { filename, archive } = await deps.dataExport.exportUser(principalOf(request).userId);
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(archive);
    },
  );
};
