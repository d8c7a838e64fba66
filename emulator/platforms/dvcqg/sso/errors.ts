import { errorFactory, type Catalog } from '../../../core/errors.js';

/**
 * DVCQG SSO error catalog. On the OIDC endpoints the wire stays OAuth 2.0 (`{error, error_description}`
 * or a redirect with `error=`), because relying parties parse that; these codes label the evidence
 * verdicts, the login page and the control plane. The real server's own codes are not known (A9).
 */
export const SSO_ERRORS = {
  DVCQG_SSO_UNKNOWN_CLIENT: { http: 400, title: 'client_id names no relying party registered with POST /_lienthong/dvcqg/sso/clients.' },
  DVCQG_SSO_CLIENT_EXISTS: { http: 409, title: 'A relying party with this clientId is already registered.' },
  DVCQG_SSO_REDIRECT_URI_MISMATCH: { http: 400, title: 'redirect_uri is not one of the registered redirectUris of the client.' },
  DVCQG_SSO_CLIENT_AUTH_FAILED: { http: 401, title: 'Client authentication at the token endpoint failed (missing or wrong client_secret, or a second mechanism).' },
  DVCQG_SSO_INVALID_GRANT: { http: 400, title: 'The authorization code is unknown, expired, already used, or was issued for another client or redirect_uri.' },
  DVCQG_SSO_INVALID_TOKEN: { http: 401, title: 'The access token is unknown, expired or revoked (userinfo, validate-token).' },
  DVCQG_SSO_INVALID_REQUEST: { http: 400, title: 'The OpenID Connect request is malformed (missing or unsupported parameter, scope without openid, …).' },
  DVCQG_SSO_UNKNOWN_ACCOUNT: { http: 400, title: 'login_hint, or the ID typed on the login page, names no test citizen (SoDinhDanh, SoCMND, TechID) or organisation (MaSoThue).' },
  DVCQG_SSO_ACCESS_DENIED: { http: 400, title: 'The user cancelled the sign-in on the login page (Hủy).' },
  DVCQG_SSO_INTERACTION_EXPIRED: { http: 400, title: 'The login page was opened for an unknown or expired sign-in (sessionDataKey).' },
  DVCQG_SSO_BAD_HOST: { http: 400, title: 'The Host (or X-Forwarded-Host) header cannot form an issuer URL.' },
  DVCQG_SSO_USERINFO_CONTENT_TYPE: { http: 200, title: 'Not an error: a POST to userinfo with a non-form Content-Type and no body (as OpenCPS sends) was accepted.' },
  DVCQG_SSO_SERVER_ERROR: { http: 500, title: 'Unexpected failure inside the SSO provider.' },
} as const satisfies Catalog;

export type SsoErrorCode = keyof typeof SSO_ERRORS;

export const ssoError = errorFactory(SSO_ERRORS);

/** Maps an OAuth error (oidc-provider's) to our code, for verdicts. */
export function ssoCodeOf(error: string, description: string | undefined): SsoErrorCode {
  const d = description ?? '';
  switch (error) {
    case 'invalid_client':
      return /not found|client is invalid/.test(d) ? 'DVCQG_SSO_UNKNOWN_CLIENT' : 'DVCQG_SSO_CLIENT_AUTH_FAILED';
    case 'invalid_redirect_uri':
      return 'DVCQG_SSO_REDIRECT_URI_MISMATCH';
    case 'invalid_grant':
      return 'DVCQG_SSO_INVALID_GRANT';
    case 'invalid_token':
      return 'DVCQG_SSO_INVALID_TOKEN';
    case 'access_denied':
      return d.includes('DVCQG_SSO_UNKNOWN_ACCOUNT') ? 'DVCQG_SSO_UNKNOWN_ACCOUNT' : 'DVCQG_SSO_ACCESS_DENIED';
    case 'server_error':
      return 'DVCQG_SSO_SERVER_ERROR';
    default:
      return 'DVCQG_SSO_INVALID_REQUEST';
  }
}
