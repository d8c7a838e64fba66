/**
 * The live console at `GET /_lienthong/ui`: one self-contained HTML page (inline CSS and script, no
 * framework, nothing fetched from elsewhere) that watches the emulator through its own control plane —
 * exchanges live from `/_lienthong/events/stream`, VDXP mailboxes, DVCQG dossiers, NDXP consumers with
 * their tokens and usage — and drives reset, the clock and fault injection.
 */
import type { FastifyInstance } from 'fastify';
import { sendHtmlPage } from '../core/html-page.js';
import { consolePage } from './page.js';

export function registerConsole(app: FastifyInstance): void {
  // The console talks only to the emulator that served it (connect-src 'self'); its icons are data: URLs.
  app.get('/_lienthong/ui', async (_request, reply) =>
    sendHtmlPage(reply, (nonce) => consolePage({ version: app.lienthong.version, nonce }), { allow: ["connect-src 'self'", 'img-src data:'], cacheControl: 'no-store' }),
  );
}
