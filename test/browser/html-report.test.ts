/**
 * The self-contained HTML report (reports/render/html.ts) in a real browser, opened from disk with the
 * network cut: it must show its summary, filter the scenario table by text and by outcome (rows hidden),
 * and expand a failure to its clause, expected vs actual and replay command. Any request other than the
 * report file itself is aborted and recorded, and none may be attempted.
 *
 * The report is test/reports/fixtures/report.json: a real run of four VDXP scenarios against the reference
 * agency with the `bad-package` defect (see test/reports/make-fixture.ts), so it has a failure, a pass, a
 * skip and omitted scenarios.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../../reports/model.js';
import { renderHtml } from '../../reports/render/html.js';
import { launchChromium, skipReason, suiteTitle } from './support/chromium.js';

const FIXTURE = new URL('../reports/fixtures/report.json', import.meta.url);

describe.skipIf(skipReason !== undefined)(suiteTitle('the HTML report in chromium, offline'), () => {
  const report = JSON.parse(readFileSync(FIXTURE, 'utf8')) as ComplianceReport;
  const failing = report.scenarios.find((s) => s.outcome === 'fail' && s.failures.length > 0)!;
  let dir: string;
  let fileUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const attempted: string[] = [];
  const pageErrors: string[] = [];

  const rows = () => page.locator('table#scenarios tr.scenario');
  const visibleIds = () => page.$$eval('table#scenarios tr.scenario:not([hidden])', (trs) => trs.map((tr) => tr.getAttribute('data-id')));
  const idsWhere = (pred: (s: ComplianceReport['scenarios'][number]) => boolean) => report.scenarios.filter(pred).map((s) => s.id);

  beforeAll(async () => {
    expect(failing, 'the fixture must hold a failed scenario with a failure').toBeDefined();
    dir = mkdtempSync(join(tmpdir(), 'lienthong-html-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(report));
    fileUrl = pathToFileURL(file).href;

    browser = await launchChromium();
    context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    // Only the report file itself may be read; anything else is cut and remembered.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === fileUrl) return route.continue();
      attempted.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('request', (r) => {
      const url = r.url();
      if (url !== fileUrl && !url.startsWith('data:') && !attempted.includes(url)) attempted.push(url);
    });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the summary: verdict, suite, SUT and the counts per level', async () => {
    const summary = page.locator('#summary');
    expect(await summary.isVisible()).toBe(true);
    const text = (await summary.textContent()) ?? '';
    expect(await page.getAttribute('#summary [data-verdict]', 'data-verdict')).toBe(report.verdict);
    expect(text).toContain('Kết quả / Verdict');
    expect(text).toContain(report.verdict === 'fail' ? 'Không đạt / Fail' : 'Đạt / Pass');
    expect(text).toContain(report.suite.id);
    expect(text).toContain(report.suite.digest);
    expect(text).toContain(report.sut.name);
    expect(text).toContain(String(report.emulator.seed));
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    for (const level of ['MUST', 'SHOULD'] as const) {
      const fails = await page.textContent(`#summary tr[data-level="${level}"] td[data-count="fail"]`);
      expect(Number(fails)).toBe(report.verdicts[level].counts.fail);
    }
    expect(await rows().count()).toBe(report.scenarios.length);
    expect(await visibleIds()).toEqual(report.scenarios.map((s) => s.id));
  });

  it('filters the scenarios by free text (id, title or requirement) by hiding rows', async () => {
    await page.fill('input#filter', 'acknowledge');
    expect(await visibleIds()).toEqual(idsWhere((s) => s.id.includes('acknowledge') || s.title.toLowerCase().includes('acknowledge') || s.requirements.some((r) => r.includes('acknowledge'))));
    expect(await page.locator('tr.scenario[hidden]').count()).toBe(report.scenarios.length - (await visibleIds()).length);

    const requirement = failing.failures[0]!.requirement;
    await page.fill('input#filter', requirement);
    expect(await visibleIds()).toContain(failing.id);
    expect(await visibleIds()).toEqual(idsWhere((s) => s.requirements.includes(requirement) || s.id.includes(requirement) || s.title.toLowerCase().includes(requirement)));

    await page.fill('input#filter', 'no-such-scenario-anywhere');
    expect(await visibleIds()).toEqual([]);
    await page.fill('input#filter', '');
    expect(await visibleIds()).toHaveLength(report.scenarios.length);
  });

  it('filters by outcome, alone and together with the text', async () => {
    for (const outcome of ['fail', 'pass', 'skip', 'omit', 'error'] as const) {
      await page.selectOption('select#outcome-filter', outcome);
      expect(await visibleIds(), outcome).toEqual(idsWhere((s) => s.outcome === outcome));
    }
    await page.selectOption('select#outcome-filter', 'omit');
    await page.fill('input#filter', 'vdxp.receive');
    expect(await visibleIds()).toEqual(idsWhere((s) => s.outcome === 'omit' && s.id.includes('vdxp.receive')));
    await page.fill('input#filter', '');
    await page.selectOption('select#outcome-filter', 'all');
    expect(await visibleIds()).toHaveLength(report.scenarios.length);
  });

  it('expands a failure to its clause, expected and actual, evidence and replay command', async () => {
    const f = failing.failures[0]!;
    const row = page.locator(`tr.scenario[data-id="${failing.id}"]`);
    expect(await row.getAttribute('data-outcome')).toBe('fail');
    const details = row.locator('details.failure').first();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await details.locator('code.replay').isVisible()).toBe(false);
    expect(await details.locator('summary').textContent()).toContain(f.requirement);

    await details.locator('summary').click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await details.locator('.clause').textContent()).toBe(f.clause);
    expect(await details.locator('pre.expected').textContent()).toContain(String(f.expected));
    const actual = (await details.locator('pre.actual').textContent()) ?? '';
    expect(JSON.parse(actual)).toEqual(f.actual);
    const replay = details.locator('code.replay');
    expect(await replay.isVisible()).toBe(true);
    expect(await replay.textContent()).toBe(failing.replay);

    // The evidence link opens the exchange it names, with its request and reply.
    const seq = f.evidence[0]!;
    const exchange = row.locator(`details.exchange[data-seq="${seq}"]`);
    expect(await exchange.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    const ex = failing.evidence.exchanges.find((e) => e.seq === seq)!;
    expect(await exchange.locator('summary').textContent()).toBe(`${ex.method} ${ex.path} → ${ex.status}`);
    await details.locator(`button.seq[data-seq="${seq}"]`).click();
    expect(await exchange.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await exchange.locator('pre.request-headers').isVisible()).toBe(true);
  });

  it('attempted no network request and ran without a script error', () => {
    expect(attempted).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
