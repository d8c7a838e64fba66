import { awaitAck, deliverDocument } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, seqs, sutStatuses, waitMs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.receive.acknowledge',
  title: 'Acknowledges a received document twice: updateStatus, then status 01 to the sender',
  description:
    'The harness agency sends the SUT a valid document. The SUT must fetch it, acknowledge the transport with updateStatus (done, or fail if it could not store it) on its own DocId, and send status 01 (đã đến) whose ResponseFor names the sender (OrganId) and the original DocumentId (specs/vdxp.md §3.5). On failure: no updateStatus means the axis keeps re-delivering; no 01 means the sender never learns the document arrived; a wrong ResponseFor sends the status to nobody.',
  requirements: ['vdxp.receive.ack-transport', 'vdxp.receive.ack-01', 'vdxp.status.response-for'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 150_000,
  async run(t) {
    const d = await deliverDocument(t);
    const ack = await awaitAck(t, d.receiverDocId, 'vdxp.receive.ack-transport');
    t.check('vdxp.receive.ack-transport', ack.status === 'done' || ack.status === 'fail', { message: `updateStatus status "${ack.status}" is not done or fail`, expected: 'done | fail', actual: ack.status, evidence: seqs(ack) });
    // Any 01 the SUT sent in this scenario: one naming another document is a ResponseFor error, not a missing 01.
    const first01 = await t.waitFor(`status 01 (đã đến) from the SUT about ${d.documentId}`, async () => (await sutStatuses(t)).find((s) => s.status.statusCode?.trim() === '01'), { timeoutMs: waitMs(t), requirement: 'vdxp.receive.ack-01' });
    const rf = first01.status.responseFor;
    t.check('vdxp.status.response-for', rf?.documentId?.trim() === d.documentId && rf?.organId?.trim() === d.peer.code, {
      message: 'status 01 does not name the original document and its sender in ResponseFor',
      expected: { organId: d.peer.code, documentId: d.documentId },
      actual: { organId: rf?.organId ?? null, documentId: rf?.documentId ?? null },
      evidence: seqs(first01),
    });
    await d.peer.collect(t);
  },
});
