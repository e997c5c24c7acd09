import Type from 'typebox';
import { SNOOZE_PRESETS } from './reminders.snooze.models.ts';

const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ReminderParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const Reminder = Type.Object({
  id: Uuid,
  task_id: Uuid,
  trigger_at: Instant,
  fires_at: Nullable(Instant),
  held_by_quiet_hours_from: Nullable(Instant),
  severity: Type.Enum(['info', 'warning', 'urgent', 'critical']),
  channels: Type.Array(Type.String()),
  message: Type.String(),
  status: Type.Enum(['pending', 'sent', 'failed', 'cancelled']),
  sent_at: Nullable(Instant),
  acknowledged_at: Nullable(Instant),
  snoozed_until: Nullable(Instant),
  note: Nullable(Type.String({ description: 'Why a reminder was cancelled or failed (acknowledged, snoozed, task closed, ...).' })),
});

export const Timeline = Type.Object({ task_id: Uuid, reminders: Type.Array(Reminder) });

export const PlannedQuery = Type.Object(
  {
    from: Type.String({ format: 'date-time', description: 'Start of the range (inclusive).' }),
    to: Type.String({ format: 'date-time', description: 'End of the range (exclusive); at most 62 days after `from`.' }),
  },
  { additionalProperties: false },
);

export const Planned = Type.Object({
  reminders: Type.Array(Type.Object({ ...Reminder.properties, task_title: Type.String() })),
  truncated: Type.Boolean({ description: 'More than 1,000 reminders fall in the range; the earliest are listed.' }),
});

export const SnoozeBody = Type.Object(
  {
    until: Type.String({ minLength: 1, maxLength: 40, description: `One of ${SNOOZE_PRESETS.join(', ')} (tomorrow / next week: in the morning, your time), or a date-time within 30 days.` }),
  },
  { additionalProperties: false },
);

export const ReminderOutcome = Type.Object({ ...Reminder.properties, silenced: Type.Integer({ minimum: 0, description: 'Other pending reminders of the task this silenced.' }) });
export const Completed = Type.Object({ task_id: Uuid, status: Type.Literal('done') });
