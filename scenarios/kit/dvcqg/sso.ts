/**
 * The SSO steps the scenarios share: have the SUT start a sign-in, judge its authorization request against
 * the relying party the SUT registered on the portal, and play the citizen's browser through the portal.
 */
import type { EvidenceEvent } from '../../../emulator/core/evidence.js';
import type { ScenarioContext } from '../types.js';
import { act } from './actions.js';
import { signInOnPortal, type Landing } from './browser.js';
import { testCitizen } from './portal.js';

interface Clients {
  clients: Array<{ clientId: string; redirectUris: string[] }>;
  endpoints: { authorization: string };
}

export interface StartedLogin {
  authorizationUrl: string;
  clientId: string;
  state: string;
  redirectUri: string;
}

/**
 * dvcqg.startSsoLogin, with the authorization request checked (`requirement`): the portal's authorize
 * endpoint, response_type=code, scope openid, a registered client and redirect_uri; and, under
 * `stateRequirement`, an unguessable state.
 */
export async function startLogin(t: ScenarioContext, requirement: string, stateRequirement?: string): Promise<StartedLogin> {
  const { authorizationUrl } = (await act(t, 'dvcqg.startSsoLogin')) as { authorizationUrl: string };
  const url = new URL(authorizationUrl);
  const q = url.searchParams;
  const { clients, endpoints } = await t.control<Clients>('GET', '/_lienthong/dvcqg/sso/clients');
  const clientId = q.get('client_id') ?? '';
  const client = clients.find((c) => c.clientId === clientId);
  const redirectUri = q.get('redirect_uri') ?? '';
  const detail = { expected: `${endpoints.authorization}?response_type=code&scope=openid&client_id=<registered>&redirect_uri=<registered>&state=<unguessable>`, actual: authorizationUrl };
  // The path is compared, not the host: the SUT may reach the emulator under another name (a container).
  t.check(requirement, url.pathname === new URL(endpoints.authorization).pathname, { message: 'the sign-in does not go to the portal\'s authorization endpoint', ...detail });
  t.check(requirement, q.get('response_type') === 'code', { message: `response_type is "${q.get('response_type') ?? ''}", not "code" (authorization code flow, §A9)`, ...detail });
  t.check(requirement, (q.get('scope') ?? '').split(' ').includes('openid'), { message: 'scope does not include openid', ...detail });
  t.check(requirement, !!client, { message: `client_id "${clientId}" is not a client registered on the portal`, ...detail });
  t.check(requirement, !!client && client.redirectUris.includes(redirectUri), { message: `redirect_uri "${redirectUri}" is not registered for ${clientId}`, ...detail });
  const state = q.get('state') ?? '';
  if (stateRequirement) t.check(stateRequirement, state.length >= 16, { message: `the sign-in carries ${state ? `a short state (${state.length} characters)` : 'no state'}: a callback cannot be bound to the browser that started it`, expected: 'state of at least 16 unguessable characters', actual: state });
  return { authorizationUrl, clientId, state, redirectUri };
}

/** Signs a test citizen in on the portal's page; fails `requirement` when the portal does not send the browser back. */
export async function browserSignIn(t: ScenarioContext, login: StartedLogin, requirement: string): Promise<{ landed: URL; citizen: Awaited<ReturnType<typeof testCitizen>> }> {
  const citizen = await testCitizen(t, 1);
  const out: Landing = await signInOnPortal(login.authorizationUrl, citizen.idNumber);
  const authorize = (await ssoEvents(t, login.clientId)).filter((e) => e.operation === 'sso.authorize');
  t.require(requirement, out.landed !== null, {
    message: `the portal did not send the browser back to the SUT: ${out.stoppedAt?.text ?? 'no redirect'}`,
    expected: `${login.redirectUri}?code=…&state=…`,
    actual: out.stoppedAt ? `HTTP ${out.stoppedAt.status} at ${out.stoppedAt.url}` : null,
    evidence: authorize.map((e) => e.seq),
  });
  t.log(`${citizen.name} (${citizen.idNumber}) signed in on the portal; back to ${out.landed!.origin}${out.landed!.pathname}`);
  return { landed: out.landed!, citizen };
}

/** The SSO exchanges of the SUT's client since the scenario started (authorize, token, userinfo, …). */
export async function ssoEvents(t: ScenarioContext, clientId: string): Promise<EvidenceEvent[]> {
  const events = await t.events({ platform: 'dvcqg' });
  return events.filter((e) => e.operation?.startsWith('sso.') && (e.systemId === clientId || (e.systemId === null && e.operation === 'sso.userinfo')));
}
