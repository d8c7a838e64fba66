import { act } from '../kit/ndxp/actions.js';
import { apiCalls, faultOf, isToken, oauthErrorOf, sutExchanges } from '../kit/ndxp/sut.js';
import { citizens } from '../kit/ndxp/world.js';
import { defineScenario } from '../kit/types.js';

const REQ = 'ndxp.token.client-credentials';
/** WSO2's authentication faults on an API call (decision 010 §3). */
const AUTH_FAULTS = new Set(['900900', '900901', '900902', '900903']);

export const scenario = defineScenario({
  id: 'ndxp.consumer.client-credentials',
  title: 'Obtains a token with its client credentials and calls with Bearer',
  description:
    'The harness asks the SUT to look a citizen up in the population database through the gateway. Every token request the SUT makes must be accepted by the token endpoint (POST /ndxp/token with grant_type=client_credentials and the consumer key and secret: HTTP Basic as NGSP clients do, or the form or lgspaccesstoken forms of §B1), and every API call must carry a token the gateway accepts (no 900902 Missing Credentials, 900901 Invalid Credentials). On failure: read the token endpoint\'s error_description in the evidence (invalid_request names the field, e.g. a body that is not application/x-www-form-urlencoded) and configure the consumer key and secret the operator registered.',
  requirements: [REQ],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const [c] = await citizens(t, 100);
    await act(t, 'ndxp.lookupCitizen', { soDinhDanh: c!.SoDinhDanh, hoVaTen: c!.HoVaTen, ngaySinh: c!.NgayThangNamSinh });
    const exchanges = await sutExchanges(t);
    const tokens = exchanges.filter(isToken);
    if (tokens.length === 0) t.log('no token request in this scenario: the SUT used a token it already held');
    for (const e of tokens) {
      t.check(REQ, e.status === 200, {
        message: `the token endpoint refused the SUT's token request: ${oauthErrorOf(e)}`,
        expected: 'HTTP 200 with an access token (POST /ndxp/token, grant_type=client_credentials, the consumer key and secret)',
        actual: `HTTP ${e.status} ${oauthErrorOf(e)}`,
        evidence: [e.seq],
      });
    }
    const calls = apiCalls(exchanges);
    t.check(REQ, calls.length > 0, { message: 'no lookup reached the gateway: the SUT made no API call with a token', expected: 'a call to the population database with Authorization: Bearer', actual: 'no API call', evidence: tokens.map((e) => e.seq) });
    for (const e of calls) {
      const f = faultOf(e);
      const refused = e.status === 401 && f !== undefined && AUTH_FAULTS.has(f.code);
      t.check(REQ, !refused, {
        message: `the gateway refused the SUT's call to ${e.operation ?? e.path}: fault ${f?.code} ${f?.description}`,
        expected: 'a call carrying Authorization: Bearer <a token issued to the SUT>',
        actual: `HTTP ${e.status}, fault ${f?.code}`,
        evidence: [e.seq],
      });
    }
  },
});
