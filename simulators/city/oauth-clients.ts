import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CITY_SCOPES, type CityScope } from '../../main/city/city-api-types.js';
import { HttpProblem, readBody } from './http-util.js';

export interface SimulatedClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly CityScope[];
}

/** The demo client: the settings' default client id, with every scope. */
export const CITY_SIMULATOR_CLIENT: SimulatedClient = {
  clientId: 'motcua-kiosk',
  clientSecret: 'demo-secret',
  scopes: CITY_SCOPES,
};

/** A client allowed to browse the catalogue only (to exercise 403). */
export const CITY_SIMULATOR_CATALOGUE_CLIENT: SimulatedClient = {
  clientId: 'catalogue-only',
  clientSecret: 'catalogue-secret',
  scopes: ['catalogue.read'],
};

interface IssuedToken {
  readonly clientId: string;
  readonly scopes: ReadonlySet<CityScope>;
  readonly expiresAt: number;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** OAuth2 client-credentials grant (RFC 6749 §4.4) and bearer checks (RFC 6750). */
export class OAuthClients {
  private readonly tokens = new Map<string, IssuedToken>();
  /** Tokens handed out, for tests that check caching. */
  issuedCount = 0;

  constructor(
    private readonly clients: readonly SimulatedClient[],
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Handles POST /oauth/token; returns the RFC 6749 §5.1 body or throws an RFC §5.2 problem. */
  async issue(req: IncomingMessage): Promise<Record<string, unknown>> {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      throw new HttpProblem(400, 'invalid_request', 'Expected a form-encoded body');
    }
    const form = new URLSearchParams((await readBody(req, 8 * 1024)).toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials') {
      throw new HttpProblem(400, 'unsupported_grant_type', 'Only client_credentials');
    }
    let id = form.get('client_id') ?? '';
    let secret = form.get('client_secret') ?? '';
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1] !== undefined) {
      const [u, p] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      id = decodeURIComponent(u ?? '');
      secret = decodeURIComponent(p ?? '');
    }
    const client = this.clients.find((c) => c.clientId === id);
    if (client === undefined || !sameSecret(client.clientSecret, secret)) {
      throw new HttpProblem(401, 'invalid_client', 'Unknown client or wrong secret', {
        'www-authenticate': 'Basic realm="city-gateway"',
      });
    }
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, {
      clientId: client.clientId,
      scopes: new Set(client.scopes),
      expiresAt: this.now() + this.ttlSeconds * 1000,
    });
    this.issuedCount++;
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: this.ttlSeconds,
      scope: client.scopes.join(' '),
    };
  }

  /** Checks the bearer token for a scope; returns the client id. */
  authorize(req: IncomingMessage, scope: CityScope): string {
    const m = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    const issued = m?.[1] === undefined ? undefined : this.tokens.get(m[1]);
    if (issued === undefined || issued.expiresAt <= this.now()) {
      throw new HttpProblem(401, 'UNAUTHORIZED', 'Missing, unknown or expired access token', {
        'www-authenticate': 'Bearer realm="city-gateway", error="invalid_token"',
      });
    }
    if (!issued.scopes.has(scope)) {
      throw new HttpProblem(403, 'FORBIDDEN', `Token lacks scope ${scope}`, {
        'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"`,
      });
    }
    return issued.clientId;
  }

  /** Expires every token now (tests: the client must fetch a new one and retry once). */
  revokeAll(): void {
    this.tokens.clear();
  }
}
