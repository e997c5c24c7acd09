/**
 * The words of the notifications that are not reminders: a login from a new device, a document
 * that could not be read, a channel that keeps failing. Kind, short, never alarming beyond what
 * the situation warrants, in German and English, each with the one thing the user can do.
 */
import type { NotificationChannel, ReminderSeverity } from '../../db/schema.ts';

type Language = 'de' | 'en';

export interface Notice {
  severity: ReminderSeverity;
  title: string;
  body: string;
  /** Where the web app shows what to do. */
  path: string;
  /** Channels besides in-app (which always has it); the dispatcher sends only to those the user has set up. */
  channels: readonly NotificationChannel[];
}

/** Security and housekeeping messages go where the user reads, never to SMS or the lamp in the room. */
const NOTICE_CHANNELS: readonly NotificationChannel[] = ['in_app', 'push', 'email', 'telegram', 'signal', 'whatsapp', 'discord'];

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

export function suspiciousLoginNotice(input: { language: Language; deviceType: string; os: string; network: string }): Notice {
  const device = [input.deviceType, input.os].filter((part) => part && part !== 'unknown').join(', ') || (input.language === 'de' ? 'unbekanntes Gerät' : 'unknown device');
  const de = input.language === 'de';
  return {
    severity: 'urgent',
    title: de ? 'Neue Anmeldung bei Workmate' : 'New sign-in to Workmate',
    body: de
      ? `Jemand hat sich gerade von einem neuen Gerät (${device}) aus einem unbekannten Netz (${input.network}) angemeldet. Warst du das? Wenn nicht, beende die Sitzung und ändere dein Passwort.`
      : `Someone just signed in from a new device (${device}) on an unknown network (${input.network}). Was it you? If not, end that session and change your password.`,
    path: '/settings/sessions',
    channels: NOTICE_CHANNELS,
  };
}

export function documentFailedNotice(input: { language: Language; name: string; reason: string; documentId: string }): Notice {
  const de = input.language === 'de';
  const name = clip(input.name.trim() || (de ? 'Ein Dokument' : 'A document'), 80);
  return {
    severity: 'warning',
    title: de ? `„${name}“ konnte nicht gelesen werden` : `"${name}" could not be read`,
    body: de
      ? `${clip(input.reason, 300)} Das Dokument ist gespeichert. Du kannst es neu verarbeiten lassen oder die Angaben selbst eintragen.`
      : `${clip(input.reason, 300)} The document is stored. You can have it processed again or fill in the details yourself.`,
    path: `/documents/${input.documentId}`,
    channels: NOTICE_CHANNELS,
  };
}

export function channelFailingNotice(input: { language: Language; name: string; attempts: number; reason: string; integrationId: string; channel: NotificationChannel }): Notice {
  const de = input.language === 'de';
  return {
    severity: 'warning',
    title: de ? `Kanal „${input.name}“ funktioniert gerade nicht` : `Channel "${input.name}" is not working`,
    body: de
      ? `Die letzten ${input.attempts} Versuche über „${input.name}“ sind gescheitert (${input.reason}). Erinnerungen kommen solange über deine anderen Kanäle. Prüfe die Einstellungen und sende eine Testnachricht.`
      : `The last ${input.attempts} attempts over "${input.name}" failed (${input.reason}). Reminders use your other channels meanwhile. Check its settings and send a test message.`,
    path: `/settings/channels/${input.integrationId}`,
    // Not over the channel that fails.
    channels: NOTICE_CHANNELS.filter((channel) => channel !== input.channel),
  };
}
