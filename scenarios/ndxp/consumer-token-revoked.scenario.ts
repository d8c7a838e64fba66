import { judgeRenewal, warmUp } from '../kit/ndxp/renewal.js';
import { sutConsumer, sutMark } from '../kit/ndxp/sut.js';
import { citizens } from '../kit/ndxp/world.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'ndxp.consumer.token-revoked',
  title: 'Obtains a new token when its token was revoked',
  description:
    'The SUT looks a citizen up (so it holds a token), then the harness revokes every token of the SUT\'s consumer through the control plane (as an operator does when keys are regenerated) and asks for another lookup. The gateway answers a call with the revoked token 401, fault 900901 Invalid Credentials: the SUT must obtain a new token with its unchanged client credentials and repeat the call, so the lookup succeeds. On failure: treat 900901 like 900903 — drop the cached token, ask POST /ndxp/token again and retry once.',
  requirements: ['ndxp.token.renew'],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const [a, b] = await citizens(t, 500, 2);
    await warmUp(t, a!);
    const consumer = await sutConsumer(t);
    const { revoked } = await t.control<{ revoked: number }>('POST', `/_lienthong/ndxp/consumers/${encodeURIComponent(consumer.clientId)}/revoke-tokens`);
    t.log(`revoked ${revoked} active token(s) of the SUT's consumer ${consumer.clientId}`);
    await judgeRenewal(t, await sutMark(t), b!, { code: '900901', what: 'was revoked' });
  },
});
