/**
 * `workmate <command>`: serve (default), api, worker, migrate, user create / reset-password,
 * jobs list / retry. Configuration comes from the environment (docs/configuration.md).
 */
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config/config.ts';
import { runApi, runServe, runWorker } from '../app/processes.ts';
import { VERSION } from '../app/version.ts';
import { MissingMasterKeyError } from '../shared/crypto/keyring-loader.ts';
import { isAppError } from '../shared/errors/errors.ts';
import { migrateCommand } from './migrate.command.ts';
import { createUserCommand, importUserCommand, resetPasswordCommand } from './user.command.ts';
import { rotateKeysCommand } from './keys.command.ts';
import { listJobsCommand, retryJobCommand } from './jobs.command.ts';
import { simulateCommand } from './simulate.command.ts';

function config(): Config {
  return loadConfig(process.env);
}

export function buildCli(): Command {
  const program = new Command('workmate').version(VERSION).description('Workmate: documents in, deadlines kept.');
  program.command('serve', { isDefault: true }).description('API and job worker in one process (the default).').action(() => runServe(config()));
  program.command('api').description('Only the HTTP API (scale out with several, on PostgreSQL).').action(() => runApi(config()));
  program.command('worker').description('Only the job worker (scale out with several, on PostgreSQL).').action(() => runWorker(config()));
  program.command('migrate').description('Apply pending database migrations (SQLite is backed up first).').action(() => migrateCommand(config()));

  const user = program.command('user').description('Manage user accounts.');
  user
    .command('create')
    .description('Create a user; prints a one-time password unless --password-stdin is given. The first user is the admin.')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--email <address>', 'e-mail address')
    .option('--full-name <name>', 'name shown in the app')
    .option('--timezone <zone>', 'IANA time zone, e.g. Europe/Berlin', 'UTC')
    .addOption(new Option('--language <code>', 'interface language').choices(['de', 'en']).default('de'))
    .option('--admin', 'make the user an administrator')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action((options) => createUserCommand(config(), options));
  user
    .command('reset-password')
    .description('Set a new password; prints a one-time password unless --password-stdin is given.')
    .argument('<login>', 'username or e-mail')
    .option('--password-stdin', 'read the password from standard input')
    .action((login: string, options: { passwordStdin?: boolean }) => resetPasswordCommand(config(), login, options));

  user
    .command('import')
    .description("Restore a user's export archive (GET /api/v1/users/me/export) into this instance, e.g. to move from SQLite to PostgreSQL.")
    .argument('<archive>', 'the .tar.gz file')
    .action((archive: string) => importUserCommand(config(), archive));

  program
    .command('keys')
    .description('Manage the master key for secrets at rest.')
    .command('rotate')
    .description('Re-encrypt every secret with the current master key (with the key file: make a new key first). Restart Workmate afterwards.')
    .option('--prune', 'with the key file: after the restart, re-encrypt any stragglers and forget the older keys')
    .action((options: { prune?: boolean }) => rotateKeysCommand(config(), options));

  program
    .command('simulate')
    .description('Run a month of reminders for a sample user with 30 mixed tasks on a fake clock (throw-away database, simulated channels) and print the timeline per task, the count per day and channel, and checks.')
    .option('--days <n>', 'days to simulate', (value) => Number.parseInt(value, 10), 30)
    .option('--seed <n>', 'seed of the sample tasks', (value) => Number.parseInt(value, 10), 1)
    .option('--zone <zone>', 'the sample user\'s time zone', 'Europe/Berlin')
    .addOption(new Option('--language <code>', 'message language').choices(['de', 'en']).default('de'))
    .action((options: { days: number; seed: number; zone: string; language: 'de' | 'en' }) => simulateCommand(options));

  const jobs = program.command('jobs').description('Inspect the job queue.');
  jobs
    .command('list')
    .description('List jobs, newest first; --status dead shows the dead-letter list with each last error.')
    .addOption(new Option('--status <status>').choices(['queued', 'running', 'succeeded', 'dead']))
    .option('--limit <n>', 'how many', '20')
    .action((options: { status?: 'queued' | 'running' | 'succeeded' | 'dead'; limit: string }) => listJobsCommand(config(), options));
  jobs.command('retry').description('Queue a dead-lettered job again.').argument('<id>').action((id: string) => retryJobCommand(config(), id));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MissingMasterKeyError || isAppError(error)) {
      process.stderr.write(`workmate: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
