/**
 * The emulator against WireMock serving the same SDKVXP endpoints as static stubs. One load generator (the
 * SDK-faithful client: XroadVnpt-* headers signed per request, the SDK's bodies) over keep-alive HTTP on
 * loopback, fixed concurrency, a warm-up then a fixed duration per operation, one server at a time.
 *
 * The comparison is deliberately unfair to the emulator: it authenticates every call (HMAC), parses and
 * validates each edXML package, routes it and commits it to SQLite (WAL, synchronous=FULL) before
 * replying, and logs every exchange; WireMock matches method + path and writes a canned reply. The stubs
 * carry the emulator's own replies (captured first), so both send the same bytes back.
 *
 *   npx tsx bench/wiremock.ts [--concurrency 16] [--duration 10] [--warmup 3]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { control } from '../emulator/cli/remote.js';
import { createSdkClient, documentPackage, type SdkClient, type SdkResult } from '../emulator/platforms/vdxp/index.js';
import {
  connectSystem, currentRssMb, drive, environmentLine, freePort, keepAliveTransport, Latencies, ms, peakRssMb, printTable, startBenchEmulator, summarise,
} from './support.js';
import { javaVersion, startWiremock, wiremockUnavailable } from './wiremock-process.js';

const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '16' }, duration: { type: 'string', default: '10' }, warmup: { type: 'string', default: '3' } } });
const CONCURRENCY = Number(values.concurrency);
const DURATION_S = Number(values.duration);
const WARMUP_S = Number(values.warmup);
for (const [name, n] of [['concurrency', CONCURRENCY], ['duration', DURATION_S], ['warmup', WARMUP_S]] as const) {
  if (!Number.isFinite(n) || n < 0 || (name !== 'warmup' && n <= 0)) throw new Error(`--${name} must be a positive number`);
}

const SENDER = '000.00.00.G22';
const READER = '000.00.00.H41';
const SINKS = ['000.00.00.H14', '000.00.00.G17', '000.00.00.G01'];
/** Pending items in the reader's mailbox: what getReceivedEdocList returns on both servers. */
const MAILBOX_ITEMS = 10;
const OPERATIONS = ['getReceivedEdocList', 'getEdoc', 'sendEdoc', 'updateStatus'] as const;
type Operation = (typeof OPERATIONS)[number];

/**
 * Distinct packages cheaply: one built package whose number is swapped per call. Every sendEdoc must be a
 * new package, or the emulator takes it for an SDK retry (same bytes) and skips the routing work.
 */
function packages(to: string[]): (i: number) => Uint8Array {
  const marker = '7770000';
  const template = documentPackage({ from: SENDER, to, number: marker }).toString('utf8');
  return (i) => Buffer.from(template.replaceAll(marker, String(7_770_000 + i)), 'utf8');
}

interface Clients {
  sender: SdkClient;
  reader: SdkClient;
  sink: SdkClient;
}

interface Figures {
  rate: Record<Operation, number>;
  latencies: Latencies;
  rssMb: number;
  peakRssMb: number;
}

/** Drives one server through every operation: warm-up (not recorded), then the measured window. */
async function measure(clients: Clients, readerDocIds: string[], ackDocIds: () => Promise<string[]>, pid: number): Promise<Figures> {
  const next = packages(SINKS);
  let sent = 0;
  const ok = (r: SdkResult) => r.json?.status === 'OK';
  const calls: Record<Operation, (i: number) => Promise<SdkResult>> = {
    getReceivedEdocList: () => clients.reader.getReceivedEdocList('edoc'),
    getEdoc: (i) => clients.reader.getEdoc(readerDocIds[i % readerDocIds.length]!),
    sendEdoc: () => clients.sender.sendEdoc(next(sent++), { from: SENDER, messagetype: 'edoc' }),
    updateStatus: async () => {
      throw new Error('set below');
    },
  };
  const figures: Figures = { rate: {} as Record<Operation, number>, latencies: new Latencies(), rssMb: 0, peakRssMb: 0 };
  for (const op of OPERATIONS) {
    if (op === 'updateStatus') {
      // Transport acknowledgements of the items the sendEdoc phase delivered (done again is allowed).
      const ids = await ackDocIds();
      calls.updateStatus = (i) => clients.sink.updateStatus(ids[i % ids.length]!, 'done');
    }
    const warm = new Latencies();
    await drive({ concurrency: CONCURRENCY, durationMs: WARMUP_S * 1000 }, async (i) => void (await warm.time(op, () => calls[op](i), ok)));
    const { done, seconds } = await drive({ concurrency: CONCURRENCY, durationMs: DURATION_S * 1000 }, async (i) => void (await figures.latencies.time(op, () => calls[op](i + 1_000_000), ok)));
    figures.rate[op] = done / seconds;
  }
  figures.rssMb = currentRssMb(pid);
  figures.peakRssMb = peakRssMb(pid);
  return figures;
}

/** One WireMock stub file per operation, carrying the reply the emulator gave. */
function writeStubs(rootDir: string, replies: Record<Operation, Buffer>): void {
  mkdirSync(join(rootDir, 'mappings'), { recursive: true });
  mkdirSync(join(rootDir, '__files'), { recursive: true });
  for (const op of OPERATIONS) {
    const mapping = {
      request: { method: 'POST', urlPath: `/vdxp/${op}` },
      response: { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: replies[op].toString('utf8') },
    };
    writeFileSync(join(rootDir, 'mappings', `${op}.json`), JSON.stringify(mapping));
  }
}

async function emulatorSide(dir: string): Promise<{ figures: Figures; replies: Record<Operation, Buffer>; readerDocIds: string[] }> {
  const emu = await startBenchEmulator(join(dir, 'state.sqlite'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const transport = keepAliveTransport(`${emu.url}/vdxp`, agent);
    const clients: Clients = {
      sender: await connectSystem(emu.url, 'bench.sender', [SENDER], transport),
      reader: await connectSystem(emu.url, 'bench.reader', [READER], transport),
      sink: await connectSystem(emu.url, 'bench.sink', SINKS, transport),
    };
    // The reader's mailbox: MAILBOX_ITEMS documents, never acknowledged, so every list returns them all.
    const toReader = packages([READER]);
    for (let i = 0; i < MAILBOX_ITEMS; i++) await clients.sender.sendEdoc(toReader(i), { from: SENDER, messagetype: 'edoc' });
    const list = await clients.reader.getReceivedEdocList('edoc');
    const readerDocIds = (list.json.data as { docId: string }[]).map((d) => d.docId);
    if (readerDocIds.length !== MAILBOX_ITEMS) throw new Error(`reader mailbox has ${readerDocIds.length} items, expected ${MAILBOX_ITEMS}`);
    // The replies the stubs will carry, taken from the real thing.
    const sendReply = await clients.sender.sendEdoc(packages(SINKS)(9_999), { from: SENDER, messagetype: 'edoc' });
    const replies: Record<Operation, Buffer> = {
      getReceivedEdocList: list.body,
      getEdoc: (await clients.reader.getEdoc(readerDocIds[0]!)).body,
      sendEdoc: sendReply.body,
      updateStatus: (await clients.sink.updateStatus((await sinkMailbox(emu.url))[0]!, 'done')).body,
    };
    const figures = await measure(clients, readerDocIds, () => sinkMailbox(emu.url), emu.pid);
    return { figures, replies, readerDocIds };
  } finally {
    agent.destroy();
    await emu.stop();
  }
}

/** Receiver DocIds delivered to the sink's agencies and not yet acknowledged. */
async function sinkMailbox(url: string): Promise<string[]> {
  const m = await control<{ pending: { edoc: { docId: string }[] } }>(url, 'GET', '/_lienthong/vdxp/systems/bench.sink/mailbox');
  return m.pending.edoc.map((d) => d.docId);
}

async function wiremockSide(dir: string, replies: Record<Operation, Buffer>, readerDocIds: string[]): Promise<Figures & { startMs: number }> {
  const root = join(dir, 'wiremock');
  writeStubs(root, replies);
  const t0 = performance.now();
  const wm = await startWiremock(root, await freePort());
  const startMs = performance.now() - t0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const transport = keepAliveTransport(`${wm.url}/vdxp`, agent);
    // Same client code and secrets-shaped values; WireMock checks nothing.
    const mk = (systemId: string) => createSdkClient({ systemId, secret: 'wiremock-does-not-check', transport });
    const clients: Clients = { sender: mk('bench.sender'), reader: mk('bench.reader'), sink: mk('bench.sink') };
    const ids = Array.from({ length: 5_000 }, (_, i) => `wm${String(i).padStart(22, '0')}`);
    return { ...(await measure(clients, readerDocIds, async () => ids, wm.pid)), startMs };
  } finally {
    agent.destroy();
    await wm.stop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-wm-'));
  try {
    console.log(`lienthong vs WireMock on the SDKVXP endpoints: concurrency ${CONCURRENCY}, ${WARMUP_S} s warm-up + ${DURATION_S} s measured per operation, keep-alive HTTP on loopback`);
    console.log(`  ${environmentLine()}`);
    const skip = wiremockUnavailable();
    const emu = await emulatorSide(dir);
    const wm = skip ? null : await wiremockSide(dir, emu.replies, emu.readerDocIds);
    if (skip) console.log(`  WireMock skipped: ${skip}`);
    else console.log(`  WireMock on Java ${javaVersion()}: default JVM settings, request journal off, 4 stubs (method + path → the emulator's captured reply), up in ${wm!.startMs.toFixed(0)} ms`);
    const row = (op: Operation, f: Figures | null) => {
      if (!f) return ['—', '—', '—', '—'];
      const s = f.latencies.stats(op);
      return [f.rate[op].toFixed(0), ms(s.p50), ms(s.p95), ms(s.p99)];
    };
    console.log('');
    printTable(
      ['operation', 'lienthong req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'WireMock req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'lienthong/WireMock'],
      OPERATIONS.map((op) => [op, ...row(op, emu.figures), ...row(op, wm), wm ? `${((emu.figures.rate[op] / wm.rate[op]) * 100).toFixed(0)} %` : '—']),
    );
    printTable(['memory', 'lienthong', 'WireMock'], [
      ['RSS after the run', `${emu.figures.rssMb.toFixed(0)} MB`, wm ? `${wm.rssMb.toFixed(0)} MB` : '—'],
      ['peak RSS', `${emu.figures.peakRssMb.toFixed(0)} MB`, wm ? `${wm.peakRssMb.toFixed(0)} MB` : '—'],
    ]);
    console.log('');
    console.log('  What each does per request:');
    console.log('    lienthong: HMAC-SHA256 check of XroadVnpt-sign-header, then per operation: getReceivedEdocList = mailbox query (join on the');
    console.log(`      agency directory, ${MAILBOX_ITEMS} items); getEdoc = ownership check + package read; sendEdoc = edXML parse, QCVN 102 validation,`);
    console.log(`      sender/recipient checks, duplicate and business-state checks, routing to ${SINKS.length} mailboxes, one SQLite transaction fsynced before`);
    console.log('      the reply; updateStatus = ownership check + fsynced update; every exchange appended to the hash-chained evidence log.');
    console.log('    WireMock: matches method + URL path and returns a canned body (no authentication, no parsing, nothing stored).');
    summarise(
      OPERATIONS.flatMap((op) => [
        { bench: 'wiremock', subject: `lienthong ${op}`, metric: 'req/s | p99', value: `${emu.figures.rate[op].toFixed(0)} | ${ms(emu.figures.latencies.stats(op).p99)} ms` },
        { bench: 'wiremock', subject: `WireMock ${op}`, metric: 'req/s | p99', value: wm ? `${wm.rate[op].toFixed(0)} | ${ms(wm.latencies.stats(op).p99)} ms` : `skipped: ${skip}` },
      ]).concat([
        { bench: 'wiremock', subject: 'lienthong', metric: 'peak RSS', value: `${emu.figures.peakRssMb.toFixed(0)} MB` },
        { bench: 'wiremock', subject: 'WireMock', metric: 'peak RSS', value: wm ? `${wm.peakRssMb.toFixed(0)} MB` : '—' },
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
