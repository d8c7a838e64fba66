/**
 * The business registry (§B4) over HTTP through the NDXP gateway, as NGSP clients call it: a token from
 * `POST /ndxp/token`, then `GET /ndxp/apiCSDLDKDN/1.0/<resource>` (OpenCPS, S1) or without the version
 * (the Quảng Bình guide, S4), the clock moved with `POST /_lienthong/clock`, every call in the evidence log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, enterprise } from '../../emulator/core/world/index.js';
import { call, ndxpApp, signedIn, token as freshToken, type App, type Consumer } from './support/gateway.js';

const world = createWorld(); // seed 102, as the test apps
const msdn = enterprise(world, 42).MainInformation.ENTERPRISE_GDT_CODE;

describe('apiCSDLDKDN through the gateway', () => {
  let app: App;
  let consumer: Consumer;
  let token: string;
  beforeAll(async () => {
    app = await ndxpApp();
    ({ token, ...consumer } = await signedIn(app, ['apiCSDLDKDN']));
  });
  afterAll(async () => app.close());

  it('answers chiTietDoanhNghiep at the NGSP path and at the versionless adapter path', async () => {
    const ngsp = await call(app, `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${msdn}`, { token });
    expect(ngsp.status).toBe(200);
    expect(ngsp.headers['content-type']).toMatch(/^application\/json/);
    expect(ngsp.json).toMatchObject({ Status: '1', DataCount: 1, Data: { MainInformation: enterprise(world, 42).MainInformation } });
    const adapter = await call(app, `/ndxp/apiCSDLDKDN/chiTietDoanhNghiep?msdn=${msdn}`, { token });
    expect(adapter.text).toBe(ngsp.text);
  });

  it('renders registry errors in the envelope with a real status, and unknown resources as WSO2 faults', async () => {
    const bad = await call(app, '/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=123', { token });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ Status: '0', Data: null, DataCount: 0, ErrorCode: 'NDXP_DKDN_MSDN_INVALID' });
    const tooLong = await call(app, '/ndxp/apiCSDLDKDN/1.0/danhSachHoSo?from_date=15/11/2026&to_date=20/11/2026', { token });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.ErrorCode).toBe('NDXP_DKDN_DATE_RANGE_TOO_LONG');
    const unknown = await call(app, '/ndxp/apiCSDLDKDN/1.0/xoaDoanhNghiep', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.json.fault.code).toBe(900906);
  });

  it('is refused without a token, before the registry is asked', async () => {
    const res = await call(app, `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${msdn}`);
    expect(res.status).toBe(401);
    expect(res.json.fault.code).toBe(900902);
  });

  it('lists today\'s filings up to the clock, which the control plane moves', async () => {
    const url = '/ndxp/apiCSDLDKDN/1.0/danhSachHoSoTrongNgay?from_ts=00:00&to_ts=23:59&limit=500';
    const before = await call(app, url, { token });
    expect(before.status).toBe(200);
    const moved = await app.inject({ method: 'POST', url: '/_lienthong/clock', payload: { advance: 'PT2H' } });
    expect(moved.statusCode).toBe(200);
    token = await freshToken(app, consumer); // two hours on, the first token has expired
    const after = await call(app, url, { token });
    expect(after.json.DataCount).toBeGreaterThan(before.json.DataCount);
    const first = before.json.Data[0];
    const status = await call(app, `/ndxp/apiCSDLDKDN/1.0/tinhTrangHoSo?in_journal_no=${first.IN_JOURNAL_NO}`, { token });
    expect(status.json).toMatchObject({ Status: '1', Data: { IN_JOURNAL_NO: first.IN_JOURNAL_NO } });
  });

  it('records each call with its operation and verdicts in the evidence log', async () => {
    await call(app, `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?MSDN=${msdn}`, { token });
    const events = JSON.parse((await app.inject({ method: 'GET', url: '/_lienthong/events?platform=ndxp&limit=500' })).body).events as Array<Record<string, any>>;
    const mine = events.filter((e) => String(e.operation).startsWith('apiCSDLDKDN/1.0'));
    expect(mine.some((e) => e.operation === 'apiCSDLDKDN/1.0 chiTietDoanhNghiep' && e.status === 200)).toBe(true);
    expect(JSON.stringify(mine)).toContain('NDXP_DKDN_MSDN_INVALID');
    expect(JSON.stringify(mine)).toContain('NDXP_DKDN_PARAM_MISSING'); // the MSDN warning
  });
});
