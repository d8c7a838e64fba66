/**
 * What a snapshot covers and in which order: every table the migrations created (Kysely's own migration
 * tables excluded: the schema comes from the code, not from the file; and the shared-sandbox settings and
 * clock rows, which are configuration), read through Kysely's
 * introspection so the same code serves SQLite and PostgreSQL.
 *
 * What the query builder cannot say is asked of the database itself, per store kind: which tables
 * reference which (rows are written referenced-first and deleted referencing-first). Moving an
 * auto-increment counter past restored ids is the store's own `resetIdentity` (docs/decisions/020).
 */
import { sql, type Kysely } from 'kysely';

export interface TableInfo {
  name: string;
  columns: string[];
  /** Columns the database numbers itself (SQLite AUTOINCREMENT, PostgreSQL serial/identity). */
  autoIncrement: string[];
}

const KYSELY_TABLES = /^kysely_migration/;
/**
 * Configuration of a shared sandbox, not its state (emulator/core/shared-sandbox.ts): the settings every
 * process must share, and the row holding the shared virtual clock (the clock travels in the snapshot's
 * header and is set through the clock, which writes that row). A restore leaves them as they are.
 */
const SANDBOX_TABLES = new Set(['core_sandbox', 'core_clock']);

export async function listTables(db: Kysely<any>): Promise<TableInfo[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => !t.isView && !KYSELY_TABLES.test(t.name) && !SANDBOX_TABLES.has(t.name))
    .map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name), autoIncrement: t.columns.filter((c) => c.isAutoIncrementing).map((c) => c.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Pairs [referencing table, referenced table] of the foreign keys between `tables`. */
export async function foreignKeys(db: Kysely<any>, kind: string): Promise<Array<[string, string]>> {
  if (kind === 'sqlite') {
    const r = await sql<{ child: string; parent: string }>`select m.name as child, p."table" as parent from sqlite_master m join pragma_foreign_key_list(m.name) p where m.type = 'table'`.execute(db);
    return r.rows.map((x) => [x.child, x.parent]);
  }
  if (kind === 'postgres') {
    const r = await sql<{ child: string; parent: string }>`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent from pg_constraint c where c.contype = 'f'`.execute(db);
    // regclass text is schema-qualified only outside the search path; table names here are bare.
    return r.rows.map((x) => [x.child.replace(/^.*\./, '').replace(/"/g, ''), x.parent.replace(/^.*\./, '').replace(/"/g, '')]);
  }
  return [];
}

/** `tables` with every referenced table before the tables referencing it (name order otherwise). */
export function referencedFirst(tables: TableInfo[], fks: Array<[string, string]>): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    // A cycle (none today) is broken where it is met; SQLite defers its checks anyway.
    if (state.get(name)) return;
    state.set(name, 'visiting');
    for (const [child, parent] of fks) if (child === name && parent !== name && byName.has(parent)) visit(parent);
    state.set(name, 'done');
    const t = byName.get(name);
    if (t) out.push(t);
  };
  for (const t of tables) visit(t.name);
  return out;
}

/**
 * Before a bulk load inside a transaction: SQLite then checks foreign keys at commit only, so the order
 * of a file's tables does not matter there (PostgreSQL relies on the referenced-first order).
 */
export async function beginBulkLoad(trx: Kysely<any>, kind: string): Promise<void> {
  if (kind === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
}

/** Before the commit of a bulk load: the references the rows break (SQLite would refuse the commit without saying which). */
export async function brokenReferences(trx: Kysely<any>, kind: string): Promise<Array<{ table: string; parent: string }>> {
  if (kind !== 'sqlite') return [];
  const r = await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(trx);
  return r.rows.map((x) => ({ table: x.table, parent: x.parent }));
}
