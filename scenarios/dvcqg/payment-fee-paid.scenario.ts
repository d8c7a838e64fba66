import type { EvidenceEvent } from '../../emulator/core/evidence.js';
import { HarnessError } from '../kit/errors.js';
import { act, receive } from '../kit/dvcqg/actions.js';
import { applicantOf, awaitStatus, inspect, testCitizen, waitMs, WAIT_INPUT } from '../kit/dvcqg/portal.js';
import { defineScenario, type ScenarioContext } from '../kit/types.js';

interface TransactionView {
  ref: string;
  maHoSo: string | null;
  state: string;
  paymentPage: string;
  receipt: Record<string, unknown> | null;
  callback: null | { url: string; state: string; history: Array<{ n: number; outcome: string; detail: string; status: number | null }> };
}

/** The SUT's PP DVCQG init messages for `maHoSo` since the scenario started. */
async function initsFor(t: ScenarioContext, maHoSo: string): Promise<EvidenceEvent[]> {
  return (await t.events({ platform: 'dvcqg', operation: 'payment.init' })).filter((e) => (e.requestBody ?? '').includes(maHoSo));
}

export const scenario = defineScenario({
  id: 'dvcqg.payment.fee-paid',
  title: 'Collects a dossier fee through the DVCQG Payment Platform',
  description:
    'The harness hands in a dossier for a procedure with a fee and asks the SUT to request payment (dvcqg.requestPayment). The portal must show the dossier at status 6 (yêu cầu thực hiện nghĩa vụ tài chính; dvcqg.progress.reported), and the SUT\'s init message (§A10a) must be accepted by the platform without findings: MaXacThuc signed with the partner\'s hash key, a procedure-fee receipt (MaDichVu 2) naming the dossier, the agency and the procedure, fee lines adding up to SoTien (dvcqg.payment.init); the payer must be sent to the platform\'s UrlThanhToan. The harness then pays as the citizen (control plane: complete the transaction as paid) and the platform posts the signed result to the SUT\'s callback: the SUT must acknowledge it with MaLoi "00" and act on it — the dossier leaves status 6 on the portal (dvcqg.payment.callback). On failure: the platform\'s findings and the callback\'s recorded reply say what to fix.',
  requirements: ['dvcqg.payment.init', 'dvcqg.payment.callback', 'dvcqg.progress.reported'],
  role: 'motcua',
  platform: 'dvcqg',
  inputs: { ...WAIT_INPUT },
  async run(t) {
    const { maHoSo } = await receive(t, { applicant: applicantOf(await testCitizen(t)), withFee: true });
    await awaitStatus(t, maHoSo, [2], 'dvcqg.progress.reported');
    let paymentUrl: string;
    try {
      ({ paymentUrl } = (await act(t, 'dvcqg.requestPayment', { maHoSo })) as { paymentUrl: string });
    } catch (err) {
      // The SUT could not start the payment: a verdict when the platform refused its message, else the harness's problem.
      if (!(err instanceof HarnessError)) throw err;
      const refused = (await initsFor(t, maHoSo)).filter((e) => e.status >= 400);
      t.require('dvcqg.payment.init', refused.length === 0, {
        message: `the payment platform refused the SUT's init message: ${refused.flatMap((e) => e.verdicts.map((v) => v.message)).join('; ')}`,
        expected: 'MaLoi "00"',
        actual: refused.map((e) => e.responseBody?.slice(0, 300)),
        evidence: refused.map((e) => e.seq),
      });
      throw err;
    }
    await awaitStatus(t, maHoSo, [6], 'dvcqg.progress.reported');

    const inits = await initsFor(t, maHoSo);
    const init = inits.find((e) => e.status === 200);
    t.require('dvcqg.payment.init', !!init, { message: `no accepted PP DVCQG init message names ${maHoSo} in ThongTinBienLai`, expected: 'POST /dvcqg/payment/init → MaLoi "00"', actual: inits.map((e) => `HTTP ${e.status}`), evidence: inits.map((e) => e.seq) });
    for (const v of init!.verdicts.filter((x) => x.severity !== 'info')) {
      t.check('dvcqg.payment.init', false, { message: `the platform accepted the init with a finding: ${v.message}`, expected: 'an init message without findings', actual: `${v.code}${v.field ? ` at ${v.field}` : ''}`, evidence: [init!.seq] });
    }
    const { transactions } = await t.control<{ transactions: TransactionView[] }>('GET', `/_lienthong/dvcqg/payment/transactions?maHoSo=${encodeURIComponent(maHoSo)}`);
    const ref = new URL(paymentUrl).pathname.split('/').at(-1) ?? '';
    const txn = transactions.find((x) => x.ref === ref && new URL(paymentUrl).pathname === x.paymentPage);
    t.require('dvcqg.payment.init', !!txn, { message: 'the SUT does not send the payer to the payment page the platform answered (UrlThanhToan)', expected: transactions.map((x) => x.paymentPage), actual: paymentUrl, evidence: [init!.seq] });
    const receipt = txn!.receipt ?? {};
    t.check('dvcqg.payment.init', String(receipt.MaDichVu) === '2' && receipt.MaHoSo === maHoSo, {
      message: 'the receipt data is not a procedure fee (MaDichVu 2) of this dossier',
      expected: { MaDichVu: '2', MaHoSo: maHoSo },
      actual: { MaDichVu: receipt.MaDichVu, MaHoSo: receipt.MaHoSo },
      evidence: [init!.seq],
    });

    // The citizen pays; the platform calls the SUT back (the control plane waits for the first attempt).
    const paid = await t.control<TransactionView>('POST', `/_lienthong/dvcqg/payment/transactions/${encodeURIComponent(txn!.ref)}/complete`, { outcome: 'paid', wait: true });
    const first = paid.callback?.history[0];
    const callbacks = (await t.events({ platform: 'dvcqg' })).filter((e) => e.operation?.includes('callback') && e.seq > init!.seq).map((e) => e.seq);
    t.check('dvcqg.payment.callback', first?.outcome === 'acknowledged', {
      message: paid.callback
        ? `the SUT did not acknowledge the payment result at ${paid.callback.url}: ${first?.detail ?? 'no attempt recorded'}`
        : 'the platform has no callback URL for the SUT\'s payment partner: the SUT is never told the result',
      expected: 'HTTP 2xx {"MaLoi":"00", …}',
      actual: first ? `${first.outcome}: ${first.detail}` : null,
      evidence: callbacks,
    });
    const moved = await t.waitFor(
      `${maHoSo} leaving status 6 after the fee was paid`,
      async () => {
        const d = await inspect(t, maHoSo);
        return d && d.TrangThaiHoSo !== 6 ? d : null;
      },
      { timeoutMs: waitMs(t), requirement: 'dvcqg.payment.callback' },
    );
    t.log(`paid (transaction ${txn!.ref}); the portal now shows ${moved.status}`);
  },
});
