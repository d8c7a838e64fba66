/**
 * The token-renewal scenarios' common judgement: after the harness made the gateway refuse the SUT's token
 * (expired on the emulator clock, or revoked), a lookup must still succeed with a new token, and the SUT
 * must not go on calling with the refused one.
 */
import type { EvidenceEvent } from '../../../emulator/core/evidence.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';
import { act, described } from './actions.js';
import { apiCalls, faultOf, isToken, seqs, sutExchanges } from './sut.js';
import type { CitizenSample } from './world.js';

const REQ = 'ndxp.token.renew';

/**
 * A first lookup so the SUT holds a token. When it fails because the SUT still used a token the gateway
 * refuses (left expired or revoked by an earlier scenario) that is this rule broken; any other failure is
 * not what the scenario tests (a harness error pointing at ndxp.consumer.client-credentials).
 */
export async function warmUp(t: ScenarioContext, who: CitizenSample): Promise<void> {
  const r = await act(t, 'ndxp.lookupCitizen', { soDinhDanh: who.SoDinhDanh, hoVaTen: who.HoVaTen, ngaySinh: who.NgayThangNamSinh });
  if (r.outcome === 'found') return;
  const refused = apiCalls(await sutExchanges(t)).filter((e) => e.status === 401 && ['900901', '900903'].includes(faultOf(e)?.code ?? ''));
  t.require(REQ, refused.length === 0, {
    message: `the first lookup ended as ${described(r)}: the SUT called with a token the gateway refuses (${faultOf(refused[0]!)?.code}) and did not obtain a new one`,
    expected: 'a new token after 900901/900903, and the lookup found',
    actual: r.outcome,
    evidence: seqs(refused),
  });
  throw new HarnessError(`the first lookup, made so the SUT holds a token, ended as ${described(r)}; see ndxp.consumer.client-credentials`);
}

export async function judgeRenewal(t: ScenarioContext, mark: number, who: CitizenSample, refusal: { code: string; what: string }): Promise<void> {
  const r = await act(t, 'ndxp.lookupCitizen', { soDinhDanh: who.SoDinhDanh, hoVaTen: who.HoVaTen, ngaySinh: who.NgayThangNamSinh });
  const after = await sutExchanges(t, mark);
  const calls = apiCalls(after);
  const refused = calls.filter((e: EvidenceEvent) => e.status === 401 && faultOf(e)?.code === refusal.code);
  const tokens = after.filter((e) => isToken(e) && e.status === 200);
  t.check(REQ, r.outcome === 'found', {
    message: `after its token ${refusal.what} the lookup ended as ${described(r)}: the SUT did not obtain a new token and repeat the call`,
    expected: `found, after ${refusal.code === '900903' ? '900903 Access Token Expired' : '900901 Invalid Credentials'} a new token from POST /ndxp/token`,
    actual: { outcome: r.outcome, code: r.code ?? null, tokenRequests: tokens.length },
    evidence: seqs([...refused, ...tokens]),
  });
  t.check(REQ, refused.length <= 1, {
    message: `the SUT kept calling with its refused token: ${refused.length} calls answered ${refusal.code}`,
    expected: `at most one call refused with ${refusal.code}, then a new token`,
    actual: `${refused.length} refused calls`,
    evidence: seqs(refused),
  });
}
