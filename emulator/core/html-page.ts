import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * Sends one of the emulator's own self-contained HTML pages (the console, the API docs). A per-response
 * nonce lets the Content-Security-Policy allow exactly the page's own inline script and style and forbid
 * every other origin; `allow` adds the few directives a page needs beyond that (e.g. `connect-src 'self'`).
 */
export function sendHtmlPage(reply: FastifyReply, render: (nonce: string) => string, opts: { allow?: readonly string[]; cacheControl: string }) {
  const nonce = randomBytes(16).toString('base64');
  const policy = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    ...(opts.allow ?? []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', policy).header('cache-control', opts.cacheControl).send(render(nonce));
}
