import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import type { Store } from './store.js';

/**
 * better-sqlite3: the fastest, most widely used embedded SQLite binding for Node; synchronous, so a
 * commit has hit the WAL (fsynced, synchronous=FULL) before the reply is written.
 */
export async function openSqliteStore(opts: { file: string }): Promise<Store> {
  const sqlite = new Database(opts.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    kind: 'sqlite',
    location: opts.file,
    db: <T>() => db as unknown as Kysely<T>,
    async migrate(migrations: Record<string, Migration>) {
      // Called once with every platform's migrations: Kysely's migrator must see all applied names.
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
      const { error } = await migrator.migrateToLatest();
      if (error) throw error;
    },
    async close() {
      await db.destroy();
    },
  };
}
