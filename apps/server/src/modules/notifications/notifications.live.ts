/**
 * Live updates for the notification centre (server-sent events). Firings are written by whichever
 * process dispatches (the worker thread of `serve`, or `workmate worker` processes elsewhere), so
 * each API process watches the table itself: while anyone listens, one query per interval fetches
 * the firings created since the last look, for every listener at once, and hands each to its user.
 * That fans out across threads and processes on both databases without a broker; a short overlap
 * window (deduplicated by id) covers clocks of different processes that are slightly apart.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';
import type { Clock } from '../../shared/clock/clock.ts';

export interface LiveFiring {
  id: string;
  kind: string;
  severity: string | null;
  title: string;
  body: string;
  action_url: string | null;
  task_id: string | null;
  created_at: string;
}

type Listener = (firing: LiveFiring) => void;

const OVERLAP_MS = 10_000;
const BATCH = 500;

export function createLiveFeed(deps: { db: Kysely<Database>; clock: Clock; intervalMs?: number }) {
  const intervalMs = deps.intervalMs ?? 1_000;
  const listeners = new Map<string, Set<Listener>>();
  const seen = new Map<string, number>();
  let cursor = deps.clock.now();
  let timer: NodeJS.Timeout | undefined;
  let polling = false;

  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const since = new Date(cursor.getTime() - OVERLAP_MS);
      const userIds = [...listeners.keys()];
      if (userIds.length === 0) return;
      const rows = await deps.db
        .selectFrom('notification_firings')
        .select(['id', 'user_id', 'kind', 'severity', 'title', 'body', 'action_url', 'task_id', 'created_at'])
        .where('created_at', '>', toDbInstant(since))
        .where('user_id', 'in', userIds)
        .orderBy('created_at')
        .limit(BATCH)
        .execute();
      const now = deps.clock.now().getTime();
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.set(row.id, now);
        const { user_id: userId, ...firing } = row;
        for (const listener of listeners.get(userId) ?? []) listener(firing);
        if (new Date(row.created_at) > cursor) cursor = new Date(row.created_at);
      }
      for (const [id, at] of seen) if (now - at > OVERLAP_MS * 3) seen.delete(id);
    } finally {
      polling = false;
    }
  }

  function ensureTimer() {
    if (timer || listeners.size === 0) return;
    timer = setInterval(() => void poll().catch(() => undefined), intervalMs);
    timer.unref();
  }

  return {
    /** Calls `listener` for every new firing of the user until the returned function is called. */
    subscribe(userId: string, listener: Listener): () => void {
      if (listeners.size === 0) cursor = deps.clock.now();
      const set = listeners.get(userId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(userId, set);
      ensureTimer();
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(userId);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    /** One look now (tests, and after this process fired something itself). */
    poll,
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      listeners.clear();
    },
  };
}

export type LiveFeed = ReturnType<typeof createLiveFeed>;
