/**
 * The suites (profiles) a kind of system must pass, versioned: a suite's version changes whenever its list
 * of scenarios or what they require changes (its digest in a result names exactly what ran). The defect
 * matrix says which scenarios each defect switch of examples/reference-agency must make fail: the
 * self-tests prove every scenario can fail, naming its own requirement.
 */
import type { Suite } from './kit/types.js';

export const SUITES: readonly Suite[] = [
  {
    id: 'vdxp-qlvb',
    version: '1.0.0',
    title: 'Document-management system on the national document-exchange axis (QLVB ↔ VDXP)',
    role: 'qlvb',
    scenarios: [
      'vdxp.send.valid-package',
      'vdxp.send.signed-package',
      'vdxp.send.deadline',
      'vdxp.receive.acknowledge',
      'vdxp.receive.statuses-in-order',
      'vdxp.receive.reject-faulty',
      'vdxp.receive.reject-with-reason',
      'vdxp.receive.duplicate-delivery',
      'vdxp.receive.answer-revoke',
      'vdxp.receive.answer-update',
      'vdxp.send.revoke',
      'vdxp.send.update-replace',
      'vdxp.send.collect-statuses',
      'vdxp.send.retry-after-axis-error',
    ],
  },
  // @suites (each platform adds its suites here)
];

/** Defect switch → the scenarios it must make fail. */
export const DEFECT_MATRIX: Readonly<Record<string, readonly string[]>> = {
  'bad-package': ['vdxp.send.valid-package', 'vdxp.send.update-replace'],
  unsigned: ['vdxp.send.signed-package'],
  'late-send': ['vdxp.send.deadline'],
  'no-ack': ['vdxp.receive.acknowledge', 'vdxp.send.collect-statuses'],
  'no-status-01': ['vdxp.receive.acknowledge'],
  'wrong-response-for': ['vdxp.receive.acknowledge'],
  'status-out-of-order': ['vdxp.receive.statuses-in-order'],
  'accept-faulty': ['vdxp.receive.reject-faulty'],
  'no-reason': ['vdxp.receive.reject-with-reason', 'vdxp.send.revoke'],
  'duplicate-ack': ['vdxp.receive.duplicate-delivery'],
  'no-change-answer': ['vdxp.receive.answer-revoke', 'vdxp.receive.answer-update'],
  'no-retry': ['vdxp.send.retry-after-axis-error'],
  // @defects (each platform adds its defects here)
};
