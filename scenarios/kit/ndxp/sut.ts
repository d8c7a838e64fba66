/**
 * What the SUT did on the NDXP/LGSP gateway, read from the evidence log: its token requests and API calls
 * (every `ndxp` exchange not made by one of the harness's own consumers), the gateway's faults as a client
 * reads them (WSO2 JSON or XML), and the SUT's consumer application with set-up that scenarios undo.
 */
import type { EvidenceEvent } from '../../../emulator/core/evidence.js';
import { childNamed, parseXml } from '../../../emulator/platforms/ndxp/population/wire/xml.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';

/** Consumers the harness creates for itself (provider scenarios) start with this, so they are never the SUT. */
export const HARNESS_CLIENT_PREFIX = 'lienthong-harness-';

export interface Limit {
  limit: number;
  period: string;
}

export interface ConsumerView {
  clientId: string;
  agency: string;
  apis: string[];
  quota: Limit | null;
  rateLimit: Limit | null;
  tokenLifetimeSeconds: number;
}

const isHarness = (systemId: string | null) => (systemId ?? '').startsWith(HARNESS_CLIENT_PREFIX);

/** The SUT's gateway exchanges since the scenario started (or after `afterSeq`), oldest first. */
export async function sutExchanges(t: ScenarioContext, afterSeq = 0): Promise<EvidenceEvent[]> {
  return (await t.events({ platform: 'ndxp' })).filter((e) => !isHarness(e.systemId) && e.seq > afterSeq);
}

/** The newest sequence number among the SUT's exchanges so far (0 when none): a mark to judge what follows. */
export async function sutMark(t: ScenarioContext): Promise<number> {
  return (await t.events()).at(-1)?.seq ?? 0;
}

export const isToken = (e: EvidenceEvent): boolean => e.operation === 'token' || /^\/ndxp\/(token|oauth2\/token|getToken)(\?|$)/.test(e.path);
const isRevoke = (e: EvidenceEvent): boolean => e.operation === 'revoke';

/** The API context an exchange addressed: the first path segment after /ndxp/. */
export const contextOf = (e: EvidenceEvent): string => (/^\/ndxp\/([^/?]+)/.exec(e.path)?.[1] ?? '');

/** API calls (not token requests), optionally only those to one context (`apiCSDLDC`, `dmdc`, …). */
export function apiCalls(events: EvidenceEvent[], context?: string): EvidenceEvent[] {
  return events.filter((e) => !isToken(e) && !isRevoke(e) && (context === undefined || contextOf(e) === context));
}

export interface GatewayFault {
  code: string;
  description: string;
  nextAccessTime?: string;
}

/** The gateway's fault in an exchange's reply, as a client reads it (JSON `fault` or XML `<ams:fault>`). */
export function faultOf(e: EvidenceEvent): GatewayFault | undefined {
  const body = e.responseBody ?? '';
  if (body.startsWith('{')) {
    try {
      const f = (JSON.parse(body) as { fault?: { code?: unknown; description?: unknown; nextAccessTime?: unknown } }).fault;
      if (!f) return undefined;
      return { code: String(f.code), description: String(f.description ?? ''), ...(typeof f.nextAccessTime === 'string' ? { nextAccessTime: f.nextAccessTime } : {}) };
    } catch {
      return undefined;
    }
  }
  if (body.startsWith('<ams:fault')) {
    try {
      const root = parseXml(Buffer.from(body, 'utf8')).documentElement;
      if (!root) return undefined;
      const text = (n: string) => childNamed(root, n)?.textContent ?? undefined;
      const next = text('nextAccessTime');
      return { code: text('code') ?? '', description: text('description') ?? '', ...(next ? { nextAccessTime: next } : {}) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** RFC 6749 error of a token request (`invalid_client: …`). */
export function oauthErrorOf(e: EvidenceEvent): string {
  try {
    const b = JSON.parse(e.responseBody ?? '') as { error?: string; error_description?: string };
    return b.error ? `${b.error}: ${b.error_description ?? ''}` : `HTTP ${e.status}`;
  } catch {
    return `HTTP ${e.status}`;
  }
}

export const seqs = (events: EvidenceEvent[]): number[] => events.map((e) => e.seq);

async function consumerById(t: ScenarioContext, clientId: string): Promise<ConsumerView> {
  return t.control<ConsumerView>('GET', `/_lienthong/ndxp/consumers/${encodeURIComponent(clientId)}`);
}

/**
 * The SUT's consumer application: the one its exchanges in this scenario name, else the only consumer
 * registered for its agency; when neither tells, `warmUp` (an action the SUT does through the gateway) is
 * run first and its exchanges looked at.
 */
export async function sutConsumer(t: ScenarioContext, warmUp?: () => Promise<unknown>): Promise<ConsumerView> {
  const seen = async () => [...new Set((await sutExchanges(t)).map((e) => e.systemId).filter((s): s is string => !!s))];
  let ids = await seen();
  if (ids.length === 0) {
    const { consumers } = await t.control<{ consumers: ConsumerView[] }>('GET', `/_lienthong/ndxp/consumers?agency=${encodeURIComponent(t.sut.agency)}`);
    const own = consumers.filter((c) => !isHarness(c.clientId));
    if (own.length === 1) return own[0]!;
    if (warmUp) {
      await warmUp();
      ids = await seen();
    }
  }
  if (ids.length !== 1) {
    throw new HarnessError(
      ids.length === 0
        ? `cannot tell the SUT's NDXP consumer: no gateway exchange of it was seen and agency ${t.sut.agency} has no single consumer application (GET /_lienthong/ndxp/consumers?agency=${t.sut.agency})`
        : `the SUT used several NDXP consumers (${ids.join(', ')}); the scenario needs one`,
    );
  }
  return consumerById(t, ids[0]!);
}

/**
 * Changes the SUT's consumer for the scenario (a limit, a subscription) and answers the undo, which puts
 * back exactly the fields changed.
 */
export async function patchConsumer(t: ScenarioContext, clientId: string, patch: Partial<Pick<ConsumerView, 'apis' | 'quota' | 'rateLimit' | 'tokenLifetimeSeconds'>>): Promise<() => Promise<void>> {
  const before = await consumerById(t, clientId);
  await t.control('PATCH', `/_lienthong/ndxp/consumers/${encodeURIComponent(clientId)}`, patch);
  const undo = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof ConsumerView]]));
  return async () => {
    await t.control('PATCH', `/_lienthong/ndxp/consumers/${encodeURIComponent(clientId)}`, undo);
  };
}

/** Subscribes the SUT's consumer to `context/version` for the scenario when it is not already. */
export async function ensureSubscribed(t: ScenarioContext, consumer: ConsumerView, context: string, version: string): Promise<() => Promise<void>> {
  if (consumer.apis.includes(context) || consumer.apis.includes(`${context}/${version}`)) return async () => {};
  t.log(`subscribed the SUT's consumer ${consumer.clientId} to ${context}/${version} for this scenario`);
  return patchConsumer(t, consumer.clientId, { apis: [...consumer.apis, `${context}/${version}`] });
}

/** `PUT` on the control plane (population licences), which `t.control` does not offer. */
export async function controlPut(t: ScenarioContext, path: string, body: unknown): Promise<void> {
  let res: Response;
  try {
    res = await fetch(new URL(path, t.emulatorUrl), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new HarnessError(`cannot reach the emulator at ${t.emulatorUrl} (${(err as Error).message})`);
  }
  if (!res.ok) throw new HarnessError(`emulator PUT ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

/** `2026-11-24 10:00:00+0000 UTC` (WSO2's nextAccessTime) → a Date. */
export function parseNextAccessTime(s: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\+0000 UTC$/.exec(s.trim());
  const d = m ? new Date(`${m[1]}T${m[2]}Z`) : new Date(s);
  return Number.isFinite(d.getTime()) ? d : undefined;
}

/**
 * Calls made before the time a 429 gave. Every call to a full window is throttled again with the same
 * nextAccessTime, so two 429s carrying one nextAccessTime prove a call before it; each such group is
 * answered with its throttled calls.
 */
export function earlyRetries(events: EvidenceEvent[]): { nextAccessTime: string; calls: EvidenceEvent[] }[] {
  const groups = new Map<string, EvidenceEvent[]>();
  for (const e of events) {
    if (e.status !== 429) continue;
    const next = faultOf(e)?.nextAccessTime;
    if (!next) continue;
    const key = `${contextOf(e)} ${next}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()].filter(([, calls]) => calls.length > 1).map(([key, calls]) => ({ nextAccessTime: key.slice(key.indexOf(' ') + 1), calls }));
}
