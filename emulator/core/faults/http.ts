/**
 * Fault injection on the wire (decision 019): the control plane `/_lienthong/faults` and the hooks that
 * apply the request kinds — error, latency, drop, expired-token — to every platform request. The delivery
 * kinds (duplicate, out-of-order, tamper) act inside VDXP's mailbox through `ctx.faults`.
 * Every hit is evidence: the exchange carries a FAULT_INJECTED verdict naming the rule.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformModule } from '../context.js';
import { checkBody } from '../control.js';
import { coreError } from '../errors.js';
import { recordExchange } from '../exchange-evidence.js';
import type { Verdict } from '../evidence.js';
import type { FaultBook, FaultTarget } from './book.js';
import { lastSegment, type PlatformFaults } from './platform.js';
import { assertFaultRule, describeFault, REQUEST_KINDS, type FaultInput, type FaultPlatform, type FaultRule } from './rules.js';

/** A hit whose effect comes after the platform has handled the request (or only needs a verdict then). */
interface PendingHit {
  platform: FaultPlatform;
  rule: FaultRule;
  verdict: Verdict;
  target: FaultTarget;
  /** error/drop with phase reply: the reply the platform produced is replaced, or lost. */
  after?: 'error' | 'drop';
}

declare module 'fastify' {
  interface FastifyRequest {
    faultHit: PendingHit | null;
  }
}

const PLATFORM_PATH = /^\/(vdxp|dvcqg|ndxp)(?:[/?]|$)/;

/** The verdict every hit leaves in the evidence log. */
export function faultVerdict(rule: FaultRule, effect?: string): Verdict {
  return { code: 'FAULT_INJECTED', severity: 'info', message: `fault injected by /_lienthong/faults rule ${rule.id} (${describeFault(rule)})${effect ? `: ${effect}` : ''}` };
}

/** Without an adapter a request is known by its path only. */
const pathOnly = (request: FastifyRequest): FaultTarget => ({ operations: [lastSegment(request.url)], agencies: [] });

/**
 * The evidence of an exchange that got no reply: the core's onResponse never runs for a closed socket, so
 * the fault hook writes it (status 0 when the platform never handled the request).
 */
const recordUnanswered = recordExchange;

export function registerFaults(app: FastifyInstance, book: FaultBook, platforms: readonly PlatformModule[]): void {
  const ctx = app.lienthong;
  const adapters = new Map<string, PlatformFaults>();
  for (const p of platforms) if (p.faults) adapters.set(p.name, p.faults);
  app.decorateRequest('faultHit', null);

  const failWith = (request: FastifyRequest, platform: string, status: number, message: string) => {
    const adapter = adapters.get(platform);
    return adapter ? adapter.failure(request, status, message) : { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: { code: 'FAULT_INJECTED', message } }) };
  };

  // preHandler, not onRequest: DVCQG names its caller and service in the body, which is parsed by now.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const m = PLATFORM_PATH.exec(request.url);
    if (!m) return;
    const platform = m[1] as FaultPlatform;
    const rules = await book.candidates(platform, REQUEST_KINDS);
    if (rules.length === 0) return;
    const adapter = adapters.get(platform);
    const target = adapter ? await adapter.identify(ctx, request) : pathOnly(request);
    const rule = await book.strike(rules, target);
    if (!rule) return;
    const note = (verdict: Verdict) => ({
      platform,
      operation: target.operations[0],
      ...(target.caller ? { systemId: target.caller } : {}),
      ...(target.agencies.length === 1 ? { agency: target.agencies[0] } : {}),
      verdicts: [verdict],
    });
    const pending = (verdict: Verdict, after?: PendingHit['after']) => {
      request.faultHit = { platform, rule, verdict, target, ...(after ? { after } : {}) };
    };

    switch (rule.kind) {
      case 'latency':
        if (rule.latencyMs) await sleep(rule.latencyMs);
        return pending(faultVerdict(rule, `the reply was held back ${rule.latencyMs} ms`));
      case 'expired-token':
        // The platform's own code then answers the request as it answers any expired credential.
        if (target.credential && adapter?.expireCredential) await adapter.expireCredential(ctx, target.credential);
        return pending(faultVerdict(rule, 'the live credential of this request was made to expire now'));
      case 'error': {
        const status = rule.status ?? 503;
        if (rule.phase === 'reply') return pending(faultVerdict(rule, `handled, then answered HTTP ${status} instead of the real reply`), 'error');
        const verdict = faultVerdict(rule, `answered HTTP ${status} without handling the request`);
        request.exchange = note(verdict);
        const f = failWith(request, platform, status, verdict.message);
        return reply.status(status).type(f.contentType).send(f.body);
      }
      case 'drop': {
        if (rule.phase === 'reply') return pending(faultVerdict(rule, 'handled, then the connection was closed without the reply'), 'drop');
        request.exchange = note(faultVerdict(rule, 'the connection was closed without a reply; the request was not handled'));
        // No reply at all: the client sees the connection close, as with a crashed or partitioned server.
        // Destroying the response (not request.raw.socket) also works under inject(), whose socket is a mock.
        reply.raw.destroy();
        await recordUnanswered(ctx, request, 0, undefined);
        return reply.hijack();
      }
      default:
        return;
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const hit = request.faultHit;
    if (!hit) return payload;
    request.faultHit = null;
    const ex = (request.exchange ??= { platform: hit.platform, operation: hit.target.operations[0], verdicts: [] });
    ex.verdicts.push(hit.verdict);
    // A refusal (an expired token) leaves the caller unnamed; the hit still says whom it hit.
    if (ex.systemId === undefined && hit.target.caller) ex.systemId = hit.target.caller;
    if (ex.agency === undefined && hit.target.agencies.length === 1) ex.agency = hit.target.agencies[0];
    if (hit.after === 'error') {
      const status = hit.rule.status ?? 503;
      const f = failWith(request, hit.platform, status, hit.verdict.message);
      void reply.code(status).header('content-type', f.contentType).removeHeader('content-disposition');
      request.replyPayload = f.body;
      return f.body;
    }
    if (hit.after === 'drop') {
      // Recorded with the reply the platform produced, so the tester sees what the client never got.
      await recordUnanswered(ctx, request, reply.statusCode, typeof payload === 'string' ? payload : request.replyPayload);
      reply.raw.destroy();
      // Let the close be seen before fastify writes the payload: under inject() (msw) the caller then gets a
      // connection error, not the reply it should never have heard.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return payload;
  });

  app.get<{ Querystring: { platform?: string } }>('/_lienthong/faults', async (request) => {
    const platform = request.query.platform;
    if (platform !== undefined && !['vdxp', 'dvcqg', 'ndxp'].includes(platform)) {
      throw coreError('BAD_REQUEST', `platform "${platform}" must be vdxp, dvcqg or ndxp`, { field: 'platform', rule: 'vdxp | dvcqg | ndxp' });
    }
    return { faults: await book.list(platform as FaultPlatform | undefined) };
  });
  app.get<{ Params: { id: string } }>('/_lienthong/faults/:id', async (request) => {
    const rule = (await book.list()).find((r) => r.id === request.params.id);
    if (!rule) throw coreError('NOT_FOUND', `no fault rule "${request.params.id}"`, { field: 'id' });
    return rule;
  });
  app.post('/_lienthong/faults', async (request, reply) => {
    assertFaultRule(request.body);
    const input = checkBody<FaultInput>('lienthong:common/fault-create', request.body);
    return reply.status(201).send(await book.add(input));
  });
  app.delete<{ Params: { id: string } }>('/_lienthong/faults/:id', async (request) => {
    if (!(await book.remove(request.params.id))) throw coreError('NOT_FOUND', `no fault rule "${request.params.id}"`, { field: 'id' });
    return { status: 'ok' };
  });
  app.delete('/_lienthong/faults', async () => ({ status: 'ok', removed: await book.clear() }));
}
