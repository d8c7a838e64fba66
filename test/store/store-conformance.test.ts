/**
 * The Store contract, run against both backends: SQLite always, PostgreSQL when LIENTHONG_TEST_PG_URL names
 * a server (a fresh schema per backend run, dropped afterwards). What the platforms rely on is pinned
 * here: column types that round-trip (64-bit integers, doubles, exact bytes, any Unicode text), byte-wise
 * text order, autoincrement and its reset, upserts, `returning`, transactions that roll back and never
 * interleave, and the platforms' own migrations applying once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { openStore } from '../../emulator/core/store/open.js';
import { containsText } from '../../emulator/core/store/portable.js';
import { openPostgresStore, redactUrl } from '../../emulator/core/store/postgres.js';
import type { Store } from '../../emulator/core/store/store.js';
import { dropSchema, freshSchemaName, PG_SKIP_REASON, PG_URL, sayWhyPostgresSkips, schemaUrl } from './pg.js';

sayWhyPostgresSkips('store-conformance');

interface Tables {
  conf_items: { id: number | undefined; code: string; big: number; ratio: number; bytes: Buffer | null; label: string; n: number };
  conf_counter: { name: string; value: number };
}

const migrations: Record<string, Migration> = {
  'conf-001': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('conf_items')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('big', 'integer', (c) => c.notNull())
        .addColumn('ratio', 'real', (c) => c.notNull())
        .addColumn('bytes', 'blob')
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createTable('conf_counter').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('value', 'integer', (c) => c.notNull()).execute();
    },
  },
};

interface Backend {
  name: 'sqlite' | 'postgres';
  skip: string | undefined;
  /** Opens one more store over the same data (another process would). */
  open(): Promise<Store>;
  /** Another, empty location on the same backend, opened as `count` stores over it. */
  fresh(count: number): Promise<Store[]>;
  cleanup(): Promise<void>;
}

function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-store-'));
  return {
    name: 'sqlite',
    skip: undefined,
    open: () => openStore(`sqlite:${join(dir, 'state.sqlite')}`),
    fresh: async (count) => {
      const file = join(dir, `fresh-${Math.random().toString(36).slice(2)}.sqlite`);
      return Promise.all(Array.from({ length: count }, () => openStore(`sqlite:${file}`)));
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresBackend(): Backend {
  const schemas = [freshSchemaName('conformance')];
  return {
    name: 'postgres',
    skip: PG_SKIP_REASON,
    open: () => openStore(schemaUrl(schemas[0]!)),
    fresh: async (count) => {
      const schema = freshSchemaName('conformance_apps');
      schemas.push(schema);
      const first = await openStore(schemaUrl(schema));
      return [first, ...(await Promise.all(Array.from({ length: count - 1 }, () => openStore(schemaUrl(schema)))))];
    },
    cleanup: async () => {
      if (PG_URL) for (const schema of schemas) await dropSchema(schema);
    },
  };
}

// Each backend is a text of its own kind: the SQLite semantics are the reference the Postgres store matches.
const ORDERED = ['000.00.00.G01', '000.00.00.H41', '28.22.H17', 'A', 'B', '_x', 'a', 'b', 'z', 'Ân', 'Đà Nẵng', 'đà', 'ờ', '中'];

for (const make of [sqliteBackend, postgresBackend]) {
  const backend = make();
  describe.skipIf(backend.skip !== undefined)(`Store conformance: ${backend.name}`, () => {
    let store: Store;
    let db: Kysely<Tables>;

    beforeAll(async () => {
      store = await backend.open();
      await store.migrate(migrations);
      db = store.db<Tables>();
    });
    afterAll(async () => {
      await store?.close();
      await backend.cleanup();
    });

    it('says what it is: kind, shared, and a location without the password', () => {
      expect(store.kind).toBe(backend.name);
      expect(store.shared).toBe(backend.name === 'postgres');
      expect(store.location).not.toMatch(/:[^:@/]+@/);
    });

    it('round-trips 64-bit integers, doubles, exact bytes and any Unicode text as the same JavaScript values', async () => {
      const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x00, 0x7f]);
      const label = 'Bộ Nội vụ — công văn số 12/BNV 🇻🇳 "quoted" \'single\' \\ back';
      await db.insertInto('conf_items').values({ id: undefined, code: 'k1', big: 5_000_000_000_123, ratio: 0.1234567890123, bytes, label, n: 1 }).execute();
      const row = await db.selectFrom('conf_items').selectAll().where('code', '=', 'k1').executeTakeFirstOrThrow();
      expect(row.big).toBe(5_000_000_000_123);
      expect(typeof row.id).toBe('number');
      expect(row.ratio).toBe(0.1234567890123);
      expect(Buffer.isBuffer(row.bytes)).toBe(true);
      expect(Buffer.compare(row.bytes as Buffer, bytes)).toBe(0);
      expect(row.label).toBe(label);
      const counted = await db.selectFrom('conf_items').select((eb) => [eb.fn.countAll<number>().as('c'), eb.fn.max('big').as('m')]).executeTakeFirstOrThrow();
      expect(counted).toEqual({ c: 1, m: 5_000_000_000_123 });
    });

    it('keeps U+0000 in text on SQLite and stores it as U+FFFD on PostgreSQL (which cannot hold it), never failing', async () => {
      await db.insertInto('conf_items').values({ id: undefined, code: 'nul', big: 0, ratio: 0, bytes: null, label: 'a\u0000b', n: 0 }).execute();
      const row = await db.selectFrom('conf_items').select('label').where('code', '=', 'nul').executeTakeFirstOrThrow();
      expect(row.label).toBe(backend.name === 'sqlite' ? 'a\u0000b' : 'a\uFFFDb');
      await db.deleteFrom('conf_items').where('code', '=', 'nul').execute();
    });

    it('orders and compares text byte-wise (code point order), whatever the server locale', async () => {
      const shuffled = [...ORDERED].sort(() => Math.random() - 0.5);
      await db.insertInto('conf_items').values(shuffled.map((code, i) => ({ id: undefined, code: `o:${code}`, big: i, ratio: 0, bytes: null, label: code, n: i }))).execute();
      const rows = await db.selectFrom('conf_items').select('label').where('code', 'like', 'o:%').orderBy('label').execute();
      expect(rows.map((r) => r.label)).toEqual(ORDERED);
      const after = await db.selectFrom('conf_items').select('label').where('code', 'like', 'o:%').where('label', '>', 'a').orderBy('label').execute();
      expect(after.map((r) => r.label)).toEqual(ORDERED.filter((c) => c > 'a'));
      // Searching text the portable way: ASCII letters in any case, other letters exactly, % and _ literal.
      const search = async (text: string) => (await db.selectFrom('conf_items').select('label').where('code', 'like', 'o:%').where(containsText('label', text)).orderBy('label').execute()).map((r) => r.label);
      expect(await search('h4')).toEqual(['000.00.00.H41']);
      expect(await search('A')).toEqual(['A', 'a']);
      expect(await search('N')).toEqual(['Ân', 'Đà Nẵng']);
      expect(await search('À')).toEqual([]);
      expect(await search('đà')).toEqual(['đà']);
      expect(await search('_')).toEqual(['_x']);
      expect(await search('%')).toEqual([]);
      await db.deleteFrom('conf_items').where('code', 'like', 'o:%').execute();
    });

    it('numbers autoincrement ids upward and restarts them after a reset, or after the largest restored id', async () => {
      const ids = await db.insertInto('conf_items').values([1, 2, 3].map((i) => ({ id: undefined, code: `a${i}`, big: i, ratio: 0, bytes: null, label: '', n: i }))).returning('id').execute();
      const seq = ids.map((r) => Number(r.id));
      expect(seq[1]).toBe(seq[0]! + 1);
      expect(seq[2]).toBe(seq[1]! + 1);
      await db.deleteFrom('conf_items').execute();
      await store.resetIdentity('conf_items', 'id');
      const first = await db.insertInto('conf_items').values({ id: undefined, code: 'r1', big: 0, ratio: 0, bytes: null, label: '', n: 0 }).returning('id').executeTakeFirstOrThrow();
      expect(first.id).toBe(1);
      // A restore writes rows with their ids: the counter must continue after them.
      await db.insertInto('conf_items').values({ id: 40, code: 'r40', big: 0, ratio: 0, bytes: null, label: '', n: 0 }).execute();
      await store.resetIdentity('conf_items', 'id');
      const next = await db.insertInto('conf_items').values({ id: undefined, code: 'r41', big: 0, ratio: 0, bytes: null, label: '', n: 0 }).returning('id').executeTakeFirstOrThrow();
      expect(next.id).toBe(41);
      await db.deleteFrom('conf_items').execute();
    });

    it('upserts: do nothing on conflict, or update only while a condition holds (a quota counter)', async () => {
      const ins = await db.insertInto('conf_counter').values({ name: 'x', value: 1 }).onConflict((oc) => oc.column('name').doNothing()).executeTakeFirst();
      expect(Number(ins.numInsertedOrUpdatedRows)).toBe(1);
      const again = await db.insertInto('conf_counter').values({ name: 'x', value: 99 }).onConflict((oc) => oc.column('name').doNothing()).executeTakeFirst();
      expect(Number(again.numInsertedOrUpdatedRows ?? 0n)).toBe(0);
      const bump = () =>
        db
          .insertInto('conf_counter')
          .values({ name: 'x', value: 1 })
          .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`conf_counter.value + 1` }).where('conf_counter.value', '<', 3))
          .returning('value')
          .executeTakeFirst();
      expect(await bump()).toEqual({ value: 2 });
      expect(await bump()).toEqual({ value: 3 });
      expect(await bump()).toBeUndefined();
      await db.deleteFrom('conf_counter').execute();
    });

    it.skipIf(backend.name !== 'postgres')('spells SQLite\'s column types in PostgreSQL: bigint, double precision, bytea, identity, text COLLATE "C"', async () => {
      const { rows } = await sql<{ column_name: string; data_type: string; collation_name: string | null; is_identity: string }>`
        select column_name, data_type, collation_name, is_identity from information_schema.columns
        where table_schema = current_schema() and table_name = 'conf_items' order by ordinal_position`.execute(db);
      expect(rows.map((r) => [r.column_name, r.data_type, r.collation_name, r.is_identity])).toEqual([
        ['id', 'bigint', null, 'YES'],
        ['code', 'text', 'C', 'NO'],
        ['big', 'bigint', null, 'NO'],
        ['ratio', 'double precision', null, 'NO'],
        ['bytes', 'bytea', null, 'NO'],
        ['label', 'text', 'C', 'NO'],
        ['n', 'bigint', null, 'NO'],
      ]);
    });

    it('rolls a failed transaction back entirely', async () => {
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('conf_counter').values({ name: 'rolled', value: 1 }).execute();
          await trx.insertInto('conf_counter').values({ name: 'rolled', value: 2 }).execute();
        }),
      ).rejects.toThrow();
      expect(await db.selectFrom('conf_counter').selectAll().where('name', '=', 'rolled').execute()).toEqual([]);
    });

    it('never interleaves transactions, within a process or (shared stores) across two stores over the same data', async () => {
      // A SQLite file serves one process (shared: false); a shared store serves several.
      const other = store.shared ? await backend.open() : store;
      try {
        await db.insertInto('conf_counter').values({ name: 'race', value: 0 }).execute();
        // Read, wait, write: without one-at-a-time transactions, increments would be lost.
        const increment = (s: Store) =>
          s.db<Tables>().transaction().execute(async (trx) => {
            const { value } = await trx.selectFrom('conf_counter').select('value').where('name', '=', 'race').executeTakeFirstOrThrow();
            await new Promise((r) => setTimeout(r, 2));
            await trx.updateTable('conf_counter').set({ value: value + 1 }).where('name', '=', 'race').execute();
          });
        await Promise.all(Array.from({ length: 24 }, (_, i) => increment(i % 2 === 0 ? store : other)));
        const { value } = await db.selectFrom('conf_counter').select('value').where('name', '=', 'race').executeTakeFirstOrThrow();
        expect(value).toBe(24);
      } finally {
        if (other !== store) await other.close();
        await db.deleteFrom('conf_counter').execute();
      }
    });

    it('applies every platform migration once, when two apps start over the same data', async () => {
      const [s1, s2] = (await backend.fresh(2)) as [Store, Store];
      const build = (store: Store) => buildApp({ store, clock: 'virtual', population: 500, enterprises: 50 });
      // Processes of a shared sandbox may start at the same moment; a SQLite file is opened by one at a time.
      const [first, second] = s1.shared ? await Promise.all([build(s1), build(s2)]) : [await build(s1), await build(s2)];
      try {
        for (const app of [first, second]) {
          const info = (await app.inject({ method: 'GET', url: '/_lienthong/info' })).json();
          expect(info.store.kind).toBe(backend.name);
          const agencies = (await app.inject({ method: 'GET', url: '/_lienthong/vdxp/agencies' })).json().agencies as { code: string }[];
          expect(agencies.length).toBeGreaterThan(50);
        }
        // Seeding twice adds no second copy of the directory.
        const a = (await first.inject({ method: 'GET', url: '/_lienthong/vdxp/agencies' })).json().agencies;
        const b = (await second.inject({ method: 'GET', url: '/_lienthong/vdxp/agencies' })).json().agencies;
        expect(b).toEqual(a);
        expect(new Set(a.map((x: { code: string }) => x.code)).size).toBe(a.length);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
}

describe('openStore picks the backend from the location', () => {
  it('opens SQLite for :memory:, sqlite:<file> and sqlite::memory:', async () => {
    for (const location of [':memory:', 'sqlite::memory:']) {
      const s = await openStore(location);
      expect(s.kind).toBe('sqlite');
      expect(s.location).toBe(':memory:');
      await s.close();
    }
  });

  it('refuses an empty sqlite: and other URL schemes, naming what it accepts', async () => {
    await expect(openStore('sqlite:')).rejects.toThrow(/sqlite:<file>/);
    await expect(openStore('mysql://u@h/db')).rejects.toThrow(/postgres:\/\//);
  });

  it('never shows the password of a PostgreSQL URL, even when the server cannot be reached', async () => {
    expect(redactUrl('postgres://lienthong:s3cr3t@db.example:5432/lt?schema=a')).toBe('postgres://lienthong:***@db.example:5432/lt?schema=a');
    const err = await openPostgresStore({ url: 'postgres://lienthong:s3cr3t@127.0.0.1:1/lt' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/cannot open the PostgreSQL store at postgres:\/\/lienthong:\*\*\*@127\.0\.0\.1:1\/lt/);
    expect((err as Error).message).not.toContain('s3cr3t');
    await expect(openPostgresStore({ url: 'postgres://u@h/db?schema=bad-name' })).rejects.toThrow(/plain identifier/);
  });
});
