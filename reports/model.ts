/**
 * The compliance report (DESIGN §5): one model that every rendering (JSON, JUnit XML, Markdown, HTML) is a
 * pure function of, validated against schemas/report/compliance-report.json before it is rendered or
 * signed. It carries what a certifying agency needs to trust a verdict without rerunning it: what ran
 * (suite id, version, digest), against what (emulator version, seed, clock mode), on which system (SUT
 * identity and driver), every scenario with its failures, messages and the exchanges that show them, the
 * requirement coverage, and the verdict per level.
 */
import { describeSchemaErrors, validatorFor } from '../emulator/core/schemas.js';
import type { CoverageOutcome, DriverKind, Failure, Level, Outcome, Role } from '../scenarios/kit/types.js';

export const REPORT_FORMAT = 'lienthong-report/1';

/** One exchange of the evidence log, bounded for the report (bodies cut, secrets already redacted). */
export interface ReportExchange {
  seq: number;
  at: string;
  platform: string;
  operation: string | null;
  systemId: string | null;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  responseBody: string | null;
  verdicts: { code: string; severity: 'error' | 'warning' | 'info'; message: string; field?: string }[];
  /** The exchange's hash in the emulator's evidence chain (GET /_lienthong/events/verify). */
  hash: string;
}

export interface ReportScenario {
  id: string;
  title: string;
  description: string;
  platform: string;
  outcome: Outcome;
  level: Level;
  requirements: string[];
  failures: Failure[];
  messages: string[];
  reason?: string;
  durationMs: number;
  replay: string;
  evidence: { first: number | null; last: number | null; exchanges: ReportExchange[]; omitted: number };
}

export interface ReportRequirement {
  id: string;
  level: Level;
  source: string;
  text: { vi: string; en: string };
  scenarios: string[];
  outcome: CoverageOutcome;
}

export interface LevelVerdict {
  counts: Record<Outcome, number>;
  /** pass when every scenario of this level that ran passed (none ran: not-applicable). */
  verdict: 'pass' | 'fail' | 'not-applicable';
}

export interface ComplianceReport {
  format: typeof REPORT_FORMAT;
  id: string;
  generatedAt: string;
  suite: { id: string; version: string; digest: string; title: string; role: Role; catalogVersion: string };
  emulator: { url: string; version: string; seed: number; clockMode: 'real' | 'virtual' };
  sut: { name: string; version: string; agency: string; systemId?: string; driver: DriverKind };
  startedAt: string;
  endedAt: string;
  scenarios: ReportScenario[];
  requirements: ReportRequirement[];
  verdicts: { MUST: LevelVerdict; SHOULD: LevelVerdict };
  /** pass only when every MUST scenario that ran passed (and at least one ran). */
  verdict: 'pass' | 'fail';
}

export class InvalidReport extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(`not a valid compliance report: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidReport';
  }
}

/** Throws InvalidReport naming each field that breaks schemas/report/compliance-report.json. */
export function assertValidReport(value: unknown): asserts value is ComplianceReport {
  const validate = validatorFor<ComplianceReport>('lienthong:report/compliance-report');
  if (!validate(value)) throw new InvalidReport(describeSchemaErrors(validate.errors).map((p) => ({ field: p.field, message: p.message })));
}
