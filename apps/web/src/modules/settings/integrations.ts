/** The user's channels (`/api/v1/integrations`) as the notification settings read them. */
import type { paths } from '../../shared/api/schema.gen.ts';
import type { Channel } from '../notifications/notifications.messages.ts';

export type Integration = paths['/api/v1/integrations']['get']['responses'][200]['content']['application/json'][number];
export type TestResult = paths['/api/v1/integrations/{id}/test']['post']['responses'][200]['content']['application/json'];
export type TelegramLink = paths['/api/v1/integrations/telegram/link']['post']['responses'][201]['content']['application/json'];

export const INTEGRATIONS_KEY = ['integrations'] as const;

/** The channels with at least one integration set up (switched on or not). */
export function channelsSetUp(integrations: readonly Integration[]): Set<Channel> {
  return new Set(integrations.map((integration) => integration.channel).filter((channel): channel is Channel => Boolean(channel)));
}

/** The push integration of this browser, found by its subscription's endpoint. */
export function pushIntegrationOf(integrations: readonly Integration[], endpoint: string | null | undefined): Integration | undefined {
  if (!endpoint) return undefined;
  return integrations.find((integration) => integration.type === 'push' && integration.config.endpoint === endpoint);
}
