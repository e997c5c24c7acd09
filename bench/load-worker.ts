/** Runs a load pattern in its own thread, so the client does not share the server's event loop. */
import { parentPort, workerData } from 'node:worker_threads';
import { fixedRate, maxThroughput, sequential } from './http-load.ts';

export interface LoadJob {
  mode: 'sequential' | 'fixed-rate' | 'max-throughput';
  base: string;
  tokens: string[];
  paths: string[];
  count?: number;
  rate?: number;
  seconds?: number;
  clients?: number;
}

const job = workerData as LoadJob;
const request = (index: number) => fetch(job.base + job.paths[index % job.paths.length], { headers: { authorization: `Bearer ${job.tokens[index % job.tokens.length]}` } });
const result =
  job.mode === 'sequential'
    ? await sequential(job.count ?? 100, request)
    : job.mode === 'fixed-rate'
      ? await fixedRate(job.rate ?? 100, job.seconds ?? 10, request)
      : await maxThroughput(job.clients ?? 50, job.seconds ?? 10, request);
parentPort?.postMessage(result);
