import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import { Completed, Planned, PlannedQuery, ReminderOutcome, ReminderParams, SnoozeBody, Timeline } from './reminders.schemas.ts';
import type { RemindersUsecases } from './reminders.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['reminders'];

/** Mounted at /api/v1/reminders. */
export const remindersRoutes = (usecases: RemindersUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/', { schema: { tags, summary: 'The pending reminders of all your open tasks that come in a time range, earliest first (the agenda).', querystring: PlannedQuery, response: { 200: Planned, ...errors } } }, async (request) =>
    usecases.planned(principalOf(request).userId, request.query.from, request.query.to),
  );
  app.post('/:id/snooze', { schema: { tags, summary: 'Bring this reminder back later; the task\'s other reminders before then stay quiet.', params: ReminderParams, body: SnoozeBody, response: { 200: ReminderOutcome, ...errors } } }, async (request) =>
    usecases.snooze(principalOf(request).userId, request.params.id, request.body.until),
  );
  app.post('/:id/acknowledge', { schema: { tags, summary: 'Seen it: this stage goes quiet, the later ones still come.', params: ReminderParams, response: { 200: ReminderOutcome, ...errors } } }, async (request) =>
    usecases.acknowledge(principalOf(request).userId, request.params.id),
  );
  app.post('/:id/complete', { schema: { tags, summary: 'Mark the task done: every pending reminder of it is cancelled, on every channel.', params: ReminderParams, response: { 200: Completed, ...errors } } }, async (request) =>
    usecases.complete(principalOf(request).userId, request.params.id),
  );
};

/** Mounted at /api/v1/tasks (the timeline belongs to a task). */
export const taskRemindersRoutes = (usecases: RemindersUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/:id/reminders', { schema: { tags, summary: 'The planned reminders of a task, past and future, each with its message and channels.', params: ReminderParams, response: { 200: Timeline, ...errors } } }, async (request) =>
    usecases.timeline(principalOf(request).userId, request.params.id),
  );
};
