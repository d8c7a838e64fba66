import { formatVnStamp } from '../../emulator/platforms/dvcqg/wire/dates.js';
import { HarnessError } from '../kit/errors.js';
import { act, receive } from '../kit/dvcqg/actions.js';
import { applicantOf, awaitStatus, callsAbout, mustInspect, testCitizen, WAIT_INPUT, type DossierView } from '../kit/dvcqg/portal.js';
import { defineScenario, type ScenarioContext } from '../kit/types.js';

/** How far a reported finish may be from the emulator clock around the step (a terminal's clock drift). */
const SLACK_MS = 60_000;

/** Asks the SUT to finish and hand over the dossier; the emulator-clock window in which it did. */
async function finish(t: ScenarioContext, maHoSo: string): Promise<{ asked: Date; done: Date; d: DossierView }> {
  const asked = await t.clock.now();
  await act(t, 'dvcqg.finishDossier', { maHoSo, deliver: true });
  const d = await awaitStatus(t, maHoSo, [10], 'dvcqg.due-date.kept');
  return { asked, done: await t.clock.now(), d };
}

const stamp = (iso: string | null) => (iso ? formatVnStamp(new Date(iso)) : '(none)');

export const scenario = defineScenario({
  id: 'dvcqg.due-date.kept',
  title: 'Keeps the due date and reports when a dossier really finished, on time or late',
  description:
    'Two dossiers are received and sent for processing. The first is finished at once: the portal must record the finish at the time it happened on the emulator clock, on time. For the second the harness moves the emulator\'s virtual clock a day past its appointment (NgayHenTra) before asking the SUT to finish it: the SUT must report the finish at the real (late) time and keep the appointment it gave, so the portal sees the dossier late — the numbers QĐ 766 indicator 2.1 counts. Every DongBoHoSoMC must carry the NgayHenTra of the intake, and the portal\'s finish time (from NgayKetThucXuLy/NgayTra or the progress ThoiDiemXuLy) must not be earlier than the moment the harness asked. On failure: report steps with the time they happened, and change an appointment only through the procedure for late dossiers (phiếu xin lỗi và hẹn lại ngày trả kết quả), never silently. Needs an emulator with a virtual clock.',
  requirements: ['dvcqg.due-date.kept'],
  role: 'motcua',
  platform: 'dvcqg',
  inputs: { ...WAIT_INPUT },
  async run(t) {
    const { clock } = await t.control<{ clock: { mode: string } }>('GET', '/_lienthong/info');
    if (clock.mode !== 'virtual') t.skip('the emulator runs a real clock; this scenario moves the clock past a due date (start it with --virtual-clock)');
    const applicant = applicantOf(await testCitizen(t));
    const onTime = await receive(t, { applicant });
    const late = await receive(t, { applicant });
    for (const m of [onTime.maHoSo, late.maHoSo]) {
      await awaitStatus(t, m, [2], 'dvcqg.due-date.kept');
      await act(t, 'dvcqg.processDossier', { maHoSo: m });
      await awaitStatus(t, m, [4], 'dvcqg.due-date.kept');
    }
    const appointed = await mustInspect(t, late.maHoSo);
    const due = appointed.timeliness.dueAt;
    if (!due) throw new HarnessError(`${late.maHoSo} has no NgayHenTra on the portal: nothing to keep (see dvcqg.due-date.appointment)`);

    // On time: finished now, reported now.
    const a = await finish(t, onTime.maHoSo);
    const aFinished = a.d.timeliness.finishedAt ? new Date(a.d.timeliness.finishedAt).getTime() : NaN;
    const aSeqs = (await callsAbout(t, onTime.maHoSo)).map((c) => c.event.seq);
    t.check('dvcqg.due-date.kept', aFinished >= a.asked.getTime() - SLACK_MS && aFinished <= a.done.getTime() + SLACK_MS && a.d.timeliness.onTime === true, {
      message: `${onTime.maHoSo} was finished between ${formatVnStamp(a.asked)} and ${formatVnStamp(a.done)} (before its due date); the portal recorded the finish at ${stamp(a.d.timeliness.finishedAt)}, ${a.d.timeliness.onTime ? 'on time' : 'late'}`,
      expected: `finish reported at ${formatVnStamp(a.asked)}…${formatVnStamp(a.done)}, on time`,
      actual: { finishedAt: stamp(a.d.timeliness.finishedAt), onTime: a.d.timeliness.onTime },
      evidence: aSeqs,
    });

    // Late: the clock passes the due date before the SUT is asked to finish.
    const now = await t.clock.now();
    const jumpS = Math.ceil((new Date(due).getTime() - now.getTime()) / 1000) + 24 * 3600;
    await t.clock.advance(`PT${Math.max(jumpS, 1)}S`);
    const overdue = await mustInspect(t, late.maHoSo);
    if (!overdue.timeliness.overdue) throw new HarnessError(`the portal does not show ${late.maHoSo} overdue after the clock passed ${stamp(due)}`);
    t.log(`clock moved ${Math.round(jumpS / 3600)} h to ${formatVnStamp(await t.clock.now())}: ${late.maHoSo} is overdue (due ${stamp(due)})`);
    const b = await finish(t, late.maHoSo);
    const calls = await callsAbout(t, late.maHoSo, ['DongBoHoSoMC']);
    const first = String(calls[0]?.item.NgayHenTra ?? '');
    const moved = calls.filter((c) => c.item.NgayHenTra !== first);
    t.check('dvcqg.due-date.kept', moved.length === 0, {
      message: `the appointment of ${late.maHoSo} moved from ${first} to ${[...new Set(moved.map((c) => String(c.item.NgayHenTra)))].join(', ')} without a supplement or apology record`,
      expected: first,
      actual: moved.map((c) => c.item.NgayHenTra ?? null),
      evidence: moved.map((c) => c.event.seq),
    });
    const bSeqs = (await callsAbout(t, late.maHoSo)).map((c) => c.event.seq);
    const bFinished = b.d.timeliness.finishedAt ? new Date(b.d.timeliness.finishedAt).getTime() : NaN;
    t.check('dvcqg.due-date.kept', bFinished >= b.asked.getTime() - SLACK_MS, {
      message: `${late.maHoSo} was finished at ${formatVnStamp(b.asked)} or later, a day after its due date; the SUT reported the finish at ${stamp(b.d.timeliness.finishedAt)}`,
      expected: `finish reported at ${formatVnStamp(b.asked)} or later`,
      actual: stamp(b.d.timeliness.finishedAt),
      evidence: bSeqs,
    });
    t.check('dvcqg.due-date.kept', b.d.timeliness.onTime === false && b.d.timeliness.dueAt === due, {
      message: `a dossier finished after its due date must show late on the portal against the appointment it was given (${stamp(due)})`,
      expected: { dueAt: stamp(due), onTime: false },
      actual: { dueAt: stamp(b.d.timeliness.dueAt), onTime: b.d.timeliness.onTime },
      evidence: bSeqs,
    });
  },
});
