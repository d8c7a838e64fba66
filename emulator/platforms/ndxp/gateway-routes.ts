import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EmulatorError } from '../../core/errors.js';
import { toEmulatorError } from '../../core/http-errors.js';
import { bearerToken, clientCredentials, parseLgspAccessToken } from './client-auth.js';
import type { Consumer } from './consumers.js';
import { ndxpError } from './errors.js';
import { consume } from './limits.js';
import { forward } from './proxy.js';
import type { Resolved } from './registry.js';
import { nameClaimedCaller, recordRefusal } from './refusal.js';
import { sendFault, sendOAuthError } from './render.js';
import type { NdxpService } from './service.js';
import type { Caller } from './upstream.js';

const bodyOf = (request: FastifyRequest): Buffer => (Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));

export function formOf(request: FastifyRequest): URLSearchParams {
  const body = bodyOf(request);
  if (body.length === 0) return new URLSearchParams();
  const type = String(request.headers['content-type'] ?? '');
  if (!/application\/x-www-form-urlencoded/i.test(type)) {
    throw ndxpError('NDXP_TOKEN_INVALID_REQUEST', `the token request body must be application/x-www-form-urlencoded (got ${type || 'no Content-Type'})`, { field: 'content-type', rule: 'application/x-www-form-urlencoded' });
  }
  return new URLSearchParams(body.toString('utf8'));
}

/** "2026-11-24 10:00:00+0000 UTC", the form of WSO2's `nextAccessTime`. */
const wso2Time = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')}+0000 UTC`;

function asEmulatorError(err: unknown, request: FastifyRequest): EmulatorError {
  if (err instanceof EmulatorError) return err;
  request.log.error({ err }, 'ndxp: unexpected failure');
  return ndxpError('NDXP_INTERNAL', 'unexpected failure inside the emulator; data already accepted is kept');
}

/** A refused token or revocation request: its error verdict, the client it claimed to be, RFC 6749's reply. */
async function refuseToken(request: FastifyRequest, reply: FastifyReply, svc: NdxpService, e: EmulatorError, form?: URLSearchParams): Promise<FastifyReply> {
  recordRefusal(request, e);
  await nameClaimedCaller(request, svc, form);
  return sendOAuthError(reply, e);
}

/** The token endpoint (client-credentials grant) and token revocation, §B1. */
function registerTokenRoutes(wire: FastifyInstance, svc: NdxpService): void {
  const token = async (request: FastifyRequest, reply: FastifyReply) => {
    request.exchange = { platform: 'ndxp', operation: 'token', verdicts: [] };
    let form: URLSearchParams | undefined;
    try {
      form = formOf(request);
      const grant = form.get('grant_type');
      if (!grant) throw ndxpError('NDXP_TOKEN_INVALID_REQUEST', 'grant_type is missing; send grant_type=client_credentials', { field: 'grant_type', rule: 'required' });
      if (grant !== 'client_credentials') {
        throw ndxpError('NDXP_TOKEN_UNSUPPORTED_GRANT', `grant_type "${grant}" is not supported for consumer applications; use client_credentials`, { field: 'grant_type', rule: 'client_credentials' });
      }
      const creds = clientCredentials(request.headers, form);
      request.exchange.systemId = creds.clientId;
      const consumer = await svc.consumers.authenticate(creds.clientId, creds.clientSecret);
      if (!consumer) throw ndxpError('NDXP_TOKEN_INVALID_CLIENT', 'Client Authentication failed: unknown consumer key or wrong secret', { field: 'client_id', rule: 'registered consumer key and its secret' });
      request.exchange.agency = consumer.agency;
      if (creds.via !== 'basic') request.exchange.verdicts.push({ code: `NDXP_TOKEN_AUTH_${creds.via.toUpperCase()}`, severity: 'info', message: `client authenticated by ${creds.via}` });
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(await svc.tokens.issue(consumer));
    } catch (err) {
      return refuseToken(request, reply, svc, asEmulatorError(err, request), form);
    }
  };
  for (const path of ['/token', '/oauth2/token', '/getToken']) wire.post(path, token);

  const revoke = async (request: FastifyRequest, reply: FastifyReply) => {
    request.exchange = { platform: 'ndxp', operation: 'revoke', verdicts: [] };
    let form: URLSearchParams | undefined;
    try {
      form = formOf(request);
      const creds = clientCredentials(request.headers, form);
      const consumer = await svc.consumers.authenticate(creds.clientId, creds.clientSecret);
      if (!consumer) throw ndxpError('NDXP_TOKEN_INVALID_CLIENT', 'Client Authentication failed: unknown consumer key or wrong secret', { field: 'client_id', rule: 'registered consumer key and its secret' });
      request.exchange.systemId = consumer.clientId;
      request.exchange.agency = consumer.agency;
      const t = form.get('token');
      if (!t) throw ndxpError('NDXP_TOKEN_INVALID_REQUEST', 'token is missing: send token=<access_token> to revoke', { field: 'token', rule: 'required' });
      await svc.tokens.revoke(t, consumer.clientId);
      return reply.status(200).send('');
    } catch (err) {
      return refuseToken(request, reply, svc, asEmulatorError(err, request), form);
    }
  };
  for (const path of ['/revoke', '/oauth2/revoke']) wire.post(path, revoke);
}

/** Bearer token (and, when sent, the VNPT lgspaccesstoken header) → the calling consumer. */
async function authenticate(request: FastifyRequest, svc: NdxpService): Promise<Consumer> {
  const token = bearerToken(request.headers);
  if (!token) {
    throw ndxpError('NDXP_MISSING_CREDENTIALS', 'Required OAuth credentials not provided. Make sure your API invocation call has a header: "Authorization: Bearer ACCESS_TOKEN"', { field: 'authorization', rule: 'Bearer token required' });
  }
  const check = await svc.tokens.check(token);
  if (!check.ok) {
    if (check.reason === 'expired') {
      throw ndxpError('NDXP_TOKEN_EXPIRED', `the access token expired at ${check.expiredAt!.toISOString()} (emulator clock); request a new one from /ndxp/token`, { field: 'authorization', rule: 'unexpired token' });
    }
    throw ndxpError('NDXP_INVALID_CREDENTIALS', check.reason === 'revoked' ? 'the access token was revoked; request a new one from /ndxp/token' : 'the access token was never issued by this gateway (or was cleared by a reset)', { field: 'authorization', rule: 'token issued by /ndxp/token' });
  }
  const consumer = await svc.consumers.get(check.clientId);
  if (!consumer) throw ndxpError('NDXP_INVALID_CREDENTIALS', 'the access token belongs to a consumer that was deleted', { field: 'authorization', rule: 'existing consumer' });
  const lgsp = request.headers.lgspaccesstoken;
  if (typeof lgsp === 'string' && lgsp !== '') {
    const t = parseLgspAccessToken(lgsp);
    if (t.accessKey !== consumer.clientId || !(await svc.consumers.authenticate(t.accessKey, t.secretKey))) {
      throw ndxpError('NDXP_INVALID_CREDENTIALS', 'the lgspaccesstoken header names other credentials than the bearer token\'s consumer', { field: 'lgspaccesstoken', rule: 'same consumer as the bearer token' });
    }
  }
  return consumer;
}

/**
 * The Origin echoed in a preflight reply: only a value that is itself a valid header value (printable, one
 * line, bounded); anything else would break the reply (a CR/LF reaches here from in-process callers).
 */
function corsOrigin(origin: string | string[] | undefined): string {
  return typeof origin === 'string' && origin.length <= 2048 && /^[\x21-\x7e]+$/.test(origin) ? origin : '*';
}

/** Subscribed to every version (`context`) or to this one (`context/version`): from the consumer already read. */
const subscribed = (consumer: Consumer, context: string, version: string) => consumer.apis.includes(context) || consumer.apis.includes(`${context}/${version}`);

async function enforceLimits(svc: NdxpService, consumer: Consumer, api: string, reply: FastifyReply): Promise<void> {
  const now = svc.ctx.clock.now();
  for (const [kind, limit] of [['rate', consumer.rateLimit], ['quota', consumer.quota]] as const) {
    if (!limit) continue;
    const outcome = await consume(svc.db, now, consumer.clientId, api, kind, limit);
    if (outcome.ok) continue;
    void reply.header('retry-after', String(outcome.retryAfterSeconds));
    throw ndxpError(
      kind === 'quota' ? 'NDXP_QUOTA_EXCEEDED' : 'NDXP_RATE_LIMITED',
      kind === 'quota'
        ? `You have exceeded your quota: ${limit.limit} calls per ${limit.period} to ${api}; it resets at ${outcome.resetAt.toISOString()}`
        : `You have exceeded the rate limit: ${limit.limit} calls per ${limit.period} to ${api}; retry after ${outcome.retryAfterSeconds} s`,
      { field: kind === 'quota' ? 'quota' : 'rateLimit', rule: `${limit.limit} per ${limit.period}`, nextAccessTime: wso2Time(outcome.resetAt) },
    );
  }
}

async function dispatch(request: FastifyRequest, reply: FastifyReply, r: Resolved, caller: Caller): Promise<FastifyReply> {
  const url = new URL(request.url, 'http://gateway');
  const body = bodyOf(request);
  if (r.entry.kind === 'builtin') {
    const out = await r.entry.api.handle({ method: request.method, resource: r.resource, query: url.searchParams, headers: request.headers, body, caller });
    if (out.operation) request.exchange!.operation = `${r.context}/${r.version} ${out.operation}`;
    if (out.verdicts) request.exchange!.verdicts.push(...out.verdicts);
    return reply.status(out.status).headers(out.headers ?? {}).type(out.contentType).send(out.body);
  }
  const up = await forward(r.entry.api, { method: request.method, resource: r.resource, search: url.search, headers: request.headers, body, remoteAddress: request.ip }, caller);
  if (up.status >= 500) request.exchange!.verdicts.push({ code: 'NDXP_UPSTREAM_ERROR', severity: 'warning', message: `the upstream ${r.entry.api.upstream} answered HTTP ${up.status}; passed through unchanged` });
  return reply.status(up.status).headers(up.headers).send(up.body);
}

/** Every `/ndxp/<context>/<version>/<resource>` call: resolve, authenticate, authorise, limit, then serve or proxy. */
async function apiCall(request: FastifyRequest, reply: FastifyReply, svc: NdxpService): Promise<FastifyReply> {
  const path = new URL(request.url, 'http://gateway').pathname.replace(/^\/ndxp\/?/, '');
  request.exchange = { platform: 'ndxp', operation: path.split('/').slice(0, 3).join('/') || '(root)', verdicts: [] };
  try {
    const r = await svc.registry.resolve(path);
    if (!r) {
      throw ndxpError('NDXP_API_NOT_FOUND', `No matching resource found for given API Request: no API is published at /ndxp/${path.split('/').slice(0, 2).join('/')} (see GET /_lienthong/ndxp/apis)`, { field: 'path', rule: '/ndxp/<context>/<version>/<resource> of a published API' });
    }
    request.exchange.operation = `${r.context}/${r.version}${r.resource}`;
    // CORS preflight carries no credentials: WSO2 answers it at the gateway with its CORS defaults.
    if (request.method === 'OPTIONS') {
      return reply
        .status(200)
        .headers({
          'access-control-allow-origin': corsOrigin(request.headers.origin),
          'access-control-allow-methods': 'GET,PUT,POST,DELETE,PATCH,OPTIONS',
          'access-control-allow-headers': 'authorization,Access-Control-Allow-Origin,Content-Type,SOAPAction,apikey,lgspaccesstoken',
        })
        .send('');
    }
    const consumer = await authenticate(request, svc);
    request.exchange.systemId = consumer.clientId;
    request.exchange.agency = consumer.agency;
    if (!subscribed(consumer, r.context, r.version)) {
      throw ndxpError('NDXP_NOT_SUBSCRIBED', `User is NOT authorized to access the Resource. API Subscription validation failed: consumer ${consumer.clientId} is not subscribed to ${r.context}/${r.version}`, { field: 'apis', rule: `subscription to ${r.context}/${r.version}` });
    }
    await enforceLimits(svc, consumer, `${r.context}/${r.version}`, reply);
    return await dispatch(request, reply, r, { clientId: consumer.clientId, agency: consumer.agency });
  } catch (err) {
    const e = asEmulatorError(err, request);
    recordRefusal(request, e);
    await nameClaimedCaller(request, svc);
    const next = e.details.nextAccessTime;
    return sendFault(request, reply, e, typeof next === 'string' ? { nextAccessTime: next } : {});
  }
}

export function registerGatewayRoutes(wire: FastifyInstance, svc: NdxpService): void {
  // What fastify refuses before a handler runs (a body over --max-body) is still answered in the gateway's dialect.
  wire.setErrorHandler(async (err, request, reply) => {
    const e = toEmulatorError(err, () => ndxpError('NDXP_INTERNAL', 'unexpected failure inside the emulator; data already accepted is kept'));
    if (e.httpStatus >= 500) request.log.error({ err }, 'ndxp: unexpected failure');
    const tooLarge = e.code === 'BODY_TOO_LARGE';
    const limit = wire.initialConfig.bodyLimit;
    const path = request.url.split('?')[0]!.replace(/^\/ndxp\/+/, '');
    request.exchange ??= { platform: 'ndxp', verdicts: [] };
    if (/^(token|getToken|revoke|oauth2\/(token|revoke))\/?$/.test(path)) {
      // RFC 6749 has no error for an unreadable or oversized body: invalid_request, naming the body.
      const why = tooLarge ? `it is larger than the ${limit} bytes the gateway accepts` : e.message;
      const out = e.code.startsWith('NDXP_') ? e : ndxpError('NDXP_TOKEN_INVALID_REQUEST', `the token request body cannot be read: ${why}`, { field: 'body', rule: tooLarge ? `at most ${limit} bytes` : 'readable body' });
      return refuseToken(request, reply, svc, out);
    }
    const out = e.code.startsWith('NDXP_')
      ? e
      : tooLarge
        ? ndxpError('NDXP_BODY_TOO_LARGE', `the request body is larger than the ${limit} bytes the gateway accepts (--max-body)`, { field: 'body', rule: `at most ${limit} bytes` })
        : ndxpError('NDXP_BAD_BODY', e.message, { field: 'body', rule: 'readable body' });
    recordRefusal(request, out);
    await nameClaimedCaller(request, svc);
    return sendFault(request, reply, out);
  });
  registerTokenRoutes(wire, svc);
  wire.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], url: '/*', handler: (request, reply) => apiCall(request, reply, svc) });
  wire.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], url: '/', handler: (request, reply) => apiCall(request, reply, svc) });
}
