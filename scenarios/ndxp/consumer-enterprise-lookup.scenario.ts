import { act, described } from '../kit/ndxp/actions.js';
import { judgeEnterpriseLookup, listed } from '../kit/ndxp/requests.js';
import { apiCalls, seqs, sutExchanges } from '../kit/ndxp/sut.js';
import { enterprise } from '../kit/ndxp/world.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'ndxp.consumer.enterprise-lookup',
  title: 'Looks an enterprise up in the business registry with a correct request',
  description:
    'The harness picks an enterprise of the emulator\'s world and asks the SUT to look it up by its enterprise code. Every call that reaches the business registry (apiCSDLDKDN) must be GET …/chiTietDoanhNghiep with the parameter msdn (the registry\'s name, read strictly: not MSDN, not Msdn) set to exactly that code, and carry no warning from the emulator. The SUT\'s answer must be the enterprise the registry returned (code, NAME, ENTERPRISE_STATUS). On failure: compare the request with specs/dvcqg-ndxp.md §B4 and docs/decisions/012-business-registration.md.',
  requirements: ['ndxp.business.request', 'ndxp.lookup.reply'],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const e = await enterprise(t, 700);
    const r = await act(t, 'ndxp.lookupEnterprise', { msdn: e.msdn });
    const calls = apiCalls(await sutExchanges(t), 'apiCSDLDKDN');
    t.require('ndxp.business.request', calls.length > 0, { message: 'no lookup reached the business registry (apiCSDLDKDN) through the gateway', expected: 'a chiTietDoanhNghiep call', actual: `the SUT answered ${described(r)} without calling` });
    for (const call of calls) {
      if (call.status === 401) continue;
      const problems = judgeEnterpriseLookup(call, e.msdn);
      t.check('ndxp.business.request', problems.length === 0, { message: `the lookup request is not what the registry expects: ${listed(problems)}`, expected: `GET /apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=${e.msdn}`, actual: `${call.method} ${call.path}`, evidence: [call.seq] });
    }
    const got = r.enterprise;
    const wrong: string[] = [];
    if (r.outcome !== 'found' || !got) wrong.push(`the SUT answered ${described(r)}`);
    else {
      if (got.msdn !== e.msdn) wrong.push(`msdn ${got.msdn} ≠ ${e.msdn}`);
      if (got.NAME !== e.NAME) wrong.push(`NAME "${got.NAME}" ≠ "${e.NAME}"`);
      if (got.ENTERPRISE_STATUS !== undefined && got.ENTERPRISE_STATUS !== e.ENTERPRISE_STATUS) wrong.push(`ENTERPRISE_STATUS "${got.ENTERPRISE_STATUS}" ≠ "${e.ENTERPRISE_STATUS}"`);
    }
    t.check('ndxp.lookup.reply', wrong.length === 0, {
      message: `the SUT does not show the enterprise the registry returned: ${wrong.join('; ')}`,
      expected: e,
      actual: got ?? r.outcome,
      evidence: seqs(calls.filter((x) => x.status === 200)),
    });
  },
});
