/**
 * The user's channels (`integrations`): created, listed, changed, deleted and tested. Each type's
 * settings are validated by its driver's schema; secrets are sealed with the master key and never
 * returned. A change that adds or removes a working channel replans the user's reminders, so the
 * planned timeline always names the channels that will really be used.
 */
import type { Kysely } from 'kysely';
import Value from 'typebox/value';
import type { DialectName } from '../../db/database.ts';
import type { Database, NotificationChannel } from '../../db/schema.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { fromDbBool, fromDbJson, toDbInstant, toDbJson } from '../../db/values.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { ChannelRegistry } from '../notifications/notifications.drivers.ts';
import { DeliveryError, type ChannelMessage, type ChannelTarget } from '../notifications/notifications.types.ts';
import * as errors from './integrations.errors.ts';
import type { IntegrationRow, IntegrationsRepository } from './integrations.repository.ts';

interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

const TEST_TIMEOUT_MS = 15_000;

export function credentialsContext(integrationId: string) {
  return `integrations.credentials_encrypted:${integrationId}`;
}

export function createIntegrationsUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: IntegrationsRepository;
  registry: ChannelRegistry;
  secrets: SecretBox;
  clock: Clock;
  /** Replans the user's open tasks in the transaction of the change (set by the composition root). */
  replanAll: (trx: Executor, userId: string) => Promise<void>;
  /** Switches the channel on in the user's notification preferences: setting a channel up means wanting it. */
  enableChannel: (trx: Executor, userId: string, channel: NotificationChannel) => Promise<void>;
  /** Builds the test message in the user's language. */
  testMessage: (userId: string, integrationId: string) => Promise<ChannelMessage>;
}) {
  const { repository, registry, secrets, clock } = deps;

  function kindOf(type: string) {
    const kind = registry.kind(type);
    if (!kind) throw errors.unknownType({ message: `type must be one of ${registry.types().join(', ')}; got "${type}"`, details: { accepted: registry.types() } });
    return kind;
  }

  function validate(schemaName: 'config' | 'credentials', type: string, value: unknown) {
    const kind = kindOf(type);
    const schema = schemaName === 'config' ? kind.driver.configSchema : kind.driver.credentialsSchema;
    const settings = schemaName === 'config' ? withoutCommon(value) : value;
    if (!Value.Check(schema, settings)) {
      const problems = [...Value.Errors(schema, settings)].slice(0, 5).map((error) => `${schemaName}${error.instancePath.replaceAll('/', '.')} ${error.message}`);
      throw errors.invalidSettings({ message: `${type}: ${problems.join('; ')}`, details: { problems } });
    }
  }

  function toResponse(row: IntegrationRow) {
    const config = fromDbJson<Record<string, unknown>>(row.config);
    const kind = registry.kind(row.integration_type);
    return {
      id: row.id,
      type: row.integration_type,
      channel: kind?.driver.channel ?? null,
      name: row.name,
      enabled: fromDbBool(row.enabled),
      discreet: typeof config.discreet === 'boolean' ? config.discreet : (kind?.discreetByDefault ?? false),
      config: withoutCommon(config),
      has_credentials: row.credentials_encrypted !== null,
      sync_status: row.sync_status,
      last_sync_at: row.last_sync_at,
      error: row.error_log,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }

  async function list(userId: string) {
    return (await repository.list(userId)).map(toResponse);
  }

  async function get(userId: string, id: string) {
    const row = await repository.find(userId, id);
    if (!row) throw errors.notFound();
    return toResponse(row);
  }

  async function create(userId: string, body: { type: string; name?: string | null; enabled?: boolean; discreet?: boolean; config: Record<string, unknown>; credentials?: Record<string, unknown> }) {
    const kind = kindOf(body.type);
    if (kind.linkWith) throw errors.linkRequired({ message: `A ${body.type} channel cannot be entered by hand; link it with ${kind.linkWith}.` });
    validate('config', body.type, body.config);
    if (body.credentials !== undefined) validate('credentials', body.type, body.credentials);
    const id = newId();
    await inTransaction(deps.handle, async (trx) => {
      if (!kind.multiple && (await repository.list(userId, trx)).some((row) => row.integration_type === body.type)) {
        throw errors.alreadyExists({ message: `You already have a ${body.type} channel; change it instead (PATCH /api/v1/integrations/{id}).` });
      }
      await repository.insert(
        trx,
        {
          id,
          user_id: userId,
          integration_type: body.type,
          name: body.name ?? null,
          enabled: body.enabled ?? true,
          config: toDbJson({ ...body.config, ...(body.discreet === undefined ? {} : { discreet: body.discreet }) }),
          credentials_encrypted: body.credentials === undefined ? null : secrets.seal(JSON.stringify(body.credentials), credentialsContext(id)),
        },
        clock.now(),
      );
      if (body.enabled ?? true) await deps.enableChannel(trx, userId, kind.driver.channel);
      await deps.replanAll(trx, userId);
    });
    return get(userId, id);
  }

  async function update(userId: string, id: string, body: { name?: string | null; enabled?: boolean; discreet?: boolean; config?: Record<string, unknown>; credentials?: Record<string, unknown> | null }) {
    const row = await repository.find(userId, id);
    if (!row) throw errors.notFound();
    const stored = fromDbJson<Record<string, unknown>>(row.config);
    const config = body.config === undefined ? stored : { ...body.config, ...(typeof stored.discreet === 'boolean' ? { discreet: stored.discreet } : {}) };
    if (body.discreet !== undefined) config.discreet = body.discreet;
    const linkWith = registry.kind(row.integration_type)?.linkWith;
    if (body.config !== undefined && linkWith) throw errors.linkRequired({ message: `config of a ${row.integration_type} channel is set by linking; link again with ${linkWith}.` });
    if (body.config !== undefined) validate('config', row.integration_type, body.config);
    if (body.credentials) validate('credentials', row.integration_type, body.credentials);
    await inTransaction(deps.handle, async (trx) => {
      await repository.update(
        trx,
        userId,
        id,
        {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          config: toDbJson(config),
          ...(body.credentials === undefined ? {} : { credentials_encrypted: body.credentials === null ? null : secrets.seal(JSON.stringify(body.credentials), credentialsContext(id)) }),
          // New settings deserve a fresh start: the error of the old ones no longer applies.
          ...(body.config !== undefined || body.credentials !== undefined || body.enabled === true ? { sync_status: 'idle' as const, error_log: null } : {}),
        },
        clock.now(),
      );
      await deps.replanAll(trx, userId);
    });
    return get(userId, id);
  }

  /**
   * The user's one channel of a linked type (Telegram) gets these settings: created, or updated
   * and switched back on (a re-link after the bot was blocked). The name and `discreet` the user
   * chose stay. Called by the linking flow once it has proven the target belongs to the user.
   */
  async function link(userId: string, type: string, config: Record<string, unknown>, name: string) {
    const kind = kindOf(type);
    validate('config', type, config);
    let id = newId();
    await inTransaction(deps.handle, async (trx) => {
      const existing = (await repository.list(userId, trx)).find((row) => row.integration_type === type);
      const now = clock.now();
      if (existing) {
        id = existing.id;
        const stored = fromDbJson<Record<string, unknown>>(existing.config);
        await repository.update(
          trx,
          userId,
          id,
          { config: toDbJson({ ...config, ...(typeof stored.discreet === 'boolean' ? { discreet: stored.discreet } : {}) }), enabled: true, sync_status: 'idle', error_log: null },
          now,
        );
      } else {
        await repository.insert(trx, { id, user_id: userId, integration_type: type, name: name.slice(0, 100), enabled: true, config: toDbJson(config), credentials_encrypted: null }, now);
      }
      if (!kind.multiple) {
        // Only one of this type: an older duplicate (none should exist) would keep messaging the old target.
        for (const row of (await repository.list(userId, trx)).filter((row) => row.integration_type === type && row.id !== id)) await repository.remove(trx, userId, row.id);
      }
      await deps.enableChannel(trx, userId, kind.driver.channel);
      await deps.replanAll(trx, userId);
    });
    return get(userId, id);
  }

  /** The settings of the user's channels of a type (e.g. the Telegram chats linked to the account). */
  async function configsOf(userId: string, type: string): Promise<Record<string, unknown>[]> {
    return (await repository.list(userId)).filter((row) => row.integration_type === type).map((row) => withoutCommon(fromDbJson(row.config)));
  }

  /**
   * Applies `revise` to the settings (without the common ones) of every user's integrations of a
   * type, for a provider's callback that learns something about them (the WhatsApp webhook: when
   * the user last wrote). `revise` is pure and says which rows it changes: undefined leaves a row
   * alone. It runs once unlocked to find the rows, then again on the locked rows in one transaction,
   * so a concurrent change of the same settings is neither lost nor undone. `discreet` is kept.
   * Answers the ids of the integrations changed.
   */
  async function reviseConfigs(type: string, revise: (config: Record<string, unknown>) => Record<string, unknown> | undefined): Promise<string[]> {
    const configOf = (row: IntegrationRow) => withoutCommon(fromDbJson<Record<string, unknown>>(row.config));
    const candidates = (await repository.ofType(type)).filter((row) => revise(configOf(row)) !== undefined).map((row) => row.id);
    if (candidates.length === 0) return [];
    return inTransaction(deps.handle, async (trx) => {
      const changed: string[] = [];
      for (const row of await repository.lockByIds(trx, candidates)) {
        const revised = row.integration_type === type ? revise(configOf(row)) : undefined;
        if (!revised) continue;
        const { discreet } = fromDbJson<Record<string, unknown>>(row.config);
        const config = { ...withoutCommon(revised), ...(typeof discreet === 'boolean' ? { discreet } : {}) };
        await repository.update(trx, row.user_id, row.id, { config: toDbJson(config) }, clock.now());
        changed.push(row.id);
      }
      return changed;
    });
  }

  async function remove(userId: string, id: string) {
    await inTransaction(deps.handle, async (trx) => {
      if (!(await repository.remove(trx, userId, id))) throw errors.notFound();
      await deps.replanAll(trx, userId);
    });
  }

  /** The target a driver needs: stored settings without the common ones, secrets opened. */
  function targetOf(row: IntegrationRow): ChannelTarget {
    const credentials = row.credentials_encrypted ? (JSON.parse(secrets.open(row.credentials_encrypted, credentialsContext(row.id))) as Record<string, unknown>) : {};
    return { config: withoutCommon(fromDbJson<Record<string, unknown>>(row.config)), credentials };
  }

  function isDiscreet(row: IntegrationRow | undefined, channel: NotificationChannel): boolean {
    if (!row) return false;
    const config = fromDbJson<Record<string, unknown>>(row.config);
    if (typeof config.discreet === 'boolean') return config.discreet;
    return registry.kind(row.integration_type)?.discreetByDefault ?? channel === 'smart_home';
  }

  /** Sends a test message now and records the outcome on the integration. */
  async function test(userId: string, id: string) {
    const row = await repository.find(userId, id);
    if (!row) throw errors.notFound();
    const kind = kindOf(row.integration_type);
    const message = await deps.testMessage(userId, id);
    const now = clock.now();
    try {
      const receipt = await kind.driver.send(message, targetOf(row), { signal: AbortSignal.timeout(TEST_TIMEOUT_MS + 1_000), timeoutMs: TEST_TIMEOUT_MS });
      await repository.update(deps.handle.db, userId, id, { sync_status: 'idle', error_log: null, last_sync_at: toDbInstant(now) }, clock.now());
      return { delivered: true, provider_message_id: receipt.providerMessageId ?? null, error: null };
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      await repository.update(deps.handle.db, userId, id, { sync_status: 'error', error_log: error.message, last_sync_at: toDbInstant(now) }, clock.now());
      return { delivered: false, provider_message_id: null, error: { kind: error.kind, message: error.message } };
    }
  }

  return { list, get, create, update, link, configsOf, reviseConfigs, remove, test, targetOf, isDiscreet };
}

/** `discreet` is common to every type and not part of a driver's schema. */
function withoutCommon(config: unknown): Record<string, unknown> {
  if (typeof config !== 'object' || config === null) return {};
  const { discreet: _discreet, ...rest } = config as Record<string, unknown>;
  return rest;
}

export type IntegrationsUsecases = ReturnType<typeof createIntegrationsUsecases>;
