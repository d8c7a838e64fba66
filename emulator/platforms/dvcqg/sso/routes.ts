import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Interaction, InteractionResults } from 'oidc-provider';
import type { ExchangeNote } from '../../../core/context.js';
import type { SsoAccounts } from './accounts.js';
import { ssoError, SSO_ERRORS } from './errors.js';
import { loginPage, messagePage } from './pages.js';
import { chooseAcr, LOGIN_PATH, RESUME_COOKIE, SSO_MOUNT, VALIDATE_TOKEN_ROUTE, type NoteMap, type ProviderPool } from './provider.js';

export interface SsoRouteDeps {
  pool: ProviderPool;
  accounts: SsoAccounts;
  notes: NoteMap;
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const firstValue = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined;

/**
 * The issuer as this client reached us: `${proto}://${host}/dvcqg/oauth2`, honouring X-Forwarded-Proto/Host
 * (a container behind a proxy). Every URL the provider writes (discovery, redirects, `iss`) follows it.
 */
export function issuerOf(request: FastifyRequest): string {
  const proto = firstValue(request.headers['x-forwarded-proto']) ?? ((request.raw.socket as TLSSocket).encrypted ? 'https' : 'http');
  const host = firstValue(request.headers['x-forwarded-host']) ?? request.headers.host;
  if (!host || !HOST.test(host) || (proto !== 'http' && proto !== 'https')) {
    throw ssoError('DVCQG_SSO_BAD_HOST', `cannot form the issuer URL from Host "${host ?? ''}" and protocol "${proto}"`, { field: 'Host', rule: 'host[:port]' });
  }
  // URL normalises the way koa's URLs do (lower case, no default port), so `iss` matches the endpoint URLs.
  return `${new URL(`${proto}://${host}`).origin}${SSO_MOUNT}`;
}

/** Evidence operation name per provider route (paths below the mount). */
function operationOf(path: string): string {
  const p = path.split('?')[0] ?? '';
  if (p === '/authorize') return 'sso.authorize';
  if (p.startsWith('/authorize/')) return 'sso.authorize.resume';
  if (p === '/.well-known/openid-configuration') return 'sso.discovery';
  if (p.startsWith('/logout')) return 'sso.logout';
  const known: Record<string, string> = { '/token': 'sso.token', '/userinfo': 'sso.userinfo', '/jwks': 'sso.jwks', '/introspect': 'sso.introspect', '/revoke': 'sso.revoke' };
  return known[p] ?? 'sso.other';
}

/** Largest body kept for the evidence log (the log bounds it again). */
const TAP_LIMIT = 64 * 1024;

/** Form fields that are credentials but not named as such in the evidence redaction list. */
const REDACTED_FORM_FIELDS = new Set(['token', 'code_verifier', 'client_assertion']);

function formForEvidence(text: string, contentType: string | undefined): unknown {
  if (!contentType?.includes('application/x-www-form-urlencoded')) return text;
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = REDACTED_FORM_FIELDS.has(k) ? '[redacted]' : v;
  return out;
}

/**
 * Watches the bytes the provider reads and writes, without changing how it reads them (oidc-provider parses
 * its own bodies from the stream), and puts them where the app's evidence hook looks: `request.body` and
 * `request.replyPayload`. `restore` runs when the reply is complete.
 */
function tapExchange(request: FastifyRequest, res: ServerResponse, restore: () => void): void {
  const raw = request.raw;
  const inChunks: Buffer[] = [];
  let inBytes = 0;
  const emit = raw.emit.bind(raw);
  raw.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'data' && inBytes < TAP_LIMIT) {
      const chunk = args[0];
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      inChunks.push(buf);
      inBytes += buf.length;
    }
    return emit(event, ...args);
  }) as typeof raw.emit;

  const outChunks: Buffer[] = [];
  let outBytes = 0;
  const keep = (chunk: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function' || outBytes >= TAP_LIMIT) return;
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    outChunks.push(buf);
    outBytes += buf.length;
  };
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk);
    restore();
    if (inChunks.length > 0) request.body = formForEvidence(Buffer.concat(inChunks).toString('utf8'), request.headers['content-type']);
    if (outChunks.length > 0) request.replyPayload = Buffer.concat(outChunks).toString('utf8');
    return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof res.end;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
const handlers = new WeakMap<Provider, Handler>();
const handlerOf = (p: Provider): Handler => {
  let h = handlers.get(p);
  if (!h) {
    h = p.callback() as unknown as Handler;
    handlers.set(p, h);
  }
  return h;
};

const epochNow = () => Math.floor(Date.now() / 1000);

export function registerSsoRoutes(app: FastifyInstance, { pool, accounts, notes }: SsoRouteDeps): void {
  // Our own form endpoints (login page, validate-token) read urlencoded bodies; scoped to this plugin.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // Everything under /dvcqg/oauth2 goes to oidc-provider untouched: hijacked before fastify parses a body.
  app.route({
    method: ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE'],
    url: `${SSO_MOUNT}/*`,
    onRequest: async (request, reply) => {
      const provider = pool.get(issuerOf(request));
      const raw = request.raw;
      const fullUrl = raw.url ?? SSO_MOUNT;
      const path = fullUrl.slice(SSO_MOUNT.length) || '/';
      const note: ExchangeNote = { platform: 'dvcqg', operation: operationOf(path), verdicts: [] };
      request.exchange = note;
      notes.set(raw, note);

      // OpenCPS posts to userinfo with Content-Type application/json and no body (S1 invokeUserInfo);
      // oidc-provider accepts only a form there, so an empty non-form body is read as no body.
      const contentType = request.headers['content-type'];
      const empty = (request.headers['content-length'] ?? '0') === '0' && request.headers['transfer-encoding'] === undefined;
      if (path.startsWith('/userinfo') && raw.method === 'POST' && contentType && !contentType.includes('application/x-www-form-urlencoded') && empty) {
        delete raw.headers['content-type'];
        note.verdicts.push({ code: 'DVCQG_SSO_USERINFO_CONTENT_TYPE', severity: 'info', message: `userinfo POST with Content-Type "${contentType}" and no body accepted` });
      }
      // Resuming a finished sign-in needs the resume cookie; clients without a cookie jar (a SUT following
      // redirects headless) get it here. The provider still checks the interaction exists and is finished.
      const resume = /^\/authorize\/([A-Za-z0-9_-]+)/.exec(path);
      if (resume && !(request.headers.cookie ?? '').split(/;\s*/).some((c) => c.startsWith(`${RESUME_COOKIE}=`))) {
        raw.headers.cookie = [request.headers.cookie, `${RESUME_COOKIE}=${resume[1]}`].filter(Boolean).join('; ');
      }

      // Mounted like express's app.use('/dvcqg/oauth2', …): the provider routes on the rest of the path.
      (raw as IncomingMessage & { originalUrl?: string }).originalUrl = fullUrl;
      raw.url = path;
      tapExchange(request, reply.raw, () => {
        raw.url = fullUrl;
      });
      reply.hijack();
      await handlerOf(provider)(raw, reply.raw);
      raw.url = fullUrl;
    },
    handler: async () => undefined,
  });

  // A9 token check (S1 isValidAccessToken): POST form `token=<t>&state=0` (S1 also sends the token as Bearer);
  // the caller accepts the token when `client_id` is its own and `exp` is in the future. No client auth (S1 sends none).
  app.post(`${SSO_MOUNT}${VALIDATE_TOKEN_ROUTE}`, async (request, reply) => {
    const note: ExchangeNote = { platform: 'dvcqg', operation: 'sso.validatetoken', verdicts: [] };
    request.exchange = note;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = typeof body.token === 'string' && body.token !== '' ? body.token : bearer;
    if ('token' in body) request.body = { ...body, token: '[redacted]' };
    const provider = pool.get(issuerOf(request));
    const at = token ? await provider.AccessToken.find(token).catch(() => undefined) : undefined;
    if (!at || !at.accountId) {
      note.verdicts.push({ code: 'DVCQG_SSO_INVALID_TOKEN', severity: 'error', message: token ? 'the token is unknown, expired or revoked' : 'no token given (form field token, or Bearer)' });
      return reply.send({ active: false });
    }
    note.systemId = at.clientId;
    return reply.send({
      active: true,
      client_id: at.clientId,
      sub: at.accountId,
      exp: at.exp,
      iat: at.iat,
      scope: at.scope,
      token_type: 'Bearer',
    });
  });

  const finish = async (interaction: Interaction, result: InteractionResults) => {
    interaction.result = result;
    await interaction.save(Math.max(interaction.exp - epochNow(), 1));
    return interaction.returnTo;
  };

  const expired = (reply: FastifyReply, note: ExchangeNote, uid: string) => {
    note.verdicts.push({ code: 'DVCQG_SSO_INTERACTION_EXPIRED', severity: 'error', message: `no sign-in in progress with sessionDataKey "${uid}"` });
    return reply
      .status(400)
      .type('text/html; charset=utf-8')
      .send(messagePage('Phiên đăng nhập đã hết hạn · Sign-in expired', `<p>Phiên đăng nhập không tồn tại hoặc đã hết hạn; hãy bắt đầu lại từ hệ thống của bạn.<br><small>The sign-in session is unknown or has expired; start again from your system.</small></p><p><code>DVCQG_SSO_INTERACTION_EXPIRED</code></p>`));
  };

  const loginResult = (interaction: { params: Record<string, unknown> }, techId: string): InteractionResults => ({
    login: { accountId: techId, acr: chooseAcr(interaction.params.acr_values), amr: ['pwd'], remember: true },
  });

  // The interaction page (WSO2's login.do?sessionDataKey=…). Found by its uid, so it works without cookies.
  app.get<{ Querystring: { sessionDataKey?: string } }>(LOGIN_PATH, async (request, reply) => {
    const note: ExchangeNote = { platform: 'dvcqg', operation: 'sso.login', verdicts: [] };
    request.exchange = note;
    const uid = request.query.sessionDataKey ?? '';
    const provider = pool.get(issuerOf(request));
    const interaction = uid ? await provider.Interaction.find(uid) : undefined;
    if (!interaction) return expired(reply, note, uid);
    const params = interaction.params as Record<string, unknown>;
    note.systemId = typeof params.client_id === 'string' ? params.client_id : undefined;

    if (interaction.prompt.name !== 'login') {
      // Consent is implied for the first-party portal; the grant is made on resume.
      return reply.redirect(await finish(interaction, { consent: {} }), 303);
    }
    // Headless sign-in: login_hint names the account, no page is shown.
    if (typeof params.login_hint === 'string' && params.login_hint.trim() !== '') {
      const account = accounts.resolve(params.login_hint);
      if (!account) {
        const message = `login_hint "${params.login_hint}" names no test citizen (SoDinhDanh, SoCMND, TechID) or organisation (MaSoThue)`;
        note.verdicts.push({ code: 'DVCQG_SSO_UNKNOWN_ACCOUNT', severity: 'error', message });
        return reply.redirect(await finish(interaction, { error: 'access_denied', error_description: `DVCQG_SSO_UNKNOWN_ACCOUNT: ${message}` }), 303);
      }
      return reply.redirect(await finish(interaction, loginResult(interaction, account.claims.TechID)), 303);
    }
    const client = await provider.Client.find(note.systemId ?? '');
    return reply
      .type('text/html; charset=utf-8')
      .send(loginPage({ action: LOGIN_PATH, sessionDataKey: uid, clientName: client?.clientName ?? note.systemId ?? '', accounts: accounts.listed() }));
  });

  app.post<{ Querystring: { sessionDataKey?: string } }>(LOGIN_PATH, async (request, reply) => {
    const note: ExchangeNote = { platform: 'dvcqg', operation: 'sso.login', verdicts: [] };
    request.exchange = note;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const uid = request.query.sessionDataKey ?? (typeof body.sessionDataKey === 'string' ? body.sessionDataKey : '');
    const provider = pool.get(issuerOf(request));
    const interaction = uid ? await provider.Interaction.find(uid) : undefined;
    if (!interaction) return expired(reply, note, uid);
    const params = interaction.params as Record<string, unknown>;
    note.systemId = typeof params.client_id === 'string' ? params.client_id : undefined;

    if (body.cancel !== undefined) {
      note.verdicts.push({ code: 'DVCQG_SSO_ACCESS_DENIED', severity: 'info', message: 'the user cancelled the sign-in' });
      return reply.redirect(await finish(interaction, { error: 'access_denied', error_description: 'the user cancelled the sign-in (Hủy)' }), 303);
    }
    const typed = typeof body.account === 'string' ? body.account : '';
    const account = accounts.resolve(typed);
    if (!account) {
      const message = typed.trim() === ''
        ? 'Nhập số định danh hoặc mã số thuế · Type an ID number or a tax code'
        : `"${typed}" không phải tài khoản thử nghiệm · is no test citizen (SoDinhDanh, SoCMND, TechID) or organisation (MaSoThue) [DVCQG_SSO_UNKNOWN_ACCOUNT]`;
      note.verdicts.push({ code: 'DVCQG_SSO_UNKNOWN_ACCOUNT', severity: 'error', message });
      const client = await provider.Client.find(note.systemId ?? '');
      return reply
        .status(SSO_ERRORS.DVCQG_SSO_UNKNOWN_ACCOUNT.http)
        .type('text/html; charset=utf-8')
        .send(loginPage({ action: LOGIN_PATH, sessionDataKey: uid, clientName: client?.clientName ?? '', accounts: accounts.listed(), error: message, typed }));
    }
    return reply.redirect(await finish(interaction, loginResult(interaction, account.claims.TechID)), 303);
  });
}

