/**
 * The data part's client of the NDXP/LGSP gateway, done as the public clients of specs/dvcqg-ndxp.md §B1 do:
 * a client-credentials token from `POST /token` (Basic base64(key:secret), form grant_type), kept and reused
 * until shortly before it expires (the Đồng Tháp client renews under 5 minutes left), replaced once when the
 * gateway refuses it (WSO2 900901 revoked / 900903 expired), and calls that respect the gateway's limits: a
 * 429 is waited out when Retry-After is short, and ends the work as "throttled" when it is long.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { childNamed, elementChildren, parseXml } from '../../../emulator/platforms/ndxp/population/wire/xml.js';

/** How the client misbehaves on purpose (each a defect switch of the data part). */
export interface ClientBehaviour {
  /** Asks /token before every call instead of reusing the token (ndxp-token-per-call). */
  tokenPerCall: boolean;
  /** Keeps the first token for ever and never asks again (ndxp-no-token-refresh). */
  noRefresh: boolean;
  /** Sends the token request as JSON instead of a form (ndxp-token-json-body). */
  jsonTokenBody: boolean;
  /** Retries a 429 at once, without waiting (ndxp-ignore-retry-after). */
  ignoreRetryAfter: boolean;
}

export interface ClientOptions {
  /** `<emulator>/ndxp`. */
  gatewayUrl: string;
  clientId: string;
  clientSecret: string;
  behaviour: ClientBehaviour;
  log: (line: string) => void;
}

export interface GatewayRequest {
  method: 'GET' | 'POST';
  /** Path after the gateway root, with its query: `/apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=…`. */
  path: string;
  body?: string;
  contentType?: string;
}

export interface GatewayReply {
  status: number;
  contentType: string;
  retryAfter: string | null;
  text: string;
}

/** The gateway could not be used at all (no token, unreachable): what the system tells its user. */
export class GatewayError extends Error {
  constructor(
    readonly outcome: 'refused' | 'unavailable',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface Throttle {
  code: string;
  message: string;
  retryAfterSeconds: number;
  nextAccessTime?: string;
}

/** A WSO2 fault of the gateway (`{"fault":{…}}` or `<ams:fault>`), or undefined when the body is not one. */
export function gatewayFault(reply: GatewayReply): { code: string; message: string; nextAccessTime?: string } | undefined {
  if (/json/i.test(reply.contentType)) {
    try {
      const f = (JSON.parse(reply.text) as { fault?: { code?: unknown; description?: unknown; message?: unknown; nextAccessTime?: unknown } }).fault;
      if (!f || f.code === undefined) return undefined;
      return { code: String(f.code), message: String(f.description ?? f.message ?? ''), ...(typeof f.nextAccessTime === 'string' ? { nextAccessTime: f.nextAccessTime } : {}) };
    } catch {
      return undefined;
    }
  }
  if (/xml/i.test(reply.contentType) && /<(\w+:)?fault[\s>]/.test(reply.text)) {
    try {
      const root = parseXml(Buffer.from(reply.text, 'utf8')).documentElement;
      if (!root || root.localName !== 'fault') return undefined;
      const text = (name: string) => childNamed(root, name)?.textContent?.trim();
      const next = text('nextAccessTime');
      return { code: text('code') ?? '', message: text('description') ?? text('message') ?? '', ...(next ? { nextAccessTime: next } : {}) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Longest Retry-After waited out inside one piece of work; a longer one is reported to the user instead. */
export const MAX_INLINE_WAIT_S = 5;
const IMMEDIATE_RETRIES = 3;

export class GatewayClient {
  private held: { token: string; renewAt: number } | undefined;

  constructor(private readonly opts: ClientOptions) {}

  /** A bearer token: the one held while it is fresh, else a new one from the token endpoint. */
  async token(): Promise<string> {
    const b = this.opts.behaviour;
    if (this.held && (b.noRefresh || (!b.tokenPerCall && Date.now() < this.held.renewAt))) return this.held.token;
    return this.fetchToken();
  }

  private async fetchToken(): Promise<string> {
    const { clientId, clientSecret, behaviour } = this.opts;
    const init: RequestInit = behaviour.jsonTokenBody
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }) }
      : {
          headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials',
        };
    let res: Response;
    try {
      res = await fetch(`${this.opts.gatewayUrl}/token`, { method: 'POST', ...init, signal: AbortSignal.timeout(15_000) });
    } catch (err) {
      throw new GatewayError('unavailable', 'network', `the gateway's token endpoint could not be reached: ${(err as Error).message}`);
    }
    const text = await res.text();
    let body: { access_token?: string; expires_in?: number; error?: string; error_description?: string } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      /* not JSON: reported below */
    }
    if (res.status !== 200 || typeof body.access_token !== 'string') {
      const outcome = res.status >= 500 ? 'unavailable' : 'refused';
      throw new GatewayError(outcome, body.error ?? String(res.status), `no access token from the gateway (HTTP ${res.status}): ${body.error_description ?? text.slice(0, 200)}`);
    }
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    // Renew a little before expiry (5 minutes, or a tenth of a short remaining lifetime).
    const margin = Math.min(300, lifetime / 10);
    this.held = { token: body.access_token, renewAt: Date.now() + (lifetime - margin) * 1000 };
    this.opts.log(`ndxp: token obtained, valid ${lifetime} s`);
    return body.access_token;
  }

  private async attempt(req: GatewayRequest, token: string): Promise<GatewayReply> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.opts.gatewayUrl}${req.path}`, { method: req.method, headers, body: req.body, signal: AbortSignal.timeout(20_000) });
    } catch (err) {
      throw new GatewayError('unavailable', 'network', `the gateway could not be reached: ${(err as Error).message}`);
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), text: await res.text() };
  }

  /** One call with the bearer token; a token the gateway refuses as revoked or expired is replaced once. */
  async send(req: GatewayRequest): Promise<GatewayReply> {
    const reply = await this.attempt(req, await this.token());
    if (reply.status !== 401 || this.opts.behaviour.noRefresh) return reply;
    const code = gatewayFault(reply)?.code;
    if (code !== '900901' && code !== '900903') return reply;
    this.opts.log(`ndxp: token refused (${code}), obtaining a new one`);
    this.held = undefined;
    return this.attempt(req, await this.token());
  }

  /**
   * `send` under the gateway's quota and rate limit: a 429 whose Retry-After is at most MAX_INLINE_WAIT_S is
   * waited out and the call repeated; a longer one ends the call as throttled, with the time it gave.
   */
  async sendWithinLimits(req: GatewayRequest): Promise<{ reply: GatewayReply } | { throttled: Throttle }> {
    for (let retries = 0; ; retries++) {
      const reply = await this.send(req);
      if (reply.status !== 429) return { reply };
      const fault = gatewayFault(reply);
      const seconds = Number(reply.retryAfter);
      const throttle: Throttle = {
        code: fault?.code ?? '429',
        message: fault?.message ?? 'the gateway refused the call: too many requests',
        retryAfterSeconds: Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : -1,
        ...(fault?.nextAccessTime ? { nextAccessTime: fault.nextAccessTime } : {}),
      };
      if (this.opts.behaviour.ignoreRetryAfter) {
        if (retries < IMMEDIATE_RETRIES) continue;
        return { throttled: throttle };
      }
      if (throttle.retryAfterSeconds < 0 || throttle.retryAfterSeconds > MAX_INLINE_WAIT_S || retries >= IMMEDIATE_RETRIES) return { throttled: throttle };
      this.opts.log(`ndxp: throttled (${throttle.code}), waiting ${throttle.retryAfterSeconds} s as Retry-After says`);
      // A little over the wait: timers are not exact, and the window ends on the gateway's clock.
      await sleep(throttle.retryAfterSeconds * 1000 + 50);
    }
  }
}

/** Text of the first descendant element named `localName` in `ns` (document order), trimmed. */
export function firstText(root: import('@xmldom/xmldom').Element, localName: string, ns: string): string | undefined {
  for (const c of elementChildren(root)) {
    if (c.localName === localName && c.namespaceURI === ns) return c.textContent?.trim() ?? '';
    const deeper = firstText(c, localName, ns);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}
