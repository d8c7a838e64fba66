import { setTimeout as sleep } from 'node:timers/promises';
import { windowOf } from '../../emulator/platforms/ndxp/limits.js';
import { act } from '../kit/ndxp/actions.js';
import { LIMITED, judgeRetryAfter, limitedCalls, limitedConsumer } from '../kit/ndxp/limits.js';
import { faultOf, sutMark } from '../kit/ndxp/sut.js';
import { defineScenario } from '../kit/types.js';

interface UsageRow {
  api: string;
  kind: 'quota' | 'rate';
  windowStart: string;
  count: number;
}

export const scenario = defineScenario({
  id: 'ndxp.consumer.quota',
  title: 'Stops at the daily quota and tells its user when it resets',
  description:
    'The harness leaves the SUT\'s consumer 2 more calls of its daily quota on the shared category service (dmdc/1.0) and asks the SUT to call GET /Category/madantoc 4 times. The third call is answered 429, fault 900804, with a Retry-After of many hours (the quota resets at midnight, Vietnam time) and nextAccessTime. The SUT must stop: no further call to that API before nextAccessTime (every one would be throttled again with the same nextAccessTime), and it must report the calls it could not make as throttled, with the wait or the time the gateway gave, and report exactly the calls that succeeded. On failure: on 429 with a long Retry-After, do not retry in a loop and do not block the user for hours; tell them when the service can be used again.',
  requirements: ['ndxp.limits.retry-after', 'ndxp.fault.report'],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const { undo } = await limitedConsumer(t, 'quota', async (consumer) => {
      // Calls already counted in today's window (an earlier run against this emulator) stay counted.
      const { usage } = await t.control<{ usage: UsageRow[] }>('GET', `/_lienthong/ndxp/usage?clientId=${encodeURIComponent(consumer.clientId)}`);
      const start = windowOf(await t.clock.now(), 'P1D').start.toISOString();
      const used = usage.find((u) => u.api === LIMITED && u.kind === 'quota' && u.windowStart === start)?.count ?? 0;
      return { limit: used + 2, period: 'P1D' };
    });
    try {
      const mark = await sutMark(t);
      const r = await act(t, 'ndxp.callApi', { api: LIMITED, resource: '/Category/madantoc', times: 4 });
      // A client that retries in the background would do so within moments.
      await sleep(1_000);
      const calls = await limitedCalls(t, mark);
      const ok = calls.filter((e) => e.status === 200);
      const throttled = calls.filter((e) => e.status === 429);
      t.log(`${calls.length} calls to ${LIMITED}: ${ok.length} answered, ${throttled.length} throttled`);
      judgeRetryAfter(t, calls);
      const evidence = calls.map((e) => e.seq);
      t.check('ndxp.fault.report', r.succeeded === ok.length, {
        message: `the SUT reports ${r.succeeded} calls done, but the gateway answered ${ok.length}`,
        expected: ok.length,
        actual: r.succeeded,
        evidence,
      });
      if (throttled.length === 0) {
        t.log('no call was throttled: the quota was not reached (the SUT made fewer calls than asked)');
        return;
      }
      const next = faultOf(throttled[0]!)?.nextAccessTime;
      const notDone = r.calls.slice(ok.length);
      t.check('ndxp.fault.report', notDone.length > 0 && notDone.every((c) => c.outcome === 'throttled'), {
        message: `the calls beyond the quota are reported as ${JSON.stringify(notDone.map((c) => c.outcome))}, not as throttled`,
        expected: `${4 - ok.length} calls reported "throttled"`,
        actual: notDone.map((c) => c.outcome),
        evidence: throttled.map((e) => e.seq),
      });
      const told = [r, ...r.calls].some((c) => (c.retryAfterSeconds ?? 0) > 0 || !!c.nextAccessTime);
      t.check('ndxp.fault.report', told, {
        message: 'the SUT does not tell when the service can be used again (no retryAfterSeconds or nextAccessTime in its answer)',
        expected: `the wait (Retry-After) or the time the gateway gave (${next ?? 'nextAccessTime'})`,
        actual: null,
        evidence: throttled.map((e) => e.seq),
      });
    } finally {
      await undo();
    }
  },
});
