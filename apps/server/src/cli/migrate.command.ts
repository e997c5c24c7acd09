import type { Config } from '../config/config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../migrations/migrator.ts';
import { systemClock } from '../shared/clock/clock.ts';

export async function migrateCommand(config: Config): Promise<void> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const report = await migrateToLatest(handle, { clock: systemClock, onProgress: (message) => process.stdout.write(`${message}\n`) });
    process.stdout.write(report.applied.length === 0 ? 'database is up to date\n' : `applied ${report.applied.join(', ')}\n`);
  } finally {
    await handle.destroy();
  }
}
