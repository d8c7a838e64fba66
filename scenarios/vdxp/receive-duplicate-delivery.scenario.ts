import { awaitAck, awaitStatus, deliverDocument, settle } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, seqs, sutStatuses } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.receive.duplicate-delivery',
  title: 'Registers a document delivered twice only once',
  description:
    'The harness agency sends a document, waits for the SUT\'s acknowledgements, then sends a package with the same DocumentId again (as a sender\'s retry after a lost reply does; the lenient axis relays it). The SUT must acknowledge the second delivery with updateStatus but not register the document again: no second status 01. On failure: deduplicate received documents by DocumentId before registering them in the incoming book (sổ văn bản đến).',
  requirements: ['vdxp.receive.dedupe', 'vdxp.receive.ack-transport'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT, settleMs: { description: 'how long to watch for a second status 01 after the second delivery is acknowledged', default: 3_000 } },
  timeoutMs: 180_000,
  async run(t) {
    const first = await deliverDocument(t);
    await awaitAck(t, first.receiverDocId, 'vdxp.receive.ack-transport');
    await awaitStatus(t, first.documentId, ['01'], 'vdxp.receive.dedupe');
    // Same DocumentId, different bytes (a later TraceHeader), so the axis delivers it rather than folding it as a retry.
    const again = await deliverDocument(t, { number: first.number, date: first.date }, (m) => {
      m.traces = [{ organId: first.peer.code, timestamp: `${first.date} 23:59:59` }];
    });
    t.require('vdxp.receive.dedupe', again.documentId === first.documentId, { message: 'harness: the second delivery has another DocumentId', expected: first.documentId, actual: again.documentId });
    await awaitAck(t, again.receiverDocId, 'vdxp.receive.ack-transport');
    await settle(t, Number(t.inputs.settleMs ?? 3_000));
    const acks01 = (await sutStatuses(t, first.documentId)).filter((s) => s.status.statusCode?.trim() === '01');
    t.check('vdxp.receive.dedupe', acks01.length === 1, { message: `the SUT sent status 01 ${acks01.length} times for one document delivered twice`, expected: 1, actual: acks01.length, evidence: seqs(...acks01) });
    await first.peer.collect(t);
  },
});
