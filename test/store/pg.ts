/**
 * PostgreSQL for tests: `LIENTHONG_TEST_PG_URL` names a server (.ci/run starts a throwaway one); each store
 * gets a fresh schema, dropped when the store closes, so test files and apps never see each other's data.
 * Without the variable, Postgres tests skip and say why.
 *
 * `LIENTHONG_TEST_STORE=postgres` makes the platform test helpers (test/vdxp/support/fixtures.ts) build their
 * apps over Postgres too, to run an existing HTTP suite against the second backend.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../../emulator/core/store/postgres.js';
import type { Store } from '../../emulator/core/store/store.js';

export const PG_URL = process.env.LIENTHONG_TEST_PG_URL || undefined;

export const PG_SKIP_REASON = PG_URL
  ? undefined
  : 'LIENTHONG_TEST_PG_URL is not set: no PostgreSQL server to test against (.ci/run starts one; or export LIENTHONG_TEST_PG_URL=postgres://user@host:port/db)';

/** Prints why the Postgres half of a file is skipped (vitest only says "skipped"). */
export function sayWhyPostgresSkips(file: string): void {
  if (PG_SKIP_REASON) process.stderr.write(`[${file}] PostgreSQL tests skipped: ${PG_SKIP_REASON}\n`);
}

/** A schema name no other test uses: `lt_<label>_<random>`. */
export function freshSchemaName(label: string): string {
  return `lt_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
}

/** The URL of a fresh schema on the test server. */
export function schemaUrl(schema: string): string {
  if (!PG_URL) throw new Error(PG_SKIP_REASON);
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  return u.toString();
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** A Postgres store over a fresh schema; closing it drops the schema. */
export async function freshPostgresStore(label: string): Promise<Store> {
  const schema = freshSchemaName(label);
  const store = await openPostgresStore({ url: schemaUrl(schema), poolSize: 4 });
  return droppingOnClose(store, schema);
}

/** The same store, whose close also drops its schema. */
export function droppingOnClose(store: Store, schema: string): Store {
  return {
    kind: store.kind,
    location: store.location,
    shared: store.shared,
    db: () => store.db(),
    migrate: (m) => store.migrate(m),
    resetIdentity: (t, c) => store.resetIdentity(t, c),
    async close() {
      await store.close();
      await dropSchema(schema);
    },
  };
}

/** For the platform test helpers: a Postgres store when LIENTHONG_TEST_STORE=postgres (and a server is named), else undefined (SQLite). */
export async function platformTestStore(label: string): Promise<Store | undefined> {
  if (process.env.LIENTHONG_TEST_STORE !== 'postgres') return undefined;
  if (!PG_URL) throw new Error(`LIENTHONG_TEST_STORE=postgres needs ${PG_SKIP_REASON}`);
  return freshPostgresStore(label);
}
