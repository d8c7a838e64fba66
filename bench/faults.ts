/**
 * What fault injection costs a request that no rule hits (rules live in the store, decision 019): VDXP
 * countReceiveEdoc in process (`inject`, no sockets), one after another, with no rules, with rules for
 * another platform only (one indexed query), and with non-matching VDXP rules (the caller's identity is
 * read too), then with a rule that hits every request (latency 0). Prints per-request figures; asserts nothing.
 *
 *   npx tsx bench/faults.ts [requests]
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../emulator/app.js';
import { virtualClock } from '../emulator/core/clock.js';
import { createSdkClient, mergeHeaders, parseMaybeJson, type SdkTransport } from '../emulator/platforms/vdxp/client.js';
import { BENCH_INSTANT, percentile } from './support.js';

const N = Number(process.argv[2] ?? 3000);
const app = await buildApp({ data: ':memory:', clock: virtualClock(new Date(BENCH_INSTANT)) });
const inject: SdkTransport = async (req) => {
  const res = await app.inject({ method: req.method, url: `/vdxp${req.path}`, headers: Object.fromEntries(mergeHeaders(req.headers)), payload: req.body ?? undefined });
  const body = res.rawPayload;
  return { status: res.statusCode, body, json: parseMaybeJson(body, res.headers['content-type'] as string | undefined) };
};
const created = (await app.inject({ method: 'POST', url: '/_lienthong/vdxp/systems', payload: { systemId: 'bench.a', agencies: [{ code: '000.00.00.G22' }] } })).json() as { secret: string };
const client = createSdkClient({ systemId: 'bench.a', secret: created.secret, transport: inject, now: () => app.lienthong.clock.now() });
const addRules = async (n: number, rule: Record<string, unknown>) => {
  for (let i = 0; i < n; i++) await app.inject({ method: 'POST', url: '/_lienthong/faults', payload: rule });
};

async function measure(label: string): Promise<number> {
  for (let i = 0; i < 500; i++) await client.countReceiveEdoc(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const r = await client.countReceiveEdoc();
    times.push(performance.now() - t);
    if (r.httpStatus !== 200) throw new Error(`${label}: HTTP ${r.httpStatus}`);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`${label.padEnd(52)} mean ${(mean * 1000).toFixed(0).padStart(5)} µs   p50 ${(percentile(times, 50) * 1000).toFixed(0).padStart(5)} µs   p99 ${(percentile(times, 99) * 1000).toFixed(0).padStart(5)} µs`);
  return percentile(times, 50);
}

console.log(`fault lookup cost, ${N} sequential VDXP countReceiveEdoc calls in process (SQLite :memory:)`);
const before = await measure('no rules');
await addRules(20, { platform: 'ndxp', kind: 'error', status: 503 });
const other = await measure('20 rules on ndxp only');
await addRules(20, { platform: 'vdxp', kind: 'error', systemId: 'someone.else' });
const miss = await measure('+ 20 vdxp rules for another system (identify)');
await app.inject({ method: 'DELETE', url: '/_lienthong/faults' });
await addRules(1, { platform: 'vdxp', kind: 'latency', latencyMs: 0 });
const hit = await measure('1 vdxp rule hitting every call (latency 0)');
await app.inject({ method: 'DELETE', url: '/_lienthong/faults' });
const base = Math.min(before, await measure('no rules (again)'));
const us = (ms: number) => `${((ms - base) * 1000).toFixed(0)} µs`;
console.log(`added to the median request: ${us(other)} with other platforms' rules, ${us(miss)} with non-matching rules (identity read), ${us(hit)} for a hit`);
await app.close();
