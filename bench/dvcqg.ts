/**
 * DVCQG load: N one-stop accounts (agencies) each sync D dossiers (§A3, DongBoHoSoMC isUpdating "False",
 * a real MaTTHC from LayDanhSachTTHC) and walk each through statuses 1 → 2 → 4 → 9 → 10 (per step:
 * DongBoHoSoMC isUpdating "True" + CapNhatTienDoHoSoMC), through the HTTP API of a real emulator process on
 * a real port (file-backed SQLite, synchronous=FULL, --quiet). The first catalogue call builds the
 * ~6,790-procedure catalogue: its time is reported apart. Prints figures, asserts no timing; exits 1 when a
 * call failed.
 *
 *   npx tsx bench/dvcqg.ts [--accounts 4] [--dossiers 250] [--concurrency 8]
 *   (--dossiers is per account)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { control } from '../emulator/cli/remote.js';
import { currentRssMb, percentile, peakRssMb, pool, startEmulator, summarise } from './support.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '4' },
    dossiers: { type: 'string', default: '250' },
    concurrency: { type: 'string', default: '8' },
  },
});
const ACCOUNTS = Number(values.accounts);
const DOSSIERS = Number(values.dossiers);
const CONCURRENCY = Number(values.concurrency);
for (const [name, n, max] of [['accounts', ACCOUNTS, 60], ['dossiers', DOSSIERS, 9999 * 30], ['concurrency', CONCURRENCY, 1024]] as const) {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
}
/** Agencies of the directory (sub-units of level-1 bodies), one per account. */
const AGENCIES = Array.from({ length: ACCOUNTS }, (_, i) => `000.00.${String(1 + (i % 30)).padStart(2, '0')}.${['H22', 'H41', 'G17', 'H14'][Math.floor(i / 30) % 4] ?? 'H22'}`);
const STEPS = ['2', '4', '9', '10'] as const;
const PASSWORD = 'bench-mat-khau';

type Json = Record<string, any>;

// ------------------------------------------------------------------------------------------- measuring

const latencies = new Map<string, number[]>();
let errors = 0;
/** Distinct error bodies (the first 10) and how often each came. */
const errorBodies = new Map<string, number>();
let warned = 0;
const warningSamples = new Set<string>();

/** One portal call, timed; a reply without error_code 0 is an error (its body printed at the end). */
async function call(baseUrl: string, path: string, op: string, body: Json): Promise<Json | null> {
  const t0 = performance.now();
  let status = 0;
  let json: Json = {};
  try {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    status = res.status;
    json = (await res.json().catch(() => ({ unparsable: true }))) as Json;
  } catch (err) {
    json = { transportError: (err as Error).message };
  }
  const ms = performance.now() - t0;
  (latencies.get(op) ?? latencies.set(op, []).get(op)!).push(ms);
  if (status !== 200 || json.error_code !== 0) {
    errors++;
    const key = `${op} → HTTP ${status} ${JSON.stringify(json).slice(0, 600)}`;
    if (errorBodies.has(key) || errorBodies.size < 10) errorBodies.set(key, (errorBodies.get(key) ?? 0) + 1);
    return null;
  }
  if (Array.isArray(json.warnings) && json.warnings.length > 0) {
    warned++;
    for (const w of json.warnings as string[]) if (warningSamples.size < 5) warningSamples.add(`${op}: ${w.replace(/\d{3}\.\d{2}\.\d{2}\.[GH]\d{2}-\d{6}-\d{4}/g, '<MaHoSo>')}`);
  }
  return json;
}

// ------------------------------------------------------------------------------------------- dossiers

/** yyyyMMddHHmmss in Vietnam time (UTC+7). */
function vnStamp(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

interface Procedure {
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
}

interface OneStop {
  madonvi: string;
  session: string;
}

/** The i-th dossier of an agency: MaHoSo `<madonvi>-<yymmdd>-<nnnn>` (§A6), 9,999 a day. */
function dossierOf(madonvi: string, i: number, proc: Procedure, base: Date): Json {
  const day = new Date(base.getTime() - Math.floor(i / 9999) * 86_400_000);
  const received = new Date(day.getTime() + (i % 9999) * 1000);
  return {
    MaHoSo: `${madonvi}-${vnStamp(day).slice(2, 8)}-${String((i % 9999) + 1).padStart(4, '0')}`,
    ...proc,
    LoaiDoiTuong: '1',
    NgayTiepNhan: vnStamp(received),
    NgayHenTra: vnStamp(new Date(received.getTime() + 3 * 86_400_000)),
    TrangThaiHoSo: '1',
    HinhThuc: '1',
    DonViXuLy: 'Bộ phận tiếp nhận và trả kết quả',
    ChuHoSo: 'Nguyễn Văn An',
    TaiLieuNop: [{ TepDinhKemId: '1', TenTepDinhKem: 'to-khai.pdf', IsDeleted: 'False', MaThanhPhanHoSo: 'TP1', DuongDanTaiTepTin: 'http://motcua.example/f/1' }],
    DanhSachGiayToKetQua: [],
    DanhSachLePhi: [],
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: [],
  };
}

/** The dossier as re-synced at a step, with the fields a one-stop system adds at that status. */
function atStep(d: Json, status: string, at: Date): Json {
  const extra: Json = {};
  if (status === '9' || status === '10') extra.NgayKetThucXuLy = vnStamp(at);
  if (status === '10') {
    extra.NgayTra = vnStamp(at);
    extra.DanhSachGiayToKetQua = [{ GiayToId: '1', TenGiayTo: 'Kết quả giải quyết', DuongDanTepTinKetQua: 'http://motcua.example/kq/1' }];
  }
  return { ...d, TrangThaiHoSo: status, ...extra };
}

function progressOf(maHoSo: string, status: string, at: Date): Json {
  return { MaHoSo: maHoSo, NguoiXuLy: 'Trần Thị Bình', ChucDanh: 'Chuyên viên', ThoiDiemXuLy: vnStamp(at), PhongBanXuLy: 'Bộ phận một cửa', NoiDungXuLy: `Chuyển bước - trạng thái ${status}`, TrangThai: status };
}

// ------------------------------------------------------------------------------------------- run

function report(label: string, ops: string[]): void {
  const l = ops.flatMap((op) => latencies.get(op) ?? []).sort((a, b) => a - b);
  console.log(`    ${label.padEnd(34)} n=${String(l.length).padStart(6)}  p50 ${percentile(l, 50).toFixed(2).padStart(7)} ms  p99 ${percentile(l, 99).toFixed(2).padStart(7)} ms`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-dvcqg-'));
  const emu = await startEmulator(join(dir, 'state.sqlite'));
  try {
    const u = emu.url;
    const rssAtStart = currentRssMb(emu.pid);

    // Set-up: one-stop accounts through the control plane, each logged in (§A1).
    const accounts: OneStop[] = [];
    for (const madonvi of AGENCIES) {
      await control(u, 'POST', '/_lienthong/dvcqg/accounts', { username: `bench.${madonvi}`, password: PASSWORD, madonvi });
      const login = await call(u, '/dvcqg/login', 'login', { username: `bench.${madonvi}`, password: PASSWORD });
      if (!login) throw new Error(`login of bench.${madonvi} failed: ${[...errorBodies.keys()].join('\n')}`);
      accounts.push({ madonvi, session: String(login.session) });
    }
    const first = accounts[0]!;
    const service = (a: OneStop, op: string, params: Json) => call(u, '/dvcqg/service', op, { session: a.session, madonvi: a.madonvi, service: op, ...params });

    // Warm-up: the first catalogue call builds the catalogue; the second shows a warm one.
    const rssBeforeCatalogue = currentRssMb(emu.pid);
    let t = performance.now();
    const cold = await call(u, '/dvcqg/service', 'LayDanhSachTTHC (cold)', { session: first.session, madonvi: first.madonvi, service: 'LayDanhSachTTHC', pageSize: 1 });
    const coldMs = performance.now() - t;
    t = performance.now();
    await call(u, '/dvcqg/service', 'LayDanhSachTTHC (warm)', { session: first.session, madonvi: first.madonvi, service: 'LayDanhSachTTHC', pageSize: 1 });
    const warmMs = performance.now() - t;
    if (!cold) throw new Error(`LayDanhSachTTHC failed: ${[...errorBodies.keys()].join('\n')}`);
    const total = Number(cold.total);
    // Real procedure codes, spread over the catalogue: a page of 1,000 from a few places.
    const procedures: Procedure[] = [];
    for (const page of [1, 3, 5]) {
      const r = await service(first, 'LayDanhSachTTHC', { page, pageSize: 1000 });
      for (const p of (r?.result ?? []) as Json[]) procedures.push({ MaTTHC: p.MATTHC, TenTTHC: p.TENTTHC, MaLinhVuc: p.MALINHVUC, TenLinhVuc: p.TENLINHVUC });
    }
    if (procedures.length === 0) throw new Error('the catalogue listed no procedure');
    const rssAfterCatalogue = currentRssMb(emu.pid);
    latencies.delete('LayDanhSachTTHC');

    // Phase 1: every agency creates its dossiers (status 1, received online).
    const base = new Date(Date.now() - 86_400_000);
    const n = ACCOUNTS * DOSSIERS;
    const dossierAt = (k: number) => {
      const a = accounts[k % ACCOUNTS]!;
      const i = Math.floor(k / ACCOUNTS);
      return { a, d: dossierOf(a.madonvi, i, procedures[(k * 7919) % procedures.length]!, base) };
    };
    const created = new Set<number>();
    const t0 = performance.now();
    await pool(n, CONCURRENCY, async (k) => {
      const { a, d } = dossierAt(k);
      if (await service(a, 'DongBoHoSoMC', { isUpdating: 'False', data: [d] })) created.add(k);
    });
    const t1 = performance.now();
    // Phase 2: each dossier walks 2 → 4 → 9 → 10: the re-synced dossier, then its progress step.
    const newSync = latencies.get('DongBoHoSoMC') ?? [];
    latencies.set('DongBoHoSoMC (new)', newSync);
    latencies.delete('DongBoHoSoMC');
    let walked = 0;
    await pool(n, CONCURRENCY, async (k) => {
      // A dossier that failed is not walked on: its next calls would only repeat the error.
      if (!created.has(k)) return;
      const { a, d } = dossierAt(k);
      const received = Date.parse(`${String(d.NgayTiepNhan).replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3T$4:$5:$6')}+07:00`);
      for (const [s, status] of STEPS.entries()) {
        const at = new Date(received + (s + 1) * 3600_000);
        if (!(await service(a, 'DongBoHoSoMC', { isUpdating: 'True', data: [atStep(d, status, at)] }))) return;
        if (!(await service(a, 'CapNhatTienDoHoSoMC', { data: [progressOf(String(d.MaHoSo), status, at)] }))) return;
      }
      walked++;
    });
    const t2 = performance.now();
    latencies.set('DongBoHoSoMC (update)', latencies.get('DongBoHoSoMC') ?? []);
    latencies.delete('DongBoHoSoMC');

    // Check: every dossier of one agency ended at status 10 on the portal.
    const done = await control<{ dossiers: unknown[] }>(u, 'GET', `/_lienthong/dvcqg/dossiers?madonvi=${encodeURIComponent(first.madonvi)}&status=10&limit=10000`);

    const ops = ['DongBoHoSoMC (new)', 'DongBoHoSoMC (update)', 'CapNhatTienDoHoSoMC'];
    const requests = ops.reduce((s, op) => s + (latencies.get(op)?.length ?? 0), 0);
    const syncs = (latencies.get('DongBoHoSoMC (new)')?.length ?? 0) + (latencies.get('DongBoHoSoMC (update)')?.length ?? 0);
    const seconds = (t2 - t0) / 1000;
    console.log(`DVCQG bench: ${ACCOUNTS} one-stop accounts × ${DOSSIERS} dossiers, 1 create + ${STEPS.length} steps (${STEPS.join(' → ')}) each, concurrency ${CONCURRENCY}, node ${process.version}`);
    console.log(`  catalogue warm-up: first LayDanhSachTTHC ${coldMs.toFixed(0)} ms (builds ${total} procedures), then ${warmMs.toFixed(1)} ms; emulator RSS ${rssBeforeCatalogue.toFixed(1)} → ${rssAfterCatalogue.toFixed(1)} MB`);
    console.log(`  dossiers: ${created.size}/${n} created, ${walked} walked to status 10; ${done.dossiers.length}/${DOSSIERS} of ${first.madonvi} at status 10 on the portal`);
    console.log(`  HTTP requests (measured phase): ${requests} in ${seconds.toFixed(2)} s → ${(requests / seconds).toFixed(0)} req/s`);
    console.log(`  dossier syncs (DongBoHoSoMC): ${syncs} → ${(syncs / seconds).toFixed(0)} syncs/s; dossier writes incl. CapNhatTienDoHoSoMC: ${(requests / seconds).toFixed(0)}/s`);
    const walkRequests = requests - (latencies.get('DongBoHoSoMC (new)')?.length ?? 0);
    console.log(`    create phase: ${n} in ${((t1 - t0) / 1000).toFixed(2)} s → ${(n / ((t1 - t0) / 1000)).toFixed(0)} dossiers/s; walk phase: ${walkRequests} in ${((t2 - t1) / 1000).toFixed(2)} s → ${(walkRequests / ((t2 - t1) / 1000)).toFixed(0)} req/s`);
    console.log('  latency:');
    report('all measured requests', ops);
    for (const op of ops) report(op, [op]);
    report('login', ['login']);
    console.log(`  errors: ${errors}${errors > 0 ? ' (first bodies below)' : ''}`);
    for (const [b, times] of errorBodies) console.log(`    ${times > 1 ? `(×${times}) ` : ''}${b}`);
    console.log(`  replies with warnings: ${warned}`);
    for (const w of warningSamples) console.log(`    ${w.slice(0, 300)}`);
    console.log(`  emulator RSS: peak ${peakRssMb(emu.pid).toFixed(1)} MB (at start ${rssAtStart.toFixed(1)} MB, after the catalogue ${rssAfterCatalogue.toFixed(1)} MB, now ${currentRssMb(emu.pid).toFixed(1)} MB)`);
    const p99 = (op: string) => percentile([...(latencies.get(op) ?? [])].sort((a, b) => a - b), 99).toFixed(2);
    summarise([
      { bench: 'dvcqg', subject: `${created.size} dossiers × ${STEPS.length} steps`, metric: 'req/s', value: (requests / seconds).toFixed(0) },
      { bench: 'dvcqg', subject: 'DongBoHoSoMC new | update', metric: 'p99', value: `${p99('DongBoHoSoMC (new)')} | ${p99('DongBoHoSoMC (update)')} ms` },
      { bench: 'dvcqg', subject: 'emulator', metric: 'peak RSS', value: `${peakRssMb(emu.pid).toFixed(0)} MB` },
    ]);
    if (errors > 0) process.exitCode = 1;
  } finally {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
