/**
 * XroadVnpt-* header authentication over HTTP (specs/vdxp.md §3.2, §5 check 13) on real operations:
 * every refusal is a 401 in the VDXP dialect, never stores anything, and the SDK's own quirks (stale
 * headers, `edoc` lower case) still authenticate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../emulator/core/clock.js';
import { createSdkClient, supertestTransport } from './support/sdk-client.js';
import { connect, edoc, makeApp, type App, type Connected } from './support/fixtures.js';
import { isAscii, rawCall, replaced, sendEdocRequest, signer, without, type RawReply, type WireHeaders } from './support/raw.js';

const AUTH_HEADERS = ['XroadVnpt-systemid', 'XroadVnpt-sign-header', 'XroadVnpt-sign-header-key', 'XroadVnpt-hash-header'] as const;

/** The VDXP failure shape the SDK parses (§3.3): status FAIL, a non-zero string ErrorCode, a message, our code. */
function expectFail(res: RawReply | { httpStatus: number; json: any; body: Buffer }, httpStatus: number, code: string): void {
  const status = 'status' in res ? res.status : res.httpStatus;
  const bytes = 'bytes' in res ? res.bytes : res.body;
  expect({ status, code: res.json?.code }).toEqual({ status: httpStatus, code });
  expect(res.json.status).toBe('FAIL');
  expect(typeof res.json.ErrorCode).toBe('string');
  expect(res.json.ErrorCode).toMatch(/^[0-9]+$/);
  expect(res.json.ErrorCode).not.toBe('0');
  expect(typeof res.json.ErrorDesc).toBe('string');
  expect(res.json.ErrorDesc.length).toBeGreaterThan(0);
  expect(isAscii(bytes)).toBe(true);
}

describe('VDXP authentication over HTTP', () => {
  let app: App;
  let a: Connected;
  let b: Connected;
  let today: string;
  let n = 0;
  /** A new valid document from G22 to H41 (distinct number each time, so no duplicate handling kicks in). */
  const doc = () => edoc({ from: '000.00.00.G22', to: ['000.00.00.H41'], number: String(1000 + ++n), date: today });

  const inbox = async () => {
    const list = await b.client.getReceivedEdocList('edoc');
    const count = await b.client.countReceiveEdoc();
    return { ids: (list.json.data as { docId: string }[]).map((d) => d.docId).sort(), count: count.json.count as number };
  };

  beforeAll(async () => {
    app = await makeApp();
    today = vnDate(app.lienthong.clock.now());
    a = await connect(app, 'sys.a', ['000.00.00.G22']);
    b = await connect(app, 'sys.b', ['000.00.00.H41']);
    // One accepted document that every refusal below must leave in place.
    const first = await a.client.sendEdoc(doc(), { from: '000.00.00.G22', messagetype: 'edoc' });
    expect(first.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
  });
  afterAll(() => app.close());

  const listHeaders = (): WireHeaders => signer(b.systemId, b.secret).headersFor({ servicetype: 'eDoc', messagetype: 'edoc' }, 'application/json');

  describe('getReceivedEdocList', () => {
    it('answers with the mailbox when the headers are right (control for the refusals below)', async () => {
      const res = await rawCall(app, '/getReceivedEdocList', listHeaders());
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
      expect(res.json.data).toHaveLength(1);
    });

    it.each(AUTH_HEADERS)('refuses a request without %s: 401 VDXP_AUTH_MISSING_HEADER naming it', async (name) => {
      const res = await rawCall(app, '/getReceivedEdocList', without(listHeaders(), name));
      expectFail(res, 401, 'VDXP_AUTH_MISSING_HEADER');
      expect(res.json.field).toBe(name);
      expect(res.json.data).toBeUndefined();
    });

    it('treats an empty authentication header as missing', async () => {
      const res = await rawCall(app, '/getReceivedEdocList', replaced(listHeaders(), 'XroadVnpt-hash-header', ''));
      expectFail(res, 401, 'VDXP_AUTH_MISSING_HEADER');
      expect(res.json.field).toBe('XroadVnpt-hash-header');
    });

    it('refuses a wrong secret: VDXP_AUTH_HASH_MISMATCH, without revealing the expected MAC', async () => {
      const headers = signer(b.systemId, `${b.secret}x`).headersFor({ servicetype: 'eDoc', messagetype: 'edoc' }, 'application/json');
      const res = await rawCall(app, '/getReceivedEdocList', headers);
      expectFail(res, 401, 'VDXP_AUTH_HASH_MISMATCH');
      const good = listHeaders().find(([k]) => k === 'XroadVnpt-hash-header')?.[1] ?? '';
      expect(good).toMatch(/^[0-9a-f]{64}$/);
      expect(res.bytes.toString('utf8')).not.toContain(good);
      expect(res.bytes.toString('utf8')).not.toContain(b.secret);
    });

    it('refuses an unknown system: VDXP_AUTH_UNKNOWN_SYSTEM', async () => {
      const headers = signer('sys.nobody', 'whatever-secret').headersFor({ servicetype: 'eDoc', messagetype: 'edoc' }, 'application/json');
      const res = await rawCall(app, '/getReceivedEdocList', headers);
      expectFail(res, 401, 'VDXP_AUTH_UNKNOWN_SYSTEM');
      expect(res.json.ErrorDesc).toContain('sys.nobody');
    });

    it('refuses a signed parameter header altered after signing: VDXP_AUTH_HEADER_MISMATCH', async () => {
      const res = await rawCall(app, '/getReceivedEdocList', replaced(listHeaders(), 'XroadVnpt-messagetype', 'status'));
      expectFail(res, 401, 'VDXP_AUTH_HEADER_MISMATCH');
      expect(res.json.field).toBe('XroadVnpt-messagetype');
    });

    it('refuses a sign-header altered after hashing: VDXP_AUTH_HASH_MISMATCH', async () => {
      const headers = listHeaders();
      const sign = headers.find(([k]) => k === 'XroadVnpt-sign-header')?.[1] ?? '';
      const res = await rawCall(app, '/getReceivedEdocList', replaced(headers, 'XroadVnpt-sign-header', sign.replace('"edoc"', '"status"')));
      expectFail(res, 401, 'VDXP_AUTH_HASH_MISMATCH');
    });

    it('refuses a request authenticated as another system (systemid swapped): no mailbox leaks', async () => {
      const res = await rawCall(app, '/getReceivedEdocList', replaced(listHeaders(), 'XroadVnpt-systemid', a.systemId));
      expect(res.status).toBe(401);
      expect(res.json.status).toBe('FAIL');
      expect(res.json.data).toBeUndefined();
    });
  });

  describe('sendEdoc', () => {
    const sendReq = (params: Record<string, string> = {}) => sendEdocRequest(signer(a.systemId, a.secret), doc(), { from: '000.00.00.G22', ...params });

    it.each(AUTH_HEADERS)('refuses a package without %s and stores nothing', async (name) => {
      const before = await inbox();
      const { headers, body } = sendReq();
      const res = await rawCall(app, '/sendEdoc', without(headers, name), body);
      expectFail(res, 401, 'VDXP_AUTH_MISSING_HEADER');
      expect(res.json.field).toBe(name);
      // The SDK reads DocId unguarded: a refusal carries an empty one, never a real DocId.
    expect(res.json.DocId).toBe('');
      expect(await inbox()).toEqual(before);
    });

    it('refuses a wrong secret and stores nothing', async () => {
      const before = await inbox();
      const { headers, body } = sendEdocRequest(signer(a.systemId, 'not-the-secret'), doc(), { from: '000.00.00.G22' });
      const res = await rawCall(app, '/sendEdoc', headers, body);
      expectFail(res, 401, 'VDXP_AUTH_HASH_MISMATCH');
      expect(await inbox()).toEqual(before);
    });

    it('refuses an unknown system and stores nothing', async () => {
      const before = await inbox();
      const { headers, body } = sendEdocRequest(signer('sys.ghost', 'ghost-secret'), doc(), { from: '000.00.00.G22' });
      const res = await rawCall(app, '/sendEdoc', headers, body);
      expectFail(res, 401, 'VDXP_AUTH_UNKNOWN_SYSTEM');
      expect(await inbox()).toEqual(before);
    });

    it.each([
      ['XroadVnpt-from', '000.00.00.H41'],
      ['XroadVnpt-hash-file', '00'],
      ['XroadVnpt-messagetype', 'status'],
    ])('refuses %s altered after signing (VDXP_AUTH_HEADER_MISMATCH) and stores nothing', async (name, value) => {
      const before = await inbox();
      const { headers, body } = sendReq();
      const res = await rawCall(app, '/sendEdoc', replaced(headers, name, value), body);
      expectFail(res, 401, 'VDXP_AUTH_HEADER_MISMATCH');
      expect(res.json.field).toBe(name);
      expect(await inbox()).toEqual(before);
    });

    it('records each refusal in the evidence log with an error verdict', async () => {
      const { headers, body } = sendReq();
      await rawCall(app, '/sendEdoc', without(headers, 'XroadVnpt-hash-header'), body);
      await app.lienthong.evidence.flush();
      const events = await app.lienthong.evidence.query({ platform: 'vdxp', limit: 1000 });
      const last = events.filter((e) => e.operation === 'sendEdoc').at(-1);
      expect(last?.status).toBe(401);
      expect(last?.verdicts).toContainEqual(expect.objectContaining({ code: 'VDXP_AUTH_MISSING_HEADER', severity: 'error' }));
      // The claimed systemId is kept, so a tester filtering by system finds their refused calls too.
      const claimed = headers.find(([n]) => n === 'XroadVnpt-systemid')?.[1];
      expect(last?.systemId).toBe(claimed);
    });

    it('accepts `XroadVnpt-servicetype: edoc` in lower case (C# clients)', async () => {
      const before = await inbox();
      const { headers, body } = sendReq({ servicetype: 'edoc' });
      expect(headers).toContainEqual(['XroadVnpt-servicetype', 'edoc']);
      const res = await rawCall(app, '/sendEdoc', headers, body);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
      expect(res.json.DocId).toMatch(/^[0-9a-f]{24}$/);
      expect((await inbox()).count).toBe(before.count + 1);
    });
  });

  describe('replies are pure ASCII JSON (the SDK reads sendEdoc replies as US-ASCII)', () => {
    it('escapes non-ASCII in a sendEdoc refusal (Vietnamese ErrorDesc)', async () => {
      const res = await a.client.sendEdoc(edoc({ from: '000.00.00.G22', to: ['000.99.99.H41'], number: '7001', date: today }), {
        from: '000.00.00.G22',
        messagetype: 'edoc',
      });
      expectFail(res, 400, 'VDXP_RECIPIENT_UNKNOWN');
      // Escaped on the wire, Vietnamese again once parsed.
      expect(res.body.toString('latin1')).toMatch(/\\u[0-9a-f]{4}/);
      expect(res.json.ErrorDesc).toContain('danh mục mã định danh');
    });

    it('escapes non-ASCII echoed from a header (a systemid with Vietnamese letters)', async () => {
      const client = createSdkClient({ systemId: 'hệ.thống', secret: 'bí mật', transport: supertestTransport(app) });
      const res = await client.getReceivedEdocList('edoc');
      expectFail(res, 401, 'VDXP_AUTH_UNKNOWN_SYSTEM');
      expect(res.json.ErrorDesc).toContain('"hệ.thống"');
    });

    it('keeps a successful sendEdoc reply ASCII too', async () => {
      const res = await a.client.sendEdoc(doc(), { from: '000.00.00.G22', messagetype: 'edoc' });
      expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
      expect(isAscii(res.body)).toBe(true);
    });
  });

  describe('SDK quirks that must still authenticate', () => {
    it('accepts stale docId and filePath headers left in the SDK map by earlier calls', async () => {
      // A fresh client of the recipient: getEdoc puts docId and filePath into its never-cleared header map.
      const client = createSdkClient({ systemId: b.systemId, secret: b.secret, transport: supertestTransport(app), now: () => app.lienthong.clock.now() });
      const list = await client.getReceivedEdocList('edoc');
      const docId = list.json.data[0].docId as string;
      const got = await client.getEdoc(docId, { filePath: '/var/lib/qlvb/inbox/x.edxml' });
      expect(got.json).toMatchObject({ status: 'OK' });

      const again = await client.getReceivedEdocList('edoc');
      const sent = Object.fromEntries(again.request.headers);
      expect(sent['XroadVnpt-docId']).toBe(docId);
      expect(sent['XroadVnpt-filePath']).toBe('/var/lib/qlvb/inbox/x.edxml');
      expect(again.httpStatus).toBe(200);
      expect(again.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
      expect(again.json.data.map((d: { docId: string }) => d.docId)).toContain(docId);

      const count = await client.countReceiveEdoc();
      expect(count.json).toMatchObject({ status: 'OK', count: again.json.data.length });

      // sendEdoc with the stale docId/filePath still in the map: accepted, and routed by the package.
      const before = await inbox();
      const reply = createSdkClient({ systemId: a.systemId, secret: a.secret, transport: supertestTransport(app), now: () => app.lienthong.clock.now() });
      await reply.getEdoc('000000000000000000000000', { filePath: 'C:\\qlvb\\tmp.edxml' }); // a 404, but the header stays
      const res = await reply.sendEdoc(doc(), { from: '000.00.00.G22', messagetype: 'edoc' });
      expect(Object.fromEntries(res.request.headers)['XroadVnpt-filePath']).toBe('C:\\qlvb\\tmp.edxml');
      expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
      expect((await inbox()).count).toBe(before.count + 1);
    });
  });
});
