import { sutSendsDocument, subjectFor } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, seqs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.send.valid-package',
  title: 'Sends a document as a valid QCVN 102 package, from itself to the chosen recipient',
  description:
    'The harness asks the SUT to send a document (văn bản đi) to the harness agency. The package that reaches the axis is parsed and validated strictly with the emulator\'s own edXML parser and rules (QCVN 102:2016, specs/vdxp.md §5 checks 1–8), and its From, To, Subject and DocumentId are compared with what was asked. On failure: read the listed problems (field and rule) and fix the package builder; a refusal by the axis is shown with its ErrorDesc.',
  requirements: ['vdxp.edxml.valid', 'vdxp.edxml.from-self'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 120_000,
  async run(t) {
    const subject = subjectFor(t, 'kiểm thử gửi văn bản');
    const { peer, documentId, send } = await sutSendsDocument(t, { subject }, 'vdxp.edxml.valid');
    t.require('vdxp.edxml.valid', send.accepted, { message: `the axis refused the document: ${send.refusal}`, expected: 'status OK with a DocId', actual: send.refusal, evidence: seqs(send) });
    t.check('vdxp.edxml.valid', send.problems.length === 0, {
      message: `the package breaks QCVN 102:2016: ${send.problems.map((p) => `${p.field}: ${p.message}`).join(' | ')}`,
      expected: 'no problem under strict validation',
      actual: send.problems.map((p) => ({ code: p.code, field: p.field, rule: p.rule })),
      evidence: seqs(send),
    });
    const h = send.edoc!.header;
    const to = h.to.map((x) => x.organId?.trim());
    t.check('vdxp.edxml.from-self', h.from?.organId?.trim() === t.sut.agency, { message: 'From/OrganId is not the SUT\'s own agency code', expected: t.sut.agency, actual: h.from?.organId ?? null, evidence: seqs(send) });
    t.check('vdxp.edxml.from-self', to.length === 1 && to[0] === peer.code, { message: 'To/OrganId is not exactly the recipient asked for', expected: [peer.code], actual: to, evidence: seqs(send) });
    t.check('vdxp.edxml.from-self', h.subject === subject, { message: 'Subject (trích yếu) is not the one given', expected: subject, actual: h.subject ?? null, evidence: seqs(send) });
    t.check('vdxp.edxml.from-self', !documentId || h.documentId?.trim() === documentId, { message: 'the DocumentId the SUT reported differs from the one in its package', expected: documentId, actual: h.documentId ?? null, evidence: seqs(send) });
    await peer.collect(t);
  },
});
