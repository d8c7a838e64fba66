/**
 * Fault injection (`/_lienthong/faults`, `lienthong faults`): make a platform's requests fail, slow down,
 * go unanswered, or make the axis redeliver, reorder or tamper with what it delivers — so a harness can
 * prove that a system retries, deduplicates, verifies and survives. See docs/faults.md and decision 019.
 */
export { FaultBook, faultMigrations, seededRoll, type FaultBookOptions, type FaultTarget } from './faults/book.js';
export { faultVerdict, registerFaults } from './faults/http.js';
export { lastSegment, type FaultFailure, type PlatformFaults } from './faults/platform.js';
export { assertFaultRule, describeFault, FAULT_KINDS, faultRuleProblem, REQUEST_KINDS, type FaultInput, type FaultKind, type FaultPlatform, type FaultRule } from './faults/rules.js';
