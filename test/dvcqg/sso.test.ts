/**
 * DVCQG SSO (specs A9): an OpenID Connect provider at /dvcqg/oauth2 that a one-stop system signs citizens and
 * organisations in with. Driven over a real port, with openid-client v6 as the relying party, and with raw
 * requests shaped like OpenCPS's (S1 DVCQGSSOActionImpl).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceEvent } from '../../emulator/core/evidence.js';
import { openWorld } from '../../emulator/platforms/dvcqg/sso/world.js';
import { createWorld } from '../../emulator/core/world/citizens.js';
import {
  authorizeUrl, browser, exchangeCode, follow, json, registerClient, RP_ID, RP_REDIRECT, RP_SECRET, signIn, startSso, validTaxCode,
  type Running,
} from './support/sso-kit.js';

const A9_CLAIMS = ['LoaiTaiKhoan', 'SoCMND', 'SoDinhDanh', 'HoChieu', 'MaSoThue', 'MaSoDoanhNghiep', 'TenDoanhNghiep', 'HoVaTen', 'GioiTinh', 'DiaChi', 'SoDienThoai', 'ThuDienTu', 'TechID', 'loAs'];

interface ListedAccount {
  kind: 'citizen' | 'organisation';
  loginHint: string;
  techId: string;
  claims: Record<string, unknown>;
}

async function listedAccounts(base: string, query = ''): Promise<ListedAccount[]> {
  const res = await fetch(`${base}/_lienthong/dvcqg/sso/accounts${query}`);
  expect(res.status).toBe(200);
  return (await json(res)).accounts;
}

async function events(r: Running, operation?: string): Promise<EvidenceEvent[]> {
  const body = await json(await fetch(`${r.base}/_lienthong/events?platform=dvcqg&limit=1000`));
  return (body.events as EvidenceEvent[]).filter((e) => operation === undefined || e.operation === operation);
}

describe('DVCQG SSO', () => {
  let r: Running;
  let citizen: ListedAccount;
  let organisation: ListedAccount;

  beforeAll(async () => {
    r = await startSso();
    expect((await registerClient(r.base)).status).toBe(201);
    const all = await listedAccounts(r.base);
    citizen = all.find((a) => a.kind === 'citizen')!;
    organisation = all.find((a) => a.kind === 'organisation')!;
  });
  afterAll(() => r.close());

  describe('discovery', () => {
    it('publishes the A9 paths /oauth2/authorize, /token and /userinfo under /dvcqg, the issuer as reached, and LoA1/LoA2', async () => {
      const res = await fetch(`${r.issuer}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      const doc = await json(res);
      expect(doc).toMatchObject({
        issuer: r.issuer,
        authorization_endpoint: `${r.base}/dvcqg/oauth2/authorize`,
        token_endpoint: `${r.base}/dvcqg/oauth2/token`,
        userinfo_endpoint: `${r.base}/dvcqg/oauth2/userinfo`,
        jwks_uri: `${r.base}/dvcqg/oauth2/jwks`,
        end_session_endpoint: `${r.base}/dvcqg/oauth2/logout`,
        validatetoken_endpoint: `${r.base}/dvcqg/oauth2/validatetoken`,
        acr_values_supported: ['LoA1', 'LoA2'],
        response_types_supported: ['code'],
      });
      expect(doc.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_post', 'client_secret_basic']));
      expect(doc.claims_supported).toEqual(expect.arrayContaining(['sub', ...A9_CLAIMS]));
    });

    it('follows the Host the client used (a container name or another port gets its own issuer)', async () => {
      const res = await fetch(`${r.issuer}/.well-known/openid-configuration`, { headers: { 'x-forwarded-host': 'lienthong:8686' } });
      const doc = await json(res);
      expect(doc.issuer).toBe('http://lienthong:8686/dvcqg/oauth2');
      expect(doc.token_endpoint).toBe('http://lienthong:8686/dvcqg/oauth2/token');
    });

    it('publishes the signing key (RS256) without its private part', async () => {
      const { keys } = await json(await fetch(`${r.issuer}/jwks`));
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
      expect(keys[0].d).toBeUndefined();
    });
  });

  describe('authorization-code flow with openid-client v6 as the relying party', () => {
    let config: oidc.Configuration;

    beforeAll(async () => {
      config = await oidc.discovery(new URL(r.issuer), RP_ID, undefined, oidc.ClientSecretPost(RP_SECRET), { execute: [oidc.allowInsecureRequests] });
    });

    async function run(loginHint: string, acr: string) {
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: RP_REDIRECT, scope: 'openid', acr_values: acr, state, login_hint: loginHint });
      const { landed, hops } = await follow(url);
      expect(landed?.origin + (landed?.pathname ?? '')).toBe(RP_REDIRECT);
      expect(landed?.searchParams.get('state')).toBe(state);
      // No login page on the way: authorize → login.do (answered at once) → resume → redirect_uri.
      expect(hops.map((h) => h.status)).toEqual([303, 303, 303]);
      const tokens = await oidc.authorizationCodeGrant(config, landed!, { expectedState: state });
      const idClaims = tokens.claims()!;
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      return { tokens, idClaims, userinfo };
    }

    it('signs a citizen in headless (login_hint) with acr LoA1; userinfo and id_token carry the A9 claims', async () => {
      const { idClaims, userinfo } = await run(citizen.loginHint, 'LoA1');
      expect(idClaims.acr).toBe('LoA1');
      expect(idClaims.iss).toBe(r.issuer);
      expect(idClaims.aud).toBe(RP_ID);
      expect(userinfo).toEqual({ sub: citizen.techId, ...citizen.claims });
      for (const name of A9_CLAIMS) expect(userinfo, name).toHaveProperty(name);
      expect(userinfo).toMatchObject({ LoaiTaiKhoan: '1', sub: citizen.techId, TechID: citizen.techId, MaSoThue: '', TenDoanhNghiep: '' });
      expect(userinfo.SoDinhDanh).toMatch(/^0\d{11}$/);
      expect(userinfo.loAs).toEqual(['LoA1', 'LoA2']);
      // The id_token carries them too (a client that never calls userinfo still gets them).
      expect(idClaims).toMatchObject({ LoaiTaiKhoan: '1', SoDinhDanh: userinfo.SoDinhDanh, HoVaTen: userinfo.HoVaTen, TechID: citizen.techId });
    });

    it('signs an organisation in with acr LoA2: LoaiTaiKhoan 2, a valid tax code, no personal ID number', async () => {
      const { idClaims, userinfo } = await run(organisation.loginHint, 'LoA2');
      expect(idClaims.acr).toBe('LoA2');
      expect(userinfo).toMatchObject({ LoaiTaiKhoan: '2', sub: organisation.techId, SoDinhDanh: '', SoCMND: '' });
      expect(validTaxCode(String(userinfo.MaSoThue))).toBe(true);
      expect(userinfo.MaSoDoanhNghiep).toBe(userinfo.MaSoThue);
      expect(String(userinfo.TenDoanhNghiep).length).toBeGreaterThan(3);
    });

    it('accepts client_secret_basic as well', async () => {
      const basic = await oidc.discovery(new URL(r.issuer), RP_ID, undefined, oidc.ClientSecretBasic(RP_SECRET), { execute: [oidc.allowInsecureRequests] });
      const state = oidc.randomState();
      const { landed } = await follow(oidc.buildAuthorizationUrl(basic, { redirect_uri: RP_REDIRECT, scope: 'openid', state, login_hint: citizen.loginHint }));
      const tokens = await oidc.authorizationCodeGrant(basic, landed!, { expectedState: state });
      expect(tokens.claims()?.sub).toBe(citizen.techId);
      const [tokenEvent] = (await events(r, 'sso.token')).slice(-1);
      expect(tokenEvent?.requestHeaders.authorization).toBe('[redacted]');
    });

    it('signs in any citizen or enterprise of the world, not only the listed ones, by SoDinhDanh, SoCMND, MaSoThue or TechID', async () => {
      const world = openWorld(createWorld({ seed: 102 }));
      const listed = new Set((await listedAccounts(r.base)).map((a) => a.techId));
      let i = 100;
      while (!world.citizen(i)!.SoCMND || listed.has(world.citizen(i)!.techId)) i++;
      const person = world.citizen(i)!;
      for (const hint of [person.SoDinhDanh, person.SoCMND, person.techId]) {
        const tokens = await signIn(r.issuer, hint);
        const info = await json(await fetch(`${r.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } }));
        expect(info, hint).toMatchObject({ sub: person.techId, SoDinhDanh: person.SoDinhDanh, HoVaTen: person.HoVaTen, LoaiTaiKhoan: '1' });
      }
      const company = world.enterprise(1234)!;
      expect(listed.has(company.techId)).toBe(false);
      for (const hint of [company.MaSoThue, `${company.MaSoThue}-001`, company.techId]) {
        const tokens = await signIn(r.issuer, hint);
        const info = await json(await fetch(`${r.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } }));
        expect(info, hint).toMatchObject({ sub: company.techId, MaSoThue: company.MaSoThue, TenDoanhNghiep: company.TenDoanhNghiep, LoaiTaiKhoan: '2' });
      }
    });

    it('records authorize, login, token and userinfo in the evidence log with the client id, secrets redacted', async () => {
      const seen = await events(r);
      for (const op of ['sso.authorize', 'sso.login', 'sso.authorize.resume', 'sso.token', 'sso.userinfo']) {
        const e = seen.find((x) => x.operation === op);
        expect(e, op).toBeDefined();
        expect(e?.systemId, op).toBe(RP_ID);
      }
      const token = seen.find((e) => e.operation === 'sso.token' && e.requestBody?.includes('client_secret'))!;
      expect(token.requestBody).toContain('"client_secret":"[redacted]"');
      expect(token.requestBody).not.toContain(RP_SECRET);
      expect(token.responseBody).toContain('"access_token":"[redacted]"');
      expect(token.path).toBe('/dvcqg/oauth2/token');
    });
  });

  describe('OpenCPS-shaped raw calls (S1)', () => {
    it('exchanges the code by form with client_secret, and reads userinfo by POST with Content-Type json and no body', async () => {
      const { landed } = await follow(authorizeUrl(r.issuer, { login_hint: citizen.loginHint, state: Buffer.from(`x@${RP_REDIRECT}`).toString('base64') }));
      expect(landed?.searchParams.get('state')).toBe(Buffer.from(`x@${RP_REDIRECT}`).toString('base64'));
      const res = await exchangeCode(r.issuer, landed!.searchParams.get('code')!);
      expect(res.status).toBe(200);
      const tokens = await json(res);
      expect(tokens).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), id_token: expect.any(String), expires_in: 3600 });
      const info = await fetch(`${r.issuer}/userinfo`, { method: 'POST', headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json', accept: 'application/json' } });
      expect(info.status).toBe(200);
      expect(await json(info)).toMatchObject({ TechID: citizen.techId, LoaiTaiKhoan: '1' });
      const ev = (await events(r, 'sso.userinfo')).at(-1)!;
      expect(ev.verdicts.map((v) => v.code)).toContain('DVCQG_SSO_USERINFO_CONTENT_TYPE');
    });

    it('validate-token: form token=<t>&state=0 → active, our client_id, a future exp, the sub', async () => {
      const tokens = await signIn(r.issuer, citizen.loginHint);
      const res = await fetch(`${r.issuer}/validatetoken`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${tokens.access_token}` },
        body: `token=${encodeURIComponent(tokens.access_token)}&state=0`,
      });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body).toMatchObject({ active: true, client_id: RP_ID, sub: citizen.techId });
      expect(body.exp).toBeGreaterThan(Math.floor(Date.now() / 1000));
      const ev = (await events(r, 'sso.validatetoken')).at(-1)!;
      expect(ev.requestBody).not.toContain(tokens.access_token);
    });

    it('validate-token: garbage or no token → inactive, no client_id', async () => {
      for (const body of ['token=not-a-token&state=0', 'state=0']) {
        const res = await fetch(`${r.issuer}/validatetoken`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
        expect(res.status).toBe(200);
        expect(await json(res)).toEqual({ active: false });
      }
    });
  });

  describe('browser-style sign-in (the login page)', () => {
    it('lists the test accounts on a self-contained page; picking one lands on redirect_uri with a code', async () => {
      const start = await fetch(authorizeUrl(r.issuer, { state: 'browser' }), { redirect: 'manual', headers: { accept: 'text/html' } });
      expect(start.status).toBe(303);
      const loginUrl = new URL(start.headers.get('location')!, r.base);
      expect(loginUrl.pathname).toBe('/dvcqg/authenticationendpoint/login.do');
      const page = await fetch(loginUrl, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('Đăng nhập bằng tài khoản thử nghiệm');
      expect(html).not.toMatch(/<(link|script)[^>]+(href|src)=/i);
      const listed = await listedAccounts(r.base);
      expect(listed.filter((a) => a.kind === 'citizen')).toHaveLength(20);
      expect(listed.filter((a) => a.kind === 'organisation')).toHaveLength(10);
      for (const a of listed) expect(html).toContain(`value="${a.loginHint}"`);

      const chosen = listed.find((a) => a.kind === 'organisation')!;
      const post = await fetch(loginUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `account=${chosen.loginHint}` });
      expect(post.status).toBe(303);
      const { landed } = await follow(new URL(post.headers.get('location')!, r.base));
      expect(landed?.searchParams.get('state')).toBe('browser');
      const tokens = await json(await exchangeCode(r.issuer, landed!.searchParams.get('code')!));
      const info = await json(await fetch(`${r.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } }));
      expect(info).toMatchObject({ sub: chosen.techId, LoaiTaiKhoan: '2' });
    });

    it('an unknown number typed on the page re-shows it with the error; Hủy (cancel) returns access_denied', async () => {
      const start = await fetch(authorizeUrl(r.issuer, { state: 'cancel-me' }), { redirect: 'manual' });
      const loginUrl = new URL(start.headers.get('location')!, r.base);
      const bad = await fetch(loginUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'account=999999999999' });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('DVCQG_SSO_UNKNOWN_ACCOUNT');
      const cancel = await fetch(loginUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'cancel=1' });
      expect(cancel.status).toBe(303);
      const { landed } = await follow(new URL(cancel.headers.get('location')!, r.base));
      expect(landed?.searchParams.get('error')).toBe('access_denied');
      expect(landed?.searchParams.get('state')).toBe('cancel-me');
      expect(landed?.searchParams.get('code')).toBeNull();
    });

    it('an unknown or expired sessionDataKey → 400 page naming DVCQG_SSO_INTERACTION_EXPIRED', async () => {
      const res = await fetch(`${r.base}/dvcqg/authenticationendpoint/login.do?sessionDataKey=nope`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('DVCQG_SSO_INTERACTION_EXPIRED');
    });
  });

  describe('a browser session (SSO) and logout', () => {
    it('a second authorize in the same browser skips the page; logout ends the session and returns to post_logout_redirect_uri', async () => {
      const bye = 'http://127.0.0.1:9/dvcqgsso/logout';
      expect((await registerClient(r.base, { clientId: 'with-logout', postLogoutRedirectUris: [bye] })).status).toBe(201);
      const go = browser();
      const authorize = authorizeUrl(r.issuer, { client_id: 'with-logout', state: 'b1' });
      const login = new URL((await go(authorize)).headers.get('location')!, r.base);
      const picked = await go(login, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `account=${citizen.loginHint}` });
      const first = await go(new URL(picked.headers.get('location')!, r.base));
      expect(first.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/dvcqgsso\/auth\?code=/);

      // Signed in at the portal: straight back with a code, no login page.
      const again = await go(authorize);
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/dvcqgsso\/auth\?code=/);

      const page = await go(`${r.issuer}/logout?client_id=with-logout&post_logout_redirect_uri=${encodeURIComponent(bye)}&state=z`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Đăng xuất · Sign out');
      const action = /<form id="op\.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
      expect(action).toBe(`${r.issuer}/logout/confirm`);
      const done = await go(action!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `xsrf=${xsrf}&logout=yes` });
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe(`${bye}?state=z`);

      // Signed out: the login page again.
      const after = await go(authorize);
      expect(new URL(after.headers.get('location')!).pathname).toBe('/dvcqg/authenticationendpoint/login.do');
    });

    it('login_hint naming another account than the browser session signs that account in', async () => {
      const go = browser();
      const login = new URL((await go(authorizeUrl(r.issuer, { state: 'b2' }))).headers.get('location')!, r.base);
      const picked = await go(login, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `account=${citizen.loginHint}` });
      await go(new URL(picked.headers.get('location')!, r.base));
      // Now ask for the organisation: the session's citizen must not be reused.
      let res = await go(authorizeUrl(r.issuer, { login_hint: organisation.loginHint }));
      for (let i = 0; i < 8 && res.status === 303 && !res.headers.get('location')!.startsWith(RP_REDIRECT); i++) {
        res = await go(new URL(res.headers.get('location')!, r.base));
      }
      // oidc-provider ends the old session through an auto-submitted form before resuming.
      for (let i = 0; i < 4 && res.status === 200; i++) {
        const html = await res.text();
        const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
        expect(action, html.slice(0, 400)).toBeDefined();
        const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as [string, string]);
        res = await go(action!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
        for (let j = 0; j < 8 && res.status === 303 && !res.headers.get('location')!.startsWith(RP_REDIRECT); j++) {
          res = await go(new URL(res.headers.get('location')!, r.base));
        }
      }
      const landed = new URL(res.headers.get('location')!);
      const tokens = await json(await exchangeCode(r.issuer, landed.searchParams.get('code')!));
      const info = await json(await fetch(`${r.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } }));
      expect(info.sub).toBe(organisation.techId);
    });
  });

  describe('errors', () => {
    it('unknown client_id at authorize → 400 invalid_client, never a redirect; a browser gets a page with our code', async () => {
      const res = await fetch(authorizeUrl(r.issuer, { client_id: 'no-such-client', login_hint: citizen.loginHint }), { redirect: 'manual', headers: { accept: 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await json(res)).toMatchObject({ error: 'invalid_client', code: 'DVCQG_SSO_UNKNOWN_CLIENT' });
      const page = await fetch(authorizeUrl(r.issuer, { client_id: 'no-such-client' }), { redirect: 'manual' });
      expect(page.status).toBe(400);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('invalid_client');
      expect(html).toContain('DVCQG_SSO_UNKNOWN_CLIENT');
      const ev = (await events(r, 'sso.authorize')).at(-1)!;
      expect(ev.verdicts.map((v) => v.code)).toContain('DVCQG_SSO_UNKNOWN_CLIENT');
    });

    it('redirect_uri not registered → 400 invalid_redirect_uri, never a redirect to it', async () => {
      const res = await fetch(authorizeUrl(r.issuer, { redirect_uri: 'http://127.0.0.1:9/elsewhere', login_hint: citizen.loginHint }), { redirect: 'manual', headers: { accept: 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await json(res)).toMatchObject({ error: 'invalid_redirect_uri', code: 'DVCQG_SSO_REDIRECT_URI_MISMATCH' });
    });

    it('wrong client_secret at /token → 401 invalid_client; the code stays unusable by a wrong client', async () => {
      const { landed } = await follow(authorizeUrl(r.issuer, { login_hint: citizen.loginHint }));
      const code = landed!.searchParams.get('code')!;
      const res = await exchangeCode(r.issuer, code, { client_secret: 'wrong-secret' });
      expect(res.status).toBe(401);
      expect(await json(res)).toMatchObject({ error: 'invalid_client' });
      const ev = (await events(r, 'sso.token')).at(-1)!;
      expect(ev.verdicts.map((v) => v.code)).toContain('DVCQG_SSO_CLIENT_AUTH_FAILED');
      // The right secret still works once, then the code is spent.
      expect((await exchangeCode(r.issuer, code)).status).toBe(200);
      const again = await exchangeCode(r.issuer, code);
      expect(again.status).toBe(400);
      expect(await json(again)).toMatchObject({ error: 'invalid_grant' });
    });

    it('a redirect_uri at /token other than the authorize one → invalid_grant', async () => {
      expect((await registerClient(r.base, { clientId: 'two-uris', redirectUris: [RP_REDIRECT, 'http://127.0.0.1:9/other'] })).status).toBe(201);
      const { landed } = await follow(authorizeUrl(r.issuer, { client_id: 'two-uris', login_hint: citizen.loginHint }));
      const res = await exchangeCode(r.issuer, landed!.searchParams.get('code')!, { client_id: 'two-uris', redirect_uri: 'http://127.0.0.1:9/other' });
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: 'invalid_grant' });
    });

    it('an invalid access token at userinfo → 401 invalid_token with WWW-Authenticate', async () => {
      const res = await fetch(`${r.issuer}/userinfo`, { headers: { authorization: 'Bearer not-a-token' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
      expect(await json(res)).toMatchObject({ error: 'invalid_token' });
    });

    it('unknown login_hint → back to redirect_uri with error=access_denied naming DVCQG_SSO_UNKNOWN_ACCOUNT, state kept', async () => {
      const { landed } = await follow(authorizeUrl(r.issuer, { login_hint: '001099999999', state: 'who' }));
      expect(landed?.origin + (landed?.pathname ?? '')).toBe(RP_REDIRECT);
      expect(landed?.searchParams.get('error')).toBe('access_denied');
      expect(landed?.searchParams.get('error_description')).toContain('DVCQG_SSO_UNKNOWN_ACCOUNT');
      expect(landed?.searchParams.get('state')).toBe('who');
      expect(landed?.searchParams.get('code')).toBeNull();
    });

    it('scope without openid → invalid_scope back at redirect_uri', async () => {
      const { landed } = await follow(authorizeUrl(r.issuer, { scope: 'profile', login_hint: citizen.loginHint }));
      expect(landed?.searchParams.get('error')).toMatch(/invalid_(scope|request)/);
    });
  });

  describe('control plane', () => {
    it('lists clients without their secrets, with the endpoints to configure', async () => {
      const body = await json(await fetch(`${r.base}/_lienthong/dvcqg/sso/clients`));
      const mine = body.clients.find((c: { clientId: string }) => c.clientId === RP_ID);
      expect(mine).toMatchObject({ clientId: RP_ID, redirectUris: [RP_REDIRECT], name: 'Một cửa thử nghiệm' });
      expect(mine.clientSecret).toBeUndefined();
      expect(body.endpoints).toMatchObject({ token: `${r.issuer}/token`, validateToken: `${r.issuer}/validatetoken` });
    });

    it('generates a secret when none is given', async () => {
      const res = await registerClient(r.base, { clientId: 'generated', clientSecret: undefined });
      expect(res.status).toBe(201);
      expect((await json(res)).clientSecret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    });

    it.each([
      [{ clientId: 'x1' }, '/redirectUris', 'required'],
      [{ clientId: 'x2', redirectUris: [] }, '/redirectUris', 'minItems'],
      [{ clientId: 'x3', redirectUris: ['not a url'] }, '/redirectUris/0', 'format'],
      [{ clientId: 'x4', redirectUris: ['http://a.example/cb#frag'] }, '/redirectUris/0', 'pattern'],
      [{ clientId: 'bad id!', redirectUris: [RP_REDIRECT] }, '/clientId', 'pattern'],
      [{ clientId: 'x5', clientSecret: 'short', redirectUris: [RP_REDIRECT] }, '/clientSecret', 'minLength'],
      [{ clientId: 'x6', redirectUris: [RP_REDIRECT], grantTypes: ['implicit'] }, '/grantTypes', 'additionalProperties'],
    ])('bad body %j → 400 naming %s and %s', async (body, field, rule) => {
      const res = await fetch(`${r.base}/_lienthong/dvcqg/sso/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      const { error } = await json(res);
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect(error.message).toContain(field);
    });

    it('a clientId already registered → 409 DVCQG_SSO_CLIENT_EXISTS', async () => {
      const res = await registerClient(r.base);
      expect(res.status).toBe(409);
      expect((await json(res)).error).toMatchObject({ code: 'DVCQG_SSO_CLIENT_EXISTS', field: '/clientId' });
    });

    it('accounts: ?limit and ?kind; a bad limit → 400', async () => {
      expect(await listedAccounts(r.base, '?limit=3')).toHaveLength(3);
      const orgs = await listedAccounts(r.base, '?kind=organisation');
      expect(orgs.every((a) => a.kind === 'organisation' && a.claims.LoaiTaiKhoan === '2')).toBe(true);
      const bad = await fetch(`${r.base}/_lienthong/dvcqg/sso/accounts?limit=0`);
      expect(bad.status).toBe(400);
      expect((await json(bad)).error).toMatchObject({ code: 'BAD_REQUEST', field: 'limit' });
    });

    it('/_lienthong/info lists the SSO limitations under dvcqg', async () => {
      const info = await json(await fetch(`${r.base}/_lienthong/info`));
      const dvcqg = info.platforms.find((p: { name: string }) => p.name === 'dvcqg');
      expect(dvcqg.limitations.some((l: string) => l.startsWith('SSO:'))).toBe(true);
    });
  });
});

describe('DVCQG SSO state', () => {
  it('reset clears codes, tokens and sessions; keepSystems keeps the clients, a plain reset removes them', async () => {
    const r = await startSso();
    try {
      expect((await registerClient(r.base)).status).toBe(201);
      const [someone] = await listedAccounts(r.base, '?limit=1');
      const tokens = await signIn(r.issuer, someone!.loginHint);
      const { landed } = await follow(authorizeUrl(r.issuer, { login_hint: someone!.loginHint }));
      const pendingCode = landed!.searchParams.get('code')!;

      expect((await fetch(`${r.base}/_lienthong/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"keepSystems":true}' })).status).toBe(200);
      expect((await fetch(`${r.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(401);
      expect((await exchangeCode(r.issuer, pendingCode)).status).toBe(400);
      const v = await fetch(`${r.issuer}/validatetoken`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${tokens.access_token}` });
      expect(await json(v)).toEqual({ active: false });
      // The client survived: a new sign-in works at once.
      expect((await signIn(r.issuer, someone!.loginHint)).access_token).toEqual(expect.any(String));

      expect((await fetch(`${r.base}/_lienthong/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
      expect((await json(await fetch(`${r.base}/_lienthong/dvcqg/sso/clients`))).clients).toEqual([]);
      const gone = await fetch(authorizeUrl(r.issuer, { login_hint: someone!.loginHint }), { redirect: 'manual', headers: { accept: 'application/json' } });
      expect(gone.status).toBe(400);
      expect(await json(gone)).toMatchObject({ error: 'invalid_client' });
    } finally {
      await r.close();
    }
  });

  it('advancing the virtual clock past the token lifetime makes the token invalid at userinfo and validate-token', async () => {
    const r = await startSso();
    try {
      await registerClient(r.base);
      const [someone] = await listedAccounts(r.base, '?limit=1');
      const tokens = await signIn(r.issuer, someone!.loginHint);
      const me = () => fetch(`${r.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect((await me()).status).toBe(200);
      await fetch(`${r.base}/_lienthong/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advance":"PT59M"}' });
      expect((await me()).status).toBe(200);
      await fetch(`${r.base}/_lienthong/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advance":"PT2M"}' });
      expect((await me()).status).toBe(401);
      const v = await fetch(`${r.issuer}/validatetoken`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${tokens.access_token}&state=0` });
      expect(await json(v)).toEqual({ active: false });
    } finally {
      await r.close();
    }
  });

  it('keys and tokens live in the store: a restart over the same file keeps the signing key and honours issued tokens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lienthong-sso-'));
    const file = join(dir, 'state.sqlite');
    try {
      const first = await startSso({ data: file, clock: 'real' });
      await registerClient(first.base);
      const [someone] = await listedAccounts(first.base, '?limit=1');
      const tokens = await signIn(first.issuer, someone!.loginHint);
      const kid = (await json(await fetch(`${first.issuer}/jwks`))).keys[0].kid;
      await first.close();

      const second = await startSso({ data: file, clock: 'real' });
      try {
        expect((await json(await fetch(`${second.issuer}/jwks`))).keys[0].kid).toBe(kid);
        // Another port means another issuer, but the opaque access token is found in the shared store.
        const info = await fetch(`${second.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
        expect(info.status).toBe(200);
        expect((await json(info)).sub).toBe(someone!.techId);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
