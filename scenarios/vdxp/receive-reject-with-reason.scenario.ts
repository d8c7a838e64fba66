import { awaitStatus, deliverDocument } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, hasText, seqs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.receive.reject-with-reason',
  title: 'A clerk\'s refusal goes out as status 02 with the reason',
  description:
    'The harness agency sends a valid document; after the SUT\'s 01, the harness asks it to refuse the document (misdirected — gửi nhầm nơi nhận). The SUT must send status 02 (từ chối tiếp nhận) whose Description gives the reason (QĐ 28/2018: the recipient may refuse and answers for it). On failure: make the reason mandatory in the refusal form and put it in Description.',
  requirements: ['vdxp.status.reason'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 150_000,
  async run(t) {
    const d = await deliverDocument(t);
    await awaitStatus(t, d.documentId, ['01'], 'vdxp.status.reason');
    const reason = 'Văn bản gửi nhầm nơi nhận, không thuộc thẩm quyền giải quyết';
    await t.act('vdxp.rejectDocument', { documentId: d.documentId, reason });
    const refusal = await awaitStatus(t, d.documentId, ['02'], 'vdxp.status.reason');
    t.check('vdxp.status.reason', hasText(refusal.status.description), { message: 'status 02 carries no reason in Description', expected: reason, actual: refusal.status.description ?? null, evidence: seqs(refusal) });
    await d.peer.collect(t);
  },
});
