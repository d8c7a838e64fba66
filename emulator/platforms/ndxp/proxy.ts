import { ndxpError } from './errors.js';
import type { PublishedApi } from './registry.js';
import type { Caller } from './upstream.js';

export interface ProxiedReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Hop-by-hop headers and the caller's credentials never reach the publisher's service.
const DROPPED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'authorization', 'lgspaccesstoken', 'te', 'trailer', 'proxy-authorization']);
const NOT_RETURNED = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding']);

/**
 * Forwards one authorised call to a published API's upstream, as WSO2's gateway does: same method, resource
 * path and query, body untouched; the caller identified to the publisher by `X-Consumer-Key` and
 * `X-Consumer-Agency` (ours; WSO2 would send a signed X-JWT-Assertion). Connection failures and timeouts
 * become the gateway's 503/504 faults.
 */
export async function forward(
  api: PublishedApi,
  req: { method: string; resource: string; search: string; headers: Record<string, string | string[] | undefined>; body: Buffer; remoteAddress: string },
  caller: Caller,
): Promise<ProxiedReply> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROPPED.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${req.remoteAddress}` : req.remoteAddress;
  headers['x-consumer-key'] = caller.clientId;
  headers['x-consumer-agency'] = caller.agency;
  const url = `${api.upstream}${req.resource}${req.search}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' || req.body.length === 0 ? undefined : new Uint8Array(req.body),
      signal: AbortSignal.timeout(api.timeoutMs),
      redirect: 'manual',
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError') {
      throw ndxpError('NDXP_UPSTREAM_TIMEOUT', `the upstream of ${api.context}/${api.version} (${api.upstream}) did not answer within ${api.timeoutMs} ms`, { field: 'upstream', rule: `answer within timeoutMs ${api.timeoutMs}` });
    }
    throw ndxpError('NDXP_UPSTREAM_UNREACHABLE', `the upstream of ${api.context}/${api.version} (${api.upstream}) could not be reached: ${e.cause?.code ?? e.message}`, { field: 'upstream', rule: 'reachable service' });
  }
  let body: Buffer;
  try {
    body = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw ndxpError('NDXP_UPSTREAM_TIMEOUT', `the upstream of ${api.context}/${api.version} stopped sending its reply within ${api.timeoutMs} ms`, { field: 'upstream', rule: `answer within timeoutMs ${api.timeoutMs}` });
    }
    throw ndxpError('NDXP_UPSTREAM_UNREACHABLE', `the upstream of ${api.context}/${api.version} broke off its reply: ${e.message}`, { field: 'upstream', rule: 'complete reply' });
  }
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!NOT_RETURNED.has(name)) out[name] = value;
  });
  return { status: res.status, headers: out, body };
}
