/**
 * GET /_lienthong/ui without a browser: one self-contained HTML page whose Content-Security-Policy lets
 * only its own inline script and style run and only the emulator be contacted. (test/browser/console.test.ts
 * drives it in chromium.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type App } from '../vdxp/support/fixtures.js';

describe('GET /_lienthong/ui', () => {
  let app: App;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  it('serves a self-contained HTML page with the panels the console fills in', async () => {
    const res = await app.inject({ method: 'GET', url: '/_lienthong/ui' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body;
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    for (const id of ['exchanges', 'platform-filter', 'mailboxes', 'dossiers', 'consumers', 'faults', 'fault-form', 'reset-btn', 'clock-advance-btn', 'clock-now', 'live']) {
      expect(html, id).toContain(`id="${id}"`);
    }
    expect(html).toContain('Trao đổi trực tiếp / Live exchanges');
    // Nothing loaded from elsewhere: no src or href attribute at all, no URL with a scheme in the markup.
    expect(html).not.toMatch(/\s(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('allows only its own nonce-tagged script and style, and connections to itself', async () => {
    const a = await app.inject({ method: 'GET', url: '/_lienthong/ui' });
    const b = await app.inject({ method: 'GET', url: '/_lienthong/ui' });
    const csp = String(a.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(a.body).toContain(`<script nonce="${nonce}">`);
    expect(a.body).toContain(`<style nonce="${nonce}">`);
    expect(b.headers['content-security-policy']).not.toBe(csp);
  });

  it('is not evidence: reading the console logs no exchange', async () => {
    const before = await app.lienthong.evidence.lastSeq();
    await app.inject({ method: 'GET', url: '/_lienthong/ui' });
    expect(await app.lienthong.evidence.lastSeq()).toBe(before);
  });
});
