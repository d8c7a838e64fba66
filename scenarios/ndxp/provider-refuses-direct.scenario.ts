import { publishedService } from '../kit/ndxp/provider.js';
import { HarnessError } from '../kit/errors.js';
import { defineScenario } from '../kit/types.js';

const REQ = 'ndxp.provider.gateway-only';

export const scenario = defineScenario({
  id: 'ndxp.provider.refuses-direct',
  title: 'Refuses calls that did not come through the gateway',
  description:
    'The harness reads the upstream URL of the SUT\'s published API from the gateway\'s registry and calls the service there directly, as something other than the gateway would: without the X-Consumer-Key and X-Consumer-Agency the gateway adds. The service must refuse (HTTP 401 or 403), since it cannot tell who is asking — providers behind NGSP refuse such callers (AUTHEN_ERROR, IP_DISALLOWED, §B1). The call does not pass through the emulator, so it has no evidence sequence number. When the harness cannot reach the service directly at all (it only accepts the gateway\'s address), the scenario is skipped. On failure: refuse requests that lack the gateway\'s consumer headers (or that come from another address than the gateway\'s).',
  requirements: [REQ],
  role: 'ndxp-provider',
  platform: 'ndxp',
  async run(t) {
    const { contract, entry } = await publishedService(t);
    if (!entry?.upstream) throw new HarnessError(`the SUT's API ${contract.context}/${contract.version} is not published with an upstream; see ndxp.provider.answers`);
    const ex = contract.examples.find((x) => x.expect.status >= 200 && x.expect.status < 300) ?? contract.examples[0]!;
    const url = `${entry.upstream}${ex.resource}`;
    let res: Response;
    try {
      res = await fetch(url, { method: ex.method ?? 'GET', ...(ex.body !== undefined ? { body: ex.body, headers: { 'content-type': ex.contentType ?? 'application/json' } } : {}), signal: AbortSignal.timeout(15_000) });
    } catch (err) {
      return t.skip(`the service at ${entry.upstream} cannot be reached from the harness (${(err as Error).message}): no direct call can be tried from here`);
    }
    const body = (await res.text()).slice(0, 300);
    t.log(`direct call ${ex.method ?? 'GET'} ${url} → HTTP ${res.status}`);
    t.check(REQ, res.status === 401 || res.status === 403, {
      message: `the service answered a direct call without the gateway's X-Consumer-Key / X-Consumer-Agency with HTTP ${res.status}`,
      expected: 'HTTP 401 or 403 (the caller did not come through the gateway)',
      actual: { status: res.status, body },
    });
  },
});
