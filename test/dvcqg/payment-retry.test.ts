/**
 * Delivery of payment results: a persisted outbox, retried on a schedule until the agency acknowledges
 * (MaLoi "00"), failed after the last attempt, resumed after a restart, stopped when the app closes.
 * The schedule is shortened through the control plane so no test sleeps longer than it must.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EvidenceEvent } from '../../emulator/core/evidence.js';
import { virtualClock } from '../../emulator/core/clock.js';
import {
  complete,
  get,
  init,
  makeApp,
  ppPartner,
  setDelivery,
  startAgency,
  TEST_INSTANT,
  txn,
  waitFor,
  type Agency,
  type App,
} from './support/payment-kit.js';

const OK = { status: 200, body: { MaLoi: '00', MoTaLoi: 'Thành công' } };

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(answers: Parameters<typeof startAgency>[0]): Promise<{ app: App; agency: Agency }> {
  const app = await makeApp();
  const agency = await startAgency(answers);
  cleanups.push(() => agency.close(), () => app.close());
  return { app, agency };
}

describe('callback retries', () => {
  it('the agency fails twice (HTTP 500, then MaLoi 99) then acknowledges → exactly 3 attempts, delivered', async () => {
    const { app, agency } = await setup([{ status: 500, body: 'boom' }, { status: 200, body: { MaLoi: '99', MoTaLoi: 'Các lỗi khác' } }, OK]);
    const partner = await ppPartner(app, agency);
    await setDelivery(app, [40, 40, 40, 40], 1000);
    const { ref } = await init(app, partner);
    const first = await complete(app, ref, 'paid');
    expect(first.callback).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 500' });
    const done = await waitFor(async () => {
      const v = await txn(app, ref);
      return v.callback?.state === 'delivered' ? v : undefined;
    }, 5000, 'delivery');
    expect(done.callback!.attempts).toBe(3);
    expect(done.callback!.nextAttemptAt).toBeNull();
    expect(done.callback!.history.map((h) => [h.n, h.status, h.outcome])).toEqual([
      [1, 500, 'rejected'],
      [2, 200, 'rejected'],
      [3, 200, 'acknowledged'],
    ]);
    expect(done.callback!.history[1]!.detail).toContain('MaLoi "99"');
    // Three identical requests (the same signed body every time), and nothing after the acknowledgement.
    expect(agency.received).toHaveLength(3);
    expect(new Set(agency.received.map((r) => r.text)).size).toBe(1);
    await new Promise((r) => setTimeout(r, 150));
    expect(agency.received).toHaveLength(3);
    // Each attempt is an outbound exchange in the evidence log.
    const events = (await get(app, '/_lienthong/events?platform=dvcqg&limit=1000')).json().events as EvidenceEvent[];
    const outbound = events.filter((e) => e.operation === 'payment.callback');
    expect(outbound.map((e) => e.status)).toEqual([500, 200, 200]);
    expect(outbound[0]!.requestHeaders['x-lienthong-direction']).toBe('outbound');
    expect(outbound[2]!.verdicts[0]!.message).toContain('attempt 3 of at most 5');
  });

  it('an unparsable reply is a failure too', async () => {
    const { app, agency } = await setup([{ status: 200, body: '<html>ok</html>' }, OK]);
    const partner = await ppPartner(app, agency);
    await setDelivery(app, [30], 1000);
    const { ref } = await init(app, partner);
    await complete(app, ref, 'paid');
    const v = await waitFor(async () => {
      const t = await txn(app, ref);
      return t.callback?.state === 'delivered' ? t : undefined;
    }, 5000, 'delivery');
    expect(v.callback!.history[0]).toMatchObject({ outcome: 'rejected', detail: 'the reply is not a JSON object' });
    expect(v.callback!.attempts).toBe(2);
  });

  it('an agency that never answers → state failed after the whole schedule (1 + 2 attempts)', async () => {
    const { app, agency } = await setup(['hang']);
    const partner = await ppPartner(app, agency);
    await setDelivery(app, [20, 20], 150);
    const { ref } = await init(app, partner);
    const first = await complete(app, ref, 'paid');
    expect(first.callback).toMatchObject({ state: 'pending', attempts: 1 });
    expect(first.callback!.lastError).toContain('no reply within 150 ms');
    const failed = await waitFor(async () => {
      const v = await txn(app, ref);
      return v.callback?.state === 'failed' ? v : undefined;
    }, 5000, 'the last attempt');
    expect(failed.callback!.attempts).toBe(3);
    expect(failed.callback!.history.map((h) => h.outcome)).toEqual(['unreachable', 'unreachable', 'unreachable']);
    expect(failed.callback!.nextAttemptAt).toBeNull();
    expect(failed.state).toBe('paid'); // the payment stands; only its notification failed
    expect(agency.received).toHaveLength(3);

    // Once the agency is fixed, the result can be sent again by hand.
    agency.answers.splice(0, agency.answers.length, OK);
    const resent = (await app.inject({ method: 'POST', url: `/_lienthong/dvcqg/payment/transactions/${ref}/callback`, payload: {} })).json();
    expect(resent.callback).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(resent.callbacks).toHaveLength(2);
  });

  it('an unreachable agency (connection refused) counts as a failed attempt', async () => {
    const { app, agency } = await setup([OK]);
    const partner = await ppPartner(app, null, { callbackUrl: 'http://127.0.0.1:9/refused' });
    void agency;
    await setDelivery(app, [20], 500);
    const { ref } = await init(app, partner);
    await complete(app, ref, 'paid');
    const v = await waitFor(async () => {
      const t = await txn(app, ref);
      return t.callback?.state === 'failed' ? t : undefined;
    }, 5000, 'failure');
    expect(v.callback!.history).toHaveLength(2);
    expect(v.callback!.history[0]!.status).toBe(0);
  });

  it('closing the app stops the retries: no attempt after close', async () => {
    const app = await makeApp();
    const agency = await startAgency([{ status: 503, body: {} }]);
    cleanups.push(() => agency.close());
    const partner = await ppPartner(app, agency);
    await setDelivery(app, [100, 100, 100], 500);
    const { ref } = await init(app, partner);
    await complete(app, ref, 'paid');
    expect(agency.received).toHaveLength(1);
    await app.close();
    await new Promise((r) => setTimeout(r, 350));
    expect(agency.received).toHaveLength(1);
  });
});

describe('restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-pay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a pending callback survives a restart over the same SQLite file and is delivered by the new app', async () => {
    const file = join(dir, 'state.sqlite');
    const agency = await startAgency([{ status: 500, body: {} }]);
    cleanups.push(() => agency.close());

    const first = await makeApp({ data: file });
    const partner = await ppPartner(first, agency);
    await setDelivery(first, ['PT1M'], 1000);
    const { ref } = await init(first, partner);
    const v1 = await complete(first, ref, 'paid');
    expect(v1.callback).toMatchObject({ state: 'pending', attempts: 1 });
    const due = Date.parse(v1.callback!.nextAttemptAt!);
    expect(due - Date.parse(TEST_INSTANT)).toBeGreaterThanOrEqual(60_000);
    await first.close();
    expect(agency.received).toHaveLength(1);

    // The agency is fixed; the emulator comes back two minutes later (virtual clock), over the same file.
    agency.answers.splice(0, agency.answers.length, OK);
    const second = await makeApp({ data: file, clock: virtualClock(new Date(Date.parse(TEST_INSTANT) + 120_000)) });
    cleanups.push(() => second.close());
    const v2 = await waitFor(async () => {
      const v = await txn(second, ref);
      return v.callback?.state === 'delivered' ? v : undefined;
    }, 5000, 'the resumed delivery');
    expect(v2.callback!.attempts).toBe(2);
    expect(v2.callback!.history.map((h) => h.outcome)).toEqual(['rejected', 'acknowledged']);
    expect(agency.received).toHaveLength(2);
    expect(agency.received[1]!.text).toBe(agency.received[0]!.text);
    // The schedule was stored with the data.
    expect((await get(second, '/_lienthong/dvcqg/payment/settings')).json()).toMatchObject({ retryScheduleMs: [60_000], maxAttempts: 2, timeoutMs: 1000 });
  });
});
