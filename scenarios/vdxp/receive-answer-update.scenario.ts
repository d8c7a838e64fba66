import { awaitStatus, deliverDocument } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, seqs, sutStatuses, waitMs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.receive.answer-update',
  title: 'Answers an update (type 2) and a replacement (type 3) with 15 or 16',
  description:
    'The harness agency sends a document and, after the SUT\'s 01, an update of it (BussinessDocType 2, naming the original in Bussiness/DocumentId) and then a replacement (BussinessDocType 3, ReplacementInfoList). The SUT must answer each with 15 (đồng ý) or 16 (từ chối) to the sender, about the original or the new DocumentId (specs/vdxp.md §2). On failure: handle BussinessDocType 1–3 packages as changes of a registered document, not as new ones, and answer them.',
  requirements: ['vdxp.change.answer'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 180_000,
  async run(t) {
    const d = await deliverDocument(t);
    await awaitStatus(t, d.documentId, ['01'], 'vdxp.change.answer');
    let answered = 0;
    for (const type of ['2', '3'] as const) {
      const changed = await d.peer.sendDocument(t, t.sut.agency, {
        type,
        reason: type === '2' ? 'Cập nhật nội dung văn bản' : 'Thay thế văn bản do sai sót',
        ...(type === '2' ? { changes: d.documentId } : { replaces: [{ documentId: d.documentId, organIds: [t.sut.agency] }] }),
      }, (m) => {
        if (type === '2' && m.business) m.business.documentInfo = { documentInfo: '1', documentReceiver: '0', receivers: [] };
      });
      await t.tryAct('vdxp.receive');
      const ids = [d.documentId, changed.documentId];
      const answer = await t.waitFor(
        `status 15 or 16 answering the ${type === '2' ? 'update (loại 2)' : 'replacement (loại 3)'} ${changed.documentId}`,
        async () => (await sutStatuses(t)).find((s) => ['15', '16'].includes(s.status.statusCode?.trim() ?? '') && ids.includes(s.status.responseFor?.documentId?.trim() ?? '') && s.event.seq > answered),
        { timeoutMs: waitMs(t), requirement: 'vdxp.change.answer' },
      );
      answered = answer.event.seq;
      t.check('vdxp.change.answer', answer.status.responseFor?.organId?.trim() === d.peer.code, { message: 'the answer is not addressed to the sender', expected: d.peer.code, actual: answer.status.responseFor?.organId ?? null, evidence: seqs(answer) });
    }
    await d.peer.collect(t);
  },
});
