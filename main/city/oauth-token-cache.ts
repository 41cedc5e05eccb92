import type { Client } from 'openapi-fetch';
import { AppError } from '../../common/errors.js';
import type { paths } from './city-api-types.js';
import { statusError, type TokenSource } from './city-request-executor.js';
import { num, obj, str } from './wire-reader.js';

/** Refresh this long before the server's expiry, so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * OAuth2 client-credentials tokens (RFC 6749 §4.4), cached until shortly before expiry; callers
 * arriving while a token is being fetched share that one request.
 */
export class OAuthTokenCache implements TokenSource {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly client: Client<paths>,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly now: () => number = Date.now,
  ) {}

  async authorization(signal: AbortSignal): Promise<string> {
    if (this.token !== undefined && this.token.expiresAt > this.now()) {
      return `Bearer ${this.token.value}`;
    }
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = undefined;
    });
    return `Bearer ${await this.pending}`;
  }

  invalidate(): void {
    this.token = undefined;
  }

  private async fetchToken(signal: AbortSignal): Promise<string> {
    const { data, error, response } = await this.client.POST('/oauth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: this.clientId,
        client_secret: this.clientSecret,
      },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      signal,
    });
    if (!response.ok) {
      const err = statusError('POST /oauth/token', response, error);
      // A refused client is CITY_UNAUTHORIZED whatever status the server picked (400 or 401).
      if (response.status === 400 || response.status === 401) {
        throw new AppError('CITY_UNAUTHORIZED', err.message);
      }
      throw err;
    }
    const o = obj(data, 'TokenResponse');
    const value = str(o, 'access_token', 'TokenResponse');
    const expiresIn = num(o, 'expires_in', 'TokenResponse');
    this.token = {
      value,
      expiresAt: this.now() + Math.max(0, expiresIn * 1000 - EXPIRY_MARGIN_MS),
    };
    return value;
  }
}
