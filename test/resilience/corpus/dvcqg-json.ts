/**
 * DVCQG integration API (specs/dvcqg-ndxp.md §A1–§A8, §A11): login, the `{session, madonvi, service, …}`
 * POSTs and the QĐ 766 reporting API, with bodies that are not JSON objects, numbers, nulls, arrays and
 * objects where strings belong, forged and missing sessions, other agencies' codes, unknown services, and
 * dossiers, progress steps, statuses and ratings each broken one way (§A3 fields, dates, enums, batches).
 */
import { dossier, type Fixture } from './fixture.js';
import { seeded, wrongJson, type Rng } from './rng.js';
import { CaseList, type BadCase } from './types.js';

const json = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8');
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Bodies that are not a JSON object at all. */
export function notJsonObjects(rng: Rng): Buffer[] {
  return [
    Buffer.alloc(0), json('   '), json('{'), json('{"a":'), json('[]'), json('[{}]'), json('null'), json('42'), json('"text"'), json('true'),
    json(`{"session":"x",}`), json("{'session':'x'}"), json('{"session":"x"}}'), json(`<xml>${rng.lorem.word()}</xml>`),
    json(`session=x&madonvi=${rng.string.numeric(3)}`), Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), json(`${'['.repeat(5000)}${']'.repeat(4999)}`),
    json(rng.lorem.paragraph()), Buffer.concat([Buffer.from('{"session":"'), Buffer.from([0xc3]), Buffer.from('"')]),
  ];
}

export function dvcqgJsonCases(fx: Fixture, seed = 8101): BadCase[] {
  const rng = seeded(seed);
  const L = new CaseList('dvcqg-json', 'dvcqg');
  const d = fx.dvcqg;
  const post = (family: string, url: string, body: Buffer, expect: string[], headers: Record<string, string> = JSON_HEADERS) =>
    L.add(family, { method: 'POST', url, headers, payload: body }, expect);
  const service = (family: string, name: string, params: Record<string, unknown>, expect: string[], who: 'lenient' | 'strict' = 'lenient') =>
    post(family, rng.helpers.arrayElement(['/dvcqg/service', '/dvcqg/share']), json({ session: who === 'lenient' ? d.session : d.strictSession, madonvi: who === 'lenient' ? d.madonvi : d.strictMadonvi, service: name, ...params }), expect);

  // ---- login ----
  for (const body of notJsonObjects(rng)) post('login-body', '/dvcqg/login', body, ['DVCQG_BAD_JSON']);
  for (let i = 0; i < 40; i++) {
    post('login-field', '/dvcqg/login', json({ username: wrongJson(rng), password: 'x' }), ['DVCQG_MISSING_PARAMETER']);
    post('login-field', '/dvcqg/login', json({ username: 'mc-corpus', password: wrongJson(rng) }), ['DVCQG_MISSING_PARAMETER']);
    post('login-field', '/dvcqg/login', json({ password: rng.internet.password() }), ['DVCQG_MISSING_PARAMETER']);
    post('login-credentials', '/dvcqg/login', json({ username: 'mc-corpus', password: rng.internet.password() }), ['DVCQG_LOGIN_FAILED']);
    post('login-credentials', '/dvcqg/login', json({ username: rng.internet.username(), password: 'mat-khau-corpus' }), ['DVCQG_LOGIN_FAILED']);
    post('login-credentials', '/dvcqg/login', json({ username: `mc-corpus' OR '1'='1`, password: `' OR '1'='1` }), ['DVCQG_LOGIN_FAILED']);
  }
  post('login-credentials', '/dvcqg/login', json({ username: 'mc-corpus', password: 'mat-khau-corpus'.toUpperCase() }), ['DVCQG_LOGIN_FAILED']);
  post('login-credentials', '/dvcqg/login', json({ username: 'mc-corpus', password: 'x'.repeat(1_000_000) }), ['DVCQG_LOGIN_FAILED']);

  // ---- the envelope of a service call ----
  for (const url of ['/dvcqg/service', '/dvcqg/share']) for (const body of notJsonObjects(rng)) post('service-body', url, body, ['DVCQG_BAD_JSON']);
  for (let i = 0; i < 40; i++) {
    post('session', '/dvcqg/service', json({ madonvi: d.madonvi, service: 'TraCuuHoSo', MaHoSo: d.maHoSo }), ['DVCQG_SESSION_MISSING']);
    post('session', '/dvcqg/service', json({ session: wrongJson(rng) ?? 0, madonvi: d.madonvi, service: 'TraCuuHoSo' }), ['DVCQG_SESSION_MISSING']);
    const forged = rng.helpers.arrayElement([rng.string.alphanumeric(32), `${d.session}x`, d.session.slice(1), d.session.toUpperCase(), `${d.session} `, `' OR 1=1 --`, 'null', rng.string.uuid()]);
    post('session', '/dvcqg/service', json({ session: forged, madonvi: d.madonvi, service: 'TraCuuHoSo', MaHoSo: d.maHoSo }), ['DVCQG_SESSION_INVALID']);
    const other = rng.helpers.arrayElement([d.strictMadonvi, `000.00.${rng.string.numeric(2)}.H${rng.string.numeric(2)}`, d.madonvi.toLowerCase(), `${d.madonvi} `, 'G09.20']);
    post('agency', '/dvcqg/service', json({ session: d.session, madonvi: other, service: 'TraCuuHoSo', MaHoSo: d.maHoSo }), ['DVCQG_AGENCY_MISMATCH']);
    post('agency', '/dvcqg/service', json({ session: d.session, service: 'TraCuuHoSo', MaHoSo: d.maHoSo }), ['DVCQG_AGENCY_MISMATCH'], { ...JSON_HEADERS, dstcode: other });
    post('service-name', '/dvcqg/service', json({ session: d.session, madonvi: d.madonvi, service: wrongJson(rng) }), ['DVCQG_MISSING_PARAMETER']);
    post('service-name', '/dvcqg/service', json({ session: d.session, madonvi: d.madonvi }), ['DVCQG_MISSING_PARAMETER']);
    const unknown = rng.helpers.arrayElement([rng.lorem.word(), 'dongbohosomc', 'DongBoHoSoMC ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', `${rng.hacker.verb()}HoSo`]);
    post('service-name', '/dvcqg/service', json({ session: d.session, madonvi: d.madonvi, service: unknown }), ['DVCQG_UNKNOWN_SERVICE']);
  }

  // ---- DongBoHoSoMC: the data array and each §A3 dossier field ----
  let seq = 100;
  const fresh = (over: Record<string, unknown> = {}) => dossier(`${d.madonvi}-261124-${String(++seq).padStart(4, '0')}`, d.proc, over);
  const sync = (family: string, data: unknown, expect: string[], isUpdating: unknown = 'False', who: 'lenient' | 'strict' = 'lenient') =>
    service(family, 'DongBoHoSoMC', { isUpdating, data }, expect, who);
  for (let i = 0; i < 15; i++) {
    sync('data', rng.helpers.arrayElement<unknown>(['x', 0, true, {}, { 0: {} }, null]), ['DVCQG_MISSING_PARAMETER']);
    sync('data', [], ['DVCQG_MISSING_PARAMETER']);
    sync('data', Array.from({ length: rng.number.int({ min: 501, max: 2000 }) }, () => ({})), ['DVCQG_BATCH_TOO_LARGE']);
    sync('data', [rng.helpers.arrayElement<unknown>([null, 'x', 1, [], true])], ['DVCQG_BAD_PARAMETER']);
    const twice = fresh();
    sync('data', [twice, twice], ['DVCQG_DOSSIER_DUPLICATE_IN_BATCH']);
    sync('is-updating', [fresh()], ['DVCQG_BAD_PARAMETER'], rng.helpers.arrayElement(['Maybe', 'yes', '1', 0, 'TRUE', [], {}]));
  }
  const REQUIRED = ['MaHoSo', 'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'LoaiDoiTuong', 'NgayTiepNhan', 'TrangThaiHoSo', 'HinhThuc', 'DonViXuLy'];
  for (const key of REQUIRED) {
    for (let i = 0; i < 6; i++) {
      const missing = fresh();
      delete missing[key];
      sync('dossier-missing', [missing], ['DVCQG_DOSSIER_MISSING_FIELD']);
      sync('dossier-missing', [fresh({ [key]: rng.helpers.arrayElement(['', '   ', null]) })], ['DVCQG_DOSSIER_MISSING_FIELD']);
      const v = rng.helpers.arrayElement<unknown>([0, 1, 2.5, true, false, { v: '1' }, 1e308, -0]);
      sync('dossier-type', [fresh({ [key]: v })], ['DVCQG_DOSSIER_NOT_STRING']);
      sync('dossier-type', [fresh({ [key]: [rng.lorem.word()] })], ['DVCQG_DOSSIER_NOT_STRING']);
    }
  }
  const badStamp = () => rng.helpers.arrayElement(['24/11/2026 09:00', '2026-11-24T09:00:00Z', '20261131170000', '20261124250000', '2026112409000', '202611240900001', rng.lorem.word(), '00000000000000', '٢٠٢٦١١٢٤٠٩٠٠٠٠']);
  for (let i = 0; i < 40; i++) {
    sync('dossier-date', [fresh({ NgayTiepNhan: badStamp() })], ['DVCQG_DOSSIER_BAD_DATE']);
    sync('dossier-date', [fresh({ NgayHenTra: badStamp() })], ['DVCQG_DOSSIER_BAD_DATE']);
    sync('dossier-date', [fresh({ NgayTra: badStamp() })], ['DVCQG_DOSSIER_BAD_DATE']);
    sync('dossier-date', [fresh({ NgayHenTra: `202611${String(rng.number.int({ min: 1, max: 23 })).padStart(2, '0')}090000`, NgayTiepNhan: '20261124100000' })], ['DVCQG_DOSSIER_DATE_ORDER']);
    sync('dossier-enum', [fresh({ TrangThaiHoSo: rng.helpers.arrayElement(['0', '11', '99', '-1', 'Mới', '1.0', ' 2', '02x']) })], ['DVCQG_DOSSIER_BAD_ENUM']);
    sync('dossier-enum', [fresh({ HinhThuc: rng.helpers.arrayElement(['2', '9', 'online', '-1']) })], ['DVCQG_DOSSIER_BAD_ENUM']);
    sync('dossier-enum', [dossier(`${d.strictMadonvi}-261124-${String(++seq).padStart(4, '0')}`, d.proc, { LoaiDoiTuong: rng.helpers.arrayElement(['0', '3', 'cá nhân']) })], ['DVCQG_DOSSIER_BAD_ENUM'], 'False', 'strict');
    sync('dossier-procedure', [fresh({ MaTTHC: rng.helpers.arrayElement([`9.${rng.string.numeric(6)}`, `8.${rng.string.numeric(5)}`, rng.lorem.word(), `0.${rng.string.numeric(6)}`, `../${rng.string.numeric(6)}`]) })], ['DVCQG_PROCEDURE_UNKNOWN']);
    sync('dossier-code', [dossier(rng.helpers.arrayElement([`${d.strictMadonvi}-2611-1`, `X-${rng.string.numeric(6)}-0001`, rng.lorem.word()]), d.proc)], ['DVCQG_DOSSIER_BAD_CODE'], 'False', 'strict');
    sync('dossier-new-as-update', [dossier(`${d.strictMadonvi}-261124-${String(++seq).padStart(4, '0')}`, d.proc)], ['DVCQG_DOSSIER_NOT_FOUND'], 'True', 'strict');
    sync('dossier-list', [fresh({ DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: rng.helpers.arrayElement(['năm mươi', '50.000đ', '-5', '1e3', 'NaN']) }] })], ['DVCQG_BAD_PARAMETER']);
    sync('dossier-list', [fresh({ DanhSachHoSoBoSung: [{ HoSoBoSungId: '1' }] })], ['DVCQG_DOSSIER_MISSING_FIELD']);
    sync('dossier-list', [fresh({ TaiLieuNop: rng.helpers.arrayElement<unknown>(['x', 1, { a: 1 }]) })], ['DVCQG_BAD_PARAMETER', 'DVCQG_DOSSIER_NOT_STRING']);
    sync('dossier-list', [fresh({ TaiLieuNop: [rng.helpers.arrayElement<unknown>([null, 'x', 1, []])] })], ['DVCQG_DOSSIER_NOT_STRING']);
    sync('dossier-list', [fresh({ TaiLieuNop: [{ TenTepDinhKem: 'a.pdf', IsDeleted: rng.helpers.arrayElement(['yes', 'false ', '1']) }] })], ['DVCQG_DOSSIER_BAD_ENUM']);
    // Deep nesting where a string belongs.
    let deep: unknown = 'x';
    for (let k = 0; k < rng.number.int({ min: 50, max: 3000 }); k++) deep = [deep];
    sync('dossier-type', [fresh({ ChuHoSo: deep })], ['DVCQG_DOSSIER_NOT_STRING']);
    sync('dossier-type', [fresh({ ChuHoSo: { ['__proto__']: { polluted: true } } })], ['DVCQG_DOSSIER_NOT_STRING']);
  }

  // ---- progress, status and lookups ----
  const step = (over: Record<string, unknown> = {}) => ({ MaHoSo: d.maHoSo, NguoiXuLy: rng.person.fullName(), ChucDanh: 'Chuyên viên', ThoiDiemXuLy: '20261124110000', PhongBanXuLy: 'Một cửa', NoiDungXuLy: rng.lorem.sentence(), TrangThai: '3', ...over });
  for (let i = 0; i < 30; i++) {
    const key = rng.helpers.arrayElement(['MaHoSo', 'NguoiXuLy', 'ThoiDiemXuLy', 'NoiDungXuLy', 'TrangThai']);
    service('progress', 'CapNhatTienDoHoSoMC', { data: [step({ [key]: '' })] }, ['DVCQG_DOSSIER_MISSING_FIELD']);
    service('progress', 'CapNhatTienDoHoSoMC', { data: [step({ [key]: rng.helpers.arrayElement<unknown>([1, true, { a: 1 }]) })] }, ['DVCQG_DOSSIER_NOT_STRING']);
    service('progress', 'CapNhatTienDoHoSoMC', { data: [step({ ThoiDiemXuLy: badStamp() })] }, ['DVCQG_DOSSIER_BAD_DATE']);
    service('progress', 'CapNhatTienDoHoSoMC', { data: [step({ TrangThai: rng.helpers.arrayElement(['0', '11', 'xong']) })] }, ['DVCQG_DOSSIER_BAD_ENUM']);
    service('progress', 'CapNhatTienDoHoSoMC', { data: [step({ MaHoSo: `${d.madonvi}-261124-${rng.string.numeric(4)}9` })] }, ['DVCQG_DOSSIER_NOT_FOUND']);
    service('progress', 'CapNhatTienDoHoSoMC', { data: rng.helpers.arrayElement<unknown>(['x', 0, true, {}, null]) }, ['DVCQG_MISSING_PARAMETER']);
    service('status', 'DongBoTrangThaiHoSo', { type: '2', data: [{ MaHoSo: d.maHoSo, NgayXuLy: '20261124110000', TrangThai: '4' }] }, ['DVCQG_DOSSIER_NOT_FOUND']);
    service('status', 'DongBoTrangThaiHoSo', { type: '2', data: [{ MaHoSo: d.maHoSo, NgayXuLy: badStamp(), TrangThai: '4' }] }, ['DVCQG_DOSSIER_BAD_DATE']);
    service('status', 'DongBoTrangThaiHoSo', { type: '2', data: [{ MaHoSo: d.maHoSo, TrangThai: rng.helpers.arrayElement(['0', '12', 'x']), NgayXuLy: '20261124110000' }] }, ['DVCQG_DOSSIER_BAD_ENUM']);
    service('status', 'DongBoTrangThaiHoSo', { type: '2', data: [{ MaHoSo: wrongJson(rng), NgayXuLy: '20261124110000', TrangThai: '4' }] }, ['DVCQG_DOSSIER_MISSING_FIELD']);
    service('status', 'DongBoTrangThaiHoSo', { type: rng.helpers.arrayElement(['1', '3', 'x']), data: [{ MaHoSo: d.maHoSo, NgayXuLy: '20261124110000', TrangThai: '4' }] }, ['DVCQG_BAD_PARAMETER'], 'strict');
    service('lookup', 'TraCuuHoSo', { MaHoSo: wrongJson(rng) }, ['DVCQG_MISSING_PARAMETER']);
    service('lookup', 'LayThuTuc', { maTTHC: wrongJson(rng) }, ['DVCQG_MISSING_PARAMETER']);
    service('lookup', 'LayThuTuc', { maTTHC: `${rng.string.numeric(1)}.${rng.string.numeric(7)}` }, ['DVCQG_PROCEDURE_UNKNOWN']);
    service('lookup', rng.helpers.arrayElement(['LayDanhSachTTHC', 'LayDVC']), { [rng.helpers.arrayElement(['page', 'pageSize'])]: rng.helpers.arrayElement<unknown>([0, -1, 1.5, 'a', 1e9, []]) }, ['DVCQG_BAD_PARAMETER']);
    service('lookup', 'TraCuuTechID', { mstorcmnd: wrongJson(rng) }, ['DVCQG_MISSING_PARAMETER']);
    service('lookup', 'TraCuuTechID', { mstorcmnd: '001090000123', provider: rng.helpers.arrayElement<unknown>(['google', 1, null, 'WSO2IS']) }, ['DVCQG_BAD_PARAMETER']);
    service('lookup', 'TraCuuTechID', { mstorcmnd: rng.helpers.arrayElement([rng.string.numeric(12).replace(/^0/, '9'), rng.string.numeric(9), rng.lorem.word()]) }, ['DVCQG_CITIZEN_UNKNOWN']);
    service('ratings', 'DongBoDanhGia', { data: [{ Madonvi: d.madonvi, NgayTongHop: rng.helpers.arrayElement(['2026-11', '13-2026', '11/2026', '12-2099', 'x']), TongSoNguoiDanhGia: '10' }] }, ['DVCQG_RATING_BAD_MONTH']);
    service('ratings', 'DongBoDanhGia', { data: [rng.helpers.arrayElement<unknown>([null, 'x', 5])] }, ['DVCQG_BAD_PARAMETER']);
  }

  // ---- QĐ 766 reporting API and paths that are no endpoint ----
  const groups = ['transparency', 'dvc-progress-tree', 'provide-online-tree', 'formality-online-payment-tree', 'handling-satisfaction', 'dossier-digitized'];
  for (let i = 0; i < 40; i++) {
    const g = rng.helpers.arrayElement(groups);
    const bad = rng.helpers.arrayElement<Record<string, unknown>>([
      {}, { timeType: wrongJson(rng), year: 2026 }, { timeType: 'MONTH', year: rng.helpers.arrayElement<unknown>(['2026', -1, 1e9, null]) }, { timeType: 'FORTNIGHT', year: 2026 },
      { timeType: 'MONTH', year: 2026, month: rng.helpers.arrayElement<unknown>([0, 13, '11', 1.5]) }, { timeType: 'QUARTER', year: 2026, quarter: rng.helpers.arrayElement<unknown>([0, 5, 'Q1']) },
      { timeType: 'YEAR', year: 2026, currentPage: rng.helpers.arrayElement<unknown>([0, -1, 'x']) }, { timeType: 'YEAR', year: 2026, pageSize: rng.helpers.arrayElement<unknown>([0, 100000, 'all']) },
    ]);
    post('reporting', `/dvcqg/api/v1/reporting/evaluation/${g}`, json(bad), ['DVCQG_REPORT_BAD_REQUEST']);
    post('reporting', `/dvcqg/api/v1/reporting/evaluation/${rng.lorem.word()}-${rng.string.alpha(4)}`, json({ timeType: 'YEAR', year: 2026 }), ['DVCQG_REPORT_UNKNOWN_INDEX']);
    post('reporting', '/dvcqg/api/v1/reporting/evaluation', json(`{"timeType":${rng.lorem.word()}`), ['DVCQG_BAD_JSON']);
    post('endpoint', `/dvcqg/${rng.helpers.arrayElement([rng.lorem.word(), 'services', 'Service', 'login/x', 'api/v2/reporting', 'service/..%2flogin'])}`, json({}), ['DVCQG_UNKNOWN_ENDPOINT']);
  }
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'] as const) for (const url of ['/dvcqg/service', '/dvcqg/login']) L.add('endpoint', { method, url, headers: {} }, ['DVCQG_UNKNOWN_ENDPOINT']);
  return L.cases;
}
