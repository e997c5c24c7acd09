import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import { MergeTagBody, Tag, TagBody } from '../tasks/tasks.schemas.ts';
import type { TagsUsecases } from './tags.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['tags'];
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const tagsRoutes = (usecases: TagsUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/', { schema: { tags, summary: 'Your tags with how many tasks carry each.', response: { 200: Type.Array(Tag), ...errors } } }, async (request) => usecases.list(principalOf(request).userId));

  app.post('/', { schema: { tags, summary: 'Create a tag (names are unique ignoring case).', body: TagBody, response: { 201: Tag, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await usecases.create(principalOf(request).userId, request.body.name)),
  );

  app.patch('/:id', { schema: { tags, summary: 'Rename a tag.', params: Params, body: TagBody, response: { 200: Tag, ...errors } } }, async (request) =>
    usecases.rename(principalOf(request).userId, request.params.id, request.body.name),
  );

  app.delete('/:id', { schema: { tags, summary: 'Delete a tag (its tasks stay).', params: Params, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await usecases.remove(principalOf(request).userId, request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/:id/merge', { schema: { tags, summary: 'Merge this tag into another: its tasks move there and it goes away.', params: Params, body: MergeTagBody, response: { 200: Tag, ...errors } } }, async (request) =>
    usecases.merge(principalOf(request).userId, request.params.id, request.body.into_tag_id),
  );
};
