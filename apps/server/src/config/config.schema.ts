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
  registration: {
    env: 'WORKMATE_REGISTRATION',
    schema: Type.Enum(['closed', 'open', 'invite']),
    default: 'closed',
    description: 'Who may register after the first user (who always may, and becomes the admin): `closed` (the admin creates users), `open`, or `invite` (with an invite link from the admin).',
  },
  masterKey: {
    env: 'WORKMATE_MASTER_KEY',
    schema: Type.String({ pattern: '^[A-Za-z0-9+/_-]{43}=?$' }),
    description: 'Key that encrypts secrets at rest (2FA secrets, integration credentials): 32 random bytes in base64, e.g. from `openssl rand -base64 32`. Required on PostgreSQL (all hosts must share it). On SQLite, when unset, one is generated on first start in `DATA_DIR/master.key` (mode 0600).',
    secret: true,
  },
  previousMasterKeys: {
    env: 'WORKMATE_PREVIOUS_MASTER_KEYS',
    schema: Type.String({ pattern: '^[A-Za-z0-9+/_-]{43}=?(,[A-Za-z0-9+/_-]{43}=?)*$' }),
    description: 'Comma-separated older master keys, used only to decrypt while `workmate keys rotate` re-encrypts everything with the current key.',
    secret: true,
  },
  accessTokenTtlSeconds: {
    env: 'WORKMATE_ACCESS_TOKEN_TTL_SECONDS',
    schema: Type.Integer({ minimum: 60, maximum: 86_400 }),
    default: 900,
    description: 'Lifetime of an access token; clients renew it with their refresh token.',
  },
  sessionTtlDays: {
    env: 'WORKMATE_SESSION_TTL_DAYS',
    schema: Type.Integer({ minimum: 1, maximum: 365 }),
    default: 30,
    description: 'A session (its refresh token) ends this many days after its last refresh.',
  },
  trustedProxies: {
    env: 'WORKMATE_TRUSTED_PROXIES',
    schema: Type.String({ pattern: '^[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*$' }),
    description: 'Comma-separated addresses or CIDR ranges of reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed, e.g. `127.0.0.1,10.0.0.0/8`. Unset: those headers are ignored.',
  },
  geoipDatabase: {
    env: 'WORKMATE_GEOIP_DATABASE',
    schema: Type.String({ minLength: 1 }),
    description: 'Path to a MaxMind-format database (e.g. GeoLite2-City.mmdb or -Country.mmdb) for the country and city of a login. Unset: logins are compared by network only.',
  },
  publicUrl: {
    env: 'WORKMATE_PUBLIC_URL',
    schema: Type.String({ pattern: '^https?://[^\\s/]+(/[^\\s]*)?$' }),
    description: 'The address users reach Workmate at, e.g. `https://workmate.example.org`; used in invite links. Unset: links are relative.',
  },
  maxUploadBytes: {
    env: 'WORKMATE_MAX_UPLOAD_BYTES',
    schema: Type.Integer({ minimum: 1024, maximum: 1024 * 1024 * 1024 }),
    default: 25 * 1024 * 1024,
    description: 'Largest file accepted per upload (each file of a multi-file upload); larger ones are answered with 413.',
  },
  maxPdfPages: {
    env: 'WORKMATE_MAX_PDF_PAGES',
    schema: Type.Integer({ minimum: 1, maximum: 10_000 }),
    default: 50,
    description: 'A PDF with more pages than this is not read: the document ends as `failed` with the reason.',
  },
  extractionTimeoutSeconds: {
    env: 'WORKMATE_EXTRACTION_TIMEOUT_SECONDS',
    schema: Type.Integer({ minimum: 1, maximum: 3600 }),
    default: 600,
    description: 'Longest time reading one document may take, OCR of all its pages included; a document that takes longer is stopped and ends as `failed`. A backstop: each page also has its own OCR limit.',
  },
  ocrDriver: {
    env: 'WORKMATE_OCR_DRIVER',
    schema: Type.Enum(['auto', 'tesseract', 'tesseract.js']),
    default: 'auto',
    description: '`auto`: Debian\'s native `tesseract` when installed with deu, eng and osd (faster; `scripts/install-ocr.sh`), else tesseract.js with the language data from npm. `tesseract` refuses to start without the native one.',
  },
  ocrLanguages: {
    env: 'WORKMATE_OCR_LANGUAGES',
    schema: Type.String({ pattern: '^[a-z_]{3,8}(\\+[a-z_]{3,8})*$' }),
    default: 'deu+eng',
    description: 'Tesseract languages for OCR, `+`-separated. tesseract.js has deu and eng from npm; the native driver reads what is installed.',
  },
  ocrPageTimeoutSeconds: {
    env: 'WORKMATE_OCR_PAGE_TIMEOUT_SECONDS',
    schema: Type.Integer({ minimum: 1, maximum: 600 }),
    default: 60,
    description: 'Longest OCR time for one page; a page that takes longer is skipped with a warning on the document.',
  },
  ocrParallelPages: {
    env: 'WORKMATE_OCR_PARALLEL_PAGES',
    schema: Type.Integer({ minimum: 1, maximum: 32 }),
    default: 1,
    description: 'Pages of one document recognised at the same time (see `npm run bench:pipeline`).',
  },
  maxImagePixels: {
    env: 'WORKMATE_MAX_IMAGE_PIXELS',
    schema: Type.Integer({ minimum: 1_000_000, maximum: 1_000_000_000 }),
    default: 100_000_000,
    description: 'Largest image (width x height) that is decoded; larger ones (decompression bombs) fail with the reason before any pixel is decoded.',
  },
  llmProvider: {
    env: 'WORKMATE_LLM_PROVIDER',
    schema: Type.Enum(['off', 'openai', 'ollama']),
    default: 'off',
    description: 'Optional LLM step of document understanding, for fields the rules leave missing or unsure: `openai` (any OpenAI-compatible chat-completions endpoint with structured outputs), `ollama` (Ollama\'s /api/chat). Needs WORKMATE_LLM_BASE_URL and WORKMATE_LLM_MODEL. The document text is sent to the endpoint: see docs/documents.md, "Optional LLM".',
  },
  llmBaseUrl: {
    env: 'WORKMATE_LLM_BASE_URL',
    schema: Type.String({ pattern: '^https?://[^\\s/?#@]+(/[^\\s#]*)?$' }),
    description: 'The LLM endpoint, without a default so that document text never goes anywhere by accident: e.g. `https://api.openai.com/v1` (`/chat/completions` is appended), `http://ollama.lan:11434` (`/api/chat` is appended). An address in a private network also needs WORKMATE_LLM_ALLOW_PRIVATE.',
  },
  llmModel: {
    env: 'WORKMATE_LLM_MODEL',
    schema: Type.String({ pattern: '^[\\x21-\\x7e]{1,200}$' }),
    description: 'The model name the endpoint knows, e.g. `gpt-4o-mini` or `qwen2.5:7b`. It must support JSON-schema structured outputs.',
  },
  llmApiKey: {
    env: 'WORKMATE_LLM_API_KEY',
    schema: Type.String({ pattern: '^[\\x21-\\x7e]{1,1000}$' }),
    secret: true,
    description: 'Sent as `Authorization: Bearer <key>`; never logged. Unset: no Authorization header (a local Ollama needs none).',
  },
  llmTimeoutSeconds: {
    env: 'WORKMATE_LLM_TIMEOUT_SECONDS',
    schema: Type.Integer({ minimum: 1, maximum: 600 }),
    default: 20,
    description: 'Longest time one LLM call may take; after it the document is finished without the LLM\'s answer and carries a warning.',
  },
  llmAllowPrivate: {
    env: 'WORKMATE_LLM_ALLOW_PRIVATE',
    schema: Type.Boolean(),
    default: false,
    description: 'Whether WORKMATE_LLM_BASE_URL may resolve to a loopback, link-local or private address (an Ollama on this machine or the LAN). Off by default: a URL typed in must not reach into the home network unless meant to.',
  },
  llmMaxTextChars: {
    env: 'WORKMATE_LLM_MAX_TEXT_CHARS',
    schema: Type.Integer({ minimum: 1000, maximum: 200_000 }),
    default: 12_000,
    description: 'Most characters of a document\'s text sent to the LLM (its beginning and its end when longer).',
  },
  documentRetentionDays: {
    env: 'WORKMATE_DOCUMENT_RETENTION_DAYS',
    schema: Type.Integer({ minimum: 0, maximum: 3650 }),
    default: 30,
    description: 'A deleted document and its files are removed for good this many days after deletion (until then an admin can restore it from the database).',
  },
  smtpUrl: {
    env: 'WORKMATE_SMTP_URL',
    schema: Type.String({ pattern: '^smtps?://[^\\s]+$' }),
    secret: true,
    description: 'The SMTP server reminders are e-mailed through, e.g. `smtp://user:password@mail.example.org:587` (STARTTLS required) or `smtps://...:465` (TLS from the start); `smtp://host:25?tls=off` allows plain text, for a relay on the same machine. Unset: no e-mail channel.',
  },
  smtpFrom: {
    env: 'WORKMATE_SMTP_FROM',
    schema: Type.String({ minLength: 3, maxLength: 200 }),
    default: 'Workmate <workmate@localhost>',
    description: 'The sender of reminder e-mails.',
  },
  vapidSubject: {
    env: 'WORKMATE_VAPID_SUBJECT',
    schema: Type.String({ pattern: '^(mailto:|https://)\\S+$' }),
    default: 'mailto:workmate@localhost',
    description: 'The contact push services see with Web Push (a `mailto:` or `https:` address of the instance admin). The VAPID key pair itself is generated once and kept, sealed, in the database.',
  },
  telegramBotToken: {
    env: 'WORKMATE_TELEGRAM_BOT_TOKEN',
    schema: Type.String({ pattern: '^[0-9]{1,20}:[A-Za-z0-9_-]{20,100}$' }),
    secret: true,
    description: 'The token of the Telegram bot reminders are sent through, from @BotFather (`123456789:AA...`). Unset: no Telegram channel. See docs/channels-telegram.md.',
  },
  telegramApiUrl: {
    env: 'WORKMATE_TELEGRAM_API_URL',
    schema: Type.String({ pattern: '^https?://[^\\s/?#@]+(/[^\\s?#]*)?$' }),
    default: 'https://api.telegram.org',
    description: 'The Telegram Bot API server: Telegram\'s own, a self-hosted `telegram-bot-api`, or a test fake.',
  },
  telegramUpdates: {
    env: 'WORKMATE_TELEGRAM_UPDATES',
    schema: Type.Union([Type.Literal('auto'), Type.Literal('polling'), Type.Literal('webhook')]),
    default: 'auto',
    description: 'How the bot receives messages and button presses: `polling` (one process long-polls getUpdates; works behind NAT), `webhook` (Telegram posts to `WORKMATE_PUBLIC_URL/hooks/telegram`, which must be reachable from the internet over https on port 443, 80, 88 or 8443), `auto`: webhook when WORKMATE_PUBLIC_URL is https, else polling.',
  },
  whatsappAppSecret: {
    env: 'WORKMATE_WHATSAPP_APP_SECRET',
    schema: Type.String({ pattern: '^[A-Za-z0-9]{16,256}$' }),
    secret: true,
    description: 'The app secret of the Meta app whose WhatsApp webhook points at `WORKMATE_PUBLIC_URL/hooks/whatsapp` (App settings → Basic). Every webhook request must carry its X-Hub-Signature-256. Set together with WORKMATE_WHATSAPP_VERIFY_TOKEN; unset: no WhatsApp webhook, and WhatsApp reminders go out as templates. See docs/channels.md.',
  },
  whatsappVerifyToken: {
    env: 'WORKMATE_WHATSAPP_VERIFY_TOKEN',
    schema: Type.String({ pattern: '^[\\x21-\\x7e]{16,256}$' }),
    secret: true,
    description: 'A random string of your choice (16 to 256 printable characters, e.g. `openssl rand -hex 24`), entered as "Verify token" where the webhook is set up in the Meta app; Workmate answers Meta\'s subscription check only when it matches.',
  },
  allowPrivateTargets: {
    env: 'WORKMATE_ALLOW_PRIVATE_TARGETS',
    schema: Type.Union([Type.Literal('auto'), Type.Literal('true'), Type.Literal('false')]),
    default: 'auto',
    description: 'Whether channels may reach addresses in loopback, link-local and private ranges (Home Assistant on the LAN, a local MQTT broker). `auto`: allowed while the instance has one user, refused once several people share it.',
  },
  reminderBatchSize: {
    env: 'WORKMATE_REMINDER_BATCH_SIZE',
    schema: Type.Integer({ minimum: 1, maximum: 10_000 }),
    default: 500,
    description: 'Due reminders the dispatcher takes per transaction.',
  },
  migrateOnStart: {
    env: 'WORKMATE_MIGRATE_ON_START',
    schema: Type.Boolean(),
    default: true,
    description: 'Apply pending database migrations when a process starts (an existing SQLite file is backed up first). Set to false to run `workmate migrate` yourself.',
  },
  testNow: {
    env: 'WORKMATE_TEST_NOW',
    schema: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$' }),
    description: 'Tests only (refused unless `NODE_ENV=test`): the instant the server\'s clock starts at, e.g. `2026-11-25T09:00:00Z`; from there it runs in real time. The end-to-end test uses it to read a fixture invoice on its issue date.',
  },
  shutdownTimeoutSeconds: {
    env: 'WORKMATE_SHUTDOWN_TIMEOUT_SECONDS',
    schema: Type.Integer({ minimum: 1, maximum: 600 }),
    default: 30,
    description: 'On SIGTERM, how long running requests and jobs may take to finish before the process exits anyway.',
  },
} satisfies Record<string, Setting>;

export type SettingKey = keyof typeof settings;
