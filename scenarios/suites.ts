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
  {
    id: 'dvcqg-motcua',
    version: '1.0.0',
    title: 'One-stop system on the national public-service portal (Một cửa điện tử ↔ DVCQG)',
    role: 'motcua',
    scenarios: [
      'dvcqg.sync.valid-dossier',
      'dvcqg.progress.legal-order',
      'dvcqg.due-date.appointment',
      'dvcqg.lookup.answer',
      'dvcqg.sso.login',
      'dvcqg.sso.forged-state',
      'dvcqg.payment.fee-paid',
      'dvcqg.due-date.kept',
    ],
  },
  {
    id: 'ndxp-consumer',
    version: '1.0.0',
    title: 'Data consumer on the national data integration and sharing platform (NDXP / LGSP)',
    role: 'ndxp-consumer',
    scenarios: [
      'ndxp.consumer.client-credentials',
      'ndxp.consumer.token-reuse',
      'ndxp.consumer.citizen-lookup',
      'ndxp.consumer.enterprise-lookup',
      'ndxp.consumer.not-found',
      'ndxp.consumer.faults',
      'ndxp.consumer.token-revoked',
      'ndxp.consumer.token-expired',
      'ndxp.consumer.rate-limit',
      'ndxp.consumer.quota',
    ],
  },
  {
    id: 'ndxp-provider',
    version: '1.0.0',
    title: 'Data provider publishing a service on the national data integration and sharing platform (NDXP / LGSP)',
    role: 'ndxp-provider',
    scenarios: ['ndxp.provider.answers', 'ndxp.provider.records-caller', 'ndxp.provider.refuses-direct'],
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
  'dvcqg-numeric-fields': ['dvcqg.sync.valid-dossier'],
  'dvcqg-bad-dossier-code': ['dvcqg.sync.valid-dossier'],
  'dvcqg-no-progress': ['dvcqg.progress.legal-order'],
  'dvcqg-skip-result-ready': ['dvcqg.progress.legal-order'],
  'dvcqg-padded-due-date': ['dvcqg.due-date.appointment'],
  'dvcqg-backdated-finish': ['dvcqg.due-date.kept'],
  'dvcqg-moved-due-date': ['dvcqg.due-date.kept'],
  'dvcqg-lookup-stale': ['dvcqg.lookup.answer'],
  'dvcqg-sso-redirect-mismatch': ['dvcqg.sso.login'],
  'dvcqg-sso-no-state-check': ['dvcqg.sso.forged-state'],
  'dvcqg-pay-missing-receipt': ['dvcqg.payment.fee-paid'],
  'dvcqg-pay-no-ack': ['dvcqg.payment.fee-paid'],
  'ndxp-token-json-body': ['ndxp.consumer.client-credentials'],
  'ndxp-token-per-call': ['ndxp.consumer.token-reuse'],
  'ndxp-no-token-refresh': ['ndxp.consumer.token-revoked', 'ndxp.consumer.token-expired'],
  'ndxp-ignore-retry-after': ['ndxp.consumer.rate-limit', 'ndxp.consumer.quota'],
  'ndxp-bad-soap': ['ndxp.consumer.citizen-lookup'],
  'ndxp-bad-msdn-param': ['ndxp.consumer.enterprise-lookup'],
  'ndxp-not-found-as-error': ['ndxp.consumer.not-found'],
  'ndxp-fault-as-not-found': ['ndxp.consumer.faults'],
  'ndxp-provider-bad-reply': ['ndxp.provider.answers'],
  'ndxp-provider-no-audit': ['ndxp.provider.records-caller'],
  'ndxp-provider-open': ['ndxp.provider.refuses-direct'],
  // @defects (each platform adds its defects here)
};
