/**
 * The renderers on a fixed report (test/reports/fixtures/report.json, from a real run of the vdxp-qlvb suite
 * against the reference agency with the `bad-package` defect: one fail, one skip, omitted scenarios, a SHOULD
 * pass, 48 exchanges). Goldens catch any change of output (regenerate with `npm run reports:golden`), the
 * JUnit file is checked against schemas/report/junit.xsd by xmllint, the HTML against its DOM contract, and
 * hostile text (a closing script tag, `]]>`, control characters) must come out inert.
 *
 * Decision: every renderer validates the report itself (assertValidReport) before rendering, so no caller,
 * however it got its report, can turn an invalid one into a plausible-looking file.
 */
import { readFileSync } from 'node:fs';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertValidReport, InvalidReport, type ComplianceReport } from '../../reports/model.js';
import { renderHtml } from '../../reports/render/html.js';
import { RENDERERS, type Format } from '../../reports/render/index.js';
import { renderJson } from '../../reports/render/json.js';
import { renderJunit } from '../../reports/render/junit.js';
import { renderMarkdown } from '../../reports/render/markdown.js';
import { showControls } from '../../reports/render/text.js';
import { canonicalJson } from '../../reports/sign.js';
import { FIXTURE_PATH, GOLDEN_FORMATS, goldenPath, HAS_XMLLINT, lineDiff, loadFixture, renderForGolden, validateJunit } from './support.js';

const XMLLINT_MISSING = 'xmllint is not installed (Debian package libxml2-utils; .ci/run installs it): JUnit schema check skipped';
if (!HAS_XMLLINT) console.warn(XMLLINT_MISSING);

const fixture = loadFixture();
const clone = (): ComplianceReport => structuredClone(fixture);

const xmlDoc = (xml: string): Document => {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc;
};
const htmlDoc = (html: string): Document => new DOMParser({ onError: () => {} }).parseFromString(html, 'text/html');
const elements = (root: Document | Element, tag: string): Element[] => Array.from(root.getElementsByTagName(tag));
const hasClass = (e: Element, c: string) => (e.getAttribute('class') ?? '').split(/\s+/).includes(c);
const byClass = (root: Document | Element, tag: string, c: string) => elements(root, tag).filter((e) => hasClass(e, c));
const byId = (doc: Document, id: string) => elements(doc, '*').find((e) => e.getAttribute('id') === id);
const childrenNamed = (e: Element, name: string) => Array.from(e.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === name);

/** Text that tries every way out: script and CDATA endings, markup, quotes, controls XML 1.0 forbids, a lone surrogate, Markdown syntax. */
const HOSTILE = 'boom </script><script>alert(1)</script> ]]> <img src="http://example.invalid/x.png" onerror=alert(2)> & "q" \'a\' \u0000\u0001\u001b\uFFFF tab\there\r\nline2 `tick` | pipe [link](http://example.invalid) \uD800 end';

function hostileReport(): ComplianceReport {
  const r = clone();
  const s = r.scenarios.find((x) => x.outcome === 'fail')!;
  s.title = `Title ${HOSTILE}`;
  s.messages.push(HOSTILE);
  s.failures[0]!.message = HOSTILE;
  s.failures[0]!.actual = { text: HOSTILE };
  s.failures[0]!.clause = `clause ${HOSTILE}`;
  s.replay = `lienthong test --only ${s.id} # \`quoted\` | ${HOSTILE}`;
  const skipped = r.scenarios.find((x) => x.outcome === 'skip')!;
  skipped.reason = HOSTILE;
  const ex = s.evidence.exchanges[0]!;
  ex.responseBody = HOSTILE;
  ex.requestHeaders['x-evil'] = HOSTILE;
  r.requirements[0]!.text.en = HOSTILE;
  r.sut.name = `SUT ${HOSTILE}`;
  return r;
}

/** A variant with what the fixture lacks: a harness error, a wait, and a scenario failing two requirements. */
function variedReport(): ComplianceReport {
  const r = clone();
  const [fail, errored, waiting] = [r.scenarios[0]!, r.scenarios[1]!, r.scenarios[2]!];
  fail.failures.push({ requirement: 'vdxp.edxml.from-self', clause: 'QCVN 102:2016 From', message: 'the package is not from the SUT', expected: '000.00.00.H49', actual: '000.00.00.G22', evidence: [15, 99] });
  Object.assign(errored, { outcome: 'error', reason: 'the SUT could not do vdxp.sendDocument: connect ECONNREFUSED 127.0.0.1:9000', durationMs: 12 });
  Object.assign(waiting, { outcome: 'wait', reason: 'no attestation for vdxp.sendDocument yet' });
  r.verdicts.MUST.counts = { ...r.verdicts.MUST.counts, omit: r.verdicts.MUST.counts.omit - 2, error: 1, wait: 1 };
  return r;
}

describe('the fixture', () => {
  it('is a valid report from a real run with a fail, a skip, omitted scenarios, both levels and exchanges', () => {
    expect(() => assertValidReport(fixture)).not.toThrow();
    const outcomes = new Set(fixture.scenarios.map((s) => s.outcome));
    for (const o of ['pass', 'fail', 'skip', 'omit'] as const) expect(outcomes, o).toContain(o);
    expect(new Set(fixture.scenarios.map((s) => s.level))).toEqual(new Set(['MUST', 'SHOULD']));
    expect(fixture.scenarios.flatMap((s) => s.evidence.exchanges).length).toBeGreaterThan(10);
    expect(fixture.scenarios.find((s) => s.outcome === 'fail')!.failures[0]!.evidence.length).toBeGreaterThan(0);
  });
});

describe('goldens', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const format of GOLDEN_FORMATS) {
    it(`${format}: the rendering of the fixture is its golden (npm run reports:golden to regenerate)`, () => {
      const golden = readFileSync(goldenPath(format), 'utf8');
      const actual = renderForGolden(format, fixture);
      if (actual !== golden) {
        expect.fail(`${goldenPath(format)} differs from the rendering; if the change is intended run \`npm run reports:golden\` and review the diff.\n${lineDiff(golden, actual)}`);
      }
    });
  }

  it('are pure: the same bytes at another time, in another time zone, and from a reformatted file', () => {
    const before = GOLDEN_FORMATS.map((f) => renderForGolden(f, fixture));
    const tz = process.env.TZ;
    vi.useFakeTimers({ now: new Date('2031-05-17T23:59:59Z'), toFake: ['Date'] });
    process.env.TZ = 'America/New_York';
    try {
      const reparsed = JSON.parse(JSON.stringify(JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')))) as ComplianceReport;
      expect(GOLDEN_FORMATS.map((f) => renderForGolden(f, reparsed))).toEqual(before);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('a changed rendering is reported as a readable line diff with line numbers', () => {
    const golden = readFileSync(goldenPath('markdown'), 'utf8');
    const changed = golden.replace('| MUST | ❌ Không đạt / Fail |', '| MUST | ✅ Đạt / Pass |');
    const diff = lineDiff(golden, changed);
    const line = golden.split('\n').findIndex((l) => l.startsWith('| MUST |')) + 1;
    expect(diff.split('\n')).toEqual([
      `@@ golden lines ${line}–${line} → rendered lines ${line}–${line} @@`,
      ...golden.split('\n').slice(line - 4, line - 1).map((l) => `  ${l}`),
      `- ${golden.split('\n')[line - 1]}`,
      `+ ${changed.split('\n')[line - 1]}`,
      ...golden.split('\n').slice(line, line + 3).map((l) => `  ${l}`),
    ]);
  });
});

describe('registry and validation before rendering', () => {
  it('registers the four formats with the files the CLI writes', () => {
    expect(Object.fromEntries(Object.entries(RENDERERS).map(([f, r]) => [f, r!.file]))).toEqual({ json: 'report.json', junit: 'report.junit.xml', markdown: 'report.md', html: 'report.html' });
  });

  const breakages: [string, (r: ComplianceReport) => unknown, string][] = [
    ['an unknown verdict', (r) => Object.assign(r, { verdict: 'maybe' }), '/verdict'],
    ['an unknown scenario outcome', (r) => Object.assign(r.scenarios[0]!, { outcome: 'exploded' }), '/scenarios/0/outcome'],
    ['a missing suite digest', (r) => delete (r.suite as Partial<ComplianceReport['suite']>).digest, '/suite/digest'],
    ['an exchange hash that is not one', (r) => Object.assign(r.scenarios[0]!.evidence.exchanges[0]!, { hash: 'x' }), '/scenarios/0/evidence/exchanges/0/hash'],
    ['an unexpected field', (r) => Object.assign(r, { extra: '<script>' }), '/extra'],
  ];
  for (const format of Object.keys(RENDERERS) as Format[]) {
    it(`${format} refuses an invalid report before rendering it, naming the field`, () => {
      for (const [what, breakIt, field] of breakages) {
        const r = clone();
        breakIt(r);
        let err: unknown;
        try {
          RENDERERS[format]!.render(r);
        } catch (e) {
          err = e;
        }
        expect(err, what).toBeInstanceOf(InvalidReport);
        expect((err as InvalidReport).problems.map((p) => p.field), what).toContain(field);
      }
      expect(() => RENDERERS[format]!.render(null as unknown as ComplianceReport)).toThrow(InvalidReport);
    });
  }
});

describe('JSON rendering', () => {
  it('is the canonical JSON (RFC 8785) of the report: sorted keys, no whitespace, same value', () => {
    const out = renderJson(fixture);
    expect(out).toBe(canonicalJson(fixture));
    expect(JSON.parse(out)).toEqual(fixture);
    expect(out).toBe(JSON.stringify(JSON.parse(out)));
    const sorted = (v: unknown): boolean =>
      Array.isArray(v) ? v.every(sorted) : v !== null && typeof v === 'object' ? Object.keys(v).join('\0') === Object.keys(v).sort().join('\0') && Object.values(v).every(sorted) : true;
    expect(sorted(JSON.parse(out))).toBe(true);
    // The fixture file is pretty-printed; its rendering is canonical whatever the input's formatting.
    expect(readFileSync(FIXTURE_PATH, 'utf8')).not.toBe(out);
    expect(renderJson(JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as ComplianceReport)).toBe(out);
  });
});

describe('JUnit XML', () => {
  it.skipIf(!HAS_XMLLINT)(`is accepted by the JUnit schema (xmllint), for the fixture and for errors, waits and multiple failures`, () => {
    for (const r of [fixture, variedReport(), hostileReport()]) {
      const v = validateJunit(renderJunit(r));
      expect(v, v.output).toMatchObject({ ok: true });
    }
  });

  it.skipIf(!HAS_XMLLINT)('the schema has teeth: it refuses what JUnit readers do not accept', () => {
    const xml = renderJunit(fixture);
    const broken = {
      'a testcase without a name': xml.replace('name="vdxp.send.valid-package" ', ''),
      'a testcase both failed and skipped': xml.replace('<failure ', '<skipped message="x"/><failure '),
      'a timestamp with a zone': xml.replace(/timestamp="([^"]+)"/, 'timestamp="$1Z"'),
      'a negative count': xml.replace('tests="14"', 'tests="-1"'),
      'a testsuite inside a testcase': xml.replace('<system-out>', '<testsuite name="x" tests="0"/><system-out>'),
    };
    for (const [what, doc] of Object.entries(broken)) {
      expect(doc, what).not.toBe(xml);
      expect(validateJunit(doc).ok, what).toBe(false);
    }
  });

  // Says why in the skipped list too, not only in the log.
  if (!HAS_XMLLINT) it.skip(XMLLINT_MISSING, () => {});

  it('has one testsuite per level and one testcase per scenario, with the verdicts CI tools read', () => {
    const doc = xmlDoc(renderJunit(fixture));
    const root = doc.documentElement!;
    expect(root.tagName).toBe('testsuites');
    expect(['tests', 'failures', 'errors', 'skipped'].map((a) => root.getAttribute(a))).toEqual(['14', '1', '0', '11']);
    const suites = elements(doc, 'testsuite');
    expect(suites.map((s) => s.getAttribute('name'))).toEqual(['vdxp-qlvb 1.0.0 — MUST', 'vdxp-qlvb 1.0.0 — SHOULD']);
    expect(suites.map((s) => s.getAttribute('tests'))).toEqual(['13', '1']);
    expect(suites[0]!.getAttribute('timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const props = Object.fromEntries(elements(suites[0]!, 'property').map((p) => [p.getAttribute('name'), p.getAttribute('value')]));
    expect(props).toMatchObject({
      'suite.id': 'vdxp-qlvb',
      'suite.digest': fixture.suite.digest,
      'sut.name': fixture.sut.name,
      'sut.agency': fixture.sut.agency,
      'emulator.version': fixture.emulator.version,
      'emulator.seed': String(fixture.emulator.seed),
      'emulator.clockMode': 'virtual',
      'level.verdict': 'fail',
    });

    const cases = elements(doc, 'testcase');
    expect(cases.map((c) => c.getAttribute('name')).sort()).toEqual(fixture.scenarios.map((s) => s.id).sort());
    for (const s of fixture.scenarios) {
      const c = cases.find((x) => x.getAttribute('name') === s.id)!;
      expect(c.getAttribute('classname')).toBe(`vdxp-qlvb.${s.platform}`);
      expect(Number(c.getAttribute('time'))).toBeCloseTo(s.durationMs / 1000, 3);
      const results = Array.from(c.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName !== 'system-out').map((e) => e.tagName);
      expect(results, s.id).toEqual(s.outcome === 'pass' ? [] : s.outcome === 'fail' ? ['failure'] : ['skipped']);
    }
    const failed = fixture.scenarios.find((s) => s.outcome === 'fail')!;
    const failure = elements(doc, 'failure')[0]!;
    expect(failure.getAttribute('type')).toBe(failed.failures[0]!.requirement);
    expect(failure.getAttribute('message')).toBe(failed.failures[0]!.message);
    expect(failure.textContent).toContain(`clause: ${failed.failures[0]!.clause}`);
    expect(failure.textContent).toContain(`evidence: ${failed.failures[0]!.evidence.map((q) => `#${q}`).join(', ')}`);
    expect(failure.textContent).toContain('"VDXP_EDXML_BAD_ENUM"');
    expect(failure.textContent).toContain(`replay: ${failed.replay}`);
    const skipped = fixture.scenarios.find((s) => s.outcome === 'skip')!;
    expect(elements(doc, 'skipped').find((e) => e.getAttribute('message')!.includes(skipped.reason!))).toBeDefined();
    const out = childrenNamed(cases.find((x) => x.getAttribute('name') === failed.id)!, 'system-out')[0]!;
    for (const m of failed.messages) expect(out.textContent).toContain(m);
  });

  it('makes a harness error an <error>, a wait a <skipped>, and lists every failure of a scenario', () => {
    const r = variedReport();
    const doc = xmlDoc(renderJunit(r));
    const must = elements(doc, 'testsuite')[0]!;
    expect(['tests', 'failures', 'errors', 'skipped'].map((a) => must.getAttribute(a))).toEqual(['13', '1', '1', '10']);
    const caseOf = (id: string) => elements(doc, 'testcase').find((c) => c.getAttribute('name') === id)!;
    const error = childrenNamed(caseOf(r.scenarios[1]!.id), 'error')[0]!;
    expect([error.getAttribute('type'), error.getAttribute('message')]).toEqual(['harness-error', r.scenarios[1]!.reason]);
    expect(childrenNamed(caseOf(r.scenarios[2]!.id), 'skipped')[0]!.getAttribute('message')).toBe('Đang chờ / Waiting: no attestation for vdxp.sendDocument yet');
    const failure = childrenNamed(caseOf(r.scenarios[0]!.id), 'failure')[0]!;
    expect(failure.getAttribute('message')).toBe(`${r.scenarios[0]!.failures[0]!.message} (+1 more: vdxp.edxml.from-self)`);
    expect(failure.textContent).toContain('[2/2] vdxp.edxml.from-self — the package is not from the SUT');
    expect(failure.textContent).toContain('evidence: #15, #99');
  });

  it('escapes hostile text so it stays well-formed and reads back as written (XML-forbidden characters shown as \\uXXXX)', () => {
    const xml = renderJunit(hostileReport());
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).not.toContain(']]>');
    expect(xml).toContain(']]&gt;');
    const doc = xmlDoc(xml);
    const failure = elements(doc, 'failure')[0]!;
    expect(failure.getAttribute('message')).toBe(showControls(HOSTILE));
    expect(failure.getAttribute('message')).toContain('\\u0000\\u0001\\u001B\\uFFFF tab\there\r\nline2');
    expect(failure.textContent).toContain(showControls(HOSTILE));
    expect(elements(doc, 'skipped').some((e) => e.getAttribute('message') === `Bỏ qua / Skipped: ${showControls(HOSTILE)}`)).toBe(true);
    expect(elements(doc, 'script')).toEqual([]);
  });
});

describe('Markdown', () => {
  const md = renderMarkdown(fixture);
  const lines = md.split('\n');

  it('opens with the verdict and the counts per level, then the failures, then every scenario', () => {
    expect(lines[0]).toBe('# Báo cáo tuân thủ / Compliance report: `vdxp-qlvb` 1.0.0');
    expect(lines[2]).toBe(`**❌ Kết quả / Verdict: Không đạt / Fail** — ${fixture.sut.name} ${fixture.sut.version} (\`${fixture.sut.agency}\`, in-process)`);
    expect(lines).toContain('| MUST | ❌ Không đạt / Fail | 1 | 1 | 1 | 10 | 0 | 0 |');
    expect(lines).toContain('| SHOULD | ✅ Đạt / Pass | 1 | 0 | 0 | 0 | 0 | 0 |');
    const failures = lines.indexOf('## ❌ Không đạt / Failures (1)');
    const table = lines.indexOf('## Kịch bản / Scenarios (14)');
    expect(failures).toBeGreaterThan(0);
    expect(table).toBeGreaterThan(failures);
    const failed = fixture.scenarios.find((s) => s.outcome === 'fail')!;
    const section = lines.slice(failures, table).join('\n');
    expect(section).toContain('- **Yêu cầu / Requirement:** `vdxp.edxml.valid` (MUST)');
    expect(section).toContain(`- **Điều khoản / Clause:** ${failed.failures[0]!.clause}`);
    expect(section).toContain('- **Mong đợi / Expected:**');
    expect(section).toContain('"code": "VDXP_EDXML_BAD_ENUM"');
    expect(section).toContain(`- **Chạy lại / Replay:** \`${failed.replay}\``);
    expect(lines.filter((l) => /^\| `vdxp\./.test(l))).toHaveLength(fixture.scenarios.length);
  });

  it('lists harness errors apart from failures', () => {
    const out = renderMarkdown(variedReport());
    expect(out).toContain('## ⚠️ Lỗi kiểm thử / Harness errors (1)');
    expect(out).toContain('- **Lý do / Reason:** the SUT could not do vdxp.sendDocument: connect ECONNREFUSED 127.0.0.1:9000');
  });

  it('keeps hostile text inert: no tag, link or extra table cell comes out of it, and code spans hold backticks', () => {
    const out = renderMarkdown(hostileReport());
    // Code blocks and code spans are literal text in Markdown: outside them no character may start markup.
    const prose = out.replace(/^( *)(`{3,})[^\n]*\n[\s\S]*?\n\1\2$/gm, '').replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(prose).not.toMatch(/(?<!\\)[<>[\]`]/);
    expect(prose).toContain('\\</script\\>\\<script\\>alert(1)\\</script\\> \\]\\]\\>');
    expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const rows = out.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(fixture.scenarios.length);
    for (const row of rows) expect(row.match(/(?<!\\)\|/g), row).toHaveLength(6);
    // The replay command contains a backtick: its code span is fenced with two.
    expect(out).toContain('- **Chạy lại / Replay:** ``lienthong test --only vdxp.send.valid-package # `quoted` | boom');
  });
});

describe('HTML', () => {
  const html = renderHtml(fixture);
  const doc = htmlDoc(html);

  it('keeps the DOM contract: summary, filters, scenario rows, failures, exchanges, requirements', () => {
    expect(doc.documentElement!.getAttribute('lang')).toBe('vi');
    const summary = byId(doc, 'summary')!;
    for (const t of ['Kết quả / Verdict', 'Không đạt / Fail', fixture.suite.id, fixture.suite.version, fixture.suite.digest, fixture.sut.name, fixture.emulator.version, String(fixture.emulator.seed), fixture.emulator.clockMode, fixture.startedAt, fixture.endedAt]) {
      expect(summary.textContent, t).toContain(t);
    }
    expect(byId(doc, 'filter')!.tagName).toBe('input');
    const select = byId(doc, 'outcome-filter')!;
    expect(select.tagName).toBe('select');
    expect(elements(select, 'option').map((o) => o.getAttribute('value'))).toEqual(['all', 'pass', 'fail', 'skip', 'omit', 'error', 'wait']);

    const table = byId(doc, 'scenarios')!;
    expect(table.tagName).toBe('table');
    const rows = byClass(table, 'tr', 'scenario');
    expect(rows.map((r) => [r.getAttribute('data-id'), r.getAttribute('data-outcome')])).toEqual(fixture.scenarios.map((s) => [s.id, s.outcome]));
    expect(rows.some((r) => r.hasAttribute('hidden'))).toBe(false);

    const failures = byClass(doc, 'details', 'failure');
    expect(failures).toHaveLength(fixture.scenarios.reduce((n, s) => n + s.failures.length, 0));
    const failed = fixture.scenarios.find((s) => s.outcome === 'fail')!;
    const f = failures[0]!;
    expect(f.hasAttribute('open')).toBe(false);
    expect(elements(f, 'summary')[0]!.textContent).toContain(failed.failures[0]!.requirement);
    expect(f.textContent).toContain(failed.failures[0]!.clause);
    expect(byClass(f, 'pre', 'expected')[0]!.textContent).toBe(JSON.stringify(failed.failures[0]!.expected, null, 2));
    expect(byClass(f, 'pre', 'actual')[0]!.textContent).toBe(JSON.stringify(failed.failures[0]!.actual, null, 2));
    expect(byClass(f, 'p', 'evidence')[0]!.textContent).toContain(`#${failed.failures[0]!.evidence[0]}`);
    expect(byClass(f, 'code', 'replay')[0]!.textContent).toBe(failed.replay);

    const exchanges = byClass(doc, 'details', 'exchange');
    const all = fixture.scenarios.flatMap((s) => s.evidence.exchanges);
    expect(exchanges).toHaveLength(all.length);
    exchanges.forEach((d, i) => {
      expect(d.hasAttribute('open')).toBe(false);
      expect(childrenNamed(d, 'summary')[0]!.textContent).toBe(`${all[i]!.method} ${all[i]!.path} → ${all[i]!.status}`);
      expect(elements(d, 'pre').length).toBe(3);
    });

    const reqs = byId(doc, 'requirements')!;
    expect(reqs.tagName).toBe('table');
    const reqRows = byClass(reqs, 'tr', 'requirement');
    expect(reqRows.map((r) => r.getAttribute('data-id'))).toEqual(fixture.requirements.map((q) => q.id));
    const first = fixture.requirements[0]!;
    for (const t of [first.text.vi, first.text.en, first.source]) expect(reqRows[0]!.textContent).toContain(t);
  });

  it('is self-contained: no URL to load, only its own hashed script and style may run', () => {
    const urls = [...html.matchAll(/\s(?:src|href|action|formaction|srcset|poster|background)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)].map((m) => m[1]!.replace(/^["']|["']$/g, ''));
    expect(urls).toEqual(['data:,']);
    expect(html).not.toMatch(/url\(|@import/i);
    const csp = elements(doc, 'meta').find((m) => m.getAttribute('http-equiv') === 'Content-Security-Policy')!.getAttribute('content')!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(csp).not.toContain('unsafe');
    expect(elements(doc, 'script')).toHaveLength(1);
    expect(elements(doc, 'style')).toHaveLength(1);
  });

  it('keeps hostile text inert: the only script is its own, and the text reads back as written', () => {
    const out = renderHtml(hostileReport());
    expect(out.match(/<script/gi)).toHaveLength(1);
    expect(out.match(/<\/script/gi)).toHaveLength(1);
    expect(out).not.toMatch(/<img/i);
    const script = (s: string) => s.slice(s.indexOf('<script>'), s.indexOf('</script>'));
    expect(script(out)).toBe(script(html));
    expect(out).toContain('boom &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;');
    expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const d = htmlDoc(out);
    const f = byClass(d, 'details', 'failure')[0]!;
    // HTML parsing turns CR LF into LF, as a browser does.
    const asRead = showControls(HOSTILE).replace(/\r\n?/g, '\n');
    expect(byClass(f, 'p', 'message')[0]!.textContent).toBe(asRead);
    expect(byClass(d, 'pre', 'response-body')[0]!.textContent).toBe(asRead);
  });
});
