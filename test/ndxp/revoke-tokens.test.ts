/**
 * `POST /_lienthong/ndxp/consumers/:clientId/revoke-tokens`: an operator revokes every active token of a
 * consumer (WSO2 does so when an application's keys are regenerated), so the next API call with the old
 * token is WSO2's 900901 and the consumer must obtain a new one with its unchanged credentials.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, ndxpApp, signedIn, token, type App } from './support/gateway.js';

describe('revoking a consumer\'s tokens through the control plane', () => {
  let app: App;
  beforeEach(async () => {
    app = await ndxpApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('revokes the active token so the next call is 900901, and a new token works', async () => {
    const c = await signedIn(app, ['dmdc']);
    expect((await call(app, '/ndxp/dmdc/1.0/Category/magioitinh', { token: c.token })).status).toBe(200);
    const res = await app.inject({ method: 'POST', url: `/_lienthong/ndxp/consumers/${c.clientId}/revoke-tokens` });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ clientId: c.clientId, revoked: 1 });
    const refused = await call(app, '/ndxp/dmdc/1.0/Category/magioitinh', { token: c.token });
    expect(refused.status).toBe(401);
    expect(refused.json.fault).toMatchObject({ code: 900901, description: expect.stringContaining('revoked') });
    const fresh = await token(app, c);
    expect(fresh).not.toBe(c.token);
    expect((await call(app, '/ndxp/dmdc/1.0/Category/magioitinh', { token: fresh })).status).toBe(200);
    const listed = JSON.parse((await app.inject({ method: 'GET', url: `/_lienthong/ndxp/tokens?clientId=${c.clientId}` })).body).tokens as { state: string }[];
    expect(listed.map((t) => t.state).sort()).toEqual(['active', 'revoked']);
  });

  it('touches only that consumer, answers 0 when nothing is active, and 404 for an unknown consumer', async () => {
    const a = await signedIn(app, ['dmdc']);
    const b = await signedIn(app, ['dmdc']);
    await app.inject({ method: 'POST', url: `/_lienthong/ndxp/consumers/${a.clientId}/revoke-tokens` });
    expect((await call(app, '/ndxp/dmdc/1.0/Category/magioitinh', { token: b.token })).status).toBe(200);
    const again = await app.inject({ method: 'POST', url: `/_lienthong/ndxp/consumers/${a.clientId}/revoke-tokens` });
    expect(JSON.parse(again.body).revoked).toBe(0);
    const unknown = await app.inject({ method: 'POST', url: '/_lienthong/ndxp/consumers/nobody/revoke-tokens' });
    expect(unknown.statusCode).toBe(404);
  });
});
