import { defineError } from '../../shared/errors/errors.ts';

export const notConfigured = defineError({
  code: 'telegram.not_configured',
  status: 409,
  message: 'This Workmate has no Telegram bot. The administrator sets WORKMATE_TELEGRAM_BOT_TOKEN (see docs/channels-telegram.md).',
});
export const botRefused = defineError({
  code: 'telegram.bot_refused',
  status: 502,
  message: "Telegram refused this Workmate's bot token; the administrator must check WORKMATE_TELEGRAM_BOT_TOKEN.",
});
export const unreachable = defineError({ code: 'telegram.unreachable', status: 502, message: 'Telegram could not be reached; try again in a moment.' });
export const webhookOff = defineError({ code: 'route.not_found', status: 404, message: 'No route POST /hooks/telegram.' });
export const webhookUnauthorized = defineError({ code: 'telegram.webhook_unauthorized', status: 401, message: 'The X-Telegram-Bot-Api-Secret-Token header is missing or wrong.' });
export const invalidUpdate = defineError({ code: 'telegram.invalid_update', status: 400, message: 'The body is not a Telegram update: update_id must be an integer.' });
