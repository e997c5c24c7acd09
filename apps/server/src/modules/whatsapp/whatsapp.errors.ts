import { defineError } from '../../shared/errors/errors.ts';

export const webhookOff = defineError({
  code: 'whatsapp.webhook_off',
  status: 404,
  message: 'This Workmate receives no WhatsApp webhooks: the administrator sets WORKMATE_WHATSAPP_APP_SECRET and WORKMATE_WHATSAPP_VERIFY_TOKEN (see docs/channels.md).',
});
export const handshakeRefused = defineError({
  code: 'whatsapp.verify_token_mismatch',
  status: 403,
  message: 'hub.mode must be "subscribe" and hub.verify_token must be the verify token this Workmate was given.',
});
export const invalidChallenge = defineError({ code: 'whatsapp.invalid_challenge', status: 400, message: 'hub.challenge is missing or not a number.' });
export const badSignature = defineError({
  code: 'whatsapp.bad_signature',
  status: 401,
  message: 'The X-Hub-Signature-256 header is missing or is not the HMAC-SHA256 of the body with the app secret.',
});
export const notJson = defineError({ code: 'request.malformed_json', status: 400, message: 'The request body is not valid JSON.' });
