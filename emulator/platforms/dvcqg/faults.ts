/**
 * DVCQG under fault injection (docs/faults.md, decision 019): a request is known by its `service` (or
 * path), its one-stop account and madonvi — from the session it carries, or the username it logs in
 * with — and fails with the portal's `error_code` reply. `expired-token` ends the session now, so the
 * portal answers 104 (session expired) exactly as it does when a session outlives its lifetime.
 */
import type { FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../../core/context.js';
import { lastSegment, type FaultTarget, type PlatformFaults } from '../../core/faults.js';
import { jsonBody } from './routes.js';
import type { DvcqgService } from './service.js';

/** The body as the portal reads it, or nothing: identifying a request must never refuse it (the route does). */
function bodyJson(request: FastifyRequest): Record<string, unknown> {
  try {
    return jsonBody(request);
  } catch {
    return {};
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function dvcqgFaults(serviceFor: (ctx: EmulatorContext) => DvcqgService): PlatformFaults {
  return {
    async identify(ctx, request) {
      const segment = lastSegment(request.url);
      const body = bodyJson(request);
      const service = text(body.service);
      const target: FaultTarget = { operations: service ? [service, segment] : [segment], agencies: [] };
      const svc = serviceFor(ctx);
      const session = text(body.session);
      if (session) {
        const row = await svc.db.selectFrom('dvcqg_sessions').selectAll().where('session', '=', session).executeTakeFirst();
        if (row) {
          target.caller = row.username;
          target.agencies = [row.madonvi];
          if (Date.parse(row.expires_at) > ctx.clock.now().getTime()) target.credential = session;
          return target;
        }
      }
      const username = segment === 'login' ? text(body.username) : undefined;
      if (username) {
        const account = await svc.accounts.byUsername(username);
        if (account) {
          target.caller = account.username;
          target.agencies = [account.madonvi];
          return target;
        }
      }
      // No session: the agency the call claims (madonvi, else the dstcode header), as the portal reads it.
      const claimed = text(body.madonvi) ?? text(request.headers.dstcode);
      if (claimed) target.agencies = [claimed];
      return target;
    },
    failure(_request, status, message) {
      // error_code is the HTTP status: the portal's own codes (1xx–5xx groups, decision 007) stay unambiguous.
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error_code: status, message, code: 'FAULT_INJECTED' }) };
    },
    async expireCredential(ctx, session) {
      await serviceFor(ctx).db.updateTable('dvcqg_sessions').set({ expires_at: ctx.clock.now().toISOString() }).where('session', '=', session).execute();
    },
  };
}
