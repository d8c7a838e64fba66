/**
 * The citizen's browser in the SSO scenarios: follows the SUT's authorization URL to the portal, signs in on
 * the portal's login page by typing an ID number (as a person does: no login_hint is added to the SUT's
 * request), and stops where the portal sends the browser back to the SUT (its redirect_uri).
 */
import { HarnessError } from '../errors.js';

export interface Landing {
  /** The SUT's redirect_uri with code and state, where the portal sent the browser. */
  landed: URL | null;
  /** When the portal did not send the browser back: the page it stopped on. */
  stoppedAt?: { url: string; status: number; text: string };
}

const LOGIN_PAGE = /\/authenticationendpoint\/login\.do$/;

export async function signInOnPortal(authorizationUrl: string, account: string): Promise<Landing> {
  const portalOrigin = new URL(authorizationUrl).origin;
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(15_000), headers: { accept: 'text/html', ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) } });
    } catch (err) {
      throw new HarnessError(`the browser could not open ${url}: ${(err as Error).message}`);
    }
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      if (i > 0) jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };

  let url = authorizationUrl;
  let res = await go(url);
  let typed = false;
  for (let hop = 0; hop < 15; hop++) {
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== portalOrigin) return { landed: next };
      url = next.href;
      res = await go(url);
      continue;
    }
    if (res.status === 200 && LOGIN_PAGE.test(new URL(url).pathname) && !typed) {
      // The login page: type the ID number and submit (the form posts back to the same URL).
      typed = true;
      res = await go(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ account }).toString() });
      continue;
    }
    return { landed: null, stoppedAt: { url, status: res.status, text: (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 400) } };
  }
  throw new HarnessError(`the browser followed more than 15 redirects from ${authorizationUrl}`);
}

/** The browser arriving at the SUT's redirect_uri: what the SUT answered (its own page). */
export async function visit(url: URL): Promise<{ status: number }> {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000), headers: { accept: 'text/html' } });
    await res.arrayBuffer();
    return { status: res.status };
  } catch (err) {
    throw new HarnessError(`the browser could not reach the SUT at ${url.origin}${url.pathname}: ${(err as Error).message}`);
  }
}
