import type { FastifyRequest } from 'fastify';
import type { EmulatorError } from '../../core/errors.js';
import { bearerToken, clientCredentials } from './client-auth.js';
import type { NdxpService } from './service.js';

/**
 * Every gateway refusal is evidence, as on VDXP and DVCQG: an error verdict with the catalog code on the
 * exchange, so the harness and the console see why a call failed without parsing the WSO2 fault.
 */
export function recordRefusal(request: FastifyRequest, e: EmulatorError): void {
  request.exchange ??= { platform: 'ndxp', verdicts: [] };
  const field = typeof e.details.field === 'string' ? e.details.field : undefined;
  request.exchange.verdicts.push({ code: e.code, severity: 'error', message: e.message, ...(field ? { field } : {}) });
}

/**
 * Names the consumer a refused exchange came from, when its credentials tell: the claimed client id (even
 * with a wrong secret, or a token that expired or was revoked) and the agency of that consumer if it exists.
 * Lets a tester find their refused calls (`GET /_lienthong/events?systemId=…`/`agency=…`). Never throws: an
 * unreadable credential just leaves the exchange anonymous.
 */
export async function nameClaimedCaller(request: FastifyRequest, svc: NdxpService, form?: URLSearchParams): Promise<void> {
  const ex = (request.exchange ??= { platform: 'ndxp', verdicts: [] });
  try {
    let id = ex.systemId;
    if (!id) {
      const bearer = bearerToken(request.headers);
      if (bearer) id = (await svc.tokens.check(bearer)).clientId;
      // Client credentials (a token request, or a call that sent them instead of a token): the form when it
      // was read, else the Basic or lgspaccesstoken header; two that disagree name nobody.
      else id = clientCredentials(request.headers, form ?? new URLSearchParams()).clientId;
    }
    if (!id) return;
    ex.systemId = id;
    const agency = ex.agency ?? (await svc.consumers.get(id))?.agency;
    if (agency) ex.agency = agency;
  } catch {
    // No readable credential: nothing to name.
  }
}
