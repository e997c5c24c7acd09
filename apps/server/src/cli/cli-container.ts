import type { Config } from '../config/config.ts';
import { createContainer, type Container } from '../app/container.ts';
import { migrateToLatest } from '../migrations/migrator.ts';
import { systemClock } from '../shared/clock/clock.ts';
import { createLogger } from '../shared/logging/logger.ts';

/** Opens the database for a one-shot command (migrating it if allowed), runs `work`, closes it. */
export async function withContainer<T>(config: Config, work: (container: Container) => Promise<T>): Promise<T> {
  const container = createContainer({ config, clock: systemClock, logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });
  try {
    if (config.migrateOnStart) await migrateToLatest(container.handle);
    return await work(container);
  } finally {
    await container.close();
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
