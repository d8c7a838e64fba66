/**
 * The NDXP gateway over HTTP (§B1): the client-credentials token endpoint in its three client forms, token
 * expiry and revocation on the emulator clock, and the API gateway proxying a published API with
 * authentication, subscriptions, quotas, rate limits, timeouts and upstream failures — each in WSO2's dialect.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, consumer, ndxpApp, signedIn, token, tokenReply, type App } from './support/gateway.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A publisher's service: echoes what it received; `/slow` never answers in time, `/boom` fails. */
function upstream(): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/svc/slow')) return void setTimeout(() => res.end('late'), 2_000);
      if (req.url?.startsWith('/svc/boom')) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        return void res.end('{"error":"database down"}');
      }
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-upstream', 'yes');
      res.end(JSON.stringify({ ok: true, url: req.url }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/svc`, seen })));
}

async function publish(app: App, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/_lienthong/ndxp/apis', payload: { provider: '000.00.00.H40', ...body } });
}

async function advance(app: App, duration: string) {
  const r = await app.inject({ method: 'POST', url: '/_lienthong/clock', payload: { advance: duration } });
  expect(r.statusCode).toBe(200);
}

const form = (app: App, url: string, payload: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

describe('token endpoint: client credentials (§B1)', () => {
  let app: App;
  beforeEach(async () => {
    app = await ndxpApp();
  });
  afterEach(async () => app.close());

  it('issues a bearer token for Basic credentials in WSO2\'s shape, with no-store caching', async () => {
    const c = await consumer(app, { apis: [] });
    const r = await tokenReply(app, c);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'default' });
    expect(r.json.access_token).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('accepts client_id/client_secret in the form (LGSP Đà Nẵng) and the lgspaccesstoken header (VNPT LGSP)', async () => {
    const c = await consumer(app, { apis: [] });
    const viaForm = await form(app, '/ndxp/token', `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.clientSecret}`);
    expect(viaForm.statusCode).toBe(200);
    const lgsp = Buffer.from(JSON.stringify({ AccessKey: c.clientId, SecretKey: c.clientSecret, AppName: 'motcua', PartnerCode: 'H22', PartnerCodeCus: 'H22' })).toString('base64');
    const viaHeader = await form(app, '/ndxp/token', 'grant_type=client_credentials', { lgspaccesstoken: lgsp });
    expect(viaHeader.statusCode).toBe(200);
    // WSO2 hands back the consumer's still-active token rather than a second one.
    expect(JSON.parse(viaHeader.body).access_token).toBe(JSON.parse(viaForm.body).access_token);
  });

  it('refuses wrong secrets, unknown clients, missing authentication and mixed credentials with RFC 6749 errors', async () => {
    const c = await consumer(app, { apis: [] });
    const wrong = await tokenReply(app, { clientId: c.clientId, clientSecret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: 'invalid_client', lienthong: { code: 'NDXP_TOKEN_INVALID_CLIENT' } });
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic/);
    expect((await tokenReply(app, { clientId: 'nobody', clientSecret: 'x' })).status).toBe(401);
    const none = await form(app, '/ndxp/token', 'grant_type=client_credentials');
    expect(none.statusCode).toBe(401);
    expect(JSON.parse(none.body).error_description).toMatch(/Basic|client_id|lgspaccesstoken/);
    const basic = Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64');
    const mixed = await form(app, '/ndxp/token', `grant_type=client_credentials&client_id=other&client_secret=${c.clientSecret}`, { authorization: `Basic ${basic}` });
    expect(mixed.statusCode).toBe(400);
    expect(JSON.parse(mixed.body)).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a missing or unsupported grant_type and a body that is not a form', async () => {
    const c = await consumer(app, { apis: [] });
    const basic = { authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}` };
    const missing = await form(app, '/ndxp/token', 'scope=default', basic);
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({ error: 'invalid_request', lienthong: { field: 'grant_type' } });
    const password = await form(app, '/ndxp/token', 'grant_type=password&username=a&password=b', basic);
    expect(password.statusCode).toBe(400);
    expect(JSON.parse(password.body).error).toBe('unsupported_grant_type');
    const json = await app.inject({ method: 'POST', url: '/ndxp/token', payload: '{"grant_type":"client_credentials"}', headers: { 'content-type': 'application/json', ...basic } });
    expect(json.statusCode).toBe(400);
    expect(JSON.parse(json.body).error_description).toMatch(/x-www-form-urlencoded/);
  });

  it('redacts secrets of token requests and replies in the evidence log', async () => {
    const c = await consumer(app, { apis: [] });
    await form(app, '/ndxp/token', `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.clientSecret}`);
    const events = JSON.parse((await app.inject({ method: 'GET', url: '/_lienthong/events?platform=ndxp' })).body).events as Array<Record<string, unknown>>;
    const text = JSON.stringify(events);
    expect(events.some((e) => e.operation === 'token' && e.status === 200 && e.agency === c.agency)).toBe(true);
    expect(text).not.toContain(c.clientSecret);
    expect(text).toContain('client_secret=[redacted]');
    expect(text).toContain('"access_token\\":\\"[redacted]');
  });
});

describe('gateway: a published API behind /ndxp/<context>/<version>', () => {
  let app: App;
  let up: Awaited<ReturnType<typeof upstream>>;
  beforeAll(async () => {
    up = await upstream();
  });
  afterAll(async () => new Promise<void>((resolve) => up.server.close(() => resolve())));
  beforeEach(async () => {
    app = await ndxpApp();
    up.seen.length = 0;
    const r = await publish(app, { context: 'apiHoTich', version: '1.0', upstream: up.url, defaultVersion: true, timeoutMs: 300 });
    expect(r.statusCode).toBe(201);
  });
  afterEach(async () => app.close());

  it('proxies method, resource, query and body to the upstream, without the caller\'s credentials', async () => {
    const c = await signedIn(app, ['apiHoTich']);
    const r = await call(app, '/ndxp/apiHoTich/1.0/khaisinh/123?soDinhDanh=001090000001', { token: c.token, body: '{"a":1}', contentType: 'application/json' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, url: '/svc/khaisinh/123?soDinhDanh=001090000001' });
    expect(r.headers['x-upstream']).toBe('yes');
    const seen = up.seen.at(-1)!;
    expect(seen).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-consumer-key']).toBe(c.clientId);
    expect(seen.headers['x-consumer-agency']).toBe(c.agency);
  });

  it('reaches the default version without the version segment', async () => {
    const c = await signedIn(app, ['apiHoTich/1.0']);
    const r = await call(app, '/ndxp/apiHoTich/khaisinh', { token: c.token });
    expect(r.status).toBe(200);
    expect(r.json.url).toBe('/svc/khaisinh');
  });

  it('refuses calls without a token, with an unknown token, and to an API the consumer is not subscribed to', async () => {
    const missing = await call(app, '/ndxp/apiHoTich/1.0/khaisinh');
    expect(missing.status).toBe(401);
    expect(missing.json.fault).toMatchObject({ code: 900902, message: 'Missing Credentials' });
    const unknown = await call(app, '/ndxp/apiHoTich/1.0/khaisinh', { token: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(401);
    expect(unknown.json.fault.code).toBe(900901);
    const other = await signedIn(app, ['apiCSDLDKDN']);
    const forbidden = await call(app, '/ndxp/apiHoTich/1.0/khaisinh', { token: other.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.fault).toMatchObject({ code: 900908, message: 'Resource forbidden' });
    expect(forbidden.json.fault.description).toContain('apiHoTich/1.0');
    expect(up.seen).toHaveLength(0);
  });

  it('answers an unknown context or version with WSO2\'s 404, before authentication', async () => {
    const r = await call(app, '/ndxp/apiKhongCo/1.0/x');
    expect(r.status).toBe(404);
    expect(r.json.fault).toMatchObject({ code: 404, type: 'Status report', description: expect.stringContaining('apiKhongCo') });
    const c = await signedIn(app, ['apiHoTich']);
    await publish(app, { context: 'apiLyLich', version: '2.0', upstream: up.url });
    expect((await call(app, '/ndxp/apiLyLich/1.0/x', { token: c.token })).status).toBe(404);
  });

  it('expires tokens on the emulator clock (900903) and issues a new one afterwards', async () => {
    const c = await signedIn(app, ['apiHoTich'], { tokenLifetimeSeconds: 600 });
    expect((await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token })).status).toBe(200);
    await advance(app, 'PT10M1S');
    const expired = await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token });
    expect(expired.status).toBe(401);
    expect(expired.json.fault).toMatchObject({ code: 900903, message: 'Access Token Expired' });
    const fresh = await token(app, c);
    expect(fresh).not.toBe(c.token);
    expect((await call(app, '/ndxp/apiHoTich/1.0/a', { token: fresh })).status).toBe(200);
  });

  it('revokes a token (RFC 7009) so the next call is refused as invalid', async () => {
    const c = await signedIn(app, ['apiHoTich']);
    const basic = Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64');
    const r = await form(app, '/ndxp/revoke', `token=${c.token}`, { authorization: `Basic ${basic}` });
    expect(r.statusCode).toBe(200);
    const after = await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token });
    expect(after.status).toBe(401);
    expect(after.json.fault.code).toBe(900901);
    expect(after.json.fault.description).toMatch(/revoked/);
  });

  it('checks a VNPT lgspaccesstoken header sent with the bearer token against the same consumer', async () => {
    const c = await signedIn(app, ['apiHoTich']);
    const other = await consumer(app, { apis: ['apiHoTich'] });
    const own = Buffer.from(JSON.stringify({ AccessKey: c.clientId, SecretKey: c.clientSecret, AppName: 'a', PartnerCode: 'p', PartnerCodeCus: 'p' })).toString('base64');
    const foreign = Buffer.from(JSON.stringify({ AccessKey: other.clientId, SecretKey: other.clientSecret })).toString('base64');
    expect((await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token, headers: { lgspaccesstoken: own } })).status).toBe(200);
    const mismatch = await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token, headers: { lgspaccesstoken: foreign } });
    expect(mismatch.status).toBe(401);
    expect(mismatch.json.lienthong).toMatchObject({ code: 'NDXP_INVALID_CREDENTIALS', field: 'lgspaccesstoken' });
    expect(up.seen.every((s) => s.headers.lgspaccesstoken === undefined)).toBe(true);
  });

  it('enforces a quota with 429, Retry-After and nextAccessTime, and resets it with the next period', async () => {
    const c = await signedIn(app, ['apiHoTich'], { quota: { limit: 3, period: 'P1D' } });
    for (let i = 0; i < 3; i++) expect((await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token })).status).toBe(200);
    const over = await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token });
    expect(over.status).toBe(429);
    expect(over.json.fault).toMatchObject({ code: 900804, message: 'Message throttled out' });
    // The clock is 10:00 in Vietnam: the daily window resets at local midnight, 14 h later.
    expect(Number(over.headers['retry-after'])).toBe(14 * 3600);
    expect(over.json.fault.nextAccessTime).toBe('2026-11-24 17:00:00+0000 UTC');
    expect(up.seen).toHaveLength(3);
    await advance(app, 'PT14H');
    expect((await call(app, '/ndxp/apiHoTich/1.0/a', { token: (await token(app, c)) })).status).toBe(200);
  });

  it('enforces a per-minute rate limit separately from other consumers', async () => {
    const c = await signedIn(app, ['apiHoTich'], { rateLimit: { limit: 2, period: 'PT1M' } });
    const d = await signedIn(app, ['apiHoTich'], { rateLimit: { limit: 2, period: 'PT1M' } });
    expect((await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token })).status).toBe(200);
    expect((await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token })).status).toBe(200);
    const limited = await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token });
    expect(limited.status).toBe(429);
    expect(limited.json.fault.code).toBe(900807);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await call(app, '/ndxp/apiHoTich/1.0/a', { token: d.token })).status).toBe(200);
    await advance(app, 'PT1M');
    expect((await call(app, '/ndxp/apiHoTich/1.0/a', { token: c.token })).status).toBe(200);
  });

  it('answers 504 when the upstream is too slow, 503 when it is unreachable, and passes an upstream 500 through', async () => {
    const c = await signedIn(app, ['apiHoTich', 'apiChet']);
    const slow = await call(app, '/ndxp/apiHoTich/1.0/slow', { token: c.token });
    expect(slow.status).toBe(504);
    expect(slow.json.fault).toMatchObject({ code: 101504, message: 'Runtime Error' });
    expect(slow.json.fault.description).toMatch(/300 ms/);
    const boom = await call(app, '/ndxp/apiHoTich/1.0/boom', { token: c.token });
    expect(boom.status).toBe(500);
    expect(boom.json).toEqual({ error: 'database down' });
    await publish(app, { context: 'apiChet', version: '1.0', upstream: 'http://127.0.0.1:9/nothing' });
    const dead = await call(app, '/ndxp/apiChet/1.0/a', { token: c.token });
    expect(dead.status).toBe(503);
    expect(dead.json.fault.code).toBe(101503);
  });

  it('answers a CORS preflight without credentials, as WSO2 does', async () => {
    const r = await call(app, '/ndxp/apiHoTich/1.0/a', { method: 'OPTIONS', headers: { origin: 'http://motcua.local', 'access-control-request-method': 'POST' } });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('http://motcua.local');
    expect(String(r.headers['access-control-allow-headers'])).toContain('authorization');
    expect(up.seen).toHaveLength(0);
  });

  it('answers XML callers with WSO2\'s XML fault', async () => {
    const r = await call(app, '/ndxp/apiHoTich/1.0/a', { body: '<x/>', contentType: 'text/xml' });
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toMatch(/xml/);
    expect(r.text).toContain('<ams:code>900902</ams:code>');
  });

  it('records every gateway call in the evidence log with the consumer and agency', async () => {
    const c = await signedIn(app, ['apiHoTich']);
    await call(app, '/ndxp/apiHoTich/1.0/giaykhaisinh', { token: c.token });
    await call(app, '/ndxp/apiHoTich/1.0/boom', { token: c.token });
    const events = JSON.parse((await app.inject({ method: 'GET', url: '/_lienthong/events?platform=ndxp' })).body).events as Array<Record<string, any>>;
    const calls = events.filter((e) => String(e.operation).startsWith('apiHoTich/1.0'));
    expect(calls.map((e) => [e.operation, e.status, e.systemId, e.agency])).toEqual([
      ['apiHoTich/1.0/giaykhaisinh', 200, c.clientId, c.agency],
      ['apiHoTich/1.0/boom', 500, c.clientId, c.agency],
    ]);
    expect(calls[1]!.verdicts.map((v: { code: string }) => v.code)).toContain('NDXP_UPSTREAM_ERROR');
    expect(JSON.stringify(calls)).not.toContain(c.token);
  });
});

describe('control plane: consumers, registry, world samples', () => {
  let app: App;
  beforeEach(async () => {
    app = await ndxpApp();
  });
  afterEach(async () => app.close());

  it('validates consumers, refuses a duplicate id, and lists, patches and deletes them', async () => {
    const bad = await app.inject({ method: 'POST', url: '/_lienthong/ndxp/consumers', payload: { agency: 'x y', apis: ['/bad'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/agency|apis/);
    const badPeriod = await app.inject({ method: 'POST', url: '/_lienthong/ndxp/consumers', payload: { agency: '000.00.01.H22', quota: { limit: 5, period: 'daily' } } });
    expect(badPeriod.statusCode).toBe(400);
    expect(JSON.parse(badPeriod.body).error).toMatchObject({ field: 'quota.period' });
    const c = await consumer(app, { clientId: 'motcua-h22', clientSecret: 'bi-mat-123', apis: ['apiCSDLDKDN'] });
    const dup = await app.inject({ method: 'POST', url: '/_lienthong/ndxp/consumers', payload: { clientId: 'motcua-h22', agency: '000.00.01.H22' } });
    expect(dup.statusCode).toBe(409);
    const patched = await app.inject({ method: 'PATCH', url: `/_lienthong/ndxp/consumers/${c.clientId}`, payload: { apis: ['apiCSDLDC/1.0', 'dmdc'], rateLimit: { limit: 10, period: 'PT1S' } } });
    expect(JSON.parse(patched.body)).toMatchObject({ apis: ['apiCSDLDC/1.0', 'dmdc'], rateLimit: { limit: 10, period: 'PT1S' } });
    const list = JSON.parse((await app.inject({ method: 'GET', url: '/_lienthong/ndxp/consumers?agency=000.00.01.H22' })).body);
    expect(list.consumers.map((x: { clientId: string }) => x.clientId)).toEqual(['motcua-h22']);
    expect(JSON.stringify(list)).not.toContain('bi-mat-123');
    expect((await app.inject({ method: 'DELETE', url: `/_lienthong/ndxp/consumers/${c.clientId}` })).statusCode).toBe(204);
    expect((await tokenReply(app, c)).status).toBe(401);
  });

  it('refuses to publish twice, over a reserved context, or for unknown consumers', async () => {
    const first = await publish(app, { context: 'apiBHXH', version: '1.0', upstream: 'http://127.0.0.1:1/x' });
    expect(first.statusCode).toBe(201);
    expect((await publish(app, { context: 'apiBHXH', version: '1.0', upstream: 'http://127.0.0.1:1/x' })).statusCode).toBe(409);
    expect((await publish(app, { context: 'token', version: '1.0', upstream: 'http://127.0.0.1:1/x' })).statusCode).toBe(400);
    const ghost = await publish(app, { context: 'apiBHXH', version: '2.0', upstream: 'http://127.0.0.1:1/x', consumers: ['ghost'] });
    expect(ghost.statusCode).toBe(404);
    const apis = JSON.parse((await app.inject({ method: 'GET', url: '/_lienthong/ndxp/apis' })).body).apis as Array<{ context: string; version: string }>;
    expect(apis.filter((a) => a.context === 'apiBHXH').map((a) => a.version)).toEqual(['1.0']);
  });

  it('subscribes the consumers a publisher allows, and lists tokens without their values', async () => {
    const c = await consumer(app, { apis: [] });
    await publish(app, { context: 'apiLLTP', version: '1.0', upstream: 'http://127.0.0.1:1/x', consumers: [c.clientId] });
    expect(JSON.parse((await app.inject({ method: 'GET', url: `/_lienthong/ndxp/consumers/${c.clientId}` })).body).apis).toEqual(['apiLLTP/1.0']);
    const t = await token(app, c);
    const tokens = JSON.parse((await app.inject({ method: 'GET', url: `/_lienthong/ndxp/tokens?clientId=${c.clientId}` })).body).tokens;
    expect(tokens).toEqual([expect.objectContaining({ clientId: c.clientId, state: 'active', tokenPrefix: `${t.slice(0, 8)}…` })]);
    expect(JSON.stringify(tokens)).not.toContain(t);
  });

  it('samples citizens and enterprises of the shared world with valid identifiers', async () => {
    const citizens = JSON.parse((await app.inject({ method: 'GET', url: '/_lienthong/ndxp/citizens?limit=25' })).body);
    expect(citizens.count).toBe(100_000);
    expect(citizens.citizens).toHaveLength(25);
    for (const c of citizens.citizens) expect(c.SoDinhDanh).toMatch(/^0\d{2}[0-9]\d{2}\d{6}$/);
    expect(new Set(citizens.citizens.map((c: { MaTinhThanh: string }) => c.MaTinhThanh)).size).toBeGreaterThan(5);
    const enterprises = JSON.parse((await app.inject({ method: 'GET', url: '/_lienthong/ndxp/enterprises?limit=10&offset=7' })).body);
    expect(enterprises.enterprises).toHaveLength(10);
    expect(enterprises.enterprises[0].index).toBe(7);
    for (const e of enterprises.enterprises) expect(e.msdn).toMatch(/^\d{10}$/);
    expect((await app.inject({ method: 'GET', url: '/_lienthong/ndxp/citizens?limit=5000' })).statusCode).toBe(400);
  });

  it('sizes the world from the app options', async () => {
    const small = await ndxpApp({ population: 500, enterprises: 50 });
    try {
      expect(JSON.parse((await small.inject({ method: 'GET', url: '/_lienthong/ndxp/citizens?limit=1' })).body).count).toBe(500);
      expect(JSON.parse((await small.inject({ method: 'GET', url: '/_lienthong/ndxp/enterprises?limit=1' })).body).count).toBe(50);
    } finally {
      await small.close();
    }
  });
});
