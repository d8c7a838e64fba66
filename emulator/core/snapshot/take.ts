/**
 * Taking a snapshot: every table read in one read-only transaction (one consistent moment; on SQLite the
 * single connection also holds writes back meanwhile), rows streamed to the output as they are read.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { EmulatorContext } from '../context.js';
import { encodeCell, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SnapshotEnd, type SnapshotHeader } from './format.js';
import { foreignKeys, listTables, referencedFirst, type TableInfo } from './tables.js';

/** Rows fetched per round trip when the store cannot stream a query (PostgreSQL without pg-cursor). */
const PAGE_ROWS = 1000;

export interface SnapshotSummary {
  takenAt: string;
  tables: number;
  rows: number;
  sha256: string;
}

/**
 * Writes the whole state as a snapshot (uncompressed JSON lines) to `out`, which is not ended. Appends
 * already answered are flushed first, so the snapshot holds every exchange replied to before it.
 */
export async function writeSnapshot(ctx: EmulatorContext, out: Writable): Promise<SnapshotSummary> {
  await ctx.evidence.flush();
  const hash = createHash('sha256');
  const write = async (value: unknown) => {
    const line = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
    hash.update(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  const db = ctx.store.db<any>();
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const clock = { mode: ctx.clock.mode, now: ctx.clock.now().toISOString() };
      const tables = referencedFirst(await listTables(trx), await foreignKeys(trx, ctx.store.kind));
      const counts = new Map<string, number>();
      for (const t of tables) {
        const r = await trx.selectFrom(t.name).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
        counts.set(t.name, Number(r.n));
      }
      const takenAt = new Date().toISOString();
      const header: SnapshotHeader = {
        format: SNAPSHOT_FORMAT,
        version: SNAPSHOT_VERSION,
        emulatorVersion: ctx.version,
        takenAt,
        store: ctx.store.kind,
        clock,
        world: { seed: ctx.world.seed, population: ctx.world.population, enterprises: ctx.world.enterprises },
        tables: Object.fromEntries(tables.map((t) => [t.name, { columns: t.columns, rows: counts.get(t.name) ?? 0 }])),
      };
      await write(header);
      let rows = 0;
      for (const t of tables) {
        await write({ table: t.name });
        for await (const row of rowsOf(trx, t)) {
          await write(t.columns.map((c) => encodeCell(row[c])));
          rows += 1;
        }
      }
      const sha256 = hash.copy().digest('hex');
      const end: SnapshotEnd = { end: true, tables: tables.length, rows, sha256 };
      await write(end);
      return { takenAt, tables: tables.length, rows, sha256 };
    });
}

/** A table's rows: streamed when the store can (SQLite), else paged in a fixed order inside the transaction. */
async function* rowsOf(trx: Kysely<any>, t: TableInfo): AsyncGenerator<Record<string, unknown>> {
  let streamed = false;
  try {
    for await (const row of trx.selectFrom(t.name).selectAll().stream(PAGE_ROWS)) {
      streamed = true;
      yield row as Record<string, unknown>;
    }
    return;
  } catch (err) {
    // Kysely's PostgreSQL driver streams only with a `cursor` (pg-cursor) in its dialect config.
    if (streamed || !/cursor/i.test((err as Error).message)) throw err;
  }
  for (let offset = 0; ; offset += PAGE_ROWS) {
    let q = trx.selectFrom(t.name).selectAll();
    for (const c of t.columns) q = q.orderBy(c);
    const page = await q.limit(PAGE_ROWS).offset(offset).execute();
    for (const row of page) yield row as Record<string, unknown>;
    if (page.length < PAGE_ROWS) return;
  }
}

/**
 * Takes a gzip'd snapshot into a temporary file (the read transaction then lasts as long as the database
 * read, not as long as a slow client takes to download). The caller streams it and calls `dispose`.
 */
export async function snapshotToTempFile(ctx: EmulatorContext): Promise<SnapshotSummary & { path: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'lienthong-snapshot-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const path = join(dir, 'snapshot.jsonl.gz');
    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(path));
    written.catch(() => undefined); // awaited below; a write error also fails writeSnapshot's next write
    const summary = await writeSnapshot(ctx, gzip);
    gzip.end();
    await written;
    return { ...summary, path, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** The file name a snapshot is offered under: `lienthong-20261124T030000Z.snapshot.jsonl.gz`. */
export function snapshotFileName(takenAt: string): string {
  return `lienthong-${takenAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.snapshot.jsonl.gz`;
}
