/**
 * Shared set-up for the NDXP HTTP tests: an in-process app on the virtual clock, consumers created through
 * the control plane, tokens from `POST /ndxp/token` (client credentials, §B1) and calls through the gateway.
 */
import type { BuildAppOptions } from '../../../emulator/app.js';
import { makeApp, type App } from '../../vdxp/support/fixtures.js';

export { makeApp, TEST_INSTANT, type App } from '../../vdxp/support/fixtures.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: any;
}

export interface Consumer {
  clientId: string;
  clientSecret: string;
  agency: string;
}

export async function ndxpApp(opts: BuildAppOptions = {}): Promise<App> {
  return makeApp(opts);
}

function reply(res: { statusCode: number; headers: Record<string, any>; body: string }): Reply {
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text: res.body, json };
}

/** Creates a consumer (an agency's application) subscribed to `apis` (`context` or `context/version`). */
export async function consumer(app: App, input: { apis: string[]; agency?: string; clientId?: string; clientSecret?: string; [k: string]: unknown }): Promise<Consumer> {
  const agency = input.agency ?? '000.00.01.H22';
  const res = await app.inject({ method: 'POST', url: '/_lienthong/ndxp/consumers', payload: { ...input, agency } });
  if (res.statusCode !== 201) throw new Error(`consumer: ${res.statusCode} ${res.body}`);
  const body = JSON.parse(res.body) as Consumer;
  return { clientId: body.clientId, clientSecret: body.clientSecret, agency: body.agency };
}

/** `POST /ndxp/token` with `Authorization: Basic` and `grant_type=client_credentials` (the NGSP client, §B1). */
export async function tokenReply(app: App, c: Pick<Consumer, 'clientId' | 'clientSecret'>): Promise<Reply> {
  const basic = Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64');
  const res = await app.inject({
    method: 'POST',
    url: '/ndxp/token',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials',
  });
  return reply(res);
}

export async function token(app: App, c: Pick<Consumer, 'clientId' | 'clientSecret'>): Promise<string> {
  const r = await tokenReply(app, c);
  if (r.status !== 200) throw new Error(`token: ${r.status} ${r.text}`);
  return String(r.json.access_token);
}

/** A call through the gateway: `url` is the full path (`/ndxp/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=…`). */
export async function call(
  app: App,
  url: string,
  opts: { token?: string; method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS'; body?: string | Buffer; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const res = await app.inject({
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    url,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': opts.contentType ?? 'application/xml' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { payload: opts.body } : {}),
  });
  return reply(res);
}

/** A consumer subscribed to `apis` and a fresh token: the usual start of a test. */
export async function signedIn(app: App, apis: string[], extra: Record<string, unknown> = {}): Promise<Consumer & { token: string }> {
  const c = await consumer(app, { apis, ...extra });
  return { ...c, token: await token(app, c) };
}
