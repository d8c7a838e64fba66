/**
 * Hand-built VDXP requests for the HTTP tests that must send what no SDK would (a header dropped or
 * altered after signing, a body the SDK could not frame): headers from `XroadHeaderSigner`, then edited,
 * then sent with `app.inject` (no port).
 */
import { hashFileHex, XroadHeaderSigner } from '../../../emulator/platforms/vdxp/wire/xroad-headers.js';
import type { App } from './fixtures.js';

export type WireHeaders = Array<[string, string]>;

export interface RawReply {
  status: number;
  /** The reply bytes exactly as written. */
  bytes: Buffer;
  json: any;
}

/** Sends `headers` (in order; names kept) and `body` to `/vdxp<path>`. */
export async function rawCall(app: App, path: string, headers: WireHeaders, body: Buffer | string = '', method: 'GET' | 'POST' = 'POST'): Promise<RawReply> {
  const res = await app.inject({ method, url: `/vdxp${path}`, headers: Object.fromEntries(headers), payload: body });
  const bytes = res.rawPayload;
  let json: any;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, bytes, json };
}

/** A fresh SDK-like signer (one per simulated service object, as in the jar). */
export function signer(systemId: string, secret: string, now?: () => Date): XroadHeaderSigner {
  return new XroadHeaderSigner({ systemId, secret, now });
}

/** The headers the SDK sends for sendEdoc of `bytes`, and the framed body (bytes + CRLF). */
export function sendEdocRequest(
  s: XroadHeaderSigner,
  bytes: Buffer,
  params: Record<string, string> = {},
): { headers: WireHeaders; body: Buffer } {
  const headers = s.headersFor({ servicetype: 'eDoc', messagetype: 'edoc', ...params, 'hash-file': hashFileHex(bytes) }, 'application/octet-stream');
  return { headers, body: Buffer.concat([bytes, Buffer.from('\r\n')]) };
}

export const without = (headers: WireHeaders, name: string): WireHeaders => headers.filter(([k]) => k.toLowerCase() !== name.toLowerCase());

export const replaced = (headers: WireHeaders, name: string, value: string): WireHeaders =>
  headers.map(([k, v]) => (k.toLowerCase() === name.toLowerCase() ? [k, value] : [k, v]));

/** True when every byte is 7-bit ASCII. */
export const isAscii = (bytes: Buffer): boolean => bytes.every((b) => b < 0x80);
