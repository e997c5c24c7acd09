/**
 * A real SMTP server for the e-mail driver's tests: `smtp-server` on 127.0.0.1 at a random port.
 * It keeps every delivered mail parsed by mailparser, and can refuse, fail or never answer the next
 * delivery the way a real mail server does. Plain SMTP without STARTTLS: the tests are about what
 * the driver sends and how it reads the answers, not about certificates.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type Headers } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { FOREIGN_BODY_CANARY } from '../../../channel-drivers.test-suite.ts';

export interface ReceivedMail {
  subject: string;
  text: string;
  html: string;
  headers: Headers;
  messageId: string | undefined;
  envelope: { from: string; to: string[] };
}

/** Where a planned failure answers: MAIL FROM, RCPT TO or the end of DATA. */
export type SmtpStage = 'mail' | 'rcpt' | 'data';

export interface SmtpReceiverOptions {
  /** Require AUTH (LOGIN/PLAIN over plain text) with exactly these credentials. */
  auth?: { user: string; password: string };
}

export interface SmtpReceiver {
  host: string;
  port: number;
  /** Waits up to `waitMs` until at least `count` mails arrived, then returns all received so far. */
  mails(options?: { count?: number; waitMs?: number }): Promise<ReceivedMail[]>;
  /** The next delivery is answered at `stage` with `code`; the reply text carries FOREIGN_BODY_CANARY. */
  failNext(code: number, stage: SmtpStage): void;
  /** The next delivery gets a 451 at the end of DATA (the harness's `failNextWithError`). */
  failNextWithError(): void;
  /** The next delivery is never answered after its message data arrived. */
  hangNext(): void;
  /** How many connections the server has accepted. */
  connectionCount(): number;
  close(): Promise<void>;
}

type Plan = { kind: 'fail'; code: number; stage: SmtpStage } | { kind: 'hang' };

function smtpError(code: number): Error & { responseCode: number } {
  return Object.assign(new Error(`Refused by the test server ${FOREIGN_BODY_CANARY} <a href="https://evil.example/">click</a>`), { responseCode: code });
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let plan: Plan | undefined;
  let connections = 0;
  // Each delivery takes the plan that was set when its MAIL FROM arrived.
  const plans = new WeakMap<object, Plan>();

  const planned = (session: object, stage: SmtpStage): Error | 'hang' | undefined => {
    const current = plans.get(session);
    if (current?.kind === 'fail' && current.stage === stage) return smtpError(current.code);
    if (current?.kind === 'hang' && stage === 'data') return 'hang';
    return undefined;
  };

  const server = new SMTPServer({
    logger: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    closeTimeout: 200,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.password) {
        callback(null, { user: auth.username });
        return;
      }
      callback(Object.assign(new Error(`Invalid login ${FOREIGN_BODY_CANARY}`), { responseCode: 535 }));
    },
    onMailFrom(_address, session, callback) {
      if (plan) plans.set(session.envelope, plan);
      plan = undefined;
      const outcome = planned(session.envelope, 'mail');
      callback(outcome instanceof Error ? outcome : null);
    },
    onRcptTo(_address, session, callback) {
      const outcome = planned(session.envelope, 'rcpt');
      callback(outcome instanceof Error ? outcome : null);
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const outcome = planned(session.envelope, 'data');
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (outcome === 'hang') return;
        if (outcome) {
          callback(outcome);
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            const { mailFrom, rcptTo } = session.envelope;
            received.push({
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              headers: mail.headers,
              messageId: headerText(mail.messageId) || undefined,
              envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((recipient) => recipient.address) },
            });
            for (const wake of waiters) wake();
            callback(null);
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client that went away mid-session is an expected part of these tests, not a failure.
  server.on('error', () => undefined);
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    mails({ count = 1, waitMs = 5_000 } = {}) {
      if (received.length >= count) return Promise.resolve([...received]);
      return new Promise((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve([...received]);
        };
        const wake = () => {
          if (received.length >= count) finish();
        };
        const timer = setTimeout(finish, waitMs);
        waiters.add(wake);
      });
    },
    failNext(code, stage) {
      plan = { kind: 'fail', code, stage };
    },
    failNextWithError() {
      plan = { kind: 'fail', code: 451, stage: 'data' };
    },
    hangNext() {
      plan = { kind: 'hang' };
    },
    connectionCount: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
