/**
 * Latency of the hot VDXP operations as the store grows: the same calls against a state file holding 1 k
 * and 1 M packages (a year of traffic among ~100 agencies, filled through the store layer by
 * bench/bulk-fill.ts), measured over HTTP against a real emulator process on that file.
 *
 * Measured, each after an unrecorded warm-up, on the busiest agency (the one whose mailbox and history
 * grew most): getReceivedEdocList (its mailbox holds the same 20 pending documents at every size, among
 * all its acknowledged deliveries), getEdoc and updateStatus done on deliveries spread over the year,
 * and sendEdoc of new documents to three recipients.
 *
 *   npx tsx bench/scale.ts [--sizes 1000,1000000] [--agencies 100] [--calls 2000] [--concurrency 4]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createSdkClient, documentPackage, type SdkClient, type SdkResult } from '../emulator/platforms/vdxp/index.js';
import { fillStore, type FillResult } from './bulk-fill.js';
import { BENCH_INSTANT, drive, environmentLine, keepAliveTransport, Latencies, mb, ms, peakRssMb, printTable, startBenchEmulator, summarise } from './support.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,1000000' },
    agencies: { type: 'string', default: '100' },
    calls: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '4' },
  },
});
const SIZES = values.sizes.split(',').map((s) => Number(s.trim()));
const AGENCIES = Number(values.agencies);
const CALLS = Number(values.calls);
const CONCURRENCY = Number(values.concurrency);
if (SIZES.length === 0 || SIZES.some((n) => !Number.isInteger(n) || n < 100 || n > 10_000_000)) throw new Error('--sizes must be a comma-separated list of integers from 100 to 10,000,000');
for (const [name, n, min, max] of [['agencies', AGENCIES, 10, 400], ['calls', CALLS, 10, 1_000_000], ['concurrency', CONCURRENCY, 1, 256]] as const) {
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
}
/** Pending documents put in the busiest agency's mailbox, the same at every size. */
const PENDING = 20;
const WARMUP_CALLS = Math.min(300, CALLS);
/** Measured calls are split into rounds that alternate between the sizes. */
const ROUNDS = 4;
const OPERATIONS = ['sendEdoc', 'getReceivedEdocList', 'getEdoc', 'updateStatus'] as const;
type Operation = (typeof OPERATIONS)[number];

interface Filled {
  size: number;
  dir: string;
  file: string;
  fill: FillResult;
  fillSeconds: number;
  dbBytes: number;
}

interface SizeFigures extends Filled {
  latencies: Latencies;
  /** Calls and seconds spent, summed over the rounds. */
  done: Record<Operation, { calls: number; seconds: number }>;
  peakRssMb: number;
}

function fileBytes(f: string): number {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
}

/** Distinct documents from `from` to `to`: a built package with its number swapped per call. */
function documents(from: string, to: string[]): (i: number) => Uint8Array {
  const marker = '8880000';
  const template = documentPackage({ from, to, number: marker }).toString('utf8');
  return (i) => Buffer.from(template.replaceAll(marker, String(8_880_000 + i)), 'utf8');
}

async function fillSize(size: number): Promise<Filled> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-scale-'));
  const file = join(dir, 'state.sqlite');
  const t0 = performance.now();
  let last = 0;
  const fill = await fillStore({
    file, packages: size, agencies: AGENCIES, before: new Date(BENCH_INSTANT),
    onProgress: (n) => {
      if (n - last >= 100_000) {
        last = n;
        const s = (performance.now() - t0) / 1000;
        console.log(`    filled ${n.toLocaleString('en')} packages in ${s.toFixed(0)} s (${(n / s).toFixed(0)}/s)`);
      }
    },
  });
  const fillSeconds = (performance.now() - t0) / 1000;
  const dbBytes = fileBytes(file) + fileBytes(`${file}-wal`);
  const busiest = fill.agencies[0]!;
  console.log(`  ${size.toLocaleString('en')} packages: filled in ${fillSeconds.toFixed(1)} s (${fill.deliveries.toLocaleString('en')} deliveries, ${fill.exchanges.toLocaleString('en')} exchanges), file ${mb(dbBytes)}; busiest agency ${busiest.code} has ${busiest.deliveries.toLocaleString('en')} deliveries`);
  return { size, dir, file, fill, fillSeconds, dbBytes };
}

/** An emulator on a filled file, with the pending mailbox set up and one call per operation ready. */
async function serve(f: Filled) {
  const emu = await startBenchEmulator(f.file);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const transport = keepAliveTransport(`${emu.url}/vdxp`, agent);
  const agencies = f.fill.agencies;
  const client = (i: number): SdkClient => createSdkClient({ systemId: agencies[i]!.systemId, secret: agencies[i]!.secret, transport });
  const reader = client(0);
  // The same pending mailbox at every size: PENDING new documents for the busiest agency.
  const toBusiest = documents(agencies[1]!.code, [agencies[0]!.code]);
  const feeder = client(1);
  for (let i = 0; i < PENDING; i++) {
    const r = await feeder.sendEdoc(toBusiest(i), { from: agencies[1]!.code, messagetype: 'edoc' });
    if (r.json?.status !== 'OK') throw new Error(`set-up sendEdoc failed: ${r.body.toString('utf8')}`);
  }
  // New documents from a few senders to three recipients that are not the busiest agency.
  const senders = [2, 3, 4, 5].map((i) => ({ client: client(i), code: agencies[i]!.code, next: documents(agencies[i]!.code, [7, 8, 9].map((r) => agencies[r]!.code)) }));
  const sample = f.fill.busiestSample;
  let sent = 0;
  const calls: Record<Operation, (i: number) => Promise<SdkResult>> = {
    sendEdoc: () => {
      const n = sent++;
      const s = senders[n % senders.length]!;
      return s.client.sendEdoc(s.next(n), { from: s.code, messagetype: 'edoc' });
    },
    getReceivedEdocList: () => reader.getReceivedEdocList('edoc'),
    getEdoc: (i) => reader.getEdoc(sample[(i * 7919) % sample.length]!),
    updateStatus: (i) => reader.updateStatus(sample[(i * 104_729) % sample.length]!, 'done'),
  };
  return {
    calls,
    pid: emu.pid,
    listed: async () => ((await reader.getReceivedEdocList('edoc')).json.data as unknown[]).length,
    stop: async () => {
      agent.destroy();
      await emu.stop();
    },
  };
}

async function main(): Promise<void> {
  console.log(`Store scale: hot VDXP operations at ${SIZES.map((s) => s.toLocaleString('en')).join(' vs ')} stored packages, ${AGENCIES} agencies, ${CALLS} calls per operation at concurrency ${CONCURRENCY} (after ${WARMUP_CALLS} warm-up calls)`);
  console.log(`  ${environmentLine()}`);
  console.log(`  SQLite file store (WAL, synchronous=FULL), one emulator process per size, keep-alive HTTP on loopback; the sizes are measured in ${ROUNDS} alternating rounds so load from elsewhere on the machine falls on each alike`);
  const filled: Filled[] = [];
  const servers: Awaited<ReturnType<typeof serve>>[] = [];
  try {
    for (const size of SIZES) filled.push(await fillSize(size));
    for (const f of filled) servers.push(await serve(f));
    const figures: SizeFigures[] = filled.map((f) => ({ ...f, latencies: new Latencies(), done: {} as SizeFigures['done'], peakRssMb: 0 }));
    const perRound = Math.ceil(CALLS / ROUNDS);
    for (const op of OPERATIONS) {
      for (const server of servers) {
        const warm = new Latencies();
        await drive({ concurrency: CONCURRENCY, count: WARMUP_CALLS }, async (i) => void (await warm.time(op, () => server.calls[op](i))));
      }
      for (let round = 0; round < ROUNDS; round++) {
        for (const [k, server] of servers.entries()) {
          const f = figures[k]!;
          const base = WARMUP_CALLS + round * perRound;
          const { done, seconds } = await drive({ concurrency: CONCURRENCY, count: perRound }, async (i) => void (await f.latencies.time(op, () => server.calls[op](base + i))));
          const d = (f.done[op] ??= { calls: 0, seconds: 0 });
          d.calls += done;
          d.seconds += seconds;
        }
      }
    }
    for (const [k, server] of servers.entries()) {
      const listed = await server.listed();
      if (listed !== PENDING) throw new Error(`the busiest mailbox at ${SIZES[k]} lists ${listed} documents, expected ${PENDING}`);
      figures[k]!.peakRssMb = peakRssMb(server.pid);
    }
    report(figures);
  } finally {
    for (const s of servers) await s.stop();
    for (const f of filled) rmSync(f.dir, { recursive: true, force: true });
  }
}

function report(figures: SizeFigures[]): void {
  console.log('');
  const label = (f: SizeFigures) => (f.size >= 1_000_000 ? `${f.size / 1_000_000} M` : f.size >= 1000 ? `${f.size / 1000} k` : String(f.size));
  printTable(
    ['operation', ...figures.flatMap((f) => [`${label(f)}: p50 ms`, 'p99 ms', 'req/s'])],
    OPERATIONS.map((op) => [op, ...figures.flatMap((f) => {
      const s = f.latencies.stats(op);
      return [ms(s.p50), ms(s.p99), (f.done[op].calls / f.done[op].seconds).toFixed(0)];
    })]),
  );
  console.log('');
  printTable(
    ['store', ...figures.map(label)],
    [
      ['packages / deliveries', ...figures.map((f) => `${f.fill.packages.toLocaleString('en')} / ${f.fill.deliveries.toLocaleString('en')}`)],
      ["busiest agency's deliveries", ...figures.map((f) => f.fill.agencies[0]!.deliveries.toLocaleString('en'))],
      ['fill time', ...figures.map((f) => `${f.fillSeconds.toFixed(1)} s`)],
      ['database file', ...figures.map((f) => mb(f.dbBytes))],
      ['emulator peak RSS', ...figures.map((f) => `${f.peakRssMb.toFixed(0)} MB`)],
    ],
  );
  summarise(
    figures.flatMap((f) =>
      OPERATIONS.map((op) => ({ bench: 'scale', subject: `${label(f)} packages: ${op}`, metric: 'p50 | p99', value: `${ms(f.latencies.stats(op).p50)} | ${ms(f.latencies.stats(op).p99)} ms` })),
    ),
  );
}

await main();
