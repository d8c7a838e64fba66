import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dvcqgError } from './errors.js';
import { refuse, sendOk } from './render.js';
import type { DvcqgService } from './service.js';
import { SERVICES } from './services.js';

type Json = Record<string, unknown>;

/** Bodies are read as bytes and parsed here, so a malformed body gets the portal's dialect, not fastify's. */
export function jsonBody(request: FastifyRequest): Json {
  const raw = request.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  if (text.trim() === '') throw dvcqgError('DVCQG_BAD_JSON', 'the body is empty; send a JSON object', { field: 'body', rule: 'JSON object' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw dvcqgError('DVCQG_BAD_JSON', `the body is not valid JSON: ${(err as Error).message}`, { field: 'body', rule: 'JSON object' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw dvcqgError('DVCQG_BAD_JSON', 'the body must be a JSON object {"session","madonvi","service",…}', { field: 'body', rule: 'JSON object' });
  }
  return value as Json;
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function registerDvcqgRoutes(app: FastifyInstance, svc: DvcqgService): void {
  app.post('/login', async (request, reply) => {
    request.exchange = { platform: 'dvcqg', operation: 'login', verdicts: [] };
    const body = jsonBody(request);
    const session = await svc.accounts.login(body.username, body.password);
    request.exchange.systemId = session.username;
    request.exchange.agency = session.madonvi;
    return sendOk(reply, { session: session.session, expires_at: session.expiresAt.toISOString() });
  });

  // §A1: one endpoint multiplexed by `service`; catalogue calls go to a separate share endpoint in OpenCPS's
  // configuration, so both paths accept every service.
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    request.exchange = { platform: 'dvcqg', verdicts: [] };
    const body = jsonBody(request);
    const name = typeof body.service === 'string' ? body.service : '';
    request.exchange.operation = name || undefined;
    const session = await svc.accounts.session(body.session);
    request.exchange.systemId = session.username;
    request.exchange.agency = session.madonvi;
    const account = await svc.accounts.byUsername(session.username);
    if (!account) throw dvcqgError('DVCQG_SESSION_INVALID', 'the account of this session no longer exists; log in again', { field: 'session', rule: 'live account' });
    const mode = account.mode ?? svc.ctx.mode;
    // `madonvi` in the body, else the dstcode header (§A1: optional, meaning unknown; read as the agency).
    const madonvi = typeof body.madonvi === 'string' && body.madonvi !== '' ? body.madonvi : headerValue(request, 'dstcode');
    if (madonvi === undefined || madonvi === '') {
      if (mode === 'strict') throw dvcqgError('DVCQG_MISSING_PARAMETER', 'the call needs "madonvi", the agency code on DVCQG', { field: 'madonvi', rule: 'required' });
      request.exchange.verdicts.push({ code: 'DVCQG_MISSING_PARAMETER', severity: 'warning', message: `no madonvi: taken from the session (${account.madonvi})`, field: 'madonvi' });
    } else if (madonvi !== account.madonvi) {
      throw dvcqgError('DVCQG_AGENCY_MISMATCH', `madonvi "${madonvi}" is not the agency of account ${account.username} (${account.madonvi})`, { field: 'madonvi', rule: 'the logged-in agency' });
    }
    if (!name) throw dvcqgError('DVCQG_MISSING_PARAMETER', `the call needs "service", one of ${Object.keys(SERVICES).join(', ')}`, { field: 'service', rule: 'required' });
    // Own properties only: `constructor`, `toString`, `__proto__` are names a client can send too.
    const service = Object.hasOwn(SERVICES, name) ? SERVICES[name] : undefined;
    if (!service) throw dvcqgError('DVCQG_UNKNOWN_SERVICE', `service "${name}" is not a DVCQG service; known: ${Object.keys(SERVICES).join(', ')}`, { field: 'service', rule: 'known service' });
    const out = await service(svc, { account, body, mode, query: request.query as Record<string, string | undefined> });
    request.exchange.verdicts.push(...(out.verdicts ?? []));
    const { verdicts: _judged, ...extra } = out;
    const warnings = request.exchange.verdicts.filter((v) => v.severity === 'warning').map((v) => v.message);
    return sendOk(reply, { ...extra, ...(warnings.length > 0 ? { warnings } : {}) });
  };
  app.post('/service', handle);
  app.post('/share', handle);

  app.setErrorHandler((err, request, reply) => refuse(request, reply, svc.toError(err)));
  app.setNotFoundHandler((request, reply) => {
    request.exchange = { platform: 'dvcqg', verdicts: [] };
    refuse(request, reply, dvcqgError('DVCQG_UNKNOWN_ENDPOINT', `no DVCQG endpoint ${request.method} ${request.url}; the integration API is POST /dvcqg/login and POST /dvcqg/service`, { field: 'path', rule: 'known endpoint' }));
  });
}
