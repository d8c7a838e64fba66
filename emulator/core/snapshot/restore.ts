/**
 * Restoring a snapshot: the header is checked against this emulator (format, version, world, every table
 * and column) before anything is touched; then every table is emptied and refilled in ONE transaction,
 * rows streamed from the file in batches. Any problem (a bad row, a refused key, a cut file, a wrong
 * checksum) rolls the whole transaction back: the state is either the snapshot's or the one before.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import type { EmulatorContext, PlatformModule } from '../context.js';
import { coreError } from '../errors.js';
import { decodeCell, lines, snapshotBytes, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotHeader } from './format.js';
import { beginBulkLoad, brokenReferences, foreignKeys, listTables, referencedFirst, type TableInfo } from './tables.js';

export interface RestoreSummary {
  takenAt: string;
  emulatorVersion: string;
  store: string;
  tables: number;
  rows: number;
  clock: { mode: 'real' | 'virtual'; now: string; moved: boolean; note?: string };
}

export interface RestoreOptions {
  /** Longest line accepted (one row: a package's body and delivered body, base64). Default 256 MiB. */
  maxLineBytes?: number;
}

/** Bound parameters per INSERT (SQLite's limit is 32,766, PostgreSQL's 65,535) and bytes per batch. */
const BATCH_PARAMS = 8000;
const BATCH_BYTES = 8 * 1024 * 1024;

const formatError = (message: string, field = 'header', rule = 'lienthong-snapshot header') => coreError('SNAPSHOT_FORMAT', message, { field, rule });

/** Reads and checks the first line of a snapshot file (`lienthong start --restore` looks before it builds the app). */
export async function readSnapshotHeader(path: string): Promise<SnapshotHeader> {
  const stream = createReadStream(path);
  try {
    for await (const line of lines(snapshotBytes(stream), 64 * 1024 * 1024)) return parseHeader(line);
    throw formatError(`${path} is empty; a snapshot is the file GET /_lienthong/snapshot returns`, 'body', 'not empty');
  } finally {
    stream.destroy();
  }
}

function parseHeader(line: Buffer): SnapshotHeader {
  let h: any;
  try {
    h = JSON.parse(line.toString('utf8'));
  } catch {
    throw formatError('not a lienthong snapshot: its first line is not JSON (expected the {"format":"lienthong-snapshot",…} header)');
  }
  if (typeof h !== 'object' || h === null || h.format !== SNAPSHOT_FORMAT) {
    throw formatError(`not a lienthong snapshot: header.format is ${JSON.stringify(h?.format) ?? 'absent'}, expected "${SNAPSHOT_FORMAT}"`, 'header.format', `"${SNAPSHOT_FORMAT}"`);
  }
  if (h.version !== SNAPSHOT_VERSION) {
    throw coreError('SNAPSHOT_VERSION', `snapshot format version ${JSON.stringify(h.version)} (written by lienthong ${String(h.emulatorVersion)}) is not readable here: this emulator reads version ${SNAPSHOT_VERSION}`, {
      field: 'header.version',
      rule: `version ${SNAPSHOT_VERSION}`,
    });
  }
  if (typeof h.takenAt !== 'string' || typeof h.emulatorVersion !== 'string') throw formatError('header.takenAt and header.emulatorVersion must be strings', 'header.takenAt', 'string');
  if (!h.clock || (h.clock.mode !== 'real' && h.clock.mode !== 'virtual') || Number.isNaN(Date.parse(h.clock.now))) {
    throw formatError('header.clock must be {"mode":"real"|"virtual","now":"<ISO 8601 date-time>"}', 'header.clock', '{mode, now}');
  }
  const w = h.world;
  if (!w || ![w.seed, w.population, w.enterprises].every((n) => Number.isSafeInteger(n))) {
    throw formatError('header.world must be {"seed","population","enterprises"} integers', 'header.world', '{seed, population, enterprises}');
  }
  if (typeof h.tables !== 'object' || h.tables === null || Array.isArray(h.tables)) throw formatError('header.tables must be an object of tables', 'header.tables', 'object');
  for (const [name, t] of Object.entries<any>(h.tables)) {
    const cols = t?.columns;
    if (!Array.isArray(cols) || cols.length === 0 || !cols.every((c: unknown) => typeof c === 'string') || new Set(cols).size !== cols.length) {
      throw formatError(`header.tables.${name}.columns must be a non-empty array of distinct column names`, `header.tables.${name}.columns`, 'distinct column names');
    }
    if (!Number.isSafeInteger(t.rows) || t.rows < 0) throw formatError(`header.tables.${name}.rows must be a row count`, `header.tables.${name}.rows`, 'integer ≥ 0');
  }
  return h as SnapshotHeader;
}

/** The snapshot must describe exactly this emulator's tables and columns, and its world. */
function checkFits(ctx: EmulatorContext, h: SnapshotHeader, current: TableInfo[]): void {
  const w = ctx.world;
  if (h.world.seed !== w.seed || h.world.population !== w.population || h.world.enterprises !== w.enterprises) {
    throw coreError(
      'SNAPSHOT_WORLD_MISMATCH',
      `the snapshot was taken with world seed ${h.world.seed}, ${h.world.population} citizens, ${h.world.enterprises} enterprises; this emulator runs seed ${w.seed}, ${w.population} citizens, ${w.enterprises} enterprises (start it with --seed ${h.world.seed} --population ${h.world.population} --enterprises ${h.world.enterprises})`,
      { field: 'header.world', rule: 'same --seed, --population and --enterprises', snapshot: h.world, emulator: { seed: w.seed, population: w.population, enterprises: w.enterprises } },
    );
  }
  const here = new Map(current.map((t) => [t.name, t]));
  for (const name of Object.keys(h.tables)) {
    if (!here.has(name)) {
      throw coreError('SNAPSHOT_UNKNOWN_TABLE', `the snapshot holds table ${name}, which this emulator (lienthong ${ctx.version}) does not have; it was taken by lienthong ${h.emulatorVersion}`, {
        field: `header.tables.${name}`,
        rule: 'tables of this emulator',
        table: name,
      });
    }
  }
  for (const t of current) {
    const theirs = h.tables[t.name];
    if (!theirs) {
      throw coreError('SNAPSHOT_TABLE_MISSING', `the snapshot has no table ${t.name}, which this emulator (lienthong ${ctx.version}) has; it was taken by lienthong ${h.emulatorVersion}`, {
        field: `header.tables.${t.name}`,
        rule: 'every table of this emulator',
        table: t.name,
      });
    }
    const missing = t.columns.filter((c) => !theirs.columns.includes(c));
    const extra = theirs.columns.filter((c) => !t.columns.includes(c));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [missing.length ? `lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '', extra.length ? `has column${extra.length > 1 ? 's' : ''} ${extra.join(', ')} this emulator does not` : ''].filter(Boolean);
      throw coreError('SNAPSHOT_COLUMN_MISMATCH', `table ${t.name} of the snapshot ${parts.join(' and ')} (taken by lienthong ${h.emulatorVersion}, this is ${ctx.version})`, {
        field: `header.tables.${t.name}.columns`,
        rule: 'the same columns as this emulator',
        table: t.name,
        missing,
        extra,
      });
    }
  }
}

/**
 * Replaces the whole state with a snapshot (a Buffer or a stream of its bytes, gzip'd or not), then moves
 * a virtual clock to the snapshot's time and lets each platform reload what it keeps in memory.
 */
export async function restoreSnapshot(
  ctx: EmulatorContext,
  platforms: readonly PlatformModule[],
  source: Buffer | AsyncIterable<Buffer | string>,
  opts: RestoreOptions = {},
): Promise<RestoreSummary> {
  const maxLine = opts.maxLineBytes ?? 256 * 1024 * 1024;
  const reader = lines(snapshotBytes(source), maxLine)[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (): Promise<Buffer | undefined> => {
    const r = await reader.next();
    if (r.done) return undefined;
    lineNo += 1;
    return r.value;
  };
  try {
    const first = await next();
    if (first === undefined || first.length === 0) throw formatError('the body is empty; send the file GET /_lienthong/snapshot returned', 'body', 'not empty');
    const header = parseHeader(first);
    const db = ctx.store.db<any>();
    const current = await listTables(db);
    checkFits(ctx, header, current);
    const ordered = referencedFirst(current, await foreignKeys(db, ctx.store.kind));
    const hash = createHash('sha256').update(first).update('\n');

    return await ctx.evidence.exclusive(async () => {
      const rows = await db.transaction().execute(async (trx) => {
        await beginBulkLoad(trx, ctx.store.kind);
        for (const t of [...ordered].reverse()) await trx.deleteFrom(t.name).execute();
        const total = await loadRows(trx, header, next, () => lineNo, hash);
        const broken = await brokenReferences(trx, ctx.store.kind);
        if (broken.length > 0) {
          const b = broken[0] as { table: string; parent: string };
          throw coreError('SNAPSHOT_ROW_REJECTED', `${broken.length} row(s) of ${b.table} refer to ${b.parent} rows the snapshot does not hold (foreign key); nothing was restored`, {
            field: `tables.${b.table}`,
            rule: 'foreign keys resolve',
            table: b.table,
          });
        }
        return total;
      });
      // Counters follow the restored ids (outside the transaction: the store runs it on its own connection).
      for (const t of current) for (const col of t.autoIncrement) await ctx.store.resetIdentity(t.name, col);
      const clock = setClock(ctx, header);
      ctx.ca.forget();
      for (const p of platforms) await p.restored?.(ctx);
      return { takenAt: header.takenAt, emulatorVersion: header.emulatorVersion, store: header.store, tables: Object.keys(header.tables).length, rows, clock };
    });
  } finally {
    await reader.return?.(undefined);
  }
}

/** Reads the table sections and the end line, inserting rows in batches. Returns the number of rows. */
async function loadRows(
  trx: Kysely<any>,
  header: SnapshotHeader,
  next: () => Promise<Buffer | undefined>,
  lineNo: () => number,
  hash: ReturnType<typeof createHash>,
): Promise<number> {
  const done = new Set<string>();
  let table: { name: string; columns: string[]; declared: number; count: number; firstLine: number } | undefined;
  let batch: Record<string, unknown>[] = [];
  let batchBytes = 0;
  let batchFrom = 0;
  let total = 0;

  const flush = async () => {
    if (!table || batch.length === 0) return;
    try {
      await trx.insertInto(table.name).values(batch).execute();
    } catch (err) {
      throw coreError('SNAPSHOT_ROW_REJECTED', `the store refused a row of ${table.name} (lines ${batchFrom}–${lineNo()}): ${(err as Error).message}; nothing was restored`, {
        field: `tables.${table.name}`,
        rule: 'keys unique, required values present',
        table: table.name,
      });
    }
    batch = [];
    batchBytes = 0;
  };
  const closeTable = async () => {
    if (!table) return;
    await flush();
    if (table.count !== table.declared) {
      throw coreError('SNAPSHOT_ROW_INVALID', `table ${table.name} has ${table.count} row(s) in the snapshot but its header says ${table.declared}`, {
        field: `header.tables.${table.name}.rows`,
        rule: 'row count as declared',
        table: table.name,
      });
    }
    done.add(table.name);
    table = undefined;
  };

  for (;;) {
    const line = await next();
    const at = lineNo();
    if (line === undefined) {
      throw coreError('SNAPSHOT_TRUNCATED', `the snapshot ends at line ${at} without its end line${table ? ` (inside table ${table.name})` : ''}: the file is incomplete`, { field: `line ${at}`, rule: 'ends with {"end":true,…}' });
    }
    let value: unknown;
    try {
      value = JSON.parse(line.toString('utf8'));
    } catch {
      throw coreError('SNAPSHOT_CORRUPT', `line ${at} of the snapshot is not JSON`, { field: `line ${at}`, rule: 'one JSON value per line' });
    }
    if (Array.isArray(value)) {
      if (!table) throw coreError('SNAPSHOT_ROW_INVALID', `line ${at} is a row before any {"table":…} line`, { field: `line ${at}`, rule: 'rows follow their table line' });
      if (value.length !== table.columns.length) {
        throw coreError('SNAPSHOT_ROW_INVALID', `line ${at} (table ${table.name}) has ${value.length} value(s) for ${table.columns.length} column(s)`, { field: `line ${at}`, rule: `${table.columns.length} values`, table: table.name });
      }
      const row: Record<string, unknown> = {};
      table.columns.forEach((c, i) => {
        const d = decodeCell(value[i]);
        if ('problem' in d) throw coreError('SNAPSHOT_ROW_INVALID', `line ${at}, ${table?.name}.${c}: ${d.problem}`, { field: `${table?.name}.${c}`, rule: 'JSON scalar or tagged value' });
        row[c] = d.value;
      });
      if (batch.length === 0) batchFrom = at;
      batch.push(row);
      batchBytes += line.length;
      table.count += 1;
      total += 1;
      if ((batch.length + 1) * table.columns.length > BATCH_PARAMS || batchBytes > BATCH_BYTES) await flush();
    } else if (isObject(value) && 'table' in value) {
      await closeTable();
      const name = value.table;
      const declared = typeof name === 'string' ? header.tables[name] : undefined;
      if (typeof name !== 'string' || !declared || done.has(name)) {
        throw coreError('SNAPSHOT_CORRUPT', `line ${at} opens table ${JSON.stringify(name)}, which the header ${declared ? 'lists once (it appears twice)' : 'does not list'}`, { field: `line ${at}`, rule: 'tables of the header, once each' });
      }
      table = { name, columns: declared.columns, declared: declared.rows, count: 0, firstLine: at };
    } else if (isObject(value) && value.end === true) {
      await closeTable();
      const missing = Object.keys(header.tables).filter((n) => !done.has(n));
      if (missing.length > 0) throw coreError('SNAPSHOT_CORRUPT', `the snapshot ends without the section of table ${missing.join(', ')} its header lists`, { field: `line ${at}`, rule: 'every header table has a section' });
      const digest = hash.digest('hex');
      if (value.sha256 !== digest) {
        throw coreError('SNAPSHOT_CHECKSUM', `the snapshot's content does not match the sha256 of its end line (${String(value.sha256).slice(0, 16)}… ≠ ${digest.slice(0, 16)}…): the file was edited or damaged`, { field: `line ${at}.sha256`, rule: 'sha256 of every byte before the end line' });
      }
      if (value.rows !== total) throw coreError('SNAPSHOT_ROW_INVALID', `the end line counts ${String(value.rows)} rows, the file holds ${total}`, { field: `line ${at}.rows`, rule: 'row count as declared' });
      for (let extra = await next(); extra !== undefined; extra = await next()) {
        if (extra.length > 0) throw coreError('SNAPSHOT_CORRUPT', `line ${lineNo()} follows the end line`, { field: `line ${lineNo()}`, rule: 'nothing after the end line' });
      }
      return total;
    } else {
      throw coreError('SNAPSHOT_CORRUPT', `line ${at} is neither a row (an array), a {"table"} line nor the {"end":true} line`, { field: `line ${at}`, rule: 'row, table or end line' });
    }
    hash.update(line).update('\n');
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A virtual clock goes back to the snapshot's instant; a real one cannot move (said in the reply). */
function setClock(ctx: EmulatorContext, h: SnapshotHeader): RestoreSummary['clock'] {
  const mode = ctx.clock.mode;
  if (h.clock.mode === 'virtual' && mode === 'virtual') {
    const now = ctx.clock.set(new Date(h.clock.now));
    return { mode, now: now.toISOString(), moved: true };
  }
  const note =
    h.clock.mode === 'virtual'
      ? `the snapshot was taken on a virtual clock at ${h.clock.now}; this emulator's clock is real and was not moved (start it with --virtual-clock, or with lienthong start --restore, which picks the snapshot's clock)`
      : 'the snapshot was taken on a real clock; the clock was left as it is';
  return { mode, now: ctx.clock.now().toISOString(), moved: false, note };
}
