/**
 * VDXP load: N documents × 3 recipients × 4 statuses through the HTTP API of a real emulator process on
 * a real port (file-backed SQLite, synchronous=FULL), driven by the SDK-faithful client (HMAC headers,
 * raw edXML bodies). Prints messages/s, p50/p99 latency per operation and the server's peak RSS.
 *
 *   npx tsx bench/vdxp.ts [--docs 300] [--concurrency 8]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { control } from '../emulator/cli/remote.js';
import { Latencies, peakRssMb, percentile, pool, startBenchEmulator, summarise } from './support.js';
import { createSdkClient, fetchTransport, type SdkClient, type SdkResult } from '../emulator/platforms/vdxp/index.js';
import { edoc, statusPkg } from '../test/vdxp/support/fixtures.js';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '8' } } });
const DOCS = Number(values.docs);
const CONCURRENCY = Number(values.concurrency);
const SENDER = '000.00.00.G22';
const RECIPIENTS = ['000.00.00.H41', '000.00.00.H14', '000.00.00.G17'];
const STATUSES = ['01', '03', '05', '06'];

const latencies = new Latencies();
const timed = <T extends SdkResult>(op: string, run: () => Promise<T>): Promise<T> => latencies.time(op, run);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-'));
  // A virtual clock on the packages' signing day, so the QĐ 28 deadline never makes them late.
  const emu = await startBenchEmulator(join(dir, 'state.sqlite'));
  try {
    const client = async (systemId: string, code: string): Promise<SdkClient> => {
      const { secret } = await control<{ secret: string }>(emu.url, 'POST', '/_lienthong/vdxp/systems', { systemId, agencies: [{ code }] });
      return createSdkClient({ systemId, secret, transport: fetchTransport(`${emu.url}/vdxp`) });
    };
    const sender = await client('bench.sender', SENDER);
    const recipients = await Promise.all(RECIPIENTS.map((code, i) => client(`bench.r${i}`, code)));
    const rssBefore = peakRssMb(emu.pid);
    const t0 = performance.now();

    // Phase 1: the sender sends every document (each to the three recipients).
    await pool(DOCS, CONCURRENCY, async (i) => {
      await timed('sendEdoc', () => sender.sendEdoc(edoc({ from: SENDER, to: RECIPIENTS, number: String(i + 1) }), { from: SENDER, messagetype: 'edoc' }));
    });
    // Phase 2: each recipient polls, fetches, acknowledges, and answers four statuses per document.
    await Promise.all(
      recipients.map(async (r, ri) => {
        const list = await timed('getReceivedEdocList', () => r.getReceivedEdocList('edoc'));
        const items = list.json.data as { docId: string }[];
        await pool(items.length, Math.max(1, Math.floor(CONCURRENCY / recipients.length)), async (k) => {
          const item = items[k]!;
          const got = await timed('getEdoc', () => r.getEdoc(item.docId));
          const documentId = /<edXML:DocumentId>([^<]+)<\/edXML:DocumentId>/.exec(got.edxml?.toString('utf8') ?? '')?.[1] ?? '';
          await timed('updateStatus', () => r.updateStatus(item.docId, 'done'));
          for (const code of STATUSES) {
            await timed('sendEdoc(status)', () => r.sendEdoc(statusPkg({ from: RECIPIENTS[ri]!, to: SENDER, documentId, code }), { from: RECIPIENTS[ri]!, messagetype: 'status' }));
          }
        });
      }),
    );
    // Phase 3: the sender collects and acknowledges every status.
    const statuses = (await timed('getReceivedEdocList', () => sender.getReceivedEdocList('status'))).json.data as { docId: string }[];
    await pool(statuses.length, CONCURRENCY, async (k) => {
      await timed('getEdoc', () => sender.getEdoc(statuses[k]!.docId));
      await timed('updateStatus', () => sender.updateStatus(statuses[k]!.docId, 'done'));
    });
    const seconds = (performance.now() - t0) / 1000;

    const expected = DOCS * RECIPIENTS.length * STATUSES.length;
    if (statuses.length !== expected) throw new Error(`expected ${expected} statuses at the sender, got ${statuses.length}`);
    const messages = DOCS + DOCS * RECIPIENTS.length * STATUSES.length;
    const requests = latencies.count();
    const all = [...latencies.byOp.values()].flat().sort((a, b) => a - b);
    console.log(`VDXP bench: ${DOCS} documents × ${RECIPIENTS.length} recipients × ${STATUSES.length} statuses, concurrency ${CONCURRENCY}, node ${process.version}`);
    console.log(`  packages accepted: ${messages} (${DOCS} documents + ${messages - DOCS} statuses), deliveries: ${DOCS * RECIPIENTS.length + messages - DOCS}`);
    console.log(`  HTTP requests: ${requests} in ${seconds.toFixed(2)} s → ${(requests / seconds).toFixed(0)} req/s, ${(messages / seconds).toFixed(0)} messages/s`);
    console.log(`  latency all requests: p50 ${percentile(all, 50).toFixed(2)} ms, p99 ${percentile(all, 99).toFixed(2)} ms`);
    for (const op of [...latencies.byOp.keys()].sort()) {
      const s = latencies.stats(op);
      console.log(`    ${op.padEnd(20)} n=${String(s.n).padStart(6)}  p50 ${s.p50.toFixed(2).padStart(7)} ms  p99 ${s.p99.toFixed(2).padStart(7)} ms`);
    }
    console.log(`  emulator peak RSS: ${peakRssMb(emu.pid).toFixed(1)} MB (after start-up and set-up: ${rssBefore.toFixed(1)} MB)`);
    summarise([
      { bench: 'vdxp', subject: `${DOCS} docs × ${RECIPIENTS.length} × ${STATUSES.length} (fetch client)`, metric: 'req/s | messages/s', value: `${(requests / seconds).toFixed(0)} | ${(messages / seconds).toFixed(0)}` },
      { bench: 'vdxp', subject: 'all requests', metric: 'p50 | p99', value: `${percentile(all, 50).toFixed(2)} | ${percentile(all, 99).toFixed(2)} ms` },
    ]);
  } finally {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
