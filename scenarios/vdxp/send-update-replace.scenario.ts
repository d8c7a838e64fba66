import { subjectFor, sutSendsDocument } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, hasText, seqs, sutSends, waitMs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.send.update-replace',
  title: 'Updates (type 2) and replaces (type 3) a sent document with valid change packages',
  description:
    'The harness asks the SUT to send a document, then to update it and to replace it. Each change must reach the axis as a valid QCVN 102 package of the right BussinessDocType: 2 with Bussiness/DocumentId naming the original and BussinessDocumentInfo, 3 with ReplacementInfoList naming the original and its recipients, both with BussinessDocReason (specs/vdxp.md §1.3, §5 check 6). Packages are validated strictly with the emulator\'s parser and rules. On failure: the problems list the field and the rule broken.',
  requirements: ['vdxp.change.send', 'vdxp.edxml.valid'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 180_000,
  async run(t) {
    const { peer, documentId, send } = await sutSendsDocument(t, { subject: subjectFor(t, 'văn bản sẽ điều chỉnh') }, 'vdxp.change.send');
    t.require('vdxp.change.send', send.accepted && !!documentId, { message: `the document to change was not sent: ${send.refusal ?? 'no DocumentId'}`, expected: 'accepted', actual: send.refusal ?? null, evidence: seqs(send) });
    await peer.collect(t);
    for (const [kind, type] of [['update', '2'], ['replace', '3']] as const) {
      await t.act('vdxp.changeDocument', { documentId, kind, reason: kind === 'update' ? 'Cập nhật nơi nhận và nội dung' : 'Thay thế do sai sót' });
      const change = await t.waitFor(
        `a BussinessDocType ${type} package (${kind}) about ${documentId}`,
        async () => (await sutSends(t, { kind: 'edoc' })).find((s) => !s.accepted || s.edoc?.business?.docType?.trim() === type),
        { timeoutMs: waitMs(t), requirement: 'vdxp.change.send' },
      );
      t.require('vdxp.change.send', change.accepted, { message: `the axis refused the ${kind} package: ${change.refusal}`, expected: 'accepted', actual: change.refusal, evidence: seqs(change) });
      t.check('vdxp.edxml.valid', change.problems.length === 0, {
        message: `the ${kind} package breaks QCVN 102:2016: ${change.problems.map((p) => `${p.field}: ${p.message}`).join(' | ')}`,
        expected: 'no problem under strict validation',
        actual: change.problems.map((p) => ({ code: p.code, field: p.field, rule: p.rule })),
        evidence: seqs(change),
      });
      const b = change.edoc!.business;
      const names = type === '2' ? b?.documentId?.trim() === documentId : (b?.replacements ?? []).some((r) => r.documentId?.trim() === documentId);
      t.check('vdxp.change.send', names, { message: `the ${kind} package does not name the original document`, expected: documentId, actual: type === '2' ? (b?.documentId ?? null) : (b?.replacements ?? []).map((r) => r.documentId), evidence: seqs(change) });
      t.check('vdxp.change.send', hasText(b?.docReason), { message: `the ${kind} package carries no BussinessDocReason`, expected: 'a non-empty reason', actual: b?.docReason ?? null, evidence: seqs(change) });
      await peer.collect(t);
    }
  },
});
