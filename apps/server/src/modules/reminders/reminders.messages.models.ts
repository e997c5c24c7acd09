/**
 * The words of reminders: title and body of one reminder or of a digest, in German or English, in
 * the user's zone. Facts come first (who, how much, when), then one calm sentence that rotates with
 * `variant` so the tenth reminder does not read like the first. Overdue is stated, never blamed,
 * and always comes with a next step. Days are counted by calendar date in the user's zone.
 */
import { DateTime } from 'luxon';
import type { ReminderSeverity } from '../../db/schema.ts';
import { isOverdue, isValidTimeZone, localDateOf } from '../../shared/dates/deadlines.ts';
import { formatAmount } from '../../shared/money/money.ts';

export type Language = 'de' | 'en';
export type TaskKind = 'payment' | 'general' | 'contract' | 'appointment';

export interface MessageTask {
  id: string;
  title: string;
  /** Who the task is about ("Telekom"); the task title stands in when it is unknown. */
  sender: string | null;
  amountMinor: number | null;
  currency: string | null;
  dueAt: Date;
  /** A deadline known only as a date: spoken in days, never with a time. */
  dueIsDate: boolean;
  kind: TaskKind;
}

export interface Message {
  title: string;
  body: string;
}

export interface ReminderMessageInput {
  task: MessageTask;
  severity: ReminderSeverity;
  now: Date;
  zone: string;
  language: Language;
  /** Only "Workmate: 1 thing needs you", for lock screens and shared devices. */
  discreet: boolean;
  /** Any integer (a hash of the reminder id): picks one of the wordings, the same one every time. */
  variant: number;
}

export interface DigestMessageInput {
  tasks: readonly { task: MessageTask; severity: ReminderSeverity }[];
  now: Date;
  zone: string;
  language: Language;
  discreet: boolean;
  reason: 'quiet_hours' | 'catch_up';
}

/** Lengths every channel can show; a longer task title is cut, never the facts after it. */
export const TITLE_MAX = 120;
export const BODY_MAX = 500;
export const DIGEST_ITEMS = 5;

const DAY_MS = 86_400_000;
/** Beyond this many days a date carries its year ("31. Januar 2028"). */
const YEAR_SHOWN_AFTER_DAYS = 180;
const DIGEST_NAME_MAX = [40, 24] as const;
const SEVERITY_RANK: Record<ReminderSeverity, number> = { critical: 0, urgent: 1, warning: 2, info: 3 };

/** Where a deadline stands from `now`: calendar days between the two local dates, and the local time when it has one. */
interface When {
  days: number;
  overdue: boolean;
  time: string | null;
  date: DateTime;
}

/**
 * Placing an instant in a zone is the costly part of a message (a dispatch renders thousands, and
 * they share a handful of instants: the batch's `now`, the common due dates). Remembered per
 * (instant, zone); the memo is emptied when it grows past MEMO_LIMIT.
 */
const MEMO_LIMIT = 10_000;
const placed = new Map<string, { isoDate: string; time: string; date: DateTime }>();

function place(instant: Date, zone: string) {
  const key = `${instant.getTime()}|${zone}`;
  let known = placed.get(key);
  if (!known) {
    const date = DateTime.fromJSDate(instant, { zone });
    known = { isoDate: localDateOf(instant, zone), time: date.toFormat('HH:mm'), date };
    if (placed.size >= MEMO_LIMIT) placed.clear();
    placed.set(key, known);
  }
  return known;
}

function whenOf(due: Date, dueIsDate: boolean, now: Date, zone: string): When {
  if (!isValidTimeZone(zone)) throw new RangeError(`unknown time zone "${zone}"`);
  const placedDue = place(due, zone);
  // Both dates parse as UTC midnights, so the difference is a whole number of days even across DST.
  const days = Math.round((Date.parse(placedDue.isoDate) - Date.parse(place(now, zone).isoDate)) / DAY_MS);
  return { days, overdue: isOverdue(due, now), time: dueIsDate ? null : placedDue.time, date: placedDue.date };
}

const AT = { de: ' um ', en: ' at ' } as const;
const at = (time: string | null, language: Language) => (time === null ? '' : `${AT[language]}${time}`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "heute", "morgen um 10:00", "in 3 Tagen": a deadline still ahead, as an adverb. */
function ahead(when: When, language: Language): string {
  const { days } = when;
  const day = language === 'de'
    ? days === 0 ? 'heute' : days === 1 ? 'morgen' : `in ${days} Tagen`
    : days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return day + at(when.time, language);
}

function overdueBy(when: When, language: Language): string {
  const days = -when.days;
  if (days <= 0) {
    // Passed earlier today: only a deadline with a time can do that.
    const since = when.time ?? (language === 'de' ? 'heute' : 'today');
    return language === 'de' ? `seit ${since} fällig` : `overdue since ${since}`;
  }
  return language === 'de' ? `seit ${plural(days, 'Tag', 'Tagen')} fällig` : `${plural(days, 'day', 'days')} overdue`;
}

/** An appointment that has passed: "gestern um 10:00", "vor 3 Tagen". */
function past(when: When, language: Language): string {
  const days = -when.days;
  if (days <= 1) {
    const day = language === 'de' ? (days === 0 ? 'heute' : 'gestern') : days === 0 ? 'today' : 'yesterday';
    return day + at(when.time, language);
  }
  return language === 'de' ? `vor ${days} Tagen` : `${days} days ago`;
}

function left(when: When, language: Language): string {
  if (when.overdue) return overdueBy(when, language);
  if (language === 'de' && when.time === null && when.days >= 2) return `noch ${when.days} Tage`;
  return ahead(when, language);
}

/** "noch 3 Tage", "heute um 14:00", "seit 2 Tagen fällig" (never "überfällig": no blame); "in 3 days", "tomorrow", "2 days overdue". */
export function timeLeft(due: Date, dueIsDate: boolean, now: Date, zone: string, language: Language): string {
  return left(whenOf(due, dueIsDate, now, zone), language);
}

const dateTexts = new Map<string, string>();

function dateText(when: When, language: Language, weekday: boolean): string {
  const year = Math.abs(when.days) > YEAR_SHOWN_AFTER_DAYS ? ' yyyy' : '';
  const pattern = language === 'de' ? `${weekday ? 'cccc, ' : ''}d. MMMM${year}` : `${weekday ? 'cccc ' : ''}d MMMM${year}`;
  const key = `${when.date.toMillis()}|${when.date.zoneName ?? ''}|${pattern}|${language}`;
  let text = dateTexts.get(key);
  if (text === undefined) {
    text = when.date.setLocale(language === 'de' ? 'de-DE' : 'en-GB').toFormat(pattern);
    if (dateTexts.size >= MEMO_LIMIT) dateTexts.clear();
    dateTexts.set(key, text);
  }
  return text;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** German `1.250,00 €`, English `€1,250.00`; other currencies by their code (`89,99 USD`, `USD 89.99`). */
export function formatMoney(amountMinor: number, currency: string | null, language: Language): string {
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const key = `${locale}|${currency ?? ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = currency === null
      ? new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      : new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: currency === 'EUR' ? 'symbol' : 'code' });
    numberFormats.set(key, format);
  }
  // The exact decimal string goes to Intl, so no float ever holds the amount.
  const decimal = formatAmount(amountMinor, currency ?? 'EUR') as `${number}`;
  // Intl separates symbol and number with a no-break space; messages are plain text.
  return format.format(decimal).replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * Cuts `text` to `max` characters on a word boundary and marks the cut with "…". A single word
 * longer than half the room (a URL, a file name) is cut inside rather than leaving a stub.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const space = text.lastIndexOf(' ', cut);
  const head = space > max / 2 ? text.slice(0, space) : text.slice(0, cut);
  return `${head.replace(/[\s,;:–—(-]+$/u, '')}…`;
}

type Lines = readonly [string, string, string];

/**
 * The sentence after the facts, per stage, three wordings each. Ahead of a deadline it never
 * claims a day ("today"), since the facts say when; an appointment gets its own set (getting
 * there, papers) because "do it now" makes no sense for one.
 */
const UPCOMING_LINES: Record<Language, Record<'task' | 'appointment', Record<ReminderSeverity, Lines>>> = {
  de: {
    task: {
      info: ['Nur ein früher Hinweis – es ist noch Zeit.', 'Kein Grund zur Eile, nur damit du es auf dem Schirm hast.', 'Schon mal vormerken: Wenn es gerade passt, ist es schnell erledigt.'],
      warning: ['Es rückt näher. Vielleicht passt es heute gut dazwischen.', 'Ein guter Moment, kurz draufzuschauen.', 'Bald ist es so weit – ein paar Minuten reichen oft schon.'],
      urgent: ['Jetzt ist ein guter Moment dafür.', 'Am besten gleich angehen – ein kleiner Schritt reicht schon.', 'Das ist als Nächstes dran. Danach ist der Kopf frei.'],
      critical: ['Das ist jetzt das Wichtigste – alles andere kann kurz warten.', 'Lass uns das jetzt angehen, ein Schritt nach dem anderen.', 'Wenn du jetzt nur eine Sache machst, dann diese.'],
    },
    appointment: {
      info: ['Nur ein früher Hinweis, damit der Termin fest im Kalender steht.', 'Kein Grund zur Eile – vielleicht schon mal überlegen, wie du hinkommst.', 'Schon mal vormerken, dann gibt es später keine Überraschung.'],
      warning: ['Der Termin rückt näher. Vielleicht jetzt schon die Unterlagen bereitlegen.', 'Ein guter Moment, Weg und Zeit einzuplanen.', 'Bald ist es so weit – liegt alles bereit?'],
      urgent: ['Ein guter Moment, schon mal alles zusammenzupacken.', 'Plan genug Zeit für den Weg ein.', 'Bald geht es los – Unterlagen, Karte, Schlüssel?'],
      critical: ['Gleich ist es so weit – jetzt losgehen ist ein guter Plan.', 'Zeit, sich auf den Weg zu machen.', 'Jetzt aufbrechen, dann bleibt etwas Puffer.'],
    },
  },
  en: {
    task: {
      info: ["Just an early heads-up – there's still time.", "No rush, just so it's on your radar.", "Worth noting now: when it suits you, it's quickly done."],
      warning: ["It's getting closer. Maybe it fits in today.", 'A good moment to take a quick look.', 'Almost time – a few minutes are often enough.'],
      urgent: ['Now is a good moment for it.', 'Best to start now – one small step is enough.', "This one is next, and then it's off your mind."],
      critical: ['This is the most important thing right now – everything else can wait a moment.', "Let's tackle this now, one step at a time.", 'If you do just one thing now, make it this one.'],
    },
    appointment: {
      info: ["Just an early heads-up so it's firmly in your calendar.", "No rush – maybe think about how you'll get there.", 'Worth noting now, so there are no surprises later.'],
      warning: ['The appointment is getting closer. Maybe put your papers ready now.', 'A good moment to plan the route and the time.', 'Almost time – is everything ready?'],
      urgent: ['A good moment to pack what you need.', 'Leave plenty of time for the journey.', 'Starting soon – papers, card, keys?'],
      critical: ["It's nearly time – heading off now is a good plan.", 'Time to get going.', "Leave now and you'll have a little buffer."],
    },
  },
};

/** After the deadline: calm, and always a next step (or the way out when it is already done). */
const OVERDUE_LINES: Record<Language, Record<TaskKind, Lines>> = {
  de: {
    payment: ['Noch nicht bezahlt? Heute ist ein guter Moment.', 'Schon bezahlt? Dann einfach abhaken. Sonst reicht jetzt eine kurze Überweisung.', 'Kein Drama – eine Überweisung heute, und es ist vom Tisch.'],
    general: ['Noch offen? Heute ist ein guter Moment.', 'Schon erledigt? Dann einfach abhaken. Sonst reicht jetzt ein kleiner erster Schritt.', 'Kein Drama – ein kleiner Schritt heute bringt es wieder in Gang.'],
    contract: ['Noch nicht entschieden? Oft geht eine Kündigung zum nächsten Termin – kurz nachsehen lohnt sich.', 'Schon gekündigt? Dann einfach abhaken. Sonst zeigt ein Blick in den Vertrag die nächste Frist.', 'Kein Drama – behalten ist auch eine Entscheidung. Sonst gleich die nächste Frist notieren.'],
    appointment: ['Hat es geklappt? Dann einfach abhaken.', 'Hat es nicht gepasst? Ein kurzer Anruf bringt einen neuen Termin.', 'Schon erledigt? Abhaken. Verpasst? Ein neuer Termin ist schnell ausgemacht.'],
  },
  en: {
    payment: ['Not paid yet? Today is a good moment.', 'Already paid? Then just tick it off. Otherwise a quick transfer now is all it takes.', "No drama – one transfer today and it's off the table."],
    general: ['Still open? Today is a good moment.', 'Already done? Then just tick it off. Otherwise one small first step is enough.', 'No drama – one small step today gets it moving again.'],
    contract: ['Not decided yet? Cancelling for the next date is often possible – worth a quick look.', 'Already cancelled? Then just tick it off. Otherwise the contract shows the next deadline.', 'No drama – keeping it is a decision too. Otherwise note the next deadline now.'],
    appointment: ['Did it go ahead? Then just tick it off.', "Didn't work out? A quick call gets you a new appointment.", 'Done? Tick it off. Missed it? A new appointment is quickly arranged.'],
  },
};

const oneLine = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The name a message leads with: the sender when known, else the task title. */
function subjectOf(task: MessageTask, language: Language): string {
  const sender = oneLine(task.sender);
  const title = oneLine(task.title) || (language === 'de' ? 'Aufgabe' : 'Task');
  if (task.kind === 'general') {
    // A general task is named by what to do; the sender is added when the title does not say it.
    return sender && !title.toLowerCase().includes(sender.toLowerCase()) ? `${title} (${sender})` : title;
  }
  if (!sender) return title;
  if (task.kind === 'contract') {
    if (language === 'en') return `${sender} contract`;
    return /\s/.test(sender) ? `Vertrag ${sender}` : `${sender}-Vertrag`;
  }
  return sender;
}

interface Facts {
  kind: TaskKind;
  amount: string | null;
  when: When;
}

/** The title with the subject left open, so a long subject can be cut while the facts stay. */
function titleTemplate({ kind, amount, when }: Facts, language: Language): (subject: string) => string {
  const de = language === 'de';
  const soon = ahead(when, language);
  const late = overdueBy(when, language);
  if (kind === 'payment') {
    if (when.overdue) return (s) => (amount ? `${s}: ${amount} – ${late}` : de ? `${s}: Zahlung ${late}` : `${s}: payment ${late}`);
    if (de) return (s) => (amount ? `${s}: ${amount} sind ${soon} fällig` : `${s}: Zahlung ${soon} fällig`);
    return (s) => (amount ? `${s}: ${amount} due ${soon}` : `${s}: payment due ${soon}`);
  }
  const label = (s: string) => (amount ? `${s} (${amount})` : s);
  if (kind === 'appointment') {
    if (when.overdue) return (s) => `${label(s)} ${de ? 'war' : 'was'} ${past(when, language)}`;
    return (s) => `${label(s)} ${soon}`;
  }
  if (kind === 'contract') {
    const short = dateText(when, language, false);
    if (when.overdue) return (s) => (de ? `${label(s)}: Die Kündigungsfrist (${short}) ist vorbei` : `${label(s)}: the notice deadline (${short}) has passed`);
    const time = at(when.time, language);
    if (de) {
      const until = when.days === 0 ? (when.time ? `noch heute bis ${when.time}` : 'noch heute') : `bis ${when.days === 1 ? 'morgen' : short}${time}`;
      return (s) => `${label(s)}: Kündigen ${until} möglich – behalten oder kündigen?`;
    }
    const until = when.days === 0 ? (when.time ? `until ${when.time} today` : 'until the end of today') : `until ${when.days === 1 ? 'tomorrow' : short}${time}`;
    return (s) => `${label(s)}: you can cancel ${until} – keep or cancel?`;
  }
  if (when.overdue) return (s) => `${label(s)}: ${late}`;
  return (s) => (de ? `${label(s)}: ${soon} fällig` : `${label(s)}: due ${soon}`);
}

/** The sentence of facts the body starts with: the full date, and for contracts the time left. */
function factLine({ kind, when }: Facts, language: Language): string {
  const date = dateText(when, language, true) + at(when.time, language);
  const de = language === 'de';
  // The date already carries the time, so the days left are said without it.
  if (kind === 'contract') return `${de ? 'Frist' : 'Deadline'}: ${date} (${left({ ...when, time: null }, language)}).`;
  if (kind === 'appointment') {
    if (when.overdue) return de ? `Der Termin war am ${date}.` : `The appointment was on ${date}.`;
    return de ? `Termin: ${date}.` : `Appointment: ${date}.`;
  }
  if (when.overdue) return de ? `Die Frist war am ${date}.` : `The deadline was ${date}.`;
  return de ? `Fällig am ${date}.` : `Due ${date}.`;
}

function pick(options: readonly [string, ...string[]], variant: number): string {
  const n = options.length;
  const index = Number.isFinite(variant) ? ((Math.trunc(variant) % n) + n) % n : 0;
  return options[index] ?? options[0];
}

function discreetBody(count: number, language: Language): string {
  if (language === 'de') return `Workmate: ${plural(count, 'Sache braucht', 'Sachen brauchen')} dich`;
  return `Workmate: ${plural(count, 'thing needs', 'things need')} you`;
}

const amountOf = (task: MessageTask, language: Language) => (task.amountMinor === null ? null : formatMoney(task.amountMinor, task.currency, language));

export function reminderMessage(input: ReminderMessageInput): Message {
  const { task, language } = input;
  const when = whenOf(task.dueAt, task.dueIsDate, input.now, input.zone);
  if (input.discreet) return { title: 'Workmate', body: discreetBody(1, language) };
  const facts: Facts = { kind: task.kind, amount: amountOf(task, language), when };
  const template = titleTemplate(facts, language);
  const subject = clip(subjectOf(task, language), Math.max(16, TITLE_MAX - template('').length));
  const lines = when.overdue ? OVERDUE_LINES[language][task.kind] : UPCOMING_LINES[language][task.kind === 'appointment' ? 'appointment' : 'task'][input.severity];
  return {
    title: clip(template(subject), TITLE_MAX),
    body: clip(`${factLine(facts, language)} ${pick(lines, input.variant)}`, BODY_MAX),
  };
}

function digestTitle(count: number, input: DigestMessageInput): string {
  const de = input.language === 'de';
  if (input.reason === 'catch_up') {
    return de ? `Während ich weg war, ${count === 1 ? 'wurde' : 'wurden'} ${plural(count, 'Sache', 'Sachen')} fällig` : `While I was away, ${plural(count, 'thing', 'things')} became due`;
  }
  const reminders = de ? plural(count, 'Erinnerung', 'Erinnerungen') : plural(count, 'reminder', 'reminders');
  const hour = DateTime.fromJSDate(input.now, { zone: input.zone }).hour;
  if (hour >= 4 && hour < 12) return de ? `Guten Morgen – ${reminders} von heute Nacht` : `Good morning – ${reminders} from overnight`;
  return de ? `${reminders} aus der Ruhezeit` : `${reminders} from your quiet hours`;
}

/** One line per task, most pressing first: "• Telekom: 89,99 € – morgen". */
export function digestMessage(input: DigestMessageInput): Message {
  const { language, now, zone } = input;
  if (!isValidTimeZone(zone)) throw new RangeError(`unknown time zone "${zone}"`);
  const count = input.tasks.length;
  if (count === 0) return { title: 'Workmate', body: language === 'de' ? 'Gerade ist nichts offen.' : 'Nothing is waiting right now.' };
  if (input.discreet) return { title: 'Workmate', body: discreetBody(count, language) };
  const shown = [...input.tasks]
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.task.dueAt.getTime() - b.task.dueAt.getTime())
    .slice(0, DIGEST_ITEMS);
  const more = count > DIGEST_ITEMS ? [language === 'de' ? `und ${count - DIGEST_ITEMS} weitere` : `and ${count - DIGEST_ITEMS} more`] : [];
  let body = '';
  for (const nameMax of DIGEST_NAME_MAX) {
    const lines = shown.map(({ task }) => {
      const when = whenOf(task.dueAt, task.dueIsDate, now, zone);
      const amount = amountOf(task, language);
      const said = task.kind === 'appointment' && when.overdue ? past(when, language) : left(when, language);
      return `• ${clip(subjectOf(task, language), nameMax)}${amount ? `: ${amount}` : ''} – ${said}`;
    });
    body = [...lines, ...more].join('\n');
    if (body.length <= BODY_MAX) break;
  }
  return { title: clip(digestTitle(count, input), TITLE_MAX), body: clip(body, BODY_MAX) };
}

export function actionLabels(language: Language): { done: string; snooze: string; open: string } {
  return language === 'de' ? { done: 'Erledigt', snooze: 'Später', open: 'Öffnen' } : { done: 'Done', snooze: 'Later', open: 'Open' };
}
