import { act, described } from '../kit/ndxp/actions.js';
import { apiCalls, seqs, sutExchanges, sutMark } from '../kit/ndxp/sut.js';
import { mismatchedPair, unknownMsdn } from '../kit/ndxp/world.js';
import { defineScenario } from '../kit/types.js';

const REQ = 'ndxp.lookup.not-found';

export const scenario = defineScenario({
  id: 'ndxp.consumer.not-found',
  title: 'Reports "not found" when the database knows nobody',
  description:
    'The harness asks the SUT to look up a real ID number with another person\'s name (the population database answers an empty CongdanCollection: not found, §B2), and an enterprise code that is well formed (valid check digit) but issued to nobody (the registry answers 404 with Status "0"). Each time the SUT must ask the database and report "not-found" — không tìm thấy — not a failure of the service and not data. On failure: an empty collection and the registry\'s 404 are answers, not errors; keep them apart from faults (see ndxp.consumer.faults).',
  requirements: [REQ],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const [who, other] = await mismatchedPair(t, 800);
    const citizen = await act(t, 'ndxp.lookupCitizen', { soDinhDanh: who.SoDinhDanh, hoVaTen: other.HoVaTen, ngaySinh: who.NgayThangNamSinh });
    const asked = apiCalls(await sutExchanges(t), 'apiCSDLDC').filter((e) => e.status === 200);
    t.check(REQ, asked.length > 0, { message: 'the SUT did not ask the population database', expected: 'a TraCuuThongTinCongDan answered with an empty collection', actual: described(citizen) });
    t.check(REQ, citizen.outcome === 'not-found' && !citizen.citizen, {
      message: `the population database answered an empty CongdanCollection (nobody has this ID with this name) but the SUT reported ${described(citizen)}`,
      expected: 'not-found, with no citizen',
      actual: citizen,
      evidence: seqs(asked),
    });
    const mark = await sutMark(t);
    const msdn = unknownMsdn();
    const ent = await act(t, 'ndxp.lookupEnterprise', { msdn });
    const answered = apiCalls(await sutExchanges(t, mark), 'apiCSDLDKDN').filter((e) => e.status === 404);
    t.check(REQ, answered.length > 0, { message: `the SUT did not ask the business registry about ${msdn}`, expected: 'a chiTietDoanhNghiep answered 404 (Status "0")', actual: described(ent) });
    t.check(REQ, ent.outcome === 'not-found' && !ent.enterprise, {
      message: `the registry answered that no enterprise has code ${msdn} (HTTP 404, Status "0") but the SUT reported ${described(ent)}`,
      expected: 'not-found, with no enterprise',
      actual: ent,
      evidence: seqs(answered),
    });
  },
});
