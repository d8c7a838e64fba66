/**
 * VDXP requests as the SDK sends them (signed XroadVnpt-* headers, raw edXML bodies), built with the
 * emulator's own SDK-faithful signer and a fixed timestamp, then possibly edited: the corpus needs both
 * correctly signed requests carrying bad content and bad signatures around good content.
 */
import { hashFileHex, XroadHeaderSigner } from '../../../emulator/platforms/vdxp/wire/xroad-headers.js';
import { SDK_TIMESTAMP, type VdxpSystem } from './fixture.js';
import type { BadRequest, Method } from './types.js';

export type WireHeaders = Array<[string, string]>;

/** Node joins repeated header names with ", " (the SDK never repeats one; edits may). */
export function headerObject(headers: WireHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of headers) {
    const key = k.toLowerCase();
    out[key] = key in out ? `${out[key]}, ${v}` : v;
  }
  return out;
}

export function signedHeaders(s: Pick<VdxpSystem, 'systemId' | 'secret'>, params: Record<string, string>, contentType = 'application/json'): WireHeaders {
  return new XroadHeaderSigner({ systemId: s.systemId, secret: s.secret, timestamp: SDK_TIMESTAMP }).headersFor(params, contentType);
}

/** An operation call with signed parameters; `body` as the SDK posts it (`{}` or empty). */
export function opRequest(s: Pick<VdxpSystem, 'systemId' | 'secret'>, op: string, params: Record<string, string>, opts: { method?: Method; body?: Buffer | string; headers?: WireHeaders } = {}): BadRequest {
  const headers = opts.headers ?? signedHeaders(s, params);
  const body = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body, 'utf8');
  return { method: opts.method ?? 'POST', url: `/vdxp/${op}`, headers: headerObject(headers), ...(body && body.length > 0 ? { payload: body } : {}) };
}

export interface SendOptions {
  from?: string;
  messagetype?: string;
  servicetype?: string;
  /** Override the computed hash-file (undefined = the SDK's hash of the bytes; null = not sent). */
  hashFile?: string | null;
  contentType?: string;
  /** Skip the SDK's trailing CRLF. */
  noFraming?: boolean;
}

/** sendEdoc of `bytes` exactly as the SDK would send them (hash-file over the bytes, body + CRLF). */
export function sendRequest(s: VdxpSystem, bytes: Buffer, o: SendOptions = {}): BadRequest {
  const params: Record<string, string> = {
    from: o.from ?? s.agency,
    servicetype: o.servicetype ?? 'eDoc',
    messagetype: o.messagetype ?? 'edoc',
  };
  if (o.hashFile !== null) params['hash-file'] = o.hashFile ?? hashFileHex(bytes);
  const headers = signedHeaders(s, params, o.contentType ?? 'application/octet-stream');
  const body = o.noFraming ? bytes : Buffer.concat([bytes, Buffer.from('\r\n')]);
  return { method: 'POST', url: '/vdxp/sendEdoc', headers: headerObject(headers), payload: body };
}
