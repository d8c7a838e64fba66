/**
 * DVCQG SSO — the portal's single sign-on (xacthuc.dichvucong.gov.vn, specs A9) as an OpenID Connect
 * provider (oidc-provider 8) at `/dvcqg/oauth2`: authorize, token, userinfo, discovery, jwks, logout,
 * introspect, revoke and A9's validate-token. Test citizens and organisations come from the synthetic world.
 *
 * Headless sign-in: add `login_hint=<SoDinhDanh|SoCMND|MaSoThue|TechID>` to the authorize request and follow
 * the redirects (no cookies needed): you land on `redirect_uri?code=…&state=…`.
 *
 * LIMITATIONS: see `LIMITATIONS` below.
 */
import type { IncomingMessage } from 'node:http';
import type { EmulatorContext, ExchangeNote } from '../../../core/context.js';
import type { DvcqgPart } from '../part.js';
import { SsoAccounts } from './accounts.js';
import { registerSsoControl } from './control.js';
import { ProviderPool } from './provider.js';
import { registerSsoRoutes } from './routes.js';
import { clearSso, loadSecrets, ssoDb, ssoMigrations, type SsoSecrets } from './store.js';
import { openWorld } from './world.js';

export { SSO_ERRORS } from './errors.js';

const LIMITATIONS = [
  'SSO: no VNeID login and no real credentials; any synthetic citizen or enterprise signs in by its number (login page or login_hint), with consent implied.',
  'SSO: the issuer is <origin>/dvcqg/oauth2 (the real one is unknown; WSO2 often uses its token URL); paths below it are the real /oauth2/authorize, /token, /userinfo.',
  'SSO: the validate-token path (/dvcqg/oauth2/validatetoken) and reply shape are ours (A9 gives only the form token=&state=0 and the client_id/exp check); it needs no client authentication.',
  'SSO: loAs is a list ["LoA1","LoA2"] for every account and acr is the first supported acr_values (default LoA1); real LoA rules are unknown.',
  'SSO: id_token and access-token exp/iat follow the real clock; the virtual clock only makes stored codes, tokens and sessions expire early.',
  'SSO: a client without a cookie jar is given the interaction resume cookie, so the browser binding of a sign-in is not enforced.',
  'SSO: organisation accounts show their first legal representative as HoVaTen, phone and e-mail (the registry holds no contact) [I].',
  'SSO: error replies are OAuth 2.0 ({error, error_description}); the real portal’s error bodies are unknown.',
];

/** What a restore must reload: the keys are read once at start-up and built into each provider. */
const running = new WeakMap<EmulatorContext, { pool: ProviderPool; secrets: SsoSecrets }>();

export const ssoPart: DvcqgPart = {
  name: 'sso',
  migrations: ssoMigrations,
  async register(app, ctx) {
    const secrets = await loadSecrets(ssoDb(ctx), ctx.clock.now());
    const accounts = new SsoAccounts(openWorld(ctx.world), ctx.clock.now());
    const notes = new WeakMap<IncomingMessage, ExchangeNote>();
    const pool = new ProviderPool({ ctx, accounts, secrets, notes });
    running.set(ctx, { pool, secrets });
    await app.register(async (scope) => {
      registerSsoRoutes(scope, { pool, accounts, notes });
      registerSsoControl(scope, ctx, pool, accounts);
    });
  },
  clear: clearSso,
  // The restored store may hold other signing and cookie keys: reload them in place and rebuild the providers.
  async restored(ctx) {
    const run = running.get(ctx);
    if (!run) return;
    Object.assign(run.secrets, await loadSecrets(ssoDb(ctx), ctx.clock.now()));
    run.pool.reset();
  },
  limitations: LIMITATIONS,
};
