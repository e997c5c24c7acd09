/**
 * A worker process for the fault test: runs the fault fixtures against DATABASE_URL until killed.
 * Prints "ready" once it polls.
 */
import { openDatabase } from '../../db/database.ts';
import { systemClock } from '../../shared/clock/clock.ts';
import { createLogger } from '../../shared/logging/logger.ts';
import { createFaultJobSystem } from './fault-fixtures.ts';

const workerName = process.env.FAULT_WORKER_NAME ?? `fault-${process.pid}`;
const handle = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '.', poolSize: 4 });
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
const worker = createFaultJobSystem({ handle, clock: systemClock, logger, workerName }).createWorker({ workerId: workerName });
worker.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker.stop(5000).then(() => handle.destroy()).then(() => process.exit(0));
});
