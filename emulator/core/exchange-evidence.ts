import type { FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context.js';

/**
 * Appends the exchange a request noted (`request.exchange`) to the evidence log, once: the note is taken,
 * so the core's onResponse and the fault hook (which records replies that were never sent) cannot both log
 * it. A failed append is logged, never thrown: evidence must not fail the exchange it describes.
 */
export async function recordExchange(ctx: EmulatorContext, request: FastifyRequest, status: number, responseBody: string | undefined): Promise<void> {
  const note = request.exchange;
  if (!note) return;
  request.exchange = null;
  await ctx.evidence
    .append({
      at: ctx.clock.now(),
      platform: note.platform,
      operation: note.operation,
      agency: note.agency,
      systemId: note.systemId,
      method: request.method,
      path: request.url,
      status,
      durationMs: Number(process.hrtime.bigint() - request.startedAtNs) / 1e6,
      requestHeaders: request.headers,
      requestBody: Buffer.isBuffer(request.body) ? request.body : request.body === undefined ? undefined : JSON.stringify(request.body),
      responseBody,
      verdicts: note.verdicts,
    })
    .catch((err: unknown) => request.log.error({ err }, 'evidence append failed'));
}
