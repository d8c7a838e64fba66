import { randomBytes } from 'node:crypto';
import { act } from '../kit/dvcqg/actions.js';
import { visit } from '../kit/dvcqg/browser.js';
import { browserSignIn, ssoEvents, startLogin } from '../kit/dvcqg/sso.js';
import { WAIT_INPUT } from '../kit/dvcqg/portal.js';
import { defineScenario } from '../kit/types.js';

/** How long the SUT is given to act on the forged callback after answering it (it may work in the background). */
const SETTLE_MS = 750;

export const scenario = defineScenario({
  id: 'dvcqg.sso.forged-state',
  title: 'Refuses an SSO callback whose state it did not issue',
  description:
    'The harness asks the SUT to start a sign-in; the authorization request must carry an unguessable state (at least 16 characters). A test citizen signs in on the portal, but the browser returns to the SUT\'s redirect_uri with a state the SUT never issued, as a login-CSRF attacker\'s page would (RFC 6749 §10.12). The SUT must not exchange that code: no token request of its client may reach the portal after the forged callback, and nobody may be signed in through either state. On failure: keep the states you issue and compare the callback\'s state before using its code.',
  requirements: ['dvcqg.sso.state'],
  role: 'motcua',
  platform: 'dvcqg',
  inputs: { ...WAIT_INPUT },
  async run(t) {
    const login = await startLogin(t, 'dvcqg.sso.state', 'dvcqg.sso.state');
    const { landed } = await browserSignIn(t, login, 'dvcqg.sso.state');
    const forged = randomBytes(18).toString('base64url');
    landed.searchParams.set('state', forged);
    const before = (await ssoEvents(t, login.clientId)).at(-1)?.seq ?? 0;
    const page = await visit(landed);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const after = (await ssoEvents(t, login.clientId)).filter((e) => e.seq > before && (e.operation === 'sso.token' || e.operation === 'sso.userinfo'));
    t.check('dvcqg.sso.state', after.length === 0, {
      message: `the SUT exchanged the code of a callback with a state it never issued (it answered HTTP ${page.status})`,
      expected: 'no token request after the forged callback',
      actual: after.map((e) => `${e.operation} HTTP ${e.status}`).join(', '),
      evidence: after.map((e) => e.seq),
    });
    for (const state of [forged, login.state]) {
      const s = await act(t, 'dvcqg.ssoSession', { state });
      t.check('dvcqg.sso.state', s.signedIn !== true, {
        message: `someone is signed in through the ${state === forged ? 'forged' : 'unfinished'} sign-in`,
        expected: { signedIn: false },
        actual: s,
        evidence: after.map((e) => e.seq),
      });
    }
    t.log(`forged callback answered with HTTP ${page.status}; no code exchange`);
  },
});
