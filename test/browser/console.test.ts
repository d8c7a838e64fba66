/**
 * The live console (GET /_lienthong/ui) in a real browser: Debian's chromium driven by playwright-core
 * against an emulator listening on a port. A document sent over VDXP by the SDK-faithful client must appear
 * live (server-sent events) and in the recipient's mailbox; the other panels show a DVCQG dossier and an
 * NDXP consumer's token; the controls advance the clock, add and delete a fault, and reset (after a confirm).
 */
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../emulator/app.js';
import { virtualClock } from '../../emulator/core/clock.js';
import { createSdkClient, documentPackage, fetchTransport, type SdkClient } from '../../emulator/platforms/vdxp/index.js';
import { dossier, oneStop, someProcedure } from '../dvcqg/support/portal.js';
import { consumer, token } from '../ndxp/support/gateway.js';
import { launchChromium, skipReason, suiteTitle } from './support/chromium.js';

const G22 = '000.00.00.G22';
const H41 = '000.00.00.H41';
const TEST_INSTANT = '2026-11-24T03:00:00.000Z';
const WAIT = { timeout: 10_000 };

type App = Awaited<ReturnType<typeof buildApp>>;

describe.skipIf(skipReason !== undefined)(suiteTitle('the live console in chromium'), () => {
  let app: App;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const requested: string[] = [];

  /** Connects a system through the control plane over HTTP, as a vendor would, and returns its SDK client. */
  async function connectSystem(systemId: string, code: string): Promise<SdkClient> {
    const res = await fetch(`${base}/_lienthong/vdxp/systems`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ systemId, agencies: [{ code }] }),
    });
    expect(res.status).toBe(201);
    const { secret } = (await res.json()) as { secret: string };
    // The headers' timestamps follow the emulator's (virtual) clock, as a client on that clock would.
    return createSdkClient({ systemId, secret, transport: fetchTransport(`${base}/vdxp`), now: () => app.lienthong.clock.now() });
  }

  const exchanges = () => page.locator('#exchanges > [data-testid="exchange"]');
  const mailbox = (systemId: string) => page.locator(`[data-testid="mailbox"][data-system-id="${systemId}"]`);

  beforeAll(async () => {
    app = await buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('request', (r) => requested.push(r.url()));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a document sent over VDXP live, then in the recipient mailbox until it is acknowledged', async () => {
    await page.goto(`${base}/_lienthong/ui`);
    await page.waitForSelector('#live[data-state="open"]', WAIT);
    expect(await page.textContent('#version')).toBe(`v${app.lienthong.version}`);
    await page.waitForSelector('#clock-mode-detail[data-mode="virtual"]', WAIT);

    const sender = await connectSystem('sys.gui', G22);
    const recipient = await connectSystem('sys.nhan', H41);
    // Connecting is a control-plane change: the console refreshes its mailboxes from the live event.
    await mailbox('sys.nhan').waitFor(WAIT);
    expect(await mailbox('sys.nhan').getAttribute('data-pending')).toBe('0');

    const sent = await sender.sendEdoc(documentPackage({ from: G22, to: [H41], subject: 'V/v thử bảng điều khiển' }), { from: G22, messagetype: 'edoc' });
    expect(sent.json).toMatchObject({ status: 'OK', ErrorCode: '0' });

    // Live: the exchange arrives over the stream and is listed first (newest first).
    await page.waitForSelector('#exchanges > [data-testid="exchange"][data-operation="sendEdoc"]', WAIT);
    expect(await exchanges().first().getAttribute('data-operation')).toBe('sendEdoc');
    // Pinned by its seq: later exchanges go on top of the list.
    const seq = await exchanges().first().getAttribute('data-seq');
    const first = page.locator(`#exchanges > [data-testid="exchange"][data-seq="${seq}"]`);
    expect(await first.getAttribute('data-platform')).toBe('vdxp');
    expect(await first.getAttribute('data-system-id')).toBe('sys.gui');
    expect(await first.getAttribute('data-status')).toBe('200');

    // Expanding it shows the signed headers, the edXML sent, the reply and the axis's verdicts.
    await first.locator('summary').click();
    const headers = await first.locator('[data-testid="request-headers"]').textContent();
    expect(headers).toContain('sys.gui');
    expect(headers?.toLowerCase()).toContain('xroadvnpt-');
    expect(await first.locator('[data-testid="request-body"]').textContent()).toContain('V/v thử bảng điều khiển');
    expect(await first.locator('[data-testid="response-body"]').textContent()).toContain(sent.json.DocId as string);
    await first.locator('[data-testid="exchange-verdicts"]').waitFor(WAIT);

    // The recipient's mailbox shows the pending item; the sender's does not.
    const item = mailbox('sys.nhan').locator(`[data-testid="mailbox-item"][data-from="${G22}"]`);
    await item.waitFor(WAIT);
    expect(await item.getAttribute('data-to')).toBe(H41);
    expect(await item.getAttribute('data-type')).toBe('edoc');
    expect(await mailbox('sys.nhan').locator(`[data-testid="mailbox-agency"][data-code="${H41}"]`).getAttribute('data-pending')).toBe('1');
    expect(await mailbox('sys.gui').locator('[data-testid="mailbox-item"]').count()).toBe(0);

    // The item is the one the recipient lists through the axis; acknowledging it empties the mailbox, live.
    const listed = await recipient.getReceivedEdocList('edoc');
    const docId = listed.json.data[0].docId as string;
    expect(await item.getAttribute('data-doc-id')).toBe(docId);
    expect((await recipient.updateStatus(docId, 'done')).json.status).toBe('OK');
    await item.waitFor({ state: 'detached', ...WAIT });
    await page.waitForSelector('[data-testid="mailbox"][data-system-id="sys.nhan"][data-pending="0"]', WAIT);
  });

  it('filters the exchanges by platform', async () => {
    const total = await exchanges().count();
    expect(total).toBeGreaterThanOrEqual(5);
    const visible = () => page.locator('#exchanges > [data-testid="exchange"]:not([hidden])');
    await page.selectOption('#platform-filter', 'dvcqg');
    expect(await visible().count()).toBe(0);
    expect(await page.isVisible('#exchanges-empty')).toBe(true);
    await page.selectOption('#platform-filter', 'vdxp');
    const vdxp = await visible().count();
    expect(vdxp).toBeGreaterThan(0);
    expect(await page.locator('#exchanges > [data-testid="exchange"][data-platform="vdxp"]').count()).toBe(vdxp);
    await page.selectOption('#platform-filter', 'lienthong');
    expect(await visible().count()).toBe(total - vdxp);
    await page.selectOption('#platform-filter', 'all');
    expect(await visible().count()).toBe(total);
  });

  it('shows a DVCQG dossier with its status and an NDXP consumer with its token', async () => {
    const one = await oneStop(app, '000.00.01.H22');
    const d = dossier(one.madonvi, await someProcedure(one), 1);
    const synced = await one.call('DongBoHoSoMC', { isUpdating: 'False', data: [d] });
    expect(synced.status, JSON.stringify(synced.body)).toBe(200);
    const row = page.locator(`[data-testid="dossier"][data-ma-ho-so="${d.MaHoSo as string}"]`);
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-status')).toBe('2');
    expect(await row.textContent()).toContain('status 2');

    const c = await consumer(app, { apis: ['dmdc'], agency: '000.00.12.H20' });
    await token(app, c);
    const consumerRow = page.locator(`[data-testid="consumer"][data-client-id="${c.clientId}"]`);
    await page.waitForSelector(`[data-testid="consumer"][data-client-id="${c.clientId}"][data-active-tokens="1"]`, WAIT);
    expect(await consumerRow.locator('[data-testid="token"][data-state="active"]').count()).toBe(1);
    expect(await consumerRow.textContent()).toContain('000.00.12.H20');
  });

  it('advances the virtual clock', async () => {
    const before = Date.parse((await page.getAttribute('#clock-now', 'data-iso'))!);
    await page.fill('#clock-advance', 'P1D');
    await page.click('#clock-advance-btn');
    // The virtual clock keeps running between reads: one day later, give or take the test's own time.
    await page.waitForFunction((t) => Date.parse(document.getElementById('clock-now')!.dataset.iso ?? '') >= t, before + 86_400_000, WAIT);
    const shown = Date.parse((await page.getAttribute('#clock-now', 'data-iso'))!);
    expect(shown - before - 86_400_000).toBeLessThan(60_000);
    expect(app.lienthong.clock.now().getTime()).toBeGreaterThanOrEqual(shown);
  });

  it('adds a fault rule for one agency and caller that hits its next sendEdoc, counts the hit, and deletes it', async () => {
    await page.fill('#fault-form [name="operation"]', 'sendEdoc');
    await page.fill('#fault-form [name="agency"]', '000.00.00.G17');
    // On VDXP the caller is the systemId (an NDXP rule would name a clientId, a DVCQG one an account).
    await page.fill('#fault-form [name="caller"]', 'sys.loi');
    await page.fill('#fault-form [name="count"]', '1');
    await page.selectOption('#fault-form [name="kind"]', 'error');
    await page.click('[data-testid="fault-add"]');
    const rule = page.locator('[data-testid="fault"][data-platform="vdxp"]');
    await rule.waitFor(WAIT);
    expect((await (await fetch(`${base}/_lienthong/faults`)).json()).faults).toMatchObject([
      { platform: 'vdxp', operation: 'sendEdoc', agency: '000.00.00.G17', systemId: 'sys.loi', kind: 'error', count: 1 },
    ]);
    expect(await rule.textContent()).toContain('sys.loi');

    const sender = await connectSystem('sys.loi', '000.00.00.G17');
    const res = await sender.sendEdoc(documentPackage({ from: '000.00.00.G17', to: [H41] }), { from: '000.00.00.G17', messagetype: 'edoc' });
    expect(res.httpStatus).toBe(503);
    await page.waitForSelector('#exchanges > [data-testid="exchange"][data-operation="sendEdoc"][data-status="503"]', WAIT);
    await page.waitForFunction(() => document.querySelector('[data-testid="fault-hits"]')?.textContent === '1', undefined, WAIT);

    await rule.locator('[data-testid="fault-delete"]').click();
    await rule.waitFor({ state: 'detached', ...WAIT });
    expect((await (await fetch(`${base}/_lienthong/faults`)).json()).faults).toEqual([]);
  });

  it('resets only after the confirmation, and then shows the new, empty log', async () => {
    page.once('dialog', (d) => void d.dismiss());
    await page.click('#reset-btn');
    await new Promise((r) => setTimeout(r, 300));
    expect(await mailbox('sys.nhan').count()).toBe(1);

    let question = '';
    page.once('dialog', (d) => {
      question = d.message();
      void d.accept();
    });
    await page.click('#reset-btn');
    await mailbox('sys.nhan').waitFor({ state: 'detached', ...WAIT });
    expect(question).toContain('Reset');
    // The stream said the log was reset: only the reset itself is listed now.
    await page.waitForFunction(() => document.querySelectorAll('#exchanges > [data-testid="exchange"]').length === 1, undefined, WAIT);
    expect(await exchanges().first().getAttribute('data-operation')).toBe('POST /_lienthong/reset');
    expect(await exchanges().first().getAttribute('data-seq')).toBe('1');
    await page.waitForSelector('#dossiers-empty:not([hidden])', WAIT);
  });

  it('loaded nothing from anywhere but the emulator, with no script error', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
