import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import { Page, PageQuery } from '../../shared/http/pagination.ts';
import type { SearchUsecases } from './search.usecases.ts';

const Hit = Type.Object({
  kind: Type.Enum(['task', 'document']),
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  snippet: Type.String({ description: 'HTML-escaped text with the matches in <mark>.' }),
  rank: Type.Number(),
});

export const searchRoutes = (usecases: SearchUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['search'],
        summary: 'Search your tasks and documents (German word forms: "Rechnungen" finds "Rechnung"), best matches first.',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }), ...PageQuery }, { additionalProperties: false }),
        response: { 200: Type.Intersect([Page(Hit), Type.Object({ corrected_query: Type.Optional(Type.String({ description: 'Set when nothing matched and one typo was forgiven.' })) })]), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => usecases.search(principalOf(request).userId, request.query),
  );
};
