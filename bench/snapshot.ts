/**
 * Snapshot and restore of a large state (docs/snapshot.md): a SQLite file filled with `--packages` axis
 * packages (bench/bulk-fill.ts, real edXML bodies, deliveries and statuses), then GET /_lienthong/snapshot
 * and POST /_lienthong/restore into a fresh file-backed emulator. Prints sizes, times, rows/s and how much
 * the heap grew (rows are streamed, so it should not grow with the state).
 *
 *   npx tsx bench/snapshot.ts [--packages 20000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../emulator/app.js';
import { restoreSnapshot } from '../emulator/core/snapshot/restore.js';
import { snapshotToTempFile } from '../emulator/core/snapshot/take.js';
import { fillStore } from './bulk-fill.js';

const { values } = parseArgs({ options: { packages: { type: 'string', default: '20000' } } });
const PACKAGES = Number(values.packages);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-snapshot-'));
  try {
    const source = join(dir, 'source.sqlite');
    const t0 = performance.now();
    await fillStore({ file: source, packages: PACKAGES, agencies: 20, before: new Date() });
    console.log(`filled ${PACKAGES} packages in ${((performance.now() - t0) / 1000).toFixed(1)} s; state file ${mb(statSync(source).size)}`);

    const app = await buildApp({ data: source });
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t1 = performance.now();
    const snap = await snapshotToTempFile(app.lienthong);
    const takeMs = performance.now() - t1;
    const heapTake = process.memoryUsage().heapUsed - heap0;
    const size = statSync(snap.path).size;
    const bytes = await readFile(snap.path);
    await snap.dispose();
    await app.close();
    console.log(`snapshot: ${snap.rows} rows in ${snap.tables} tables, ${mb(size)} gzip'd, ${(takeMs / 1000).toFixed(2)} s (${Math.round(snap.rows / (takeMs / 1000))} rows/s); heap grew ${mb(Math.max(0, heapTake))}`);

    const target = await buildApp({ data: join(dir, 'target.sqlite') });
    global.gc?.();
    const heap1 = process.memoryUsage().heapUsed;
    const t2 = performance.now();
    const r = await restoreSnapshot(target.lienthong, [], bytes);
    const restoreMs = performance.now() - t2;
    const heapRestore = process.memoryUsage().heapUsed - heap1;
    const verify = await target.inject({ method: 'GET', url: '/_lienthong/events/verify' });
    await target.close();
    console.log(`restore: ${r.rows} rows in ${(restoreMs / 1000).toFixed(2)} s (${Math.round(r.rows / (restoreMs / 1000))} rows/s), one transaction; heap grew ${mb(Math.max(0, heapRestore))} (the gzip'd file itself is ${mb(size)}); evidence chain ${verify.json().intact ? 'intact' : 'BROKEN'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
