import { formatVnStamp, parseVnStamp } from '../../emulator/platforms/dvcqg/wire/dates.js';
import { receive } from '../kit/dvcqg/actions.js';
import { applicantOf, awaitSync, checkCalls, inspect, testCitizen, WAIT_INPUT } from '../kit/dvcqg/portal.js';
import { defineScenario } from '../kit/types.js';

/** How far NgayTiepNhan may be from the emulator clock around the intake (a desk terminal's clock drift). */
const INTAKE_SLACK_MS = 5 * 60_000;

export const scenario = defineScenario({
  id: 'dvcqg.sync.valid-dossier',
  title: 'Syncs a received dossier to DVCQG with valid codes and fields',
  description:
    'The harness hands a dossier in at the SUT\'s one-stop desk (dvcqg.receiveDossier, a test citizen of the emulator\'s world as applicant) and reads what reached the portal: a DongBoHoSoMC call carrying the new MaHoSo must arrive, be accepted, and carry no finding of the portal\'s own dossier rules — required §A3 fields, every value a string, yyyyMMddHHmmss dates, coded values in their sets (dvcqg.sync.fields); MaTTHC from the national catalogue with its catalogued name and field, MaHoSo in the account\'s <madonvi>-yymmdd-NNNN form, the account\'s own madonvi (dvcqg.sync.codes). The portal must then hold the dossier at status 2 (được tiếp nhận) with NgayTiepNhan the time of the intake on the emulator clock (dvcqg.sync.dossier). On failure: each finding names the field and the rule as the portal states it; fix the sync object and receive a new dossier.',
  requirements: ['dvcqg.sync.dossier', 'dvcqg.sync.fields', 'dvcqg.sync.codes'],
  role: 'motcua',
  platform: 'dvcqg',
  inputs: { ...WAIT_INPUT },
  async run(t) {
    const citizen = await testCitizen(t);
    const before = await t.clock.now();
    const r = await receive(t, { applicant: applicantOf(citizen) });
    const after = await t.clock.now();
    const syncs = await awaitSync(t, r.maHoSo, 'dvcqg.sync.dossier');
    checkCalls(t, syncs, 'dvcqg.sync.fields', ['dvcqg.sync.fields', 'dvcqg.sync.codes']);
    const accepted = syncs.filter((c) => c.accepted);
    if (accepted.length === 0) {
      // Refused: its findings are the failures above; a refusal without any is still one.
      if (syncs.every((c) => c.problems.length === 0)) t.check('dvcqg.sync.fields', false, { message: `the portal refused every DongBoHoSoMC of ${r.maHoSo}`, expected: 'a DongBoHoSoMC the portal accepts', actual: syncs.map((c) => `HTTP ${c.event.status} ${c.event.responseBody?.slice(0, 200) ?? ''}`), evidence: syncs.map((c) => c.event.seq) });
      return;
    }

    const d = await inspect(t, r.maHoSo);
    const seqs = accepted.map((c) => c.event.seq);
    t.require('dvcqg.sync.dossier', d !== null, { message: `the portal does not hold ${r.maHoSo} after an accepted sync`, expected: r.maHoSo, actual: null, evidence: seqs });
    t.check('dvcqg.sync.dossier', d!.TrangThaiHoSo === 2, { message: `a dossier taken in at the desk is synced at status 2 (được tiếp nhận); the portal shows ${d!.status}`, expected: 2, actual: d!.TrangThaiHoSo, evidence: seqs });
    if (r.maTTHC) t.check('dvcqg.sync.dossier', d!.MaTTHC === r.maTTHC || d!.MaTTHC.startsWith(`${r.maTTHC}.`), { message: `the SUT received the dossier for procedure ${r.maTTHC} but synced ${d!.MaTTHC}`, expected: r.maTTHC, actual: d!.MaTTHC, evidence: seqs });
    const receivedAt = parseVnStamp(String(d!.data.NgayTiepNhan ?? ''));
    const inWindow = !!receivedAt && receivedAt.getTime() >= before.getTime() - INTAKE_SLACK_MS && receivedAt.getTime() <= after.getTime() + INTAKE_SLACK_MS;
    t.check('dvcqg.sync.dossier', inWindow, {
      message: 'NgayTiepNhan is not the time the dossier was taken in (on the emulator clock, within 5 minutes)',
      expected: `${formatVnStamp(before)}…${formatVnStamp(after)}`,
      actual: d!.data.NgayTiepNhan ?? null,
      evidence: seqs,
    });
    t.log(`${r.maHoSo}: ${d!.status}, procedure ${d!.MaTTHC}, received ${String(d!.data.NgayTiepNhan)}`);
  },
});
