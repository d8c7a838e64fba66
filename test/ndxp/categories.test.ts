/**
 * The shared category service over HTTP through the NDXP gateway (§B1): `/ndxp/dmdc/1.0/…` (and the default
 * version without `1.0`) with a bearer token, as the NGSP client (AllCategory → UrlGetList) and the Quảng Bình
 * LGSP guide (Metadata, Category GET and POST) call it; the control plane and reset.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ETHNIC_GROUPS, PROVINCES } from '../../emulator/core/world/index.js';
import { call, ndxpApp, signedIn, token, type App } from './support/gateway.js';
import { S4_ROW } from './support/rows.js';


const post = (app: App, url: string, tok: string, body: unknown) => call(app, url, { token: tok, body: JSON.stringify(body), contentType: 'application/json' });

describe('/ndxp/dmdc through the gateway', () => {
  let app: App;
  beforeEach(async () => {
    app = await ndxpApp({ population: 5_000, enterprises: 2_500 });
  });
  afterEach(async () => app.close());

  it('AllCategory lists every catalogue; each UrlGetList, fetched as given with the token, returns its rows', async () => {
    const c = await signedIn(app, ['dmdc']);
    const list = await call(app, '/ndxp/dmdc/1.0/AllCategory', { token: c.token });
    expect(list.status).toBe(200);
    expect(list.json.map((x: any) => x.CategoryCode)).toEqual([
      'qlvanbandieuhanhcap1', 'donvihanhchinhcap1', 'donvihanhchinhcap2', 'donvihanhchinhcap3', 'madantoc', 'matongiao',
      'magioitinh', 'manhommau', 'matinhtranghonnhan', 'maquocgia', 'loaihinhdoanhnghiep',
    ]);
    for (const item of list.json) {
      const url = new URL(item.UrlGetList);
      expect(url.pathname).toBe(`/ndxp/dmdc/1.0/Category/${item.CategoryCode}`);
      const pages = [];
      for (let p = 1; p <= item.TotalPage; p++) pages.push(...(await call(app, `${url.pathname}${item.TotalPage > 1 ? `?page=${p}` : ''}`, { token: c.token })).json);
      expect(pages, item.CategoryCode).toHaveLength(item.TotalItem);
    }
  });

  it('the default version answers without 1.0; Metadata and rows match the world', async () => {
    const c = await signedIn(app, ['dmdc']);
    const versioned = await call(app, '/ndxp/dmdc/1.0/Category/madantoc', { token: c.token });
    const plain = await call(app, '/ndxp/dmdc/Category/madantoc', { token: c.token });
    expect(plain.status).toBe(200);
    expect(plain.json).toEqual(versioned.json);
    expect(plain.json).toEqual(ETHNIC_GROUPS.map((g) => ({ MaDanToc: g.code, TenDanToc: g.name })));
    const provinces = await call(app, '/ndxp/dmdc/Category/donvihanhchinhcap1', { token: c.token });
    expect(provinces.json).toHaveLength(63);
    expect(provinces.json.map((p: any) => p.MaTinhDinhDanh)).toEqual(PROVINCES.map((p) => p.cccd));
    const meta = await call(app, '/ndxp/dmdc/Metadata/madantoc', { token: c.token });
    expect(meta.json).toEqual([
      { PropertyCode: 'MaDanToc', PropertyName: 'Mã dân tộc', PropertyType: 'String' },
      { PropertyCode: 'TenDanToc', PropertyName: 'Tên dân tộc', PropertyType: 'String' },
    ]);
  });

  it('the S4 POST example: Done, visible to another consumer, then the duplicate message; evidence names the caller', async () => {
    const a = await signedIn(app, ['dmdc'], { agency: '000.00.12.H20' });
    const b = await signedIn(app, ['dmdc']);
    const done = await post(app, '/ndxp/dmdc/Category/qlvanbandieuhanhcap1', a.token, [S4_ROW]);
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ MSG: 'Done', Count: 1 });
    const rows = await call(app, '/ndxp/dmdc/Category/qlvanbandieuhanhcap1', { token: b.token });
    expect(rows.json.at(-1)).toEqual(S4_ROW);
    const dup = await post(app, '/ndxp/dmdc/Category/qlvanbandieuhanhcap1', b.token, [S4_ROW]);
    expect(dup.status).toBe(409);
    expect(dup.json).toMatchObject({ MSG: 'Data not insert: Record 1: MaDinhDanhCap1 "000.00.00.H30 is duplicate', Count: 0, ErrorCode: 'NDXP_DMDC_DUPLICATE' });

    const events = JSON.parse((await app.inject({ method: 'GET', url: '/_lienthong/events?platform=ndxp' })).body).events as Array<Record<string, any>>;
    const adds = events.filter((e) => e.operation === 'dmdc/1.0 Category/qlvanbandieuhanhcap1 (add)');
    expect(adds.map((e) => [e.status, e.agency])).toEqual([[200, '000.00.12.H20'], [409, b.agency]]);
    expect(JSON.stringify(adds[1]!.verdicts)).toContain('NDXP_DMDC_DUPLICATE');

    const added = await app.inject({ method: 'GET', url: '/_lienthong/ndxp/categories/qlvanbandieuhanhcap1/added' });
    expect(added.statusCode).toBe(200);
    expect(added.json().rows).toEqual([expect.objectContaining({ row: S4_ROW, clientId: a.clientId, agency: '000.00.12.H20' })]);
    const overview = await app.inject({ method: 'GET', url: '/_lienthong/ndxp/categories' });
    expect(overview.json().categories.find((x: any) => x.code === 'qlvanbandieuhanhcap1')).toMatchObject({ added: 1 });
  });

  it('refusals in the service\'s dialect: invalid row, unknown catalogue', async () => {
    const c = await signedIn(app, ['dmdc']);
    const bad = await post(app, '/ndxp/dmdc/Category/madantoc', c.token, [{ MaDanToc: '55' }]);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ MSG: 'Data not insert: Record 1: TenDanToc is required (tên dân tộc)', Count: 0, ErrorCode: 'NDXP_DMDC_FIELD_REQUIRED', Field: 'TenDanToc', Rule: 'required' });
    expect((await call(app, '/ndxp/dmdc/Category/madantoc', { token: c.token })).json).toHaveLength(54);
    const unknown = await call(app, '/ndxp/dmdc/1.0/Category/gioitinh', { token: c.token });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ ErrorCode: 'NDXP_DMDC_CATEGORY_NOT_FOUND', Field: 'CategoryCode' });
    expect(unknown.json.MSG).toContain('did you mean "magioitinh"');
  });

  it('the gateway guards it: no token, no subscription, no such resource (WSO2 faults)', async () => {
    expect((await call(app, '/ndxp/dmdc/1.0/AllCategory')).json.fault.code).toBe(900902);
    const other = await signedIn(app, ['apiCSDLDKDN']);
    const forbidden = await call(app, '/ndxp/dmdc/1.0/AllCategory', { token: other.token });
    expect(forbidden.status).toBe(403);
    const c = await signedIn(app, ['dmdc']);
    const nowhere = await call(app, '/ndxp/dmdc/1.0/Categories', { token: c.token });
    expect(nowhere.status).toBe(404);
    expect(nowhere.json.fault.code).toBe(900906);
    const wrongMethod = await call(app, '/ndxp/dmdc/1.0/Category/madantoc', { token: c.token, method: 'DELETE' });
    expect(wrongMethod.json.fault.code).toBe(900906);
  });

  it('POST /_lienthong/reset clears the added rows; the built-in rows stay', async () => {
    const c = await signedIn(app, ['dmdc']);
    expect((await post(app, '/ndxp/dmdc/Category/madantoc', c.token, [{ MaDanToc: '55', TenDanToc: 'Nhóm thử nghiệm' }])).json).toEqual({ MSG: 'Done', Count: 1 });
    expect((await call(app, '/ndxp/dmdc/Category/madantoc', { token: c.token })).json).toHaveLength(55);
    const reset = await app.inject({ method: 'POST', url: '/_lienthong/reset', payload: { keepSystems: true } });
    expect(reset.statusCode).toBe(200);
    const fresh = await token(app, c);
    const after = await call(app, '/ndxp/dmdc/Category/madantoc', { token: fresh });
    expect(after.json).toHaveLength(54);
    expect((await post(app, '/ndxp/dmdc/Category/madantoc', fresh, [{ MaDanToc: '55', TenDanToc: 'Nhóm thử nghiệm' }])).json).toEqual({ MSG: 'Done', Count: 1 });
  });
});
