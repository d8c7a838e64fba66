import { progressViolation, statusLabel } from '../../emulator/platforms/vdxp/rules.js';
import { awaitStatus, deliverDocument } from '../kit/vdxp/flows.js';
import { WAIT_INPUT, seqs, sutStatuses } from '../kit/vdxp/sut.js';
import { defineScenario } from '../kit/types.js';

export const scenario = defineScenario({
  id: 'vdxp.receive.statuses-in-order',
  title: 'Reports the handling of a received document as 01 → 03 → 04 → 05 → 06, in order',
  description:
    'The harness agency sends a document; after the SUT\'s 01, the harness asks it to take the document through its handling to 06 (hoàn thành). Every status the SUT sends about the document is checked against the transition rule the axis applies (01 → 02|03, 03 → 04 → 05 → 06, 04 may be skipped, nothing after 02 or 06), and the axis\'s own transition findings are read too. On failure: the listed pair shows which status came out of order; send statuses as the document moves, never batch or reorder them.',
  requirements: ['vdxp.status.order'],
  role: 'qlvb',
  platform: 'vdxp',
  inputs: { ...WAIT_INPUT },
  timeoutMs: 150_000,
  async run(t) {
    const d = await deliverDocument(t);
    await awaitStatus(t, d.documentId, ['01'], 'vdxp.status.order');
    await t.act('vdxp.processDocument', { documentId: d.documentId, through: '06' });
    await awaitStatus(t, d.documentId, ['06'], 'vdxp.status.order');
    const sent = await sutStatuses(t, d.documentId);
    let current: string | null = null;
    for (const s of sent) {
      const code = s.status.statusCode?.trim() ?? '';
      const why = progressViolation(current, code, false);
      const axis = s.verdicts.find((v) => v.code === 'VDXP_STATUS_TRANSITION');
      t.check('vdxp.status.order', !why && !axis, {
        message: why ?? axis?.message ?? '',
        expected: current ? `a status allowed after ${statusLabel(current)}` : 'status 01 first',
        actual: statusLabel(code),
        evidence: seqs(s),
      });
      current = code;
    }
    t.log(`statuses sent: ${sent.map((s) => s.status.statusCode).join(' → ')}`);
    await d.peer.collect(t);
  },
});
