/**
 * Fault injection: a rule makes matching platform requests fail (count, probability, operation, system),
 * slows them, or drops them; hits are evidence; bad rules are refused with the field named.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultBook } from '../../emulator/core/faults.js';
import { documentPackage } from '../../emulator/platforms/vdxp/index.js';
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
const send = (c: Connected, number: string) => c.client.sendEdoc(documentPackage({ from: c === a ? '000.00.00.G22' : '000.00.00.H41', to: [c === a ? '000.00.00.H41' : '000.00.00.G22'], number }), { from: 'x', messagetype: 'edoc' });

describe('fault injection', () => {
  it('fails `count` matching calls with the status asked, in the VDXP reply shape, then lets calls through', async () => {
    const r = await fault({ platform: 'vdxp', operation: 'sendEdoc', systemId: 'sys.a', kind: 'error', status: 503, count: 2 });
    expect(r.statusCode).toBe(201);
    const first = await send(a, '1');
    expect(first.httpStatus).toBe(503);
    expect(first.json).toMatchObject({ status: 'FAIL', ErrorCode: '503' });
    expect((await send(a, '2')).httpStatus).toBe(503);
    // Another system and another operation are untouched while the rule is live.
    expect((await send(b, '3')).json.status).toBe('OK');
    expect((await a.client.getReceivedEdocList('edoc')).json.status).toBe('OK');
    expect((await send(a, '4')).json.status).toBe('OK');
    const listed = (await app.inject({ method: 'GET', url: '/_lienthong/faults' })).json() as { faults: { hits: number }[] };
    expect(listed.faults[0]!.hits).toBe(2);
  });

  it('records every injected failure in the evidence log', async () => {
    await fault({ platform: 'vdxp', operation: 'sendEdoc', kind: 'error', status: 500, count: 1 });
    await send(a, '1');
    await app.lienthong.evidence.flush();
    const { events } = (await app.inject({ method: 'GET', url: '/_lienthong/events?platform=vdxp' })).json() as { events: { status: number; operation: string; systemId: string; verdicts: { code: string }[] }[] };
    const hit = events.find((e) => e.verdicts.some((v) => v.code === 'FAULT_INJECTED'));
    expect(hit).toMatchObject({ status: 500, operation: 'sendEdoc', systemId: 'sys.a' });
  });

  it('delays calls by latencyMs and removes rules one by one or all at once', async () => {
    const { id } = (await fault({ platform: 'vdxp', operation: 'countReceiveEdoc', kind: 'latency', latencyMs: 300 })).json() as { id: string };
    const started = Date.now();
    expect((await a.client.countReceiveEdoc()).json.status).toBe('OK');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect((await app.inject({ method: 'DELETE', url: `/_lienthong/faults/${id}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/_lienthong/faults/${id}` })).json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'id' } });
    await fault({ platform: 'ndxp', kind: 'error' });
    expect((await app.inject({ method: 'DELETE', url: '/_lienthong/faults' })).json()).toEqual({ status: 'ok', removed: 1 });
  });

  it('refuses a rule that names no platform, an unknown kind, or latency without latencyMs', async () => {
    for (const [payload, field] of [
      [{ kind: 'error' }, 'platform'],
      [{ platform: 'vdxp', kind: 'explode' }, 'kind'],
      [{ platform: 'vdxp', kind: 'latency' }, 'latencyMs'],
      [{ platform: 'vdxp', kind: 'error', probability: 2 }, 'probability'],
    ] as const) {
      const r = await fault(payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(r.json())).toContain(field);
    }
  });

  it('hits with the given probability', () => {
    const book = new FaultBook();
    book.add({ platform: 'dvcqg', kind: 'error', probability: 0.5 });
    const rolls = [0.1, 0.9, 0.4, 0.6];
    const hits = rolls.map((r) => !!book.match({ platform: 'dvcqg', operation: 'service' }, () => r));
    expect(hits).toEqual([true, false, true, false]);
  });
});
