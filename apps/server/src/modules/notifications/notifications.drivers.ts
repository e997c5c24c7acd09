/**
 * Which integration types deliver notifications, over which channel and with which driver. The
 * composition root registers the drivers the instance can run (e-mail only with SMTP settings);
 * the integrations API accepts only the types registered here, and the dispatcher sends with them.
 */
import type { NotificationChannel } from '../../db/schema.ts';
import type { ChannelDriver } from './notifications.types.ts';

export interface ChannelKind {
  /** `integrations.integration_type` ("email", "push", "mqtt"). */
  type: string;
  driver: ChannelDriver;
  /** Discreet unless the user says otherwise (smart-home speech is heard by everyone in the room). */
  discreetByDefault: boolean;
  /** Whether a user may have several (one push subscription per device). */
  multiple: boolean;
  /**
   * Set when the settings come from a linking flow, not from the user's input (Telegram: the chat
   * is proven by the bot receiving a one-time code from it). The integrations API then refuses to
   * create one or to change its `config`, and names this instead ("POST /api/v1/integrations/telegram/link").
   */
  linkWith?: string;
}

export function createChannelRegistry(kinds: readonly ChannelKind[]) {
  const byType = new Map(kinds.map((kind) => [kind.type, kind]));
  if (byType.size !== kinds.length) throw new Error('two channel kinds share an integration type');
  return {
    kind: (type: string) => byType.get(type),
    types: () => [...byType.keys()],
    /** The integration types that deliver over `channel`. */
    typesOf: (channel: NotificationChannel) => kinds.filter((kind) => kind.driver.channel === channel).map((kind) => kind.type),
    async close() {
      await Promise.all(kinds.map((kind) => kind.driver.close?.()));
    },
  };
}

export type ChannelRegistry = ReturnType<typeof createChannelRegistry>;

/**
 * A driver whose dependencies load asynchronously (the VAPID keys from the database): its schemas
 * are known at once, the driver itself is built on first send.
 */
export function lazyDriver<Config, Credentials>(
  shape: Pick<ChannelDriver<Config, Credentials>, 'channel' | 'name' | 'configSchema' | 'credentialsSchema' | 'deduplicates'>,
  build: () => Promise<ChannelDriver<Config, Credentials>>,
): ChannelDriver<Config, Credentials> {
  let driver: Promise<ChannelDriver<Config, Credentials>> | undefined;
  const get = () => {
    driver ??= build().catch((error: unknown) => {
      driver = undefined;
      throw error;
    });
    return driver;
  };
  return {
    ...shape,
    send: async (message, target, options) => (await get()).send(message, target, options),
    close: async () => {
      if (driver) await (await driver).close?.();
    },
  };
}
