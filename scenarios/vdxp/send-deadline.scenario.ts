import { sendingDeadline } from '../../emulator/platforms/vdxp/rules.js';
import { vnTimestamp } from '../../emulator/core/clock.js';
import { sutSendsDocument, subjectFor } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, seqs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.send.deadline',
  title: 'Sends a document within the QĐ 28/2018 deadline after signing',
  description:
    'The harness asks the SUT to issue a document now. QĐ 28/2018/QĐ-TTg Điều 6 requires sending on the day of signing, at the latest the morning of the next working day; the harness computes that deadline from the package\'s PromulgationDate with the emulator\'s rule (next working day 12:00 Vietnam time) and compares it with the time the package reached the axis (emulator clock). On failure: the document was dated earlier than it was sent — check that the SUT sends right after signing, and that it dates the package with the signing date.',
  requirements: ['vdxp.send.deadline'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 120_000,
  async run(t) {
    const subject = subjectFor(t, 'kiểm thử thời hạn gửi');
    const { peer, send } = await sutSendsDocument(t, { subject }, 'vdxp.send.deadline');
    t.require('vdxp.send.deadline', send.accepted, { message: `the axis refused the document: ${send.refusal}`, expected: 'accepted', actual: send.refusal, evidence: seqs(send) });
    const date = send.edoc?.header.promulgationInfo?.promulgationDate?.trim() ?? '';
    const deadline = sendingDeadline(date);
    t.require('vdxp.send.deadline', deadline !== null, { message: `PromulgationDate "${date}" is not a yyyy/MM/dd date, so the deadline cannot be kept`, expected: 'yyyy/MM/dd', actual: date, evidence: seqs(send) });
    const sentAt = new Date(send.event.at);
    const late = send.verdicts.find((v) => v.code === 'VDXP_SEND_LATE');
    t.check('vdxp.send.deadline', sentAt.getTime() <= deadline!.getTime() && !late, {
      message: late?.message ?? `sent ${vnTimestamp(sentAt)}, after the deadline ${vnTimestamp(deadline!)} for a document signed ${date}`,
      expected: `sent by ${vnTimestamp(deadline!)} (Vietnam time)`,
      actual: `sent ${vnTimestamp(sentAt)}`,
      evidence: seqs(send),
    });
    await peer.collect(t);
  },
});
