import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import type { TwoFactorUsecases } from './two-factor.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['two-factor'];
const session = { session: true };
const Code = Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code from the authenticator app.' });

export const twoFactorRoutes = (usecases: TwoFactorUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/',
    { config: session, schema: { tags, summary: 'Whether two-factor authentication is on, and how many recovery codes are left.', response: { 200: Type.Object({ enabled: Type.Boolean(), recovery_codes_left: Type.Integer() }), ...errors } } },
    async (request) => usecases.status(principalOf(request).userId),
  );

  app.post(
    '/setup',
    {
      config: session,
      schema: {
        tags,
        summary: 'Start enrolment: returns the secret once, as an otpauth URI and a QR code. Two-factor authentication is on only after /enable.',
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ secret: Type.String(), otpauth_uri: Type.String(), qr_code_svg: Type.String() }), ...errors },
      },
    },
    async (request) => usecases.startEnrolment(principalOf(request).userId, request.body.password),
  );

  app.post(
    '/enable',
    {
      config: session,
      schema: {
        tags,
        summary: 'Finish enrolment with a correct code; returns 10 one-time recovery codes, shown only now.',
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: Type.Object({ recovery_codes: Type.Array(Type.String()) }), ...errors },
      },
    },
    async (request) => usecases.confirmEnrolment(principalOf(request).userId, request.body.code),
  );

  app.post(
    '/disable',
    {
      config: session,
      schema: {
        tags,
        summary: 'Turn two-factor authentication off with your password and a current code or a recovery code.',
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }), code: Type.String({ minLength: 6, maxLength: 32 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await usecases.disable(principalOf(request).userId, request.body);
      return reply.status(204).send(null);
    },
  );
};
