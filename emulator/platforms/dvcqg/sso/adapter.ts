import type { Adapter, AdapterFactory, AdapterPayload, ClientMetadata } from 'oidc-provider';
import type { Clock } from '../../../core/clock.js';
import { findClient, type SsoDb } from './store.js';

/** What a registered relying party looks like to oidc-provider (A9: code flow, secret in the form). */
export function clientMetadata(c: { clientId: string; clientSecret: string; redirectUris: string[]; postLogoutRedirectUris: string[]; name: string | null }): ClientMetadata {
  return {
    client_id: c.clientId,
    client_secret: c.clientSecret,
    client_name: c.name ?? c.clientId,
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // oidc-provider 8 accepts client_secret_basic as well for a client registered with _post (token_auth.js).
    token_endpoint_auth_method: 'client_secret_post',
  };
}

/** Models revoked with their grant (as oidc-provider's memory_adapter.js): never Interaction, Session or Grant. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** Writes between purges of expired records: cheap housekeeping, never on the read path. */
const PURGE_EVERY = 200;

/**
 * oidc-provider storage in the emulator's store, one row per model instance. Expiry is judged on the
 * emulator clock, so advancing the virtual clock makes codes, tokens and sessions disappear (the
 * provider's own `exp` checks still use real time: whichever comes first wins).
 */
export function storeAdapter(db: () => SsoDb, clock: Clock): AdapterFactory {
  let writes = 0;
  const now = () => clock.now().toISOString();
  const live = (expiresAt: string | null) => expiresAt === null || expiresAt > now();

  return (model: string): Adapter => {
    const decode = (row: { payload: string; expires_at: string | null; consumed_at: string | null } | undefined): AdapterPayload | undefined => {
      if (!row || !live(row.expires_at)) return undefined;
      const payload = JSON.parse(row.payload) as AdapterPayload;
      if (row.consumed_at) payload.consumed = Math.floor(Date.parse(row.consumed_at) / 1000);
      return payload;
    };
    const select = () => db().selectFrom('dvcqg_sso_models').select(['payload', 'expires_at', 'consumed_at']).where('model', '=', model);

    if (model === 'Client') {
      // Clients live in their own table, written by the control plane; dynamic registration is off.
      return {
        async find(id) {
          const c = await findClient(db(), id);
          return c ? clientMetadata(c) : undefined;
        },
        async upsert() {},
        async findByUid() {
          return undefined;
        },
        async findByUserCode() {
          return undefined;
        },
        async consume() {},
        async destroy() {},
        async revokeByGrantId() {},
      };
    }

    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = expiresIn ? new Date(clock.now().getTime() + expiresIn * 1000).toISOString() : null;
        const values = {
          payload: JSON.stringify(payload),
          grant_id: GRANTABLE.has(model) ? (payload.grantId ?? null) : null,
          uid: model === 'Session' && typeof payload.uid === 'string' ? payload.uid : null,
          user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
          expires_at: expiresAt,
          consumed_at: payload.consumed ? new Date(Number(payload.consumed) * 1000).toISOString() : null,
        };
        await db()
          .insertInto('dvcqg_sso_models')
          .values({ model, id, ...values })
          .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(values))
          .execute();
        if (++writes % PURGE_EVERY === 0) await db().deleteFrom('dvcqg_sso_models').where('expires_at', '<=', now()).execute();
      },
      async find(id) {
        return decode(await select().where('id', '=', id).executeTakeFirst());
      },
      async findByUid(uid) {
        return decode(await select().where('uid', '=', uid).executeTakeFirst());
      },
      async findByUserCode(userCode) {
        return decode(await select().where('user_code', '=', userCode).executeTakeFirst());
      },
      async consume(id) {
        // `consumed` is compared with the provider's own (real) clock.
        await db().updateTable('dvcqg_sso_models').set({ consumed_at: new Date().toISOString() }).where('model', '=', model).where('id', '=', id).execute();
      },
      async destroy(id) {
        await db().deleteFrom('dvcqg_sso_models').where('model', '=', model).where('id', '=', id).execute();
      },
      async revokeByGrantId(grantId) {
        await db().deleteFrom('dvcqg_sso_models').where('grant_id', '=', grantId).execute();
      },
    };
  };
}
