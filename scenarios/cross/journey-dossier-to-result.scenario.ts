import { foldName } from '../../emulator/platforms/ndxp/population/identity.js';
import { handleDossier, JOURNEY_INPUTS, waitMs } from '../kit/cross/actions.js';
import { identityProblems, populationLookups } from '../kit/cross/applicant.js';
import { dossierReference, finishReport } from '../kit/cross/result.js';
import { awaitSync, callsAbout, mustInspect } from '../kit/dvcqg/portal.js';
import { citizens } from '../kit/ndxp/world.js';
import { defineScenario } from '../kit/types.js';
import { peerFor } from '../kit/vdxp/peer.js';
import { seqs, sutSends, type SutSend } from '../kit/vdxp/sut.js';

const VERIFIED = 'cross.applicant.verified';
const MATCHES = 'cross.dossier.applicant-matches';
const SENT = 'cross.result.document-sent';

export const scenario = defineScenario({
  id: 'cross.journey.dossier-to-result',
  title: 'Checks the applicant on NDXP, syncs the dossier to DVCQG with them, and sends the result over VDXP',
  description:
    'One journey across the three platforms, judged in one verdict. The harness brings an adult of the emulator\'s world to the SUT\'s one-stop desk (cross.handleDossier with their ID number, name and birth date, the result to go to the harness agency on the axis) and then reads the evidence of all three platforms. NDXP: before the first DongBoHoSoMC of the new dossier, a TraCuuThongTinCongDan (or XacThucThongTinCongDan) of that ID number must have reached the population database through the gateway and been answered with the person (cross.applicant.verified). DVCQG: the portal\'s record of the dossier (control plane) must name the verified applicant — ChuHoSo their name, MaDoiTuong the TechID the portal itself gives that ID number, or the ID number (cross.dossier.applicant-matches). VDXP: after the portal was told the dossier is finished (status 9 or 10), the SUT must send the result document to the harness agency as a package the axis accepts and the emulator\'s strict QCVN 102 rules find no fault in, From the SUT\'s own agency, naming the dossier\'s MaHoSo in OtherInfo/ReferenceCodes or in the Subject (cross.result.document-sent; docs/decisions/017). On failure: the message names the link that broke and the evidence sequence numbers of the exchanges on each platform; fix the order of the desk\'s steps or the data carried between them.',
  requirements: [VERIFIED, MATCHES, SENT],
  role: 'motcua',
  platform: 'cross',
  inputs: { ...JOURNEY_INPUTS },
  timeoutMs: 180_000,
  async run(t) {
    const [person] = await citizens(t, 2400);
    const c = person!;
    const peer = await peerFor(t);
    const r = await handleDossier(t, { applicant: { idNumber: c.SoDinhDanh, fullName: c.HoVaTen, birthDate: c.NgayThangNamSinh }, resultTo: peer.code });
    t.require(VERIFIED, r.outcome === 'done' && !!r.maHoSo, {
      message: `the SUT did not take the dossier of ${c.HoVaTen} in (${r.reason ?? 'no reason given'}), although the population database has this person with this ID number, name and birth date`,
      expected: 'outcome done with a MaHoSo',
      actual: r,
      evidence: seqs(...(await populationLookups(t, c.SoDinhDanh))),
    });
    const maHoSo = r.maHoSo!;

    // NDXP → DVCQG: a confirmed lookup of the applicant before the dossier's first sync (read once the
    // sync is seen, for a SUT that does its steps in the background).
    const syncs = await awaitSync(t, maHoSo, MATCHES);
    const firstSync = syncs[0]!;
    const lookups = await populationLookups(t, c.SoDinhDanh);
    const before = lookups.filter((l) => l.event.seq < firstSync.event.seq);
    const confirmed = before.find((l) => l.confirmed);
    t.check(VERIFIED, !!confirmed, {
      message:
        lookups.length === 0
          ? `no lookup of ${c.SoDinhDanh} reached the population database (apiCSDLDC) through the gateway: ${maHoSo} was taken in and synced without checking the applicant`
          : before.length === 0
            ? `the applicant was looked up only after ${maHoSo} was synced to DVCQG (DongBoHoSoMC seq ${firstSync.event.seq})`
            : `no lookup before the sync confirmed the applicant: the database answered ${before.map((l) => `${l.answer} (seq ${l.event.seq})`).join('; ')}`,
      expected: `TraCuuThongTinCongDan of ${c.SoDinhDanh} answered with the citizen, before the first DongBoHoSoMC of ${maHoSo}`,
      actual: lookups.map((l) => ({ seq: l.event.seq, operation: l.operation, answer: l.answer })),
      evidence: [...seqs(...lookups), firstSync.event.seq],
    });

    // DVCQG: the dossier as the portal holds it names the verified applicant.
    const d = await mustInspect(t, maHoSo);
    const problems = identityProblems(d.data, { idNumber: c.SoDinhDanh, name: c.HoVaTen, techId: c.techId });
    t.check(MATCHES, problems.length === 0, {
      message: `the dossier ${maHoSo} on DVCQG does not carry the applicant the population database confirmed: ${problems.join('; ')}`,
      expected: { ChuHoSo: c.HoVaTen, MaDoiTuong: `the TechID of ${c.SoDinhDanh} (or the ID number)` },
      actual: { ChuHoSo: d.data.ChuHoSo ?? null, MaDoiTuong: d.data.MaDoiTuong ?? null },
      evidence: syncs.map((s) => s.event.seq),
    });
    t.log(`${maHoSo}: ${String(d.data.ChuHoSo)} (${foldName(String(d.data.ChuHoSo ?? '')) === foldName(c.HoVaTen) ? 'the verified applicant' : 'not the applicant'}), portal shows ${d.status}`);

    // DVCQG → VDXP: the result document, after the dossier was reported finished.
    const send = await t.waitFor<SutSend>(
      `the result document of ${maHoSo} from the SUT on the axis`,
      async () => {
        const sends = await sutSends(t, { kind: 'edoc' });
        return sends.find((s) => s.edoc && dossierReference(s.edoc, maHoSo)) ?? sends.find((s) => !s.accepted || s.edoc?.header.to.some((o) => o.organId?.trim() === peer.code));
      },
      { timeoutMs: waitMs(t), requirement: SENT },
    );
    t.require(SENT, send.accepted, { message: `the axis refused the result document: ${send.refusal}`, expected: 'status OK with a DocId', actual: send.refusal, evidence: seqs(send) });
    const finished = finishReport(await callsAbout(t, maHoSo));
    t.check(SENT, !!finished && finished.event.seq < send.event.seq, {
      message: finished ? `the result document went out (seq ${send.event.seq}) before DVCQG was told ${maHoSo} is finished (seq ${finished.event.seq})` : `the result document went out but DVCQG was never told ${maHoSo} is finished (status 9 đã xử lý xong)`,
      expected: 'status 9 (or 10) reported and accepted, then the result document',
      actual: finished ? `finish reported at seq ${finished.event.seq}, document at seq ${send.event.seq}` : 'no finish reported',
      evidence: [...(finished ? [finished.event.seq] : []), send.event.seq],
    });
    t.check(SENT, send.problems.length === 0, {
      message: `the result document breaks QCVN 102:2016: ${send.problems.map((p) => `${p.field}: ${p.message}`).join(' | ')}`,
      expected: 'no problem under strict validation',
      actual: send.problems.map((p) => ({ code: p.code, field: p.field, rule: p.rule })),
      evidence: seqs(send),
    });
    const h = send.edoc!.header;
    t.check(SENT, h.from?.organId?.trim() === t.sut.agency, { message: 'the result document\'s From/OrganId is not the SUT\'s own agency', expected: t.sut.agency, actual: h.from?.organId ?? null, evidence: seqs(send) });
    t.check(SENT, h.to.some((o) => o.organId?.trim() === peer.code), { message: 'the result document is not addressed to the agency named', expected: peer.code, actual: h.to.map((o) => o.organId ?? null), evidence: seqs(send) });
    const where = dossierReference(send.edoc!, maHoSo);
    t.check(SENT, where !== null, {
      message: `the result document does not name the dossier code ${maHoSo} (neither in OtherInfo/ReferenceCodes nor in the Subject)`,
      expected: `${maHoSo} in OtherInfo/ReferenceCodes or Subject`,
      actual: { ReferenceCodes: h.otherInfo?.referenceCodes ?? null, Subject: h.subject ?? null },
      evidence: seqs(send),
    });
    t.check(SENT, !r.documentId || h.documentId?.trim() === r.documentId, { message: 'the DocumentId the SUT reported differs from the one in its package', expected: r.documentId, actual: h.documentId ?? null, evidence: seqs(send) });
    if (where) t.log(`result document ${h.documentId} names ${maHoSo} in ${where}`);
    await peer.collect(t);
  },
});
