import { subjectFor } from '../kit/vdxp/flows.js';
import { peerFor } from '../kit/vdxp/peer.js';
import { WAIT_INPUT, seqs, sutSends, sutSystemId, waitMs } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.send.retry-after-axis-error',
  title: 'Retries when the axis fails, and the document arrives exactly once',
  description:
    'The harness makes the axis answer the SUT\'s next two sendEdoc calls with HTTP 503 (fault injection, /_lienthong/faults), then asks the SUT to send a document. The SUT must retry (the SDK is configured with 2–5 retries, specs/vdxp.md §3.1) so the document is accepted once and reaches the recipient; a second accepted copy would be a duplicate. On failure: retry transient errors (network, 5xx) with a back-off, and keep the same package so a retry cannot create a second document.',
  requirements: ['vdxp.transport.retry'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 150_000,
  async run(t) {
    const peer = await peerFor(t);
    const systemId = await sutSystemId(t);
    const fault = await t.control<{ id: string }>('POST', '/_lienthong/faults', { platform: 'vdxp', operation: 'sendEdoc', systemId, kind: 'error', status: 503, count: 2 });
    try {
      const subject = subjectFor(t, 'kiểm thử gửi lại');
      const result = await t.act('vdxp.sendDocument', { to: [peer.code], subject });
      const accepted = await t.waitFor(
        `the document "${subject}" accepted by the axis after the injected errors`,
        async () => (await sutSends(t, { kind: 'edoc', acceptedOnly: true })).find((s) => s.edoc?.header.subject === subject),
        { timeoutMs: waitMs(t), requirement: 'vdxp.transport.retry' },
      );
      const refused = (await sutSends(t)).filter((s) => !s.accepted);
      t.log(`refused attempts: ${refused.length}, accepted as DocId ${accepted.docId}${result.documentId ? ` (${String(result.documentId)})` : ''}`);
      // Copies accepted within the scenario: the first is the delivery, any other is a duplicate.
      await new Promise((r) => setTimeout(r, 500));
      const copies = (await sutSends(t, { kind: 'edoc', acceptedOnly: true })).filter((s) => s.edoc?.header.subject === subject);
      t.check('vdxp.transport.retry', copies.length === 1, { message: `the document was accepted ${copies.length} times`, expected: 1, actual: copies.length, evidence: seqs(...copies) });
      await peer.collect(t);
      t.check('vdxp.transport.retry', peer.documents.some((d) => d.pkg.header.subject === subject), { message: 'the document did not reach the recipient\'s mailbox', expected: subject, actual: null, evidence: seqs(accepted) });
    } finally {
      await t.control('DELETE', `/_lienthong/faults/${fault.id}`).catch(() => undefined);
    }
  },
});
