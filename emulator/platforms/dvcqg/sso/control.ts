import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { checkBody } from '../../../core/control.js';
import { coreError } from '../../../core/errors.js';
import type { EmulatorContext } from '../../../core/context.js';
import type { SsoAccounts } from './accounts.js';
import { clientMetadata } from './adapter.js';
import { ssoError } from './errors.js';
import { SSO_MOUNT, VALIDATE_TOKEN_ROUTE, type ProviderPool } from './provider.js';
import { issuerOf } from './routes.js';
import { insertClient, listClients, ssoDb, type ClientRow } from './store.js';

interface ClientInput {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  name?: string;
}

/** Where a relying party points its configuration (S1's auth_server + *_endpoint keys). */
function endpoints(issuer: string) {
  return {
    issuer,
    discovery: `${issuer}/.well-known/openid-configuration`,
    authorization: `${issuer}/authorize`,
    token: `${issuer}/token`,
    userinfo: `${issuer}/userinfo`,
    validateToken: `${issuer}${VALIDATE_TOKEN_ROUTE}`,
    logout: `${issuer}/logout`,
  };
}

const describe = (c: ClientRow) => ({
  clientId: c.clientId,
  name: c.name,
  redirectUris: c.redirectUris,
  postLogoutRedirectUris: c.postLogoutRedirectUris,
  createdAt: c.createdAt,
});

/** `/_lienthong/dvcqg/sso/…`: register relying parties, list them, find test accounts. Our API, our dialect. */
export function registerSsoControl(app: FastifyInstance, ctx: EmulatorContext, pool: ProviderPool, accounts: SsoAccounts): void {
  app.post('/_lienthong/dvcqg/sso/clients', async (request, reply) => {
    const input = checkBody<ClientInput>('lienthong:dvcqg/sso-client', request.body);
    const row: ClientRow = {
      clientId: input.clientId,
      clientSecret: input.clientSecret ?? randomBytes(24).toString('base64url'),
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris ?? [],
      name: input.name ?? null,
      createdAt: ctx.clock.now().toISOString(),
    };
    const issuer = issuerOf(request);
    // The provider's own metadata rules (e.g. redirect URIs), checked now rather than at the first sign-in.
    try {
      await pool.get(issuer).Client.validate(clientMetadata(row));
    } catch (err) {
      const detail = (err as { error_description?: string; message?: string }).error_description ?? (err as Error).message;
      throw coreError('BAD_REQUEST', `invalid client: ${detail}`, { field: /redirect/.test(detail) ? '/redirectUris' : '/', rule: 'OpenID Connect client metadata' });
    }
    if (!(await insertClient(ssoDb(ctx), row))) {
      throw ssoError('DVCQG_SSO_CLIENT_EXISTS', `clientId "${row.clientId}" is already registered`, { field: '/clientId', rule: 'unique' });
    }
    return reply.status(201).send({ ...describe(row), clientSecret: row.clientSecret, tokenEndpointAuthMethods: ['client_secret_post', 'client_secret_basic'], endpoints: endpoints(issuer) });
  });

  app.get('/_lienthong/dvcqg/sso/clients', async (request) => ({
    clients: (await listClients(ssoDb(ctx))).map(describe),
    endpoints: endpoints(issuerOf(request)),
  }));

  app.get<{ Querystring: { limit?: string; kind?: string } }>('/_lienthong/dvcqg/sso/accounts', async (request) => {
    const { limit: limitText, kind } = request.query;
    const limit = limitText === undefined || limitText === '' ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) {
      throw coreError('BAD_REQUEST', `limit "${limitText}" must be an integer from 1 to 1000`, { field: 'limit', rule: 'integer 1..1000' });
    }
    if (kind !== undefined && kind !== 'citizen' && kind !== 'organisation') {
      throw coreError('BAD_REQUEST', `kind "${kind}" must be citizen or organisation`, { field: 'kind', rule: 'enum citizen|organisation' });
    }
    const listed = accounts.listed().filter((a) => kind === undefined || a.kind === kind);
    return {
      accounts: listed.slice(0, limit ?? listed.length).map((a) => ({ kind: a.kind, loginHint: a.loginId, techId: a.claims.TechID, claims: a.claims })),
      howToSignIn: `Pass login_hint=<SoDinhDanh|SoCMND|MaSoThue|TechID> on ${SSO_MOUNT}/authorize to sign in without the page; any citizen or enterprise of the synthetic world (seed ${ctx.seed}) signs in by its number, not only those listed.`,
    };
  });
}
