/**
 * Entry of the job worker thread that `workmate serve` starts beside the API, so that heavy work
 * never runs on the API's event loop. It owns its own database connection.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/config.ts';
import { processClock } from '../shared/clock/clock.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { createContainer } from './container.ts';

const { config } = workerData as { config: Config };
const logger = createLogger(config.logLevel).child({ thread: 'worker' });
// The API thread checkpoints the SQLite log (runServe), so this thread's commits never wait for it.
const container = createContainer({ config, clock: processClock(config.testNow), logger, sqliteAutoCheckpoint: false });
const worker = container.jobs.createWorker();
worker.start();

parentPort?.on('message', (message: unknown) => {
  if (message === 'nudge') worker.nudge();
  if (message !== 'stop') return;
  void (async () => {
    await worker.stop(config.shutdownTimeoutSeconds * 1000);
    await container.close();
    parentPort?.close();
  })();
});
