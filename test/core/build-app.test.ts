/** buildApp owns the store it is given: a start that fails closes it instead of leaking the handle or pool. */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { openSqliteStore } from '../../emulator/core/store/sqlite.js';
import type { Store } from '../../emulator/core/store/store.js';

describe('buildApp when the start fails', () => {
  it('closes the store and rethrows the cause', async () => {
    const real = await openSqliteStore({ file: ':memory:' });
    let closed = 0;
    const store: Store = {
      ...real,
      db: real.db.bind(real),
      migrate: async () => {
        throw new Error('migration 042 failed');
      },
      close: async () => {
        closed++;
        await real.close();
      },
    };
    await expect(buildApp({ store, clock: 'virtual', population: 10, enterprises: 1 })).rejects.toThrow('migration 042 failed');
    expect(closed).toBe(1);
  });

  it('leaves a started app owning its store until it closes', async () => {
    const real = await openSqliteStore({ file: ':memory:' });
    let closed = 0;
    const store: Store = { ...real, db: real.db.bind(real), migrate: real.migrate.bind(real), close: async () => { closed++; await real.close(); } };
    const app = await buildApp({ store, clock: 'virtual', population: 10, enterprises: 1 });
    expect(closed).toBe(0);
    await app.close();
    expect(closed).toBe(1);
  });
});
