import { readFile } from 'node:fs/promises';
import type { Config } from '../config/config.ts';
import { readStdin, withContainer } from './cli-container.ts';

interface CreateOptions {
  username: string;
  email: string;
  fullName?: string;
  timezone: string;
  language: 'de' | 'en';
  admin?: boolean;
  passwordStdin?: boolean;
}

export async function createUserCommand(config: Config, options: CreateOptions): Promise<void> {
  const password = options.passwordStdin ? await readStdin() : undefined;
  await withContainer(config, async ({ usecases }) => {
    const { user, oneTimePassword } = await usecases.users.createUser({
      username: options.username,
      email: options.email,
      timezone: options.timezone,
      language: options.language,
      ...(password === undefined ? {} : { password }),
      ...(options.fullName ? { fullName: options.fullName } : {}),
      ...(options.admin ? { role: 'admin' as const } : {}),
    });
    process.stdout.write(`created ${user.role} ${user.username} (${user.id})\n`);
    if (oneTimePassword) process.stdout.write(`one-time password (must be changed at first login): ${oneTimePassword}\n`);
  });
}

export async function resetPasswordCommand(config: Config, login: string, options: { passwordStdin?: boolean }): Promise<void> {
  const password = options.passwordStdin ? await readStdin() : undefined;
  await withContainer(config, async ({ usecases }) => {
    const { user, oneTimePassword } = await usecases.users.resetPassword({ login, ...(password === undefined ? {} : { password }) });
    process.stdout.write(`password of ${user.username} reset\n`);
    if (oneTimePassword) process.stdout.write(`one-time password (must be changed at first login): ${oneTimePassword}\n`);
  });
}

export async function importUserCommand(config: Config, archivePath: string): Promise<void> {
  const archive = await readFile(archivePath);
  await withContainer(config, async ({ usecases }) => {
    process.stdout.write(`importing ${archivePath} ...\n`);
    const result = await usecases.dataExport.importUser(archive);
    process.stdout.write(`imported ${result.username} (${result.user_id}): ${result.rows} rows, ${result.files} files\n`);
  });
}
