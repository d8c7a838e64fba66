import { errorFactory, type Catalog } from '../../core/errors.js';

/**
 * Gateway errors in the dialect of WSO2 API Manager, which NGSP/LGSP appear to run (specs §B1 [I]): `wire`
 * is the numeric `fault.code` a client reads (`{"fault":{"code":900901,"message":…,"description":…}}`), from
 * WSO2's published error-code tables; OAuth2 token errors use the RFC 6749 `error` values instead. The few
 * codes that are ours are marked so. See docs/decisions/010-ndxp-gateway.md.
 */
export const NDXP_ERRORS = {
  // Token endpoint (RFC 6749 §5.2; WSO2 Key Manager answers these)
  NDXP_TOKEN_INVALID_REQUEST: { http: 400, wire: 'invalid_request', title: 'POST /ndxp/token: grant_type missing, body not form-encoded, or client credentials given twice and different.' },
  NDXP_TOKEN_UNSUPPORTED_GRANT: { http: 400, wire: 'unsupported_grant_type', title: 'POST /ndxp/token: grant_type is not client_credentials (the only grant a consumer application has).' },
  NDXP_TOKEN_INVALID_CLIENT: { http: 401, wire: 'invalid_client', title: 'POST /ndxp/token: unknown client id, wrong secret, or no client authentication (Basic, form or lgspaccesstoken).' },
  // API calls (WSO2 API handler codes)
  NDXP_MISSING_CREDENTIALS: { http: 401, wire: '900902', title: 'An API call without `Authorization: Bearer <token>`.' },
  NDXP_INVALID_CREDENTIALS: { http: 401, wire: '900901', title: 'The bearer token was never issued or was revoked, or the lgspaccesstoken header does not match the token\'s consumer.' },
  NDXP_TOKEN_EXPIRED: { http: 401, wire: '900903', title: 'The bearer token is past its expiry on the emulator clock; ask /ndxp/token for a new one.' },
  NDXP_NOT_SUBSCRIBED: { http: 403, wire: '900908', title: 'The consumer is not subscribed to this API (or not among the consumers its publisher allows).' },
  NDXP_API_NOT_FOUND: { http: 404, wire: '404', title: 'No API is published at this context and version.' },
  NDXP_RESOURCE_NOT_FOUND: { http: 404, wire: '900906', title: 'The API exists but has no resource at this path or method.' },
  NDXP_QUOTA_EXCEEDED: { http: 429, wire: '900804', title: 'The subscription\'s quota for the current period is used up (Retry-After says when it resets).' },
  NDXP_RATE_LIMITED: { http: 429, wire: '900807', title: 'More requests than the subscription\'s rate limit allows in the current window (Retry-After says when to retry).' },
  NDXP_UPSTREAM_UNREACHABLE: { http: 503, wire: '101503', title: 'The API\'s upstream (the publisher\'s service) refused the connection or could not be reached.' },
  NDXP_UPSTREAM_TIMEOUT: { http: 504, wire: '101504', title: 'The API\'s upstream did not answer within the API\'s timeout.' },
  NDXP_BODY_TOO_LARGE: { http: 413, wire: '413', title: 'The request body is larger than the gateway accepts (the emulator\'s --max-body; ours: WSO2 answers with its own 413 page).' },
  NDXP_BAD_BODY: { http: 400, wire: '900400', title: 'The request body is not readable (ours: WSO2 passes bodies through untouched).' },
  NDXP_INTERNAL: { http: 500, wire: '900900', title: 'Unexpected failure inside the emulator; data already accepted is kept.' },
} as const satisfies Catalog;

export type NdxpErrorCode = keyof typeof NDXP_ERRORS;
export const ndxpError = errorFactory(NDXP_ERRORS);
