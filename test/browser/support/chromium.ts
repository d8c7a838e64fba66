/**
 * Debian's chromium driven by playwright-core, for the browser tests. Where chromium or playwright-core is
 * missing the tests skip with `skipReason` (printed once, and put in the suite's title so reporters show
 * it) instead of failing: `.ci/run` installs chromium so CI runs them.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserType } from 'playwright-core';

export const CHROMIUM_PATH = process.env.LIENTHONG_CHROMIUM ?? '/usr/bin/chromium';

async function probe(): Promise<{ chromium: BrowserType } | { reason: string }> {
  if (!existsSync(CHROMIUM_PATH)) return { reason: `no chromium at ${CHROMIUM_PATH} (Debian: apt-get install -y chromium; .ci/run does it)` };
  try {
    const pw = await import('playwright-core');
    return { chromium: pw.chromium };
  } catch (err) {
    return { reason: `playwright-core cannot be loaded (${(err as Error).message}); run npm ci` };
  }
}

const found = await probe();

/** Why the browser tests cannot run here, or undefined when they can. */
export const skipReason: string | undefined = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`[browser tests skipped] ${skipReason}`);

/** A suite title that says why it was skipped, so the reason shows in every reporter. */
export const suiteTitle = (title: string): string => (skipReason ? `${title} — skipped: ${skipReason}` : title);

export async function launchChromium(): Promise<Browser> {
  if ('reason' in found) throw new Error(found.reason);
  return found.chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox'] });
}
