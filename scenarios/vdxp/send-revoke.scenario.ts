import { subjectFor, sutSendsDocument } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, hasText, seqs, sutSends, waitMs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.send.revoke',
  title: 'Revokes a sent document with status 13 (or a type 1 package) and the reason',
  description:
    'The harness asks the SUT to send a document, the harness agency receives it and answers 01, then the harness asks the SUT to revoke it (lấy lại). The SUT must send either status 13 from itself with ResponseFor naming the recipient and the original DocumentId, or a BussinessDocType 1 package naming the original in Bussiness/DocumentId — with the reason (Description or BussinessDocReason). On failure: see which part of the revocation is missing; a revocation without a reason is refused by recipients.',
  requirements: ['vdxp.change.send', 'vdxp.status.reason'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 150_000,
  async run(t) {
    const { peer, documentId, send } = await sutSendsDocument(t, { subject: subjectFor(t, 'văn bản sẽ thu hồi') }, 'vdxp.change.send');
    t.require('vdxp.change.send', send.accepted && !!documentId, { message: `the document to revoke was not sent: ${send.refusal ?? 'no DocumentId'}`, expected: 'accepted', actual: send.refusal ?? null, evidence: seqs(send) });
    await peer.collect(t);
    await t.act('vdxp.changeDocument', { documentId, kind: 'revoke', reason: 'Thu hồi do sai sót về thể thức' });
    const revocation = await t.waitFor(
      `status 13 or a BussinessDocType 1 package revoking ${documentId}`,
      async () =>
        (await sutSends(t, { acceptedOnly: true })).find(
          (s) => (s.status?.statusCode?.trim() === '13' && s.status.responseFor?.documentId?.trim() === documentId) || (s.edoc?.business?.docType?.trim() === '1'),
        ),
      { timeoutMs: waitMs(t), requirement: 'vdxp.change.send' },
    );
    if (revocation.status) {
      const rf = revocation.status.responseFor;
      t.check('vdxp.change.send', rf?.organId?.trim() === peer.code && revocation.status.from?.organId?.trim() === t.sut.agency, {
        message: 'status 13 must come from the sender and name the recipient in ResponseFor/OrganId',
        expected: { from: t.sut.agency, responseFor: peer.code },
        actual: { from: revocation.status.from?.organId ?? null, responseFor: rf?.organId ?? null },
        evidence: seqs(revocation),
      });
      t.check('vdxp.status.reason', hasText(revocation.status.description), { message: 'status 13 carries no reason in Description', expected: 'a non-empty reason', actual: revocation.status.description ?? null, evidence: seqs(revocation) });
    } else {
      const b = revocation.edoc!.business;
      t.check('vdxp.change.send', b?.documentId?.trim() === documentId, { message: 'the type 1 package does not name the revoked document in Bussiness/DocumentId', expected: documentId, actual: b?.documentId ?? null, evidence: seqs(revocation) });
      t.check('vdxp.change.send', hasText(b?.docReason), { message: 'the type 1 package carries no BussinessDocReason', expected: 'a non-empty reason', actual: b?.docReason ?? null, evidence: seqs(revocation) });
    }
    await peer.collect(t);
  },
});
