/**
 * The pages behind signed action links (`/a/<token>`), for people who act from an e-mail without
 * signing in. Opening the link (GET: mail scanners and link previews do that) only shows a page with
 * one button; the button POSTs, which does the action once. No referrer leaves the page (the token
 * is in its URL) and nothing is cached.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { escapeHtml } from '../notifications/drivers/email/email.templates.ts';
import { InvalidActionTokenError, type ActionClaims } from './reminders.links.models.ts';
import type { ActionLinks } from './reminders.links.ts';
import type { RemindersUsecases } from './reminders.usecases.ts';
import { isAppError } from '../../shared/errors/errors.ts';

type Language = 'de' | 'en';

const TEXT = {
  de: { done: 'Als erledigt markieren', snooze: 'Später erinnern', acknowledge: 'Gesehen', invalid: 'Dieser Link ist nicht gültig.', expired: 'Dieser Link ist abgelaufen. Öffne Workmate, um die Aufgabe zu sehen.', used: 'Dieser Link wurde schon benutzt.', doneOk: 'Erledigt. Alle weiteren Erinnerungen dazu sind gestoppt.', snoozeOk: 'Alles klar, ich erinnere dich später wieder.', ackOk: 'Danke, diese Stufe ist jetzt still.', failed: 'Das ging gerade nicht: ', presets: { '1h': 'In 1 Stunde', '3h': 'In 3 Stunden', tomorrow: 'Morgen früh', next_week: 'Nächste Woche' } },
  en: { done: 'Mark as done', snooze: 'Remind me later', acknowledge: 'Seen it', invalid: 'This link is not valid.', expired: 'This link has expired. Open Workmate to see the task.', used: 'This link was already used.', doneOk: 'Done. Every further reminder about it is stopped.', snoozeOk: 'Alright, I will remind you again later.', ackOk: 'Thanks, this stage is quiet now.', failed: 'That did not work: ', presets: { '1h': 'In 1 hour', '3h': 'In 3 hours', tomorrow: 'Tomorrow morning', next_week: 'Next week' } },
} as const;

export const actionLinksRoutes = (deps: { links: ActionLinks; reminders: RemindersUsecases; languageOf: (userId: string) => Promise<Language> }): FastifyPluginAsync => async (app) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  async function claimsOf(token: string, reply: FastifyReply): Promise<{ claims: ActionClaims; language: Language } | undefined> {
    try {
      const claims = deps.links.verify(token);
      return { claims, language: await deps.languageOf(claims.userId) };
    } catch (error) {
      if (!(error instanceof InvalidActionTokenError)) throw error;
      await page(reply, error.reason === 'expired' ? 410 : 400, 'de', error.reason === 'expired' ? `${TEXT.de.expired} / ${TEXT.en.expired}` : `${TEXT.de.invalid} / ${TEXT.en.invalid}`);
      return undefined;
    }
  }

  app.get<{ Params: { token: string } }>('/a/:token', { schema: { hide: true } }, async (request, reply) => {
    const checked = await claimsOf(request.params.token, reply);
    if (!checked) return reply;
    const { claims, language } = checked;
    const text = TEXT[language];
    const buttons =
      claims.action === 'snooze'
        ? (['1h', '3h', 'tomorrow', 'next_week'] as const).map((preset) => `<button name="until" value="${preset}">${escapeHtml(text.presets[preset])}</button>`).join('\n')
        : `<button>${escapeHtml(claims.action === 'done' ? text.done : text.acknowledge)}</button>`;
    return page(reply, 200, language, `<form method="post">${buttons}</form>`, true);
  });

  app.post<{ Params: { token: string }; Body: Record<string, string> | undefined }>('/a/:token', { schema: { hide: true } }, async (request, reply) => {
    const checked = await claimsOf(request.params.token, reply);
    if (!checked) return reply;
    const { claims, language } = checked;
    const text = TEXT[language];
    const until = request.body?.until ?? 'tomorrow';
    if (!(await deps.links.consumeNow(request.params.token, claims))) return page(reply, 409, language, escapeHtml(text.used));
    try {
      if (claims.action === 'done') await deps.reminders.complete(claims.userId, claims.reminderId);
      else if (claims.action === 'snooze') await deps.reminders.snooze(claims.userId, claims.reminderId, until);
      else await deps.reminders.acknowledge(claims.userId, claims.reminderId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(reply, error.status, language, escapeHtml(text.failed + error.message));
    }
    return page(reply, 200, language, escapeHtml(claims.action === 'done' ? text.doneOk : claims.action === 'snooze' ? text.snoozeOk : text.ackOk));
  });
};

async function page(reply: FastifyReply, status: number, language: Language, content: string, isHtml = false) {
  const body = isHtml ? content : `<p>${content}</p>`;
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    .send(`<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Workmate</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1f2933}button{display:block;width:100%;margin:.5rem 0;padding:.9rem;font-size:1.05rem;border:1px solid #3b6e8f;border-radius:.5rem;background:#eef5f9;color:#1f2933}</style></head>
<body><h1>Workmate</h1>${body}</body></html>`);
}
