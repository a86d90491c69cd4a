import { timingSafeEqual } from 'node:crypto';
import type { KeyGrant, Store } from '@tacit/store';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

/** The bearer token of a request, or undefined. */
export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/**
 * The key of a request: the bearer token or, for `navigator.sendBeacon` (which cannot set
 * headers), a public key in the `key` query parameter. Secret keys never travel in URLs, which
 * end up in logs and histories.
 */
export function requestKey(req: FastifyRequest): string | undefined {
  const fromHeader = bearer(req);
  if (fromHeader !== undefined) return fromHeader;
  const q = (req.query as Record<string, unknown> | undefined)?.key;
  if (typeof q !== 'string') return undefined;
  if (!q.startsWith('pk_'))
    throw new ApiError(
      'bad_request',
      'only public keys (pk_…) may be sent as ?key=; send secret keys in the Authorization header',
    );
  return q;
}

/**
 * Verifies API keys, with a short-lived cache so that ingestion does not look every key up in
 * the database. A revoked key stops working within `ttlMs`.
 */
export class KeyVerifier {
  private readonly cache = new Map<string, { grant: KeyGrant | undefined; until: number }>();

  private readonly admin: Buffer | undefined;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    adminToken?: string,
    private readonly now: () => number = Date.now,
  ) {
    this.admin = adminToken === undefined ? undefined : Buffer.from(adminToken);
  }

  /** Whether the token is this server's admin token (the CLI's, on the embedded database). */
  isAdmin(token: string | undefined): boolean {
    if (this.admin === undefined || token === undefined) return false;
    const got = Buffer.from(token);
    return got.length === this.admin.length && timingSafeEqual(got, this.admin);
  }

  /** 401 unless the request carries this server's admin token (the `/v1/admin/*` routes). */
  requireAdmin(req: FastifyRequest): void {
    if (!this.isAdmin(bearer(req)))
      throw new ApiError('unauthorized', 'admin endpoints need the admin token of this server');
  }

  async verify(key: string): Promise<KeyGrant | undefined> {
    const hit = this.cache.get(key);
    const t = this.now();
    if (hit && hit.until > t) return hit.grant;
    // Only well-formed keys reach the database.
    const grant = /^(pk|sk)_[A-Za-z0-9_-]{16,64}$/.test(key) ? await this.store.keys.verify(key) : undefined;
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(key, { grant, until: t + this.ttlMs });
    return grant;
  }

  /** The grant of the request's key; 401 without a valid key. */
  async require(req: FastifyRequest): Promise<KeyGrant> {
    const key = requestKey(req);
    if (key === undefined) {
      throw new ApiError('unauthorized', 'missing API key: send Authorization: Bearer <key>');
    }
    if (this.isAdmin(key)) {
      // The admin token acts as a secret key of the project the CLI names.
      const project = req.headers['x-tacit-project'];
      return {
        projectId: typeof project === 'string' && project !== '' ? project : 'default',
        keyId: 'admin',
        kind: 'secret',
      };
    }
    const grant = await this.verify(key);
    if (grant === undefined) throw new ApiError('unauthorized', 'unknown or revoked API key');
    return grant;
  }

  /** Like `require`, for endpoints that read: a public key gets 403. */
  async requireSecret(req: FastifyRequest): Promise<KeyGrant> {
    const grant = await this.require(req);
    if (grant.kind !== 'secret') {
      throw new ApiError('forbidden', 'public keys may only write events; use a secret key (sk_…) to read');
    }
    return grant;
  }
}
