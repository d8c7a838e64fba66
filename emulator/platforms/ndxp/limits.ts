import { sql } from 'kysely';
import { parseDuration } from '../../core/clock.js';
import type { NdxpDb } from './store.js';

/** A quota or rate limit: at most `limit` calls per `period` (ISO 8601 duration, e.g. P1D, PT1M, PT1S). */
export interface Limit {
  limit: number;
  period: string;
}

export type LimitKind = 'quota' | 'rate';

export type LimitOutcome = { ok: true; used: number } | { ok: false; resetAt: Date; retryAfterSeconds: number };

// Windows are aligned to Vietnam time, so a P1D quota resets at local midnight as an operator expects.
const VN_OFFSET_MS = 7 * 3600 * 1000;

export function windowOf(now: Date, period: string): { start: Date; end: Date } {
  const ms = parseDuration(period);
  const start = Math.floor((now.getTime() + VN_OFFSET_MS) / ms) * ms - VN_OFFSET_MS;
  return { start: new Date(start), end: new Date(start + ms) };
}

/**
 * Counts one call against a fixed window, in the store (not in memory) so several emulator processes over
 * one store share the count. The increment is conditional: a refused call does not use up the quota.
 */
export async function consume(db: NdxpDb, now: Date, clientId: string, api: string, kind: LimitKind, limit: Limit): Promise<LimitOutcome> {
  const w = windowOf(now, limit.period);
  const row = await db
    .insertInto('ndxp_usage')
    .values({ client_id: clientId, api, kind, window_start: w.start.toISOString(), count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['client_id', 'api', 'kind', 'window_start'])
        .doUpdateSet({ count: sql`ndxp_usage.count + 1` })
        .where('ndxp_usage.count', '<', limit.limit),
    )
    .returning('count')
    .executeTakeFirst();
  if (row) return { ok: true, used: row.count };
  return { ok: false, resetAt: w.end, retryAfterSeconds: Math.max(1, Math.ceil((w.end.getTime() - now.getTime()) / 1000)) };
}

/** Usage rows for inspection (`GET /_lienthong/ndxp/usage`), newest windows first. */
export async function usageOf(db: NdxpDb, clientId?: string) {
  let q = db.selectFrom('ndxp_usage').selectAll().orderBy('window_start', 'desc').limit(500);
  if (clientId) q = q.where('client_id', '=', clientId);
  const rows = await q.execute();
  return rows.map((r) => ({ clientId: r.client_id, api: r.api, kind: r.kind, windowStart: r.window_start, count: r.count }));
}
