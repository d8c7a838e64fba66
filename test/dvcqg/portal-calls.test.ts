import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dossier, fakeOneStop, get, makeApp, oneStop, post, someProcedure, type App } from './support/portal.js';

let app: App;
let closers: Array<() => Promise<void>>;
beforeEach(async () => {
  app = await makeApp();
  closers = [];
});
afterEach(async () => {
  await app.close();
  for (const c of closers) await c();
});

describe('portal → one-stop lookup (§A4 /direct)', () => {
  it('passes when the one-stop system answers with the §A4 fields matching what it synced', async () => {
    let status = '2';
    const sut = await fakeOneStop((_path, body) => ({ body: { MaHoSo: body.masohoso, MaTTHC: proc.MaTTHC, TenTTHC: proc.TenTTHC, MaLinhVuc: proc.MaLinhVuc, TenLinhVuc: proc.TenLinhVuc, LoaiDoiTuong: '1', TrangThaiHoSo: status, HinhThuc: '0', DonViXuLy: 'UBND' } }));
    closers.push(sut.close);
    const s = await oneStop(app, '000.00.01.H22', { callbackUrl: sut.url });
    const proc = await someProcedure(s);
    const d = dossier(s.madonvi, proc, 1);
    await s.call('DongBoHoSoMC', { isUpdating: 'False', data: [d] });
    const ok = await post(app, '/_lienthong/dvcqg/lookups', { madonvi: s.madonvi, maHoSo: d.MaHoSo });
    expect(ok.body).toMatchObject({ verdict: 'pass', status: 200, url: `${sut.url}/direct` });
    expect(sut.calls[0]).toEqual({ path: '/direct', body: { madonvi: s.madonvi, service: 'TraCuuHoSo', masohoso: d.MaHoSo } });

    status = '4'; // the one-stop system moved on without syncing
    const stale = await post(app, '/_lienthong/dvcqg/lookups', { madonvi: s.madonvi, maHoSo: d.MaHoSo });
    expect(stale.body.verdict).toBe('fail');
    expect(stale.body.verdicts[0]).toMatchObject({ code: 'DVCQG_LOOKUP_OUT_OF_SYNC', field: 'TrangThaiHoSo' });
    const events = (await get(app, '/_lienthong/events?platform=dvcqg&limit=100')).body.events as Array<{ operation: string; verdicts: Array<{ code: string }> }>;
    const lookups = events.filter((e) => e.operation === 'portal.lookup');
    expect(lookups).toHaveLength(2);
    expect(lookups[1]!.verdicts.map((v) => v.code)).toContain('DVCQG_LOOKUP_OUT_OF_SYNC');
  });

  it('fails when the one-stop system denies a dossier it synced, answers without fields, or is unreachable', async () => {
    const denying = await fakeOneStop(() => ({ body: { error_code: '-1', error_message: 'not found' } }));
    closers.push(denying.close);
    const s = await oneStop(app, '000.00.01.H22', { callbackUrl: denying.url });
    const proc = await someProcedure(s);
    const d = dossier(s.madonvi, proc, 2);
    await s.call('DongBoHoSoMC', { isUpdating: 'False', data: [d] });
    expect((await post(app, '/_lienthong/dvcqg/lookups', { madonvi: s.madonvi, maHoSo: d.MaHoSo })).body.verdicts[0].code).toBe('DVCQG_LOOKUP_DENIED');

    const empty = await fakeOneStop(() => ({ body: { MaHoSo: d.MaHoSo } }));
    closers.push(empty.close);
    await app.inject({ method: 'PATCH', url: `/_lienthong/dvcqg/accounts/${s.username}`, payload: { callbackUrl: empty.url } });
    const fields = await post(app, '/_lienthong/dvcqg/lookups', { madonvi: s.madonvi, maHoSo: d.MaHoSo });
    expect(fields.body.verdicts.map((v: { field: string }) => v.field)).toContain('TrangThaiHoSo');

    await empty.close();
    closers.pop();
    const down = await post(app, '/_lienthong/dvcqg/lookups', { madonvi: s.madonvi, maHoSo: d.MaHoSo });
    expect(down.body).toMatchObject({ verdict: 'fail', status: 0 });
    expect(down.body.verdicts[0].code).toBe('DVCQG_SUT_UNREACHABLE');
  });

  it('refuses a lookup for an agency without a callback URL or without an account', async () => {
    const s = await oneStop(app);
    const r = await post(app, '/_lienthong/dvcqg/lookups', { madonvi: s.madonvi, maHoSo: 'x' });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'DVCQG_ENDPOINT_NOT_SET', field: 'endpoints.lookup' });
    expect((await post(app, '/_lienthong/dvcqg/lookups', { madonvi: '000.00.09.H22', maHoSo: 'x' })).status).toBe(404);
  });
});

describe('online submission pushed to the one-stop system, status back by DongBoTrangThaiHoSo (§A4)', () => {
  it('creates the dossier at status 1, pushes it, and records the agency status updates', async () => {
    const sut = await fakeOneStop(() => ({ body: { error_code: '0' } }));
    closers.push(sut.close);
    const s = await oneStop(app, '000.00.01.H22', { callbackUrl: sut.url });
    const proc = await someProcedure(s);
    const applicant = (await get(app, '/_lienthong/dvcqg/sso/accounts?limit=3')).body.accounts[0].loginHint as string;
    const sub = await post(app, '/_lienthong/dvcqg/submissions', { madonvi: s.madonvi, maTTHC: proc.MaTTHC, applicant, files: [{ name: 'don.pdf', base64: 'JVBERi0=' }] });
    expect(sub.status).toBe(201);
    expect(sub.body).toMatchObject({ verdict: 'pass', maHoSo: `${s.madonvi}-261124-9001` });
    expect(sut.calls[0]!.path).toBe('/nps/createdossierfromdvcqg');
    expect(sut.calls[0]!.body).toMatchObject({ MaHoSo: sub.body.maHoSo, MaTTHC: proc.MaTTHC, SoDinhDanh: applicant, TaiLieuNop: [{ TenTepDinhKem: 'don.pdf', Base64: 'JVBERi0=' }] });

    const maHoSo = sub.body.maHoSo as string;
    const upd = await s.call('DongBoTrangThaiHoSo', { type: '2', data: [{ MaHoSo: maHoSo, MaHoSoDonVi: 'MC-1', NgayXuLy: '20261124110000', TrangThai: '2', TaiLieuXuLy: [] }] });
    expect(upd.body).toMatchObject({ error_code: 0, result: [{ MaHoSo: maHoSo, action: 'recorded' }] });
    const seen = await get(app, `/_lienthong/dvcqg/dossiers/${encodeURIComponent(maHoSo)}`);
    expect(seen.body).toMatchObject({ TrangThaiHoSo: 2, origin: 'portal' });
    expect(seen.body.history.map((h: { kind: string }) => h.kind)).toEqual(['submitted', 'status']);

    const unknown = await s.call('DongBoTrangThaiHoSo', { type: '2', data: [{ MaHoSo: 'nope', NgayXuLy: '20261124110000', TrangThai: '2' }] });
    expect(unknown.body).toMatchObject({ error_code: 308, code: 'DVCQG_DOSSIER_NOT_FOUND' });
    const badDate = await s.call('DongBoTrangThaiHoSo', { type: '2', data: [{ MaHoSo: maHoSo, NgayXuLy: '2026', TrangThai: '2' }] });
    expect(badDate.body).toMatchObject({ code: 'DVCQG_DOSSIER_BAD_DATE', field: 'data[0].NgayXuLy' });
  });

  it('keeps the dossier on the portal when the one-stop system refuses or is down', async () => {
    const refusing = await fakeOneStop(() => ({ body: { error_code: '-1', error_message: 'busy' } }));
    closers.push(refusing.close);
    const s = await oneStop(app, '000.00.01.H22', { callbackUrl: refusing.url });
    const proc = await someProcedure(s);
    const sub = await post(app, '/_lienthong/dvcqg/submissions', { madonvi: s.madonvi, maTTHC: proc.MaTTHC });
    expect(sub.body.verdict).toBe('fail');
    expect(sub.body.verdicts[0].code).toBe('DVCQG_SUBMISSION_REFUSED');
    expect((await get(app, `/_lienthong/dvcqg/dossiers/${encodeURIComponent(sub.body.maHoSo)}`)).body.TrangThaiHoSo).toBe(1);
    const second = await post(app, '/_lienthong/dvcqg/submissions', { madonvi: s.madonvi, maTTHC: proc.MaTTHC });
    expect(second.body.maHoSo).toBe(`${s.madonvi}-261124-9002`);
    const badApplicant = await post(app, '/_lienthong/dvcqg/submissions', { madonvi: s.madonvi, maTTHC: proc.MaTTHC, applicant: '001000000000' });
    expect(badApplicant.body.error).toMatchObject({ field: 'applicant' });
  });
});
