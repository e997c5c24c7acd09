import type { Config } from '../config/config.ts';
import { withContainer } from './cli-container.ts';

export async function rotateKeysCommand(config: Config, options: { prune?: boolean }): Promise<void> {
  await withContainer(config, async ({ usecases }) => {
    if (options.prune) {
      const pruned = await usecases.secrets.prune();
      process.stdout.write(`re-encrypted ${pruned.resealed} straggling secret(s); forgot ${pruned.dropped} older key(s)\n`);
      return;
    }
    const result = await usecases.secrets.rotate();
    process.stdout.write(`re-encrypted ${result.resealed} secret(s) with key ${result.keyId}\n`);
    process.stdout.write(
      result.source === 'config'
        ? 'every secret now uses WORKMATE_MASTER_KEY: WORKMATE_PREVIOUS_MASTER_KEYS can be removed.\n'
        : 'restart Workmate so it uses the new key, then run `workmate keys rotate --prune`.\n',
    );
  });
}
