/**
 * Fills a SQLite state file with a year of axis traffic for the scale bench, straight through the store
 * layer (Kysely over better-sqlite3, multi-row inserts in large transactions): fast enough for a million
 * packages in minutes, where going through HTTP would take hours.
 *
 * The traffic: `agencies` agencies (real directory codes, one connected system each) with Zipf-like
 * activity (a few send and receive most, as VPCP, the big ministries and the two cities do); each
 * document goes to 1–3 recipients, each recipient answers 1–4 progress statuses (01 → 03 → 05 → 06);
 * every delivery is acknowledged `done` (so the mailboxes the bench reads hold only what it puts there).
 * Package bodies are real edXML of the usual size, built once and varied per row, so every SHA-256 and
 * DocumentId is distinct, as on the axis.
 */
import { createHash, randomBytes } from 'node:crypto';
import { buildApp } from '../emulator/app.js';
import { virtualClock } from '../emulator/core/clock.js';
import { randomIds } from '../emulator/core/ids.js';
import { openSqliteStore } from '../emulator/core/store/sqlite.js';
import { documentPackage, statusPackage } from '../emulator/platforms/vdxp/index.js';
import { seedDirectory } from '../emulator/platforms/vdxp/seed.js';
import type { VdxpTables } from '../emulator/platforms/vdxp/store.js';

export interface FillOptions {
  file: string;
  packages: number;
  agencies: number;
  /** Every row is dated in the year before this instant. */
  before: Date;
  onProgress?: (packages: number) => void;
}

export interface FilledAgency {
  code: string;
  systemId: string;
  secret: string;
  /** Deliveries to this agency (documents and statuses). */
  deliveries: number;
}

export interface FillResult {
  agencies: FilledAgency[];
  packages: number;
  deliveries: number;
  exchanges: number;
  /** Receiver DocIds delivered to agencies[0] (the busiest), sampled evenly over the year. */
  busiestSample: string[];
}

type PackageRow = VdxpTables['vdxp_packages'];
type DeliveryRow = VdxpTables['vdxp_deliveries'];
type ExchangeRow = VdxpTables['vdxp_exchanges'];

const STATUSES = ['01', '03', '05', '06'];
const DAY_MS = 24 * 3600 * 1000;
/** Rows per INSERT: under SQLite's 32,766 bound parameters at 16 columns. */
const ROWS_PER_INSERT = 1_000;
/** Packages per transaction: large enough that commits (fsyncs) do not dominate. */
const PACKAGES_PER_TRANSACTION = 20_000;
const SAMPLE = 5_000;

/** Deterministic 32-bit generator (mulberry32): the same fill for the same options. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Index into cumulative weights (binary search). */
function pick(cumulative: number[], r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  const x = r * cumulative[hi]!;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Placeholders of the same length as what replaces them: agency codes are 13 characters. */
const FROM = 'YYY.YY.YY.YYY';
const TO = ['ZZZ.ZZ.ZZ.Z01', 'ZZZ.ZZ.ZZ.Z02', 'ZZZ.ZZ.ZZ.Z03'];
const NUMBER = '7770000';

/** A package built once and filled in per row by string substitution (a few µs instead of a build). */
function templates() {
  const edoc = [1, 2, 3].map((n) => documentPackage({ from: FROM, to: TO.slice(0, n), number: NUMBER }).toString('utf8'));
  const documentId = `${FROM},2026/11/24,${NUMBER}/VPCP-TTĐT`;
  const status = STATUSES.map((code) => statusPackage({ from: TO[0]!, to: FROM, documentId, code }).toString('utf8'));
  const fill = (template: string, from: string, to: string[], number: number) => {
    let s = template.replaceAll(FROM, from).replaceAll(NUMBER, String(number));
    to.forEach((code, i) => (s = s.replaceAll(TO[i]!, code)));
    return Buffer.from(s, 'utf8');
  };
  return {
    edoc: (from: string, to: string[], number: number) => fill(edoc[to.length - 1]!, from, to, number),
    /** A status from `recipient` about document `number` of `sender`. */
    status: (code: number, sender: string, recipient: string, number: number) => fill(status[code]!, sender, [recipient], number),
  };
}

/**
 * Schema and seeded directory made by the emulator itself, then one connected system per agency written
 * straight into the store: the control plane would also issue each a test-CA certificate, which takes a
 * fraction of a second per system and which no measured operation uses.
 */
async function connectAgencies(file: string, count: number, at: Date): Promise<FilledAgency[]> {
  const entries = seedDirectory(102);
  const codes = [...entries.filter((e) => e.level === 1), ...entries.filter((e) => e.level === 2)].map((e) => e.code).slice(0, count);
  if (codes.length < count) throw new Error(`the directory has only ${codes.length} level-1 and level-2 agencies`);
  await (await buildApp({ data: file, clock: virtualClock(at), population: 1_000, enterprises: 100 })).close();
  const store = await openSqliteStore({ file });
  try {
    const db = store.db<VdxpTables>();
    const out = codes.map((code, i) => ({ code, systemId: `scale.${String(i).padStart(3, '0')}`, secret: randomBytes(18).toString('base64url'), deliveries: 0 }));
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('vdxp_systems')
        .values(out.map((a) => ({ system_id: a.systemId, secret: a.secret, name: `QLVB ${a.code}`, mode: null, certificate_pem: null, private_key_pem: null, created_at: at.toISOString() })))
        .execute();
      for (const a of out) await trx.updateTable('vdxp_agencies').set({ system_id: a.systemId }).where('code', '=', a.code).execute();
    });
    return out;
  } finally {
    await store.close();
  }
}

export async function fillStore(opts: FillOptions): Promise<FillResult> {
  const yearAgo = opts.before.getTime() - 366 * DAY_MS;
  const agencies = await connectAgencies(opts.file, opts.agencies, new Date(yearAgo - DAY_MS));
  const store = await openSqliteStore({ file: opts.file });
  const db = store.db<VdxpTables>();
  const random = rng(20261124);
  const ids = randomIds();
  const t = templates();
  // Zipf-like activity (s = 0.9): agency 0 is the busiest.
  const cumulative: number[] = [];
  agencies.forEach((_, i) => cumulative.push((cumulative.at(-1) ?? 0) + 1 / (i + 1) ** 0.9));

  const result: FillResult = { agencies, packages: 0, deliveries: 0, exchanges: 0, busiestSample: [] };
  let packages: PackageRow[] = [];
  let deliveries: DeliveryRow[] = [];
  let exchanges: ExchangeRow[] = [];
  const busiest: string[] = [];
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < packages.length; i += ROWS_PER_INSERT) await trx.insertInto('vdxp_packages').values(packages.slice(i, i + ROWS_PER_INSERT)).execute();
      for (let i = 0; i < deliveries.length; i += ROWS_PER_INSERT) await trx.insertInto('vdxp_deliveries').values(deliveries.slice(i, i + ROWS_PER_INSERT)).execute();
      for (let i = 0; i < exchanges.length; i += ROWS_PER_INSERT) await trx.insertInto('vdxp_exchanges').values(exchanges.slice(i, i + ROWS_PER_INSERT)).execute();
    });
    result.packages += packages.length;
    result.deliveries += deliveries.length;
    result.exchanges += exchanges.length;
    packages = [];
    deliveries = [];
    exchanges = [];
    opts.onProgress?.(result.packages);
  };

  const row = (p: Omit<PackageRow, 'sha256' | 'size' | 'delivered_body' | 'signature_status' | 'warnings'>): PackageRow => ({
    ...p, sha256: createHash('sha256').update(p.body).digest('hex'), size: p.body.length, delivered_body: null, signature_status: 'absent', warnings: '[]',
  });
  const deliver = (to: number, senderDocId: string, messageType: string, at: Date): void => {
    const receiverDocId = ids.objectId(at);
    const iso = at.toISOString();
    deliveries.push({ receiver_doc_id: receiverDocId, sender_doc_id: senderDocId, to_code: agencies[to]!.code, message_type: messageType, status: 'done', status_desc: null, created_at: iso, updated_at: iso, received_at: iso });
    agencies[to]!.deliveries++;
    if (to === 0) busiest.push(receiverDocId);
  };

  // Documents spread evenly over the year until the package count is reached.
  const documentsEstimate = opts.packages / (1 + 1.8 * 2.5);
  const stepMs = (365 * DAY_MS) / documentsEstimate;
  let total = 0;
  for (let k = 0; total < opts.packages; k++) {
    const at = new Date(yearAgo + k * stepMs);
    const s = pick(cumulative, random());
    const sender = agencies[s]!;
    const count = 1 + pick([0.45, 0.77, 1], random());
    const recipients: number[] = [];
    while (recipients.length < count) {
      const r = pick(cumulative, random());
      if (r !== s && !recipients.includes(r)) recipients.push(r);
    }
    const to = recipients.map((r) => agencies[r]!.code);
    const documentId = `${sender.code},2026/11/24,${k + 1}/VPCP-TTĐT`;
    const docId = ids.objectId(at);
    packages.push(row({ doc_id: docId, system_id: sender.systemId, message_type: 'edoc', from_code: sender.code, document_id: documentId, business_type: '0', status_code: null, subject: `V/v văn bản số ${k + 1}`, notation: `${k + 1}/VPCP-TTĐT`, body: t.edoc(sender.code, to, k + 1), created_at: at.toISOString() }));
    total++;
    for (const r of recipients) deliver(r, docId, 'edoc', at);
    for (const r of recipients) {
      // Each recipient answers 1–4 statuses over the following hours, in workflow order.
      const answered = 1 + Math.floor(random() * STATUSES.length);
      let c = 0;
      for (; c < answered && total < opts.packages; c++) {
        const sat = new Date(at.getTime() + (c + 1) * 3_600_000);
        const statusDocId = ids.objectId(sat);
        packages.push(row({ doc_id: statusDocId, system_id: agencies[r]!.systemId, message_type: 'status', from_code: agencies[r]!.code, document_id: documentId, business_type: null, status_code: STATUSES[c]!, subject: `Trạng thái ${STATUSES[c]}`, notation: `${k + 1}/VPCP-TTĐT`, body: t.status(c, sender.code, agencies[r]!.code, k + 1), created_at: sat.toISOString() }));
        total++;
        deliver(s, statusDocId, 'status', sat);
      }
      // The business state the axis keeps: the last status this recipient reported.
      exchanges.push({ sender_code: sender.code, document_id: documentId, recipient_code: agencies[r]!.code, sender_doc_id: docId, status_code: STATUSES[c - 1] ?? null, change_pending: null, change_of: null, revoked: 0, updated_at: at.toISOString() });
    }
    if (packages.length >= PACKAGES_PER_TRANSACTION) await flush();
  }
  if (packages.length > 0) await flush();
  await store.close();
  // An even sample over the year: the reads the bench makes touch old and new pages alike.
  const stride = Math.max(1, Math.floor(busiest.length / SAMPLE));
  result.busiestSample = busiest.filter((_, i) => i % stride === 0).slice(0, SAMPLE);
  return result;
}
