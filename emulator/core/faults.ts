/**
 * Fault injection (`/_lienthong/faults`): make a platform's requests fail, slow down or go unanswered, so
 * a harness can prove that a system retries and survives the axis or gateway misbehaving. Rules live in
 * the process (they are test set-up, not platform state) and are matched in registration order; each hit
 * is recorded in the evidence log with verdict FAULT_INJECTED.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkBody } from './control.js';
import { coreError } from './errors.js';

export interface FaultInput {
  platform: 'vdxp' | 'dvcqg' | 'ndxp';
  operation?: string;
  systemId?: string;
  kind: 'error' | 'latency' | 'drop';
  status?: number;
  latencyMs?: number;
  count?: number;
  probability?: number;
}

export interface FaultRule extends FaultInput {
  id: string;
  /** Requests this rule has hit so far. */
  hits: number;
}

export class FaultBook {
  private rules: FaultRule[] = [];

  add(input: FaultInput): FaultRule {
    const rule: FaultRule = { ...input, id: randomUUID(), hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): number {
    const n = this.rules.length;
    this.rules = [];
    return n;
  }

  /** The rule that hits this request (consuming one of its `count`), if any. */
  match(req: { platform: string; operation: string; systemId?: string }, random: () => number = Math.random): FaultRule | undefined {
    for (const r of this.rules) {
      if (r.platform !== req.platform) continue;
      if (r.operation && r.operation.toLowerCase() !== req.operation.toLowerCase()) continue;
      if (r.systemId && r.systemId !== req.systemId) continue;
      if (r.count !== undefined && r.hits >= r.count) continue;
      if ((r.probability ?? 1) < 1 && random() >= (r.probability ?? 1)) continue;
      r.hits++;
      return r;
    }
    return undefined;
  }
}

const PLATFORM_PATH = /^\/(vdxp|dvcqg|ndxp)(\/[^?]*)?/;

/** The reply a platform's clients expect from a failure: VDXP's `{status: FAIL, ErrorCode, ErrorDesc}`, else ours. */
function faultBody(platform: string, status: number, message: string): Record<string, unknown> {
  if (platform === 'vdxp') return { status: 'FAIL', ErrorCode: String(status), ErrorDesc: message };
  return { error: { code: 'FAULT_INJECTED', message } };
}

export function registerFaults(app: FastifyInstance, book: FaultBook): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const m = PLATFORM_PATH.exec(request.url);
    if (!m) return;
    const platform = m[1] as string;
    const operation = (m[2] ?? '').split('/').filter(Boolean).pop() ?? '';
    const systemId = typeof request.headers['xroadvnpt-systemid'] === 'string' ? request.headers['xroadvnpt-systemid'] : undefined;
    const rule = book.match({ platform, operation, systemId });
    if (!rule) return;
    const message = `fault injected by /_lienthong/faults rule ${rule.id} (${rule.kind}${rule.kind === 'error' ? ` ${rule.status ?? 503}` : rule.kind === 'latency' ? ` ${rule.latencyMs} ms` : ''})`;
    if (rule.kind === 'latency') {
      await sleep(rule.latencyMs ?? 0);
      return;
    }
    request.exchange = { platform, operation, ...(systemId ? { systemId } : {}), verdicts: [{ code: 'FAULT_INJECTED', severity: 'info', message }] };
    if (rule.kind === 'drop') {
      // No reply at all: the client sees the connection close, as with a crashed or partitioned server.
      request.raw.socket?.destroy();
      return reply.hijack();
    }
    return reply.status(rule.status ?? 503).send(faultBody(platform, rule.status ?? 503, message));
  });

  app.get('/_lienthong/faults', async () => ({ faults: book.list() }));
  app.post('/_lienthong/faults', async (request, reply) => {
    const input = checkBody<FaultInput>('lienthong:common/fault-create', request.body);
    return reply.status(201).send(book.add(input));
  });
  app.delete<{ Params: { id: string } }>('/_lienthong/faults/:id', async (request) => {
    if (!book.remove(request.params.id)) throw coreError('NOT_FOUND', `no fault rule "${request.params.id}"`, { field: 'id' });
    return { status: 'ok' };
  });
  app.delete('/_lienthong/faults', async () => ({ status: 'ok', removed: book.clear() }));
}
