/**
 * The long-running processes: `serve` (API + worker thread, the default), `api` and `worker`
 * (separately, to scale on PostgreSQL). Each migrates the database at start unless told not to,
 * and shuts down gracefully on SIGTERM/SIGINT.
 */
import { Worker as Thread } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/config.ts';
import { migrateToLatest } from '../migrations/migrator.ts';
import { processClock } from '../shared/clock/clock.ts';
import { createLogger, type Logger } from '../shared/logging/logger.ts';
import { createContainer, type Container } from './container.ts';
import { buildHttpServer } from './http-server.ts';
import { MALLOC_SETTINGS, missingMallocSettings, runsOnGlibc } from './malloc.ts';
import { VERSION } from './version.ts';

const runningFromSource = import.meta.url.endsWith('.ts');

/** The built web app: apps/web/dist, found from the source tree or from apps/server/dist. */
function webRoot(): string {
  return fileURLToPath(new URL(runningFromSource ? '../../../web/dist' : '../../web/dist', import.meta.url));
}

async function prepare(config: Config, role: string): Promise<Container> {
  const logger = createLogger(config.logLevel).child({ role });
  const container = createContainer({ config, clock: processClock(config.testNow), logger });
  if (config.migrateOnStart) {
    const report = await migrateToLatest(container.handle, { onProgress: (message) => logger.info(message) });
    if (report.applied.length > 0) logger.info({ applied: report.applied }, 'database migrated');
  }
  return container;
}

/** The processes that read documents hold less memory with glibc's malloc tuned (see malloc.ts). */
function adviseOnMalloc(logger: Logger) {
  const missing = missingMallocSettings(process.env, runsOnGlibc());
  if (missing.length === 0) return;
  const settings = missing.map((name) => `${name}=${MALLOC_SETTINGS[name]}`).join(' ');
  logger.warn(`reading photos holds about 150 MB more memory than it needs without ${settings} in the environment (npm start sets it; see docs/documents.md)`);
}

async function startHttp(container: Container) {
  const app = await buildHttpServer({
    logger: container.logger,
    clock: container.clock,
    settings: { maxJsonBodyBytes: container.config.maxJsonBodyBytes, maxUploadBytes: container.config.maxUploadBytes, accessTokenTtlSeconds: container.config.accessTokenTtlSeconds, trustedProxies: container.config.trustedProxies, webRoot: webRoot() },
    usecases: container.usecases,
    version: VERSION,
  });
  await app.listen({ port: container.config.port, host: container.config.host });
  return app;
}

function startWorkerThread(config: Config, logger: Logger): { stop(): Promise<void>; nudge(): void } {
  const entry = new URL(runningFromSource ? './worker-thread.dev.mjs' : './worker-thread.js', import.meta.url);
  const thread = new Thread(entry, { workerData: { config } });
  let stopping = false;
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  thread.on('error', (error) => logger.fatal({ err: error }, 'worker thread crashed'));
  thread.once('exit', (code) => {
    if (stopping) return;
    logger.fatal({ code }, 'worker thread stopped unexpectedly; exiting so the service manager restarts Workmate');
    process.exit(1);
  });
  return {
    stop: async () => {
      stopping = true;
      thread.postMessage('stop');
      await exited;
    },
    nudge: () => {
      if (!stopping) thread.postMessage('nudge');
    },
  };
}

function onShutdown(logger: Logger, timeoutSeconds: number, close: () => Promise<void>) {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, (timeoutSeconds + 5) * 1000);
    timer.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

export async function runServe(config: Config): Promise<void> {
  const container = await prepare(config, 'serve');
  adviseOnMalloc(container.logger);
  const app = await startHttp(container);
  const worker = startWorkerThread(config, container.logger);
  container.jobs.onNudge(() => worker.nudge());
  const checkpoints = startWalCheckpoints(container);
  // The Telegram receiver is I/O only (it queues jobs for the worker thread), so it runs here, beside the API.
  container.telegramPoller?.start();
  onShutdown(container.logger, config.shutdownTimeoutSeconds, async () => {
    await container.telegramPoller?.stop();
    await app.close();
    await worker.stop();
    checkpoints.stop();
    await container.close();
  });
}

/**
 * SQLite under `serve`: the worker thread does not checkpoint its own commits (see openSqlite), this
 * thread does it for both, once a second; a PASSIVE checkpoint blocks neither thread's writes.
 */
function startWalCheckpoints(container: Container, everyMs = 1000): { stop(): void } {
  const { handle, logger } = container;
  if (!handle.checkpoint) return { stop: () => undefined };
  const checkpoint = handle.checkpoint;
  const run = () => {
    try {
      checkpoint();
    } catch (error) {
      logger.warn({ err: error }, 'could not checkpoint the SQLite write-ahead log; trying again shortly');
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      run();
    },
  };
}

export async function runApi(config: Config): Promise<void> {
  const container = await prepare(config, 'api');
  const app = await startHttp(container);
  onShutdown(container.logger, config.shutdownTimeoutSeconds, async () => {
    await app.close();
    await container.close();
  });
}

export async function runWorker(config: Config): Promise<void> {
  const container = await prepare(config, 'worker');
  adviseOnMalloc(container.logger);
  const worker = container.jobs.createWorker();
  worker.start();
  container.telegramPoller?.start();
  onShutdown(container.logger, config.shutdownTimeoutSeconds, async () => {
    await container.telegramPoller?.stop();
    await worker.stop(config.shutdownTimeoutSeconds * 1000);
    await container.close();
  });
}
