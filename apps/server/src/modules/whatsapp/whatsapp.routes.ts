import type { FastifyPluginAsync } from 'fastify';
import { WHATSAPP_WEBHOOK_MAX_BYTES } from './whatsapp.models.ts';
import type { WhatsAppWebhookUsecases } from './whatsapp.usecases.ts';

/**
 * Where Meta sends WhatsApp Cloud API webhooks (set up in the Meta app, see docs/channels.md). Not
 * part of the API: no session; the GET is checked by the verify token, the POST by its
 * X-Hub-Signature-256, which Meta computes over the body's exact bytes. So in this plugin (and only
 * here: content type parsers are scoped to it) every body is taken unparsed, as a Buffer of at most
 * Meta's documented 3 MB, whatever its content type; the usecase parses it after the signature.
 */
export const whatsappWebhookRoutes = (usecases: WhatsAppWebhookUsecases): FastifyPluginAsync => async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.get('/hooks/whatsapp', { schema: { hide: true } }, async (request, reply) =>
    reply.type('text/plain; charset=utf-8').send(usecases.handshake(request.query)),
  );

  app.post('/hooks/whatsapp', { schema: { hide: true }, bodyLimit: WHATSAPP_WEBHOOK_MAX_BYTES }, async (request, reply) => {
    const signature = request.headers['x-hub-signature-256'];
    await usecases.receive(typeof signature === 'string' ? signature : undefined, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
    return reply.status(200).send();
  });
};
