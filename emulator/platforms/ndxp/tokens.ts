import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../../core/context.js';
import type { Consumer } from './consumers.js';
import type { NdxpDb } from './store.js';

/** The body of a successful `POST /ndxp/token` (WSO2's shape for the client-credentials grant). */
export interface TokenReply {
  access_token: string;
  scope: string;
  token_type: 'Bearer';
  expires_in: number;
}

export type TokenCheck =
  | { ok: true; clientId: string; expiresAt: Date }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired'; clientId?: string; expiredAt?: Date };

/** Bearer tokens on the emulator clock: issued per consumer, checked on every API call, revocable. */
export class Tokens {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly db: NdxpDb,
  ) {}

  /**
   * WSO2 answers a client-credentials request with the consumer's still-active token (and the seconds it has
   * left) rather than a new one; clients that fetch a token per call therefore see the same value.
   */
  async issue(consumer: Consumer): Promise<TokenReply> {
    const now = this.ctx.clock.now();
    const active = await this.db
      .selectFrom('ndxp_tokens')
      .selectAll()
      .where('client_id', '=', consumer.clientId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .orderBy('expires_at', 'desc')
      .executeTakeFirst();
    if (active) {
      const left = Math.floor((Date.parse(active.expires_at) - now.getTime()) / 1000);
      if (left > 0) return { access_token: active.token, scope: 'default', token_type: 'Bearer', expires_in: left };
    }
    const token = randomUUID();
    const expiresAt = new Date(now.getTime() + consumer.tokenLifetimeSeconds * 1000);
    await this.db.insertInto('ndxp_tokens').values({ token, client_id: consumer.clientId, issued_at: now.toISOString(), expires_at: expiresAt.toISOString(), revoked_at: null }).execute();
    return { access_token: token, scope: 'default', token_type: 'Bearer', expires_in: consumer.tokenLifetimeSeconds };
  }

  async check(token: string): Promise<TokenCheck> {
    const row = await this.db.selectFrom('ndxp_tokens').selectAll().where('token', '=', token).executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked_at) return { ok: false, reason: 'revoked', clientId: row.client_id };
    const expiresAt = new Date(row.expires_at);
    if (expiresAt.getTime() <= this.ctx.clock.now().getTime()) return { ok: false, reason: 'expired', clientId: row.client_id, expiredAt: expiresAt };
    return { ok: true, clientId: row.client_id, expiresAt };
  }

  /** Fault injection (`expired-token`): the token expires now, so the gateway answers it as any expired token. */
  async expire(token: string): Promise<void> {
    await this.db.updateTable('ndxp_tokens').set({ expires_at: this.ctx.clock.now().toISOString() }).where('token', '=', token).where('revoked_at', 'is', null).execute();
  }

  /** RFC 7009: revoking an unknown token, or another consumer's, succeeds silently and changes nothing. */
  async revoke(token: string, clientId: string): Promise<void> {
    await this.db.updateTable('ndxp_tokens').set({ revoked_at: this.ctx.clock.now().toISOString() }).where('token', '=', token).where('client_id', '=', clientId).where('revoked_at', 'is', null).execute();
  }

  /**
   * Revokes every active token of a consumer, as WSO2 does when an application's keys are regenerated or an
   * administrator revokes them; answers how many were revoked. The consumer's secret is unchanged.
   */
  async revokeAll(clientId: string): Promise<number> {
    const now = this.ctx.clock.now().toISOString();
    const res = await this.db.updateTable('ndxp_tokens').set({ revoked_at: now }).where('client_id', '=', clientId).where('revoked_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** For the control plane: tokens shortened to a prefix (a listing must not hand out usable credentials). */
  async list(clientId?: string) {
    let q = this.db.selectFrom('ndxp_tokens').selectAll().orderBy('issued_at', 'desc').limit(500);
    if (clientId) q = q.where('client_id', '=', clientId);
    const now = this.ctx.clock.now().getTime();
    return (await q.execute()).map((t) => ({
      tokenPrefix: `${t.token.slice(0, 8)}…`,
      clientId: t.client_id,
      issuedAt: t.issued_at,
      expiresAt: t.expires_at,
      state: t.revoked_at ? 'revoked' : Date.parse(t.expires_at) <= now ? 'expired' : 'active',
    }));
  }
}
