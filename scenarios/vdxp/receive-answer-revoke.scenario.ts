import { awaitStatus, deliverDocument } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, seqs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.receive.answer-revoke',
  title: 'Answers a revocation (status 13) with 15 or 16',
  description:
    'The harness agency sends a document, waits for the SUT\'s 01, then revokes it with status 13 (lấy lại) and a reason, sent to the SUT. The SUT must collect the status and answer 15 (đồng ý) or 16 (từ chối) about the original DocumentId, addressed to the sender (specs/vdxp.md §2). On failure: poll the status mailbox too, and answer every revocation; a revoked document must leave the processing flow.',
  requirements: ['vdxp.change.answer'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 150_000,
  async run(t) {
    const d = await deliverDocument(t);
    await awaitStatus(t, d.documentId, ['01'], 'vdxp.change.answer');
    await d.peer.sendStatus(t, { to: t.sut.agency, documentId: d.documentId, code: '13', description: 'Thu hồi do sai sót về thể thức, sẽ ban hành lại' });
    await t.tryAct('vdxp.receive');
    const answer = await awaitStatus(t, d.documentId, ['15', '16'], 'vdxp.change.answer');
    t.check('vdxp.change.answer', answer.status.responseFor?.organId?.trim() === d.peer.code, {
      message: 'the answer to the revocation is not addressed to the sender (ResponseFor/OrganId)',
      expected: d.peer.code,
      actual: answer.status.responseFor?.organId ?? null,
      evidence: seqs(answer),
    });
    await d.peer.collect(t);
  },
});
