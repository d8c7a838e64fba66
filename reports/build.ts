/**
 * Builds the compliance report from a harness run: the run's results, the scenarios' descriptions, the
 * requirement catalog, and each scenario's exchanges read back from the emulator's evidence log (bounded,
 * so one chatty scenario cannot make a report unreadable).
 */
import { randomUUID } from 'node:crypto';
import type { EvidenceEvent } from '../emulator/core/evidence.js';
import type { EmulatorClient } from '../scenarios/kit/emulator-client.js';
import type { Catalog } from '../scenarios/kit/requirements.js';
import type { Level, Outcome, RunResult, Scenario, Suite } from '../scenarios/kit/types.js';
import { assertValidReport, REPORT_FORMAT, type ComplianceReport, type LevelVerdict, type ReportExchange } from './model.js';

export const MAX_EXCHANGES_PER_SCENARIO = 200;
export const MAX_BODY_CHARS = 16 * 1024;

const OUTCOMES: Outcome[] = ['pass', 'fail', 'skip', 'omit', 'error', 'wait'];

const cut = (s: string | null): string | null => (s === null || s.length <= MAX_BODY_CHARS ? s : `${s.slice(0, MAX_BODY_CHARS)}…[cut at ${MAX_BODY_CHARS} characters]`);

export function toReportExchange(e: EvidenceEvent): ReportExchange {
  return {
    seq: e.seq,
    at: e.at,
    platform: e.platform,
    operation: e.operation,
    systemId: e.systemId,
    method: e.method,
    path: e.path,
    status: e.status,
    durationMs: e.durationMs,
    requestHeaders: e.requestHeaders,
    requestBody: cut(e.requestBody),
    responseBody: cut(e.responseBody),
    verdicts: e.verdicts.map((v) => ({ code: v.code, severity: v.severity, message: v.message, ...(v.field ? { field: v.field } : {}) })),
    hash: e.hash,
  };
}

function levelVerdict(run: RunResult, level: Level): LevelVerdict {
  const counts = run.summary.byLevel[level];
  const ran = OUTCOMES.filter((o) => o !== 'omit').reduce((n, o) => n + counts[o], 0);
  return { counts: { ...counts }, verdict: ran === 0 ? 'not-applicable' : ran === counts.pass ? 'pass' : 'fail' };
}

export interface BuildOptions {
  suite: Suite;
  scenarios: ReadonlyMap<string, Scenario>;
  catalog: Catalog;
  /** Where to read the exchanges; without it, reports carry no exchanges (e.g. re-rendering offline). */
  emulator?: EmulatorClient;
  id?: string;
  generatedAt?: Date;
}

export async function buildReport(run: RunResult, o: BuildOptions): Promise<ComplianceReport> {
  const scenarios = [];
  for (const r of run.results) {
    const def = o.scenarios.get(r.id);
    let exchanges: ReportExchange[] = [];
    let omitted = 0;
    if (o.emulator && r.evidence.first !== null && r.evidence.last !== null) {
      const events = (await o.emulator.events(r.evidence.first - 1)).filter((e) => e.seq <= (r.evidence.last as number));
      omitted = Math.max(0, events.length - MAX_EXCHANGES_PER_SCENARIO);
      exchanges = events.slice(0, MAX_EXCHANGES_PER_SCENARIO).map(toReportExchange);
    }
    scenarios.push({
      id: r.id,
      title: r.title,
      description: def?.description ?? '',
      platform: def?.platform ?? 'cross',
      outcome: r.outcome,
      level: r.level,
      requirements: r.requirements,
      failures: r.failures.map((f) => ({ ...f, clause: f.clause ?? '(not in the catalog)' })),
      messages: r.messages,
      ...(r.reason ? { reason: r.reason } : {}),
      durationMs: r.durationMs,
      replay: r.replay,
      evidence: { first: r.evidence.first, last: r.evidence.last, exchanges, omitted },
    });
  }
  const report: ComplianceReport = {
    format: REPORT_FORMAT,
    id: o.id ?? randomUUID(),
    generatedAt: (o.generatedAt ?? new Date()).toISOString(),
    suite: { id: run.suite.id, version: run.suite.version, digest: run.suite.digest, title: o.suite.title, role: o.suite.role, catalogVersion: o.catalog.version },
    emulator: { ...run.emulator },
    sut: { name: run.sut.name, version: run.sut.version, agency: run.sut.agency, ...(run.sut.systemId ? { systemId: run.sut.systemId } : {}), driver: run.sut.driver },
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    scenarios,
    requirements: run.coverage.map((c) => {
      const req = o.catalog.requirements.get(c.requirement);
      return { id: c.requirement, level: c.level, source: req?.source ?? '', text: req?.text ?? { vi: '', en: '' }, scenarios: c.scenarios, outcome: c.outcome };
    }),
    verdicts: { MUST: levelVerdict(run, 'MUST'), SHOULD: levelVerdict(run, 'SHOULD') },
    verdict: run.summary.verdict,
  };
  assertValidReport(report);
  return report;
}
