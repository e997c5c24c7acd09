import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../app/authenticate.ts';
import { ErrorResponse } from '../../shared/http/error-schema.ts';
import { LinkResponse } from './telegram.schemas.ts';
import type { TelegramUsecases } from './telegram.usecases.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse, 502: ErrorResponse };

/** Under /api/v1/integrations/telegram. */
export const telegramLinkRoutes = (usecases: TelegramUsecases): FastifyPluginAsyncTypebox => async (app) => {
  app.post(
    '/link',
    {
      schema: {
        tags: ['integrations'],
        summary: 'Start linking Telegram: a one-time code (10 minutes) and the t.me link that sends it to the bot; the chat that sends it becomes your telegram channel. 409 when this Workmate has no bot.',
        response: { 201: LinkResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await usecases.link(principalOf(request).userId)),
  );
};

/**
 * Where Telegram posts updates in webhook mode (setWebhook with a secret token). Not part of the
 * API: no session, checked by the X-Telegram-Bot-Api-Secret-Token header instead; the body is
 * Telegram's Update, which gains fields over time, so it is read leniently (update_id required).
 */
export const telegramWebhookRoutes = (usecases: TelegramUsecases): FastifyPluginAsync => async (app) => {
  app.post('/hooks/telegram', { schema: { hide: true } }, async (request, reply) => {
    const secret = request.headers['x-telegram-bot-api-secret-token'];
    await usecases.receiveWebhook(typeof secret === 'string' ? secret : undefined, request.body);
    return reply.status(204).send();
  });
};
