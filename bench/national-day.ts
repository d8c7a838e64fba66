/**
 * A national day on the document axis, end to end through the HTTP API of one emulator process (file
 * SQLite store in a temporary folder, WAL + synchronous=FULL; virtual clock at 10:00 on the documents'
 * signing day): 6,000 documents, each to 3 recipients, each recipient answering 4 statuses.
 *
 * Every agency runs its own QLVB system (one connected system, two SDK service objects: outbox and
 * mailbox) and does what the SDK workflow says (specs/vdxp.md §3.5), all agencies at once:
 *   outbox:  sendEdoc its share of the documents;
 *   mailbox: loop { getReceivedEdocList edoc → getEdoc, updateStatus done, send status 01 for each;
 *                   advance each document received earlier by one status (03 → 05 → 06);
 *                   getReceivedEdocList status → getEdoc, updateStatus done for each }
 * until every document has its 3 × 4 statuses back at its sender. Statuses follow the axis workflow
 * 01 (đã đến) → 03 (đã tiếp nhận) → 05 (đang xử lý) → 06 (hoàn thành), 04 being skippable (§2).
 * At most --concurrency requests are in flight (a semaphore shared by every agency).
 *
 * Prints wall time, throughput and latency per operation, peak RSS of the emulator, DB size by table, and
 * checks the end state in the database (every delivery acknowledged, packages with warnings).
 *
 *   npx tsx bench/national-day.ts [--documents 6000] [--agencies 30] [--concurrency 16] [--store postgres://…]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { LEVEL1 } from '../emulator/core/world/agencies.js';
import { createSdkClient, documentPackage, statusPackage, type SdkClient, type SdkResult } from '../emulator/platforms/vdxp/index.js';
import { control } from '../emulator/cli/remote.js';
import { openStore } from '../emulator/core/store/open.js';
import type { VdxpTables } from '../emulator/platforms/vdxp/store.js';
import { sql } from 'kysely';
import { environmentLine, keepAliveTransport, Latencies, mb, ms, peakRssMb, printTable, startBenchEmulator, summarise } from './support.js';

const { values } = parseArgs({ options: { documents: { type: 'string', default: '6000' }, agencies: { type: 'string', default: '30' }, concurrency: { type: 'string', default: '16' }, store: { type: 'string' } } });
/** A PostgreSQL sandbox instead of a SQLite file in a temporary folder (its VDXP data and evidence are reset first). */
const STORE = values.store;
const DOCUMENTS = Number(values.documents);
const AGENCY_COUNT = Number(values.agencies);
const CONCURRENCY = Number(values.concurrency);
for (const [name, n, min, max] of [['documents', DOCUMENTS, 1, 1_000_000], ['agencies', AGENCY_COUNT, 4, 60], ['concurrency', CONCURRENCY, 1, 1024]] as const) {
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
}
const RECIPIENTS_PER_DOCUMENT = 3;
const STATUSES = ['01', '03', '05', '06'] as const;
/** Pause of a mailbox loop that found nothing to do (the SDK polls on a timer; this day is compressed). */
const IDLE_POLL_MS = 25;

/** Ministries and provinces alternately, from the real level-1 codes of the directory. */
function agencyCodes(n: number): string[] {
  const g = LEVEL1.filter(([x]) => x.startsWith('G')).map(([x]) => `000.00.00.${x}`);
  const h = LEVEL1.filter(([x]) => x.startsWith('H')).map(([x]) => `000.00.00.${x}`);
  const out: string[] = [];
  for (let i = 0; out.length < n && (i < g.length || i < h.length); i++) {
    if (g[i]) out.push(g[i]!);
    if (h[i] && out.length < n) out.push(h[i]!);
  }
  if (out.length < n) throw new Error(`only ${out.length} level-1 agencies in the directory`);
  return out;
}

/** Deterministic recipients of document k: RECIPIENTS_PER_DOCUMENT distinct agencies other than its sender. */
function recipientsOf(k: number, sender: number, n: number): number[] {
  const out: number[] = [];
  let x = (k * 2_654_435_761) >>> 0;
  while (out.length < RECIPIENTS_PER_DOCUMENT) {
    x = (x * 1_103_515_245 + 12_345) >>> 0;
    const r = x % n;
    if (r !== sender && !out.includes(r)) out.push(r);
  }
  return out;
}

/** At most `limit` requests in flight across every agency. */
class Semaphore {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(limit: number) {
    this.free = limit;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

const latencies = new Latencies();
const gate = new Semaphore(CONCURRENCY);
const call = <T extends SdkResult>(op: string, run: () => Promise<T>): Promise<T> => gate.run(() => latencies.time(op, run));

interface Agency {
  index: number;
  code: string;
  outbox: SdkClient;
  mailbox: SdkClient;
  /** Documents this agency sends (global indices). */
  sends: number[];
  expectDocuments: number;
  expectStatuses: number;
  receivedDocuments: number;
  receivedStatuses: number;
  /** Documents received, each with the index of the next status to send. */
  progress: { documentId: string; sender: string; next: number }[];
  statusesSent: number;
  emptyPolls: number;
}

/** documentId from the package bytes, as a QLVB reads it (MessageHeader/DocumentId, From/OrganId). */
function header(edxml: Buffer): { documentId: string; from: string } {
  const text = edxml.toString('utf8');
  const documentId = /<edXML:DocumentId>([^<]+)<\/edXML:DocumentId>/.exec(text)?.[1];
  const from = /<edXML:From>\s*<edXML:OrganId>([^<]+)<\/edXML:OrganId>/.exec(text)?.[1];
  if (!documentId || !from) throw new Error('received package without DocumentId or From/OrganId');
  return { documentId, from };
}

async function sendAll(a: Agency): Promise<void> {
  for (const k of a.sends) {
    const to = recipientsOf(k, a.index, AGENCY_COUNT).map((r) => agencies[r]!.code);
    const bytes = documentPackage({ from: a.code, to, number: String(k + 1), subject: `V/v văn bản số ${k + 1} của ngày liên thông` });
    await call('sendEdoc (document)', () => a.outbox.sendEdoc(bytes, { from: a.code, messagetype: 'edoc' }));
  }
}

/** One QLVB's mailbox loop; returns when it has everything it expects and has sent all its statuses. */
async function mailboxLoop(a: Agency): Promise<void> {
  const finished = () => a.receivedDocuments === a.expectDocuments && a.receivedStatuses === a.expectStatuses && a.progress.length === 0;
  while (!finished()) {
    let worked = false;
    if (a.receivedDocuments < a.expectDocuments) {
      const items = (await call('getReceivedEdocList (edoc)', () => a.mailbox.getReceivedEdocList('edoc'))).json.data as { docId: string }[];
      for (const item of items) {
        const got = await call('getEdoc (document)', () => a.mailbox.getEdoc(item.docId));
        await call('updateStatus (document)', () => a.mailbox.updateStatus(item.docId, 'done'));
        a.receivedDocuments++;
        const h = header(got.edxml!);
        a.progress.push({ documentId: h.documentId, sender: h.from, next: 0 });
      }
      worked ||= items.length > 0;
    }
    // Each document received earlier moves on by one status: 01 at once, 03, 05, 06 on later rounds.
    for (const p of [...a.progress]) {
      const code = STATUSES[p.next]!;
      const bytes = statusPackage({ from: a.code, to: p.sender, documentId: p.documentId, code });
      await call('sendEdoc (status)', () => a.mailbox.sendEdoc(bytes, { from: a.code, messagetype: 'status' }));
      a.statusesSent++;
      p.next++;
      worked = true;
    }
    a.progress = a.progress.filter((p) => p.next < STATUSES.length);
    if (a.receivedStatuses < a.expectStatuses) {
      const items = (await call('getReceivedEdocList (status)', () => a.mailbox.getReceivedEdocList('status'))).json.data as { docId: string }[];
      for (const item of items) {
        await call('getEdoc (status)', () => a.mailbox.getEdoc(item.docId));
        await call('updateStatus (status)', () => a.mailbox.updateStatus(item.docId, 'done'));
        a.receivedStatuses++;
      }
      worked ||= items.length > 0;
    }
    if (!worked) {
      a.emptyPolls++;
      await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
    }
  }
}

let agencies: Agency[] = [];

/** What the store holds at the end, read through the store layer once the emulator has closed it. */
async function endState(location: string) {
  const store = await openStore(location);
  const db = store.db<VdxpTables & { events: { seq: number } }>();
  try {
    const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);
    const n = sql<number>`count(*)`.as('n');
    const warned = await db.selectFrom('vdxp_packages').select('warnings').where('warnings', '!=', '[]').execute();
    const byCode = new Map<string, number>();
    for (const w of warned) for (const v of JSON.parse(w.warnings) as { code: string }[]) byCode.set(v.code, (byCode.get(v.code) ?? 0) + 1);
    // Space by table and index: dbstat on SQLite, the relation sizes on PostgreSQL.
    const tables = await (store.kind === 'sqlite'
      ? sql<{ name: string; bytes: number }>`SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC`.execute(db).then((r) => r.rows).catch(() => [])
      : sql<{ name: string; bytes: number }>`SELECT relname AS name, pg_total_relation_size(c.oid)::float8 AS bytes FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE c.relkind = 'r' AND s.nspname = current_schema() ORDER BY bytes DESC`.execute(db).then((r) => r.rows));
    return {
      packages: await count(db.selectFrom('vdxp_packages').select(n)),
      deliveries: await count(db.selectFrom('vdxp_deliveries').select(n)),
      notDone: await count(db.selectFrom('vdxp_deliveries').select(n).where('status', '!=', 'done')),
      finished: await count(db.selectFrom('vdxp_exchanges').select(n).where('status_code', '=', '06')),
      events: await count(db.selectFrom('events').select(n)),
      withWarnings: warned.length,
      warnings: [...byCode].sort((a, b) => b[1] - a[1]).map(([code, k]) => ({ code, n: k })),
      tables: tables.map((t) => ({ name: t.name, bytes: Number(t.bytes) })),
    };
  } finally {
    await store.close();
  }
}

const fileSize = (f: string): number => {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-day-'));
  const file = join(dir, 'state.sqlite');
  const location = STORE ?? file;
  const emu = await startBenchEmulator(location);
  // A shared sandbox may hold an earlier run: start from an empty one (the test CA stays).
  if (STORE) await control(emu.url, 'POST', '/_lienthong/reset', {});
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let stopped = false;
  try {
    console.log(`National day on the VDXP axis: ${DOCUMENTS.toLocaleString('en')} documents × ${RECIPIENTS_PER_DOCUMENT} recipients × ${STATUSES.length} statuses (${STATUSES.join(' → ')}), ${AGENCY_COUNT} agencies, at most ${CONCURRENCY} requests in flight`);
    console.log(`  ${environmentLine()}`);
    console.log(`  one emulator process, ${STORE ? `store ${STORE.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}` : 'SQLite file store (WAL, synchronous=FULL)'}, virtual clock; keep-alive HTTP on loopback`);
    const transport = keepAliveTransport(`${emu.url}/vdxp`, agent);
    const codes = agencyCodes(AGENCY_COUNT);
    agencies = [];
    for (const [index, code] of codes.entries()) {
      const systemId = `qlvb.${code.slice(-3).toLowerCase()}`;
      const { secret } = await control<{ secret: string }>(emu.url, 'POST', '/_lienthong/vdxp/systems', { systemId, agencies: [{ code }] });
      const client = () => createSdkClient({ systemId, secret, transport });
      agencies.push({ index, code, outbox: client(), mailbox: client(), sends: [], expectDocuments: 0, expectStatuses: 0, receivedDocuments: 0, receivedStatuses: 0, progress: [], statusesSent: 0, emptyPolls: 0 });
    }
    for (let k = 0; k < DOCUMENTS; k++) {
      const sender = agencies[k % AGENCY_COUNT]!;
      sender.sends.push(k);
      sender.expectStatuses += RECIPIENTS_PER_DOCUMENT * STATUSES.length;
      for (const r of recipientsOf(k, sender.index, AGENCY_COUNT)) agencies[r]!.expectDocuments++;
    }
    const rssBefore = peakRssMb(emu.pid);

    const t0 = performance.now();
    await Promise.all(agencies.flatMap((a) => [sendAll(a), mailboxLoop(a)]));
    const seconds = (performance.now() - t0) / 1000;
    const peak = peakRssMb(emu.pid);
    const walBytes = fileSize(`${file}-wal`);
    await emu.stop();
    stopped = true;
    const end = await endState(location);
    const dbBytes = STORE ? end.tables.reduce((t, x) => t + x.bytes, 0) : fileSize(file);

    const expectedPackages = DOCUMENTS * (1 + RECIPIENTS_PER_DOCUMENT * STATUSES.length);
    const expectedDeliveries = DOCUMENTS * RECIPIENTS_PER_DOCUMENT * (1 + STATUSES.length);
    const requests = latencies.count();
    console.log('');
    console.log(`  wall time ${seconds.toFixed(1)} s: ${requests.toLocaleString('en')} requests → ${(requests / seconds).toFixed(0)} req/s; ${end.packages.toLocaleString('en')} packages accepted → ${(end.packages / seconds).toFixed(0)} packages/s`);
    console.log('');
    const ops = [...latencies.byOp.keys()].sort();
    printTable(
      ['operation', 'count', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      ops.map((op) => {
        const s = latencies.stats(op);
        return [op, String(s.n), (s.n / seconds).toFixed(0), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
      }),
    );
    console.log('');
    console.log(`  emulator peak RSS ${peak.toFixed(0)} MB (after start-up and set-up ${rssBefore.toFixed(0)} MB)`);
    console.log(`  database: ${mb(dbBytes)}${STORE ? ' (tables with their indexes)' : ` after shutdown (WAL was ${mb(walBytes)} before it)`}${end.tables.length ? '; largest:' : ''}`);
    for (const t of end.tables.slice(0, 8)) console.log(`    ${t.name.padEnd(28)} ${mb(t.bytes).padStart(10)}`);
    console.log(`  end state: ${end.packages}/${expectedPackages} packages, ${end.deliveries}/${expectedDeliveries} deliveries (${end.notDone} not acknowledged), ${end.finished}/${DOCUMENTS * RECIPIENTS_PER_DOCUMENT} exchanges at status 06, ${end.events.toLocaleString('en')} evidence events`);
    console.log(`  packages with warnings: ${end.withWarnings}${end.warnings.length ? ` (${end.warnings.map((w) => `${w.code} ×${w.n}`).join(', ')})` : ''}; empty polls: ${agencies.reduce((n, a) => n + a.emptyPolls, 0)}`);
    const ok = end.packages === expectedPackages && end.deliveries === expectedDeliveries && end.notDone === 0 && end.finished === DOCUMENTS * RECIPIENTS_PER_DOCUMENT;
    if (!ok) {
      console.log('  END STATE WRONG: see the counts above');
      process.exitCode = 1;
    }
    const p99 = (op: string) => `${ms(latencies.stats(op).p99)} ms`;
    summarise([
      { bench: 'national-day', subject: `${DOCUMENTS} docs × ${RECIPIENTS_PER_DOCUMENT} × ${STATUSES.length}`, metric: 'wall time | req/s', value: `${seconds.toFixed(1)} s | ${(requests / seconds).toFixed(0)}` },
      { bench: 'national-day', subject: 'sendEdoc (document | status)', metric: 'p99', value: `${p99('sendEdoc (document)')} | ${p99('sendEdoc (status)')}` },
      { bench: 'national-day', subject: 'getEdoc | updateStatus (document)', metric: 'p99', value: `${p99('getEdoc (document)')} | ${p99('updateStatus (document)')}` },
      { bench: 'national-day', subject: 'emulator', metric: 'peak RSS | DB size', value: `${peak.toFixed(0)} MB | ${mb(dbBytes)}` },
    ]);
  } finally {
    agent.destroy();
    if (!stopped) await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
