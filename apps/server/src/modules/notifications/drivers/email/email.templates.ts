/**
 * The e-mail a ChannelMessage becomes: subject, plain text and HTML. Pure: the words come from the
 * message (already discreet when they must be); this file only adds the chrome around them (the
 * link to the task, the footer that says why the mail came) and escapes everything it did not write.
 * The HTML uses inline styles only and no images, so it reads the same in clients that strip
 * `<style>` or block remote content.
 */
import type { ChannelMessage, MessageLanguage } from '../../notifications.types.ts';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface EmailTemplateOptions {
  /** Absolute URL of the page where the user turns e-mail reminders off; the footer links it when given. */
  settingsUrl?: string;
}

const CHROME: Record<MessageLanguage, { open: string; why: string; settings: string }> = {
  de: {
    open: 'In Workmate öffnen',
    why: 'Du bekommst diese E-Mail, weil du Erinnerungen per E-Mail eingeschaltet hast.',
    settings: 'Einstellungen',
  },
  en: {
    open: 'Open in Workmate',
    why: 'You are getting this e-mail because you turned on reminders by e-mail.',
    settings: 'Settings',
  },
};

/** A thin accent line only: the words carry the urgency, the colour must not shout. */
const ACCENT: Record<ChannelMessage['severity'], string> = {
  info: '#8da2b8',
  warning: '#d9a441',
  urgent: '#d9822b',
  critical: '#b5523b',
};
const NEUTRAL_ACCENT = '#8da2b8';
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const LINK_COLOUR = '#2f5d8a';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Only web links become links: a `javascript:` or `data:` URL in a message is a bug upstream, never a button. */
export function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** A subject is one line; a line break in a title would otherwise end up folded or refused by the server. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

interface Link {
  label: string;
  url: string;
}

function linksOf(message: ChannelMessage): { actions: Link[]; open: Link | undefined } {
  const actions = message.actions.filter((action) => isWebUrl(action.url)).map(({ label, url }) => ({ label: oneLine(label), url }));
  const coveredByAction = actions.some((action) => action.url === message.url);
  const open = isWebUrl(message.url) && !coveredByAction ? { label: CHROME[message.language].open, url: message.url } : undefined;
  return { actions, open };
}

export function renderEmail(message: ChannelMessage, options: EmailTemplateOptions = {}): EmailContent {
  const subject = oneLine(message.title);
  const links = linksOf(message);
  const settingsUrl = options.settingsUrl !== undefined && isWebUrl(options.settingsUrl) ? options.settingsUrl : undefined;
  return {
    subject,
    text: renderText(message, subject, links, settingsUrl),
    html: renderHtml(message, subject, links, settingsUrl),
  };
}

function renderText(message: ChannelMessage, subject: string, links: ReturnType<typeof linksOf>, settingsUrl: string | undefined): string {
  const chrome = CHROME[message.language];
  const lines = [subject, '', message.body.trim(), ''];
  for (const link of [...links.actions, ...(links.open ? [links.open] : [])]) lines.push(`${link.label}: ${link.url}`);
  lines.push('', '-- ', settingsUrl === undefined ? chrome.why : `${chrome.why} ${chrome.settings}: ${settingsUrl}`);
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function button(link: Link, primary: boolean): string {
  const colours = primary
    ? `background-color:${LINK_COLOUR};color:#ffffff;border:1px solid ${LINK_COLOUR};`
    : `background-color:#ffffff;color:${LINK_COLOUR};border:1px solid #c5d0dc;`;
  return (
    `<a href="${escapeHtml(link.url)}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 18px;border-radius:6px;` +
    `${colours}font-family:${FONT};font-size:15px;font-weight:600;line-height:20px;text-decoration:none;">${escapeHtml(link.label)}</a>`
  );
}

function paragraphs(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p style="margin:0 0 14px;font-size:15px;line-height:1.55;">${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function renderHtml(message: ChannelMessage, subject: string, links: ReturnType<typeof linksOf>, settingsUrl: string | undefined): string {
  const chrome = CHROME[message.language];
  // A discreet message says nothing beyond its words, not even how urgent it is.
  const accent = message.discreet ? NEUTRAL_ACCENT : ACCENT[message.severity];
  const buttons = links.actions.map((link, index) => button(link, index === 0)).join('');
  const open = links.open
    ? `<p style="margin:${buttons ? '8px' : '0'} 0 0;font-size:14px;"><a href="${escapeHtml(links.open.url)}" style="color:${LINK_COLOUR};text-decoration:underline;">${escapeHtml(links.open.label)}</a></p>`
    : '';
  const settings = settingsUrl === undefined
    ? ''
    : ` <a href="${escapeHtml(settingsUrl)}" style="color:#5b6875;text-decoration:underline;">${escapeHtml(chrome.settings)}</a>`;
  return [
    '<!doctype html>',
    `<html lang="${message.language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="color-scheme" content="light"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background-color:#f3f4f6;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">`,
    `<tr><td align="center" style="padding:24px 12px;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border-radius:8px;border-top:4px solid ${accent};">`,
    `<tr><td style="padding:24px 28px;font-family:${FONT};color:#1f2933;">`,
    `<p style="margin:0 0 6px;font-size:13px;color:#5b6875;">Workmate</p>`,
    `<h1 style="margin:0 0 14px;font-size:20px;line-height:1.35;font-weight:600;color:#1f2933;">${escapeHtml(subject)}</h1>`,
    paragraphs(message.body),
    buttons ? `<div style="margin:6px 0 0;">${buttons}</div>` : '',
    open,
    '</td></tr></table>',
    `<p style="max-width:560px;margin:16px auto 0;font-family:${FONT};font-size:12px;line-height:1.5;color:#5b6875;">${escapeHtml(chrome.why)}${settings}</p>`,
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');
}
