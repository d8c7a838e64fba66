import { sutSendsDocument, subjectFor } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, seqs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.send.signed-package',
  title: 'Signs a document with a valid XML-DSig signature when asked',
  description:
    'The harness asks the SUT to send a signed document. The axis verifies the enveloped XML-DSig signature on the bytes the SUT sent (digest, signature value, certificate chained to the emulator\'s test CA, valid now and issued to the SUT\'s own system: decision 025); the harness reads that verdict. On failure: the signature is absent (the SUT ignored the request to sign), or the reason names what did not verify — check canonicalisation, the enveloped transform and the certificate (GET /_lienthong/vdxp/systems/<id>/credentials gives the test certificate).',
  requirements: ['vdxp.edxml.signed'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 120_000,
  async run(t) {
    const subject = subjectFor(t, 'kiểm thử văn bản ký số');
    const { peer, send } = await sutSendsDocument(t, { subject, signed: true }, 'vdxp.edxml.signed');
    t.require('vdxp.edxml.signed', send.accepted, { message: `the axis refused the signed document: ${send.refusal}`, expected: 'accepted', actual: send.refusal, evidence: seqs(send) });
    const finding = send.verdicts.find((v) => v.code.startsWith('VDXP_SIGNATURE'));
    t.check('vdxp.edxml.signed', send.signatureStatus === 'valid', {
      message:
        send.signatureStatus === 'absent'
          ? 'the package carries no Signature although the document was to be signed'
          : send.signatureStatus === 'signer-mismatch'
            ? `the signature verifies but is not the sender's own: ${finding?.message ?? send.signatureStatus}`
            : `the signature does not verify: ${finding?.message ?? send.signatureStatus}`,
      expected: 'valid',
      actual: send.signatureStatus,
      evidence: seqs(send),
    });
    await peer.collect(t);
  },
});
