/** Operator view of the job queue: list (e.g. the dead-letter state) and retry. */
import type { Static } from 'typebox';
import { fromDbJson } from '../../db/values.ts';
import type { JobRow, JobsRepository } from '../../jobs/jobs.repository.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { defineError } from '../../shared/errors/errors.ts';
import { pageWindow } from '../../shared/http/pagination.ts';
import type { Job, ListJobsQuery } from './operations.schemas.ts';

export const jobNotFound = defineError({ code: 'jobs.not_found', status: 404, message: 'No job with this id.' });
export const jobNotDead = defineError({ code: 'jobs.not_dead', status: 409, message: 'Only a dead-lettered job can be retried.' });

export function toJobResponse(row: JobRow): Static<typeof Job> {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    payload: fromDbJson(row.payload),
    idempotency_key: row.idempotency_key,
    attempts: row.attempts,
    max_attempts: row.max_attempts,
    run_at: row.run_at,
    last_error: row.last_error,
    user_id: row.user_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    finished_at: row.finished_at,
  };
}

export function createOperationsUsecases({ jobs, clock }: { jobs: JobsRepository; clock: Clock }) {
  async function listJobs(query: Static<typeof ListJobsQuery>) {
    const { rows, total } = await jobs.list({ ...pageWindow(query), ...(query.status ? { status: query.status } : {}), ...(query.name ? { name: query.name } : {}) });
    return { total, page: query.page, page_size: query.page_size, results: rows.map(toJobResponse) };
  }

  async function getJob(id: string) {
    const row = await jobs.findById(id);
    if (!row) throw jobNotFound();
    return toJobResponse(row);
  }

  async function retryJob(id: string) {
    const row = await jobs.requeueDead({ id, now: clock.now() });
    if (row) return toJobResponse(row);
    throw (await jobs.findById(id)) ? jobNotDead() : jobNotFound();
  }

  return { listJobs, getJob, retryJob };
}

export type OperationsUsecases = ReturnType<typeof createOperationsUsecases>;
