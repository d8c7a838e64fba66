/**
 * The category service (`/dmdc`, §B1) called directly through its BuiltinApi, as the gateway does once it
 * has authenticated the caller: resources, rows from the world, adding rows, refusals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { virtualClock } from '../../emulator/core/clock.js';
import type { EmulatorContext } from '../../emulator/core/context.js';
import { openSqliteStore } from '../../emulator/core/store/sqlite.js';
import { ETHNIC_GROUPS, PROVINCES, createWorld, districtsOf } from '../../emulator/core/world/index.js';
import { CATALOGUES, categoriesPart } from '../../emulator/platforms/ndxp/categories/index.js';
import { addedRows } from '../../emulator/platforms/ndxp/categories/store.js';
import type { BuiltinApi, Caller } from '../../emulator/platforms/ndxp/upstream.js';
import { makeApp, TEST_INSTANT, type App } from '../vdxp/support/fixtures.js';
import { S4_ROW } from './support/rows.js';

const C1: Caller = { clientId: 'c1', agency: '000.00.01.H22' };
const C2: Caller = { clientId: 'c2', agency: '000.00.00.H29' };

async function setup(opts: Parameters<typeof makeApp>[0] = {}): Promise<{ app: App; api: BuiltinApi }> {
  // The NDXP platform wires the part, so buildApp has applied its migrations.
  const app = await makeApp({ population: 5_000, enterprises: 2_500, ...opts });
  return { app, api: categoriesPart.apis(app.lienthong)[0]! };
}

function call(api: BuiltinApi, method: string, resource: string, opts: { query?: string; body?: unknown; raw?: string; caller?: Caller; contentType?: string } = {}) {
  const body = opts.raw !== undefined ? Buffer.from(opts.raw) : opts.body !== undefined ? Buffer.from(JSON.stringify(opts.body)) : Buffer.alloc(0);
  return api
    .handle({
      method,
      resource,
      query: new URLSearchParams(opts.query ?? ''),
      headers: { host: 'api.example.test', ...(opts.body !== undefined || opts.raw !== undefined ? { 'content-type': opts.contentType ?? 'application/json' } : {}) },
      body,
      caller: opts.caller ?? C1,
    })
    .then((r) => ({ ...r, json: JSON.parse(r.body) as any }));
}


describe('dmdc BuiltinApi', () => {
  let app: App;
  let api: BuiltinApi;
  beforeAll(async () => ({ app, api } = await setup()));
  afterAll(async () => app.close());

  it('is the default version 1.0 of context dmdc, published by Bộ Khoa học và Công nghệ', () => {
    expect(api).toMatchObject({ context: 'dmdc', version: '1.0', defaultVersion: true, provider: '000.00.00.G06' });
  });

  it('AllCategory lists every catalogue with its row count, pages and absolute UrlGetList', async () => {
    const r = await call(api, 'GET', '/AllCategory');
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^application\/json/);
    expect(r.json.map((c: any) => c.CategoryCode)).toEqual(CATALOGUES.map((c) => c.code));
    const byCode = new Map<string, any>(r.json.map((c: any) => [c.CategoryCode, c]));
    expect(byCode.get('donvihanhchinhcap1')).toEqual({
      CategoryCode: 'donvihanhchinhcap1',
      CategoryName: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 1 (Tỉnh)',
      TotalItem: 63,
      TotalPage: 1,
      UrlGetList: 'http://api.example.test/ndxp/dmdc/1.0/Category/donvihanhchinhcap1',
    });
    expect(byCode.get('madantoc').TotalItem).toBe(54);
    const wards = byCode.get('donvihanhchinhcap3');
    expect(wards.TotalPage).toBe(Math.ceil(wards.TotalItem / 1000));
    expect(wards.TotalPage).toBeGreaterThan(1);
  });

  it('Metadata gives [{PropertyCode, PropertyName, PropertyType}] and rows are keyed by those codes', async () => {
    for (const c of CATALOGUES) {
      const m = await call(api, 'GET', `/Metadata/${c.code}`);
      expect(m.status).toBe(200);
      for (const p of m.json) expect(Object.keys(p)).toEqual(['PropertyCode', 'PropertyName', 'PropertyType']);
      const rows = await call(api, 'GET', `/Category/${c.code}`);
      expect(Object.keys(rows.json[0])).toEqual(m.json.map((p: any) => p.PropertyCode));
    }
    const s4 = await call(api, 'GET', '/Metadata/qlvanbandieuhanhcap1');
    expect(s4.json.slice(0, 2)).toEqual([
      { PropertyCode: 'MaDinhDanhCap1', PropertyName: 'Mã định danh cấp 1', PropertyType: 'String' },
      { PropertyCode: 'TenDonVi', PropertyName: 'Tên đơn vị', PropertyType: 'String' },
    ]);
    expect(s4.json.find((p: any) => p.PropertyCode === 'NgayBanHanhQd').PropertyType).toBe('DateTime');
  });

  it('Category rows match the world: 63 provinces, 54 ethnic groups', async () => {
    const p = await call(api, 'GET', '/Category/donvihanhchinhcap1');
    expect(p.json).toHaveLength(63);
    expect(p.json.map((r: any) => r.MaTinhThanh)).toEqual(PROVINCES.map((x) => x.gso));
    const e = await call(api, 'GET', '/Category/madantoc');
    expect(e.json).toEqual(ETHNIC_GROUPS.map((g) => ({ MaDanToc: g.code, TenDanToc: g.name })));
  });

  it('parent and PropertyCode filters, and pages', async () => {
    const hcm = await call(api, 'GET', '/Category/donvihanhchinhcap2', { query: 'parent=79' });
    expect(hcm.json.map((d: any) => d.MaQuanHuyen)).toEqual(districtsOf('79').map((d) => d.code));
    const district = districtsOf('01')[0]!;
    const wards = await call(api, 'GET', '/Category/donvihanhchinhcap3', { query: `parent=${district.code}` });
    expect(wards.json.map((w: any) => w.TenPhuongXa)).toEqual(district.wards.map((w) => w.name));
    const same = await call(api, 'GET', '/Category/donvihanhchinhcap3', { query: `MaQuanHuyen=${district.code}` });
    expect(same.json).toEqual(wards.json);
    const two = await call(api, 'GET', '/Category/madantoc', { query: 'MaDanToc=01&MaDanToc=04' });
    expect(two.json.map((r: any) => r.TenDanToc)).toEqual(['Kinh', 'Hoa']);

    const all = (await call(api, 'GET', '/Category/donvihanhchinhcap3')).json;
    const page1 = (await call(api, 'GET', '/Category/donvihanhchinhcap3', { query: 'page=1' })).json;
    const page2 = (await call(api, 'GET', '/Category/donvihanhchinhcap3', { query: 'page=2' })).json;
    expect(page1).toHaveLength(1000);
    expect([...page1, ...page2]).toEqual(all);
    expect((await call(api, 'GET', '/Category/madantoc', { query: 'page=2&pageSize=10' })).json.map((r: any) => r.MaDanToc)).toEqual(['11', '12', '13', '14', '15', '16', '17', '18', '19', '20']);
    expect((await call(api, 'GET', '/Category/madantoc', { query: 'page=99' })).json).toEqual([]);
  });

  it('bad query parameters are refused naming the parameter; unknown ones are a warning in lenient mode', async () => {
    for (const q of ['page=0', 'page=abc', 'pageSize=5001']) {
      const r = await call(api, 'GET', '/Category/madantoc', { query: q });
      expect(r.status, q).toBe(400);
      expect(r.json).toMatchObject({ ErrorCode: 'NDXP_DMDC_QUERY_INVALID', Field: q.split('=')[0] });
    }
    const flat = await call(api, 'GET', '/Category/madantoc', { query: 'parent=01' });
    expect(flat.status).toBe(400);
    expect(flat.json.MSG).toContain('madantoc has no parent level');
    const extra = await call(api, 'GET', '/Category/madantoc', { query: '_=123' });
    expect(extra.status).toBe(200);
    expect(extra.json).toHaveLength(54);
    expect(extra.verdicts?.[0]).toMatchObject({ code: 'NDXP_DMDC_QUERY_IGNORED', field: '_' });
  });

  it('an unknown catalogue is a 404 naming the code, with the S4 spelling when near', async () => {
    const r = await call(api, 'GET', '/Category/tongiao');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({
      MSG: 'Category "tongiao" not found; did you mean "matongiao"? (GET /AllCategory lists the 11 catalogues served)',
      ErrorCode: 'NDXP_DMDC_CATEGORY_NOT_FOUND',
      Field: 'CategoryCode',
      Rule: 'a code listed by /AllCategory',
    });
    expect((await call(api, 'GET', '/Metadata/nope')).status).toBe(404);
    const post = await call(api, 'POST', '/Category/nope', { body: [{}] });
    expect(post.status).toBe(404);
    expect(post.json.Count).toBe(0);
    expect((await call(api, 'GET', '/Metadata')).json.MSG).toContain('Category code is missing');
  });

  it('paths and methods outside the API are the gateway\'s "no matching resource" fault', async () => {
    for (const [m, r] of [['GET', '/Categories/madantoc'], ['DELETE', '/Category/madantoc'], ['POST', '/Metadata/madantoc'], ['POST', '/AllCategory'], ['GET', '/Category/madantoc/01'], ['GET', '']]) {
      await expect(call(api, m!, r!), `${m} ${r}`).rejects.toMatchObject({ code: 'NDXP_RESOURCE_NOT_FOUND' });
    }
  });
});

describe('dmdc POST /Category/<code>', () => {
  let app: App;
  let api: BuiltinApi;
  beforeAll(async () => ({ app, api } = await setup()));
  afterAll(async () => app.close());

  it('replays the S4 example: Done, then the duplicate message word for word, nothing stored twice', async () => {
    const first = await call(api, 'POST', '/Category/qlvanbandieuhanhcap1', { body: [S4_ROW] });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ MSG: 'Done', Count: 1 });
    const rows = (await call(api, 'GET', '/Category/qlvanbandieuhanhcap1')).json;
    expect(rows.at(-1)).toEqual(S4_ROW);
    const again = await call(api, 'POST', '/Category/qlvanbandieuhanhcap1', { body: [S4_ROW] });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ MSG: 'Data not insert: Record 1: MaDinhDanhCap1 "000.00.00.H30 is duplicate', Count: 0, ErrorCode: 'NDXP_DMDC_DUPLICATE', Field: 'MaDinhDanhCap1' });
    expect((await call(api, 'GET', '/Category/qlvanbandieuhanhcap1')).json).toHaveLength(rows.length);
  });

  it('adds rows every consumer sees, records who added them, and AllCategory counts them', async () => {
    const r = await call(api, 'POST', '/Category/madantoc', { body: [{ MaDanToc: '55', TenDanToc: 'Nhóm thử nghiệm A' }, { MaDanToc: '56', TenDanToc: 'Nhóm thử nghiệm B' }] });
    expect(r.json).toEqual({ MSG: 'Done', Count: 2 });
    const seen = await call(api, 'GET', '/Category/madantoc', { caller: C2 });
    expect(seen.json).toHaveLength(56);
    expect(seen.json.slice(-2).map((x: any) => x.MaDanToc)).toEqual(['55', '56']);
    const list = (await call(api, 'GET', '/AllCategory')).json;
    expect(list.find((c: any) => c.CategoryCode === 'madantoc').TotalItem).toBe(56);
    const added = await addedRows(app.lienthong.store.db(), 'madantoc');
    expect(added.map((a) => [a.row.MaDanToc, a.clientId, a.agency])).toEqual([['55', 'c1', '000.00.01.H22'], ['56', 'c1', '000.00.01.H22']]);
    expect(added[0]!.addedAt).toMatch(/^2026-11-24T03:00/);
    const dup = await call(api, 'POST', '/Category/madantoc', { body: [{ MaDanToc: '55', TenDanToc: 'again' }], caller: C2 });
    expect(dup.status).toBe(409);
    expect(dup.json.Errors[0].Message).toBe('Record 1: MaDanToc "55" is a row already added to the catalogue');
  });

  it('a duplicate of a built-in row or within the request refuses the whole POST', async () => {
    const r = await call(api, 'POST', '/Category/madantoc', { body: [{ MaDanToc: '60', TenDanToc: 'Mới' }, { MaDanToc: '01', TenDanToc: 'Kinh' }, { MaDanToc: '60', TenDanToc: 'Mới lần hai' }] });
    expect(r.status).toBe(409);
    expect(r.json.MSG).toBe('Data not insert: Record 2: MaDanToc "01 is duplicate');
    expect(r.json.Count).toBe(0);
    expect(r.json.Errors.map((e: any) => e.Message)).toEqual([
      'Record 2: MaDanToc "01" is a built-in row of the national catalogue, which cannot be changed',
      'Record 3: MaDanToc "60" is record 1 of this request',
    ]);
    const after = (await call(api, 'GET', '/Category/madantoc', { query: 'MaDanToc=60' })).json;
    expect(after).toEqual([]);
    expect((await call(api, 'GET', '/Category/madantoc', { query: 'MaDanToc=01' })).json).toEqual([{ MaDanToc: '01', TenDanToc: 'Kinh' }]);
  });

  it('an invalid row is refused naming the record, field and rule; nothing stored', async () => {
    const r = await call(api, 'POST', '/Category/donvihanhchinhcap1', { body: [{ MaTinhThanh: '97', TenTinhThanh: 'Tỉnh Thử' }, { MaTinhThanh: '1', TenTinhThanh: 'Tỉnh Sai' }] });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      MSG: 'Data not insert: Record 2: MaTinhThanh must be 2 digits (mã đơn vị hành chính cấp tỉnh), got "1"',
      Count: 0,
      ErrorCode: 'NDXP_DMDC_FIELD_FORMAT',
      Field: 'MaTinhThanh',
      Rule: '2 digits (mã đơn vị hành chính cấp tỉnh)',
    });
    expect(r.verdicts?.[0]).toMatchObject({ code: 'NDXP_DMDC_FIELD_FORMAT', severity: 'error', field: 'MaTinhThanh' });
    expect((await call(api, 'GET', '/Category/donvihanhchinhcap1', { query: 'MaTinhThanh=97' })).json).toEqual([]);
    const missing = await call(api, 'POST', '/Category/madantoc', { body: { MaDanToc: '61' } });
    expect(missing.json).toMatchObject({ ErrorCode: 'NDXP_DMDC_FIELD_REQUIRED', Field: 'TenDanToc', MSG: 'Data not insert: Record 1: TenDanToc is required (tên dân tộc)' });
  });

  it('districts and wards need a known parent; a parent added first is accepted', async () => {
    const orphan = await call(api, 'POST', '/Category/donvihanhchinhcap2', { body: [{ MaQuanHuyen: '990', TenQuanHuyen: 'Huyện Thử', MaTinhThanh: '98' }] });
    expect(orphan.status).toBe(400);
    expect(orphan.json).toMatchObject({ ErrorCode: 'NDXP_DMDC_PARENT_UNKNOWN', Field: 'MaTinhThanh', MSG: 'Data not insert: Record 1: MaTinhThanh "98" is not in donvihanhchinhcap1; add the parent unit there first' });
    expect((await call(api, 'POST', '/Category/donvihanhchinhcap1', { body: [{ MaTinhThanh: '98', TenTinhThanh: 'Tỉnh Thử' }] })).json).toEqual({ MSG: 'Done', Count: 1 });
    expect((await call(api, 'POST', '/Category/donvihanhchinhcap2', { body: [{ MaQuanHuyen: '990', TenQuanHuyen: 'Huyện Thử', MaTinhThanh: '98' }] })).json).toEqual({ MSG: 'Done', Count: 1 });
    expect((await call(api, 'POST', '/Category/donvihanhchinhcap3', { body: [{ MaPhuongXa: '99001', TenPhuongXa: 'Xã Thử', MaQuanHuyen: '990' }] })).json).toEqual({ MSG: 'Done', Count: 1 });
    expect((await call(api, 'GET', '/Category/donvihanhchinhcap3', { query: 'parent=990' })).json).toEqual([{ MaPhuongXa: '99001', TenPhuongXa: 'Xã Thử', MaQuanHuyen: '990' }]);
  });

  it('bodies that are not rows are refused with a specific code', async () => {
    expect((await call(api, 'POST', '/Category/madantoc', { raw: '' })).json.ErrorCode).toBe('NDXP_DMDC_BODY_NOT_JSON');
    const bad = await call(api, 'POST', '/Category/madantoc', { raw: '[{"MaDanToc":' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ErrorCode: 'NDXP_DMDC_BODY_NOT_JSON', Count: 0 });
    expect((await call(api, 'POST', '/Category/madantoc', { body: 'rows' })).json.ErrorCode).toBe('NDXP_DMDC_BODY_SHAPE');
    expect((await call(api, 'POST', '/Category/madantoc', { body: Array.from({ length: 1001 }, (_, i) => ({ MaDanToc: '70', TenDanToc: String(i) })) })).status).toBe(413);
    // No Content-Type (S4 documents none for the POST): read as JSON in lenient mode.
    const untyped = await api.handle({ method: 'POST', resource: '/Category/magioitinh', query: new URLSearchParams(), headers: {}, body: Buffer.from('[{"MaGioiTinh":"3","TenGioiTinh":"Khác"}]'), caller: C1 });
    expect(JSON.parse(untyped.body)).toEqual({ MSG: 'Done', Count: 1 });
  });

  it('clear() removes the added rows and keeps the built-in ones', async () => {
    await categoriesPart.clear(app.lienthong, { keepSystems: true });
    expect((await call(api, 'GET', '/Category/madantoc')).json).toHaveLength(54);
    expect((await call(api, 'POST', '/Category/qlvanbandieuhanhcap1', { body: [S4_ROW] })).json).toEqual({ MSG: 'Done', Count: 1 });
  });
});

describe('dmdc strict mode', () => {
  let app: App;
  let api: BuiltinApi;
  beforeAll(async () => ({ app, api } = await setup({ mode: 'strict' })));
  afterAll(async () => app.close());

  it('refuses unknown properties, numbers for strings, unknown query parameters and non-JSON content types', async () => {
    const r = await call(api, 'POST', '/Category/madantoc', { body: [{ MaDanToc: 55, TenDanToc: 'X', Ghichu: 'y' }] });
    expect(r.status).toBe(400);
    expect(r.json.Errors.map((e: any) => [e.ErrorCode, e.Field])).toEqual([
      ['NDXP_DMDC_FIELD_UNKNOWN', 'Ghichu'],
      ['NDXP_DMDC_FIELD_TYPE', 'MaDanToc'],
    ]);
    expect((await call(api, 'GET', '/Category/madantoc', { query: 'foo=1' })).status).toBe(400);
    const typed = await call(api, 'POST', '/Category/madantoc', { body: [{ MaDanToc: '55', TenDanToc: 'X' }], contentType: 'text/plain' });
    expect(typed.status).toBe(415);
    expect(typed.json.ErrorCode).toBe('NDXP_DMDC_CONTENT_TYPE');
  });
});

describe('dmdc storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-dmdc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('added rows survive a restart on the same data file', async () => {
    // A store of its own (not buildApp), so the test does not depend on the platform index wiring the part.
    const file = join(dir, 'state.sqlite');
    const open = async () => {
      const store = await openSqliteStore({ file });
      await store.migrate(categoriesPart.migrations);
      const ctx = { store, world: createWorld({ population: 1000, enterprises: 500 }), clock: virtualClock(new Date(TEST_INSTANT)), mode: 'lenient' } as unknown as EmulatorContext;
      return { store, api: categoriesPart.apis(ctx)[0]! };
    };
    const first = await open();
    const nz = { MaQuocGia: 'NZ', TenQuocGia: 'Niu Di-lân', MaQuocGiaAlpha3: 'NZL', TenTiengAnh: 'New Zealand' };
    expect((await call(first.api, 'POST', '/Category/maquocgia', { body: [nz] })).json).toEqual({ MSG: 'Done', Count: 1 });
    await first.store.close();
    const second = await open();
    try {
      expect((await call(second.api, 'GET', '/Category/maquocgia', { query: 'MaQuocGia=NZ' })).json).toEqual([nz]);
      expect((await call(second.api, 'POST', '/Category/maquocgia', { body: [nz] })).status).toBe(409);
    } finally {
      await second.store.close();
    }
  });
});
