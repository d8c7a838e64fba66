/**
 * NDXP under fault injection (docs/faults.md, decision 019): a request is known by its API (context,
 * context/version, resource), its consumer application (the bearer token's, or the client credentials of a
 * token request) and that consumer's agency; it fails as WSO2 API Manager fails (`{"fault":{…}}`, or
 * `<ams:fault>` for XML callers; the token endpoint in RFC 6749's form). `expired-token` makes the bearer
 * token expire now, so the gateway answers 900903 exactly as for a token that outlived its lifetime.
 */
import type { FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../../core/context.js';
import { EmulatorError } from '../../core/errors.js';
import { lastSegment, type FaultTarget, type PlatformFaults } from '../../core/faults.js';
import { bearerToken, clientCredentials } from './client-auth.js';
import { formOf } from './gateway-routes.js';
import { faultPayload } from './render.js';
import type { NdxpService } from './service.js';

const TOKEN_PATH = /^(token|getToken|revoke|oauth2\/(token|revoke))\/?$/;

/** The WSO2 code of a gateway failure with this status (the status itself when WSO2 has none). */
const WSO2_CODE: Readonly<Record<number, string>> = { 401: '900901', 403: '900908', 404: '404', 429: '900807', 503: '101503', 504: '101504' };

/** The token request's form as the gateway reads it, or none: identifying a request must never refuse it. */
function tokenForm(request: FastifyRequest): URLSearchParams {
  try {
    return formOf(request);
  } catch {
    return new URLSearchParams();
  }
}

export function ndxpFaults(serviceFor: (ctx: EmulatorContext) => NdxpService): PlatformFaults {
  return {
    async identify(ctx, request) {
      const svc = serviceFor(ctx);
      const path = (request.url.split('?')[0] ?? '').replace(/^\/ndxp\/*/, '');
      const agencyOf = async (clientId: string) => {
        const consumer = await svc.consumers.get(clientId).catch(() => undefined);
        return consumer ? [consumer.agency] : [];
      };
      if (TOKEN_PATH.test(path)) {
        const target: FaultTarget = { operations: [lastSegment(request.url)], agencies: [] };
        try {
          target.caller = clientCredentials(request.headers, tokenForm(request)).clientId;
          target.agencies = await agencyOf(target.caller);
        } catch {
          // Unreadable client credentials: the request matches only rules without caller or agency.
        }
        return target;
      }
      const [context = '', version = ''] = path.split('/');
      const target: FaultTarget = { operations: [path.replace(/\/+$/, ''), lastSegment(request.url), context, `${context}/${version}`], agencies: [] };
      const token = bearerToken(request.headers);
      if (token) {
        const check = await svc.tokens.check(token);
        if (check.clientId) {
          target.caller = check.clientId;
          target.agencies = await agencyOf(check.clientId);
        }
        if (check.ok) target.credential = token;
      }
      return target;
    },
    failure(request, status, message) {
      const path = (request.url.split('?')[0] ?? '').replace(/^\/ndxp\/*/, '');
      if (TOKEN_PATH.test(path)) {
        const error = status === 503 ? 'temporarily_unavailable' : status >= 500 ? 'server_error' : status === 401 ? 'invalid_client' : 'invalid_request';
        return { contentType: 'application/json; charset=UTF-8', body: JSON.stringify({ error, error_description: message, lienthong: { code: 'FAULT_INJECTED' } }) };
      }
      return faultPayload(request, new EmulatorError('FAULT_INJECTED', status, message, {}, WSO2_CODE[status] ?? String(status)));
    },
    async expireCredential(ctx, token) {
      await serviceFor(ctx).tokens.expire(token);
    },
  };
}
