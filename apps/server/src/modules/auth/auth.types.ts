/** Who is making a request, as established by app/authenticate.ts. */
export interface Principal {
  userId: string;
  role: 'admin' | 'user';
  via: 'bearer' | 'cookie' | 'api_key';
  sessionId?: string;
  apiKeyId?: string;
  passwordChangeRequired: boolean;
}

export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  csrfToken: string | null;
  accessExpiresAt: Date;
  expiresAt: Date;
}
