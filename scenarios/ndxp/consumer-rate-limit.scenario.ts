import { act } from '../kit/ndxp/actions.js';
import { LIMITED, judgeRetryAfter, limitedCalls, limitedConsumer } from '../kit/ndxp/limits.js';
import { sutMark } from '../kit/ndxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'ndxp.consumer.rate-limit',
  title: 'Waits out Retry-After when the rate limit is reached',
  description:
    'The harness gives the SUT\'s consumer a rate limit of 2 calls per second on the shared category service (dmdc/1.0) and asks the SUT to call GET /Category/magioitinh 5 times. The gateway answers the third call in a second 429 with Retry-After and nextAccessTime (WSO2 fault 900807). The SUT must not call again before that time: every call to a full window is throttled again with the same nextAccessTime, which the harness looks for. Waiting the second and going on is what a good client does. On failure: on 429 read Retry-After (seconds) or nextAccessTime and sleep at least that long before the next call; never retry a 429 at once.',
  requirements: ['ndxp.limits.retry-after'],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const { undo } = await limitedConsumer(t, 'rateLimit', () => ({ limit: 2, period: 'PT1S' }));
    try {
      const mark = await sutMark(t);
      const r = await act(t, 'ndxp.callApi', { api: LIMITED, resource: '/Category/magioitinh', times: 5 });
      const calls = await limitedCalls(t, mark);
      const throttled = calls.filter((e) => e.status === 429);
      t.log(`${calls.length} calls to ${LIMITED}, ${throttled.length} throttled; the SUT reports ${r.succeeded} done and ${r.throttled} throttled`);
      if (throttled.length === 0) t.log('no call was throttled: the SUT spaced its calls itself');
      judgeRetryAfter(t, calls);
    } finally {
      await undo();
    }
  },
});
