import Type from 'typebox';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../db/schema.ts';
import { Page, PageQuery } from '../../shared/http/pagination.ts';
import { AmountInput, AmountOutput, CurrencyCode } from '../../shared/money/money.schemas.ts';

const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const DueInput = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?$',
  description: 'An instant (`2026-01-25T10:00:00Z`), or a date (`2026-01-25`) meaning the end of that day in your time zone.',
});

export const RecurrenceInput = Type.Object(
  {
    frequency: Type.Optional(Type.Enum(['daily', 'weekly', 'monthly', 'yearly'])),
    interval: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
    end_date: Type.Optional(Type.Union([Instant, Type.Null()])),
    occurrences_count: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 10_000 }), Type.Null()])),
    anchor: Type.Optional(Type.Enum(['due', 'completion'], { description: 'Count the next due date from the last due date (default) or from when it was done.' })),
    rrule: Type.Optional(Type.String({ minLength: 6, maxLength: 500, description: 'Instead of frequency/interval/...: an RFC 5545 RRULE (FREQ, INTERVAL, COUNT, UNTIL).' })),
  },
  { additionalProperties: false },
);

const taskFields = {
  title: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()]),
  due_date: Type.Union([DueInput, Type.Null()]),
  estimated_duration_minutes: Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()]),
  status: Type.Enum([...TASK_STATUSES]),
  priority: Type.Enum([...TASK_PRIORITIES], { description: 'Set by hand; wins over the automatic priority. Send `auto` in priority_source to go back.' }),
  amount: Type.Union([AmountInput, Type.Null()]),
  currency: CurrencyCode,
  document_id: Type.Union([Uuid, Type.Null()]),
  parent_task_id: Type.Union([Uuid, Type.Null()]),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20, description: 'Tag names; missing tags are created.' }),
  recurrence: Type.Union([RecurrenceInput, Type.Null()]),
};

/** Every task field except the title, optional: shared by create and update. */
const optionalTaskFields = {
  description: Type.Optional(taskFields.description),
  due_date: Type.Optional(taskFields.due_date),
  estimated_duration_minutes: Type.Optional(taskFields.estimated_duration_minutes),
  status: Type.Optional(taskFields.status),
  priority: Type.Optional(taskFields.priority),
  amount: Type.Optional(taskFields.amount),
  currency: Type.Optional(taskFields.currency),
  document_id: Type.Optional(taskFields.document_id),
  parent_task_id: Type.Optional(taskFields.parent_task_id),
  tags: Type.Optional(taskFields.tags),
  recurrence: Type.Optional(taskFields.recurrence),
};

export const CreateTaskBody = Type.Object({ title: taskFields.title, ...optionalTaskFields }, { additionalProperties: false });

export const UpdateTaskBody = Type.Object(
  {
    title: Type.Optional(taskFields.title),
    ...optionalTaskFields,
    priority_source: Type.Optional(Type.Enum(['auto'], { description: 'Drop the hand-set priority.' })),
    force: Type.Optional(Type.Boolean({ description: 'Complete a task although it still waits for others.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TaskParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ListTasksQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...TASK_STATUSES])),
    priority: Type.Optional(Type.Enum([...TASK_PRIORITIES])),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Tag name (any case).' })),
    document_id: Type.Optional(Uuid),
    parent_id: Type.Optional(Type.String({ pattern: '^(none|[0-9a-fA-F-]{36})$', description: 'Sub-steps of this task, or `none` for top-level tasks only.' })),
    due_before: Type.Optional(Instant),
    due_after: Type.Optional(Instant),
    overdue: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Enum(['due_date', '-due_date', 'priority', 'created_at', '-created_at'], { description: '`priority` sorts by the priority score, highest first.' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const TagRef = Type.Object({ id: Uuid, name: Type.String() });

export const Task = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  due_date: Type.Union([Instant, Type.Null()]),
  due_is_date: Type.Boolean({ description: 'The deadline is a date: show `due_local_date`, overdue from the next midnight.' }),
  due_local_date: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
  estimated_duration_minutes: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Enum([...TASK_STATUSES]),
  priority: Type.Enum([...TASK_PRIORITIES]),
  priority_source: Type.Enum(['auto', 'manual']),
  priority_score: Type.Number(),
  priority_reason: Type.String(),
  amount: Type.Union([AmountOutput, Type.Null()]),
  currency: Type.String(),
  document_id: Type.Union([Uuid, Type.Null()]),
  parent_task_id: Type.Union([Uuid, Type.Null()]),
  tags: Type.Array(TagRef),
  substeps: Type.Object({ total: Type.Integer(), done: Type.Integer() }),
  blocked: Type.Boolean(),
  blocked_by: Type.Array(Type.Object({ id: Uuid, title: Type.String() })),
  payment: Type.Union([
    Type.Object(
      { iban: Type.Optional(Type.String()), bic: Type.Optional(Type.String()), reference: Type.Optional(Type.String()) },
      { description: 'How to pay, as the document says (a task made from a bill).' },
    ),
    Type.Null(),
  ]),
  due_assumption: Type.Union([Type.String({ description: 'The document named no due date; how this one was assumed, e.g. "issue_date + 14 days".' }), Type.Null()]),
  ask: Type.Union([Type.Literal('already_paid', { description: 'An old bill being filed: no reminders; ask whether it was paid.' }), Type.Null()]),
  dunning_level: Type.Union([Type.Integer({ description: 'Set when a dunning letter escalated this task.' }), Type.Null()]),
  recurrence: Type.Union([
    Type.Object({ frequency: Type.String(), interval: Type.Integer(), end_date: Type.Union([Instant, Type.Null()]), occurrences_count: Type.Union([Type.Integer(), Type.Null()]), anchor: Type.String(), rrule: Type.String() }),
    Type.Null(),
  ]),
  series: Type.Union([Type.Object({ id: Uuid, index: Type.Integer() }), Type.Null()]),
  created_at: Instant,
  updated_at: Instant,
  completed_at: Type.Union([Instant, Type.Null()]),
});

export const TaskWithOutcome = Type.Intersect([
  Task,
  Type.Object({
    next_instance: Type.Optional(Type.Object({ id: Uuid, due_date: Instant, overdue: Type.Boolean() })),
    parent_ready_to_complete: Type.Optional(Type.Boolean({ description: 'The last open sub-step is done: offer to complete the parent.' })),
  }),
]);

export const TaskPage = Page(Task);

export const DependencyBody = Type.Object({ depends_on_task_id: Uuid }, { additionalProperties: false });
export const DependencyParams = Type.Object({ id: Uuid, other: Uuid }, { additionalProperties: false });

export const Tag = Type.Object({ id: Uuid, name: Type.String(), task_count: Type.Integer(), created_at: Instant });
export const TagBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 50 }) }, { additionalProperties: false });
export const MergeTagBody = Type.Object({ into_tag_id: Uuid }, { additionalProperties: false });
export const AttachTagBody = Type.Object({ tag_id: Uuid }, { additionalProperties: false });
export const TaskTagParams = Type.Object({ id: Uuid, tag_id: Uuid }, { additionalProperties: false });

const AttentionDocument = Type.Object({
  id: Uuid,
  title: Type.Union([Type.String(), Type.Null()]),
  type: Type.String(),
  processing_status: Type.String(),
  processing_error: Type.Union([Type.String(), Type.Null()]),
  confidence_score: Type.Union([Type.Number(), Type.Null()]),
  uploaded_at: Instant,
});

export const Today = Type.Object({
  overdue: Type.Array(Task, { description: 'Worst first, at most 10.' }),
  due_soon: Type.Array(Task, { description: 'Due within 48 hours, at most 10.' }),
  unblocked: Type.Array(Task, { description: 'Waited for other tasks and can start now.' }),
  new_tasks: Type.Array(Task, { description: 'Added in the last 3 days and not listed above (e.g. a bill read today, due in three weeks), newest first, at most 10.' }),
  documents_to_review: Type.Array(AttentionDocument),
  failed_documents: Type.Array(AttentionDocument),
  other_open_tasks: Type.Integer({ description: 'Open tasks not listed above.' }),
});

export const QuickAddBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 500, description: 'E.g. "Telekom 89,99 € bis Freitag #rechnung" or "Dentist next Tuesday 10am".' }) },
  { additionalProperties: false },
);

export const QuickDraft = Type.Object({
  title: Type.String(),
  due_date: Type.Union([Instant, Type.Null()]),
  due_is_date: Type.Boolean(),
  due_local_date: Type.Union([Type.String(), Type.Null()]),
  amount: Type.Union([AmountOutput, Type.Null()]),
  currency: Type.String(),
  tags: Type.Array(Type.String()),
  recurrence: Type.Union([Type.Object({ frequency: Type.String(), interval: Type.Integer() }), Type.Null()]),
});
