import { settle, deliverDocument } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, hasText, seqs, sutStatuses, waitMs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.receive.reject-faulty',
  title: 'Refuses a faulty package with status 02 and a reason',
  description:
    'The harness agency sends a document whose manifest names an attachment (cid:2) the package does not carry — QCVN 102 §5 check 7; the lenient axis relays it as the real one does. The SUT must not register it: it answers status 02 (từ chối tiếp nhận) with the reason in Description, and never 03–06. On failure: validate received packages (manifest ↔ attachments, base64, required fields) before registering them, and refuse with 02 and a reason.',
  requirements: ['vdxp.receive.reject-faulty', 'vdxp.status.reason'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 150_000,
  async run(t) {
    const d = await deliverDocument(t, {}, (m) => {
      m.manifest.references.push({ contentId: 'cid:2', contentType: 'application/pdf', description: 'Phụ lục', attachmentName: 'phuluc.pdf' });
    });
    const refusal = await t.waitFor(
      `status 02 (từ chối tiếp nhận) about ${d.documentId}`,
      async () => (await sutStatuses(t, d.documentId)).find((s) => ['02', '03', '04', '05', '06'].includes(s.status.statusCode?.trim() ?? '')),
      { timeoutMs: waitMs(t), requirement: 'vdxp.receive.reject-faulty' },
    );
    t.require('vdxp.receive.reject-faulty', refusal.status.statusCode?.trim() === '02', {
      message: 'the SUT accepted a package with a missing attachment instead of refusing it',
      expected: 'status 02 (từ chối tiếp nhận)',
      actual: `status ${refusal.status.statusCode}`,
      evidence: seqs(refusal),
    });
    t.check('vdxp.status.reason', hasText(refusal.status.description), { message: 'status 02 carries no reason in Description', expected: 'a non-empty reason', actual: refusal.status.description ?? null, evidence: seqs(refusal) });
    await settle(t, 1_000);
    const later = (await sutStatuses(t, d.documentId)).filter((s) => ['03', '04', '05', '06'].includes(s.status.statusCode?.trim() ?? ''));
    t.check('vdxp.receive.reject-faulty', later.length === 0, { message: 'the SUT went on handling a document it refused', expected: 'nothing after 02', actual: later.map((s) => s.status.statusCode), evidence: seqs(...later) });
    await d.peer.collect(t);
  },
});
