/**
 * `workmate simulate --days 30`: a month of reminders for a sample user with 30 mixed tasks, on a
 * fake clock, through the real engine (planning, dispatcher, delivery jobs) on a throw-away SQLite
 * database. Channels are simulated (recorded, not sent). Prints, per task, every firing with its
 * stage and channels, the tasks' completions, the count per day and channel, and three checks: the
 * ladder, the quiet-hours hold, and nothing after a task was completed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import Type from 'typebox';
import { createContainer, type Container } from '../app/container.ts';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/database.ts';
import { fromDbJson } from '../db/values.ts';
import type { NotificationChannel } from '../db/schema.ts';
import { migrateToLatest } from '../migrations/migrator.ts';
import type { ChannelKind } from '../modules/notifications/notifications.drivers.ts';
import { createManualClock } from '../shared/clock/clock.ts';
import { createKeyring, generateMasterKey } from '../shared/crypto/secret-box.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { seededRandom } from '../shared/testing/seeded-random.ts';

interface SimulateOptions {
  days: number;
  seed: number;
  zone: string;
  language: 'de' | 'en';
  /** Where the report goes (standard output unless a test wants it). */
  write?: (line: string) => void;
}

interface ScriptedTask {
  title: string;
  dueInDays: number;
  /** Local time for appointments ("10:30"); date-only otherwise. */
  at?: string;
  amount?: string;
  priority?: 'low' | 'critical';
  documentType?: 'invoice' | 'reminder' | 'contract' | 'appointment';
  /** Completed on this day (from the start) at 10:00 local. */
  doneOnDay?: number;
}

const START = '2026-12-01T05:00:00.000Z'; // 06:00 in Berlin, a Tuesday
const QUIET = { start: '20:00', end: '08:00' };

function simulatedKind(type: string, channel: NotificationChannel): ChannelKind {
  return {
    type,
    discreetByDefault: false,
    multiple: true,
    driver: { channel, name: 'simulated', configSchema: Type.Object({}), credentialsSchema: Type.Object({}), deduplicates: true, send: async () => ({}) },
  };
}

/** 30 tasks a real month brings: bills (some large, some overdue), a dunning letter, contracts, appointments, chores. */
function scenario(random: () => number, days: number): ScriptedTask[] {
  const sellers = ['Telekom', 'Stadtwerke', 'Vodafone', 'Allianz', 'Zahnarztpraxis Dr. Weber', 'Hausverwaltung', 'Finanzamt', 'Techniker Krankenkasse', 'IKEA', 'Deutsche Bahn'];
  const tasks: ScriptedTask[] = [];
  for (let index = 0; index < 30; index += 1) {
    const seller = sellers[index % sellers.length]!;
    const dueInDays = 1 + Math.floor(random() * Math.max(2, days - 2));
    const pick = index % 6;
    const base: ScriptedTask =
      pick === 0 ? { title: `${seller} bezahlen`, dueInDays, amount: (20 + Math.floor(random() * 200)).toFixed(2), documentType: 'invoice' }
      : pick === 1 ? { title: `${seller} bezahlen`, dueInDays, amount: (500 + Math.floor(random() * 900)).toFixed(2), documentType: 'invoice' }
      : pick === 2 ? { title: `Termin: ${seller}`, dueInDays, at: `${9 + Math.floor(random() * 8)}:30`, documentType: 'appointment' }
      : pick === 3 ? { title: `${seller}-Vertrag: behalten oder kündigen?`, dueInDays: dueInDays + 20, documentType: 'contract' }
      : pick === 4 ? { title: `${seller}: Mahnung bezahlen`, dueInDays: Math.min(dueInDays, 5), amount: (40 + Math.floor(random() * 100)).toFixed(2), documentType: 'reminder', priority: 'critical' }
      : { title: `${seller}: Unterlagen sortieren`, dueInDays, priority: 'low' };
    // About a third is done along the way, some before and some after the deadline.
    if (random() < 0.35) base.doneOnDay = Math.max(0, Math.min(days - 1, base.dueInDays + Math.floor(random() * 5) - 3));
    tasks.push(base);
  }
  return tasks;
}

export async function simulateCommand(options: SimulateOptions): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'workmate-simulate-'));
  const clock = createManualClock(START);
  const config = loadConfig({}, { dataDir, logLevel: 'silent' });
  const handle = openDatabase({ databaseUrl: undefined, dataDir, poolSize: 1 });
  const channels = [simulatedKind('push', 'push'), simulatedKind('email', 'email'), simulatedKind('mqtt', 'smart_home')];
  const container = createContainer({ config, clock, logger: createLogger('silent'), handle, keyring: createKeyring(generateMasterKey()), channelKinds: channels });
  try {
    await migrateToLatest(handle);
    await run(container, clock, options);
  } finally {
    await container.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(container: Container, clock: ReturnType<typeof createManualClock>, options: SimulateOptions) {
  const { usecases } = container;
  const db = container.handle.db;
  const { user } = await usecases.users.createUser({ username: 'sample', email: 'sample@example.org', timezone: options.zone, language: options.language, password: 'simulation only, never used' });
  // An early sleeper: quiet from 20:00 to 08:00, so the evening stages show the hold and the night rule for critical ones.
  await usecases.users.updateMe(user.id, { notification_preferences: { channels: { push: true, email: true, smart_home: true }, quiet_hours: { enabled: true, start: QUIET.start, end: QUIET.end } } });
  for (const kind of ['push', 'email', 'mqtt']) await usecases.integrations.create(user.id, { type: kind, config: {} });

  const start = DateTime.fromISO(START, { zone: options.zone });
  const end = start.plus({ days: options.days });
  const script = scenario(seededRandom(options.seed), options.days);
  const ids: string[] = [];
  for (const task of script) {
    const dueDay = start.plus({ days: task.dueInDays });
    const due = task.at ? dueDay.set({ hour: Number(task.at.split(':')[0]), minute: Number(task.at.split(':')[1]) }).toUTC().toISO()! : dueDay.toISODate()!;
    let documentId: string | undefined;
    if (task.documentType) documentId = await sampleDocument(container, user.id, task.documentType);
    const created = await usecases.tasks.create(user.id, { title: task.title, due_date: due, ...(task.amount ? { amount: task.amount } : {}), ...(task.priority ? { priority: task.priority } : {}), ...(documentId ? { document_id: documentId } : {}) });
    ids.push(created.id);
  }

  const completions = script.map((task, index) => (task.doneOnDay === undefined ? undefined : { id: ids[index]!, at: start.plus({ days: task.doneOnDay }).set({ hour: 10, minute: 0 }).toJSDate() })).filter((entry) => entry !== undefined);
  const worker = container.jobs.createWorker();
  // Jump from one thing that happens to the next: a reminder due, a delivery job due, a completion.
  for (;;) {
    const now = clock.now();
    const nextReminder = await db.selectFrom('reminders').select((eb) => eb.fn.min('fire_at').as('next')).where('status', '=', 'pending').executeTakeFirst();
    const nextJob = await db.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('next')).where('status', '=', 'queued').executeTakeFirst();
    const nextDone = completions.filter((entry) => entry.at > now).map((entry) => entry.at.getTime());
    const candidates = [nextReminder?.next, nextJob?.next].filter((value): value is string => typeof value === 'string').map((value) => Date.parse(value)).concat(nextDone);
    const next = Math.max(now.getTime(), Math.min(...candidates));
    if (candidates.length === 0 || next > end.toMillis()) break;
    clock.set(new Date(next));
    for (const entry of completions) {
      if (entry.at.getTime() === next) await usecases.tasks.update(user.id, entry.id, { status: 'done', force: true });
    }
    await worker.runUntilIdle();
  }
  clock.set(end.toJSDate());
  await worker.runUntilIdle();

  await report(container, { userId: user.id, ids, script, start, end, zone: options.zone, options });
}

async function sampleDocument(container: Container, userId: string, type: NonNullable<ScriptedTask['documentType']>): Promise<string> {
  const db = container.handle.db;
  const fileId = crypto.randomUUID();
  const documentId = crypto.randomUUID();
  await db.insertInto('files').values({ id: fileId, user_id: userId, path: `${userId}/${fileId}`, original_filename: `${type}.pdf`, size_bytes: 1, mime_type: 'application/pdf', checksum: fileId.replace(/-/g, '').padEnd(64, '0') }).execute();
  await db.insertInto('documents').values({ id: documentId, user_id: userId, file_id: fileId, type, processing_status: 'done' }).execute();
  return documentId;
}

async function report(container: Container, input: { userId: string; ids: string[]; script: ScriptedTask[]; start: DateTime; end: DateTime; zone: string; options: SimulateOptions }) {
  const db = container.handle.db;
  const { zone } = input;
  const local = (iso: string) => DateTime.fromISO(iso, { zone }).setLocale('de');
  const write = (line = '') => (input.options.write ?? ((text: string) => process.stdout.write(`${text}\n`)))(line);
  const firings = await db.selectFrom('notification_firings').selectAll().where('user_id', '=', input.userId).orderBy('created_at').execute();
  const attempts = await db.selectFrom('notifications').select(['firing_id', 'channel', 'status', 'sent_at']).where('user_id', '=', input.userId).where('status', '=', 'sent').execute();
  const tasks = await db.selectFrom('tasks').select(['id', 'title', 'due_date', 'due_is_date', 'amount', 'priority', 'priority_source', 'status', 'completed_at']).where('user_id', '=', input.userId).execute();
  const channelsOf = (firingId: string) => [...new Set(attempts.filter((attempt) => attempt.firing_id === firingId).map((attempt) => attempt.channel))].sort().join(', ');

  write(`Workmate simulation: ${input.options.days} days from ${input.start.setLocale('de').toFormat('ccc dd.MM.yyyy HH:mm')} (${zone}), ${input.ids.length} tasks, seed ${input.options.seed}`);
  write(`Channels: in_app, push, email, smart_home (simulated: recorded, not sent). Quiet hours ${QUIET.start}-${QUIET.end}, waking hours 09:00-21:00.`);
  write();
  let afterCompletion = 0;
  for (const [index, id] of input.ids.entries()) {
    const task = tasks.find((row) => row.id === id)!;
    const scripted = input.script[index]!;
    const due = task.due_date ? local(task.due_date).toFormat(task.due_is_date ? 'ccc dd.MM.' : 'ccc dd.MM. HH:mm') : '-';
    write(`[${String(index + 1).padStart(2)}] ${task.title}${task.amount !== null ? `, ${(task.amount / 100).toFixed(2)} EUR` : ''}, due ${due} (${scripted.documentType ?? 'task'}, priority ${task.priority}${task.priority_source === 'manual' ? ' by hand' : ''})`);
    for (const firing of firings.filter((row) => fromDbJson<string[]>(row.task_ids).includes(id))) {
      const at = local(firing.created_at);
      const marker = firing.kind === 'digest' ? (firing.fire_key.startsWith('digest:quiet_hours') ? '  [quiet hours: held, released together]' : '  [catch-up digest]') : '';
      if (task.completed_at && firing.created_at > task.completed_at) afterCompletion += 1;
      write(`       ${at.toFormat('ccc dd.MM. HH:mm')}  ${(firing.severity ?? '').padEnd(8)} ${channelsOf(firing.id)}${marker}`);
    }
    if (task.completed_at) write(`       ${local(task.completed_at).toFormat('ccc dd.MM. HH:mm')}  done: nothing more about it`);
  }

  write();
  write('Per day and channel (messages sent):');
  const channels = ['in_app', 'push', 'email', 'smart_home'];
  write(`  ${'day'.padEnd(12)} ${channels.map((channel) => channel.padStart(12)).join('')}`);
  for (let day = input.start.startOf('day'); day < input.end; day = day.plus({ days: 1 })) {
    const next = day.plus({ days: 1 });
    const counts = channels.map((channel) => attempts.filter((attempt) => attempt.channel === channel && attempt.sent_at && DateTime.fromISO(attempt.sent_at) >= day && DateTime.fromISO(attempt.sent_at) < next).length);
    write(`  ${day.setLocale('de').toFormat('ccc dd.MM.').padEnd(12)} ${counts.map((count) => String(count).padStart(12)).join('')}`);
  }

  const inQuiet = (iso: string) => {
    const minutes = local(iso).hour * 60 + local(iso).minute;
    const [from, to] = [QUIET.start, QUIET.end].map((time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));
    return minutes >= from! || minutes < to!;
  };
  const quiet = firings.filter((firing) => inQuiet(firing.created_at));
  const held = firings.filter((firing) => firing.fire_key.startsWith('digest:quiet_hours')).length;
  const loudAtNight = attempts.filter((attempt) => attempt.sent_at && inQuiet(attempt.sent_at) && (attempt.channel === 'sms' || attempt.channel === 'smart_home')).length;
  write();
  write('Checks:');
  write(`  ladder: ${['info', 'warning', 'urgent', 'critical'].map((severity) => `${severity} ${firings.filter((firing) => firing.severity === severity).length}`).join(', ')} firings`);
  const nights = new Set(quiet.map((firing) => `${fromDbJson<string[]>(firing.task_ids).join()}@${local(firing.created_at).minus({ hours: 12 }).toISODate()}`));
  write(`  quiet hours: ${quiet.length} firings between ${QUIET.start} and ${QUIET.end} (critical only: ${quiet.every((firing) => firing.severity === 'critical') ? 'yes' : 'NO'}; at most one per task and night: ${nights.size === quiet.length ? 'yes' : 'NO'}), ${loudAtNight} SMS/smart-home alerts in quiet hours, ${held} times several reminders held and released together at ${QUIET.end}`);
  write(`  after completion: ${afterCompletion} reminders${afterCompletion === 0 ? ' (none, as it must be)' : ' (WRONG)'}`);
  if (afterCompletion > 0 || loudAtNight > 0 || nights.size !== quiet.length) process.exitCode = 1;
}
