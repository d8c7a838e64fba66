import { act, described } from '../kit/ndxp/actions.js';
import { apiCalls, controlPut, seqs, sutConsumer, sutExchanges, sutMark } from '../kit/ndxp/sut.js';
import { citizens, enterprise } from '../kit/ndxp/world.js';
import { defineScenario } from '../kit/types.js';

const REQ = 'ndxp.fault.report';
/** A procedure code no system sends: a licence holding only it licenses none of the SUT's lookups. */
const NO_PROCEDURE = 'LIENTHONG-HARNESS-NO-PROCEDURE';

interface Licence {
  procedures: string[];
  officials: string[];
  default: boolean;
}

export const scenario = defineScenario({
  id: 'ndxp.consumer.faults',
  title: 'Reports refusals and faults as such, and keeps working',
  description:
    'Three lookups. (1) The harness stores a population-database licence for the SUT\'s consumer that licenses no procedure it uses, and asks for a citizen lookup: the database answers a SOAP Fault with errorCode 004 (thủ tục chưa được cấp phép khai thác CSDL dân cư, §B2); the SUT must report it refused or unavailable with code 004, never as not found. (2) The harness makes the gateway answer chiTietDoanhNghiep with HTTP 503 (fault injection) and asks for an enterprise lookup: the SUT must report the service unavailable, never not found. (3) With both removed, an enterprise lookup must succeed again. On failure: tell "nobody matches" (an empty collection, a 404 of the registry) apart from a fault (a SOAP Fault, a WSO2 fault, a 5xx), and show the code received.',
  requirements: [REQ],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const [c] = await citizens(t, 900);
    const e = await enterprise(t, 950);
    const consumer = await sutConsumer(t, () => act(t, 'ndxp.lookupEnterprise', { msdn: e.msdn }));

    // (1) Not licensed: Fault 004.
    const path = `/_lienthong/ndxp/population/licences/${encodeURIComponent(consumer.clientId)}`;
    const before = await t.control<Licence>('GET', path);
    await controlPut(t, path, { procedures: [NO_PROCEDURE], officials: ['*'] });
    let mark = await sutMark(t);
    let citizen;
    try {
      citizen = await act(t, 'ndxp.lookupCitizen', { soDinhDanh: c!.SoDinhDanh, hoVaTen: c!.HoVaTen, ngaySinh: c!.NgayThangNamSinh });
    } finally {
      if (before.default) await t.control('DELETE', path);
      else await controlPut(t, path, { procedures: before.procedures, officials: before.officials });
    }
    const faults = apiCalls(await sutExchanges(t, mark), 'apiCSDLDC').filter((x) => (x.responseBody ?? '').includes('errorCode>004<'));
    t.check(REQ, faults.length > 0, { message: 'the SUT did not ask the population database, so it cannot know it is not licensed', expected: 'a TraCuuThongTinCongDan answered with Fault 004', actual: described(citizen) });
    t.check(REQ, (citizen.outcome === 'refused' || citizen.outcome === 'unavailable') && citizen.code === '004', {
      message: `the population database refused the lookup with errorCode 004 (thủ tục chưa được cấp phép khai thác CSDL dân cư) but the SUT reported ${described(citizen)}`,
      expected: 'refused (or unavailable) with code 004',
      actual: { outcome: citizen.outcome, code: citizen.code ?? null },
      evidence: seqs(faults),
    });

    // (2) The registry's service unavailable: HTTP 503 at the gateway.
    const rule = await t.control<{ id: string }>('POST', '/_lienthong/faults', { platform: 'ndxp', operation: 'chiTietDoanhNghiep', kind: 'error', status: 503 });
    mark = await sutMark(t);
    let down;
    try {
      down = await act(t, 'ndxp.lookupEnterprise', { msdn: e.msdn });
    } finally {
      await t.control('DELETE', `/_lienthong/faults/${rule.id}`);
    }
    const failed = apiCalls(await sutExchanges(t, mark), 'apiCSDLDKDN').filter((x) => x.status === 503);
    t.check(REQ, down.outcome === 'unavailable', {
      message: `the gateway answered the enterprise lookup with HTTP 503 but the SUT reported ${described(down)}`,
      expected: 'unavailable (try again later)',
      actual: { outcome: down.outcome, code: down.code ?? null },
      evidence: seqs(failed),
    });

    // (3) Faults gone: it works again.
    mark = await sutMark(t);
    const again = await act(t, 'ndxp.lookupEnterprise', { msdn: e.msdn });
    t.check(REQ, again.outcome === 'found', {
      message: `with the fault removed the enterprise lookup ended as ${described(again)}: the SUT did not recover`,
      expected: 'found',
      actual: { outcome: again.outcome, code: again.code ?? null },
      evidence: seqs(apiCalls(await sutExchanges(t, mark), 'apiCSDLDKDN')),
    });
  },
});
