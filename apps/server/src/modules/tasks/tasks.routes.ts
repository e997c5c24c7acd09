import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import { AttachTagBody, CreateTaskBody, QuickAddBody, QuickDraft, DependencyBody, DependencyParams, ListTasksQuery, Task, TaskPage, TaskParams, TaskTagParams, TaskWithOutcome, UpdateTaskBody } from './tasks.schemas.ts';
import type { TasksUsecases } from './tasks.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const tags = ['tasks'];

export const tasksRoutes = (usecases: TasksUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/', { schema: { tags, summary: 'Create a task (a `due_date` given as YYYY-MM-DD is the end of that day in your time zone).', body: CreateTaskBody, response: { 201: Task, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await usecases.create(principalOf(request).userId, request.body)),
  );

  app.post('/parse', { schema: { tags, summary: 'Read a quick-add line (German or English) into a task draft, without saving it.', body: QuickAddBody, response: { 200: QuickDraft, ...errors } } }, async (request) =>
    usecases.parse(principalOf(request).userId, request.body.text),
  );

  app.post('/quick', { schema: { tags, summary: 'Create a task from a quick-add line.', body: QuickAddBody, response: { 201: Task, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await usecases.quickAdd(principalOf(request).userId, request.body.text)),
  );

  app.get('/', { schema: { tags, summary: 'Your tasks, filtered and sorted, each with tags, sub-step counts and whether it is blocked.', querystring: ListTasksQuery, response: { 200: TaskPage, ...errors } } }, async (request) =>
    usecases.list(principalOf(request).userId, request.query),
  );

  app.get('/:id', { schema: { tags, summary: 'One task.', params: TaskParams, response: { 200: Task, ...errors } } }, async (request) => usecases.get(principalOf(request).userId, request.params.id));

  app.patch(
    '/:id',
    { schema: { tags, summary: 'Change a task. Completing a recurring one creates the next instance; completing the last sub-step says the parent is ready.', params: TaskParams, body: UpdateTaskBody, response: { 200: TaskWithOutcome, ...errors } } },
    async (request) => usecases.update(principalOf(request).userId, request.params.id, request.body),
  );

  app.delete('/:id', { schema: { tags, summary: 'Delete a task and its sub-steps.', params: TaskParams, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await usecases.remove(principalOf(request).userId, request.params.id);
    return reply.status(204).send(null);
  });

  app.post(
    '/:id/dependencies',
    { schema: { tags, summary: 'Make this task wait for another one; a circle of waiting tasks is refused.', params: TaskParams, body: DependencyBody, response: { 200: Task, ...errors } } },
    async (request) => usecases.addDependency(principalOf(request).userId, request.params.id, request.body.depends_on_task_id),
  );

  app.delete('/:id/dependencies/:other', { schema: { tags, summary: 'Stop waiting for a task.', params: DependencyParams, response: { 200: Task, ...errors } } }, async (request) =>
    usecases.removeDependency(principalOf(request).userId, request.params.id, request.params.other),
  );

  app.post('/:id/tags', { schema: { tags, summary: 'Attach a tag.', params: TaskParams, body: AttachTagBody, response: { 200: Task, ...errors } } }, async (request) =>
    usecases.attachTag(principalOf(request).userId, request.params.id, request.body.tag_id),
  );

  app.delete('/:id/tags/:tag_id', { schema: { tags, summary: 'Detach a tag.', params: TaskTagParams, response: { 200: Task, ...errors } } }, async (request) =>
    usecases.detachTag(principalOf(request).userId, request.params.id, request.params.tag_id),
  );
};
