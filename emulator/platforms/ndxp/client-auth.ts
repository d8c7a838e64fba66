import { ndxpError } from './errors.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** How the client authenticated, for the evidence log. */
  via: 'basic' | 'form' | 'lgspaccesstoken';
}

/**
 * The VNPT-style LGSP header (specs §B1): base64 of JSON `{AccessKey, SecretKey, AppName, PartnerCode,
 * PartnerCodeCus}`. AccessKey/SecretKey are the consumer key and secret; the other fields are informative.
 */
/** The access token of an `Authorization: Bearer <token>` header, if the request carries one. */
export function bearerToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers.authorization;
  return /^Bearer\s+(\S+)\s*$/i.exec(typeof header === 'string' ? header : '')?.[1];
}

export function parseLgspAccessToken(value: string): { accessKey: string; secretKey: string; appName?: string } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value.trim(), 'base64').toString('utf8'));
  } catch {
    throw ndxpError('NDXP_INVALID_CREDENTIALS', 'lgspaccesstoken is not base64 of a JSON object {AccessKey, SecretKey, AppName, PartnerCode, PartnerCodeCus}', { field: 'lgspaccesstoken', rule: 'base64(JSON)' });
  }
  const o = (json ?? {}) as Record<string, unknown>;
  if (typeof o.AccessKey !== 'string' || o.AccessKey === '' || typeof o.SecretKey !== 'string' || o.SecretKey === '') {
    throw ndxpError('NDXP_INVALID_CREDENTIALS', 'lgspaccesstoken must carry non-empty string AccessKey and SecretKey (the consumer key and secret)', { field: 'lgspaccesstoken.AccessKey', rule: 'non-empty string' });
  }
  return { accessKey: o.AccessKey, secretKey: o.SecretKey, ...(typeof o.AppName === 'string' ? { appName: o.AppName } : {}) };
}

function basic(header: string | undefined): ClientCredentials | undefined {
  const m = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) {
    throw ndxpError('NDXP_TOKEN_INVALID_CLIENT', 'Authorization: Basic must carry base64(consumer_key:consumer_secret)', { field: 'authorization', rule: 'Basic base64(key:secret)' });
  }
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1), via: 'basic' };
}

/**
 * The client authentication of a token request, in any of the three forms real clients use: HTTP Basic
 * (NGSP), `client_id`/`client_secret` in the form (LGSP Đà Nẵng) or the `lgspaccesstoken` header (VNPT).
 * Two forms naming different clients are refused rather than guessed between.
 */
export function clientCredentials(headers: Record<string, string | string[] | undefined>, form: URLSearchParams): ClientCredentials {
  const found: ClientCredentials[] = [];
  const b = basic(typeof headers.authorization === 'string' ? headers.authorization : undefined);
  if (b) found.push(b);
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  if (id !== null || secret !== null) {
    if (!id || !secret) {
      throw ndxpError('NDXP_TOKEN_INVALID_CLIENT', `client_id and client_secret must both be given in the form (${!id ? 'client_id' : 'client_secret'} is missing)`, { field: !id ? 'client_id' : 'client_secret', rule: 'both form credentials' });
    }
    found.push({ clientId: id, clientSecret: secret, via: 'form' });
  }
  const lgsp = headers.lgspaccesstoken;
  if (typeof lgsp === 'string' && lgsp !== '') {
    let t: ReturnType<typeof parseLgspAccessToken>;
    try {
      t = parseLgspAccessToken(lgsp);
    } catch (e) {
      // At the token endpoint a malformed client credential is RFC 6749's invalid_client, not an API fault.
      const why = e instanceof Error ? e.message : String(e);
      throw ndxpError('NDXP_TOKEN_INVALID_CLIENT', `Client Authentication failed: ${why}`, { field: 'lgspaccesstoken', rule: 'base64(JSON) with AccessKey and SecretKey' });
    }
    found.push({ clientId: t.accessKey, clientSecret: t.secretKey, via: 'lgspaccesstoken' });
  }
  if (found.length === 0) {
    throw ndxpError('NDXP_TOKEN_INVALID_CLIENT', 'no client authentication: send Authorization: Basic base64(consumer_key:consumer_secret), or client_id and client_secret in the form, or the lgspaccesstoken header', { field: 'authorization', rule: 'client authentication required' });
  }
  const first = found[0]!;
  if (found.some((f) => f.clientId !== first.clientId || f.clientSecret !== first.clientSecret)) {
    throw ndxpError('NDXP_TOKEN_INVALID_REQUEST', `the request authenticates two different ways with different credentials (${found.map((f) => f.via).join(' and ')}); send one`, { field: 'authorization', rule: 'one client authentication' });
  }
  return first;
}
