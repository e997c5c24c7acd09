/**
 * Every setting Workmate reads, in one place: its environment variable, type, default and meaning.
 * docs/configuration.md is generated from this list (`npm run docs:config`); a test keeps them equal.
 */
import Type, { type TSchema } from 'typebox';

export interface Setting {
  env: string;
  schema: TSchema;
  default?: unknown;
  description: string;
  /** Never printed back (logs, error messages). */
  secret?: boolean;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const settings = {
  port: {
    env: 'PORT',
    schema: Type.Integer({ minimum: 1, maximum: 65535 }),
    default: 8080,
    description: 'TCP port of the HTTP API and web app.',
  },
  host: {
    env: 'HOST',
    schema: Type.String({ minLength: 1 }),
    default: '0.0.0.0',
    description: 'Address to listen on. `0.0.0.0` reaches the home network; `127.0.0.1` keeps it to this machine.',
  },
  dataDir: {
    env: 'DATA_DIR',
    schema: Type.String({ minLength: 1 }),
    default: './data',
    description: 'Folder for the SQLite database, stored files and backups.',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: Type.String({ pattern: '^(postgres|postgresql|sqlite):' }),
    description: 'Unset: SQLite file `workmate.db` in the data directory. `postgres://user:pass@host/db` for PostgreSQL, `sqlite:/path/file.db` for another SQLite file.',
    secret: true,
  },
  databasePoolSize: {
    env: 'WORKMATE_DATABASE_POOL_SIZE',
    schema: Type.Integer({ minimum: 1, maximum: 200 }),
    default: 10,
    description: 'PostgreSQL connections per process.',
  },
  logLevel: {
    env: 'LOG_LEVEL',
    schema: Type.Enum([...logLevels]),
    default: 'info',
    description: `Log level: ${logLevels.join(', ')}. Logs are JSON lines on standard output.`,
  },
  maxJsonBodyBytes: {
    env: 'WORKMATE_MAX_JSON_BODY_BYTES',
    schema: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024 }),
    default: 1024 * 1024,
    description: 'Largest JSON request body accepted; larger ones are answered with 413.',
  },
  workerConcurrency: {
    env: 'WORKMATE_WORKER_CONCURRENCY',
    schema: Type.Integer({ minimum: 1, maximum: 64 }),
    default: 2,
    description: 'Jobs one worker process runs at the same time.',
  },
  jobPollIntervalMs: {
    env: 'WORKMATE_JOB_POLL_INTERVAL_MS',
    schema: Type.Integer({ minimum: 10, maximum: 60_000 }),
    default: 1000,
    description: 'How often an idle worker looks for due jobs.',
  },
  jobLeaseSeconds: {
    env: 'WORKMATE_JOB_LEASE_SECONDS',
    schema: Type.Integer({ minimum: 1, maximum: 3600 }),
    default: 60,
    description: 'A claimed job belongs to its worker this long; the worker renews it while the job runs. A job whose worker died runs again once its lease has expired.',
  },
  jobMaxAttempts: {
    env: 'WORKMATE_JOB_MAX_ATTEMPTS',
    schema: Type.Integer({ minimum: 1, maximum: 100 }),
    default: 8,
    description: 'Default attempts before a job is moved to the dead-letter state (a job definition may set its own).',
  },
  jobBackoffBaseMs: {
    env: 'WORKMATE_JOB_BACKOFF_BASE_MS',
    schema: Type.Integer({ minimum: 1, maximum: 3_600_000 }),
    default: 5000,
    description: 'First retry delay; it doubles with every failed attempt.',
  },
  jobBackoffMaxMs: {
    env: 'WORKMATE_JOB_BACKOFF_MAX_MS',
    schema: Type.Integer({ minimum: 1, maximum: 86_400_000 }),
    default: 3_600_000,
    description: 'Longest retry delay.',
  },
  adminToken: {
    env: 'WORKMATE_ADMIN_TOKEN',
    schema: Type.String({ minLength: 32 }),
    description: 'Bearer token for the operator API (`/api/v1/admin/*`, e.g. the dead-letter list) until accounts with an admin role exist. Unset: the operator API is off.',
    secret: true,
  },
  migrateOnStart: {
    env: 'WORKMATE_MIGRATE_ON_START',
    schema: Type.Boolean(),
    default: true,
    description: 'Apply pending database migrations when a process starts (an existing SQLite file is backed up first). Set to false to run `workmate migrate` yourself.',
  },
  shutdownTimeoutSeconds: {
    env: 'WORKMATE_SHUTDOWN_TIMEOUT_SECONDS',
    schema: Type.Integer({ minimum: 1, maximum: 600 }),
    default: 30,
    description: 'On SIGTERM, how long running requests and jobs may take to finish before the process exits anyway.',
  },
} satisfies Record<string, Setting>;

export type SettingKey = keyof typeof settings;
