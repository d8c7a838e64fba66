import { assertValidReport, type ComplianceReport } from '../model.js';
import { canonicalJson } from '../sign.js';

/**
 * The JSON rendering is the canonical JSON itself: the bytes the detached signature covers. Like every
 * renderer it refuses a report that breaks the schema (InvalidReport) instead of rendering it.
 */
export function renderJson(report: ComplianceReport): string {
  assertValidReport(report);
  return canonicalJson(report);
}
