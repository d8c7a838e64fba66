/**
 * DVCQG under fault injection: rules match a one-stop account (the session's or the login's username), its
 * agency (madonvi) and a `service`; errors come as the portal's `error_code` reply; `expired-token` ends the
 * session so the portal answers 104 until the system logs in again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, oneStop, post, type App, type OneStop } from './support/portal.js';

let app: App;
let h22: OneStop;
let h40: OneStop;

beforeEach(async () => {
  app = await makeApp();
  h22 = await oneStop(app, '000.00.01.H22');
  h40 = await oneStop(app, '000.00.01.H40');
});
afterEach(async () => app.close());

const fault = async (payload: Record<string, unknown>) => {
  const r = await app.inject({ method: 'POST', url: '/_lienthong/faults', payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string };
};

describe('DVCQG faults', () => {
  it('fails one agency\'s calls to one service with error_code = the HTTP status', async () => {
    await fault({ platform: 'dvcqg', kind: 'error', status: 503, agency: '000.00.01.H40', operation: 'LayDanhMucCoQuan' });
    const hit = await h40.call('LayDanhMucCoQuan');
    expect(hit.status).toBe(503);
    expect(hit.body).toMatchObject({ error_code: 503, code: 'FAULT_INJECTED' });
    expect(hit.body.message).toMatch(/fault injected by \/_lienthong\/faults rule/);
    expect((await h40.call('LayDanhMucLinhVuc')).body.error_code).toBe(0);
    expect((await h22.call('LayDanhMucCoQuan')).body.error_code).toBe(0);
  });

  it('matches the account at login too', async () => {
    await fault({ platform: 'dvcqg', kind: 'error', status: 500, account: h22.username, operation: 'login', count: 1 });
    const refused = await post(app, '/dvcqg/login', { username: h22.username, password: h22.password });
    expect(refused).toMatchObject({ status: 500, body: { error_code: 500, code: 'FAULT_INJECTED' } });
    expect((await post(app, '/dvcqg/login', { username: h40.username, password: h40.password })).body.error_code).toBe(0);
    await h22.login();
  });

  it('expired-token ends the session: 104 until the system logs in again', async () => {
    const { id } = await fault({ platform: 'dvcqg', kind: 'expired-token', account: h22.username, count: 1 });
    const expired = await h22.call('LayDanhMucCoQuan');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error_code: 104, code: 'DVCQG_SESSION_EXPIRED', field: 'session' });
    expect((await h22.call('LayDanhMucCoQuan')).body.error_code).toBe(104);
    expect((await h40.call('LayDanhMucCoQuan')).body.error_code).toBe(0);
    await h22.login();
    expect((await h22.call('LayDanhMucCoQuan')).body.error_code).toBe(0);

    await app.lienthong.evidence.flush();
    const { events } = (await app.inject({ method: 'GET', url: '/_lienthong/events?platform=dvcqg' })).json() as { events: { status: number; agency: string; verdicts: { code: string; message: string }[] }[] };
    const hits = events.filter((e) => e.verdicts.some((v) => v.code === 'FAULT_INJECTED'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ status: 401, agency: '000.00.01.H22' });
    expect(hits[0]!.verdicts.map((v) => v.code)).toEqual(expect.arrayContaining(['FAULT_INJECTED', 'DVCQG_SESSION_EXPIRED']));
    expect(hits[0]!.verdicts.find((v) => v.code === 'FAULT_INJECTED')!.message).toContain(id);
  });
});
