/**
 * Every refusal of the NDXP gateway is evidence, as on VDXP and DVCQG: the exchange in
 * `/_lienthong/events` carries an error verdict with the catalog code, and names the consumer the refused
 * credentials claimed (systemId = client id, agency = that consumer's agency) whenever they name one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, enterprise } from '../../emulator/core/world/index.js';
import { call, consumer, makeApp, ndxpApp, signedIn, token, type App, type Consumer } from './support/gateway.js';

interface Event {
  seq: number;
  status: number;
  systemId: string | null;
  agency: string | null;
  verdicts: { code: string; severity: string; message: string; field?: string }[];
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function lastSeq(app: App): Promise<number> {
  await app.lienthong.evidence.flush();
  const events = (await app.inject({ method: 'GET', url: '/_lienthong/events?limit=1000' })).json().events as Event[];
  return events.at(-1)?.seq ?? 0;
}

/** Runs one request and answers the single NDXP exchange it logged. */
async function logged(app: App, send: () => Promise<unknown>): Promise<Event> {
  const mark = await lastSeq(app);
  await send();
  await app.lienthong.evidence.flush();
  const events = (await app.inject({ method: 'GET', url: `/_lienthong/events?platform=ndxp&after=${mark}` })).json().events as Event[];
  expect(events).toHaveLength(1);
  return events[0]!;
}

/** The exchange refused with `status` and one error verdict `code`, naming `who` (or nobody). */
function expectRefusal(e: Event, status: number, code: string, who: { systemId: string | null; agency: string | null }) {
  expect(e.status).toBe(status);
  const errors = e.verdicts.filter((v) => v.severity === 'error');
  expect(errors.map((v) => v.code)).toEqual([code]);
  expect(errors[0]!.message.length).toBeGreaterThan(10);
  expect({ systemId: e.systemId, agency: e.agency }).toEqual(who);
}

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
function traCuu(app: App, over: Record<string, string> = {}): string {
  const c = citizen(app.lienthong.world, 21);
  const f: Record<string, string> = { MaYeuCau: 'R1', MaDVC: 'VPCP', MaTichHop: '037', MaCanBo: '001090000123', SoDinhDanh: c.SoDinhDanh, HoVaTen: c.HoVaTenKhongDau, ...over };
  const fields = Object.entries(f).map(([k, v]) => `<dan:${k}>${v}</dan:${k}>`).join('');
  return `<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:dan="http://dancuquocgia.bca"><soapenv:Body><dan:TraCuuThongTinCongDan>${fields}<dan:NgayThangNamSinh><dan:NgayThangNam>${c.NgayThangNamSinh}</dan:NgayThangNam></dan:NgayThangNamSinh></dan:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>`;
}

describe('NDXP refusals are error verdicts naming the claimed caller', () => {
  let app: App;
  let me: Consumer & { token: string };
  let lookup: string;
  const nobody = { systemId: null, agency: null };
  const mine = () => ({ systemId: me.clientId, agency: me.agency });

  beforeAll(async () => {
    app = await ndxpApp();
    me = await signedIn(app, ['apiCSDLDKDN', 'apiCSDLDC'], { agency: '000.00.02.H40' });
    lookup = `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${enterprise(app.lienthong.world, 42).MainInformation.ENTERPRISE_GDT_CODE}`;
  });
  afterAll(async () => app.close());

  it('token endpoint: invalid_request, unsupported_grant_type and invalid_client', async () => {
    const noGrant = await logged(app, () => app.inject({ method: 'POST', url: '/ndxp/token', headers: { ...FORM, authorization: basic(me.clientId, me.clientSecret) }, payload: 'scope=x' }));
    expectRefusal(noGrant, 400, 'NDXP_TOKEN_INVALID_REQUEST', mine());
    expect(noGrant.verdicts[0]!.field).toBe('grant_type');
    const password = await logged(app, () => app.inject({ method: 'POST', url: '/ndxp/token', headers: FORM, payload: `grant_type=password&client_id=${me.clientId}&client_secret=${me.clientSecret}` }));
    expectRefusal(password, 400, 'NDXP_TOKEN_UNSUPPORTED_GRANT', mine());
    const wrongSecret = await logged(app, () => app.inject({ method: 'POST', url: '/ndxp/token', headers: { ...FORM, authorization: basic(me.clientId, 'not-the-secret') }, payload: 'grant_type=client_credentials' }));
    expectRefusal(wrongSecret, 401, 'NDXP_TOKEN_INVALID_CLIENT', mine());
    const unknown = await logged(app, () => app.inject({ method: 'POST', url: '/ndxp/token', headers: { ...FORM, authorization: basic('nobody-here', 'x') }, payload: 'grant_type=client_credentials' }));
    expectRefusal(unknown, 401, 'NDXP_TOKEN_INVALID_CLIENT', { systemId: 'nobody-here', agency: null });
    const anonymous = await logged(app, () => app.inject({ method: 'POST', url: '/ndxp/token', headers: FORM, payload: 'grant_type=client_credentials' }));
    expectRefusal(anonymous, 401, 'NDXP_TOKEN_INVALID_CLIENT', nobody);
    const revoke = await logged(app, () => app.inject({ method: 'POST', url: '/ndxp/revoke', headers: { ...FORM, authorization: basic(me.clientId, 'wrong') }, payload: `token=${me.token}` }));
    expectRefusal(revoke, 401, 'NDXP_TOKEN_INVALID_CLIENT', mine());
  });

  it('credentials: 900902 missing, 900901 unknown, revoked or mismatched, 900903 expired', async () => {
    expectRefusal(await logged(app, () => call(app, lookup)), 401, 'NDXP_MISSING_CREDENTIALS', nobody);
    expectRefusal(await logged(app, () => call(app, lookup, { token: 'never-issued' })), 401, 'NDXP_INVALID_CREDENTIALS', nobody);
    const other = await consumer(app, { apis: ['apiCSDLDKDN'], agency: '000.00.03.H40' });
    const foreign = Buffer.from(JSON.stringify({ AccessKey: other.clientId, SecretKey: other.clientSecret })).toString('base64');
    const mismatch = await logged(app, () => call(app, lookup, { token: me.token, headers: { lgspaccesstoken: foreign } }));
    expectRefusal(mismatch, 401, 'NDXP_INVALID_CREDENTIALS', mine());
    expect(mismatch.verdicts[0]!.field).toBe('lgspaccesstoken');

    const short = await signedIn(app, ['apiCSDLDKDN'], { agency: '000.00.04.H40', tokenLifetimeSeconds: 60 });
    await app.inject({ method: 'POST', url: '/_lienthong/clock', payload: { advance: 'PT2M' } });
    expectRefusal(await logged(app, () => call(app, lookup, { token: short.token })), 401, 'NDXP_TOKEN_EXPIRED', { systemId: short.clientId, agency: short.agency });

    const revoked = await signedIn(app, ['apiCSDLDKDN'], { agency: '000.00.05.H40' });
    await app.inject({ method: 'POST', url: '/ndxp/revoke', headers: { ...FORM, authorization: basic(revoked.clientId, revoked.clientSecret) }, payload: `token=${revoked.token}` });
    expectRefusal(await logged(app, () => call(app, lookup, { token: revoked.token })), 401, 'NDXP_INVALID_CREDENTIALS', { systemId: revoked.clientId, agency: revoked.agency });
    me.token = await token(app, me);
  });

  it('authorisation and routing: 900908 not subscribed, 404 no API, 900906 no resource, 101503 upstream down', async () => {
    const outsider = await signedIn(app, ['dmdc'], { agency: '000.00.06.H40' });
    const notSubscribed = await logged(app, () => call(app, lookup, { token: outsider.token }));
    expectRefusal(notSubscribed, 403, 'NDXP_NOT_SUBSCRIBED', { systemId: outsider.clientId, agency: outsider.agency });
    expectRefusal(await logged(app, () => call(app, '/ndxp/apiKhongCo/1.0/x', { token: me.token })), 404, 'NDXP_API_NOT_FOUND', mine());
    expectRefusal(await logged(app, () => call(app, '/ndxp/apiCSDLDKDN/1.0/khongCo', { token: me.token })), 404, 'NDXP_RESOURCE_NOT_FOUND', mine());
    const pub = await app.inject({ method: 'POST', url: '/_lienthong/ndxp/apis', payload: { provider: '000.00.00.H40', context: 'apiChet', version: '1.0', upstream: 'http://127.0.0.1:9/nothing' } });
    expect(pub.statusCode).toBe(201);
    const dead = await signedIn(app, ['apiChet'], { agency: '000.00.07.H40' });
    expectRefusal(await logged(app, () => call(app, '/ndxp/apiChet/1.0/a', { token: dead.token })), 503, 'NDXP_UPSTREAM_UNREACHABLE', { systemId: dead.clientId, agency: dead.agency });
  });

  it('throttling: 900804 quota and 900807 rate limit', async () => {
    const q = await signedIn(app, ['apiCSDLDKDN'], { agency: '000.00.08.H40', quota: { limit: 1, period: 'P1D' } });
    expect((await call(app, lookup, { token: q.token })).status).toBe(200);
    const quota = await logged(app, () => call(app, lookup, { token: q.token }));
    expectRefusal(quota, 429, 'NDXP_QUOTA_EXCEEDED', { systemId: q.clientId, agency: q.agency });
    expect(quota.verdicts[0]!.field).toBe('quota');
    const r = await signedIn(app, ['apiCSDLDKDN'], { agency: '000.00.09.H40', rateLimit: { limit: 1, period: 'PT1M' } });
    expect((await call(app, lookup, { token: r.token })).status).toBe(200);
    expectRefusal(await logged(app, () => call(app, lookup, { token: r.token })), 429, 'NDXP_RATE_LIMITED', { systemId: r.clientId, agency: r.agency });
  });

  it('population licence: 004 procedure not licensed, 005 official not authorised', async () => {
    const put = (body: Record<string, unknown>) => app.inject({ method: 'PUT', url: `/_lienthong/ndxp/population/licences/${me.clientId}`, payload: body });
    expect((await put({ procedures: ['G15-TP110'], officials: ['*'] })).statusCode).toBeLessThan(300);
    expectRefusal(await logged(app, () => call(app, '/ndxp/apiCSDLDC/1.0', { token: me.token, body: traCuu(app) })), 500, 'NDXP_POP_PROCEDURE_NOT_LICENSED', mine());
    expect((await put({ procedures: ['*'], officials: ['079000000001'] })).statusCode).toBeLessThan(300);
    expectRefusal(await logged(app, () => call(app, '/ndxp/apiCSDLDC/1.0', { token: me.token, body: traCuu(app) })), 500, 'NDXP_POP_OFFICIAL_NOT_AUTHORISED', mine());
    await app.inject({ method: 'DELETE', url: `/_lienthong/ndxp/population/licences/${me.clientId}` });
  });
});

describe('a body over --max-body', () => {
  let app: App;
  beforeAll(async () => {
    app = await makeApp({ maxBodyBytes: 1024 });
  });
  afterAll(async () => app.close());

  it('is refused with a verdict naming the bearer token\'s consumer, at the gateway and at the token endpoint', async () => {
    const me = await signedIn(app, ['dmdc'], { agency: '000.00.10.H40' });
    const big = Buffer.alloc(4096, 0x20);
    const api = await logged(app, () => call(app, '/ndxp/dmdc/1.0/Category/maquocgia', { token: me.token, body: big, contentType: 'application/json' }));
    expectRefusal(api, 413, 'NDXP_BODY_TOO_LARGE', { systemId: me.clientId, agency: me.agency });
    const tok = await logged(app, () => app.inject({ method: 'POST', url: '/ndxp/token', headers: { ...FORM, authorization: basic(me.clientId, me.clientSecret) }, payload: big }));
    expectRefusal(tok, 400, 'NDXP_TOKEN_INVALID_REQUEST', { systemId: me.clientId, agency: me.agency });
  });
});
