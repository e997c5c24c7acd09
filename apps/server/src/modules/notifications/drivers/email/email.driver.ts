/**
 * E-mail over SMTP (nodemailer). One connection per send: reminders leave one at a time, minutes
 * apart, so a pool would mostly hold idle connections that servers drop, and ending one attempt
 * (time limit, dispatcher abort) can simply close its own connection without touching others.
 */
import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import Type from 'typebox';
import { DeliveryError, type ChannelDriver, type DeliveryReceipt } from '../../notifications.types.ts';
import { renderEmail } from './email.templates.ts';

export interface EmailDriverSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (usually port 465). */
  secure: boolean;
  /** Refuse to send unless the server upgrades the connection with STARTTLS. */
  requireTls?: boolean;
  user?: string;
  password?: string;
  /** Sender, e.g. `Workmate <workmate@example.org>`. */
  from: string;
  /** Absolute URL of the notification settings page, linked in every mail's footer. */
  settingsUrl?: string;
}

export type EmailConfig = { address: string };
export type EmailCredentials = Record<string, never>;

export const emailConfigSchema = Type.Object(
  { address: Type.String({ format: 'email', maxLength: 254, description: 'The address reminders are sent to.' }) },
  { additionalProperties: false },
);

/** One mailbox, nothing a mailer could read as a list, a display name or a header. */
const PLAIN_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;

/** The part of a nodemailer error this driver reads; everything else (above all `response`, the server's text) stays out of our messages. */
interface SmtpFailure {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

const AUTH_REPLY_CODES = new Set([530, 534, 535, 538]);

function stageOf(command: unknown): 'login' | 'sender' | 'recipient' | 'message' | 'connection' {
  const name = typeof command === 'string' ? command : '';
  if (name.startsWith('AUTH')) return 'login';
  if (name === 'MAIL FROM') return 'sender';
  if (name === 'RCPT TO') return 'recipient';
  if (name === 'DATA') return 'message';
  return 'connection';
}

/**
 * Maps what nodemailer reports onto the delivery errors. The message names the SMTP reply code and
 * the step, never the server's reply text: that text is foreign and may echo anything.
 */
export function deliveryErrorFromSmtp(error: unknown): DeliveryError {
  const failure: SmtpFailure = typeof error === 'object' && error !== null ? error : {};
  const code = typeof failure.code === 'string' && /^E[A-Z0-9_]{1,30}$/.test(failure.code) ? failure.code : undefined;
  const reply = typeof failure.responseCode === 'number' && failure.responseCode >= 200 && failure.responseCode < 600 ? failure.responseCode : undefined;
  const stage = stageOf(failure.command);
  const options = { cause: error };

  if (reply !== undefined && reply >= 400 && reply < 500) {
    return new DeliveryError('provider', `The SMTP server deferred the ${stage} with ${reply}; it may accept it later.`, options);
  }
  if (code === 'ETLS' || code === 'EREQUIRETLS') {
    const named = reply === undefined ? code : `${code}, ${reply}`;
    return new DeliveryError('configuration', `No secure connection to the SMTP server could be set up (${named}); check the port and the TLS settings.`, options);
  }
  if (reply !== undefined && (AUTH_REPLY_CODES.has(reply) || (reply >= 500 && stage === 'login'))) {
    return new DeliveryError('configuration', `The SMTP server refused the login (${reply}); check the SMTP user and password.`, options);
  }
  if (reply !== undefined && reply >= 500 && reply !== 503 && stage === 'recipient') {
    return new DeliveryError('configuration', `The SMTP server refused the recipient address (${reply}).`, options);
  }
  if (reply !== undefined && reply >= 500 && reply !== 503 && stage === 'sender') {
    return new DeliveryError('configuration', `The SMTP server refused the sender address (${reply}); check the sender setting.`, options);
  }
  if (reply !== undefined) {
    return new DeliveryError('provider', `The SMTP server refused the ${stage} with ${reply}.`, options);
  }
  switch (code) {
    case 'ETIMEDOUT':
      return new DeliveryError('timeout', 'The SMTP server did not answer in time.', options);
    case 'EAUTH':
    case 'ENOAUTH':
      return new DeliveryError('configuration', 'The SMTP server refused the login; check the SMTP user and password.', options);
    case 'EENVELOPE':
    case 'ECONFIG':
      return new DeliveryError('configuration', `The e-mail settings cannot work (${code}).`, options);
    case 'EDNS':
      return new DeliveryError('provider', 'The SMTP server\'s host name could not be resolved.', options);
    default: {
      if (failure.originalCode === 'ECONNREFUSED') return new DeliveryError('provider', 'The SMTP server refused the connection.', options);
      return new DeliveryError('provider', code ? `The e-mail could not be sent (${code}).` : 'The e-mail could not be sent.', options);
    }
  }
}

/** `<hex@domain>`: the same idempotency key always makes the same Message-ID, the domain is the sender's. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'workmate.invalid';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
}

export function createEmailDriver(settings: EmailDriverSettings): ChannelDriver<EmailConfig, EmailCredentials> {
  const inFlight = new Set<AbortController>();
  let closed = false;

  return {
    channel: 'email',
    name: 'smtp',
    configSchema: emailConfigSchema,
    credentialsSchema: Type.Object({}, { additionalProperties: false }),
    // SMTP takes no idempotency key: a mail whose 250 got lost on the way back is sent again on
    // retry. The stable Message-ID lets some mailboxes fold the repeat, but nothing promises that.
    deduplicates: false,

    async send(message, target, { signal, timeoutMs }): Promise<DeliveryReceipt> {
      if (closed) throw new DeliveryError('provider', 'The e-mail driver has been closed.');
      const address = target.config.address;
      if (typeof address !== 'string' || !PLAIN_ADDRESS.test(address)) {
        throw new DeliveryError('configuration', 'The e-mail address is not a single valid address.');
      }

      // One controller ends the attempt for all three reasons: time limit, dispatcher, close().
      const attempt = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attempt.abort();
      }, timeoutMs);
      const stop = () => attempt.abort(signal.reason);
      signal.addEventListener('abort', stop, { once: true });
      if (signal.aborted) stop();
      inFlight.add(attempt);

      const content = renderEmail(message, settings.settingsUrl === undefined ? {} : { settingsUrl: settings.settingsUrl });
      const transport = createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        requireTLS: settings.requireTls ?? false,
        auth: settings.user === undefined ? undefined : { user: settings.user, pass: settings.password ?? '' },
        // nodemailer's own limits give a precise error; the overall limit below is what ends the attempt.
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        dnsTimeout: timeoutMs,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      const ended = new Promise<never>((_, reject) => {
        const end = () => reject(new DeliveryError('timeout', timedOut ? 'The SMTP server did not answer in time.' : 'The attempt was stopped before the SMTP server confirmed the message.', { cause: attempt.signal.reason }));
        if (attempt.signal.aborted) end();
        else attempt.signal.addEventListener('abort', end, { once: true });
      });

      try {
        const sending = transport.sendMail({
          from: settings.from,
          to: { name: '', address },
          subject: content.subject,
          text: content.text,
          html: content.html,
          messageId: messageIdFor(message.idempotencyKey, settings.from),
          headers: {
            'X-Workmate-Idempotency-Key': message.idempotencyKey,
            // RFC 3834: no vacation replies or other auto-answers to a machine's mail.
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'All',
          },
          signal: attempt.signal,
        });
        const info = await Promise.race([sending, ended]).catch((error: unknown) => {
          if (error instanceof DeliveryError) throw error;
          // nodemailer's own abort error is the same ending, seen from its side.
          if (attempt.signal.aborted) return ended;
          throw deliveryErrorFromSmtp(error);
        });
        return { providerMessageId: info.messageId };
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        inFlight.delete(attempt);
        transport.close();
      }
    },

    async close() {
      closed = true;
      for (const attempt of inFlight) attempt.abort(new Error('The e-mail driver was closed.'));
    },
  };
}
