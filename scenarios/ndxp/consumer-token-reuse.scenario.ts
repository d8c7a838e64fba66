import { act } from '../kit/ndxp/actions.js';
import { apiCalls, isToken, seqs, sutExchanges } from '../kit/ndxp/sut.js';
import { citizens, enterprise } from '../kit/ndxp/world.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'ndxp.consumer.token-reuse',
  title: 'Reuses its token instead of asking for one per call',
  description:
    'The harness asks the SUT for three lookups in a row (a citizen, an enterprise, another citizen). Tokens live an hour on the gateway (WSO2\'s default, expires_in), so the SUT should ask the token endpoint at most once for the three: public LGSP clients keep the token and renew it shortly before it expires (§B1). On failure: cache the access token with its expiry and renew it a few minutes before, or when the gateway answers 900901/900903.',
  requirements: ['ndxp.token.reuse'],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const [a, b] = await citizens(t, 200, 2);
    const e = await enterprise(t, 300);
    await act(t, 'ndxp.lookupCitizen', { soDinhDanh: a!.SoDinhDanh, hoVaTen: a!.HoVaTen, ngaySinh: a!.NgayThangNamSinh });
    await act(t, 'ndxp.lookupEnterprise', { msdn: e.msdn });
    await act(t, 'ndxp.lookupCitizen', { soDinhDanh: b!.SoDinhDanh, hoVaTen: b!.HoVaTen, ngaySinh: b!.NgayThangNamSinh });
    const exchanges = await sutExchanges(t);
    const tokens = exchanges.filter(isToken);
    const calls = apiCalls(exchanges);
    t.log(`${calls.length} API calls, ${tokens.length} token requests`);
    t.check('ndxp.token.reuse', tokens.length <= 1, {
      message: `the SUT asked the token endpoint ${tokens.length} times for ${calls.length} API calls within a minute`,
      expected: 'at most one token request (the token is valid for an hour)',
      actual: `${tokens.length} token requests`,
      evidence: seqs(tokens),
    });
  },
});
