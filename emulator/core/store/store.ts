import type { Kysely, Migration } from 'kysely';

/**
 * The store every platform writes through. One query layer (Kysely) serves both backends, so no SQL is
 * written twice: SQLite (embedded default: a file, or `:memory:`) and, later, PostgreSQL for shared
 * sandboxes. Each platform keeps its own tables and migrations; an acknowledged write is durable before
 * the reply (SQLite WAL with synchronous=FULL).
 *
 * @example
 *   const store = await openSqliteStore({ file: ':memory:' });
 *   await store.migrate({ ...coreMigrations, ...vdxpMigrations });
 *   const db = store.db<VdxpTables>();
 *   await db.insertInto('vdxp_systems').values({ ... }).execute();
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, for /_lienthong/info (`:memory:`, a file path, or a redacted URL). */
  readonly location: string;
  /** The query builder, typed with the caller's own table map. */
  db<Tables>(): Kysely<Tables>;
  /** Applies, once at start-up, every platform's named migrations not applied yet. */
  migrate(migrations: Record<string, Migration>): Promise<void>;
  close(): Promise<void>;
}
