/**
 * The population database through the NDXP gateway over HTTP (§B1, §B2): a consumer with a token posts the
 * SOAP request of the public client CallApi037 to /ndxp/apiCSDLDC/1.0 (or the default version, or a resource
 * under it) and reads //soapenv:Envelope/soapenv:Body/ns1:CongdanCollection/ns1:CongDan; licences through
 * /_lienthong/ndxp/population/licences; the exchange and its verdicts in the evidence log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, type Citizen } from '../../emulator/core/world/index.js';
import { ndxpPlatform } from '../../emulator/platforms/ndxp/index.js';
import { call, ndxpApp, signedIn, type App } from './support/gateway.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const DAN = 'http://dancuquocgia.bca';

/** True once the lead has added populationPart to the NDXP parts (its migration is then applied). */
const wired = 'ndxp-population-001-licences' in ndxpPlatform.migrations;
if (!wired) console.warn('population-http: populationPart is not wired into emulator/platforms/ndxp/index.ts yet; skipped');

function callApi037(c: Citizen, over: Record<string, string> = {}): string {
  const f: Record<string, string> = {
    MaYeuCau: 'RANDOM123456789', MaDVC: 'VPCP', MaTichHop: '037', MaCanBo: '001090000123', MaDonVi: '000.00.01.H22', TaiKhoan: 'canbo1',
    SoDienThoai: '0', SoDinhDanh: c.SoDinhDanh, HoVaTen: c.HoVaTenKhongDau, ...over,
  };
  const fields = Object.entries(f).map(([k, v]) => `<dan:${k}>${v}</dan:${k}>`).join('');
  return `<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:dan="${DAN}"><soapenv:Header/><soapenv:Body><dan:TraCuuThongTinCongDan>${fields}<dan:NgayThangNamSinh><dan:NgayThangNam>${c.NgayThangNamSinh}</dan:NgayThangNam></dan:NgayThangNamSinh></dan:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>`;
}

describe.skipIf(!wired)('population database through the gateway', () => {
  let app: App;
  let me: Awaited<ReturnType<typeof signedIn>>;
  let c: Citizen;
  beforeAll(async () => {
    app = await ndxpApp();
    me = await signedIn(app, ['apiCSDLDC']);
    c = citizen(app.lienthong.world, 21);
  });
  afterAll(async () => app.close());

  it('is listed as a built-in API of Bộ Công an (G01)', async () => {
    const res = await app.inject({ method: 'GET', url: '/_lienthong/ndxp/apis' });
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(res.json())).toMatch(/"context":"apiCSDLDC"/);
    expect(JSON.stringify(res.json())).toMatch(/"provider":"000.00.00.G01"/);
  });

  it('answers CallApi037\'s request at the API root, the default version and a resource, with application/xml and text/xml', async () => {
    for (const [url, type] of [
      ['/ndxp/apiCSDLDC/1.0', 'application/xml'],
      ['/ndxp/apiCSDLDC', 'text/xml; charset=utf-8'],
      ['/ndxp/apiCSDLDC/1.0/TraCuuThongTinCongDan', 'application/xml'],
    ] as const) {
      const res = await call(app, url, { token: me.token, body: callApi037(c), contentType: type, headers: { soapaction: '""' } });
      expect(res.status, `${url}: ${res.text}`).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/^text\/xml/);
      expect(res.text).toContain(`<ns1:CongdanCollection xmlns:ns1="http://www.mic.gov.vn/dancu/1.0"><ns1:CongDan><ns1:SoDinhDanh>${c.SoDinhDanh}</ns1:SoDinhDanh>`);
    }
  });

  it('answers a Fault with HTTP 500 and errorCode in <detail>, and 004 once a licence excludes the procedure', async () => {
    const bad = await call(app, '/ndxp/apiCSDLDC/1.0', { token: me.token, body: callApi037(c, { SoDinhDanh: '12345' }) });
    expect(bad.status).toBe(500);
    expect(bad.text).toContain('<faultcode>soapenv:Client</faultcode>');
    expect(bad.text).toContain('<dan:errorCode>010</dan:errorCode>');

    const put = await app.inject({ method: 'PUT', url: `/_lienthong/ndxp/population/licences/${me.clientId}`, payload: { procedures: ['G15-TP110'], officials: ['*'] } });
    expect(put.statusCode).toBe(201);
    const refused = await call(app, '/ndxp/apiCSDLDC/1.0', { token: me.token, body: callApi037(c) });
    expect(refused.status).toBe(500);
    expect(refused.text).toContain('<dan:errorCode>004</dan:errorCode>');
    expect(refused.text).toContain('Thủ tục chưa được cấp phép khai thác CSDL dân cư');
    const ok = await call(app, '/ndxp/apiCSDLDC/1.0', { token: me.token, body: callApi037(c, { MaDVC: 'G15-TP110' }) });
    expect(ok.status).toBe(200);
    await app.inject({ method: 'DELETE', url: `/_lienthong/ndxp/population/licences/${me.clientId}` });
  });

  it('records the operation and the verdicts in the evidence log', async () => {
    await call(app, '/ndxp/apiCSDLDC/1.0', { token: me.token, body: callApi037(c, { HoVaTen: 'KHONG PHAI' }) });
    await app.lienthong.evidence.flush();
    const res = await app.inject({ method: 'GET', url: '/_lienthong/events?platform=ndxp&limit=1000' });
    const events = res.json().events as { operation: string; verdicts: { code: string }[] }[];
    const last = events.filter((e) => /TraCuuThongTinCongDan/.test(e.operation)).at(-1)!;
    expect(last.operation).toContain('apiCSDLDC/1.0');
    expect(last.verdicts.map((v) => v.code)).toContain('NDXP_POP_NAME_MISMATCH');
  });
});
