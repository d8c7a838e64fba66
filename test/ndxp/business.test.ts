/**
 * The National Business Registration Database (CSDL ĐKDN, §B4) called as the gateway calls it, i.e.
 * `api.handle(req)` once the caller is authenticated: enterprise details against the shared world, the
 * filing lists with their 5-day window and paging, today's list up to the emulator clock, filing status
 * moving with the clock, determinism, and every bad input answered with the envelope and a catalog code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorError } from '../../emulator/core/errors.js';
import { MAX_ENTERPRISES, createWorld, enterprise, isValidTaxCode } from '../../emulator/core/world/index.js';
import { businessPart, BUSINESS_ERRORS } from '../../emulator/platforms/ndxp/business/index.js';
import type { UpstreamResponse } from '../../emulator/platforms/ndxp/upstream.js';
import { makeApp, type App } from '../vdxp/support/fixtures.js';

type Query = Record<string, string> | string;

async function ask(app: App, resource: string, query: Query = {}, method = 'GET'): Promise<UpstreamResponse & { json: any }> {
  const api = businessPart.apis(app.lienthong)[0]!;
  const res = await api.handle({
    method,
    resource,
    query: new URLSearchParams(query),
    headers: {},
    body: Buffer.alloc(0),
    caller: { clientId: 'c1', agency: '000.00.01.H22' },
  });
  return { ...res, json: JSON.parse(res.body) };
}

function expectError(res: { status: number; json: any }, code: keyof typeof BUSINESS_ERRORS, field?: string): void {
  expect(res.json).toMatchObject({ Data: null, DataCount: 0, Status: '0', ErrorCode: code });
  expect(res.status).toBe(BUSINESS_ERRORS[code].http);
  if (field) expect(res.json.Message).toContain(field);
}

const world = createWorld(); // the apps' world: seed 102, 20 000 enterprises

describe('apiCSDLDKDN as published', () => {
  it('is apiCSDLDKDN 1.0, the default version, provided by Bộ Tài chính (G12)', async () => {
    const app = await makeApp();
    const [api, ...rest] = businessPart.apis(app.lienthong);
    expect(rest).toEqual([]);
    expect(api).toMatchObject({ context: 'apiCSDLDKDN', version: '1.0', defaultVersion: true, provider: '000.00.00.G12' });
    await app.close();
  });
});

describe('chiTietDoanhNghiep', () => {
  let app: App;
  beforeAll(async () => (app = await makeApp()));
  afterAll(async () => app.close());

  it('returns the world\'s enterprise in the envelope OpenCPS parses', async () => {
    const e = enterprise(world, 1234);
    const msdn = e.MainInformation.ENTERPRISE_GDT_CODE;
    expect(isValidTaxCode(msdn)).toBe(true);
    const res = await ask(app, '/chiTietDoanhNghiep', { msdn });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.operation).toBe('chiTietDoanhNghiep');
    expect(res.json).toMatchObject({ DataCount: 1, Status: '1' });
    expect(res.json.Data.MainInformation).toEqual(e.MainInformation);
    expect(res.json.Data.Representatives).toEqual({ FULL_NAME: e.MainInformation.LEGAL_NAMES.split(';')[0] });
    expect(res.json.Data.MainInformation.FOUNDING_DATE).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it('accepts a trailing slash on the resource', async () => {
    const msdn = enterprise(world, 5).MainInformation.ENTERPRISE_GDT_CODE;
    expect((await ask(app, '/chiTietDoanhNghiep/', { msdn })).status).toBe(200);
  });

  it('answers 404 for a valid code nobody has, and for any branch', async () => {
    // A valid code of the same generator far outside this world (its founding day would be in the 2030s).
    const stranger = enterprise({ ...world, enterprises: MAX_ENTERPRISES }, 5_000_000).MainInformation.ENTERPRISE_GDT_CODE;
    expect(isValidTaxCode(stranger)).toBe(true);
    const res = await ask(app, '/chiTietDoanhNghiep', { msdn: stranger });
    expectError(res, 'NDXP_DKDN_ENTERPRISE_NOT_FOUND', stranger);
    expect(res.verdicts).toEqual([expect.objectContaining({ code: 'NDXP_DKDN_ENTERPRISE_NOT_FOUND', severity: 'error', field: 'msdn' })]);
    const branch = `${enterprise(world, 5).MainInformation.ENTERPRISE_GDT_CODE}-001`;
    expectError(await ask(app, '/chiTietDoanhNghiep', { msdn: branch }), 'NDXP_DKDN_ENTERPRISE_NOT_FOUND', 'chi nhánh');
  });

  it('refuses malformed codes, wrong check digits and a missing msdn', async () => {
    const good = enterprise(world, 5).MainInformation.ENTERPRISE_GDT_CODE;
    const wrongCheck = `${good.slice(0, 9)}${(Number(good[9]) + 1) % 10}`;
    for (const msdn of ['12345', '01001091060', 'abcdefghij', `${good}-000`, `${good}-01`, wrongCheck]) {
      expectError(await ask(app, '/chiTietDoanhNghiep', { msdn }), 'NDXP_DKDN_MSDN_INVALID', 'msdn');
    }
    expectError(await ask(app, '/chiTietDoanhNghiep', {}), 'NDXP_DKDN_PARAM_MISSING', 'msdn');
    expectError(await ask(app, '/chiTietDoanhNghiep', { msdn: '' }), 'NDXP_DKDN_PARAM_MISSING', 'msdn');
    expectError(await ask(app, '/chiTietDoanhNghiep', `msdn=${good}&msdn=0100109106`), 'NDXP_DKDN_PARAM_REPEATED', 'msdn');
  });

  it('tolerates MSDN and spaces in lenient mode, with warnings', async () => {
    const msdn = enterprise(world, 5).MainInformation.ENTERPRISE_GDT_CODE;
    const res = await ask(app, '/chiTietDoanhNghiep', { MSDN: ` ${msdn} ` });
    expect(res.status).toBe(200);
    expect(res.verdicts?.map((v) => [v.code, v.severity])).toEqual([
      ['NDXP_DKDN_PARAM_MISSING', 'warning'],
      ['NDXP_DKDN_MSDN_INVALID', 'warning'],
    ]);
  });

  it('does not know enterprises founded after the emulator\'s today', async () => {
    const early = await makeApp();
    early.lienthong.clock.set(new Date('2015-06-01T03:00:00Z'));
    const found = (i: number) => enterprise(world, i).MainInformation.FOUNDING_DATE;
    const young = Array.from({ length: 200 }, (_, i) => i).find((i) => Number(found(i).slice(6)) >= 2016)!;
    const old = Array.from({ length: 200 }, (_, i) => i).find((i) => Number(found(i).slice(6)) <= 2014)!;
    expectError(await ask(early, '/chiTietDoanhNghiep', { msdn: enterprise(world, young).MainInformation.ENTERPRISE_GDT_CODE }), 'NDXP_DKDN_ENTERPRISE_NOT_FOUND');
    expect((await ask(early, '/chiTietDoanhNghiep', { msdn: enterprise(world, old).MainInformation.ENTERPRISE_GDT_CODE })).status).toBe(200);
    await early.close();
  });

  it('leaves unknown resources and other methods to the gateway\'s 900906 fault', async () => {
    const msdn = enterprise(world, 5).MainInformation.ENTERPRISE_GDT_CODE;
    await expect(ask(app, '/chiTietDoanhNghiepX', { msdn })).rejects.toMatchObject({ code: 'NDXP_RESOURCE_NOT_FOUND', wire: '900906' });
    await expect(ask(app, '/ChiTietDoanhNghiep', { msdn })).rejects.toBeInstanceOf(EmulatorError);
    await expect(ask(app, '/chiTietDoanhNghiep', { msdn }, 'POST')).rejects.toMatchObject({ code: 'NDXP_RESOURCE_NOT_FOUND' });
  });
});

describe('danhSachHoSo', () => {
  let app: App;
  beforeAll(async () => (app = await makeApp()));
  afterAll(async () => app.close());

  it('lists the filings of a window of up to 5 days, oldest first', async () => {
    const res = await ask(app, '/danhSachHoSo', { from_date: '16/11/2026', to_date: '20/11/2026', limit: '500' });
    expect(res.status).toBe(200);
    expect(res.operation).toBe('danhSachHoSo');
    expect(res.json.Status).toBe('1');
    const rows = res.json.Data as any[];
    expect(rows.length).toBeGreaterThan(50); // five working days
    expect(res.json.DataCount).toBe(rows.length);
    expect(rows.map((r) => r.IN_JOURNAL_NO)).toEqual([...rows.map((r) => r.IN_JOURNAL_NO)].sort());
    for (const r of rows) {
      expect(r.RECEIPT_DATE).toMatch(/^(1[6-9]|20)\/11\/2026 \d{2}:\d{2}:\d{2}$/);
      expect(r.IN_JOURNAL_NO).toMatch(/^202611(1[6-9]|20)\d{4}$/);
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['DOCUMENT_TYPE', 'ENTERPRISE_CODE', 'ENTERPRISE_GDT_CODE', 'NAME', 'SITE_ID', 'PLAN_DATE', 'PROCESS_STATUS', 'REGISTRATION_DATE', 'SUPPLEMENT_DATE', 'SUBMISSION_TYPE', 'CONTACT_NAME', 'CONTACT_PHONE', 'CONTACT_EMAIL']));
      if (r.DOCUMENT_TYPE !== '1') {
        // A change filing names a world enterprise, which chiTietDoanhNghiep knows by the same code and name.
        const e = await ask(app, '/chiTietDoanhNghiep', { msdn: r.ENTERPRISE_CODE });
        expect(e.json.Data.MainInformation.NAME).toBe(r.NAME);
        expect(e.json.Data.MainInformation.HOAddress.CityID).toBe(r.SITE_ID);
      }
    }
    expect(new Set(rows.map((r) => r.DOCUMENT_TYPE)).size).toBeGreaterThanOrEqual(4);
  });

  it('counts both ends of the window: 6 days are refused', async () => {
    const res = await ask(app, '/danhSachHoSo', { from_date: '15/11/2026', to_date: '20/11/2026' });
    expectError(res, 'NDXP_DKDN_DATE_RANGE_TOO_LONG', '6 days');
    expect((await ask(app, '/danhSachHoSo', { from_date: '20/11/2026', to_date: '20/11/2026' })).status).toBe(200);
  });

  it('refuses reversed windows, bad dates, future dates and missing dates', async () => {
    expectError(await ask(app, '/danhSachHoSo', { from_date: '20/11/2026', to_date: '18/11/2026' }), 'NDXP_DKDN_DATE_RANGE_REVERSED', 'from_date');
    for (const bad of ['31/11/2026', '2026-11-20', '20/11/26', 'hôm nay']) {
      expectError(await ask(app, '/danhSachHoSo', { from_date: bad, to_date: '20/11/2026' }), 'NDXP_DKDN_DATE_INVALID', 'from_date');
    }
    expectError(await ask(app, '/danhSachHoSo', { from_date: '23/11/2026', to_date: '25/11/2026' }), 'NDXP_DKDN_DATE_IN_FUTURE', 'to_date');
    expectError(await ask(app, '/danhSachHoSo', { to_date: '20/11/2026' }), 'NDXP_DKDN_PARAM_MISSING', 'from_date');
  });

  it('pages with offset and limit over the whole window, DataCount being the total', async () => {
    const window = { from_date: '16/11/2026', to_date: '20/11/2026' };
    const all = (await ask(app, '/danhSachHoSo', { ...window, limit: '500' })).json;
    const first = (await ask(app, '/danhSachHoSo', window)).json;
    expect(first.Data).toHaveLength(Math.min(50, all.DataCount)); // default limit 50
    const page = (await ask(app, '/danhSachHoSo', { ...window, offset: '30', limit: '25' })).json;
    expect(page.DataCount).toBe(all.DataCount);
    expect(page.Data).toEqual(all.Data.slice(30, 55));
    const past = (await ask(app, '/danhSachHoSo', { ...window, offset: String(all.DataCount) })).json;
    expect(past).toMatchObject({ Status: '1', DataCount: all.DataCount, Data: [] });
    for (const [offset, limit] of [['-1', '10'], ['x', '10'], ['0', '0'], ['0', '501'], ['0', '1.5'], ['2000000', '10']]) {
      expectError(await ask(app, '/danhSachHoSo', { ...window, offset: offset!, limit: limit! }), 'NDXP_DKDN_PAGING_INVALID');
    }
  });

  it('has no filings before 2025, the world\'s date', async () => {
    const res = await ask(app, '/danhSachHoSo', { from_date: '28/12/2024', to_date: '31/12/2024' });
    expect(res.json).toMatchObject({ Status: '1', DataCount: 0, Data: [] });
  });

  it('reads d/M/yyyy with a warning in lenient mode and refuses it in strict mode', async () => {
    const lenient = await ask(app, '/danhSachHoSo', { from_date: '1/11/2026', to_date: '2/11/2026' });
    expect(lenient.status).toBe(200);
    expect(lenient.verdicts?.filter((v) => v.severity === 'warning').map((v) => v.code)).toEqual(['NDXP_DKDN_DATE_INVALID', 'NDXP_DKDN_DATE_INVALID']);
    const strict = await makeApp({ mode: 'strict' });
    expectError(await ask(strict, '/danhSachHoSo', { from_date: '1/11/2026', to_date: '02/11/2026' }), 'NDXP_DKDN_DATE_INVALID', 'from_date');
    expectError(await ask(strict, '/danhSachHoSo', { FROM_DATE: '01/11/2026', to_date: '02/11/2026' }), 'NDXP_DKDN_PARAM_MISSING', 'from_date');
    await strict.close();
  });
});

describe('danhSachHoSoTrongNgay and the clock', () => {
  it('lists today\'s filings only up to now, and more once the clock moves', async () => {
    const app = await makeApp(); // 10:00 on Tuesday 24/11/2026, Vietnam time
    const day = { from_ts: '00:00', to_ts: '23:59' };
    const morning = await ask(app, '/danhSachHoSoTrongNgay', day);
    expect(morning.status).toBe(200);
    expect(morning.operation).toBe('danhSachHoSoTrongNgay');
    const rows = morning.json.Data as any[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.RECEIPT_DATE >= '24/11/2026 00:00:00' && r.RECEIPT_DATE <= '24/11/2026 10:00:00').toBe(true);
    // The same filings as danhSachHoSo for today.
    expect((await ask(app, '/danhSachHoSo', { from_date: '24/11/2026', to_date: '24/11/2026' })).json.Data).toEqual(rows);

    app.lienthong.clock.advance('PT2H');
    const noon = (await ask(app, '/danhSachHoSoTrongNgay', day)).json;
    expect(noon.DataCount).toBeGreaterThan(morning.json.DataCount);
    expect(noon.Data.slice(0, rows.length).map((r: any) => r.IN_JOURNAL_NO)).toEqual(rows.map((r) => r.IN_JOURNAL_NO));
    for (const r of noon.Data) expect(r.RECEIPT_DATE <= '24/11/2026 12:00:00').toBe(true);

    const hour = (await ask(app, '/danhSachHoSoTrongNgay', { from_ts: '08:00', to_ts: '08:59' })).json;
    expect(hour.DataCount).toBeGreaterThan(0);
    for (const r of hour.Data) expect(r.RECEIPT_DATE.slice(11, 13)).toBe('08');
    const later = (await ask(app, '/danhSachHoSoTrongNgay', { from_ts: '15:00', to_ts: '16:00' })).json;
    expect(later).toMatchObject({ Status: '1', DataCount: 0, Data: [] }); // not yet received at 12:00
    await app.close();
  });

  it('refuses bad times and a reversed range', async () => {
    const app = await makeApp();
    expectError(await ask(app, '/danhSachHoSoTrongNgay', { from_ts: '10:00', to_ts: '09:00' }), 'NDXP_DKDN_DATE_RANGE_REVERSED', 'from_ts');
    expectError(await ask(app, '/danhSachHoSoTrongNgay', { from_ts: '24:00', to_ts: '23:59' }), 'NDXP_DKDN_TIME_INVALID', 'from_ts');
    expectError(await ask(app, '/danhSachHoSoTrongNgay', { from_ts: '08:00', to_ts: '0900' }), 'NDXP_DKDN_TIME_INVALID', 'to_ts');
    expectError(await ask(app, '/danhSachHoSoTrongNgay', { from_ts: '08:00' }), 'NDXP_DKDN_PARAM_MISSING', 'to_ts');
    expectError(await ask(app, '/danhSachHoSoTrongNgay', { from_ts: '08:00', to_ts: '09:00', limit: '0' }), 'NDXP_DKDN_PAGING_INVALID', 'limit');
    // Lenient: another case and H:mm are read, one warning each.
    const loose = await ask(app, '/danhSachHoSoTrongNgay', { FROM_TS: '8:00', to_ts: '09:00' });
    expect(loose.status).toBe(200);
    expect(loose.json.Message).toContain('08:00–09:00');
    expect(loose.verdicts?.map((v) => v.code)).toEqual(['NDXP_DKDN_PARAM_MISSING', 'NDXP_DKDN_TIME_INVALID']);
    await app.close();
  });
});

describe('tinhTrangHoSo', () => {
  it('gives the status of a listed filing, which moves on as working days pass', async () => {
    const app = await makeApp();
    const today = (await ask(app, '/danhSachHoSoTrongNgay', { from_ts: '00:00', to_ts: '23:59' })).json.Data as any[];
    const first = today[0];
    const res = await ask(app, '/tinhTrangHoSo', { in_journal_no: first.IN_JOURNAL_NO });
    expect(res.status).toBe(200);
    expect(res.operation).toBe('tinhTrangHoSo');
    expect(res.json).toMatchObject({ Status: '1', DataCount: 1, Data: first });
    expect(today.map((r) => r.PROCESS_STATUS).every((s) => s === '1' || s === '2')).toBe(true); // nothing decided the same morning
    expect(today.every((r) => r.PLAN_DATE === '27/11/2026')).toBe(true); // 3 working days after Tuesday

    app.lienthong.clock.advance('P7D');
    const week = await Promise.all(today.map(async (r) => (await ask(app, '/tinhTrangHoSo', { in_journal_no: r.IN_JOURNAL_NO })).json.Data));
    expect(week.some((r) => r.PROCESS_STATUS === '1')).toBe(false);
    const decided = week.filter((r) => ['3', '4', '5'].includes(r.PROCESS_STATUS));
    expect(decided.length).toBeGreaterThan(today.length / 2);
    for (const r of week) expect(r.REGISTRATION_DATE === '').toBe(r.PROCESS_STATUS !== '4');
    await app.close();
  });

  it('founds new enterprises that chiTietDoanhNghiep then knows', async () => {
    const app = await makeApp();
    const listed = (await ask(app, '/danhSachHoSo', { from_date: '16/11/2026', to_date: '20/11/2026', limit: '500' })).json.Data as any[];
    const registered = listed.filter((r) => r.DOCUMENT_TYPE === '1' && r.PROCESS_STATUS === '4');
    expect(registered.length).toBeGreaterThan(0);
    for (const r of registered) {
      expect(isValidTaxCode(r.ENTERPRISE_CODE)).toBe(true);
      const e = (await ask(app, '/chiTietDoanhNghiep', { msdn: r.ENTERPRISE_CODE })).json;
      expect(e.Status).toBe('1');
      expect(e.Data.MainInformation).toMatchObject({ NAME: r.NAME, FOUNDING_DATE: r.REGISTRATION_DATE, NUMBER_CHANGES: 0, ENTERPRISE_STATUS: 'Đang hoạt động' });
    }
    for (const r of listed.filter((x) => x.DOCUMENT_TYPE === '1' && x.PROCESS_STATUS !== '4')) expect(r.ENTERPRISE_CODE).toBe('');
    await app.close();
  });

  it('tells malformed numbers from unknown ones', async () => {
    const app = await makeApp();
    for (const no of ['abc', '20261124001', '202611310001', '202611240000', '2026-11-24-0001']) {
      expectError(await ask(app, '/tinhTrangHoSo', { in_journal_no: no }), 'NDXP_DKDN_JOURNAL_NO_INVALID', 'in_journal_no');
    }
    for (const no of ['202611249999', '202412020001', '202611250001']) {
      expectError(await ask(app, '/tinhTrangHoSo', { in_journal_no: no }), 'NDXP_DKDN_FILING_NOT_FOUND', no);
    }
    expectError(await ask(app, '/tinhTrangHoSo'), 'NDXP_DKDN_PARAM_MISSING', 'in_journal_no');
    // This afternoon's first filing exists only once the clock has passed its receipt time.
    const morning = (await ask(app, '/danhSachHoSoTrongNgay', { from_ts: '00:00', to_ts: '23:59' })).json.DataCount as number;
    const next = `20261124${String(morning + 1).padStart(4, '0')}`;
    expectError(await ask(app, '/tinhTrangHoSo', { in_journal_no: next }), 'NDXP_DKDN_FILING_NOT_FOUND');
    app.lienthong.clock.advance('PT8H');
    expect((await ask(app, '/tinhTrangHoSo', { in_journal_no: next })).status).toBe(200);
    await app.close();
  });
});

describe('determinism', () => {
  it('gives the same answers for the same seed and clock, other answers for another seed', async () => {
    const [a, b, c] = await Promise.all([makeApp(), makeApp(), makeApp({ seed: 103 })]);
    const q = { from_date: '16/11/2026', to_date: '20/11/2026', limit: '500' };
    const bodyOf = async (app: App) => (await ask(app, '/danhSachHoSo', q)).body;
    expect(await bodyOf(b)).toBe(await bodyOf(a));
    expect(await bodyOf(c)).not.toBe(await bodyOf(a));
    const msdn = enterprise(world, 77).MainInformation.ENTERPRISE_GDT_CODE;
    expect((await ask(b, '/chiTietDoanhNghiep', { msdn })).body).toBe((await ask(a, '/chiTietDoanhNghiep', { msdn })).body);
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});
