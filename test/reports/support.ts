/**
 * What the renderer tests and `npm run reports:golden` share: the fixed report fixture, the golden files,
 * a line diff that says where a rendering left its golden, and the JUnit schema check with xmllint.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ComplianceReport } from '../../reports/model.js';
import { RENDERERS, type Format } from '../../reports/render/index.js';

export const FIXTURE_PATH = fileURLToPath(new URL('./fixtures/report.json', import.meta.url));
export const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
export const JUNIT_XSD = fileURLToPath(new URL('../../schemas/report/junit.xsd', import.meta.url));

/** The renderings kept as goldens (the JSON one is checked as canonical JSON of the fixture instead). */
export const GOLDEN_FORMATS: readonly Format[] = ['junit', 'markdown', 'html'];

export const loadFixture = (): ComplianceReport => JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as ComplianceReport;

export const goldenPath = (format: Format): string => `${GOLDEN_DIR}${RENDERERS[format]!.file}`;

/**
 * A golden file holds exactly what `lienthong report` writes (the rendering and a final newline). Nothing is
 * masked: the renderers are pure functions of the fixed fixture, and a test proves no clock leaks in.
 */
export const renderForGolden = (format: Format, report: ComplianceReport): string => `${RENDERERS[format]!.render(report)}\n`;

const cut = (line: string, max = 400) => (line.length > max ? `${line.slice(0, max)}… (${line.length} characters)` : line);

/**
 * Where `actual` leaves `expected`: the changed block between their common beginning and end, with a few
 * lines of context and line numbers, short enough to read in a test failure.
 */
export function lineDiff(expected: string, actual: string, context = 3, maxLines = 40): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const out = [`@@ golden lines ${start + 1}–${endA + 1} → rendered lines ${start + 1}–${endB + 1} @@`];
  for (let i = Math.max(0, start - context); i < start; i++) out.push(`  ${cut(a[i]!)}`);
  const block = (lines: string[], sign: string) => {
    for (const l of lines.slice(0, maxLines)) out.push(`${sign} ${cut(l)}`);
    if (lines.length > maxLines) out.push(`${sign} … ${lines.length - maxLines} more lines`);
  };
  block(a.slice(start, endA + 1), '-');
  block(b.slice(start, endB + 1), '+');
  for (let i = endA + 1; i < Math.min(a.length, endA + 1 + context); i++) out.push(`  ${cut(a[i]!)}`);
  return out.join('\n');
}

/** xmllint (Debian libxml2-utils) is the schema validator; without it the schema tests skip and say why. */
export const HAS_XMLLINT = (() => {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
})();

/** Validates an XML document against the JUnit schema: ok, and xmllint's own words. */
export function validateJunit(xml: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', JUNIT_XSD, '-'], { input: xml, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}
