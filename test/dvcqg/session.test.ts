import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, makeApp, oneStop, post, type App } from './support/portal.js';

let app: App;
beforeEach(async () => {
  app = await makeApp();
});
afterEach(async () => app.close());

describe('DVCQG accounts and sessions (§A1)', () => {
  it('logs in and answers a service call with error_code 0', async () => {
    const s = await oneStop(app);
    expect(s.session).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const r = await s.call('LayDanhMucLinhVuc');
    expect(r.status).toBe(200);
    expect(r.body.error_code).toBe(0);
    expect(r.body.result.length).toBeGreaterThan(50);
  });

  it('refuses a wrong password and an unknown user alike (DVCQG_LOGIN_FAILED 101)', async () => {
    await oneStop(app);
    for (const body of [{ username: 'mc-000.00.01.H22', password: 'wrong' }, { username: 'nobody', password: 'x' }]) {
      const r = await post(app, '/dvcqg/login', body);
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ error_code: 101, code: 'DVCQG_LOGIN_FAILED', field: 'username' });
    }
    const missing = await post(app, '/dvcqg/login', { username: 'x' });
    expect(missing.body).toMatchObject({ error_code: 203, code: 'DVCQG_MISSING_PARAMETER', field: 'password' });
  });

  it('names the session problem: missing, never issued, expired on the emulator clock', async () => {
    const s = await oneStop(app);
    const none = await post(app, '/dvcqg/service', { madonvi: s.madonvi, service: 'LayDanhMucCoQuan' });
    expect(none.body).toMatchObject({ error_code: 102, code: 'DVCQG_SESSION_MISSING', field: 'session' });
    const forged = await post(app, '/dvcqg/service', { session: 'forged', madonvi: s.madonvi, service: 'LayDanhMucCoQuan' });
    expect(forged.body).toMatchObject({ error_code: 103, code: 'DVCQG_SESSION_INVALID' });
    await post(app, '/_lienthong/clock', { advance: 'PT59M' });
    expect((await s.call('LayDanhMucCoQuan')).body.error_code).toBe(0);
    await post(app, '/_lienthong/clock', { advance: 'PT2M' });
    const expired = await s.call('LayDanhMucCoQuan');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error_code: 104, code: 'DVCQG_SESSION_EXPIRED' });
  });

  it('checks madonvi against the account, and reads the dstcode header when the body has none', async () => {
    const s = await oneStop(app);
    const other = await post(app, '/dvcqg/service', { session: s.session, madonvi: '000.00.01.H30', service: 'LayDanhMucCoQuan' });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error_code: 105, code: 'DVCQG_AGENCY_MISMATCH', field: 'madonvi' });
    const viaHeader = await post(app, '/dvcqg/service', { session: s.session, service: 'LayDanhMucCoQuan' }, { dstcode: s.madonvi });
    expect(viaHeader.body.error_code).toBe(0);
    const wrongHeader = await post(app, '/dvcqg/service', { session: s.session, service: 'LayDanhMucCoQuan' }, { dstcode: '000.00.00.G01' });
    expect(wrongHeader.body.code).toBe('DVCQG_AGENCY_MISMATCH');
  });

  it('lenient mode takes a missing madonvi from the session with a warning; strict mode refuses it', async () => {
    const s = await oneStop(app);
    const lenient = await post(app, '/dvcqg/service', { session: s.session, service: 'LayDanhMucCoQuan' });
    expect(lenient.body.error_code).toBe(0);
    expect(lenient.body.warnings[0]).toContain('no madonvi');
    const strict = await oneStop(app, '000.00.02.H22', { mode: 'strict' });
    const r = await post(app, '/dvcqg/service', { session: strict.session, service: 'LayDanhMucCoQuan' });
    expect(r.body).toMatchObject({ error_code: 203, field: 'madonvi' });
  });

  it('answers malformed bodies, unknown services and unknown paths in the portal dialect', async () => {
    const s = await oneStop(app);
    const bad = await post(app, '/dvcqg/service', '{"session":');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error_code: 201, code: 'DVCQG_BAD_JSON', field: 'body' });
    const arr = await post(app, '/dvcqg/service', '[1]');
    expect(arr.body.code).toBe('DVCQG_BAD_JSON');
    const unknown = await s.call('XoaHoSo');
    expect(unknown.body).toMatchObject({ error_code: 202, code: 'DVCQG_UNKNOWN_SERVICE', field: 'service' });
    expect(unknown.body.message).toContain('DongBoHoSoMC');
    const noService = await post(app, '/dvcqg/service', { session: s.session, madonvi: s.madonvi });
    expect(noService.body).toMatchObject({ error_code: 203, field: 'service' });
    const path = await post(app, '/dvcqg/nothing', {});
    expect(path.status).toBe(404);
    expect(path.body).toMatchObject({ error_code: 205, code: 'DVCQG_UNKNOWN_ENDPOINT' });
  });

  it('validates account creation and keeps accounts across a reset with keepSystems', async () => {
    const bad = await post(app, '/_lienthong/dvcqg/accounts', { username: 'a b', password: 'x', madonvi: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    const s = await oneStop(app);
    const dup = await post(app, '/_lienthong/dvcqg/accounts', { username: s.username, password: 'another1', madonvi: s.madonvi });
    expect(dup.body.error).toMatchObject({ field: 'username', rule: 'unique' });
    const badPattern = await post(app, '/_lienthong/dvcqg/accounts', { username: 'p', password: 'pass1', madonvi: '000.00.03.H22', dossierCodePattern: '([' });
    expect(badPattern.body.error.field).toBe('dossierCodePattern');
    await post(app, '/_lienthong/reset', { keepSystems: true });
    expect((await post(app, '/dvcqg/login', { username: s.username, password: s.password })).body.error_code).toBe(0);
    expect((await s.call('LayDanhMucCoQuan')).body.code).toBe('DVCQG_SESSION_INVALID');
    await post(app, '/_lienthong/reset', {});
    expect((await get(app, '/_lienthong/dvcqg/accounts')).body.accounts).toEqual([]);
  });
});
