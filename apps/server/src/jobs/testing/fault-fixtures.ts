/**
 * Jobs and an event for the fault test (jobs.fault.test.ts). Their effects go to the test-only
 * table `fault_effects`, which has no unique key on purpose: an effect applied twice shows up as
 * two rows. Each effect is written inside `context.complete`, with a pause in the open transaction,
 * so a kill can land before, inside or after the commit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import Type from 'typebox';
import type { DatabaseHandle } from '../../db/database.ts';
import { declareEvent, subscribe } from '../../events/events.types.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import { createJobSystem } from '../job-system.ts';
import { declareJob, handle } from '../jobs.types.ts';

export const faultWorkJob = declareJob('fault.work', Type.Object({ key: Type.String(), steps: Type.Integer({ minimum: 1 }), step_ms: Type.Integer({ minimum: 1 }) }));
export const faultNoted = declareEvent('fault.noted', Type.Object({ key: Type.String() }));
export const SUBSCRIBER_PAUSE_MS = 250;
export const COMMIT_PAUSE_MS = 60;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test table is not part of the schema
type AnyDb = Kysely<any>;
const effects = (db: AnyDb) => db;

export async function createFaultEffectsTable(handle: DatabaseHandle): Promise<void> {
  await sql`CREATE TABLE fault_effects (effect_key TEXT NOT NULL, written_by TEXT NOT NULL)`.execute(handle.db);
}

export async function countEffects(handle: DatabaseHandle): Promise<Map<string, number>> {
  const rows = await effects(handle.db).selectFrom('fault_effects').select(['effect_key']).execute();
  const counts = new Map<string, number>();
  for (const row of rows as { effect_key: string }[]) counts.set(row.effect_key, (counts.get(row.effect_key) ?? 0) + 1);
  return counts;
}

export function createFaultJobSystem(input: { handle: DatabaseHandle; clock: Clock; logger: Logger; workerName: string }) {
  const write = (trx: AnyDb, key: string) =>
    effects(trx).insertInto('fault_effects').values({ effect_key: key, written_by: input.workerName }).execute();
  return createJobSystem({
    handle: input.handle,
    clock: input.clock,
    logger: input.logger,
    settings: { workerConcurrency: 2, jobPollIntervalMs: 20, jobLeaseSeconds: 1, jobMaxAttempts: 5, jobBackoffBaseMs: 100, jobBackoffMaxMs: 1000 },
    jobs: [faultWorkJob],
    registrations: [
      handle(faultWorkJob, async (payload, context) => {
        for (let step = 0; step < payload.steps; step += 1) await sleep(payload.step_ms); // stands for heavy work
        await context.complete(async (trx) => {
          await write(trx, `work:${payload.key}`);
          await sleep(COMMIT_PAUSE_MS);
        });
      }),
    ],
    events: [faultNoted],
    subscribers: [
      subscribe('fault.record', faultNoted, async (event, context) => {
        await write(context.trx, `event:${event.payload.key}`);
        await sleep(SUBSCRIBER_PAUSE_MS);
      }),
    ],
  });
}
