import type { Kysely, Migration } from 'kysely';

/** Gateway tables. Times are ISO 8601 UTC strings on the emulator clock. */
export interface NdxpTables {
  /** A consumer application of an agency (WSO2: an application with consumer key and secret). */
  ndxp_consumers: {
    client_id: string;
    /** salt:sha256(salt+secret): the secret is shown once, at creation. */
    secret_hash: string;
    agency: string;
    name: string;
    /** JSON {limit, period} or null (unlimited). */
    quota: string | null;
    /** JSON {limit, period} or null (unlimited). */
    rate_limit: string | null;
    token_lifetime_s: number;
    created_at: string;
  };
  /** consumer × API (`context` + `version`, `*` = every version). */
  ndxp_subscriptions: {
    client_id: string;
    context: string;
    version: string;
    created_at: string;
  };
  ndxp_tokens: {
    token: string;
    client_id: string;
    issued_at: string;
    expires_at: string;
    revoked_at: string | null;
  };
  /** APIs an agency published with its own upstream (the national databases are built in, not stored). */
  ndxp_apis: {
    context: string;
    version: string;
    upstream: string;
    provider: string;
    name: string;
    description: string;
    timeout_ms: number;
    default_version: number;
    created_at: string;
  };
  /** Fixed-window counters for quotas and rate limits, per consumer and API. */
  ndxp_usage: {
    client_id: string;
    api: string;
    kind: string;
    window_start: string;
    count: number;
  };
}

export type NdxpDb = Kysely<NdxpTables>;

export const ndxpMigrations: Record<string, Migration> = {
  'ndxp-001-gateway': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('ndxp_consumers')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('quota', 'text')
        .addColumn('rate_limit', 'text')
        .addColumn('token_lifetime_s', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ndxp_subscriptions')
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('context', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ndxp_subscriptions_pk', ['client_id', 'context', 'version'])
        .execute();
      await db.schema
        .createTable('ndxp_tokens')
        .addColumn('token', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('ndxp_tokens_client').on('ndxp_tokens').columns(['client_id', 'expires_at']).execute();
      await db.schema
        .createTable('ndxp_apis')
        .addColumn('context', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('upstream', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('timeout_ms', 'integer', (c) => c.notNull())
        .addColumn('default_version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ndxp_apis_pk', ['context', 'version'])
        .execute();
      await db.schema
        .createTable('ndxp_usage')
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('api', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('ndxp_usage_pk', ['client_id', 'api', 'kind', 'window_start'])
        .execute();
    },
  },
};

/** Deletes gateway data; `keepSystems` keeps consumers, their subscriptions and published APIs (tokens and counters go). */
export async function clearNdxp(db: NdxpDb, keepSystems: boolean): Promise<void> {
  await db.deleteFrom('ndxp_tokens').execute();
  await db.deleteFrom('ndxp_usage').execute();
  if (keepSystems) return;
  await db.deleteFrom('ndxp_subscriptions').execute();
  await db.deleteFrom('ndxp_consumers').execute();
  await db.deleteFrom('ndxp_apis').execute();
}
