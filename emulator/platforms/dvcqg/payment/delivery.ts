import type { EmulatorContext } from '../../../core/context.js';
import { callSut, type OutboundResult } from '../../../core/outbound.js';
import type { Channel, PaymentDb, PaymentTables } from './store.js';

/**
 * Delivery of payment results to agencies (the callbacks of A10), through a persisted outbox: a result is
 * written before the first attempt, every attempt is recorded, and pending rows survive a restart. The
 * real platform's retry policy is [NF]; ours is documented in docs/decisions/009-dvcqg-payments.md §4.
 */

export interface DeliverySettings {
  /** Delay before attempt 2, 3, …; attempts = delays + 1. */
  retryScheduleMs: number[];
  /** How long one attempt waits for the agency's reply. */
  timeoutMs: number;
}

/** 10 s, 1 min, 5 min, 30 min, 2 h: six attempts over about 2 h 36 min. */
export const DEFAULT_DELIVERY: DeliverySettings = {
  retryScheduleMs: [10_000, 60_000, 300_000, 1_800_000, 7_200_000],
  timeoutMs: 10_000,
};

const SETTINGS_KEY = 'delivery';

/** Settings are stored, so a restarted emulator (or a second process on the same store) uses the same schedule. */
export async function loadDeliverySettings(db: PaymentDb): Promise<DeliverySettings> {
  const row = await db.selectFrom('dvcqg_pay_settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_DELIVERY;
  const stored = JSON.parse(row.value) as Partial<DeliverySettings>;
  return { ...DEFAULT_DELIVERY, ...stored };
}

export async function saveDeliverySettings(db: PaymentDb, s: DeliverySettings): Promise<void> {
  const value = JSON.stringify(s);
  await db
    .insertInto('dvcqg_pay_settings')
    .values({ key: SETTINGS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export interface AttemptResult {
  n: number;
  acknowledged: boolean;
  state: 'pending' | 'delivered' | 'failed';
  detail: string;
}

/** Longest sleep between passes while rows are pending: picks up virtual-clock jumps and expired leases. */
const POLL_MS = 1000;
/** Extra lease beyond the attempt timeout before another pass may take a row over. */
const LEASE_SLACK_MS = 5000;
/** How long closing the app waits for attempts in flight before letting them go (they are resent later). */
const CLOSE_WAIT_MS = 1000;

const iso = (ms: number) => new Date(ms).toISOString();

/** Judges the agency's reply: only an explicit acknowledgement stops the retries. */
export function judgeReply(channel: Channel, r: OutboundResult): { ok: boolean; outcome: 'acknowledged' | 'rejected' | 'unreachable'; detail: string } {
  if (r.status === 0) return { ok: false, outcome: 'unreachable', detail: `no reply: ${r.error ?? 'unknown'}` };
  if (r.status < 200 || r.status > 299) return { ok: false, outcome: 'rejected', detail: `HTTP ${r.status}` };
  const json = r.json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, outcome: 'rejected', detail: 'the reply is not a JSON object' };
  const reply = json as Record<string, unknown>;
  if (channel === 'ppdvcqg') {
    // A10a: the agency answers MaLoi "00" (taken) or "99".
    if (reply.MaLoi === '00') return { ok: true, outcome: 'acknowledged', detail: 'MaLoi "00"' };
    return { ok: false, outcome: 'rejected', detail: `MaLoi ${JSON.stringify(reply.MaLoi)}${typeof reply.MoTaLoi === 'string' ? ` (${reply.MoTaLoi})` : ''}, expected "00"` };
  }
  // A10b: the agency answers error_code SUCCESSFUL or FAILED.
  if (reply.error_code === 'SUCCESSFUL') return { ok: true, outcome: 'acknowledged', detail: 'error_code SUCCESSFUL' };
  return { ok: false, outcome: 'rejected', detail: `error_code ${JSON.stringify(reply.error_code)}${typeof reply.error_message === 'string' ? ` (${reply.error_message})` : ''}, expected "SUCCESSFUL"` };
}

/**
 * Sends due callbacks. One timer at a time, unref'd so it never keeps the process alive; stopped before the
 * store closes. Rows are leased before an attempt, so two passes (or two processes) never send the same one.
 */
export class CallbackDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private stopped = false;
  private passing = false;
  private again = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly ctx: EmulatorContext) {}

  private get db(): PaymentDb {
    return this.ctx.store.db<PaymentTables>();
  }

  start(): void {
    this.stopped = false;
    this.wake(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight.size === 0) return;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => {
        timeout = setTimeout(resolve, CLOSE_WAIT_MS);
        timeout.unref();
      }),
    ]);
    if (timeout) clearTimeout(timeout);
  }

  /** Runs a pass after `delayMs` unless one is already due sooner. */
  wake(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.pass();
    }, Math.max(0, delayMs));
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = true;
    try {
      do {
        this.again = false;
        const now = iso(this.ctx.clock.now().getTime());
        const due = await this.db
          .selectFrom('dvcqg_pay_callbacks')
          .select('id')
          .where('state', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
          .orderBy('next_attempt_at')
          .limit(50)
          .execute();
        await Promise.all(due.map((r) => this.attempt(r.id)));
      } while (this.again && !this.stopped);
      if (this.stopped) return;
      const now = this.ctx.clock.now().getTime();
      // Rows leased by an attempt in flight reschedule themselves when it ends; rows leased by a process
      // that died are taken over once the lease expires (hence the poll while anything is pending).
      const next = await this.db
        .selectFrom('dvcqg_pay_callbacks')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso(now))]))
        .executeTakeFirst();
      const leased = await this.db
        .selectFrom('dvcqg_pay_callbacks')
        .select('id')
        .where('state', '=', 'pending')
        .where('locked_until', '>=', iso(now))
        .limit(1)
        .executeTakeFirst();
      if (next?.next) this.wake(Math.min(POLL_MS, Date.parse(next.next) - now));
      else if (leased) this.wake(POLL_MS);
    } catch {
      // The store may be closing, or busy: try again later rather than lose a pending row.
      this.wake(POLL_MS);
    } finally {
      this.passing = false;
    }
  }

  /**
   * One attempt of one callback, if it can be leased (or `leased` says the caller already holds it). Resolves
   * when the attempt is recorded; undefined when another pass holds it or the dispatcher is stopped.
   */
  attempt(id: number, leased = false): Promise<AttemptResult | undefined> {
    const task = this.runAttempt(id, leased);
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task)).catch(() => undefined);
    return task;
  }

  private async runAttempt(id: number, leased: boolean): Promise<AttemptResult | undefined> {
    if (this.stopped) return undefined;
    const settings = await loadDeliverySettings(this.db);
    const started = this.ctx.clock.now().getTime();
    if (!leased) {
      const claimed = await this.db
        .updateTable('dvcqg_pay_callbacks')
        .set({ locked_until: iso(started + settings.timeoutMs + LEASE_SLACK_MS) })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso(started))]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return undefined;
    }
    const row = await this.db.selectFrom('dvcqg_pay_callbacks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const txn = await this.db.selectFrom('dvcqg_pay_transactions').select(['channel', 'agency', 'merchant_ref']).where('ref', '=', row.ref).executeTakeFirst();
    if (!txn) return undefined;
    const n = row.attempts + 1;
    const total = settings.retryScheduleMs.length + 1;
    const result = await callSut(
      this.ctx,
      {
        platform: 'dvcqg',
        operation: txn.channel === 'paygov' ? 'paygov.callback' : 'payment.callback',
        agency: txn.agency,
        url: row.url,
        body: row.body,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        timeoutMs: settings.timeoutMs,
      },
      // callSut logs before we can judge the reply: the verdict on the reply is kept in the attempt row.
      [{ code: 'DVCQG_PAY_CALLBACK_ATTEMPT', severity: 'info', message: `payment result for ${txn.merchant_ref}: attempt ${n} of at most ${total}` }],
    );
    if (this.stopped) return undefined; // the store may be closed; the lease expires and the row is resent later
    const judged = judgeReply(txn.channel, result);
    const at = this.ctx.clock.now().getTime();
    const state = judged.ok ? 'delivered' : n >= total ? 'failed' : 'pending';
    const delay = settings.retryScheduleMs[n - 1] ?? 0;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('dvcqg_pay_callback_attempts')
        .values({
          callback_id: id,
          n,
          at: iso(at),
          status: result.status,
          outcome: judged.outcome,
          detail: judged.detail,
          duration_ms: Math.round(result.durationMs * 1000) / 1000,
          reply: result.error ? null : result.text.slice(0, 4096),
        })
        .execute();
      await trx
        .updateTable('dvcqg_pay_callbacks')
        .set({
          state,
          attempts: n,
          next_attempt_at: state === 'pending' ? iso(at + delay) : null,
          locked_until: null,
          last_error: judged.ok ? null : judged.detail,
          updated_at: iso(at),
        })
        .where('id', '=', id)
        .execute();
    });
    if (state === 'pending') this.wake(delay);
    return { n, acknowledged: judged.ok, state, detail: judged.detail };
  }

  /** Writes a new outbox row already leased by this process, so its first attempt is ours to make. */
  async enqueue(ref: string, url: string, body: string): Promise<number> {
    const settings = await loadDeliverySettings(this.db);
    const now = this.ctx.clock.now().getTime();
    const row = await this.db
      .insertInto('dvcqg_pay_callbacks')
      .values({
        ref,
        url,
        body,
        state: 'pending',
        attempts: 0,
        next_attempt_at: iso(now),
        locked_until: iso(now + settings.timeoutMs + LEASE_SLACK_MS),
        last_error: null,
        created_at: iso(now),
        updated_at: iso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }
}
