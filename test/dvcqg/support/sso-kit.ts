/**
 * Set-up for the DVCQG SSO tests: the app listening on 127.0.0.1:<random> (a real OpenID Connect client needs
 * real URLs), a relying party registered through the control plane, and a cookie-less redirect follower
 * that behaves like a SUT's HTTP client.
 */
import { buildApp, type BuildAppOptions } from '../../../emulator/app.js';
import { virtualClock } from '../../../emulator/core/clock.js';
import { platformTestStore } from '../../store/pg.js';

export type App = Awaited<ReturnType<typeof buildApp>>;

/** Where the test relying party says it lives; nothing listens there, redirects to it are only read. */
export const RP_REDIRECT = 'http://127.0.0.1:9/dvcqgsso/auth';
export const RP_ID = 'motcua.test';
export const RP_SECRET = 'motcua-test-secret';

export interface Running {
  app: App;
  base: string;
  issuer: string;
  close(): Promise<void>;
}

export async function startSso(opts: BuildAppOptions = {}): Promise<Running> {
  // LIENTHONG_TEST_STORE=postgres runs the suite over PostgreSQL, a fresh schema per app (test/store/pg.ts).
  const store = opts.store ?? (opts.data === undefined ? await platformTestStore('sso') : undefined);
  const app = await buildApp({ data: ':memory:', clock: virtualClock(new Date('2026-11-24T03:00:00.000Z')), ...opts, ...(store ? { store } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  return { app, base, issuer: `${base}/dvcqg/oauth2`, close: () => app.close() };
}

export async function json(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 300)}`);
  }
}

export async function registerClient(base: string, body: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${base}/_lienthong/dvcqg/sso/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: RP_ID, clientSecret: RP_SECRET, redirectUris: [RP_REDIRECT], name: 'Một cửa thử nghiệm', ...body }),
  });
}

export interface Hop {
  url: string;
  status: number;
  location: string | null;
}

/**
 * Follows redirects without cookies until one leaves the emulator (the relying party's redirect_uri) or a
 * non-redirect answers. Returns every hop; the last `location` is where the browser would land.
 */
export async function follow(start: string | URL, init: RequestInit = {}): Promise<{ hops: Hop[]; landed: URL | null; last: Response }> {
  const hops: Hop[] = [];
  let url = String(start);
  let res = await fetch(url, { ...init, redirect: 'manual' });
  for (let i = 0; i < 10; i++) {
    const location = res.headers.get('location');
    hops.push({ url, status: res.status, location });
    if (res.status < 300 || res.status >= 400 || !location) return { hops, landed: null, last: res };
    const next = new URL(location, url);
    if (!next.href.startsWith(new URL(url).origin)) return { hops, landed: next, last: res };
    url = next.href;
    res = await fetch(url, { redirect: 'manual' });
  }
  throw new Error(`too many redirects: ${JSON.stringify(hops)}`);
}

export function authorizeUrl(issuer: string, params: Record<string, string>): string {
  const q = new URLSearchParams({ response_type: 'code', client_id: RP_ID, redirect_uri: RP_REDIRECT, scope: 'openid', acr_values: 'LoA1', state: 'st-1', ...params });
  return `${issuer}/authorize?${q}`;
}

/** A9's code exchange exactly as OpenCPS writes it (S1 getAccessToken): a form with the secret in it. */
export async function exchangeCode(issuer: string, code: string, overrides: Record<string, string> = {}): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: RP_REDIRECT, client_id: RP_ID, client_secret: RP_SECRET, ...overrides }),
  });
}

/** Signs in headless with login_hint and returns the tokens. */
export async function signIn(issuer: string, loginHint: string, params: Record<string, string> = {}): Promise<{ access_token: string; id_token: string }> {
  const { landed } = await follow(authorizeUrl(issuer, { login_hint: loginHint, ...params }));
  const code = landed?.searchParams.get('code');
  if (!code) throw new Error(`no code: landed on ${landed?.href}`);
  const res = await exchangeCode(issuer, code);
  if (res.status !== 200) throw new Error(`token ${res.status}: ${await res.text()}`);
  return json(res);
}

/** 10-digit tax code check (specs B4): weights 31,29,23,19,17,13,7,5,3; N10 = 10 − (Σ mod 11). */
export function validTaxCode(code: string): boolean {
  if (!/^\d{10}$/.test(code)) return false;
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const r = [...code.slice(0, 9)].reduce((s, d, i) => s + Number(d) * (w[i] as number), 0) % 11;
  return r !== 0 && 10 - r === Number(code[9]);
}

/** A browser in miniature: keeps cookies by name (paths ignored), never follows redirects by itself. */
export function browser() {
  const jar = new Map<string, string>();
  return async (url: string | URL, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { accept: 'text/html', ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) } });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
}
