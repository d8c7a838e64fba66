import { formatVnStamp, parseVnStamp } from '../../emulator/platforms/dvcqg/wire/dates.js';
import { HarnessError } from '../kit/errors.js';
import { receive } from '../kit/dvcqg/actions.js';
import { applicantOf, awaitStatus, callsAbout, testCitizen, WAIT_INPUT } from '../kit/dvcqg/portal.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'dvcqg.due-date.appointment',
  title: 'Appoints the result within the procedure\'s processing time',
  description:
    'The harness hands a dossier in at the SUT\'s desk and reads the appointment it synced (NgayHenTra, the date on the Giấy tiếp nhận hồ sơ và hẹn ngày trả kết quả). It must be given, be the date the SUT told the applicant (the action\'s ngayHenTra), and be no later than the procedure\'s processing time allows: THOIGIANGIAIQUYET working days of the national catalogue, counted from the day after receipt to 24:00 of the last day (Civil Code Điều 147–148, Monday–Friday), as the portal computes it (legalDue of GET /_lienthong/dvcqg/dossiers/:MaHoSo). On failure: compute NgayHenTra from the catalogue\'s processing time in working days; a promise later than the law allows makes the dossier look on time when it is not.',
  requirements: ['dvcqg.due-date.appointment'],
  role: 'motcua',
  platform: 'dvcqg',
  inputs: { ...WAIT_INPUT },
  async run(t) {
    const citizen = await testCitizen(t);
    const r = await receive(t, { applicant: applicantOf(citizen) });
    const d = await awaitStatus(t, r.maHoSo, [1, 2], 'dvcqg.due-date.appointment');
    const evidence = (await callsAbout(t, r.maHoSo, ['DongBoHoSoMC'])).filter((c) => c.accepted).map((c) => c.event.seq);
    if (!d.legalDue) throw new HarnessError(`the portal cannot compute the legal due date of ${r.maHoSo}: procedure ${d.MaTTHC} is not in its catalogue`);
    const legal = new Date(d.legalDue.dueAt);
    const synced = d.timeliness.dueAt ? new Date(d.timeliness.dueAt) : null;
    t.require('dvcqg.due-date.appointment', synced !== null, { message: `${r.maHoSo} was synced without an appointment (NgayHenTra "")`, expected: `NgayHenTra ≤ ${formatVnStamp(legal)}`, actual: d.data.NgayHenTra ?? null, evidence });
    t.check('dvcqg.due-date.appointment', synced!.getTime() <= legal.getTime(), {
      message: `the appointment ${formatVnStamp(synced!)} is later than ${d.legalDue.processingDays} working day(s) from receipt allow (${formatVnStamp(legal)})`,
      expected: `NgayHenTra ≤ ${formatVnStamp(legal)}`,
      actual: d.data.NgayHenTra,
      evidence,
    });
    if (r.ngayHenTra) {
      const told = parseVnStamp(r.ngayHenTra);
      t.check('dvcqg.due-date.appointment', told?.getTime() === synced!.getTime(), {
        message: 'the appointment the SUT gave the applicant is not the one it synced to the portal',
        expected: d.data.NgayHenTra,
        actual: r.ngayHenTra,
        evidence,
      });
    }
    t.log(`${r.maHoSo}: appointment ${String(d.data.NgayHenTra)}, legal due ${formatVnStamp(legal)} (${d.legalDue.processingDays} working days)`);
  },
});
