/**
 * The control plane `/_lienthong/…` (DESIGN.md §3): health, info, the virtual clock, the evidence log
 * (query, paging, redaction, hash chain), reset, system creation, and durability of a file-backed store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../emulator/core/clock.js';
import type { EvidenceEvent } from '../../emulator/core/evidence.js';
import { connect, edoc, makeApp, type App, type Connected } from '../vdxp/support/fixtures.js';
import { rawCall, sendEdocRequest, signer } from '../vdxp/support/raw.js';
import { createSdkClient, supertestTransport } from '../vdxp/support/sdk-client.js';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';

const get = (app: App, url: string) => app.inject({ method: 'GET', url });
const post = (app: App, url: string, payload?: unknown) => app.inject({ method: 'POST', url, payload: payload as object });

async function sendOne(app: App, from: Connected, number: string) {
  const res = await from.client.sendEdoc(edoc({ from: G22, to: [H41], number, date: vnDate(app.lienthong.clock.now()) }), { from: G22, messagetype: 'edoc' });
  expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
  return res.json.DocId as string;
}

async function events(app: App, query = ''): Promise<{ events: EvidenceEvent[]; next: number | null }> {
  const res = await get(app, `/_lienthong/events${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('control plane', () => {
  describe('health and info', () => {
    let app: App;
    beforeAll(async () => {
      app = await makeApp();
    });
    afterAll(() => app.close());

    it('GET /_lienthong/health → 200 {status: ok}', async () => {
      const res = await get(app, '/_lienthong/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
    });

    it('GET /_lienthong/info lists vdxp with its limitations, the store kind and the clock mode', async () => {
      const res = await get(app, '/_lienthong/info');
      expect(res.statusCode).toBe(200);
      const info = res.json();
      expect(info).toMatchObject({ name: 'lienthong', mode: 'lenient', seed: 102, store: { kind: 'sqlite', location: ':memory:' }, clock: { mode: 'virtual' } });
      const vdxp = info.platforms.find((p: { name: string }) => p.name === 'vdxp');
      expect(vdxp).toMatchObject({ mount: '/vdxp' });
      expect(vdxp.limitations.length).toBeGreaterThan(0);
      for (const l of vdxp.limitations) expect(l).toEqual(expect.any(String));
    });

    it('an unknown control path → 404 NOT_FOUND in the emulator dialect', async () => {
      const res = await get(app, '/_lienthong/nope');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    });
  });

  describe('clock', () => {
    let app: App;
    let real: App;
    beforeAll(async () => {
      app = await makeApp({ clock: 'virtual' });
      real = await makeApp({ clock: 'real' });
    });
    afterAll(async () => {
      await app.close();
      await real.close();
    });

    it('{advance: PT2H} moves a virtual clock by two hours', async () => {
      const t0 = Date.parse((await get(app, '/_lienthong/clock')).json().now);
      const res = await post(app, '/_lienthong/clock', { advance: 'PT2H' });
      expect(res.statusCode).toBe(200);
      const t1 = Date.parse(res.json().now);
      expect(t1 - t0).toBeGreaterThanOrEqual(2 * 3600_000);
      expect(t1 - t0).toBeLessThan(2 * 3600_000 + 5_000);
      // What the platforms see moved too.
      expect(app.lienthong.clock.now().getTime() - t0).toBeGreaterThanOrEqual(2 * 3600_000);
      expect(Date.parse((await get(app, '/_lienthong/info')).json().clock.now)).toBeGreaterThanOrEqual(t1);
    });

    it('{set: ISO} sets a virtual clock', async () => {
      const res = await post(app, '/_lienthong/clock', { set: '2027-01-04T01:30:00.000Z' });
      expect(res.statusCode).toBe(200);
      const now = Date.parse(res.json().now);
      expect(now - Date.parse('2027-01-04T01:30:00.000Z')).toBeGreaterThanOrEqual(0);
      expect(now - Date.parse('2027-01-04T01:30:00.000Z')).toBeLessThan(5_000);
      expect(vnDate(app.lienthong.clock.now())).toBe('2027/01/04');
    });

    it('a real clock cannot be moved: 409 CLOCK_REAL', async () => {
      for (const body of [{ advance: 'PT2H' }, { set: '2027-01-01T00:00:00Z' }]) {
        const res = await post(real, '/_lienthong/clock', body);
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('CLOCK_REAL');
      }
      expect(Math.abs(real.lienthong.clock.now().getTime() - Date.now())).toBeLessThan(5_000);
    });

    it('a bad duration → 400 BAD_DURATION naming advance, the clock unchanged', async () => {
      const before = app.lienthong.clock.now().getTime();
      for (const advance of ['2 hours', 'PT', 'P1H', '-PT1H']) {
        const res = await post(app, '/_lienthong/clock', { advance });
        expect(res.statusCode, advance).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'BAD_DURATION', field: 'advance' });
      }
      expect(app.lienthong.clock.now().getTime() - before).toBeLessThan(5_000);
    });

    it('a duration beyond the representable dates → 400 BAD_DURATION, and the clock still works', async () => {
      const before = app.lienthong.clock.now().getTime();
      for (const advance of ['P999999999D', 'P99999999999999999999W']) {
        const res = await post(app, '/_lienthong/clock', { advance });
        expect(res.statusCode, advance).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'BAD_DURATION', field: 'advance' });
      }
      const now = await get(app, '/_lienthong/clock');
      expect(now.statusCode).toBe(200);
      expect(Date.parse(now.json().now) - before).toBeLessThan(5_000);
    });

    it('an unknown property → 400 BAD_REQUEST naming it', async () => {
      const res = await post(app, '/_lienthong/clock', { speed: 2 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', field: '/speed' });
      expect(res.json().error.message).toContain('speed');

      const both = await post(app, '/_lienthong/clock', { advance: 'PT1H', speed: 2 });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.message).toContain('speed');
      expect(both.json().error.problems.map((p: { field: string }) => p.field)).toContain('/speed');
    });

    it('a bad instant or an empty body → 400 BAD_REQUEST', async () => {
      const bad = await post(app, '/_lienthong/clock', { set: 'tomorrow' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'BAD_REQUEST', field: '/set' });
      const empty = await post(app, '/_lienthong/clock', {});
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.code).toBe('BAD_REQUEST');
    });
  });

  describe('evidence', () => {
    let app: App;
    let a: Connected;
    let b: Connected;
    let mid: string;

    beforeAll(async () => {
      app = await makeApp();
      a = await connect(app, 'sys.a', [G22]);
      b = await connect(app, 'sys.b', [H41]);
      await sendOne(app, a, '1');
      await sendOne(app, a, '2');
      await b.client.getReceivedEdocList('edoc');
      await post(app, '/_lienthong/clock', { advance: 'PT2H' });
      mid = new Date(app.lienthong.clock.now().getTime() - 3600_000).toISOString();
      await b.client.countReceiveEdoc();
      await b.client.getReceivedEdocList('edoc');
    });
    afterAll(() => app.close());

    it('lists every exchange in order, and filters by platform', async () => {
      const all = await events(app);
      expect(all.events.map((e) => e.operation)).toEqual([
        'POST /_lienthong/vdxp/systems', 'POST /_lienthong/vdxp/systems',
        'sendEdoc', 'sendEdoc', 'getReceivedEdocList', 'POST /_lienthong/clock', 'countReceiveEdoc', 'getReceivedEdocList',
      ]);
      expect(all.events.map((e) => e.seq)).toEqual([...all.events.map((e) => e.seq)].sort((x, y) => x - y));
      expect(all.next).toBeNull();
      expect((await events(app, '?platform=vdxp')).events).toHaveLength(5);
      expect((await events(app, '?platform=lienthong')).events).toHaveLength(3);
      expect((await events(app, '?platform=dvcqg')).events).toHaveLength(0);
    });

    it('filters by systemId and since', async () => {
      const ofA = await events(app, '?systemId=sys.a');
      expect(ofA.events.map((e) => e.operation)).toEqual(['sendEdoc', 'sendEdoc']);
      expect(ofA.events.every((e) => e.systemId === 'sys.a' && e.agency === G22)).toBe(true);
      const ofB = await events(app, '?systemId=sys.b');
      expect(ofB.events).toHaveLength(3);

      const later = await events(app, `?since=${encodeURIComponent(mid)}`);
      expect(later.events.map((e) => e.operation)).toEqual(['POST /_lienthong/clock', 'countReceiveEdoc', 'getReceivedEdocList']);
      const combined = await events(app, `?since=${encodeURIComponent(mid)}&systemId=sys.a`);
      expect(combined.events).toHaveLength(0);
    });

    it('pages with after/limit and a next cursor', async () => {
      const all = (await events(app)).events.map((e) => e.seq);
      const seen: number[] = [];
      let cursor: number | null = 0;
      let pages = 0;
      while (cursor !== null && pages < 10) {
        const page = await events(app, `?limit=2&after=${cursor}`);
        expect(page.events.length).toBeLessThanOrEqual(2);
        seen.push(...page.events.map((e) => e.seq));
        cursor = page.next;
        if (cursor !== null) expect(cursor).toBe(page.events.at(-1)!.seq);
        pages++;
      }
      expect(seen).toEqual(all);
      // Full pages carry a cursor; the page after the last full one comes back empty with none.
      expect(pages).toBe(Math.floor(all.length / 2) + 1);
    });

    it.each(['0', '-1', 'abc', '1001', '2.5'])('refuses limit=%s with 400 naming limit', async (limit) => {
      const res = await get(app, `/_lienthong/events?limit=${limit}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', field: 'limit' });
    });

    it('refuses a bad since or after with 400 naming it', async () => {
      const since = await get(app, '/_lienthong/events?since=yesterday');
      expect(since.statusCode).toBe(400);
      expect(since.json().error.field).toBe('since');
      const after = await get(app, '/_lienthong/events?after=x');
      expect(after.statusCode).toBe(400);
      expect(after.json().error.field).toBe('after');
    });

    it('shows an exchange to a client that just got its reply', async () => {
      const before = (await events(app)).events.length;
      await b.client.countReceiveStatus();
      const now = (await events(app)).events;
      expect(now).toHaveLength(before + 1);
      expect(now.at(-1)?.operation).toBe('countReceiveStatus');
    });

    it('redacts secret-bearing headers but keeps the XroadVnpt-* headers', async () => {
      const s = signer(a.systemId, a.secret);
      const { headers, body } = sendEdocRequest(s, edoc({ from: G22, to: [H41], number: '77', date: vnDate(app.lienthong.clock.now()) }), { from: G22 });
      const extra: Array<[string, string]> = [
        ['Authorization', 'Bearer eyJhbGciOi.secret.token'],
        ['X-Client-Secret', 'hunter2-secret'],
        ['Cookie', 'session=abc123'],
      ];
      const res = await rawCall(app, '/sendEdoc', [...headers, ...extra], body);
      expect(res.json).toMatchObject({ status: 'OK' });
      const ev = (await events(app, '?systemId=sys.a')).events.at(-1)!;
      expect(ev.requestHeaders.authorization).toBe('[redacted]');
      expect(ev.requestHeaders['x-client-secret']).toBe('[redacted]');
      expect(ev.requestHeaders.cookie).toBe('[redacted]');
      const sent = Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v]));
      for (const name of ['xroadvnpt-systemid', 'xroadvnpt-sign-header', 'xroadvnpt-sign-header-key', 'xroadvnpt-hash-header', 'xroadvnpt-hash-file', 'xroadvnpt-from']) {
        expect(ev.requestHeaders[name], name).toBe(sent[name]);
      }
      const dump = JSON.stringify(await events(app, '?limit=1000'));
      for (const secret of [a.secret, b.secret, 'hunter2-secret', 'eyJhbGciOi.secret.token', 'abc123']) expect(dump).not.toContain(secret);
    });

    it('verifies the hash chain, and finds a row tampered with in the store', async () => {
      const ok = await get(app, '/_lienthong/events/verify');
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ intact: true, brokenAt: null });

      const all = (await events(app)).events;
      const victim = all[2]!;
      await app.lienthong.store.db<any>().updateTable('events').set({ status: 299 }).where('seq', '=', victim.seq).execute();
      const broken = await get(app, '/_lienthong/events/verify');
      expect(broken.json()).toEqual({ intact: false, brokenAt: victim.seq });

      // Restoring the value restores the chain: the check is over content, not a flag.
      await app.lienthong.store.db<any>().updateTable('events').set({ status: victim.status }).where('seq', '=', victim.seq).execute();
      expect((await get(app, '/_lienthong/events/verify')).json()).toEqual({ intact: true, brokenAt: null });

      // A deleted row breaks the chain at the next one.
      await app.lienthong.store.db<any>().deleteFrom('events').where('seq', '=', victim.seq).execute();
      expect((await get(app, '/_lienthong/events/verify')).json()).toEqual({ intact: false, brokenAt: all[3]!.seq });
    });
  });

  describe('reset', () => {
    let app: App;
    beforeAll(async () => {
      app = await makeApp();
    });
    afterAll(() => app.close());

    it('wipes documents, systems and the evidence log, then re-seeds the directory', async () => {
      const a = await connect(app, 'sys.a', [G22]);
      await connect(app, 'sys.b', [H41]);
      await sendOne(app, a, '1');
      const res = await post(app, '/_lienthong/reset', {});
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', keptSystems: false });

      expect((await get(app, '/_lienthong/vdxp/systems')).json().systems).toEqual([]);
      // The reset wipes the log; the reset itself is its first event.
      expect((await events(app)).events.map((e) => e.operation)).toEqual(['POST /_lienthong/reset']);
      const g22 = (await get(app, '/_lienthong/vdxp/agencies?q=000.00.00.G22')).json().agencies;
      expect(g22).toEqual([expect.objectContaining({ code: G22, systemId: null, name: 'Văn phòng Chính phủ' })]);

      const stale = await a.client.getReceivedEdocList('edoc');
      expect({ status: stale.httpStatus, code: stale.json.code }).toEqual({ status: 401, code: 'VDXP_AUTH_UNKNOWN_SYSTEM' });
      expect((await get(app, '/_lienthong/events/verify')).json()).toEqual({ intact: true, brokenAt: null });
    });

    it('{keepSystems: true} keeps systems: the same client authenticates, its mailbox is empty', async () => {
      const a = await connect(app, 'sys.a2', [G22]);
      const b = await connect(app, 'sys.b2', [H41]);
      const docId = await sendOne(app, a, '1');
      expect((await b.client.countReceiveEdoc()).json.count).toBe(1);

      const res = await post(app, '/_lienthong/reset', { keepSystems: true });
      expect(res.json()).toMatchObject({ status: 'ok', keptSystems: true });

      const list = await b.client.getReceivedEdocList('edoc');
      expect(list.json).toMatchObject({ status: 'OK', ErrorCode: '0', data: [] });
      expect((await b.client.countReceiveEdoc()).json).toMatchObject({ status: 'OK', count: 0 });
      expect((await a.client.getSentEdocList('edoc')).json.data).toEqual([]);
      const gone = await a.client.getEdoc(docId);
      expect(gone.json.code).toBe('VDXP_DOC_NOT_FOUND');

      // Agencies stay connected: the same pair exchanges again, the directory is whole.
      const systems = (await get(app, '/_lienthong/vdxp/systems')).json().systems;
      expect(systems.map((s: { systemId: string }) => s.systemId)).toEqual(['sys.a2', 'sys.b2']);
      expect(systems[0].agencies.map((x: { code: string }) => x.code)).toEqual([G22]);
      await sendOne(app, a, '1');
      expect((await b.client.countReceiveEdoc()).json.count).toBe(1);
      const agencies = await b.client.getAgenciesList();
      const codes = (agencies.json.data as { code: string; pid: number; id: number }[]);
      expect(codes.length).toBeGreaterThan(50);
      const h41 = codes.find((x) => x.code === H41)!;
      expect(codes.find((x) => x.code === '000.00.01.H41')?.pid).toBe(h41.id);
    });

    it('refuses an unknown reset property with 400 naming it', async () => {
      const res = await post(app, '/_lienthong/reset', { keep: true });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', field: '/keep' });
    });
  });

  describe('POST /_lienthong/vdxp/systems', () => {
    let app: App;
    beforeAll(async () => {
      app = await makeApp();
    });
    afterAll(() => app.close());

    it.each([
      [{ agencies: [] }, '/systemId'],
      [{ systemId: 'has space' }, '/systemId'],
      [{ systemId: 'sys.x', secret: 'short' }, '/secret'],
      [{ systemId: 'sys.x', mode: 'loose' }, '/mode'],
      [{ systemId: 'sys.x', agencies: [{ name: 'no code' }] }, '/agencies/0/code'],
      [{ systemId: 'sys.x', colour: 'blue' }, '/colour'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const res = await post(app, '/_lienthong/vdxp/systems', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', field });
      expect((await get(app, '/_lienthong/vdxp/systems')).json().systems).toEqual([]);
    });

    it('creates a system (201, credentials once) and refuses a duplicate systemId with 409', async () => {
      const first = await post(app, '/_lienthong/vdxp/systems', { systemId: 'sys.dup', agencies: [{ code: G22 }] });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ systemId: 'sys.dup', secret: expect.any(String), agencies: [{ code: G22 }] });
      const again = await post(app, '/_lienthong/vdxp/systems', { systemId: 'sys.dup', secret: 'another-secret' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ code: 'VDXP_SYSTEM_EXISTS', field: 'systemId' });
      // The first system's secret still works: nothing was overwritten.
      const client = createSdkClient({ systemId: 'sys.dup', secret: first.json().secret, transport: supertestTransport(app) });
      expect((await client.countReceiveEdoc()).json.status).toBe('OK');
    });

    it('refuses an agency already connected through another system with 409', async () => {
      const res = await post(app, '/_lienthong/vdxp/systems', { systemId: 'sys.other', agencies: [{ code: G22 }] });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('VDXP_AGENCY_EXISTS');
      expect((await get(app, '/_lienthong/vdxp/systems/sys.other')).statusCode).toBe(404);
    });
  });

  describe('durability of a file-backed store', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lienthong-'));
    const file = join(dir, 'store.sqlite');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps an accepted document (and the evidence chain) across close and re-open', async () => {
      const first = await makeApp({ data: file });
      const a = await connect(first, 'sys.a', [G22]);
      const b = await connect(first, 'sys.b', [H41]);
      const docId = await sendOne(first, a, '42');
      expect((await get(first, '/_lienthong/info')).json().store).toEqual({ kind: 'sqlite', location: file });
      // Committed before the reply: another connection sees it while the emulator still runs.
      const peek = new Database(file, { readonly: true });
      try {
        expect(peek.prepare('SELECT doc_id FROM vdxp_packages').all()).toEqual([{ doc_id: docId }]);
      } finally {
        peek.close();
      }
      await first.close();

      const second = await makeApp({ data: file });
      try {
        const client = createSdkClient({ systemId: 'sys.b', secret: b.secret, transport: supertestTransport(second), now: () => second.lienthong.clock.now() });
        const list = await client.getReceivedEdocList('edoc');
        expect(list.json.status).toBe('OK');
        expect(list.json.data).toHaveLength(1);
        expect(list.json.data[0].from).toBe(G22);
        const got = await client.getEdoc(list.json.data[0].docId);
        expect(got.edxml?.toString('utf8')).toContain('<edXML:CodeNumber>42</edXML:CodeNumber>');

        const sender = createSdkClient({ systemId: 'sys.a', secret: a.secret, transport: supertestTransport(second) });
        expect((await sender.getSentEdocList('edoc')).json.data.map((x: { senderDocId: string }) => x.senderDocId)).toEqual([docId]);

        // The chain continues from the stored tail, not from genesis.
        const evs = (await events(second)).events;
        expect(evs.length).toBeGreaterThanOrEqual(3);
        expect(evs.map((e) => e.operation).slice(0, 3)).toEqual(['POST /_lienthong/vdxp/systems', 'POST /_lienthong/vdxp/systems', 'sendEdoc']);
        expect((await get(second, '/_lienthong/events/verify')).json()).toEqual({ intact: true, brokenAt: null });
      } finally {
        await second.close();
      }
    });
  });
});

describe('control-plane bodies the JSON parser refuses', () => {
  it('answers malformed JSON with 400 BAD_REQUEST and a non-JSON content type with 415', async () => {
    const app = await makeApp();
    try {
      const bad = await app.inject({ method: 'POST', url: '/_lienthong/clock', headers: { 'content-type': 'application/json' }, payload: '{"advance":' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('BAD_REQUEST');
      const media = await app.inject({ method: 'POST', url: '/_lienthong/vdxp/systems', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
      expect(media.statusCode).toBe(415);
      expect(media.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type' });
    } finally {
      await app.close();
    }
  });
});

describe('control-plane changes in the evidence log', () => {
  it('records connecting a system, moving the clock and a reset, with credentials redacted', async () => {
    const app = await makeApp();
    try {
      await connect(app, 'ev.sys', ['000.00.00.G22'], { secret: 'very-secret-123' });
      await app.inject({ method: 'POST', url: '/_lienthong/clock', payload: { advance: 'PT1H' } });
      const events = await app.lienthong.evidence.query({ platform: 'lienthong' });
      expect(events.map((e) => e.operation)).toEqual(['POST /_lienthong/vdxp/systems', 'POST /_lienthong/clock']);
      const [created] = events;
      expect(created?.status).toBe(201);
      expect(created?.requestBody).toContain('"secret":"[redacted]"');
      expect(created?.responseBody).toContain('"secret":"[redacted]"');
      expect(created?.responseBody).toContain('"privateKeyPem":"[redacted]"');
      expect(JSON.stringify(events)).not.toContain('very-secret-123');
      expect(JSON.stringify(events)).not.toContain('PRIVATE KEY');
      await app.inject({ method: 'POST', url: '/_lienthong/reset', payload: {} });
      // The reset wipes the log; the reset itself is its first event.
      expect((await app.lienthong.evidence.query({})).map((e) => e.operation)).toEqual(['POST /_lienthong/reset']);
    } finally {
      await app.close();
    }
  });
});
