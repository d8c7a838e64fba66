/**
 * Fault injection, the request kinds and the rule book: a rule makes matching platform requests fail
 * (before or after the platform handled them), slows them or drops them; count and probability (injected
 * or seeded) are honoured, also across two emulators sharing one store; every hit is evidence; bad rules
 * are refused naming the field and the rule.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultBook, faultMigrations, faultRuleProblem, seededRoll, type FaultTarget } from '../../emulator/core/faults.js';
import { openSqliteStore } from '../../emulator/core/store/sqlite.js';
import type { Store } from '../../emulator/core/store/store.js';
import { documentPackage } from '../../emulator/platforms/vdxp/index.js';
import { freshPostgresStore, PG_SKIP_REASON, sayWhyPostgresSkips } from '../store/pg.js';
import { connect, makeApp, type App, type Connected } from '../vdxp/support/fixtures.js';

let app: App;
let a: Connected;
let b: Connected;

beforeEach(async () => {
  app = await makeApp();
  a = await connect(app, 'sys.a', ['000.00.00.G22']);
  b = await connect(app, 'sys.b', ['000.00.00.H41']);
});
afterEach(async () => app.close());

const fault = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/_lienthong/faults', payload });
const send = (c: Connected, number: string) =>
  c.client.sendEdoc(documentPackage({ from: c === a ? '000.00.00.G22' : '000.00.00.H41', to: [c === a ? '000.00.00.H41' : '000.00.00.G22'], number }), { from: 'x', messagetype: 'edoc' });

interface Event {
  seq: number;
  status: number;
  operation: string;
  systemId: string;
  agency: string | null;
  responseBody: string | null;
  verdicts: { code: string; message: string }[];
}
async function faultEvents(platform = 'vdxp'): Promise<Event[]> {
  await app.lienthong.evidence.flush();
  const { events } = (await app.inject({ method: 'GET', url: `/_lienthong/events?platform=${platform}` })).json() as { events: Event[] };
  return events.filter((e) => e.verdicts.some((v) => v.code === 'FAULT_INJECTED'));
}

describe('fault injection: error, latency, drop', () => {
  it('fails `count` matching calls with the status asked, in the VDXP reply shape, then lets calls through', async () => {
    const r = await fault({ platform: 'vdxp', operation: 'sendEdoc', systemId: 'sys.a', kind: 'error', status: 503, count: 2 });
    expect(r.statusCode).toBe(201);
    const first = await send(a, '1');
    expect(first.httpStatus).toBe(503);
    // DocId too: the SDK reads it from every sendEdoc reply without a null check.
    expect(first.json).toMatchObject({ status: 'FAIL', ErrorCode: '503', code: 'FAULT_INJECTED', DocId: '' });
    expect((await send(a, '2')).httpStatus).toBe(503);
    // Another system and another operation are untouched while the rule is live.
    expect((await send(b, '3')).json.status).toBe('OK');
    expect((await a.client.getReceivedEdocList('edoc')).json.status).toBe('OK');
    expect((await send(a, '4')).json.status).toBe('OK');
    const listed = (await app.inject({ method: 'GET', url: '/_lienthong/faults' })).json() as { faults: { hits: number }[] };
    expect(listed.faults[0]!.hits).toBe(2);
  });

  it('records every injected failure in the evidence log, naming the rule', async () => {
    const { id } = (await fault({ platform: 'vdxp', operation: 'sendEdoc', kind: 'error', status: 500, count: 1 })).json() as { id: string };
    await send(a, '1');
    const [hit] = await faultEvents();
    expect(hit).toMatchObject({ status: 500, operation: 'sendEdoc', systemId: 'sys.a', agency: '000.00.00.G22' });
    expect(hit!.verdicts.find((v) => v.code === 'FAULT_INJECTED')!.message).toContain(id);
  });

  it('phase reply: the platform handles the call (the document is delivered), then the client gets the error', async () => {
    await fault({ platform: 'vdxp', operation: 'sendEdoc', kind: 'error', status: 502, phase: 'reply', count: 1 });
    const r = await send(a, '1');
    expect(r.httpStatus).toBe(502);
    expect(r.json).toMatchObject({ status: 'FAIL', ErrorCode: '502', DocId: '' });
    // The axis accepted it although the sender was told otherwise: a blind retry would send it twice.
    expect((await b.client.getReceivedEdocList('edoc')).json.data).toHaveLength(1);
    const [hit] = await faultEvents();
    expect(hit).toMatchObject({ status: 502, operation: 'sendEdoc' });
    expect(JSON.parse(hit!.responseBody!)).toMatchObject({ ErrorCode: '502' });
  });

  it('delays calls by latencyMs, records the hit, and removes rules one by one or all at once', async () => {
    const { id } = (await fault({ platform: 'vdxp', operation: 'countReceiveEdoc', kind: 'latency', latencyMs: 300 })).json() as { id: string };
    const started = Date.now();
    expect((await a.client.countReceiveEdoc()).json.status).toBe('OK');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const [hit] = await faultEvents();
    expect(hit).toMatchObject({ status: 200, operation: 'countReceiveEdoc' });
    expect((await app.inject({ method: 'GET', url: `/_lienthong/faults/${id}` })).json()).toMatchObject({ id, kind: 'latency', hits: 1 });
    expect((await app.inject({ method: 'DELETE', url: `/_lienthong/faults/${id}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/_lienthong/faults/${id}` })).json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'id' } });
    await fault({ platform: 'ndxp', kind: 'error' });
    expect((await app.inject({ method: 'DELETE', url: '/_lienthong/faults' })).json()).toEqual({ status: 'ok', removed: 1 });
  });

  it('drop closes the connection without a reply; phase reply drops it after the platform acted', async () => {
    await fault({ platform: 'vdxp', operation: 'sendEdoc', kind: 'drop', count: 1 });
    await expect(send(a, '1')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await b.client.getReceivedEdocList('edoc')).json.data).toHaveLength(0);

    await fault({ platform: 'vdxp', operation: 'sendEdoc', kind: 'drop', phase: 'reply', count: 1 });
    await expect(send(a, '2')).rejects.toThrow(/socket hang up|ECONNRESET/);
    // Stored and delivered although the sender never heard so.
    expect((await b.client.getReceivedEdocList('edoc')).json.data).toHaveLength(1);

    const hits = await faultEvents();
    expect(hits.map((e) => e.status)).toEqual([0, 200]);
    expect(JSON.parse(hits[1]!.responseBody!)).toMatchObject({ status: 'OK' });
  });

  it('drop works in process too: under inject() (as through lienthong/msw) the caller gets a connection error in both phases', async () => {
    const token = () => app.inject({ method: 'POST', url: '/ndxp/token', payload: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await fault({ platform: 'ndxp', kind: 'drop', count: 1 });
    await expect(token()).rejects.toThrow(/destroyed before completion/);
    await fault({ platform: 'ndxp', kind: 'drop', phase: 'reply', count: 1 });
    await expect(token()).rejects.toThrow(/destroyed before completion/);
    // Rules used up: the token endpoint answers again (here: no client credentials).
    expect((await token()).statusCode).toBe(401);
  });

  it('keeps its rules across a reset and lists them per platform', async () => {
    await fault({ platform: 'vdxp', kind: 'error', count: 1 });
    await fault({ platform: 'ndxp', kind: 'latency', latencyMs: 1 });
    await app.inject({ method: 'POST', url: '/_lienthong/reset', payload: { keepSystems: true } });
    const all = (await app.inject({ method: 'GET', url: '/_lienthong/faults' })).json() as { faults: { platform: string }[] };
    expect(all.faults.map((f) => f.platform)).toEqual(['vdxp', 'ndxp']);
    const ndxp = (await app.inject({ method: 'GET', url: '/_lienthong/faults?platform=ndxp' })).json() as { faults: unknown[] };
    expect(ndxp.faults).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: '/_lienthong/faults?platform=x' })).json()).toMatchObject({ error: { code: 'BAD_REQUEST', field: 'platform' } });
  });

  it('matches a VDXP agency: only calls of the system serving it, and a sendEdoc only from that agency', async () => {
    const multi = await connect(app, 'sys.m', ['000.00.00.H42', '000.00.00.H43']);
    await fault({ platform: 'vdxp', agency: '000.00.00.H43', kind: 'error', status: 503 });
    const from42 = await multi.client.sendEdoc(documentPackage({ from: '000.00.00.H42', to: ['000.00.00.G22'], number: '7' }), { from: 'x', messagetype: 'edoc' });
    expect(from42.json.status).toBe('OK');
    const from43 = await multi.client.sendEdoc(documentPackage({ from: '000.00.00.H43', to: ['000.00.00.G22'], number: '8' }), { from: 'x', messagetype: 'edoc' });
    expect(from43.httpStatus).toBe(503);
    // Polling serves every agency of the system, H43 included; another system is untouched.
    expect((await multi.client.countReceiveEdoc()).httpStatus).toBe(503);
    expect((await a.client.countReceiveEdoc()).json.status).toBe('OK');
  });
});

describe('fault rules: validation', () => {
  it('refuses bad rules with 400 naming the field and the rule', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: 'error' }, '/platform', /required/],
      [{ platform: 'vdxp', kind: 'explode' }, '/kind', /enum/],
      [{ platform: 'vdxp', kind: 'latency' }, 'latencyMs', /required for kind latency/],
      [{ platform: 'vdxp', kind: 'error', probability: 2 }, '/probability', /maximum/],
      [{ platform: 'vdxp', kind: 'error', latencyMs: 5 }, 'latencyMs', /only for kind latency/],
      [{ platform: 'vdxp', kind: 'latency', latencyMs: 5, status: 500 }, 'status', /only for kind error/],
      [{ platform: 'dvcqg', kind: 'duplicate' }, 'kind', /on vdxp only/],
      [{ platform: 'vdxp', kind: 'expired-token' }, 'kind', /on dvcqg, ndxp only/],
      [{ platform: 'ndxp', kind: 'error', systemId: 'x' }, 'systemId', /only for platform vdxp/],
      [{ platform: 'vdxp', kind: 'error', clientId: 'x' }, 'clientId', /only for platform ndxp/],
      [{ platform: 'ndxp', kind: 'error', account: 'x' }, 'account', /only for platform dvcqg/],
      [{ platform: 'vdxp', kind: 'tamper', operation: 'getEdoc' }, 'operation', /not for kind tamper/],
      [{ platform: 'vdxp', kind: 'out-of-order', messageType: 'edoc' }, 'messageType', /only for kind duplicate or tamper/],
      [{ platform: 'vdxp', kind: 'drop', redelivery: 'new-docid' }, 'redelivery', /only for kind duplicate/],
      [{ platform: 'vdxp', kind: 'error', seed: 3 }, 'seed', /only with probability/],
      [{ platform: 'vdxp', kind: 'duplicate', redelivery: 'twice' }, '/redelivery', /enum/],
      [{ platform: 'vdxp', kind: 'error', phase: 'later' }, '/phase', /enum/],
      [{ platform: 'vdxp', kind: 'error', count: 0 }, '/count', /minimum/],
    ];
    for (const [payload, field, rule] of cases) {
      const r = await fault(payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      const { error } = r.json() as { error: { code: string; field: string; rule: string; message: string } };
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.field, JSON.stringify(payload)).toBe(field);
      expect(error.rule, JSON.stringify(payload)).toMatch(rule);
      expect(error.message).toContain(field.replace('/', ''));
    }
    expect((await app.inject({ method: 'GET', url: '/_lienthong/faults' })).json()).toEqual({ faults: [] });
  });

  it('the schema refuses every combination the checks refuse (it is the contract for other tools)', async () => {
    const { validatorFor } = await import('../../emulator/core/schemas.js');
    const validate = validatorFor('lienthong:common/fault-create');
    const combos = [
      { platform: 'dvcqg', kind: 'tamper' },
      { platform: 'vdxp', kind: 'duplicate', operation: 'updateStatus' },
      { platform: 'ndxp', kind: 'expired-token', systemId: 's' },
      { platform: 'vdxp', kind: 'latency', latencyMs: 1, phase: 'reply' },
      { platform: 'vdxp', kind: 'error', seed: 1 },
    ];
    for (const c of combos) {
      expect(faultRuleProblem(c), JSON.stringify(c)).toBeDefined();
      expect(validate(c), JSON.stringify(c)).toBe(false);
    }
    for (const ok of [
      { platform: 'vdxp', kind: 'duplicate', redelivery: 'new-docid', messageType: 'status', agency: '000.00.00.G22', count: 1 },
      { platform: 'ndxp', kind: 'expired-token', clientId: 'c', operation: 'apiCSDLDC' },
      { platform: 'dvcqg', kind: 'error', status: 500, phase: 'reply', account: 'u', probability: 0.5, seed: 9 },
    ]) {
      expect(faultRuleProblem(ok), JSON.stringify(ok)).toBeUndefined();
      expect(validate(ok), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

sayWhyPostgresSkips('test/core/faults.test.ts');
const BACKENDS = [
  { name: 'sqlite', open: () => openSqliteStore({ file: ':memory:' }), skip: undefined },
  { name: 'postgres', open: () => freshPostgresStore('faults'), skip: PG_SKIP_REASON },
] as const;

describe.each(BACKENDS)('fault book over $name: count and probability', ({ open, skip }) => {
  if (skip) return void it.skip(`skipped: ${skip}`, () => {});
  let store: Store;
  beforeEach(async () => {
    store = await open();
    await store.migrate(faultMigrations);
  });
  afterEach(async () => store.close());
  const target: FaultTarget = { operations: ['service'], agencies: [] };

  it('hits with the given probability (injected random)', async () => {
    const rolls = [0.1, 0.9, 0.4, 0.6];
    const book = new FaultBook(store, { random: () => rolls.shift()! });
    await book.add({ platform: 'dvcqg', kind: 'error', probability: 0.5 });
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(!!(await book.hit('dvcqg', ['error'], target)));
    expect(hits).toEqual([true, false, true, false]);
  });

  it('with a seed, hits the same requests in every run, about `probability` of them', async () => {
    const run = async () => {
      await new FaultBook(store).clear();
      const book = new FaultBook(store, { random: () => 0 }); // never used: the seed decides
      await book.add({ platform: 'vdxp', kind: 'error', probability: 0.3, seed: 42 });
      const out: boolean[] = [];
      for (let i = 0; i < 200; i++) out.push(!!(await book.hit('vdxp', ['error'], target)));
      return out;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const n = first.filter(Boolean).length;
    expect(n).toBeGreaterThan(35);
    expect(n).toBeLessThan(85);
    expect(first.slice(0, 20).map((h, i) => h === seededRoll(42, i) < 0.3).every(Boolean)).toBe(true);
  });

  it('shares `count` between two emulators on one store, so a rule hits exactly count times in all', async () => {
    const one = new FaultBook(store);
    const two = new FaultBook(store);
    await one.add({ platform: 'ndxp', kind: 'error', count: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).hit('ndxp', ['error'], target)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect((await two.list())[0]!.hits).toBe(3);
  });

  it('matches in registration order, one rule per request, and only the kinds asked for', async () => {
    const book = new FaultBook(store);
    const first = await book.add({ platform: 'vdxp', kind: 'error', status: 500, count: 1 });
    const second = await book.add({ platform: 'vdxp', kind: 'error', status: 502 });
    await book.add({ platform: 'vdxp', kind: 'duplicate' });
    expect((await book.hit('vdxp', ['error'], target))?.id).toBe(first.id);
    expect((await book.hit('vdxp', ['error'], target))?.id).toBe(second.id);
    expect((await book.hit('vdxp', ['tamper'], target))).toBeUndefined();
  });
});
