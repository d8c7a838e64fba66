import { subjectFor, sutSendsDocument } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, seqs, sutAcks, waitMs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.send.collect-statuses',
  title: 'Collects the statuses recipients send about its documents and acknowledges them',
  description:
    'The harness asks the SUT to send a document; the harness agency answers 01 and then 03 (đã tiếp nhận). The SUT must poll its status mailbox (getReceivedEdocList messagetype=status), fetch both and acknowledge each with updateStatus done (specs/vdxp.md §3.5 step 5), so the sender\'s clerk sees the document\'s progress. On failure: run the status poll as well as the document poll, and acknowledge what it fetched.',
  requirements: ['vdxp.receive.collect-statuses'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 150_000,
  async run(t) {
    const { peer, documentId, send } = await sutSendsDocument(t, { subject: subjectFor(t, 'theo dõi trạng thái') }, 'vdxp.receive.collect-statuses');
    t.require('vdxp.receive.collect-statuses', send.accepted && !!documentId, { message: `the document was not sent: ${send.refusal ?? 'no DocumentId'}`, expected: 'accepted', actual: send.refusal ?? null, evidence: seqs(send) });
    await peer.collect(t); // answers 01
    const docIds = [await peer.sendStatus(t, { to: t.sut.agency, documentId, code: '03', description: 'Đã tiếp nhận, vào sổ văn bản đến' })];
    const receiverDocIds = (await Promise.all(docIds.map((id) => peer.receiverDocIds(id)))).flat();
    await t.tryAct('vdxp.receive');
    const acks = await t.waitFor(
      `updateStatus done for the status packages ${receiverDocIds.join(', ')}`,
      async () => {
        const done = (await sutAcks(t)).filter((a) => receiverDocIds.includes(a.docId) && a.status === 'done');
        return new Set(done.map((a) => a.docId)).size === receiverDocIds.length ? done : undefined;
      },
      { timeoutMs: waitMs(t), requirement: 'vdxp.receive.collect-statuses' },
    );
    t.log(`acknowledged: ${acks.map((a) => a.docId).join(', ')} (evidence ${seqs(...acks).join(', ')})`);
  },
});
