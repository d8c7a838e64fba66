import type { IncomingMessage } from 'node:http';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { EmulatorContext, ExchangeNote } from '../../../core/context.js';
import { A9_CLAIM_NAMES, LOA_VALUES, type SsoAccounts } from './accounts.js';
import { storeAdapter } from './adapter.js';
import { ssoCodeOf, SSO_ERRORS } from './errors.js';
import { escapeHtml, messagePage } from './pages.js';
import { ssoDb, type SsoSecrets } from './store.js';

/** Where the provider is mounted; the paths below it are the real portal's (A9: /oauth2/authorize, /token, /userinfo). */
export const SSO_MOUNT = '/dvcqg/oauth2';
/** WSO2 Identity Server serves its login pages under /authenticationendpoint/ (A9 [I]); ours sits under /dvcqg. */
export const LOGIN_PATH = '/dvcqg/authenticationendpoint/login.do';
export const VALIDATE_TOKEN_ROUTE = '/validatetoken';
/** oidc-provider's default names, set explicitly because routes.ts supplies the resume cookie. */
export const RESUME_COOKIE = '_interaction_resume';

/** Per-request evidence note, found again from the provider's koa context. */
export type NoteMap = WeakMap<IncomingMessage, ExchangeNote>;

export interface ProviderDeps {
  ctx: EmulatorContext;
  accounts: SsoAccounts;
  secrets: SsoSecrets;
  notes: NoteMap;
}

/** Lifetimes in seconds. WSO2 IS defaults where known [M]: access token 1 h, code 5 min, refresh 1 day. */
const TTL = {
  AccessToken: 3600,
  AuthorizationCode: 300,
  IdToken: 3600,
  RefreshToken: 86400,
  Interaction: 3600,
  Session: 86400,
  Grant: 14 * 86400,
} as const;

/** Origins kept at once; an evicted provider costs only a rebuild (all state is in the store). */
const MAX_PROVIDERS = 32;

const ERROR_EVENTS = [
  'authorization.error', 'grant.error', 'userinfo.error', 'introspection.error', 'revocation.error',
  'end_session.error', 'discovery.error', 'jwks.error', 'server_error', 'backchannel.error',
] as const;

/** The first of the requested acr_values we support, else LoA1: A9 clients send `acr_values=LoA1`. */
export function chooseAcr(requested: unknown): string {
  const wanted = typeof requested === 'string' ? requested.split(' ') : [];
  return wanted.find((v) => (LOA_VALUES as readonly string[]).includes(v)) ?? 'LoA1';
}

/**
 * One oidc-provider per origin a client used (localhost:8686, 127.0.0.1:<port>, a container name), since
 * the issuer and every endpoint URL are absolute. They share the keys, the store and the accounts.
 */
export class ProviderPool {
  private readonly providers = new Map<string, Provider>();
  private readonly adapter;

  constructor(private readonly deps: ProviderDeps) {
    this.adapter = storeAdapter(() => ssoDb(deps.ctx), deps.ctx.clock);
  }

  /** Forgets every built provider (each holds the keys it was built with): the next request builds anew. */
  reset(): void {
    this.providers.clear();
  }

  get(issuer: string): Provider {
    let p = this.providers.get(issuer);
    if (p) {
      this.providers.delete(issuer);
    } else {
      p = this.build(issuer);
      if (this.providers.size >= MAX_PROVIDERS) this.providers.delete(this.providers.keys().next().value as string);
    }
    this.providers.set(issuer, p);
    return p;
  }

  private build(issuer: string): Provider {
    const provider = new Provider(issuer, this.configuration(issuer));
    // The issuer already reflects X-Forwarded-Proto/Host (see issuerOf); koa must build URLs the same way.
    provider.proxy = true;
    const { notes } = this.deps;
    // Which relying party an exchange belongs to, for the evidence log.
    provider.use(async (kctx, next) => {
      try {
        await next();
      } finally {
        const note = notes.get(kctx.req);
        const oidc = (kctx as Partial<KoaContextWithOIDC>).oidc;
        const clientId = oidc?.client?.clientId ?? oidc?.entities?.AccessToken?.clientId;
        if (note && clientId && !note.systemId) note.systemId = clientId;
      }
    });
    for (const event of ERROR_EVENTS) {
      provider.on(event, (kctx: KoaContextWithOIDC, err: { error?: string; error_description?: string; message?: string }) => {
        const note = notes.get(kctx.req);
        if (!note) return;
        const error = err.error ?? 'server_error';
        const code = ssoCodeOf(error, err.error_description);
        note.verdicts.push({ code, severity: 'error', message: `${error}: ${err.error_description ?? err.message ?? SSO_ERRORS[code].title}` });
      });
    }
    return provider;
  }

  private configuration(issuer: string): Configuration {
    const { accounts, secrets } = this.deps;
    const policy = interactionPolicy.base();
    // A browser already signed in as someone else must sign in again when login_hint names another account.
    policy.get('login')?.checks.add(
      new interactionPolicy.Check('login_hint_other_account', 'login_hint names another account than the signed-in one', (kctx) => {
        const hint = kctx.oidc.params?.login_hint;
        const current = kctx.oidc.session?.accountId;
        if (typeof hint !== 'string' || !current) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        const wanted = accounts.resolve(hint);
        return wanted?.claims.TechID === current ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
      }),
    );

    return {
      adapter: this.adapter,
      jwks: structuredClone(secrets.jwks),
      cookies: {
        names: { session: '_session', interaction: '_interaction', resume: RESUME_COOKIE },
        keys: secrets.cookieKeys,
        long: { httpOnly: true, sameSite: 'lax' },
        // Short (interaction, resume) cookies are unsigned: a client without a cookie jar gets the resume
        // cookie from the emulator (see routes.ts), which a signature would only make awkward.
        short: { httpOnly: true, sameSite: 'lax', signed: false },
      },
      findAccount: async (_kctx, sub) => {
        const account = accounts.byTechId(sub);
        if (!account) return undefined;
        return { accountId: sub, claims: async () => ({ ...account.claims }) };
      },
      // Scope openid carries every A9 claim (the real portal returns them all for openid, S1).
      claims: { openid: ['sub', ...A9_CLAIM_NAMES], acr: null, auth_time: null, sid: null, iss: null },
      // A9 claims also in the id_token (oidc-provider would otherwise keep them for userinfo only).
      conformIdTokenClaims: false,
      acrValues: [...LOA_VALUES],
      scopes: ['openid', 'offline_access'],
      responseTypes: ['code'],
      // A9 clients (OpenCPS) send no code_challenge; PKCE is accepted, not required.
      pkce: { required: () => false, methods: ['S256'] },
      clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post', id_token_signed_response_alg: 'RS256' },
      clientAuthMethods: ['client_secret_post', 'client_secret_basic'],
      routes: {
        authorization: '/authorize',
        token: '/token',
        userinfo: '/userinfo',
        jwks: '/jwks',
        end_session: '/logout',
        introspection: '/introspect',
        revocation: '/revoke',
      },
      features: {
        devInteractions: { enabled: false },
        introspection: { enabled: true, allowedPolicy: async () => true },
        revocation: { enabled: true },
        resourceIndicators: { enabled: false },
        pushedAuthorizationRequests: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (kctx, form) => {
            kctx.body = messagePage('Đăng xuất · Sign out', `<p>Đăng xuất khỏi Cổng dịch vụ công quốc gia (emulator)?<br><small>Sign out of the national public-service portal?</small></p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Đăng xuất · Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Ở lại · Stay signed in</button>`);
          },
          postLogoutSuccessSource: async (kctx) => {
            kctx.body = messagePage('Đã đăng xuất · Signed out', '<p>Bạn đã đăng xuất.<br><small>You are signed out.</small></p>');
          },
        },
      },
      interactions: {
        policy,
        url: async (_kctx, interaction) => new URL(`${LOGIN_PATH}?sessionDataKey=${encodeURIComponent(interaction.uid)}`, issuer).href,
      },
      // First-party portal: consent is implied, the grant covers what was asked (oidc-provider's documented way to skip consent).
      loadExistingGrant: async (kctx) => {
        const { oidc } = kctx;
        const session = oidc.session;
        const client = oidc.client;
        if (!session?.accountId || !client) return undefined;
        const grantId = (oidc.result?.consent?.grantId as string | undefined) ?? session.grantIdFor(client.clientId);
        let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
        if (!grant || grant.accountId !== session.accountId) grant = new oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
        const scope = typeof oidc.params?.scope === 'string' ? oidc.params.scope : 'openid';
        grant.addOIDCScope(scope);
        await grant.save();
        return grant;
      },
      ttl: { ...TTL },
      clientBasedCORS: () => true,
      discovery: {
        // A9's token check (S1 isValidAccessToken): form token=<t>&state=0, reply with client_id and exp.
        validatetoken_endpoint: `${issuer}${VALIDATE_TOKEN_ROUTE}`,
        ui_locales_supported: ['vi', 'en'],
        claim_types_supported: ['normal'],
      },
      // Errors that cannot go back to the client (unknown client, unregistered redirect_uri): a page for a
      // browser, JSON with our code for a client that asks for JSON only.
      renderError: async (kctx, out) => {
        const code = ssoCodeOf(out.error, out.error_description);
        if (kctx.accepts('html', 'json') === 'json') {
          kctx.type = 'json';
          kctx.body = { ...out, code };
          return;
        }
        kctx.type = 'html';
        kctx.body = messagePage(
          'Lỗi đăng nhập · Sign-in error',
          `<p><strong>${escapeHtml(out.error)}</strong>: ${escapeHtml(out.error_description ?? '')}</p><p><code>${code}</code> — ${escapeHtml(SSO_ERRORS[code].title)}</p>`,
        );
      },
    };
  }
}
