import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dossier, get, makeApp, oneStop, post, progress, someProcedure, type App, type OneStop } from './support/portal.js';

let app: App;
let s: OneStop;
let proc: Awaited<ReturnType<typeof someProcedure>>;
beforeEach(async () => {
  app = await makeApp();
  s = await oneStop(app);
  proc = await someProcedure(s);
});
afterEach(async () => app.close());

/** yyyyMMddHHmmss in Vietnam time → ISO instant. */
const vnInstant = (t: string) => new Date(Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10) - 7, +t.slice(10, 12), +t.slice(12, 14))).toISOString();
const sync = (one: OneStop, data: unknown[], isUpdating = 'False') => one.call('DongBoHoSoMC', { isUpdating, data });

describe('DongBoHoSoMC validation (§A3, §A6)', () => {
  it('accepts a complete dossier and TraCuuHoSo finds it', async () => {
    const d = dossier(s.madonvi, proc, 1);
    const r = await sync(s, [d]);
    expect(r.body).toMatchObject({ error_code: 0, result: [{ MaHoSo: d.MaHoSo, action: 'created' }] });
    expect(r.body.warnings).toBeUndefined();
    const found = await s.call('TraCuuHoSo', { MaHoSo: d.MaHoSo });
    expect(found.body.result).toHaveLength(1);
    expect(found.body.result[0]).toMatchObject({ MaHoSo: d.MaHoSo, TrangThaiHoSo: '2', MaTTHC: proc.MaTTHC });
    expect((await s.call('TraCuuHoSo', { MaHoSo: 'none' })).body.result).toEqual([]);
  });

  const cases: Array<[string, Record<string, unknown>, string, number, string]> = [
    ['a missing required field', { TenLinhVuc: undefined }, 'DVCQG_DOSSIER_MISSING_FIELD', 301, 'data[0].TenLinhVuc'],
    ['an empty required field', { DonViXuLy: '' }, 'DVCQG_DOSSIER_MISSING_FIELD', 301, 'data[0].DonViXuLy'],
    ['a number instead of a string', { TrangThaiHoSo: 2 }, 'DVCQG_DOSSIER_NOT_STRING', 302, 'data[0].TrangThaiHoSo'],
    ['a date in another form', { NgayTiepNhan: '24/11/2026 09:00' }, 'DVCQG_DOSSIER_BAD_DATE', 303, 'data[0].NgayTiepNhan'],
    ['a date that does not exist', { NgayHenTra: '20261131170000' }, 'DVCQG_DOSSIER_BAD_DATE', 303, 'data[0].NgayHenTra'],
    ['an unknown procedure', { MaTTHC: '9.999999' }, 'DVCQG_PROCEDURE_UNKNOWN', 305, 'data[0].MaTTHC'],
    ['a status outside 1–10', { TrangThaiHoSo: '11' }, 'DVCQG_DOSSIER_BAD_ENUM', 306, 'data[0].TrangThaiHoSo'],
    ['a bad HinhThuc', { HinhThuc: '2' }, 'DVCQG_DOSSIER_BAD_ENUM', 306, 'data[0].HinhThuc'],
    ['a due date before intake', { NgayHenTra: '20261120170000' }, 'DVCQG_DOSSIER_DATE_ORDER', 311, 'data[0].NgayHenTra'],
    ['a fee that is not an amount', { DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: 'năm mươi' }] }, 'DVCQG_BAD_PARAMETER', 204, 'data[0].DanhSachLePhi[0].Gia'],
    ['a supplement without its date', { DanhSachHoSoBoSung: [{ HoSoBoSungId: '1' }] }, 'DVCQG_DOSSIER_MISSING_FIELD', 301, 'data[0].DanhSachHoSoBoSung[0].NgayBoSung'],
  ];
  it.each(cases)('refuses %s with its own code, naming the field', async (_name, over, code, wire, field) => {
    const d = dossier(s.madonvi, proc, 2, over);
    for (const [k, v] of Object.entries(over)) if (v === undefined) delete d[k];
    const r = await sync(s, [d]);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body).toMatchObject({ error_code: wire, code, field });
    expect(r.body.message).toContain(field);
    expect((await s.call('TraCuuHoSo', { MaHoSo: d.MaHoSo })).body.result).toEqual([]);
  });

  it('is all-or-nothing: one bad dossier refuses the call and stores none, listing every problem', async () => {
    const good = dossier(s.madonvi, proc, 3);
    const bad = dossier(s.madonvi, proc, 4, { NgayTiepNhan: 'x', HinhThuc: '7' });
    const r = await sync(s, [good, bad]);
    expect(r.body.code).toBe('DVCQG_DOSSIER_BAD_ENUM');
    expect(r.body.problems.map((p: { field: string }) => p.field)).toEqual(['data[1].HinhThuc', 'data[1].NgayTiepNhan']);
    expect((await s.call('TraCuuHoSo', { MaHoSo: good.MaHoSo })).body.result).toEqual([]);
  });

  it('refuses a data array that is missing, empty, too large or repeats a MaHoSo', async () => {
    expect((await s.call('DongBoHoSoMC', { isUpdating: 'False' })).body).toMatchObject({ code: 'DVCQG_MISSING_PARAMETER', field: 'data' });
    expect((await sync(s, [])).body).toMatchObject({ code: 'DVCQG_MISSING_PARAMETER', rule: 'at least 1 item' });
    expect((await sync(s, Array.from({ length: 501 }, () => ({})))).body).toMatchObject({ error_code: 312, code: 'DVCQG_BATCH_TOO_LARGE' });
    const d = dossier(s.madonvi, proc, 5);
    expect((await sync(s, [d, d])).body).toMatchObject({ code: 'DVCQG_DOSSIER_DUPLICATE_IN_BATCH', field: 'data[1].MaHoSo' });
    expect((await s.call('DongBoHoSoMC', { isUpdating: 'Maybe', data: [d] })).body).toMatchObject({ code: 'DVCQG_BAD_PARAMETER', field: 'isUpdating' });
  });

  it('checks MaHoSo against the pattern: a warning in lenient mode, an error in strict mode, configurable', async () => {
    const odd = dossier(s.madonvi, proc, 6, { MaHoSo: 'G09.20-20260609-0092637' });
    const lenient = await sync(s, [odd]);
    expect(lenient.body.error_code).toBe(0);
    expect(lenient.body.warnings[0]).toContain('does not match');
    const strict = await oneStop(app, '000.00.02.H22', { mode: 'strict' });
    const refused = await sync(strict, [dossier(strict.madonvi, proc, 1, { MaHoSo: '000.00.02.H22-2611-1' })]);
    expect(refused.body).toMatchObject({ error_code: 304, code: 'DVCQG_DOSSIER_BAD_CODE', field: 'data[0].MaHoSo' });
    const igate = await oneStop(app, 'G09.20', { mode: 'strict', dossierCodePattern: '^{madonvi}-\\d{8}-\\d{7}$' });
    expect((await sync(igate, [dossier('G09.20', proc, 1, { MaHoSo: 'G09.20-20260609-0092638' })])).body.error_code).toBe(0);
  });

  it('keeps dossiers to their agency: another agency can neither overwrite nor see them', async () => {
    const d = dossier(s.madonvi, proc, 7);
    await sync(s, [d]);
    const other = await oneStop(app, '000.00.01.H30');
    const r = await sync(other, [d], 'True');
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error_code: 309, code: 'DVCQG_DOSSIER_NOT_OWNER' });
    expect((await other.call('TraCuuHoSo', { MaHoSo: d.MaHoSo })).body.result).toEqual([]);
    const p = await other.call('CapNhatTienDoHoSoMC', { data: [progress(String(d.MaHoSo), '4', '20261124100000')] });
    expect(p.body.code).toBe('DVCQG_DOSSIER_NOT_OWNER');
  });

  it('isUpdating that contradicts the portal: warning in lenient mode, 307/308 in strict mode', async () => {
    const d = dossier(s.madonvi, proc, 8);
    const created = await sync(s, [d], 'True');
    expect(created.body.error_code).toBe(0);
    expect(created.body.warnings.join()).toContain('isUpdating is "True"');
    const again = await sync(s, [d], 'False');
    expect(again.body.result[0].action).toBe('updated');
    const strict = await oneStop(app, '000.00.02.H22', { mode: 'strict' });
    const sd = dossier(strict.madonvi, proc, 1);
    expect((await sync(strict, [sd], 'True')).body).toMatchObject({ error_code: 308, code: 'DVCQG_DOSSIER_NOT_FOUND' });
    expect((await sync(strict, [sd], 'False')).body.error_code).toBe(0);
    expect((await sync(strict, [sd], 'False')).body).toMatchObject({ error_code: 307, code: 'DVCQG_DOSSIER_EXISTS' });
  });
});

describe('the dossier life cycle (§A5)', () => {
  it('walks 1 → 2 → 4 → 5 → 4 → 6 → 9 → 10 with progress, keeps the history and judges timeliness', async () => {
    const d = dossier(s.madonvi, proc, 20, { TrangThaiHoSo: '1', HinhThuc: '1', NgayTiepNhan: '20261124090000', NgayHenTra: '20261127170000' });
    const code = String(d.MaHoSo);
    expect((await sync(s, [d])).body.error_code).toBe(0);
    const steps: Array<[string, string]> = [['2', '20261124093000'], ['4', '20261124100000'], ['5', '20261125090000'], ['4', '20261125150000'], ['6', '20261126090000'], ['9', '20261126160000']];
    for (const [status, at] of steps) {
      // The one-stop system syncs as things happen: the emulator clock follows the steps.
      await post(app, '/_lienthong/clock', { set: vnInstant(at) });
      await s.login();
      await sync(s, [{ ...d, TrangThaiHoSo: status }], 'True');
      const r = await s.call('CapNhatTienDoHoSoMC', { data: [progress(code, status, at)] });
      expect(r.body, `step to ${status}`).toMatchObject({ error_code: 0 });
      expect(r.body.warnings, `step to ${status}`).toBeUndefined();
    }
    await sync(s, [{ ...d, TrangThaiHoSo: '10', NgayTra: '20261126170000', DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy phép', GiayToId: '1', DuongDanTepTinKetQua: 'http://mc.example/kq/1' }] }], 'True');
    const seen = await get(app, `/_lienthong/dvcqg/dossiers/${encodeURIComponent(code)}`);
    expect(seen.body.TrangThaiHoSo).toBe(10);
    expect(seen.body.history.map((h: { kind: string; TrangThai: number }) => `${h.kind}:${h.TrangThai}`)).toEqual([
      'sync:1', 'sync:2', 'progress:2', 'sync:4', 'progress:4', 'sync:5', 'progress:5', 'sync:4', 'progress:4', 'sync:6', 'progress:6', 'sync:9', 'progress:9', 'sync:10',
    ]);
    // Finished at the status-9 step (26/11 16:00 VN), before the due date 27/11 17:00.
    expect(seen.body.timeliness).toMatchObject({ dueAt: '2026-11-27T10:00:00.000Z', onTime: true, overdue: false });
    expect(seen.body.timeliness.finishedAt).toMatch(/^2026-11-26T09:00:00/);
  });

  it('an open dossier becomes overdue when the emulator clock passes NgayHenTra', async () => {
    const d = dossier(s.madonvi, proc, 21, { NgayHenTra: '20261124170000' });
    await sync(s, [d]);
    const url = `/_lienthong/dvcqg/dossiers/${encodeURIComponent(String(d.MaHoSo))}`;
    expect((await get(app, url)).body.timeliness).toMatchObject({ onTime: true, overdue: false });
    await post(app, '/_lienthong/clock', { advance: 'PT8H' });
    expect((await get(app, url)).body.timeliness).toMatchObject({ onTime: false, overdue: true, finishedAt: null });
  });

  it('an illegal transition is a warning in lenient mode and DVCQG_STATUS_TRANSITION (310) in strict mode', async () => {
    const d = dossier(s.madonvi, proc, 22, { TrangThaiHoSo: '10' });
    const first = await sync(s, [d]);
    expect(first.body.error_code).toBe(0);
    expect(first.body.warnings[0]).toContain('starts at status 1, 2 or 3');
    const back = await s.call('CapNhatTienDoHoSoMC', { data: [progress(String(d.MaHoSo), '4', '20261124100000')] });
    expect(back.body.warnings[0]).toContain('status 10 (Đã trả kết quả) is final');

    const strict = await oneStop(app, '000.00.02.H22', { mode: 'strict' });
    const sd = dossier(strict.madonvi, proc, 1, { TrangThaiHoSo: '2' });
    await sync(strict, [sd]);
    const skip = await strict.call('CapNhatTienDoHoSoMC', { data: [progress(String(sd.MaHoSo), '10', '20261124100000')] });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ error_code: 310, code: 'DVCQG_STATUS_TRANSITION', field: 'data[0].TrangThai' });
    expect(skip.body.message).toContain('status 10 (Đã trả kết quả) may not follow status 2 (Được tiếp nhận)');
    expect((await get(app, `/_lienthong/dvcqg/dossiers/${encodeURIComponent(String(sd.MaHoSo))}`)).body.TrangThaiHoSo).toBe(2);
  });

  it('progress needs the dossier first, valid fields, and steps not before intake', async () => {
    const none = await s.call('CapNhatTienDoHoSoMC', { data: [progress('000.00.01.H22-261124-0999', '2', '20261124100000')] });
    expect(none.body).toMatchObject({ error_code: 308, code: 'DVCQG_DOSSIER_NOT_FOUND' });
    const d = dossier(s.madonvi, proc, 23);
    await sync(s, [d]);
    const missing = await s.call('CapNhatTienDoHoSoMC', { data: [progress(String(d.MaHoSo), '4', '20261124100000', { NguoiXuLy: '' })] });
    expect(missing.body).toMatchObject({ code: 'DVCQG_DOSSIER_MISSING_FIELD', field: 'data[0].NguoiXuLy' });
    const early = await s.call('CapNhatTienDoHoSoMC', { data: [progress(String(d.MaHoSo), '4', '20261123100000')] });
    expect(early.body.warnings[0]).toContain('before the dossier was received');
  });
});
