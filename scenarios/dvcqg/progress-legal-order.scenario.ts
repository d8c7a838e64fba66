import { checkTransition, statusName } from '../../emulator/platforms/dvcqg/status.js';
import { act, receive } from '../kit/dvcqg/actions.js';
import { applicantOf, awaitStatus, callsAbout, checkCalls, mark, mustInspect, testCitizen, WAIT_INPUT } from '../kit/dvcqg/portal.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'dvcqg.progress.legal-order',
  title: 'Reports every processing step to DVCQG, in the legal order of statuses',
  description:
    'The harness takes a dossier through a full life at the SUT: received at the desk (2), sent for processing (4), a supplement requested (5) and received (processing resumes), finished (9) and handed over (10). After each step the portal must show the status the SUT reached (dvcqg.progress.reported), every status the portal shows must come with a CapNhatTienDoHoSoMC progress record (who, when, what) the portal takes without findings (dvcqg.progress.reported), and the sequence of statuses must follow the portal\'s status machine (checkTransition of emulator/platforms/dvcqg/status.ts, after Decree 61/2018; dvcqg.progress.order). On failure: the message names the pair of statuses out of order or the status without a progress record; report each step as it happens, 9 (đã xử lý xong) before 10 (đã trả kết quả).',
  requirements: ['dvcqg.progress.reported', 'dvcqg.progress.order'],
  role: 'motcua',
  platform: 'dvcqg',
  inputs: { ...WAIT_INPUT },
  async run(t) {
    const citizen = await testCitizen(t);
    const { maHoSo } = await receive(t, { applicant: applicantOf(citizen) });
    await awaitStatus(t, maHoSo, [2], 'dvcqg.progress.reported');
    const steps: Array<[string, Parameters<typeof act>[1], Record<string, unknown>, number[]]> = [
      ['sent for processing', 'dvcqg.processDossier', {}, [4]],
      ['supplement requested', 'dvcqg.requestSupplement', { reason: 'Bổ sung bản sao giấy tờ chứng minh nhân thân có chứng thực' }, [5]],
      ['supplement received', 'dvcqg.receiveSupplement', {}, [4, 2]],
      ['finished and handed over', 'dvcqg.finishDossier', { deliver: true }, [10]],
    ];
    const allowed = ['dvcqg.progress.reported', 'dvcqg.progress.order'];
    for (const [what, action, params, expect] of steps) {
      const since = await mark(t);
      await act(t, action, { maHoSo, ...params });
      await awaitStatus(t, maHoSo, expect, 'dvcqg.progress.reported', { since, allowed });
      t.log(`${what}: the portal shows ${expect.map(statusName).join(' or ')}`);
    }

    const calls = await callsAbout(t, maHoSo);
    const progress = calls.filter((c) => c.service === 'CapNhatTienDoHoSoMC');
    checkCalls(t, calls, 'dvcqg.progress.reported', ['dvcqg.progress.reported', 'dvcqg.progress.order']);

    // The portal's history: each status as it became current, with whether a progress record reported it.
    const d = await mustInspect(t, maHoSo);
    const runs: Array<{ status: number; progress: boolean; at: string }> = [];
    for (const h of d.history) {
      const last = runs.at(-1);
      if (!last || last.status !== h.TrangThai) runs.push({ status: h.TrangThai, progress: h.kind === 'progress', at: h.at });
      else if (h.kind === 'progress') last.progress = true;
    }
    let previous: number | null = null;
    for (const run of runs) {
      const check = checkTransition(previous, run.status);
      t.check('dvcqg.progress.order', check.ok, {
        message: check.ok ? '' : check.reason,
        expected: previous === null ? 'status 1, 2 or 3 first' : `a status allowed after ${statusName(previous)}`,
        actual: statusName(run.status),
        evidence: calls.filter((c) => Number(c.item.TrangThaiHoSo ?? c.item.TrangThai) === run.status).map((c) => c.event.seq),
      });
      t.check('dvcqg.progress.reported', run.progress, {
        message: `${statusName(run.status)} reached the portal without a CapNhatTienDoHoSoMC progress record (who handled it, when, what was done)`,
        expected: `CapNhatTienDoHoSoMC with TrangThai "${run.status}"`,
        actual: 'only DongBoHoSoMC',
        evidence: calls.filter((c) => Number(c.item.TrangThaiHoSo) === run.status).map((c) => c.event.seq),
      });
      previous = run.status;
    }
    t.log(`statuses on the portal: ${runs.map((r) => r.status).join(' → ')}; ${progress.length} progress record(s)`);
  },
});
