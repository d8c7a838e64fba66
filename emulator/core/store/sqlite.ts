import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Migration, type SqliteDatabase, type SqliteStatement } from 'kysely';
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
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  return {
    kind: 'sqlite',
    location: opts.file,
    // One process per file: WAL lets others read it, but the emulator's in-memory state assumes it is alone.
    shared: false,
    db: <T>() => db as unknown as Kysely<T>,
    async migrate(migrations: Record<string, Migration>) {
      // Called once with every platform's migrations: Kysely's migrator must see all applied names.
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
      const { error } = await migrator.migrateToLatest();
      if (error) throw error;
    },
    async resetIdentity(table: string) {
      // AUTOINCREMENT continues from max(rowid, sqlite_sequence): without its row, from the table's largest id.
      await sql`DELETE FROM sqlite_sequence WHERE name = ${table}`.execute(db).catch(() => undefined);
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Most statements a store keeps prepared; the query builder emits a few dozen distinct SQL strings. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs more than running most of ours. Statements are
 * reusable in better-sqlite3, so keep them by SQL text (least recently used out first).
 */
function cachingStatements(sqlite: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
