/**
 * The agency directory over HTTP (specs/vdxp.md §3.3 agency operations, §4 codes): seeded level-1 codes,
 * generated sub-units, the QĐ 20/2020 view, determinism by seed, and registerAgency/deleteAgency ownership.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../emulator/core/clock.js';
import { createSdkClient, supertestTransport, type SdkClient } from './support/sdk-client.js';
import { connect, edoc, makeApp, type App, type Connected } from './support/fixtures.js';
import { isAscii, rawCall, signer } from './support/raw.js';

interface Agency {
  id: number;
  code: string;
  pid: number;
  name: string;
  mail: string;
  oldCode?: string;
}
interface Qd20 {
  id: number;
  code: string;
  name: string;
  mail: string;
  code102: string;
}
interface SyncUnit extends Agency {
  version: number;
  deleted: boolean;
  centerCode: string;
  isAgency: boolean;
  modifyDate: string;
}

const LEVEL1 = /^000\.00\.00\.[A-Z]\d{2}$/;

/** A client with its own header map, so no stale `level` or `AgencyCode` leaks between the checks. */
const fresh = (app: App, c: Connected): SdkClient =>
  createSdkClient({ systemId: c.systemId, secret: c.secret, transport: supertestTransport(app), now: () => app.lienthong.clock.now() });

async function agencies(app: App, c: Connected): Promise<Agency[]> {
  const res = await fresh(app, c).getAgenciesList();
  expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
  return res.json.data;
}

async function syncUnits(app: App, c: Connected): Promise<SyncUnit[]> {
  const res = await fresh(app, c).getSynchronizeUnit();
  expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
  return res.json.data;
}

describe('VDXP agency directory over HTTP', () => {
  let app: App;
  let a: Connected;
  let b: Connected;
  let list: Agency[];

  beforeAll(async () => {
    app = await makeApp({ seed: 102 });
    a = await connect(app, 'sys.a', ['000.00.00.G22']);
    b = await connect(app, 'sys.b', ['000.00.00.H41']);
    list = await agencies(app, a);
  });
  afterAll(() => app.close());

  describe('getAgenciesList', () => {
    it('has the seeded level-1 codes with their real names', () => {
      const byCode = new Map(list.map((x) => [x.code, x]));
      expect(byCode.get('000.00.00.G22')).toMatchObject({ name: 'Văn phòng Chính phủ', pid: 0 });
      expect(byCode.get('000.00.00.H41')).toMatchObject({ name: 'UBND tỉnh Nghệ An', pid: 0 });
      for (const x of list.filter((y) => LEVEL1.test(y.code))) expect(x.pid).toBe(0);
      expect(list.filter((x) => LEVEL1.test(x.code)).length).toBeGreaterThanOrEqual(30);
    });

    it('has generated sub-units whose pid is the id of their parent', () => {
      const ids = new Map(list.map((x) => [x.id, x]));
      const subs = list.filter((x) => !LEVEL1.test(x.code));
      expect(subs.length).toBeGreaterThan(50);
      for (const s of subs) {
        const parent = ids.get(s.pid);
        expect(parent, `parent of ${s.code}`).toBeDefined();
        // QCVN 102 is read right to left: the parent shares the level-1 suffix.
        expect(parent!.code.slice(-3)).toBe(s.code.slice(-3));
      }
      const h41Office = list.find((x) => x.code === '000.00.01.H41');
      expect(h41Office?.pid).toBe(list.find((x) => x.code === '000.00.00.H41')?.id);
      const commune = list.find((x) => x.code === '000.01.01.H41');
      expect(commune?.pid).toBe(h41Office?.id);
      expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
      expect(new Set(list.map((x) => x.code)).size).toBe(list.length);
    });

    it('replies in pure ASCII (Vietnamese names escaped) that parse back to the names', async () => {
      const res = await fresh(app, a).getAgenciesList();
      expect(isAscii(res.body)).toBe(true);
      expect(res.body.toString('latin1')).toContain('V\\u0103n ph\\u00f2ng Ch\\u00ednh ph\\u1ee7');
    });
  });

  describe('getAgenciesListQD20', () => {
    it('maps QCVN 102 codes to QĐ 20 codes: 000.00.01.H41 → H41.01, 000.00.00.H41 → H41', async () => {
      const res = await fresh(app, a).getAgenciesListQD20();
      expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
      const data = res.json.data as Qd20[];
      expect(data.length).toBe(list.length);
      expect(data.find((x) => x.code102 === '000.00.01.H41')?.code).toBe('H41.01');
      expect(data.find((x) => x.code102 === '000.00.00.H41')?.code).toBe('H41');
      expect(data.find((x) => x.code102 === '000.02.01.H41')?.code).toBe('H41.01.02');
      for (const x of data) expect(x.code).toMatch(/^[A-Z]\d{2}(\.\d{2,3})*$/);
    });

    it('filters by level', async () => {
      const one = (await fresh(app, a).getAgenciesListQD20('1')).json.data as Qd20[];
      const two = (await fresh(app, a).getAgenciesListQD20('2')).json.data as Qd20[];
      expect(one.length).toBe(list.filter((x) => LEVEL1.test(x.code)).length);
      for (const x of one) {
        expect(x.code102).toMatch(LEVEL1);
        expect(x.code).toMatch(/^[A-Z]\d{2}$/);
      }
      expect(two.length).toBeGreaterThan(0);
      for (const x of two) expect(x.code102).toMatch(/^000\.00\.(?!00)\d{2}\.[A-Z]\d{2}$/);
      expect(two.map((x) => x.code)).toContain('H41.01');
    });

    it('refuses a level outside 1..4 with VDXP_BAD_PARAMETER', async () => {
      const res = await fresh(app, a).getAgenciesListQD20('7');
      expect({ status: res.httpStatus, code: res.json.code, field: res.json.field }).toEqual({ status: 400, code: 'VDXP_BAD_PARAMETER', field: 'XroadVnpt-level' });
    });
  });

  describe('determinism', () => {
    it('two apps with the same seed give identical directories; another seed differs in sub-units only', async () => {
      const other = await makeApp({ seed: 102 });
      const third = await makeApp({ seed: 7 });
      try {
        const o = await connect(other, 'sys.a', ['000.00.00.G22']);
        const t = await connect(third, 'sys.a', ['000.00.00.G22']);
        const same = await agencies(other, o);
        const diff = await agencies(third, t);
        expect(same).toEqual(list);

        const level1 = (xs: Agency[]) => xs.filter((x) => LEVEL1.test(x.code)).map(({ code, name, mail, pid }) => ({ code, name, mail, pid }));
        const subs = (xs: Agency[]) => xs.filter((x) => !LEVEL1.test(x.code)).map(({ code, name, mail }) => ({ code, name, mail }));
        expect(level1(diff)).toEqual(level1(list));
        expect(subs(diff)).not.toEqual(subs(list));
      } finally {
        await other.close();
        await third.close();
      }
    });
  });

  describe('registerAgency and deleteAgency', () => {
    const NEW = '000.00.09.H41';

    it('registerAgency adds an agency owned by the caller, which can then send', async () => {
      const res = await fresh(app, b).registerAgency({ pcode: '000.00.00.H41', code: NEW, name: 'Sở Thử nghiệm tỉnh Nghệ An', mail: 'vanthu@thunghiem.nghean.gov.vn' });
      expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0', code: NEW });

      const now = await agencies(app, a);
      const added = now.find((x) => x.code === NEW);
      expect(added).toMatchObject({ name: 'Sở Thử nghiệm tỉnh Nghệ An', mail: 'vanthu@thunghiem.nghean.gov.vn', pid: now.find((x) => x.code === '000.00.00.H41')?.id });
      const sync = (await syncUnits(app, a)).find((x) => x.code === NEW);
      expect(sync).toMatchObject({ centerCode: 'sys.b', isAgency: true, deleted: false });

      const owner = await app.inject({ method: 'GET', url: '/_lienthong/vdxp/systems/sys.b' });
      expect(owner.json().agencies.map((x: { code: string }) => x.code)).toContain(NEW);

      const today = vnDate(app.lienthong.clock.now());
      const sent = await b.client.sendEdoc(edoc({ from: NEW, to: ['000.00.00.G22'], number: '9001', date: today }), { from: NEW, messagetype: 'edoc' });
      expect(sent.json).toMatchObject({ status: 'OK', ErrorCode: '0' });
      const inbox = await a.client.getReceivedEdocList('edoc');
      expect(inbox.json.data.map((x: { from: string }) => x.from)).toContain(NEW);
    });

    it('refuses an agency that is its own parent (pid would loop)', async () => {
      const res = await fresh(app, b).registerAgency({ pcode: NEW, code: NEW, name: 'Vòng lặp', mail: 'x@example.vn' });
      expect({ status: res.httpStatus, code: res.json.code, field: res.json.field }).toEqual({ status: 400, code: 'VDXP_BAD_PARAMETER', field: 'pcode' });
      const row = (await agencies(app, a)).find((x) => x.code === NEW)!;
      expect(row.pid).not.toBe(row.id);
    });

    it('refuses to register a code owned by another system: 409 VDXP_AGENCY_EXISTS, owner unchanged', async () => {
      const res = await fresh(app, b).registerAgency({ pcode: '', code: '000.00.00.G22', name: 'Chiếm mã', mail: 'x@example.vn' });
      expect({ status: res.httpStatus, code: res.json.code }).toEqual({ status: 409, code: 'VDXP_AGENCY_EXISTS' });
      expect(res.json.status).toBe('FAIL');
      const g22 = (await syncUnits(app, a)).find((x) => x.code === '000.00.00.G22');
      expect(g22?.centerCode).toBe('sys.a');
      expect(g22?.name).toBe('Văn phòng Chính phủ');
    });

    it('refuses a body without name: VDXP_BAD_PARAMETER naming the field', async () => {
      const headers = signer(b.systemId, b.secret).headersFor({}, 'application/json');
      const res = await rawCall(app, '/registerAgency', headers, JSON.stringify({ pcode: '000.00.00.H41', code: '000.00.10.H41', mail: 'a@b.vn' }));
      expect({ status: res.status, code: res.json.code }).toEqual({ status: 400, code: 'VDXP_BAD_PARAMETER' });
      expect(res.json.field).toBe('/name');
      expect(res.json.ErrorDesc).toContain('name');
      expect((await agencies(app, a)).some((x) => x.code === '000.00.10.H41')).toBe(false);

      const notJson = await rawCall(app, '/registerAgency', signer(b.systemId, b.secret).headersFor({}, 'application/json'), '{code:');
      expect({ status: notJson.status, code: notJson.json.code }).toEqual({ status: 400, code: 'VDXP_BAD_PARAMETER' });
    });

    it('deleteAgency removes it from getAgenciesList; getSynchronizeUnit keeps it as deleted with a higher version', async () => {
      const before = (await syncUnits(app, a)).find((x) => x.code === NEW)!;
      expect(before.deleted).toBe(false);

      const res = await fresh(app, b).deleteAgency(NEW);
      expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0' });

      expect((await agencies(app, a)).some((x) => x.code === NEW)).toBe(false);
      const after = (await syncUnits(app, a)).find((x) => x.code === NEW);
      expect(after).toMatchObject({ deleted: true, code: NEW });
      expect(after!.version).toBeGreaterThan(before.version);

      // Gone from the axis: it can no longer send, and it cannot be deleted twice.
      const today = vnDate(app.lienthong.clock.now());
      const sent = await b.client.sendEdoc(edoc({ from: NEW, to: ['000.00.00.G22'], number: '9002', date: today }), { from: NEW, messagetype: 'edoc' });
      expect(sent.json).toMatchObject({ status: 'FAIL', code: 'VDXP_SENDER_UNREGISTERED' });
      const again = await fresh(app, b).deleteAgency(NEW);
      expect({ status: again.httpStatus, code: again.json.code }).toEqual({ status: 404, code: 'VDXP_AGENCY_NOT_FOUND' });
    });

    it("refuses to delete another system's agency: 403 VDXP_AGENCY_NOT_OWNED, still listed", async () => {
      const res = await fresh(app, b).deleteAgency('000.00.00.G22');
      expect({ status: res.httpStatus, code: res.json.code }).toEqual({ status: 403, code: 'VDXP_AGENCY_NOT_OWNED' });
      expect(res.json.status).toBe('FAIL');
      expect((await agencies(app, a)).some((x) => x.code === '000.00.00.G22')).toBe(true);
    });

    it('refuses to register a unit under a deleted parent (its pid would point at nothing)', async () => {
      const res = await fresh(app, b).registerAgency({ pcode: NEW, code: '001.00.09.H41', name: 'Phòng con', mail: 'x@example.vn' });
      expect({ status: res.httpStatus, code: res.json.code, field: res.json.field }).toEqual({ status: 404, code: 'VDXP_AGENCY_NOT_FOUND', field: 'pcode' });
      expect((await syncUnits(app, a)).some((x) => x.code === '001.00.09.H41')).toBe(false);
    });

    it('lets a deleted agency join again through another system', async () => {
      const before = (await syncUnits(app, a)).find((x) => x.code === NEW)!;
      const res = await fresh(app, a).registerAgency({ pcode: '000.00.00.H41', code: NEW, name: 'Sở Thử nghiệm (chuyển trục)', mail: 'vanthu@thunghiem.nghean.gov.vn' });
      expect(res.json).toMatchObject({ status: 'OK', ErrorCode: '0', code: NEW });
      const after = (await syncUnits(app, a)).find((x) => x.code === NEW)!;
      expect(after).toMatchObject({ deleted: false, centerCode: 'sys.a', name: 'Sở Thử nghiệm (chuyển trục)' });
      expect(after.version).toBeGreaterThan(before.version);
      expect((await agencies(app, a)).some((x) => x.code === NEW)).toBe(true);
      // Its former system no longer owns it.
      const del = await fresh(app, b).deleteAgency(NEW);
      expect({ status: del.httpStatus, code: del.json.code }).toEqual({ status: 403, code: 'VDXP_AGENCY_NOT_OWNED' });
    });

    it('refuses to delete an unowned seeded agency too (only connected agencies can be deleted by their system)', async () => {
      const res = await fresh(app, b).deleteAgency('000.00.00.G01');
      expect({ status: res.httpStatus, code: res.json.code }).toEqual({ status: 403, code: 'VDXP_AGENCY_NOT_OWNED' });
    });
  });
});
