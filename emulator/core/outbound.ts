import type { EmulatorContext } from './context.js';
import type { Verdict } from './evidence.js';

/** One call the emulator makes to a system under test (the portal looking a dossier up, a payment callback). */
export interface OutboundRequest {
  platform: string;
  operation: string;
  agency?: string;
  url: string;
  method?: 'POST' | 'GET';
  headers?: Record<string, string>;
  /** Sent as JSON unless a string (sent as is, with the caller's Content-Type). */
  body?: unknown;
  timeoutMs?: number;
}

export interface OutboundResult {
  /** HTTP status, or 0 when no reply came (refused, timed out, DNS). */
  status: number;
  text: string;
  /** The parsed JSON body, or undefined when the reply was not JSON. */
  json: unknown;
  /** Why no usable reply came, for the caller's verdict and retry decision. */
  error?: string;
  durationMs: number;
}

/**
 * Calls the system under test and appends the exchange to the evidence log, whatever happens: the
 * harness judges the SUT's answers from the same log as its requests. `verdicts` may be a function that
 * judges the reply, so the judgement is recorded with the exchange itself. Never throws.
 */
export async function callSut(
  ctx: EmulatorContext,
  req: OutboundRequest,
  verdicts: Verdict[] | ((result: OutboundResult) => Verdict[]) = [],
): Promise<OutboundResult & { verdicts: Verdict[] }> {
  const method = req.method ?? 'POST';
  const payload = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = {
    ...(payload !== undefined && typeof req.body !== 'string' ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    accept: 'application/json',
    ...req.headers,
  };
  const started = process.hrtime.bigint();
  let result: OutboundResult;
  try {
    const res = await fetch(req.url, { method, headers, body: payload, signal: AbortSignal.timeout(req.timeoutMs ?? 10_000) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    result = { status: res.status, text, json, durationMs: Number(process.hrtime.bigint() - started) / 1e6 };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why = e.name === 'TimeoutError' ? `no reply within ${req.timeoutMs ?? 10_000} ms` : (e.cause?.code ?? e.message);
    result = { status: 0, text: '', json: undefined, error: why, durationMs: Number(process.hrtime.bigint() - started) / 1e6 };
  }
  const judged = typeof verdicts === 'function' ? verdicts(result) : verdicts;
  await ctx.evidence
    .append({
      at: ctx.clock.now(),
      platform: req.platform,
      operation: req.operation,
      agency: req.agency,
      method,
      path: req.url,
      status: result.status,
      durationMs: result.durationMs,
      requestHeaders: { ...headers, 'x-lienthong-direction': 'outbound' },
      requestBody: payload,
      responseBody: result.error ? `[no reply: ${result.error}]` : result.text,
      verdicts: judged,
    })
    .catch(() => undefined);
  return { ...result, verdicts: judged };
}
