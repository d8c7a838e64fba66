/**
 * Markdown, for a pull request or a ticket: the verdict, the counts per level, then what to fix (each
 * broken rule with its clause, expected vs actual and the command that replays it), then a compact table
 * of every scenario. Text from the report is escaped so that a message can never become markup (a link,
 * an HTML tag or a table cell of its own); the full evidence is in the HTML and JSON renderings.
 */
import type { CoverageOutcome } from '../../scenarios/kit/types.js';
import { assertValidReport, type ComplianceReport, type ReportScenario } from '../model.js';
import { COUNT_LABEL, durationText, jsonOf, LABEL, LEVELS, OUTCOME_LABEL, OUTCOMES, showControls, withVietnamTime } from './text.js';

const MARK: Record<CoverageOutcome | 'not-applicable', string> = {
  pass: '✅',
  fail: '❌',
  error: '⚠️',
  skip: '⏭️',
  omit: '➖',
  wait: '⏳',
  untested: '◻️',
  unproven: '◽',
  'not-applicable': '➖',
};

/** Inline text: one line, every character that could start markup backslash-escaped (CommonMark allows it for any ASCII punctuation). */
const md = (s: string): string => showControls(s).replace(/\r?\n|\r/g, ' ').replace(/[\\`*_[\]<>|~&$#!]/g, (c) => `\\${c}`);

const longestRun = (s: string, ch: string): number => Math.max(0, ...[...s.matchAll(new RegExp(`${ch}+`, 'g'))].map((m) => m[0].length));

/** A code span that holds any text literally; in a table cell the pipe still has to be escaped (GFM). */
function code(s: string, inTable = false): string {
  let t = showControls(s).replace(/\r?\n|\r/g, ' ');
  if (inTable) t = t.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(t, '`') + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

function codeBlock(s: string, lang = ''): string {
  const t = showControls(s);
  const fence = '`'.repeat(Math.max(3, longestRun(t, '`') + 1));
  return `${fence}${lang}\n${t}\n${fence}`;
}

const outcomeCell = (o: CoverageOutcome | 'not-applicable'): string => `${MARK[o]} ${OUTCOME_LABEL[o]}`;

function expectedActual(expected: unknown, actual: unknown): string[] {
  const e = jsonOf(expected);
  const a = jsonOf(actual);
  if (!e.includes('\n') && !a.includes('\n') && e.length + a.length <= 100) return [`- **${LABEL.expected}:** ${code(e)}`, `- **${LABEL.actual}:** ${code(a)}`];
  return [`- **${LABEL.expected}:**`, '', indent(codeBlock(e, 'json')), '', `- **${LABEL.actual}:**`, '', indent(codeBlock(a, 'json')), ''];
}

const indent = (block: string): string =>
  block
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

function failureSection(r: ComplianceReport, s: ReportScenario, n: number): string[] {
  const levelOf = (id: string) => r.requirements.find((q) => q.id === id)?.level;
  const lines = [`### ${n}. ${code(s.id)} — ${md(s.title)}`, ''];
  for (const f of s.failures) {
    const level = levelOf(f.requirement);
    lines.push(
      `- **${LABEL.requirement}:** ${code(f.requirement)}${level ? ` (${level})` : ''}`,
      `- **${LABEL.clause}:** ${md(f.clause ?? '')}`,
      `- **${LABEL.message}:** ${md(f.message)}`,
      ...expectedActual(f.expected, f.actual),
      `- **${LABEL.evidence}:** ${f.evidence.length ? f.evidence.map((q) => `#${q}`).join(', ') : md(`(${LABEL.none})`)}`,
      '',
    );
  }
  // A failed scenario may also have been cut short (its reason is kept); an error is only its reason.
  if (s.reason) lines.push(`- **${LABEL.reason}:** ${md(s.reason)}`);
  lines.push(`- **${LABEL.replay}:** ${code(s.replay)}`, '');
  return lines;
}

function note(s: ReportScenario): string {
  if (s.failures.length > 0) return [...new Set(s.failures.map((f) => f.requirement))].map((id) => code(id, true)).join(', ');
  return s.reason ? md(s.reason) : '';
}

export function renderMarkdown(report: ComplianceReport): string {
  assertValidReport(report);
  const r = report;
  const out: string[] = [];
  out.push(`# ${LABEL.title}: ${code(r.suite.id)} ${md(r.suite.version)}`, '');
  out.push(`**${MARK[r.verdict]} ${LABEL.verdict}: ${OUTCOME_LABEL[r.verdict]}** — ${md(`${r.sut.name} ${r.sut.version}`)} (${code(r.sut.agency)}, ${md(r.sut.driver)})`, '');

  out.push(`| ${LABEL.level} | ${LABEL.verdict} | ${OUTCOMES.map((o) => COUNT_LABEL[o]).join(' | ')} |`);
  out.push(`|---|---|${OUTCOMES.map(() => '--:').join('|')}|`);
  for (const level of LEVELS) {
    const v = r.verdicts[level];
    out.push(`| ${level} | ${outcomeCell(v.verdict)} | ${OUTCOMES.map((o) => v.counts[o]).join(' | ')} |`);
  }
  out.push('');

  out.push(
    `- **${LABEL.suite}:** ${code(r.suite.id)} ${md(r.suite.version)} — ${md(r.suite.title)}; ${LABEL.digest} ${code(r.suite.digest)}; ${LABEL.catalog} ${md(r.suite.catalogVersion)}`,
    `- **${LABEL.sut}:** ${md(r.sut.name)} ${md(r.sut.version)}; ${LABEL.agency} ${code(r.sut.agency)}${r.sut.systemId ? `; systemId ${code(r.sut.systemId)}` : ''}; ${LABEL.driver} ${md(r.sut.driver)}`,
    `- **${LABEL.emulator}:** ${md(r.emulator.version)} (${code(r.emulator.url)}); ${LABEL.seed} ${r.emulator.seed}; ${LABEL.clock} ${md(r.emulator.clockMode)}`,
    `- **${LABEL.started}:** ${md(withVietnamTime(r.startedAt))} — **${LABEL.ended}:** ${md(withVietnamTime(r.endedAt))}`,
    `- **${LABEL.reportId}:** ${code(r.id)} (${LABEL.generated} ${md(r.generatedAt)})`,
    '',
  );

  const failed = r.scenarios.filter((s) => s.outcome === 'fail');
  const errored = r.scenarios.filter((s) => s.outcome === 'error');
  if (failed.length > 0) {
    out.push(`## ${MARK.fail} ${LABEL.failures} (${failed.length})`, '');
    failed.forEach((s, i) => out.push(...failureSection(r, s, i + 1)));
  }
  if (errored.length > 0) {
    out.push(`## ${MARK.error} ${LABEL.errors} (${errored.length})`, '');
    errored.forEach((s, i) => out.push(...failureSection(r, s, i + 1)));
  }

  out.push(`## ${LABEL.scenarios} (${r.scenarios.length})`, '');
  out.push(`| ${LABEL.scenario} | ${LABEL.level} | ${LABEL.outcome} | ${LABEL.duration} | ${LABEL.note} |`);
  out.push('|---|---|---|--:|---|');
  for (const s of r.scenarios) {
    out.push(`| ${code(s.id, true)} ${md(s.title)} | ${s.level} | ${outcomeCell(s.outcome)} | ${s.outcome === 'omit' ? '—' : durationText(s.durationMs)} | ${note(s)} |`);
  }
  out.push('');

  const cov = new Map<string, number>();
  for (const q of r.requirements) cov.set(q.outcome, (cov.get(q.outcome) ?? 0) + 1);
  const covText = (['pass', 'fail', 'error', 'skip', 'wait', 'omit', 'unproven', 'untested'] as const)
    .filter((o) => cov.has(o))
    .map((o) => `${cov.get(o)} ${OUTCOME_LABEL[o]}`)
    .join(', ');
  out.push(`**${LABEL.coverage}:** ${r.requirements.length} — ${covText || md(`(${LABEL.none})`)}`);
  return out.join('\n');
}
