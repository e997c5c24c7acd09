import Type from 'typebox';
import { JOB_STATUSES } from '../../db/schema.ts';
import { Page, PageQuery } from '../../shared/http/pagination.ts';

const Instant = Type.String({ format: 'date-time' });

export const Job = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  status: Type.Enum([...JOB_STATUSES]),
  payload: Type.Unknown(),
  idempotency_key: Type.String(),
  attempts: Type.Integer(),
  max_attempts: Type.Integer(),
  run_at: Instant,
  last_error: Type.Union([Type.String(), Type.Null()]),
  user_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  created_at: Instant,
  updated_at: Instant,
  finished_at: Type.Union([Instant, Type.Null()]),
});

export const ListJobsQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...JOB_STATUSES], { description: 'Only jobs in this state; `dead` is the dead-letter list.' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9_.]+$' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const JobParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const JobPage = Page(Job);
