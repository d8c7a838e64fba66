import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, makeApp, oneStop, type App, type OneStop } from './support/portal.js';

let app: App;
let s: OneStop;
beforeAll(async () => {
  app = await makeApp();
  s = await oneStop(app);
});
afterAll(async () => app.close());

const UPPER = /^[A-Z]+$/;

describe('catalogue services (§A2, §A7)', () => {
  it('LayDanhSachTTHC pages the ~6,790 national procedures and filters by keyword', async () => {
    const page1 = await s.call('LayDanhSachTTHC', { page: 1, pageSize: 3 });
    expect(page1.body).toMatchObject({ error_code: 0, total: 6790, page: 1, pageSize: 3 });
    expect(page1.body.result).toHaveLength(3);
    for (const p of page1.body.result) expect(p.MATTHC).toMatch(/^\d\.\d{6}$/);
    const page2 = await s.call('LayDanhSachTTHC', { page: 2, pageSize: 3 });
    expect(page2.body.result[0].MATTHC).not.toBe(page1.body.result[0].MATTHC);
    const birth = await s.call('LayDanhSachTTHC', { keyword: 'khai sinh' });
    expect(birth.body.total).toBeGreaterThan(0);
    expect(birth.body.result.map((p: { TENTTHC: string }) => p.TENTTHC).join('|')).toMatch(/khai sinh/i);
    const bad = await s.call('LayDanhSachTTHC', { pageSize: 0 });
    expect(bad.body).toMatchObject({ error_code: 204, code: 'DVCQG_BAD_PARAMETER', field: 'pageSize' });
  });

  it('LayThuTuc returns result[0] in the §A7 shape, by maTTHC or the older MaTTHC', async () => {
    const code = (await s.call('LayDanhSachTTHC', { pageSize: 1 })).body.result[0].MATTHC as string;
    for (const key of ['maTTHC', 'MaTTHC']) {
      const r = await s.call('LayThuTuc', { [key]: code });
      expect(r.body.error_code).toBe(0);
      const t = r.body.result[0];
      expect(t.MATTHC).toBe(code);
      for (const k of Object.keys(t)) expect(k).toMatch(UPPER);
      for (const k of ['TENTTHC', 'LINHVUCTHUCHIEN', 'TRINHTUTHUCHIEN', 'CACHTHUCTHUCHIEN', 'THANHPHANHOSO', 'KETQUATHUCHIEN', 'CANCUPHAPLY', 'COQUANTHUCHIEN', 'TRANGTHAI']) expect(t).toHaveProperty(k);
      expect(Number.isInteger(t.CACHTHUCTHUCHIEN[0].THOIGIAN[0].THOIGIANGIAIQUYET)).toBe(true);
    }
    const local = await s.call('LayThuTuc', { maTTHC: `${code}.000.00.00.H22` });
    expect(local.body.result[0].MATTHC).toBe(code);
    expect((await s.call('LayThuTuc', { maTTHC: '9.999999' })).body).toMatchObject({ error_code: 305, code: 'DVCQG_PROCEDURE_UNKNOWN', field: 'maTTHC' });
    expect((await s.call('LayThuTuc', {})).body).toMatchObject({ error_code: 203, field: 'maTTHC' });
  });

  it('LayDVC returns result.data[] of online services with integer MUCDO', async () => {
    const r = await s.call('LayDVC', { pageSize: 5 });
    expect(r.body.error_code).toBe(0);
    expect(r.body.result.data).toHaveLength(5);
    expect(r.body.result.total).toBeGreaterThan(2000);
    for (const d of r.body.result.data) {
      expect(Object.keys(d).sort()).toEqual(['APDUNGDVC', 'MADVC', 'MATTHC', 'TENCOQUANBANHANH', 'TENDVC', 'TENLINHVUC', 'TENTTHC']);
      for (const a of d.APDUNGDVC) expect([3, 4]).toContain(a.MUCDO);
    }
  });

  it('LayDanhMucCoQuan and LayDanhMucLinhVuc list agencies and fields', async () => {
    const agencies = (await s.call('LayDanhMucCoQuan')).body.result;
    expect(agencies).toContainEqual({ MADONVI: '000.00.00.G01', TENDONVI: 'Bộ Công an' });
    const fields = (await s.call('LayDanhMucLinhVuc')).body.result;
    expect(fields.length).toBeGreaterThan(50);
    expect(Object.keys(fields[0]).sort()).toEqual(['MALINHVUC', 'TENLINHVUC']);
  });

  it('TraCuuTechID finds the DVCQG account of a citizen and of an enterprise, the same as the SSO', async () => {
    const accounts = (await get(app, '/_lienthong/dvcqg/sso/accounts?limit=40')).body;
    const list = accounts.accounts as Array<{ kind: string; loginHint: string; claims: { TechID: string } }>;
    const citizen = list.find((a) => a.kind === 'citizen');
    const org = list.find((a) => a.kind === 'organisation');
    expect(citizen && org).toBeTruthy();
    for (const a of [citizen!, org!]) {
      const r = await s.call('TraCuuTechID', { provider: 'wso2is', mstorcmnd: a.loginHint });
      expect(r.body).toMatchObject({ error_code: 0, result: [{ TECHNICALID: a.claims.TechID }] });
    }
    expect((await s.call('TraCuuTechID', { provider: 'wso2is', mstorcmnd: '001000000000' })).body).toMatchObject({ error_code: 401, code: 'DVCQG_CITIZEN_UNKNOWN' });
    expect((await s.call('TraCuuTechID', { provider: 'google', mstorcmnd: citizen!.loginHint })).body).toMatchObject({ code: 'DVCQG_BAD_PARAMETER', field: 'provider' });
    expect((await s.call('TraCuuTechID', {})).body).toMatchObject({ code: 'DVCQG_MISSING_PARAMETER', field: 'mstorcmnd' });
  });
});
