import type { FastifyPluginAsync } from 'fastify';
import { coreError } from './errors.js';
import type { EmulatorContext, PlatformModule } from './context.js';
import type { EvidenceEvent } from './evidence.js';
import { describeSchemaErrors, validatorFor } from './schemas.js';

interface ControlOptions {
  ctx: EmulatorContext;
  platforms: readonly PlatformModule[];
}

/** Validates a control-plane body against its schema; the error names each field and rule. */
export function checkBody<T>(schemaId: string, body: unknown): T {
  const validate = validatorFor<T>(schemaId);
  if (validate(body ?? {})) return (body ?? {}) as T;
  const problems = describeSchemaErrors(validate.errors);
  throw coreError('BAD_REQUEST', `invalid body for ${schemaId}: ${problems.map((p) => p.message).join('; ')}`, {
    field: problems[0]?.field,
    rule: problems[0]?.rule,
    problems,
  });
}

function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw coreError('BAD_REQUEST', `since "${value}" is not an ISO 8601 date-time`, { field: 'since', rule: 'date-time' });
  return d;
}

function parseInteger(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw coreError('BAD_REQUEST', `${name} "${value}" must be an integer from ${min} to ${max}`, { field: name, rule: `integer ${min}..${max}` });
  }
  return n;
}

/** `/_lienthong/…`: the emulator's own API (health, info, reset, clock, evidence). */
export const controlPlane: FastifyPluginAsync<ControlOptions> = async (app, { ctx, platforms }) => {
  app.get('/_lienthong/health', async () => ({
    status: 'ok',
    version: ctx.version,
    uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
  }));

  app.get('/_lienthong/info', async () => ({
    name: 'lienthong',
    version: ctx.version,
    node: process.version,
    mode: ctx.mode,
    seed: ctx.seed,
    startedAt: ctx.startedAt.toISOString(),
    clock: { mode: ctx.clock.mode, now: ctx.clock.now().toISOString() },
    store: { kind: ctx.store.kind, location: ctx.store.location },
    platforms: platforms.map((p) => ({ name: p.name, mount: p.mount, limitations: p.limitations })),
  }));

  app.post('/_lienthong/reset', async (request) => {
    const body = checkBody<{ keepSystems?: boolean }>('lienthong:common/reset-request', request.body);
    for (const p of platforms) await p.clear(ctx, { keepSystems: body.keepSystems ?? false });
    await ctx.evidence.clear();
    for (const p of platforms) await p.seed(ctx);
    return { status: 'ok', keptSystems: body.keepSystems ?? false };
  });

  // A certificate from the test CA, e.g. to sign a compliance report: test material, never for production.
  app.post('/_lienthong/ca/certificates', async (request, reply) => {
    const body = checkBody<{ commonName: string; organization?: string }>('lienthong:common/certificate-request', request.body);
    const issued = await ctx.ca.issue(body.commonName, body.organization);
    return reply.status(201).send({ certificatePem: issued.certificatePem, privateKeyPem: issued.privateKeyPem, caCertificatePem: await ctx.ca.certificatePem() });
  });

  app.get('/_lienthong/clock', async () => ({ mode: ctx.clock.mode, now: ctx.clock.now().toISOString() }));
  app.post('/_lienthong/clock', async (request) => {
    const body = checkBody<{ advance?: string; set?: string }>('lienthong:common/clock-request', request.body);
    const now = body.advance !== undefined ? ctx.clock.advance(body.advance) : ctx.clock.set(new Date(body.set as string));
    return { mode: ctx.clock.mode, now: now.toISOString() };
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/_lienthong/events', async (request) => {
    const q = request.query;
    const limit = parseInteger('limit', q.limit, 1, 1000) ?? 100;
    const events = await ctx.evidence.query({
      platform: q.platform,
      agency: q.agency,
      systemId: q.systemId,
      since: parseSince(q.since),
      after: parseInteger('after', q.after, 0, Number.MAX_SAFE_INTEGER),
      limit,
    });
    const last = events.at(-1);
    return { events, next: events.length === limit && last ? last.seq : null, lastSeq: await ctx.evidence.lastSeq() };
  });

  // Server-sent events: each new exchange as it is logged. `Last-Event-ID` (or `after`) replays what a
  // reconnecting client missed first, so a live view never has a gap. Open streams end when the app closes.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });
  app.get<{ Querystring: Record<string, string | undefined> }>('/_lienthong/events/stream', async (request, reply) => {
    const q = request.query;
    const lastId = request.headers['last-event-id'];
    const after = parseInteger('after', typeof lastId === 'string' ? lastId : q.after, 0, Number.MAX_SAFE_INTEGER);
    const matches = (e: EvidenceEvent) =>
      (!q.platform || e.platform === q.platform) && (!q.agency || e.agency === q.agency) && (!q.systemId || e.systemId === q.systemId);
    reply.hijack();
    const raw = reply.raw;
    // `Connection: close`: once a stream ends its socket is closed, never left idle in keep-alive.
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'close' });
    let lastSent = after ?? 0;
    const write = (e: EvidenceEvent) => {
      lastSent = e.seq;
      raw.write(`id: ${e.seq}\nevent: exchange\ndata: ${JSON.stringify(e)}\n\n`);
    };
    // Replayed and held events may overlap: skip what was already sent.
    const send = (e: EvidenceEvent) => {
      if (e.seq > lastSent) write(e);
    };
    // Live events arrive in seq order, so a seq not above the last one sent means POST /_lienthong/reset
    // emptied the log and its sequence restarted (or the client's Last-Event-ID is from before a reset):
    // say so, so a viewer drops what it shows, and go on from the new sequence instead of going deaf.
    const sendLive = (e: EvidenceEvent) => {
      if (e.seq <= lastSent) raw.write(`event: reset\ndata: ${JSON.stringify({ reason: 'the evidence log was reset', lastSeq: lastSent })}\n\n`);
      write(e);
    };
    // Subscribe before replaying, so nothing logged meanwhile is lost; held back until the replay is done.
    let held: EvidenceEvent[] | null = [];
    const unsubscribe = ctx.evidence.subscribe((e) => {
      if (!matches(e)) return;
      if (held) held.push(e);
      else sendLive(e);
    });
    for (let cursor = after; cursor !== undefined; ) {
      const page = await ctx.evidence.query({ platform: q.platform, agency: q.agency, systemId: q.systemId, after: cursor, limit: 1000 });
      page.forEach(send);
      cursor = page.length === 1000 ? page.at(-1)!.seq : undefined;
    }
    held.forEach(send);
    held = null;
    raw.write(': connected\n\n');
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
    const end = () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(end);
      if (!raw.writableEnded) raw.end();
    };
    streams.add(end);
    raw.once('close', end);
  });

  app.get('/_lienthong/events/verify', async () => {
    await ctx.evidence.flush();
    const broken = await ctx.evidence.verifyChain();
    return { intact: broken === null, brokenAt: broken };
  });
};
