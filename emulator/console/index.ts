/**
 * The live console at `GET /_lienthong/ui`: one self-contained HTML page (inline CSS and script, no
 * framework, nothing fetched from elsewhere) that watches the emulator through its own control plane —
 * exchanges live from `/_lienthong/events/stream`, VDXP mailboxes, DVCQG dossiers, NDXP consumers with
 * their tokens and usage — and drives reset, the clock and fault injection.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { consolePage } from './page.js';

/**
 * A per-response nonce lets the Content-Security-Policy allow exactly the page's own inline script and
 * style and forbid every other origin: the console can only talk to the emulator that served it.
 */
function policy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function registerConsole(app: FastifyInstance): void {
  app.get('/_lienthong/ui', async (_request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', policy(nonce))
      .header('cache-control', 'no-store')
      .send(consolePage({ version: app.lienthong.version, nonce }));
  });
}
