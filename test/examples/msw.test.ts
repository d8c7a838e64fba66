/**
 * examples/msw/agency-system.ts (a vendor's code: plain fetch to the platforms' real addresses) answered in
 * process by `lienthong/msw`: a VDXP document sent and received byte for byte, an NGSP token and a
 * population lookup — all through app.inject() into the emulator's own routes, no port opened.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLienthongMsw, DEFAULT_BASE_URL, routeFor, type LienthongMsw } from '../../emulator/msw.js';
import type { LienthongApp } from '../../emulator/app.js';
import { documentPackage } from '../../emulator/platforms/vdxp/index.js';
import { agencySystem, type AgencySystemConfig } from '../../examples/msw/agency-system.js';

/** The agency's X-Road adapter (specs/vdxp.md §3.1) and NGSP, as a production configuration names them. */
const ADAPTER = 'http://xrd-adapter.agency.test:8080/XrdAdapter/adapter';
const NGSP = 'https://api.ngsp.gov.vn';
const SSO = 'https://xacthuc.dichvucong.gov.vn';
const VPCP = '000.00.00.G22';
const NGHE_AN = '000.00.00.H41';
const L = DEFAULT_BASE_URL;

async function control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${L}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

describe('lienthong/msw with examples/msw/agency-system.ts', () => {
  let lienthong: LienthongMsw;
  const server = setupServer();
  beforeAll(() => {
    lienthong = createLienthongMsw({ buildOptions: { population: 2000, enterprises: 100 }, hosts: { [ADAPTER]: '/vdxp', [NGSP]: '/ndxp', [SSO]: '/dvcqg' } });
    server.use(...lienthong.handlers);
    // Anything the handlers do not claim fails loudly instead of leaving the process.
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(async () => {
    server.close();
    await lienthong.close();
  });

  const connect = async (systemId: string, agency: string): Promise<AgencySystemConfig> => {
    const { secret } = await control<{ secret: string }>('POST', '/_lienthong/vdxp/systems', { systemId, agencies: [{ code: agency }] });
    return { vdxp: { endpoint: ADAPTER, systemId, secret, agency }, ngsp: { baseUrl: NGSP, consumerKey: 'motcua-h41', consumerSecret: 'bi-mat-123' } };
  };

  it('sends a VDXP document from one agency system and receives it on the other, bytes and signed headers intact', async () => {
    await control('POST', '/_lienthong/clock', { set: '2026-11-24T02:00:00Z' });
    const sender = agencySystem(await connect('msw.vpcp', VPCP));
    const receiver = agencySystem(await connect('msw.nghean', NGHE_AN));
    // Multi-byte UTF-8 in the package and arbitrary bytes in the attachment: both must cross unchanged.
    const attachment = Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('base64');
    const edxml = documentPackage({ from: VPCP, to: [NGHE_AN], number: '77', subject: 'V/v thử nghiệm msw — Nghệ An', attachment });

    const docId = await sender.sendDocument(edxml);
    expect(docId).toMatch(/^[0-9a-f]{24}$/);
    // The axis stored exactly the bytes the SUT sent (XroadVnpt-hash-file, the SHA-256, was checked too).
    const stored = await control<{ edxml: string }>('GET', `/_lienthong/vdxp/packages/${docId}`);
    expect(Buffer.from(stored.edxml, 'base64').equals(edxml)).toBe(true);

    const received = await receiver.receiveDocuments();
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe(VPCP);
    const text = received[0]!.edxml.toString('utf8');
    expect(text).toContain(`<edXML:DocumentId>${VPCP},2026/11/24,77/VPCP-TTĐT</edXML:DocumentId>`);
    expect(text).toContain('V/v thử nghiệm msw — Nghệ An');
    expect(text).toContain(attachment);
    // updateStatus done was accepted: nothing is listed any more.
    expect(await receiver.receiveDocuments()).toEqual([]);

    // The emulator saw the SUT's own headers and judged the exchange clean.
    const { events } = await control<{ events: { operation: string; systemId?: string; status: number; requestHeaders: Record<string, string>; verdicts: { severity: string; code: string }[] }[] }>(
      'GET',
      '/_lienthong/events?platform=vdxp&systemId=msw.vpcp&limit=10',
    );
    const send = events.find((e) => e.operation === 'sendEdoc')!;
    expect(send.status).toBe(200);
    expect(send.requestHeaders['xroadvnpt-systemid']).toBe('msw.vpcp');
    expect(send.requestHeaders['xroadvnpt-sign-header-key']).toBe('timestamp;systemid;from;servicetype;messagetype;hash-file');
    expect(send.verdicts.filter((v) => v.severity !== 'info')).toEqual([]);
  });

  it('gets an NGSP token and looks a citizen up in the population database, through api.ngsp.gov.vn', async () => {
    await control('POST', '/_lienthong/ndxp/consumers', { clientId: 'motcua-h41', clientSecret: 'bi-mat-123', agency: '000.00.00.H41', apis: ['apiCSDLDC'] });
    const { citizens } = await control<{ citizens: { SoDinhDanh: string; HoVaTen: string; HoVaTenKhongDau: string; NgayThangNamSinh: string }[] }>('GET', '/_lienthong/ndxp/citizens?limit=1&offset=7');
    const c = citizens[0]!;
    const sut = agencySystem(await connect('msw.data', '000.00.01.H41'));

    const token = await sut.token();
    expect(token.length).toBeGreaterThan(10);
    const found = await sut.lookupCitizen(token, { soDinhDanh: c.SoDinhDanh, hoVaTen: c.HoVaTenKhongDau, ngaySinh: c.NgayThangNamSinh });
    expect(found.found).toBe(true);
    expect(found.hoVaTen?.length).toBeGreaterThan(0);
    // A wrong ID number is the database's SOAP Fault 010, read by the SUT from the real wire format.
    expect(await sut.lookupCitizen(token, { soDinhDanh: '12345', hoVaTen: c.HoVaTenKhongDau, ngaySinh: c.NgayThangNamSinh })).toEqual({ found: false, errorCode: '010' });
    // A revoked token is refused by the gateway as WSO2 does.
    await control('POST', '/_lienthong/ndxp/consumers/motcua-h41/revoke-tokens');
    const refused = await fetch(`${NGSP}/apiCSDLDC/1.0`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml', accept: 'application/json' }, body: '<x/>' });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { fault: { code: number } }).fault.code).toBe(900901);
  });

  it('signs in with DVCQG SSO at its real host (xacthuc.dichvucong.gov.vn): redirects, several Set-Cookie, code exchange', async () => {
    await control('POST', '/_lienthong/dvcqg/sso/clients', { clientId: 'motcua-rp', clientSecret: 'rp-secret-123', redirectUris: ['https://motcua.agency.test/sso/callback'] });
    const { citizens } = await control<{ citizens: { SoDinhDanh: string }[] }>('GET', '/_lienthong/ndxp/citizens?limit=1&offset=3');
    const who = citizens[0]!.SoDinhDanh;
    const authorize = new URL(`${SSO}/oauth2/authorize`);
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: 'motcua-rp', redirect_uri: 'https://motcua.agency.test/sso/callback', scope: 'openid', state: 's-1', acr_values: 'LoA1', login_hint: who })) authorize.searchParams.set(k, v);
    // Follow the redirects by hand until they leave the portal for the relying party's callback.
    let url = authorize.href;
    let cookies: string[] = [];
    let mostCookiesInOneReply = 0;
    for (let hop = 0; hop < 10 && !url.startsWith('https://motcua.agency.test/'); hop++) {
      const res = await fetch(url, { redirect: 'manual', headers: cookies.length ? { cookie: cookies.join('; ') } : {} });
      expect([302, 303], `${url}: ${res.status}`).toContain(res.status);
      const set = res.headers.getSetCookie();
      mostCookiesInOneReply = Math.max(mostCookiesInOneReply, set.length);
      cookies = [...cookies, ...set.map((c) => c.split(';')[0]!)];
      url = new URL(res.headers.get('location')!, url).href;
    }
    // Several Set-Cookie headers in one reply arrive as several, not folded into one.
    expect(mostCookiesInOneReply).toBeGreaterThanOrEqual(2);
    const callback = new URL(url);
    expect(callback.searchParams.get('state')).toBe('s-1');
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();
    const token = await fetch(`${SSO}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: 'https://motcua.agency.test/sso/callback', client_id: 'motcua-rp', client_secret: 'rp-secret-123' }),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const userinfo = await fetch(`${SSO}/oauth2/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(((await userinfo.json()) as { SoDinhDanh: string }).SoDinhDanh).toBe(who);
  });

  it('passes statuses and headers through, and HEAD without a body', async () => {
    const head = await fetch(`${L}/_lienthong/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const notFound = await fetch(`${NGSP}/nothing/here`);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toMatch(/^application\/json/);
    const info = await control<{ name: string; platforms: unknown[] }>('GET', '/_lienthong/info');
    expect(info).toMatchObject({ name: 'lienthong' });
    expect(info.platforms).toHaveLength(3);
  });

  it('streams server-sent events as they come (the reply never ends)', async () => {
    const res = await fetch(`${L}/_lienthong/events/stream?platform=vdxp`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/data: |: connected/);
    // Not awaited: msw keeps a clone of every mocked reply, so a cancel settles only when that clone is
    // dropped too; closing the emulator (afterAll) ends the stream on its side.
    void reader.cancel();
  });
});

describe('lienthong/msw routing', () => {
  const bases = [
    { origin: 'http://xrd.test:8080', path: '/XrdAdapter/adapter', mount: '/vdxp' as const },
    { origin: 'https://api.ngsp.gov.vn', path: '', mount: '/ndxp' as const },
    { origin: 'http://lienthong.local', path: '', mount: '' as const },
  ];
  it('maps a base URL onto its mount, keeping the rest of the path and the query', () => {
    expect(routeFor(bases, new URL('http://xrd.test:8080/XrdAdapter/adapter/getEdoc'))).toBe('/vdxp/getEdoc');
    expect(routeFor(bases, new URL('http://xrd.test:8080/XrdAdapter/adapter'))).toBe('/vdxp');
    expect(routeFor(bases, new URL('https://api.ngsp.gov.vn/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=0100109106'))).toBe('/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=0100109106');
    expect(routeFor(bases, new URL('http://lienthong.local/_lienthong/health'))).toBe('/_lienthong/health');
    expect(routeFor(bases, new URL('http://lienthong.local?x=1'))).toBe('/?x=1');
  });
  it('leaves everything else to other handlers: other hosts, ports, schemes and paths beside the base', () => {
    expect(routeFor(bases, new URL('http://xrd.test:8080/XrdAdapter/adapterX/getEdoc'))).toBeUndefined();
    expect(routeFor(bases, new URL('http://xrd.test:9090/XrdAdapter/adapter/getEdoc'))).toBeUndefined();
    expect(routeFor(bases, new URL('http://api.ngsp.gov.vn/token'))).toBeUndefined();
    expect(routeFor(bases, new URL('https://example.com/'))).toBeUndefined();
  });
  it('refuses a configuration it cannot honour, saying why', () => {
    expect(() => createLienthongMsw({ hosts: { 'api.ngsp.gov.vn': '/ndxp' } })).toThrow(/not an absolute URL/);
    expect(() => createLienthongMsw({ hosts: { 'ftp://x.test': '/ndxp' } })).toThrow(/http or https/);
    expect(() => createLienthongMsw({ hosts: { 'https://x.test/?a=1': '/ndxp' } })).toThrow(/query or fragment/);
    expect(() => createLienthongMsw({ hosts: { 'https://x.test': '/nope' as never } })).toThrow(/mount "\/nope"/);
    expect(() => createLienthongMsw({ baseUrl: 'http://x.test/base' })).toThrow(/origin without a path/);
  });
  it('turns an exchange the emulator closes without a reply (a dropped-connection fault) into a network error', async () => {
    const dropping = { inject: () => Promise.reject(new Error('response destroyed before completion')) } as unknown as LienthongApp;
    const server = setupServer(...createLienthongMsw({ app: dropping, baseUrl: 'http://dropping.test' }).handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      await expect(fetch('http://dropping.test/vdxp/sendEdoc', { method: 'POST', body: 'x' })).rejects.toThrow(TypeError);
    } finally {
      server.close();
    }
  });
});
