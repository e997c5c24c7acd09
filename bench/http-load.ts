/** Small load helpers for benchmarks: latency percentiles, a fixed-rate run, and a closed-loop run with N clients. */
export { percentile } from '../apps/server/src/shared/testing/percentile.ts';

export async function timed(request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`request failed with ${response.status}`);
  return performance.now() - started;
}

export async function sequential(count: number, request: (index: number) => Promise<Response>): Promise<number[]> {
  const latencies: number[] = [];
  for (let index = 0; index < count; index += 1) latencies.push(await timed(() => request(index)));
  return latencies;
}

/** Open loop: starts requests at a fixed rate whatever the server does, so slowness shows as latency. */
export async function fixedRate(ratePerSecond: number, seconds: number, request: (index: number) => Promise<Response>): Promise<number[]> {
  const total = ratePerSecond * seconds;
  const interval = 1000 / ratePerSecond;
  const started = performance.now();
  const pending: Promise<number>[] = [];
  for (let index = 0; index < total; index += 1) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // A failed request counts as infinitely slow: it shows in p99 instead of stopping the run.
    pending.push(timed(() => request(index)).catch(() => Number.POSITIVE_INFINITY));
  }
  return Promise.all(pending);
}

/** Closed loop: `clients` loops send back-to-back for `seconds`; returns completed requests per second. */
export async function maxThroughput(clients: number, seconds: number, request: (index: number) => Promise<Response>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let completed = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let index = 0; performance.now() < until; index += 1) {
        const ok = await timed(() => request(client * 1_000_000 + index)).then(() => true, () => false);
        if (ok) completed += 1;
      }
    }),
  );
  return completed / seconds;
}
