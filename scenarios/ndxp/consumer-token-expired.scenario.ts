import { setTimeout as sleep } from 'node:timers/promises';
import { act, described } from '../kit/ndxp/actions.js';
import { judgeRenewal, warmUp } from '../kit/ndxp/renewal.js';
import { patchConsumer, sutConsumer, sutMark } from '../kit/ndxp/sut.js';
import { citizens } from '../kit/ndxp/world.js';
import { HarnessError } from '../kit/errors.js';
import { defineScenario } from '../kit/types.js';

interface TokenRow {
  clientId: string;
  expiresAt: string;
  state: 'active' | 'revoked' | 'expired';
}

export const scenario = defineScenario({
  id: 'ndxp.consumer.token-expired',
  title: 'Obtains a new token when its token has expired',
  description:
    'The SUT looks a citizen up (so it holds a token), then the harness moves the emulator clock past that token\'s expiry (tokens are judged on the emulator clock; on a real-clock emulator the harness gives the consumer 3-second tokens and waits instead) and asks for another lookup. The gateway answers a call with the old token 401, fault 900903 Access Token Expired: the SUT must obtain a new token with its client credentials and repeat the call, so the lookup succeeds, and must not go on with the expired token. On failure: on 900903 (and 900901) drop the cached token, ask POST /ndxp/token again and retry the call once; or renew before expires_in runs out.',
  requirements: ['ndxp.token.renew'],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const [a, b] = await citizens(t, 400, 2);
    const lookup = (c: typeof a) => act(t, 'ndxp.lookupCitizen', { soDinhDanh: c!.SoDinhDanh, hoVaTen: c!.HoVaTen, ngaySinh: c!.NgayThangNamSinh });
    await warmUp(t, a!);
    const consumer = await sutConsumer(t);
    const clock = await t.control<{ mode: 'real' | 'virtual' }>('GET', '/_lienthong/clock');
    if (clock.mode === 'virtual') {
      const { tokens } = await t.control<{ tokens: TokenRow[] }>('GET', `/_lienthong/ndxp/tokens?clientId=${encodeURIComponent(consumer.clientId)}`);
      const active = tokens.filter((x) => x.state === 'active').map((x) => Date.parse(x.expiresAt));
      if (active.length === 0) throw new HarnessError(`the SUT's consumer ${consumer.clientId} holds no active token after a successful lookup`);
      const seconds = Math.ceil((Math.max(...active) - (await t.clock.now()).getTime()) / 1000) + 1;
      await t.clock.advance(`PT${seconds}S`);
      t.log(`moved the emulator clock ${seconds} s, past the expiry of the SUT's token`);
      await judgeRenewal(t, await sutMark(t), b!, { code: '900903', what: 'expired' });
      return;
    }
    // Real clock: short-lived tokens, obtained after a revocation, and a real wait.
    const undo = await patchConsumer(t, consumer.clientId, { tokenLifetimeSeconds: 3 });
    try {
      await t.control('POST', `/_lienthong/ndxp/consumers/${encodeURIComponent(consumer.clientId)}/revoke-tokens`);
      const again = await lookup(a);
      t.require('ndxp.token.renew', again.outcome === 'found', { message: `after its token was revoked the lookup ended as ${described(again)}`, expected: 'found with a new token', actual: again.outcome });
      await sleep(4_000);
      t.log('waited 4 s for the SUT\'s 3-second token to expire');
      await judgeRenewal(t, await sutMark(t), b!, { code: '900903', what: 'expired' });
    } finally {
      await undo();
    }
  },
});
