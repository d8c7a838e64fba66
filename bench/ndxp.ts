/**
 * NDXP load through the gateway: C consumer applications (one per agency) obtain bearer tokens from
 * `POST /ndxp/token` (Basic, client credentials, §B1) and look citizens up in the population database
 * (`TraCuuThongTinCongDan`, SOAP 1.1 in http://dancuquocgia.bca, §B2) at `/ndxp/apiCSDLDC/1.0`, against a
 * real emulator process on a real port (file-backed SQLite, --quiet). Three phases: tokens alone, lookups
 * alone (a token reused, as a well-behaved client does), and token + lookup per call (a client that fetches
 * a token every time). Every lookup's answer is checked to carry the citizen asked for. Prints figures,
 * asserts no timing; exits 1 when a call failed.
 *
 *   npx tsx bench/ndxp.ts [--consumers 8] [--calls 4000] [--concurrency 16] [--population 100000]
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
    consumers: { type: 'string', default: '8' },
    calls: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '16' },
    population: { type: 'string', default: '100000' },
  },
});
const CONSUMERS = Number(values.consumers);
const CALLS = Number(values.calls);
const CONCURRENCY = Number(values.concurrency);
const POPULATION = Number(values.population);
for (const [name, n, max] of [['consumers', CONSUMERS, 500], ['calls', CALLS, 10_000_000], ['concurrency', CONCURRENCY, 1024], ['population', POPULATION, 10_000_000]] as const) {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
}

interface Sample {
  SoDinhDanh: string;
  HoVaTenKhongDau: string;
  NgayThangNamSinh: string;
}
interface Client {
  clientId: string;
  clientSecret: string;
  agency: string;
  token: string;
}

const latencies = new Map<string, number[]>();
const errors = new Map<string, number>();
const record = (op: string, ms: number) => {
  let l = latencies.get(op);
  if (!l) latencies.set(op, (l = []));
  l.push(ms);
};
const fail = (what: string) => errors.set(what.slice(0, 300), (errors.get(what.slice(0, 300)) ?? 0) + 1);

function soapLookup(c: Client, s: Sample, n: number): string {
  return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dan="http://dancuquocgia.bca"><soapenv:Header/><soapenv:Body><dan:TraCuuThongTinCongDan><dan:MaYeuCau>BENCH${n}</dan:MaYeuCau><dan:MaDVC>VPCP</dan:MaDVC><dan:MaTichHop>037</dan:MaTichHop><dan:MaCanBo>001090000001</dan:MaCanBo><dan:MaDonVi>${c.agency}</dan:MaDonVi><dan:TaiKhoan>bench</dan:TaiKhoan><dan:SoDienThoai>0</dan:SoDienThoai><dan:SoDinhDanh>${s.SoDinhDanh}</dan:SoDinhDanh><dan:HoVaTen>${s.HoVaTenKhongDau.toUpperCase()}</dan:HoVaTen><dan:NgayThangNamSinh><dan:NgayThangNam>${s.NgayThangNamSinh}</dan:NgayThangNam></dan:NgayThangNamSinh></dan:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>`;
}

async function getToken(url: string, c: Client): Promise<string | null> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/ndxp/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const json = (await res.json()) as { access_token?: string };
    record('token', performance.now() - t0);
    if (res.status !== 200 || !json.access_token) return fail(`token ${res.status} ${JSON.stringify(json)}`), null;
    return json.access_token;
  } catch (err) {
    return fail(`token transport ${(err as Error).message}`), null;
  }
}

async function lookup(url: string, c: Client, token: string, s: Sample, n: number): Promise<void> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/ndxp/apiCSDLDC/1.0`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml', soapaction: '""' }, body: soapLookup(c, s, n) });
    const text = await res.text();
    record('lookup', performance.now() - t0);
    if (res.status !== 200 || !text.includes(`SoDinhDanh>${s.SoDinhDanh}<`)) fail(`lookup ${res.status} ${text}`);
  } catch (err) {
    fail(`lookup transport ${(err as Error).message}`);
  }
}

async function phase(label: string, work: (i: number) => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await pool(CALLS, CONCURRENCY, work);
  const s = (performance.now() - t0) / 1000;
  console.log(`  ${label.padEnd(34)} ${CALLS} in ${s.toFixed(2)} s → ${(CALLS / s).toFixed(0)} /s`);
  return CALLS / s;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-ndxp-'));
  const emu = await startEmulator(join(dir, 'state.sqlite'), ['--population', String(POPULATION)]);
  try {
    console.log(`NDXP bench: ${CONSUMERS} consumers, ${CALLS} calls per phase, concurrency ${CONCURRENCY}, world of ${POPULATION} citizens`);
    const clients: Client[] = [];
    for (let i = 0; i < CONSUMERS; i++) {
      const agency = `000.00.${String(1 + (i % 30)).padStart(2, '0')}.H${String(10 + Math.floor(i / 30)).padStart(2, '0')}`;
      const c = await control<{ clientId: string; clientSecret: string; agency: string }>(emu.url, 'POST', '/_lienthong/ndxp/consumers', { agency, apis: ['apiCSDLDC'] });
      clients.push({ ...c, token: '' });
    }
    const { citizens } = await control<{ citizens: Sample[] }>(emu.url, 'GET', '/_lienthong/ndxp/citizens?limit=1000');
    const client = (i: number) => clients[i % clients.length]!;
    const citizen = (i: number) => citizens[(i * 7919) % citizens.length]!;

    // Warm-up (not reported): JIT, SQLite page cache and the population list index settle first.
    for (const c of clients) c.token = (await getToken(emu.url, c)) ?? '';
    await pool(Math.min(500, CALLS), CONCURRENCY, async (i) => lookup(emu.url, client(i), client(i).token, citizen(i), i));
    latencies.clear();
    const tokenRate = await phase('token (Basic, client_credentials)', async (i) => {
      await getToken(emu.url, client(i));
    });
    const lookupRate = await phase('lookup (token reused)', async (i) => lookup(emu.url, client(i), client(i).token, citizen(i), i));
    const pairs: number[] = [];
    const pairRate = await phase('token + lookup per call', async (i) => {
      const t0 = performance.now();
      const t = await getToken(emu.url, client(i));
      if (t) await lookup(emu.url, client(i), t, citizen(i), i);
      pairs.push(performance.now() - t0);
    });
    latencies.set('token + lookup', pairs);

    console.log('  latency (client side, including HTTP):');
    for (const [op, l] of latencies) {
      l.sort((a, b) => a - b);
      console.log(`    ${op.padEnd(34)} n=${String(l.length).padStart(7)}  p50 ${percentile(l, 50).toFixed(2).padStart(7)} ms  p99 ${percentile(l, 99).toFixed(2).padStart(7)} ms`);
    }
    console.log(`  emulator RSS: now ${currentRssMb(emu.pid).toFixed(0)} MB, peak ${peakRssMb(emu.pid).toFixed(0)} MB`);
    console.log(`  summary: tokens ${tokenRate.toFixed(0)}/s, lookups ${lookupRate.toFixed(0)}/s, token+lookup ${pairRate.toFixed(0)}/s; errors ${[...errors.values()].reduce((a, b) => a + b, 0)}`);
    for (const [body, n] of [...errors].slice(0, 10)) console.log(`  error ×${n}: ${body}`);
    const p99 = (op: string) => percentile([...(latencies.get(op) ?? [])].sort((a, b) => a - b), 99).toFixed(2);
    summarise([
      { bench: 'ndxp', subject: 'token (client_credentials)', metric: 'per s | p99', value: `${tokenRate.toFixed(0)} | ${p99('token')} ms` },
      { bench: 'ndxp', subject: 'population lookup (SOAP)', metric: 'per s | p99', value: `${lookupRate.toFixed(0)} | ${p99('lookup')} ms` },
      { bench: 'ndxp', subject: 'emulator', metric: 'peak RSS', value: `${peakRssMb(emu.pid).toFixed(0)} MB` },
    ]);
    process.exitCode = errors.size > 0 ? 1 : 0;
  } finally {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
