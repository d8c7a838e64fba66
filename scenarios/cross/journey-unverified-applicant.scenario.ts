import { handleDossier, JOURNEY_INPUTS } from '../kit/cross/actions.js';
import { namesPerson, populationLookups, syncedDossiers } from '../kit/cross/applicant.js';
import { mismatchedPair } from '../kit/ndxp/world.js';
import { defineScenario } from '../kit/types.js';
import { peerFor } from '../kit/vdxp/peer.js';
import { seqs } from '../kit/vdxp/sut.js';

const VERIFIED = 'cross.applicant.verified';
/** Không được tiếp nhận: the one status a dossier the desk refused may be reported with (specs/dvcqg-ndxp.md §A5). */
const NOT_RECEIVED = '3';

export const scenario = defineScenario({
  id: 'cross.journey.unverified-applicant',
  title: 'Refuses the dossier of an applicant the population database does not confirm',
  description:
    'The harness brings someone to the SUT\'s one-stop desk with a real ID number but another person\'s name (cross.handleDossier), so the population database answers an empty CongdanCollection: nobody has this ID with this name. The SUT must ask the database about the ID through NDXP, answer `refused`, and take nothing in: no dossier naming the applicant (ChuHoSo the name given, MaDoiTuong the ID number or its TechID) may reach DVCQG with DongBoHoSoMC at any status other than 3 (không được tiếp nhận) while the scenario watches (`settleMs` after the answer, for a SUT that syncs in the background). On failure: the message says whether the SUT did not ask, or took the dossier in anyway, with the evidence of both platforms; check the applicant before the intake and stop when the database does not confirm them.',
  requirements: [VERIFIED],
  role: 'motcua',
  platform: 'cross',
  inputs: { ...JOURNEY_INPUTS, settleMs: { description: 'how long to watch for a dossier synced in the background after the SUT answered, in milliseconds', default: 5_000 } },
  timeoutMs: 120_000,
  async run(t) {
    const [who, other] = await mismatchedPair(t, 2600);
    const peer = await peerFor(t);
    const given = { idNumber: who.SoDinhDanh, fullName: other.HoVaTen, birthDate: who.NgayThangNamSinh };
    const r = await handleDossier(t, { applicant: given, resultTo: peer.code });
    await new Promise((resolve) => setTimeout(resolve, Number(t.inputs.settleMs ?? 5_000)));

    const lookups = await populationLookups(t, who.SoDinhDanh);
    t.check(VERIFIED, lookups.length > 0, {
      message: `the SUT did not ask the population database about ${who.SoDinhDanh} (${other.HoVaTen}) before deciding on the dossier`,
      expected: `a TraCuuThongTinCongDan of ${who.SoDinhDanh} through the gateway`,
      actual: 'no lookup of that ID number',
    });
    const confirmedAnyway = lookups.filter((l) => l.confirmed);
    if (confirmedAnyway.length > 0) t.log(`the database confirmed ${who.SoDinhDanh} at seq ${seqs(...confirmedAnyway).join(', ')}: the SUT asked without the name given`);

    const applicant = { idNumber: who.SoDinhDanh, name: other.HoVaTen, techId: who.techId };
    const taken = (await syncedDossiers(t)).filter((s) => (namesPerson(s.item, applicant) || (!!r.maHoSo && s.item.MaHoSo === r.maHoSo)) && String(s.item.TrangThaiHoSo ?? '') !== NOT_RECEIVED);
    const codes = [...new Set(taken.map((s) => String(s.item.MaHoSo)))];
    t.check(VERIFIED, taken.length === 0, {
      message: `the SUT took in and synced ${codes.join(', ')} to DVCQG for an applicant the population database does not confirm (ID ${who.SoDinhDanh} with the name "${other.HoVaTen}")`,
      expected: 'no dossier of this applicant on DVCQG (or only at status 3, không được tiếp nhận)',
      actual: taken.map((s) => ({ seq: s.event.seq, MaHoSo: s.item.MaHoSo ?? null, ChuHoSo: s.item.ChuHoSo ?? null, TrangThaiHoSo: s.item.TrangThaiHoSo ?? null })),
      evidence: [...seqs(...lookups), ...taken.map((s) => s.event.seq)],
    });
    t.check(VERIFIED, r.outcome === 'refused', {
      message: `the population database does not confirm the applicant (${lookups.map((l) => l.answer).join('; ') || 'not asked'}) but the SUT answered that it handled the dossier`,
      expected: 'outcome refused',
      actual: r,
      evidence: seqs(...lookups),
    });
  },
});
