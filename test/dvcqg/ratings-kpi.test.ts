import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dossier, makeApp, oneStop, post, type App, type OneStop } from './support/portal.js';

let app: App;
let s: OneStop;
beforeEach(async () => {
  app = await makeApp();
  // A sub-unit whose level-1 body is not in the catalogue: its procedures are exactly those of its dossiers.
  s = await oneStop(app, '000.00.01.H99');
});
afterEach(async () => app.close());

const rating = (over: Record<string, unknown> = {}) => ({
  NgayTongHop: '11-2026',
  TongSoNguoiDanhGia: 10,
  PhanTramDanhGiaRatHaiLong: '60%',
  PhanTramDanhGiaHaiLong: '30%',
  PhanTramDanhGiaChuaHaiLong: '10%',
  DanhSachNoiDungYKien: [],
  MaThuTuc: '',
  NoiDung: 'Mức độ hài lòng',
  Madonvi: '000.00.01.H99',
  TenDonVi: 'Đơn vị thử nghiệm',
  ...over,
});

describe('DongBoDanhGia (§A8)', () => {
  it('accepts a monthly aggregate and replaces it when the same month is synced again', async () => {
    expect((await s.call('DongBoDanhGia', { data: [rating()] })).body.error_code).toBe(0);
    const again = await s.call('DongBoDanhGia', { data: [rating({ TongSoNguoiDanhGia: 20 })] });
    expect(again.body.error_code).toBe(0);
    const rows = await app.lienthong.store.db<any>().selectFrom('dvcqg_ratings').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ month: '11-2026', total: 20, very_pct: 60, not_pct: 10 });
  });

  it.each([
    ['a percentage without %', { PhanTramDanhGiaHaiLong: '30' }, 'DVCQG_RATING_BAD_PERCENT', 'data[0].PhanTramDanhGiaHaiLong'],
    ['a month in another form', { NgayTongHop: '2026-11' }, 'DVCQG_RATING_BAD_MONTH', 'data[0].NgayTongHop'],
    ['a month not yet started', { NgayTongHop: '1-2027' }, 'DVCQG_RATING_BAD_MONTH', 'data[0].NgayTongHop'],
    ['a negative count', { TongSoNguoiDanhGia: -1 }, 'DVCQG_BAD_PARAMETER', 'data[0].TongSoNguoiDanhGia'],
    ['another agency', { Madonvi: '000.00.00.G01' }, 'DVCQG_AGENCY_MISMATCH', 'data[0].Madonvi'],
  ])('refuses %s', async (_n, over, code, field) => {
    const r = await s.call('DongBoDanhGia', { data: [rating(over)] });
    expect(r.body).toMatchObject({ code, field });
  });

  it('levels that do not add up to 100 %: a warning in lenient mode, refused in strict mode', async () => {
    const lenient = await s.call('DongBoDanhGia', { data: [rating({ PhanTramDanhGiaChuaHaiLong: '20%' })] });
    expect(lenient.body.warnings[0]).toContain('= 110%');
    const strict = await oneStop(app, '000.00.02.H99', { mode: 'strict' });
    const r = await strict.call('DongBoDanhGia', { data: [rating({ Madonvi: '000.00.02.H99', PhanTramDanhGiaChuaHaiLong: '20%' })] });
    expect(r.body).toMatchObject({ error_code: 402, code: 'DVCQG_RATING_BAD_PERCENT' });
  });
});

describe('the QĐ 766 index from synced data (§A11)', () => {
  it('computes the indicators from the agency dossiers, ratings and clock (hand-checked)', async () => {
    const list = (await s.call('LayDanhSachTTHC', { pageSize: 200 })).body.result as Array<{ MATTHC: string; TENTTHC: string; MALINHVUC: string; TENLINHVUC: string; MUCDO: number }>;
    const pick = (online: boolean) => list.find((p) => (p.MUCDO > 2) === online)!;
    const asProc = (p: (typeof list)[number]) => ({ MaTTHC: p.MATTHC, TenTTHC: p.TENTTHC, MaLinhVuc: p.MALINHVUC, TenLinhVuc: p.TENLINHVUC });
    const online = asProc(pick(true));
    const offline = asProc(pick(false));
    const m = s.madonvi;
    // D1: online, finished on time with an electronic result. D2: at the desk, still open, due today 17:00.
    // D3: refused at intake (not "handled": no deadline ran).
    const d1 = dossier(m, online, 1, { HinhThuc: '1', TrangThaiHoSo: '10', NgayKetThucXuLy: '20261126100000', DanhSachGiayToKetQua: [{ TenGiayTo: 'KQ', GiayToId: '1', DuongDanTepTinKetQua: 'http://mc.example/kq/1' }] });
    const d2 = dossier(m, offline, 2, { NgayHenTra: '20261124170000', TrangThaiHoSo: '4', TaiLieuNop: [] });
    const d3 = dossier(m, online, 3, { TrangThaiHoSo: '3', TaiLieuNop: [] });
    const synced = await s.call('DongBoHoSoMC', { isUpdating: 'False', data: [d1, d2, d3] });
    expect(synced.body.error_code).toBe(0);
    expect((await s.call('DongBoDanhGia', { data: [rating()] })).body.error_code).toBe(0);
    await post(app, '/_lienthong/clock', { advance: 'P1D' }); // D2 is now overdue

    const ask = (id: string) => post(app, `/dvcqg/api/v1/reporting/evaluation/${id}`, { timeType: 'year', year: 2026, rootDepartmentId: m, currentPage: 1, pageSize: 10 });
    const child = async (group: string, id: string) => {
      const r = await ask(group);
      expect(r.status).toBe(200);
      expect(r.body.data.items[0].departmentId).toBe(m);
      return r.body.data.items[0].children.find((c: { id: string }) => c.id === id);
    };
    expect(await child('dvc-progress-tree', '2.1')).toMatchObject({ numerator: 1, denominator: 2, ratio: 0.5 }); // D1 on time of D1, D2
    expect(await child('provide-online-tree', '3.1')).toMatchObject({ numerator: 1, denominator: 2 }); // one of two procedures online
    expect(await child('provide-online-tree', '3.3')).toMatchObject({ numerator: 1, denominator: 3 }); // D1 of three dossiers
    expect(await child('dossier-digitized', '4.1')).toMatchObject({ numerator: 1, denominator: 1 }); // D1's result file
    expect(await child('dossier-digitized', '4.2')).toMatchObject({ numerator: 1, denominator: 2 }); // D1 has files, D2 none
    // 5.4 = 100 % − (overdue 50 % + not satisfied 10 %) = 40 %; target 90 % → 40/90 × 18 = 8 points.
    expect(await child('handling-satisfaction', '5.4')).toMatchObject({ ratio: 0.4, point: 8 });

    const all = await post(app, '/dvcqg/api/v1/reporting/evaluation', { timeType: 'year', year: 2026, rootDepartmentId: m });
    expect(all.body.data[0].departmentId).toBe(m);
    // Another year holds none of these dossiers.
    const empty = await post(app, '/dvcqg/api/v1/reporting/evaluation/dvc-progress-tree', { timeType: 'year', year: 2025, rootDepartmentId: m });
    expect(empty.body.data.items[0].children.find((c: { id: string }) => c.id === '2.1').denominator).toBe(0);
  });

  it('refuses a bad reporting request and an unknown group with their own codes', async () => {
    const bad = await post(app, '/dvcqg/api/v1/reporting/evaluation/transparency', { timeType: 'week', year: 2026 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error_code: 404, code: 'DVCQG_REPORT_BAD_REQUEST', field: 'timeType' });
    const month = await post(app, '/dvcqg/api/v1/reporting/evaluation/transparency', { timeType: 'month', year: 2026, month: 13 });
    expect(month.body).toMatchObject({ code: 'DVCQG_REPORT_BAD_REQUEST', field: 'month' });
    const unknown = await post(app, '/dvcqg/api/v1/reporting/evaluation/happiness', { timeType: 'year', year: 2026 });
    expect(unknown.body).toMatchObject({ error_code: 405, code: 'DVCQG_REPORT_UNKNOWN_INDEX' });
  });
});
