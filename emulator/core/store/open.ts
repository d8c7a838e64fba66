import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/**
 * Opens the store a location names:
 * - `postgres://user:password@host:5432/database[?schema=name]` (or `postgresql://`): PostgreSQL, shareable
 *   by several emulator processes;
 * - `sqlite:<file>`, `sqlite::memory:`, a plain file path, or `:memory:`: embedded SQLite (one process).
 *
 * @example
 *   const store = await openStore(process.env.LIENTHONG_STORE ?? '.lienthong/state.sqlite');
 */
export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    // Loaded only when asked for: the default path never pays for pg.
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore({ url: location });
  }
  const file = location.startsWith('sqlite:') ? location.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : location;
  if (file === '') throw new Error('store "sqlite:" names no file: use sqlite:<file> or sqlite::memory:');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) throw new Error(`store "${location}" is neither postgres://… nor a SQLite file (sqlite:<file>)`);
  return openSqliteStore({ file });
}
