/**
 * One seed, one world: the people and enterprises of the synthetic world are the same whichever platform a
 * system asks — the population database (SOAP behind the NDXP gateway, §B2), the business registry
 * (apiCSDLDKDN, §B4), and DVCQG's SSO (A9) and TraCuuTechID (§A2). Driven through the public surfaces only
 * (the control plane's samples, the gateway, the portal), never the world modules.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneStop, type OneStop } from '../dvcqg/support/portal.js';
import { call, makeApp, signedIn, type App } from './support/gateway.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const DAN = 'http://dancuquocgia.bca';
const NS1 = 'http://www.mic.gov.vn/dancu/1.0';
const RP_REDIRECT = 'http://127.0.0.1:9/dvcqgsso/auth';

interface CitizenSample {
  index: number;
  SoDinhDanh: string;
  SoCMND: string;
  /** The DVCQG TechID the sample carries (what TraCuuTechID answers for SoDinhDanh). */
  techId: string;
  HoVaTen: string;
  HoVaTenKhongDau: string;
  NgayThangNamSinh: string;
  GioiTinh: number | string;
}
interface EnterpriseSample {
  index: number;
  msdn: string;
  NAME: string;
  legalRepresentatives: Array<{ SoDinhDanh: string; HoVaTen: string }>;
}

/** Upper case as the population database writes names (with diacritics). */
const upper = (s: string) => s.toLocaleUpperCase('vi-VN');

async function getJson(app: App, url: string): Promise<any> {
  const res = await app.inject({ method: 'GET', url });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const citizens = async (app: App, query: string): Promise<{ count: number; seed: number; citizens: CitizenSample[] }> => getJson(app, `/_lienthong/ndxp/citizens?${query}`);
const enterprises = async (app: App, query: string): Promise<{ count: number; seed: number; enterprises: EnterpriseSample[] }> => getJson(app, `/_lienthong/ndxp/enterprises?${query}`);

/** A population-database request as CallApi037 writes it; `person` holds SoDinhDanh and, for TraCuu, HoVaTen and the date. */
function soap(operation: string, person: { SoDinhDanh: string; HoVaTen?: string; NgayThangNam?: string }): string {
  const f: Record<string, string> = { MaYeuCau: 'ONEWORLD0000001', MaDVC: 'VPCP', MaTichHop: '037', MaCanBo: '001090000123', MaDonVi: '000.00.01.H22', TaiKhoan: 'canbo1', SoDienThoai: '0', SoDinhDanh: person.SoDinhDanh };
  if (person.HoVaTen !== undefined) f.HoVaTen = person.HoVaTen;
  const fields = Object.entries(f).map(([k, v]) => `<dan:${k}>${v}</dan:${k}>`).join('');
  const date = person.NgayThangNam === undefined ? '' : `<dan:NgayThangNamSinh><dan:NgayThangNam>${person.NgayThangNam}</dan:NgayThangNam></dan:NgayThangNamSinh>`;
  return `<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:dan="${DAN}"><soapenv:Header/><soapenv:Body><dan:${operation}>${fields}${date}</dan:${operation}></soapenv:Body></soapenv:Envelope>`;
}

interface Found {
  SoDinhDanh: string;
  SoCMND: string;
  HoVaTen: string;
  NgayThangNamSinh: string;
  GioiTinh: string;
  /** ThuongTru/ChiTiet: the permanent address written out, upper case. */
  ThuongTru: string;
}

/** Posts a population request through the gateway; the CongDan entries of //Body/ns1:CongdanCollection. */
async function population(app: App, token: string, body: string): Promise<{ text: string; found: Found[] }> {
  const res = await call(app, '/ndxp/apiCSDLDC/1.0', { token, body, headers: { soapaction: '""' } });
  expect(res.status, res.text).toBe(200);
  const doc = new DOMParser().parseFromString(res.text, 'text/xml');
  const collection = doc.getElementsByTagNameNS(NS1, 'CongdanCollection');
  expect(collection.length, res.text).toBe(1);
  const child = (e: Element, name: string) => Array.from(e.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === NS1 && (n as Element).localName === name);
  const text = (e: Element | undefined) => e?.textContent ?? '';
  const found = Array.from((collection[0] as Element).childNodes)
    .filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === 'CongDan')
    .map((c) => ({
      SoDinhDanh: text(child(c, 'SoDinhDanh')),
      SoCMND: text(child(c, 'SoCMND')),
      HoVaTen: text(child(child(c, 'HoVaTen')!, 'Ten')),
      NgayThangNamSinh: text(child(child(c, 'NgayThangNamSinh')!, 'NgayThangNam')),
      GioiTinh: text(child(c, 'GioiTinh')),
      ThuongTru: text(child(child(c, 'ThuongTru')!, 'ChiTiet')),
    }));
  return { text: res.text, found };
}

const traCuu = (app: App, token: string, c: CitizenSample) =>
  population(app, token, soap('TraCuuThongTinCongDan', { SoDinhDanh: c.SoDinhDanh, HoVaTen: c.HoVaTenKhongDau, NgayThangNam: c.NgayThangNamSinh }));
/** By number alone (CungCapThongTinCongDan: name and date optional), for people known only by number and name. */
const byNumber = (app: App, token: string, soDinhDanh: string) => population(app, token, soap('CungCapThongTinCongDan', { SoDinhDanh: soDinhDanh }));

/**
 * A headless DVCQG sign-in (A9) through app.inject: authorize with login_hint, follow the emulator's own
 * redirects without cookies until the relying party's redirect_uri, exchange the code, read userinfo.
 */
async function ssoUserinfo(app: App, loginHint: string): Promise<Record<string, any>> {
  const host = 'one-world.test';
  const q = new URLSearchParams({ response_type: 'code', client_id: 'one-world', redirect_uri: RP_REDIRECT, scope: 'openid', acr_values: 'LoA1', state: 'st', login_hint: loginHint });
  let url = `/dvcqg/oauth2/authorize?${q}`;
  let landed: URL | null = null;
  for (let hop = 0; hop < 10 && !landed; hop++) {
    const res = await app.inject({ method: 'GET', url, headers: { host } });
    const location = res.headers.location;
    if (res.statusCode < 300 || res.statusCode >= 400 || typeof location !== 'string') throw new Error(`authorize hop ${hop}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const next = new URL(location, `http://${host}${url}`);
    if (next.host === host) url = `${next.pathname}${next.search}`;
    else landed = next;
  }
  const code = landed?.searchParams.get('code');
  if (!code) throw new Error(`no code: landed on ${landed?.href}`);
  const tokenRes = await app.inject({
    method: 'POST',
    url: '/dvcqg/oauth2/token',
    headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: RP_REDIRECT, client_id: 'one-world', client_secret: 'one-world-secret' }).toString(),
  });
  if (tokenRes.statusCode !== 200) throw new Error(`token: ${tokenRes.statusCode} ${tokenRes.body}`);
  const info = await app.inject({ method: 'GET', url: '/dvcqg/oauth2/userinfo', headers: { host, authorization: `Bearer ${tokenRes.json().access_token}` } });
  if (info.statusCode !== 200) throw new Error(`userinfo: ${info.statusCode} ${info.body}`);
  return info.json();
}

async function registerRelyingParty(app: App): Promise<void> {
  const res = await app.inject({ method: 'POST', url: '/_lienthong/dvcqg/sso/clients', headers: { host: 'one-world.test' }, payload: { clientId: 'one-world', clientSecret: 'one-world-secret', redirectUris: [RP_REDIRECT] } });
  if (res.statusCode !== 201) throw new Error(`sso client: ${res.statusCode} ${res.body}`);
}

const techId = async (s: OneStop, id: string) => (await s.call('TraCuuTechID', { provider: 'wso2is', mstorcmnd: id })).body;

describe('one seed, one world across NDXP and DVCQG', () => {
  let app: App;
  let token: string;
  let portal: OneStop;
  beforeAll(async () => {
    app = await makeApp();
    ({ token } = await signedIn(app, ['apiCSDLDC', 'apiCSDLDKDN']));
    portal = await oneStop(app);
    await registerRelyingParty(app);
  });
  afterAll(async () => app.close());

  it('a sampled citizen is found by the population database with the same name and birth date, and signs in on DVCQG as the same person (same address)', async () => {
    const sample = await citizens(app, 'limit=20');
    expect(sample.count).toBe(100_000);
    // Several people across the world (spread over indices), not only the first.
    for (const c of sample.citizens.filter((_, k) => k % 5 === 2)) {
      const { found } = await traCuu(app, token, c);
      expect(found, c.SoDinhDanh).toHaveLength(1);
      expect(found[0]).toMatchObject({ SoDinhDanh: c.SoDinhDanh, SoCMND: c.SoCMND, HoVaTen: upper(c.HoVaTen), NgayThangNamSinh: c.NgayThangNamSinh, GioiTinh: String(c.GioiTinh) });

      const info = await ssoUserinfo(app, c.SoDinhDanh);
      expect(info).toMatchObject({ LoaiTaiKhoan: '1', SoDinhDanh: c.SoDinhDanh, SoCMND: c.SoCMND, HoVaTen: c.HoVaTen, GioiTinh: String(c.GioiTinh) });
      expect(upper(info.DiaChi)).toBe(found[0]!.ThuongTru);
      expect((await techId(portal, c.SoDinhDanh)).result).toEqual([{ TECHNICALID: info.TechID }]);
      expect(c.techId).toBe(info.TechID);
    }
  });

  it('every citizen account DVCQG lists carries the SoDinhDanh, name and address the population database answers for that number', async () => {
    const listed = (await getJson(app, '/_lienthong/dvcqg/sso/accounts?kind=citizen')).accounts as Array<{ kind: string; loginHint: string; techId: string; claims: Record<string, string> }>;
    expect(listed.length).toBeGreaterThan(0);
    for (const a of listed) {
      expect(a.kind).toBe('citizen');
      const { found } = await byNumber(app, token, a.claims.SoDinhDanh!);
      expect(found, a.loginHint).toHaveLength(1);
      expect(found[0]).toMatchObject({ SoDinhDanh: a.claims.SoDinhDanh, SoCMND: a.claims.SoCMND, HoVaTen: upper(a.claims.HoVaTen!), GioiTinh: a.claims.GioiTinh, ThuongTru: upper(a.claims.DiaChi!) });
      expect((await techId(portal, a.claims.SoDinhDanh!)).result).toEqual([{ TECHNICALID: a.techId }]);
    }
  });

  it('a number in no one\'s name is unknown to both: an empty CongdanCollection and DVCQG_CITIZEN_UNKNOWN', async () => {
    const c = (await citizens(app, 'limit=1&offset=7')).citizens[0]!;
    // Same province, sex/century digit and birth year; a serial of another person or nobody. Find one that is nobody.
    let nobody: string | null = null;
    for (let serial = 1; serial < 50 && !nobody; serial++) {
      const id = `${c.SoDinhDanh.slice(0, 6)}${String((Number(c.SoDinhDanh.slice(6)) + serial * 7919) % 1_000_000 || 1).padStart(6, '0')}`;
      if ((await byNumber(app, token, id)).found.length === 0) nobody = id;
    }
    expect(nobody).not.toBeNull();
    expect((await traCuu(app, token, { ...c, SoDinhDanh: nobody! })).found).toEqual([]);
    expect(await techId(portal, nobody!)).toMatchObject({ error_code: 401, code: 'DVCQG_CITIZEN_UNKNOWN' });
  });

  it('a sampled enterprise is the registry\'s, the same organisation DVCQG resolves by tax code, and its legal representative is a citizen', async () => {
    const sample = (await enterprises(app, 'limit=6')).enterprises;
    expect(sample.length).toBe(6);
    for (const e of sample) {
      const reg = await call(app, `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${e.msdn}`, { token });
      expect(reg.status, reg.text).toBe(200);
      const m = reg.json.Data.MainInformation;
      expect(m.ENTERPRISE_GDT_CODE).toBe(e.msdn);
      expect(m.NAME).toBe(e.NAME);
      expect(m.LEGAL_NAMES).toBe(e.legalRepresentatives.map((r) => upper(r.HoVaTen)).join(';'));

      const tech = await techId(portal, e.msdn);
      expect(tech.error_code, JSON.stringify(tech)).toBe(0);
      const info = await ssoUserinfo(app, e.msdn);
      expect(info).toMatchObject({ LoaiTaiKhoan: '2', TechID: tech.result[0].TECHNICALID, MaSoThue: e.msdn, MaSoDoanhNghiep: e.msdn, TenDoanhNghiep: m.NAME, DiaChi: m.HOAddress.AddressFullText });

      const rep = e.legalRepresentatives[0]!;
      expect(info.HoVaTen).toBe(rep.HoVaTen);
      const person = (await byNumber(app, token, rep.SoDinhDanh)).found;
      expect(person, rep.SoDinhDanh).toHaveLength(1);
      expect(person[0]!.HoVaTen).toBe(upper(rep.HoVaTen));
      expect((await techId(portal, rep.SoDinhDanh)).error_code).toBe(0);
    }
  });
});

describe('the seed decides the world', () => {
  let a: App;
  let b: App;
  let other: App;
  beforeAll(async () => {
    [a, b, other] = await Promise.all([makeApp(), makeApp(), makeApp({ seed: 7 })]);
  });
  afterAll(async () => {
    await Promise.all([a, b, other].map((x) => x.close()));
  });

  it('two apps with the same seed answer the same lookups byte for byte', async () => {
    const [sa, sb] = await Promise.all([citizens(a, 'limit=5&offset=123'), citizens(b, 'limit=5&offset=123')]);
    expect(sb).toEqual(sa);
    const c = sa.citizens[3]!;
    const [ta, tb] = await Promise.all([signedIn(a, ['apiCSDLDC', 'apiCSDLDKDN']), signedIn(b, ['apiCSDLDC', 'apiCSDLDKDN'])]);
    const [ra, rb] = [await traCuu(a, ta.token, c), await traCuu(b, tb.token, c)];
    expect(ra.found).toHaveLength(1);
    expect(rb.text).toBe(ra.text);

    const e = (await enterprises(a, 'limit=1&offset=77')).enterprises[0]!;
    expect((await enterprises(b, 'limit=1&offset=77')).enterprises[0]).toEqual(e);
    const [ea, eb] = [await call(a, `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${e.msdn}`, { token: ta.token }), await call(b, `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${e.msdn}`, { token: tb.token })];
    expect(ea.status).toBe(200);
    expect(eb.text).toBe(ea.text);

    const [pa, pb] = [await oneStop(a), await oneStop(b)];
    expect((await techId(pb, c.SoDinhDanh)).result).toEqual((await techId(pa, c.SoDinhDanh)).result);
  });

  it('another seed is another world: other citizens, and the first world\'s people are not in it', async () => {
    const [mine, theirs] = await Promise.all([citizens(a, 'limit=5'), citizens(other, 'limit=5')]);
    expect(theirs.seed).toBe(7);
    expect(theirs.count).toBe(mine.count);
    const ids = new Set(mine.citizens.map((c) => c.SoDinhDanh));
    expect(theirs.citizens.filter((c) => ids.has(c.SoDinhDanh))).toEqual([]);
    expect(theirs.citizens.map((c) => c.HoVaTen)).not.toEqual(mine.citizens.map((c) => c.HoVaTen));

    // The seed-102 person, asked by name and date, is nobody in world 7.
    const { token } = await signedIn(other, ['apiCSDLDC']);
    expect((await traCuu(other, token, mine.citizens[1]!)).found).toEqual([]);
  });
});

describe('--population sizes the world of both platforms', () => {
  let small: App;
  let full: App;
  let smallToken: string;
  let fullToken: string;
  let smallPortal: OneStop;
  let fullPortal: OneStop;
  beforeAll(async () => {
    [small, full] = await Promise.all([makeApp({ population: 300 }), makeApp()]);
    [{ token: smallToken }, { token: fullToken }] = await Promise.all([signedIn(small, ['apiCSDLDC', 'apiCSDLDKDN']), signedIn(full, ['apiCSDLDC'])]);
    [smallPortal, fullPortal] = await Promise.all([oneStop(small), oneStop(full)]);
  });
  afterAll(async () => {
    await Promise.all([small.close(), full.close()]);
  });

  it('NDXP has citizens 0–299 and no more', async () => {
    const last = await citizens(small, 'offset=299&limit=1');
    expect(last.count).toBe(300);
    expect(last.citizens.map((c) => c.index)).toEqual([299]);
    const { found } = await traCuu(small, smallToken, last.citizens[0]!);
    expect(found.map((f) => f.SoDinhDanh)).toEqual([last.citizens[0]!.SoDinhDanh]);
    const beyond = await small.inject({ method: 'GET', url: '/_lienthong/ndxp/citizens?offset=300&limit=1' });
    expect(beyond.statusCode).toBe(400);
  });

  it('a person of the default world with index ≥ 300 is unknown to the population database and to DVCQG TraCuuTechID', async () => {
    const outside = (await citizens(full, 'offset=4321&limit=3')).citizens;
    expect(outside.every((c) => c.index >= 300)).toBe(true);
    for (const c of outside) {
      expect((await traCuu(full, fullToken, c)).found, `control: ${c.SoDinhDanh} in the default world`).toHaveLength(1);
      expect((await techId(fullPortal, c.SoDinhDanh)).error_code).toBe(0);
      expect((await traCuu(small, smallToken, c)).found, c.SoDinhDanh).toEqual([]);
      expect(await techId(smallPortal, c.SoDinhDanh)).toMatchObject({ error_code: 401, code: 'DVCQG_CITIZEN_UNKNOWN' });
    }
  });

  it('the small world\'s enterprises are represented by its own citizens, whom both platforms know', async () => {
    for (const e of (await enterprises(small, 'limit=5')).enterprises) {
      for (const rep of e.legalRepresentatives) {
        const { found } = await byNumber(small, smallToken, rep.SoDinhDanh);
        expect(found.map((f) => f.HoVaTen), `${e.msdn} ${rep.SoDinhDanh}`).toEqual([upper(rep.HoVaTen)]);
        expect((await techId(smallPortal, rep.SoDinhDanh)).error_code).toBe(0);
      }
    }
  });
});
