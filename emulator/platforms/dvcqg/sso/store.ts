import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';
import type { JWK } from 'oidc-provider';
import type { EmulatorContext } from '../../../core/context.js';

/** SSO tables. Times are ISO 8601 UTC strings (they compare as text on SQLite and PostgreSQL alike). */
export interface SsoTables {
  /** Relying parties (one-stop systems) registered through the control plane. */
  dvcqg_sso_clients: {
    client_id: string;
    client_secret: string;
    /** JSON array of strings. */
    redirect_uris: string;
    /** JSON array of strings. */
    post_logout_redirect_uris: string;
    name: string | null;
    created_at: string;
  };
  /** Every oidc-provider model (Session, Interaction, AuthorizationCode, AccessToken, Grant, …) by kind and id. */
  dvcqg_sso_models: {
    model: string;
    id: string;
    /** The provider's payload, JSON. */
    payload: string;
    grant_id: string | null;
    uid: string | null;
    user_code: string | null;
    /** Emulator-clock instant after which the record is gone; null = no expiry. */
    expires_at: string | null;
    consumed_at: string | null;
  };
  /** Provider-wide secrets created once (signing keys, cookie key), so restarts and processes agree. */
  dvcqg_sso_settings: {
    name: string;
    value: string;
    created_at: string;
  };
}

export type SsoDb = Kysely<SsoTables>;

export const ssoMigrations: Record<string, Migration> = {
  'dvcqg-sso-001-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('dvcqg_sso_clients')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('client_secret', 'text', (c) => c.notNull())
        .addColumn('redirect_uris', 'text', (c) => c.notNull())
        .addColumn('post_logout_redirect_uris', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('dvcqg_sso_models')
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('uid', 'text')
        .addColumn('user_code', 'text')
        .addColumn('expires_at', 'text')
        .addColumn('consumed_at', 'text')
        .addPrimaryKeyConstraint('dvcqg_sso_models_pk', ['model', 'id'])
        .execute();
      await db.schema.createIndex('dvcqg_sso_models_grant').on('dvcqg_sso_models').column('grant_id').execute();
      await db.schema.createIndex('dvcqg_sso_models_uid').on('dvcqg_sso_models').columns(['model', 'uid']).execute();
      await db.schema.createIndex('dvcqg_sso_models_expiry').on('dvcqg_sso_models').column('expires_at').execute();
      await db.schema
        .createTable('dvcqg_sso_settings')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

export interface ClientRow {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  name: string | null;
  createdAt: string;
}

export function ssoDb(ctx: EmulatorContext): SsoDb {
  return ctx.store.db<SsoTables>();
}

function toClient(r: SsoTables['dvcqg_sso_clients']): ClientRow {
  return {
    clientId: r.client_id,
    clientSecret: r.client_secret,
    redirectUris: JSON.parse(r.redirect_uris) as string[],
    postLogoutRedirectUris: JSON.parse(r.post_logout_redirect_uris) as string[],
    name: r.name,
    createdAt: r.created_at,
  };
}

export async function findClient(db: SsoDb, clientId: string): Promise<ClientRow | undefined> {
  const row = await db.selectFrom('dvcqg_sso_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return row ? toClient(row) : undefined;
}

export async function listClients(db: SsoDb): Promise<ClientRow[]> {
  return (await db.selectFrom('dvcqg_sso_clients').selectAll().orderBy('client_id').execute()).map(toClient);
}

/** Inserts a client; false when the id is taken (the caller reports the conflict). */
export async function insertClient(db: SsoDb, c: ClientRow): Promise<boolean> {
  const res = await db
    .insertInto('dvcqg_sso_clients')
    .values({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: JSON.stringify(c.redirectUris),
      post_logout_redirect_uris: JSON.stringify(c.postLogoutRedirectUris),
      name: c.name,
      created_at: c.createdAt,
    })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Reset: sessions, interactions, codes, tokens and grants go; clients stay when `keepSystems`. Keys always stay. */
export async function clearSso(ctx: EmulatorContext, opts: { keepSystems: boolean }): Promise<void> {
  const db = ssoDb(ctx);
  await db.deleteFrom('dvcqg_sso_models').execute();
  if (!opts.keepSystems) await db.deleteFrom('dvcqg_sso_clients').execute();
}

export interface SsoSecrets {
  /** Private signing keys (RS256), newest first. */
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

/**
 * The signing key and cookie key, created by whichever process starts first: insert-if-absent then read,
 * so two processes over one store end up with the same keys.
 */
export async function loadSecrets(db: SsoDb, now: Date): Promise<SsoSecrets> {
  const ensure = async (name: string, make: () => string): Promise<string> => {
    // Read first: making a key (2048-bit RSA) costs ~100 ms, wasted at every start and restore once it exists.
    const found = await db.selectFrom('dvcqg_sso_settings').select('value').where('name', '=', name).executeTakeFirst();
    if (found) return found.value;
    await db
      .insertInto('dvcqg_sso_settings')
      .values({ name, value: make(), created_at: now.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await db.selectFrom('dvcqg_sso_settings').select('value').where('name', '=', name).executeTakeFirstOrThrow();
    return row.value;
  };
  const jwks = await ensure('jwks', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    return JSON.stringify({ keys: [jwk] });
  });
  const cookieKey = await ensure('cookie-key', () => randomBytes(32).toString('base64url'));
  return { jwks: JSON.parse(jwks) as { keys: JWK[] }, cookieKeys: [cookieKey] };
}
