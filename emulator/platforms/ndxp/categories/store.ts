import type { Kysely, Migration } from 'kysely';
import type { Row } from './catalogues.js';

/**
 * Rows consumers added to the national catalogues (POST /dmdc/Category/<code>). One table for every
 * catalogue: the category service is one national service, so a row one consumer adds is seen by all.
 * Built-in rows are not stored: they come from the world on every start.
 */
export interface CategoryTables {
  ndxp_category_rows: {
    id: number | undefined;
    category: string;
    /** Value of the catalogue's key property; unique per catalogue. */
    row_key: string;
    /** The row as JSON, in metadata order. */
    data: string;
    client_id: string;
    agency: string;
    added_at: string;
  };
}

export type CategoryDb = Kysely<CategoryTables>;

export const categoryMigrations: Record<string, Migration> = {
  'ndxp-categories-001-rows': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('ndxp_category_rows')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      // The store's guard against two concurrent POSTs of the same key (service.ts checks first).
      await db.schema.createIndex('ndxp_category_rows_key').on('ndxp_category_rows').columns(['category', 'row_key']).unique().execute();
    },
  },
};

export interface AddedRow {
  row: Row;
  clientId: string;
  agency: string;
  addedAt: string;
}

/** Rows added to one catalogue, oldest first. */
export async function addedRows(db: CategoryDb, category: string): Promise<AddedRow[]> {
  const rows = await db.selectFrom('ndxp_category_rows').selectAll().where('category', '=', category).orderBy('id').execute();
  return rows.map((r) => ({ row: JSON.parse(r.data) as Row, clientId: r.client_id, agency: r.agency, addedAt: r.added_at }));
}

/** Added-row counts per catalogue. */
export async function addedCounts(db: CategoryDb): Promise<Map<string, number>> {
  const rows = await db.selectFrom('ndxp_category_rows').select((eb) => ['category', eb.fn.countAll<number>().as('n')]).groupBy('category').execute();
  return new Map(rows.map((r) => [r.category, Number(r.n)]));
}

/** Which of `keys` are already stored for the catalogue. */
export async function existingKeys(db: CategoryDb, category: string, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const found = new Set<string>();
  // Chunks keep the IN list under SQLite's variable limit.
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.selectFrom('ndxp_category_rows').select('row_key').where('category', '=', category).where('row_key', 'in', keys.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.row_key);
  }
  return found;
}

/** Removes every added row: rows are data, not connected systems, so `keepSystems` keeps none. */
export async function clearCategoryRows(db: CategoryDb): Promise<void> {
  await db.deleteFrom('ndxp_category_rows').execute();
}
