import { act, receive } from '../kit/dvcqg/actions.js';
import { applicantOf, awaitStatus, testCitizen, WAIT_INPUT } from '../kit/dvcqg/portal.js';
import { defineScenario, type ScenarioContext } from '../kit/types.js';

interface LookupOutcome {
  verdict: 'pass' | 'fail';
  status: number;
  url: string;
  reply: unknown;
  verdicts: Array<{ code: string; severity: string; message: string; field?: string }>;
}

/**
 * Makes the portal look the dossier up on the SUT (POST /_lienthong/dvcqg/lookups: the portal calls the
 * agency's /direct endpoint and judges the answer against what was synced). A refusal to call because the
 * agency registered no endpoint is the SUT's failure too.
 */
async function portalLookup(t: ScenarioContext, madonvi: string, maHoSo: string, when: string): Promise<void> {
  const res = await fetch(new URL('/_lienthong/dvcqg/lookups', t.emulatorUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ madonvi, maHoSo }), signal: AbortSignal.timeout(30_000) });
  const body = (await res.json()) as LookupOutcome & { code?: string; message?: string; error?: { code?: string; message?: string } };
  const refusal = body.error ?? (body.code ? body : undefined);
  if (!res.ok) {
    t.require('dvcqg.lookup.answer', false, {
      message: `the portal could not call the SUT (${when}): ${refusal?.message ?? `HTTP ${res.status}`}`,
      expected: 'the lookup endpoint (callbackUrl or endpoints.lookup) on the agency\'s DVCQG account',
      actual: refusal?.code ?? res.status,
    });
  }
  const events = (await t.events({ platform: 'dvcqg', operation: 'portal.lookup' })).filter((e) => e.agency === madonvi);
  const evidence = events.slice(-1).map((e) => e.seq);
  const errors = body.verdicts.filter((v) => v.severity === 'error');
  if (errors.length === 0) t.log(`lookup ${when}: the SUT answered ${JSON.stringify(body.reply)}`);
  for (const v of errors) {
    t.check('dvcqg.lookup.answer', false, { message: `lookup ${when}: ${v.message}`, expected: 'the §A4 fields of the dossier as last synced', actual: `${v.code}${v.field ? ` at ${v.field}` : ''}: ${JSON.stringify(body.reply).slice(0, 300)}`, evidence });
  }
}

export const scenario = defineScenario({
  id: 'dvcqg.lookup.answer',
  title: 'Answers the portal\'s dossier lookup with what it synced',
  description:
    'The harness hands a dossier in at the SUT\'s desk, then makes the portal look it up on the SUT, as DVCQG does when a citizen asks about a dossier (POST <callbackUrl>/direct {madonvi, service:"TraCuuHoSo", masohoso}, specs §A4). The SUT must answer with MaHoSo, MaTTHC, TenTTHC, MaLinhVuc, TenLinhVuc, LoaiDoiTuong, TrangThaiHoSo, HinhThuc and DonViXuLy as non-empty strings, about the dossier asked for and agreeing with what it synced. The dossier is then sent for processing (status 4) and looked up again: the answer must follow. The portal judges each answer itself (portal-calls.ts); its findings are the failures. On failure: register your endpoint on the DVCQG account (callbackUrl) and answer from the live dossier, not a copy taken at intake.',
  requirements: ['dvcqg.lookup.answer'],
  role: 'motcua',
  platform: 'dvcqg',
  inputs: { ...WAIT_INPUT },
  async run(t) {
    const { maHoSo } = await receive(t, { applicant: applicantOf(await testCitizen(t)) });
    const d = await awaitStatus(t, maHoSo, [2], 'dvcqg.lookup.answer');
    await portalLookup(t, d.madonvi, maHoSo, 'at intake (status 2)');
    await act(t, 'dvcqg.processDossier', { maHoSo });
    await awaitStatus(t, maHoSo, [4], 'dvcqg.lookup.answer');
    await portalLookup(t, d.madonvi, maHoSo, 'in processing (status 4)');
  },
});
