import { act } from '../kit/dvcqg/actions.js';
import { visit } from '../kit/dvcqg/browser.js';
import { browserSignIn, ssoEvents, startLogin } from '../kit/dvcqg/sso.js';
import { WAIT_INPUT, waitMs } from '../kit/dvcqg/portal.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'dvcqg.sso.login',
  title: 'Signs a citizen in with DVCQG single sign-on',
  description:
    'The harness asks the SUT to start a sign-in with the portal\'s SSO (dvcqg.startSsoLogin) and checks the authorization request: the portal\'s /oauth2/authorize, response_type=code, scope openid, a client and redirect_uri registered on the portal (§A9). Playing the citizen\'s browser, it signs a test citizen in on the portal\'s login page and follows the portal back to the SUT\'s redirect_uri. The SUT must then exchange the code at the token endpoint with its client credentials and the same redirect_uri, read the A9 claims from userinfo with the access token, and sign in the right person: dvcqg.ssoSession for that sign-in must name the citizen\'s TechID and SoDinhDanh. The portal\'s own verdicts on the token and userinfo exchanges are read from the evidence log. On failure: the message names the step; a token request refused with invalid_grant usually means the redirect_uri differs from the authorization request\'s.',
  requirements: ['dvcqg.sso.flow'],
  role: 'motcua',
  platform: 'dvcqg',
  inputs: { ...WAIT_INPUT },
  async run(t) {
    const login = await startLogin(t, 'dvcqg.sso.flow');
    const { landed, citizen } = await browserSignIn(t, login, 'dvcqg.sso.flow');
    t.check('dvcqg.sso.flow', landed.searchParams.get('state') === login.state, { message: 'the portal returned another state than the SUT sent (the SUT\'s authorization URL was altered?)', expected: login.state, actual: landed.searchParams.get('state') });
    const page = await visit(landed);
    t.log(`the SUT answered its redirect_uri with HTTP ${page.status}`);

    const token = await t.waitFor('the SUT\'s token request', async () => (await ssoEvents(t, login.clientId)).find((e) => e.operation === 'sso.token'), { timeoutMs: waitMs(t), requirement: 'dvcqg.sso.flow' });
    const tokenErrors = token.verdicts.filter((v) => v.severity === 'error');
    t.check('dvcqg.sso.flow', token.status === 200 && tokenErrors.length === 0, {
      message: `the portal refused the SUT's code exchange: ${tokenErrors.map((v) => v.message).join('; ') || `HTTP ${token.status}`}`,
      expected: 'POST /token grant_type=authorization_code with the code, the same redirect_uri and the client\'s credentials → 200',
      actual: `HTTP ${token.status} ${token.responseBody?.slice(0, 200) ?? ''}`,
      evidence: [token.seq],
    });
    const userinfo = (await ssoEvents(t, login.clientId)).filter((e) => e.operation === 'sso.userinfo' && e.seq > token.seq);
    t.check('dvcqg.sso.flow', userinfo.some((e) => e.status === 200), {
      message: 'the SUT did not read the citizen\'s A9 claims from userinfo with the access token',
      expected: 'GET /userinfo with Authorization: Bearer <access_token> → 200',
      actual: userinfo.map((e) => `HTTP ${e.status}`).join(', ') || 'no userinfo request',
      evidence: [token.seq, ...userinfo.map((e) => e.seq)],
    });

    const s = await act(t, 'dvcqg.ssoSession', { state: login.state });
    t.check('dvcqg.sso.flow', s.signedIn === true && s.techId === citizen.techId && s.idNumber === citizen.idNumber, {
      message: s.signedIn === true ? 'the SUT signed in someone else than the citizen who authenticated on the portal' : `the SUT did not sign the citizen in${typeof s.error === 'string' ? `: ${s.error}` : ''}`,
      expected: { signedIn: true, techId: citizen.techId, idNumber: citizen.idNumber },
      actual: s,
      evidence: [token.seq, ...userinfo.map((e) => e.seq)],
    });
  },
});
