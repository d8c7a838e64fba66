import { foldName } from '../../emulator/platforms/ndxp/population/identity.js';
import { act, described } from '../kit/ndxp/actions.js';
import { judgeCitizenLookup, listed } from '../kit/ndxp/requests.js';
import { apiCalls, seqs, sutExchanges } from '../kit/ndxp/sut.js';
import { citizens, today } from '../kit/ndxp/world.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'ndxp.consumer.citizen-lookup',
  title: 'Looks a citizen up in the population database with a correct SOAP request',
  description:
    'The harness picks an adult of the emulator\'s world and asks the SUT to look them up by ID number, name and birth date. Every request that reaches the population database (apiCSDLDC) is read again with the database\'s own reader in strict mode: a SOAP 1.1 Envelope, TraCuuThongTinCongDan in http://dancuquocgia.bca, the caller fields MaYeuCau, MaDVC, MaTichHop, MaCanBo, and the person asked for (SoDinhDanh, HoVaTen, NgayThangNamSinh/NgayThangNam); any warning the emulator recorded (a field outside the namespace, a missing MaTichHop, a Content-Type other than application/xml or text/xml) fails it too. The SUT\'s answer must be the person the database returned. On failure: the message quotes the database\'s rule; compare your request with specs/dvcqg-ndxp.md §B2 and docs/decisions/011-population-soap.md.',
  requirements: ['ndxp.population.request', 'ndxp.lookup.reply'],
  role: 'ndxp-consumer',
  platform: 'ndxp',
  async run(t) {
    const [c] = await citizens(t, 600);
    const asked = { soDinhDanh: c!.SoDinhDanh, hoVaTen: c!.HoVaTen, ngaySinh: c!.NgayThangNamSinh };
    const r = await act(t, 'ndxp.lookupCitizen', asked);
    const calls = apiCalls(await sutExchanges(t), 'apiCSDLDC');
    t.require('ndxp.population.request', calls.length > 0, { message: 'no lookup reached the population database (apiCSDLDC) through the gateway', expected: 'a TraCuuThongTinCongDan call', actual: `the SUT answered ${described(r)} without calling` });
    const day = await today(t);
    for (const e of calls) {
      if (e.status === 401) continue; // a refused token is ndxp.token.*'s business; its retry is judged
      const { problems, notes } = judgeCitizenLookup(e, asked, day);
      for (const n of notes) t.log(`strict-mode note on seq ${e.seq}: ${n}`);
      t.check('ndxp.population.request', problems.length === 0, { message: `the lookup request is not what the population database expects: ${listed(problems)}`, expected: 'TraCuuThongTinCongDan per §B2, accepted without warnings', actual: problems, evidence: [e.seq] });
    }
    const got = r.citizen;
    const wrong: string[] = [];
    if (r.outcome !== 'found' || !got) wrong.push(`the SUT answered ${described(r)}`);
    else {
      if (got.SoDinhDanh !== c!.SoDinhDanh) wrong.push(`SoDinhDanh ${got.SoDinhDanh} ≠ ${c!.SoDinhDanh}`);
      if (foldName(got.HoVaTen) !== foldName(c!.HoVaTen)) wrong.push(`HoVaTen "${got.HoVaTen}" ≠ "${c!.HoVaTen}"`);
      if (got.NgayThangNamSinh !== c!.NgayThangNamSinh) wrong.push(`NgayThangNamSinh ${got.NgayThangNamSinh} ≠ ${c!.NgayThangNamSinh}`);
      if (got.GioiTinh !== undefined && got.GioiTinh !== c!.GioiTinh) wrong.push(`GioiTinh ${got.GioiTinh} ≠ ${c!.GioiTinh}`);
    }
    t.check('ndxp.lookup.reply', wrong.length === 0, {
      message: `the SUT does not show the citizen the database returned: ${wrong.join('; ')}`,
      expected: { SoDinhDanh: c!.SoDinhDanh, HoVaTen: c!.HoVaTen, NgayThangNamSinh: c!.NgayThangNamSinh, GioiTinh: c!.GioiTinh },
      actual: got ?? r.outcome,
      evidence: seqs(calls.filter((e) => e.status === 200)),
    });
  },
});
