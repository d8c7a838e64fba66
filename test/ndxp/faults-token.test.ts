/**
 * NDXP under fault injection: `expired-token` makes a live bearer token expire (the gateway's real 900903,
 * for this and every later call with that token, until the consumer asks /ndxp/token for a new one);
 * errors come in WSO2's dialect (JSON, XML for SOAP callers, RFC 6749 at the token endpoint); rules match a
 * consumer by clientId, by its agency, and an API by context, version or resource.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, enterprise } from '../../emulator/core/world/index.js';
import { call, ndxpApp, signedIn, token as freshToken, tokenReply, type App, type Consumer } from './support/gateway.js';

const msdn = enterprise(createWorld(), 42).MainInformation.ENTERPRISE_GDT_CODE;
const DETAIL = `/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${msdn}`;

let app: App;
let one: Consumer & { token: string };
let two: Consumer & { token: string };

beforeEach(async () => {
  app = await ndxpApp();
  one = await signedIn(app, ['apiCSDLDKDN', 'apiCSDLDC'], { agency: '000.00.01.H22' });
  two = await signedIn(app, ['apiCSDLDKDN'], { agency: '000.00.01.H40' });
});
afterEach(async () => app.close());

const fault = async (payload: Record<string, unknown>) => {
  const r = await app.inject({ method: 'POST', url: '/_lienthong/faults', payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string };
};

describe('expired-token', () => {
  it('answers a live token as expired (900903) from then on; a new token from /ndxp/token works', async () => {
    expect((await call(app, DETAIL, { token: one.token })).status).toBe(200);
    const { id } = await fault({ platform: 'ndxp', kind: 'expired-token', clientId: one.clientId, count: 1 });
    const refused = await call(app, DETAIL, { token: one.token });
    expect(refused.status).toBe(401);
    expect(refused.json.fault).toMatchObject({ code: 900903, message: 'Access Token Expired' });
    expect(refused.json.lienthong).toMatchObject({ code: 'NDXP_TOKEN_EXPIRED' });
    // The token really expired: retrying it is refused by the gateway itself (the rule's count is used up).
    expect((await call(app, DETAIL, { token: one.token })).json.fault.code).toBe(900903);
    // The other consumer's token is untouched.
    expect((await call(app, DETAIL, { token: two.token })).status).toBe(200);
    // WSO2 hands out a new token once the old one expired.
    const renewed = await freshToken(app, one);
    expect(renewed).not.toBe(one.token);
    expect((await call(app, DETAIL, { token: renewed })).status).toBe(200);

    await app.lienthong.evidence.flush();
    const { events } = (await app.inject({ method: 'GET', url: '/_lienthong/events?platform=ndxp' })).json() as { events: { status: number; systemId: string; verdicts: { code: string; message: string }[] }[] };
    const hits = events.filter((e) => e.verdicts.some((v) => v.code === 'FAULT_INJECTED'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ status: 401, systemId: one.clientId });
    expect(hits[0]!.verdicts.find((v) => v.code === 'FAULT_INJECTED')!.message).toContain(id);
  });

  it('matches by agency and by API; a call without a live token is not a hit', async () => {
    const { id } = await fault({ platform: 'ndxp', kind: 'expired-token', agency: '000.00.01.H40', operation: 'apiCSDLDKDN/1.0' });
    expect((await call(app, DETAIL, { token: one.token })).status).toBe(200);
    expect((await call(app, DETAIL)).json.fault.code).toBe(900902);
    expect((await call(app, DETAIL, { token: two.token })).json.fault.code).toBe(900903);
    const listed = (await app.inject({ method: 'GET', url: `/_lienthong/faults/${id}` })).json() as { hits: number };
    expect(listed.hits).toBe(1);
  });
});

describe('errors in the gateway dialect', () => {
  it('503 is WSO2 fault 101503 (JSON), for one consumer only', async () => {
    await fault({ platform: 'ndxp', kind: 'error', status: 503, clientId: two.clientId, operation: 'chiTietDoanhNghiep' });
    const r = await call(app, DETAIL, { token: two.token });
    expect(r.status).toBe(503);
    expect(r.json.fault).toMatchObject({ code: 101503, message: 'Runtime Error' });
    expect(r.json.fault.description).toMatch(/fault injected/);
    expect(r.json.lienthong).toEqual({ code: 'FAULT_INJECTED' });
    expect((await call(app, DETAIL, { token: one.token })).status).toBe(200);
  });

  it('a SOAP caller gets <ams:fault>; the token endpoint answers RFC 6749 temporarily_unavailable', async () => {
    await fault({ platform: 'ndxp', kind: 'error', status: 503, operation: 'apiCSDLDC' });
    const soap = await call(app, '/ndxp/apiCSDLDC/1.0', { token: one.token, body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>', contentType: 'text/xml' });
    expect(soap.status).toBe(503);
    expect(soap.text).toMatch(/^<ams:fault xmlns:ams="http:\/\/wso2.org\/apimanager"><ams:code>101503<\/ams:code>/);

    await fault({ platform: 'ndxp', kind: 'error', status: 503, operation: 'token', clientId: one.clientId, count: 1 });
    const t = await tokenReply(app, one);
    expect(t.status).toBe(503);
    expect(t.json).toMatchObject({ error: 'temporarily_unavailable', lienthong: { code: 'FAULT_INJECTED' } });
    expect((await tokenReply(app, two)).status).toBe(200);
    expect((await tokenReply(app, one)).status).toBe(200);
  });

  it('phase reply: the call is served and counted against the quota, then the reply is replaced', async () => {
    await fault({ platform: 'ndxp', kind: 'error', status: 504, phase: 'reply', count: 1 });
    const r = await call(app, DETAIL, { token: one.token });
    expect(r.status).toBe(504);
    expect(r.json.fault.code).toBe(101504);
    expect((await call(app, DETAIL, { token: one.token })).json).toMatchObject({ Status: '1' });
  });
});
