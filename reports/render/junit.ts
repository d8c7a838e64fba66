/**
 * JUnit XML, the format CI tools read (the Jenkins/Ant form; schemas/report/junit.xsd): one <testsuite>
 * per profile level (MUST, SHOULD) and one <testcase> per scenario. A broken rule is a <failure> typed by
 * its requirement id, a harness problem an <error>, and skip/omit/wait are <skipped>: so a CI page shows
 * the same verdicts as the report, never turning "the harness could not drive the SUT" into "the SUT failed".
 */
import type { Level } from '../../scenarios/kit/types.js';
import { assertValidReport, type ComplianceReport, type ReportScenario } from '../model.js';
import { jsonOf, LEVELS, OUTCOME_LABEL, seconds, verdictLabel } from './text.js';
import { xmlOpen, xmlText } from './xml.js';

const indentLines = (text: string, pad: string): string => text.split('\n').join(`\n${pad}`);

/** Ant's timestamp form: ISO 8601 without fraction or zone (we write UTC, and the exact instants as properties). */
const antTimestamp = (iso: string): string => new Date(iso).toISOString().slice(0, 19);

function failureBody(s: ReportScenario): string {
  const n = s.failures.length;
  const parts = s.failures.map((f, i) =>
    [
      `[${i + 1}/${n}] ${f.requirement} — ${f.message}`,
      `  clause: ${f.clause ?? ''}`,
      `  expected: ${indentLines(jsonOf(f.expected), '  ')}`,
      `  actual: ${indentLines(jsonOf(f.actual), '  ')}`,
      `  evidence: ${f.evidence.length ? f.evidence.map((q) => `#${q}`).join(', ') : '(none)'}`,
    ].join('\n'),
  );
  if (s.reason) parts.push(`reason: ${s.reason}`);
  parts.push(`replay: ${s.replay}`);
  return parts.join('\n');
}

function testcase(r: ComplianceReport, s: ReportScenario): string {
  const open = xmlOpen('testcase', { classname: `${r.suite.id}.${s.platform}`, name: s.id, time: seconds(s.durationMs) });
  const inner: string[] = [];
  if (s.outcome === 'fail') {
    const first = s.failures[0];
    const message = first
      ? `${first.message}${s.failures.length > 1 ? ` (+${s.failures.length - 1} more: ${s.failures.slice(1).map((f) => f.requirement).join(', ')})` : ''}`
      : (s.reason ?? 'failed');
    inner.push(`${xmlOpen('failure', { message, type: first?.requirement ?? s.requirements[0] })}${xmlText(failureBody(s))}</failure>`);
  } else if (s.outcome === 'error') {
    inner.push(`${xmlOpen('error', { message: s.reason ?? 'harness error', type: 'harness-error' })}${xmlText(`${s.reason ?? 'harness error'}\nreplay: ${s.replay}`)}</error>`);
  } else if (s.outcome === 'skip' || s.outcome === 'omit' || s.outcome === 'wait') {
    inner.push(xmlOpen('skipped', { message: `${OUTCOME_LABEL[s.outcome]}: ${s.reason ?? s.outcome}` }, true));
  }
  const out = [s.title, ...s.messages, `requirements: ${s.requirements.join(', ')}`, `replay: ${s.replay}`];
  inner.push(`<system-out>${xmlText(out.join('\n'))}</system-out>`);
  return `    ${open}\n${inner.map((l) => `      ${l}`).join('\n')}\n    </testcase>`;
}

function properties(r: ComplianceReport, level: Level): string {
  const props: [string, string | number | undefined][] = [
    ['suite.id', r.suite.id],
    ['suite.version', r.suite.version],
    ['suite.digest', r.suite.digest],
    ['suite.title', r.suite.title],
    ['suite.role', r.suite.role],
    ['catalog.version', r.suite.catalogVersion],
    ['sut.name', r.sut.name],
    ['sut.version', r.sut.version],
    ['sut.agency', r.sut.agency],
    ['sut.systemId', r.sut.systemId],
    ['sut.driver', r.sut.driver],
    ['emulator.url', r.emulator.url],
    ['emulator.version', r.emulator.version],
    ['emulator.seed', r.emulator.seed],
    ['emulator.clockMode', r.emulator.clockMode],
    ['run.startedAt', r.startedAt],
    ['run.endedAt', r.endedAt],
    ['report.id', r.id],
    ['report.generatedAt', r.generatedAt],
    ['level', level],
    ['level.verdict', r.verdicts[level].verdict],
    ['report.verdict', r.verdict],
  ];
  return props
    .filter(([, v]) => v !== undefined)
    .map(([name, value]) => `      ${xmlOpen('property', { name, value }, true)}`)
    .join('\n');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

function countsOf(scenarios: readonly ReportScenario[]): Counts {
  return {
    tests: scenarios.length,
    failures: scenarios.filter((s) => s.outcome === 'fail').length,
    errors: scenarios.filter((s) => s.outcome === 'error').length,
    skipped: scenarios.filter((s) => s.outcome === 'skip' || s.outcome === 'omit' || s.outcome === 'wait').length,
    time: scenarios.reduce((t, s) => t + s.durationMs, 0),
  };
}

export function renderJunit(report: ComplianceReport): string {
  assertValidReport(report);
  const r = report;
  const suites = LEVELS.map((level, i) => {
    const scenarios = r.scenarios.filter((s) => s.level === level);
    const c = countsOf(scenarios);
    const open = xmlOpen('testsuite', {
      name: `${r.suite.id} ${r.suite.version} — ${level}`,
      tests: c.tests,
      failures: c.failures,
      errors: c.errors,
      skipped: c.skipped,
      time: seconds(c.time),
      timestamp: antTimestamp(r.startedAt),
      hostname: hostOf(r.emulator.url),
      id: i,
      package: r.suite.id,
    });
    const summary = `${level}: ${verdictLabel(r.verdicts[level].verdict)} — ${r.sut.name} ${r.sut.version} (${r.sut.agency}); report verdict ${verdictLabel(r.verdict)}`;
    return [
      `  ${open}`,
      '    <properties>',
      properties(r, level),
      '    </properties>',
      ...scenarios.map((s) => testcase(r, s)),
      `    <system-out>${xmlText(summary)}</system-out>`,
      '    <system-err></system-err>',
      '  </testsuite>',
    ].join('\n');
  });
  const all = countsOf(r.scenarios);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlOpen('testsuites', { name: `${r.suite.id} ${r.suite.version}`, tests: all.tests, failures: all.failures, errors: all.errors, skipped: all.skipped, time: seconds(all.time) }),
    ...suites,
    '</testsuites>',
  ].join('\n');
}
