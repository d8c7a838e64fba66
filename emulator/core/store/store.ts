import type { Kysely, Migration } from 'kysely';

/**
 * The store every platform writes through. One query layer (Kysely) serves both backends, so no SQL is
 * written twice: SQLite (embedded default: a file, or `:memory:`) and PostgreSQL for a sandbox shared by
 * several emulator processes (`openStore('postgres://…')`). Each platform keeps its own tables and
 * migrations; an acknowledged write is durable before the reply (SQLite WAL with synchronous=FULL,
 * PostgreSQL commit). On both, transactions run one at a time (docs/decisions/006 and 018), so a
 * check-then-write inside `db.transaction()` cannot race another.
 *
 * @example
 *   const store = await openStore(':memory:');        // or 'postgres://user@host/db?schema=sandbox'
 *   await store.migrate({ ...coreMigrations, ...vdxpMigrations });
 *   const db = store.db<VdxpTables>();
 *   await db.insertInto('vdxp_systems').values({ ... }).execute();
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, for /_lienthong/info (`:memory:`, a file path, or a URL without its password). */
  readonly location: string;
  /**
   * True when other emulator processes may read and write the same data at the same time (PostgreSQL): state
   * that a process would otherwise keep in memory (the virtual clock, the live evidence feed) goes through the store.
   */
  readonly shared: boolean;
  /** The query builder, typed with the caller's own table map. */
  db<Tables>(): Kysely<Tables>;
  /** Applies, once at start-up, every platform's named migrations not applied yet. */
  migrate(migrations: Record<string, Migration>): Promise<void>;
  /**
   * Sets a table's autoincrement counter to follow its largest value (1 when empty): after a reset, or after
   * rows were restored with their ids. The one statement that differs between the backends.
   */
  resetIdentity(table: string, column: string): Promise<void>;
  close(): Promise<void>;
}
