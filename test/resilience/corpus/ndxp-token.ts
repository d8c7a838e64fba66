/**
 * NDXP token requests (specs/dvcqg-ndxp.md §B1; RFC 6749 §4.4, RFC 7009): form bodies without or with other
 * grant types, bodies in other formats, client authentication that is malformed (Basic without a colon,
 * not base64, a broken lgspaccesstoken), unknown or wrong credentials, two authentications that disagree,
 * invalid UTF-8 and NUL bytes in the form, oversize forms, and revocation requests missing their parts.
 */
import type { Fixture } from './fixture.js';
import { MAX_BODY } from './fixture.js';
import { seeded } from './rng.js';
import { CaseList, type BadCase, type BadRequest } from './types.js';

const FORM = 'application/x-www-form-urlencoded';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export function ndxpTokenCases(fx: Fixture, seed = 8201): BadCase[] {
  const rng = seeded(seed);
  const L = new CaseList('ndxp-token', 'ndxp-oauth');
  const { clientId, clientSecret } = fx.ndxp;
  const basic = (id = clientId, secret = clientSecret) => `Basic ${b64(`${id}:${secret}`)}`;
  const paths = ['/ndxp/token', '/ndxp/oauth2/token', '/ndxp/getToken'];
  const req = (body: string | Buffer, headers: Record<string, string>, path = rng.helpers.arrayElement(paths)): BadRequest => ({
    method: 'POST',
    url: path,
    headers: { 'content-type': FORM, ...headers },
    payload: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  });
  const add = (family: string, body: string | Buffer, headers: Record<string, string>, expect: string[], path?: string) => L.add(family, req(body, headers, path), expect);

  for (let i = 0; i < 40; i++) {
    // ---- grant_type ----
    add('grant', rng.helpers.arrayElement(['', 'scope=default', 'grant_type=', `client_id=${clientId}&client_secret=${clientSecret}`, 'grant_type']), { authorization: basic() }, ['NDXP_TOKEN_INVALID_REQUEST']);
    const grant = rng.helpers.arrayElement(['password', 'authorization_code', 'refresh_token', 'implicit', 'CLIENT_CREDENTIALS', 'client_credentials ', 'client-credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer', rng.lorem.word(), 'client_credentials%00']);
    add('grant', `grant_type=${encodeURIComponent(grant)}`, { authorization: basic() }, ['NDXP_TOKEN_UNSUPPORTED_GRANT']);
    add('grant', `grant_type=password&grant_type=client_credentials&username=${rng.internet.username()}`, { authorization: basic() }, ['NDXP_TOKEN_UNSUPPORTED_GRANT']);
    // ---- a body in another format ----
    const type = rng.helpers.arrayElement(['application/json', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/html']);
    add('content-type', rng.helpers.arrayElement([JSON.stringify({ grant_type: 'client_credentials' }), 'grant_type=client_credentials', '<grant_type>client_credentials</grant_type>']), { authorization: basic(), 'content-type': type }, ['NDXP_TOKEN_INVALID_REQUEST']);
    // ---- client authentication ----
    const badBasic = rng.helpers.arrayElement([
      `Basic ${b64(clientId)}`, `Basic ${b64(`:${clientSecret}`)}`, `Basic ${b64('')}x`, 'Basic !!!', `Basic ${b64(`${clientId}:${clientSecret}`)}\r\nX-Injected: 1`, 'Basic', 'Bearer x', `basic  ${b64(`${clientId}`)}`,
    ]);
    add('client-auth', 'grant_type=client_credentials', { authorization: badBasic }, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('client-auth', 'grant_type=client_credentials', {}, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('client-auth', 'grant_type=client_credentials', { authorization: basic(clientId, rng.internet.password()) }, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('client-auth', 'grant_type=client_credentials', { authorization: basic(rng.string.alphanumeric(28), clientSecret) }, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('client-auth', 'grant_type=client_credentials', { authorization: basic(clientId, `${clientSecret} `) }, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('client-auth', `grant_type=client_credentials&client_id=${clientId}`, {}, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('client-auth', `grant_type=client_credentials&client_secret=${clientSecret}`, {}, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('client-auth', `grant_type=client_credentials&client_id=${clientId}&client_secret=${encodeURIComponent(rng.internet.password())}`, {}, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('client-auth', `grant_type=client_credentials&client_id=${clientId}%00&client_secret=${clientSecret}`, {}, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('client-auth', `grant_type=client_credentials&client_id=${encodeURIComponent(`' OR '1'='1`)}&client_secret=${encodeURIComponent(`' OR '1'='1`)}`, {}, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('two-auths', `grant_type=client_credentials&client_id=${clientId}&client_secret=other-${rng.string.alphanumeric(6)}`, { authorization: basic() }, ['NDXP_TOKEN_INVALID_REQUEST']);
    const lgsp = rng.helpers.arrayElement([
      'not base64 !!', b64('not json'), b64('[]'), b64('null'), b64(JSON.stringify({ AccessKey: clientId })), b64(JSON.stringify({ AccessKey: 1, SecretKey: 2 })), b64(JSON.stringify({ AccessKey: '', SecretKey: '' })),
      b64(JSON.stringify({ AccessKey: clientId, SecretKey: rng.internet.password() })), b64(JSON.stringify({ AccessKey: { $ne: '' }, SecretKey: { $ne: '' } })),
    ]);
    add('lgspaccesstoken', 'grant_type=client_credentials', { lgspaccesstoken: lgsp }, ['NDXP_TOKEN_INVALID_CLIENT']);
    // ---- bytes that are not UTF-8, NUL, huge forms ----
    add('encoding', Buffer.concat([Buffer.from('grant_type=client_credentials&client_id='), Buffer.from([0xc0, 0xaf, 0xff]), Buffer.from(`&client_secret=${clientSecret}`)]), {}, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('encoding', `grant_type=client_credentials&client_id=%C0%AF${clientId}&client_secret=${clientSecret}`, {}, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('encoding', Buffer.concat([Buffer.from('grant_type=client_'), Buffer.from([0]), Buffer.from('credentials')]), { authorization: basic() }, ['NDXP_TOKEN_UNSUPPORTED_GRANT']);
  }
  for (const n of [10_000, 200_000, 1_500_000]) {
    add('oversize', `grant_type=client_credentials&client_id=${'a'.repeat(n)}&client_secret=x`, {}, ['NDXP_TOKEN_INVALID_CLIENT']);
    add('oversize', `grant_type=client_credentials&pad=${'x'.repeat(n)}`, { authorization: basic(clientId, 'y'.repeat(n)) }, ['NDXP_TOKEN_INVALID_CLIENT']);
  }
  for (const over of [1, 4096, MAX_BODY]) add('oversize', Buffer.alloc(MAX_BODY + over, 0x61), { authorization: basic() }, ['NDXP_TOKEN_INVALID_REQUEST']);

  // ---- revocation ----
  for (let i = 0; i < 20; i++) {
    const path = rng.helpers.arrayElement(['/ndxp/revoke', '/ndxp/oauth2/revoke']);
    add('revoke', `token=${rng.string.uuid()}`, {}, ['NDXP_TOKEN_INVALID_CLIENT'], path);
    add('revoke', `token=${rng.string.uuid()}`, { authorization: basic(clientId, rng.internet.password()) }, ['NDXP_TOKEN_INVALID_CLIENT'], path);
    add('revoke', rng.helpers.arrayElement(['', 'token=', 'tok=x']), { authorization: basic() }, ['NDXP_TOKEN_INVALID_REQUEST'], path);
    add('revoke', `token=${rng.string.uuid()}`, { authorization: basic(), 'content-type': 'application/json' }, ['NDXP_TOKEN_INVALID_REQUEST'], path);
  }
  return L.cases;
}
