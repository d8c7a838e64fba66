/**
 * The NDXP gateway and its JSON APIs (specs/dvcqg-ndxp.md §B1, §B4, §B5): bearer tokens missing, malformed,
 * forged or mismatched with lgspaccesstoken; APIs and resources that do not exist; the business registry's
 * query parameters out of form, range or order; and the category service's POST bodies with numbers,
 * strings, nulls, arrays and objects in the wrong places, unknown parents, duplicates and too many rows.
 */
import { taxCodeCheckDigit } from '../../../emulator/core/world/index.js';
import type { Fixture } from './fixture.js';
import { MAX_BODY } from './fixture.js';
import { seeded, type Rng } from './rng.js';
import { CaseList, type BadCase, type Dialect, type Method } from './types.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** A 10-digit enterprise code with a wrong check digit (or, with `valid`, a right one). */
function msdn(rng: Rng, valid: boolean): string {
  for (;;) {
    const first9 = rng.string.numeric({ length: 9, allowLeadingZeros: true });
    const check = taxCodeCheckDigit(first9);
    if (check === null) continue;
    return `${first9}${valid ? check : (check + rng.number.int({ min: 1, max: 9 })) % 10}`;
  }
}

export function ndxpGatewayCases(fx: Fixture, seed = 8202): BadCase[] {
  const rng = seeded(seed);
  const L = new CaseList('ndxp-gateway', 'ndxp-gateway');
  const token = fx.ndxp.token;
  const call = (family: string, method: Method, url: string, expect: string[], o: { headers?: Record<string, string>; body?: Buffer | string; dialect?: Dialect; auth?: boolean } = {}) =>
    L.add(
      family,
      {
        method,
        url,
        headers: { ...(o.auth === false ? {} : { authorization: `Bearer ${token}` }), ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
        ...(o.body !== undefined ? { payload: Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body, 'utf8') } : {}),
      },
      expect,
      o.dialect,
    );
  const urls = ['/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=0100109106', '/ndxp/dmdc/1.0/AllCategory', '/ndxp/apiCSDLDKDN/danhSachHoSo?from_date=24/11/2026&to_date=24/11/2026', '/ndxp/dmdc/Category/madantoc'];

  // ---- authentication at the gateway ----
  for (let i = 0; i < 40; i++) {
    const url = rng.helpers.arrayElement(urls);
    const malformed = rng.helpers.arrayElement(['Bearer', 'Bearer ', `bearer${token}`, `Basic ${b64('a:b')}`, `Token ${token}`, `Bearer ${token} extra`, `${token}`, '', `Bearer\t`]);
    call('bearer', 'GET', url, ['NDXP_MISSING_CREDENTIALS'], { auth: false, headers: malformed ? { authorization: malformed } : {} });
    const forged = rng.helpers.arrayElement([rng.string.uuid(), token.toUpperCase(), `${token.slice(0, -1)}0`, `${token}x`, `'OR'1'='1'--`, 'null', 'x'.repeat(100_000), `${token}\u00e9`]);
    call('bearer', 'GET', url, ['NDXP_INVALID_CREDENTIALS'], { auth: false, headers: { authorization: `Bearer ${forged}` } });
    const lgsp = rng.helpers.arrayElement(['not base64', b64('{}'), b64('[1]'), b64(JSON.stringify({ AccessKey: fx.ndxp.clientId, SecretKey: rng.internet.password() })), b64(JSON.stringify({ AccessKey: rng.string.alphanumeric(28), SecretKey: fx.ndxp.clientSecret }))]);
    call('lgspaccesstoken', 'GET', url, ['NDXP_INVALID_CREDENTIALS'], { headers: { lgspaccesstoken: lgsp } });
  }
  // ---- APIs and resources that do not exist ----
  for (let i = 0; i < 40; i++) {
    const ctx = rng.helpers.arrayElement([rng.lorem.word(), 'apiCSDLDKDNx', 'APICSDLDKDN', 'oauth2', 'revoke', 'getToken', rng.string.alphanumeric(300)]);
    call('unknown-api', rng.helpers.arrayElement<Method>(['GET', 'POST', 'PUT', 'DELETE']), `/ndxp/${ctx}/1.0/x`, ['NDXP_API_NOT_FOUND']);
    call('unknown-resource', 'GET', `/ndxp/apiCSDLDKDN/1.0/${rng.helpers.arrayElement([rng.lorem.word(), 'chiTietDoanhNghiep/extra', 'ChiTietDoanhNghiep', '__proto__', 'constructor', 'toString'])}`, ['NDXP_RESOURCE_NOT_FOUND']);
    call('unknown-resource', rng.helpers.arrayElement<Method>(['POST', 'PUT', 'DELETE', 'PATCH']), '/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=0100109106', ['NDXP_RESOURCE_NOT_FOUND'], { body: '{}' });
    call('unknown-resource', 'GET', `/ndxp/dmdc/1.0/${rng.helpers.arrayElement(['Categories', 'Category/a/b', 'AllCategory/x', 'metadata/madantoc'])}`, ['NDXP_RESOURCE_NOT_FOUND']);
    call('unknown-resource', 'DELETE', '/ndxp/dmdc/1.0/Category/madantoc', ['NDXP_RESOURCE_NOT_FOUND']);
  }

  // ---- business registry (§B4): query parameters ----
  const biz = (family: string, query: string, expect: string[], op = 'chiTietDoanhNghiep') => call(family, 'GET', `/ndxp/apiCSDLDKDN/1.0/${op}?${query}`, expect, { dialect: 'dkdn' });
  for (let i = 0; i < 40; i++) {
    biz('msdn', rng.helpers.arrayElement(['', 'msdn=', 'ma_so=1', 'msdn_=0100109106']), ['NDXP_DKDN_PARAM_MISSING']);
    biz('msdn', `msdn=${encodeURIComponent(rng.helpers.arrayElement([rng.string.numeric(9), rng.string.numeric(11), rng.string.alpha(10), `${rng.string.numeric(5)}-${rng.string.numeric(4)}`, '01001O9106', '٠١٠٠١٠٩١٠٦', msdn(rng, false)]))}`, ['NDXP_DKDN_MSDN_INVALID']);
    biz('msdn', `msdn=${msdn(rng, true)}&msdn=${msdn(rng, true)}`, ['NDXP_DKDN_PARAM_REPEATED']);
    biz('msdn', `msdn=${msdn(rng, true)}`, ['NDXP_DKDN_ENTERPRISE_NOT_FOUND']);
    const badDate = () => rng.helpers.arrayElement(['2026-11-24', '31/02/2026', '24/13/2026', 'today', '24/11/26', '24.11.2026', '00/11/2026']);
    biz('dates', `from_date=${encodeURIComponent(badDate())}&to_date=24/11/2026`, ['NDXP_DKDN_DATE_INVALID'], 'danhSachHoSo');
    biz('dates', 'to_date=24/11/2026', ['NDXP_DKDN_PARAM_MISSING'], 'danhSachHoSo');
    biz('dates', `from_date=2${rng.number.int({ min: 5, max: 8 })}/11/2026&to_date=2${rng.number.int({ min: 5, max: 8 })}/12/2026`, ['NDXP_DKDN_DATE_IN_FUTURE'], 'danhSachHoSo');
    biz('dates', `from_date=24/11/2026&to_date=${rng.number.int({ min: 10, max: 23 })}/11/2026`, ['NDXP_DKDN_DATE_RANGE_REVERSED'], 'danhSachHoSo');
    biz('dates', `from_date=0${rng.number.int({ min: 1, max: 9 })}/11/2026&to_date=24/11/2026`, ['NDXP_DKDN_DATE_RANGE_TOO_LONG'], 'danhSachHoSo');
    biz('paging', `from_date=24/11/2026&to_date=24/11/2026&${rng.helpers.arrayElement(['offset=-1', 'offset=x', 'limit=0', 'limit=501', 'limit=1.5', 'offset=1e9', 'limit=abc'])}`, ['NDXP_DKDN_PAGING_INVALID'], 'danhSachHoSo');
    biz('times', `from_ts=${encodeURIComponent(rng.helpers.arrayElement(['24:00', '9h', '10:60', '1000', 'noon', '-1:00']))}&to_ts=23:59`, ['NDXP_DKDN_TIME_INVALID'], 'danhSachHoSoTrongNgay');
    biz('times', 'from_ts=10:00&to_ts=09:59', ['NDXP_DKDN_DATE_RANGE_REVERSED'], 'danhSachHoSoTrongNgay');
    biz('journal', `in_journal_no=${encodeURIComponent(rng.helpers.arrayElement([rng.string.numeric(11), rng.string.numeric(13), '202613010001', '202611240000', 'abc', '2026-11-24-0001']))}`, ['NDXP_DKDN_JOURNAL_NO_INVALID'], 'tinhTrangHoSo');
    biz('journal', `in_journal_no=${rng.helpers.arrayElement(['202011240001', '202711240001', '202611249999', '202612010001'])}`, ['NDXP_DKDN_FILING_NOT_FOUND'], 'tinhTrangHoSo');
  }

  // ---- category service (§B1, §B5): queries and POST bodies ----
  const dmdc = (family: string, method: Method, path: string, expect: string[], body?: unknown, contentType?: string) =>
    call(family, method, `/ndxp/dmdc/1.0/${path}`, expect, { dialect: 'dmdc', ...(body !== undefined ? { body: Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body) } : {}), ...(contentType ? { headers: { 'content-type': contentType } } : {}) });
  for (let i = 0; i < 40; i++) {
    const unknown = rng.helpers.arrayElement([rng.lorem.word(), 'MADANTOC', 'madantoc2', '__proto__', 'constructor', '%00', 'ma%2Fdantoc']);
    dmdc('category', 'GET', `Category/${unknown}`, ['NDXP_DMDC_CATEGORY_NOT_FOUND']);
    dmdc('category', 'GET', `Metadata/${unknown}`, ['NDXP_DMDC_CATEGORY_NOT_FOUND']);
    dmdc('category', 'POST', `Category/${unknown}`, ['NDXP_DMDC_CATEGORY_NOT_FOUND'], [{}]);
    dmdc('query', 'GET', `Category/madantoc?${rng.helpers.arrayElement(['page=0', 'page=-1', 'page=x', 'pageSize=0', 'pageSize=100000', 'page=1.5', 'parent=01'])}`, ['NDXP_DMDC_QUERY_INVALID']);
    const code = rng.helpers.arrayElement(['maquocgia', 'donvihanhchinhcap2', 'qlvanbandieuhanhcap1', 'madantoc']);
    dmdc('body', 'POST', `Category/${code}`, ['NDXP_DMDC_BODY_NOT_JSON'], rng.helpers.arrayElement([' ', '{', '[{"a":1},]', "[{'MaQuocGia':'XX'}]", 'MaQuocGia=XX', '<row/>', Buffer.from([0xff, 0xfe, 0x5b, 0x5d])]));
    dmdc('body', 'POST', `Category/${code}`, ['NDXP_DMDC_BODY_SHAPE'], Buffer.from(JSON.stringify(rng.helpers.arrayElement<unknown>([42, 'row', null, true, [1, 2], [[{}]], ['x'], [null]]))));
    dmdc('body', 'POST', 'Category/maquocgia', ['NDXP_DMDC_TOO_MANY_ROWS'], Array.from({ length: rng.number.int({ min: 1001, max: 3000 }) }, (_, k) => ({ MaQuocGia: `Q${String.fromCharCode(65 + (k % 26))}`, TenQuocGia: 'x' })));
    dmdc('row', 'POST', 'Category/maquocgia', ['NDXP_DMDC_FIELD_REQUIRED'], [rng.helpers.arrayElement<unknown>([{ TenQuocGia: rng.location.country() }, { MaQuocGia: null, TenQuocGia: 'x' }, { MaQuocGia: '', TenQuocGia: 'x' }, { MaQuocGia: 'XQ' }, { MaQuocGia: 'XQ', TenQuocGia: null }])]);
    dmdc('row', 'POST', 'Category/maquocgia', ['NDXP_DMDC_FIELD_TYPE'], [{ MaQuocGia: 'XQ', TenQuocGia: rng.helpers.arrayElement<unknown>([{ vi: 'x' }, ['x'], true]) }]);
    dmdc('row', 'POST', 'Category/qlvanbandieuhanhcap1', ['NDXP_DMDC_FIELD_TYPE'], [{ MaDinhDanhCap1: '000.00.00.G99', TenDonVi: 'x', NgayBanHanhQd: rng.helpers.arrayElement<unknown>(['32/01/2026', 'hôm qua', '2026-13-01', { d: 1 }, true]) }]);
    dmdc('row', 'POST', 'Category/maquocgia', ['NDXP_DMDC_FIELD_FORMAT'], [{ MaQuocGia: rng.helpers.arrayElement(['vn', 'VNM', 'V', '12', 'V1']), TenQuocGia: rng.location.country() }]);
    dmdc('row', 'POST', 'Category/qlvanbandieuhanhcap1', ['NDXP_DMDC_FIELD_FORMAT'], [{ MaDinhDanhCap1: rng.helpers.arrayElement(['000.01.00.G22', 'G22', '000.00.00.g22', '28.22.H17']), TenDonVi: rng.company.name() }]);
    dmdc('row', 'POST', 'Category/donvihanhchinhcap2', ['NDXP_DMDC_PARENT_UNKNOWN', 'NDXP_DMDC_DUPLICATE'], [{ MaQuanHuyen: rng.string.numeric(3), TenQuanHuyen: rng.location.city(), MaTinhThanh: rng.helpers.arrayElement(['00', '99', '97', '98']) }]);
    dmdc('row', 'POST', 'Category/maquocgia', ['NDXP_DMDC_DUPLICATE'], [{ MaQuocGia: 'VN', TenQuocGia: 'Việt Nam' }]);
    dmdc('row', 'POST', 'Category/maquocgia', ['NDXP_DMDC_DUPLICATE'], [{ MaQuocGia: 'XR', TenQuocGia: 'a' }, { MaQuocGia: 'XR', TenQuocGia: 'b' }]);
    // All or nothing: a valid row next to a bad one is not stored either (the duplicate row proves it on the next run).
    dmdc('row', 'POST', 'Category/maquocgia', ['NDXP_DMDC_FIELD_TYPE', 'NDXP_DMDC_FIELD_REQUIRED'], [{ MaQuocGia: 'XS', TenQuocGia: 'ok' }, { MaQuocGia: 'XT', TenQuocGia: rng.helpers.arrayElement<unknown>([{ a: 1 }, ['x'], true, null]) }]);
  }
  for (const over of [1, 8192, MAX_BODY / 2]) {
    call('oversize', 'POST', '/ndxp/dmdc/1.0/Category/maquocgia', ['NDXP_BODY_TOO_LARGE'], { body: Buffer.alloc(MAX_BODY + over, 0x20) });
  }
  return L.cases;
}
