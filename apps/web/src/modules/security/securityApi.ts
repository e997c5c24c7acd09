/** Query keys of the security screen (all under ['security']). */
export const SECURITY_KEY = ['security'] as const;
export const SESSIONS_KEY = ['security', 'sessions'] as const;
export const TWO_FACTOR_KEY = ['security', 'two-factor'] as const;
export const API_KEYS_KEY = ['security', 'api-keys'] as const;

