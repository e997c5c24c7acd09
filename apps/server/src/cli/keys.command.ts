import type { Config } from '../config/config.ts';
import { withContainer } from './cli-container.ts';

export async function rotateKeysCommand(config: Config): Promise<void> {
  await withContainer(config, async ({ usecases }) => {
    const result = await usecases.secrets.rotate();
    process.stdout.write(`re-encrypted ${result.resealed} secret(s) with key ${result.keyId}\n`);
    if (result.source === 'config') {
      process.stdout.write('every secret now uses WORKMATE_MASTER_KEY: WORKMATE_PREVIOUS_MASTER_KEYS can be removed.\n');
    }
  });
}
