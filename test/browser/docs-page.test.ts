/**
 * GET /_lienthong/docs in chromium: the page runs with its own CSP (no error, nothing fetched from
 * elsewhere), and the filter narrows the operations and hides the groups it empties.
 */
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { launchChromium, skipReason, suiteTitle } from './support/chromium.js';

describe.skipIf(skipReason !== undefined)(suiteTitle('the API docs page in chromium'), () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    app = await buildApp({ data: ':memory:', clock: 'virtual', population: 200, enterprises: 20 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists every operation, filters them, and loads nothing from elsewhere', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(base) && foreign.push(r.url()));
    await page.goto(`${base}/_lienthong/docs`);
    const doc = (await (await fetch(`${base}/_lienthong/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(await page.locator('.op[data-text]').count()).toBe(operations);

    await page.fill('#filter', 'sendedoc');
    expect(await page.locator('.op[data-text]:visible').count()).toBe(1);
    expect(await page.locator('.op[data-text]:visible h3').innerText()).toContain('/vdxp/sendEdoc');
    expect(await page.locator('section.tag:visible').count()).toBe(1);
    await page.fill('#filter', 'token');
    expect(await page.locator('.op[data-text]:visible').count()).toBeGreaterThanOrEqual(4);
    await page.fill('#filter', '');
    expect(await page.locator('.op[data-text]:visible').count()).toBe(operations);

    // The error codes are on the page, reachable from the header.
    await page.click('header >> text=error codes');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#errors');
    expect(await page.locator('#error-VDXP_RECIPIENT_UNKNOWN').count()).toBe(1);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
