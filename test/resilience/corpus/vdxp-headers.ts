/**
 * VDXP transport headers (specs/vdxp.md §3.2–3.4) on every operation: each of the four XroadVnpt-*
 * authentication headers missing, empty, malformed, oversized or carrying CR/LF; sign-headers that are not
 * JSON objects of strings; HMACs that are not hex, not 64 digits, or under the wrong secret; unknown
 * systems; signed values that differ from the sent ones; then correctly signed calls with bad parameters
 * (unknown or hostile docIds, statuses, dates, levels, agency bodies) and paths that are no operation.
 */
import { hashFileHex } from '../../../emulator/platforms/vdxp/wire/xroad-headers.js';
import type { Fixture, VdxpSystem } from './fixture.js';
import { chars, seeded, wrongJson } from './rng.js';
import { CaseList, type BadCase, type Method } from './types.js';
import { headerObject, opRequest, signedHeaders, type WireHeaders } from './vdxp-wire.js';

interface Op {
  name: string;
  method: Method;
  params: (fx: Fixture) => Record<string, string>;
  body?: string;
}

/** Each operation with the parameters of a valid call (the auth mutations must be what fails). */
const OPS: Op[] = [
  { name: 'sendEdoc', method: 'POST', params: () => ({ from: '000.00.00.G22', servicetype: 'eDoc', messagetype: 'edoc', 'hash-file': hashFileHex(Buffer.from('<edXML/>')) }), body: '<edXML/>\r\n' },
  { name: 'getReceivedEdocList', method: 'POST', params: () => ({ servicetype: 'eDoc', messagetype: 'edoc' }) },
  { name: 'getEdoc', method: 'POST', params: (fx) => ({ docId: fx.vdxp.deliveredDocId }), body: '{}' },
  { name: 'downloadEdoc', method: 'GET', params: (fx) => ({ docId: fx.vdxp.deliveredDocId }) },
  { name: 'downloadEdoc', method: 'POST', params: (fx) => ({ docId: fx.vdxp.deliveredDocId }), body: '{}' },
  { name: 'updateStatus', method: 'POST', params: (fx) => ({ docId: fx.vdxp.deliveredDocId, status: 'done' }), body: '{}' },
  { name: 'getSentEdocList', method: 'POST', params: () => ({ servicetype: 'eDoc', messagetype: 'edoc' }) },
  { name: 'countReceiveEdoc', method: 'POST', params: () => ({}), body: '{}' },
  { name: 'countReceiveStatus', method: 'GET', params: () => ({}) },
  { name: 'getAgenciesList', method: 'POST', params: () => ({}) },
  { name: 'getAgenciesListQD20', method: 'POST', params: () => ({ level: '1' }) },
  { name: 'getSynchronizeUnit', method: 'POST', params: () => ({}) },
  { name: 'registerAgency', method: 'POST', params: () => ({}), body: '{"pcode":"000.00.00.G22","code":"000.01.00.G22","name":"x"}' },
  { name: 'deleteAgency', method: 'POST', params: () => ({ AgencyCode: '000.00.00.G03' }), body: '{}' },
];

const set = (h: WireHeaders, name: string, value: string): WireHeaders => h.map(([k, v]) => (k.toLowerCase() === name.toLowerCase() ? [k, value] : [k, v]));
const drop = (h: WireHeaders, name: string): WireHeaders => h.filter(([k]) => k.toLowerCase() !== name.toLowerCase());
const get = (h: WireHeaders, name: string) => h.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';

export function vdxpHeaderCases(fx: Fixture, seed = 8003): BadCase[] {
  const rng = seeded(seed);
  const L = new CaseList('vdxp-headers', 'vdxp');
  // The recipient system: it owns the delivered document, so only the mutation can make a call fail.
  const me: VdxpSystem = fx.vdxp.recipient;
  const AUTH = ['XroadVnpt-systemid', 'XroadVnpt-sign-header', 'XroadVnpt-sign-header-key', 'XroadVnpt-hash-header'];

  for (const op of OPS) {
    const base = () => signedHeaders(me, op.params(fx), op.name === 'sendEdoc' ? 'application/octet-stream' : 'application/json');
    const call = (family: string, headers: WireHeaders, expect: string[], body = op.body) =>
      L.add(family, opRequest(me, op.name, {}, { method: op.method, headers, ...(body !== undefined ? { body } : {}) }), expect);

    // ---- a required header missing or empty ----
    for (const name of AUTH) {
      call('missing-header', drop(base(), name), ['VDXP_AUTH_MISSING_HEADER']);
      for (const empty of ['', ' ', '\t']) call('empty-header', set(base(), name, empty), ['VDXP_AUTH_MISSING_HEADER']);
    }
    call('missing-header', base().filter(([k]) => !k.toLowerCase().startsWith('xroadvnpt-')), ['VDXP_AUTH_MISSING_HEADER']);

    // ---- sign-header that is not a JSON object of strings ----
    const malformed = [
      'not json', '{', '{"XroadVnpt-systemid":', '[]', '["XroadVnpt-systemid"]', 'null', '42', '"string"', 'true',
      '{"XroadVnpt-systemid":1}', '{"XroadVnpt-systemid":null}', '{"XroadVnpt-docId":{"$ne":""}}', '{"XroadVnpt-docId":["a","b"]}',
      "{'XroadVnpt-systemid':'x'}", '{"a":"b",}', `{"XroadVnpt-systemid":"${me.systemId}"}\r\nX-Injected: 1`, '\u00ff\u00fe{}',
      `{${'"k":"v",'.repeat(20_000)}"z":1}`, '{"XroadVnpt-x":"\\ud800"', '{"__proto__":{"polluted":1},"XroadVnpt-a":7}',
    ];
    for (const m of malformed) call('sign-header-malformed', set(base(), 'XroadVnpt-sign-header', m), ['VDXP_AUTH_SIGN_HEADER_MALFORMED']);
    // Every JSON type but a string, as a value.
    for (let i = 0; i < 4; i++) call('sign-header-malformed', set(base(), 'XroadVnpt-sign-header', JSON.stringify({ 'XroadVnpt-systemid': me.systemId, 'XroadVnpt-docId': wrongJson(rng) })), ['VDXP_AUTH_SIGN_HEADER_MALFORMED']);

    // ---- the HMAC: not hex, wrong length, another secret, another sign-header ----
    const h0 = get(base(), 'XroadVnpt-hash-header');
    const hashes = [
      h0.slice(0, 63), `${h0}0`, h0.toUpperCase().replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), 'g'.repeat(64), `0x${h0.slice(2)}`,
      Buffer.from(h0, 'hex').toString('base64'), h0.split('').reverse().join(''), '0'.repeat(64), chars(rng, 100_000, '0123456789abcdef'),
      `${h0}\r\nX-Injected: 1`, `${h0}, ${h0}`, 'null', rng.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' }),
    ];
    for (const h of hashes) call('hmac', set(base(), 'XroadVnpt-hash-header', h), ['VDXP_AUTH_HASH_MISMATCH']);
    for (let i = 0; i < 3; i++) {
      const wrong = signedHeaders({ systemId: me.systemId, secret: rng.internet.password({ length: rng.number.int({ min: 1, max: 64 }) }) }, op.params(fx), 'application/json');
      call('wrong-secret', wrong, ['VDXP_AUTH_HASH_MISMATCH']);
    }
    call('wrong-secret', signedHeaders({ systemId: me.systemId, secret: fx.vdxp.lenient.secret }, op.params(fx)), ['VDXP_AUTH_HASH_MISMATCH']);
    call('wrong-secret', signedHeaders({ systemId: me.systemId, secret: `${me.secret} ` }, op.params(fx)), ['VDXP_AUTH_HASH_MISMATCH']);
    // The sign-header edited after signing (a value changed, a key added), the old HMAC kept.
    const sh = get(base(), 'XroadVnpt-sign-header');
    call('sign-header-edited', set(base(), 'XroadVnpt-sign-header', sh.replace(/"XroadVnpt-systemid":"[^"]*"/, `"XroadVnpt-systemid":"${fx.vdxp.lenient.systemId}"`)), ['VDXP_AUTH_HASH_MISMATCH']);
    call('sign-header-edited', set(base(), 'XroadVnpt-sign-header', sh.replace(/^\{/, '{"XroadVnpt-docId":"x",')), ['VDXP_AUTH_HASH_MISMATCH']);
    call('sign-header-edited', set(base(), 'XroadVnpt-sign-header', ` ${sh}`), ['VDXP_AUTH_HASH_MISMATCH']);

    // ---- the claimed system ----
    for (let i = 0; i < 4; i++) {
      const id = rng.helpers.arrayElement([rng.string.alphanumeric(12), `sys.${rng.lorem.word()}`, `${rng.string.numeric(2)}.${rng.string.numeric(2)}.W00`, me.systemId.toUpperCase(), `${me.systemId}\r\nX: y`, chars(rng, 70_000, 'abc.')]);
      call('unknown-system', signedHeaders({ systemId: id, secret: me.secret }, op.params(fx)), ['VDXP_AUTH_UNKNOWN_SYSTEM']);
    }
    call('unknown-system', set(base(), 'XroadVnpt-systemid', `${me.systemId}, ${fx.vdxp.lenient.systemId}`), ['VDXP_AUTH_UNKNOWN_SYSTEM']);

    // ---- a signed value differs from the one sent, or a listed header was not sent ----
    call('header-mismatch', set(base(), 'XroadVnpt-sign-header-key', `${get(base(), 'XroadVnpt-sign-header-key')};docId2`), ['VDXP_AUTH_HEADER_MISMATCH']);
    call('header-mismatch', drop(base(), 'XroadVnpt-timestamp'), ['VDXP_AUTH_HEADER_MISMATCH']);
    call('header-mismatch', set(base(), 'XroadVnpt-timestamp', '01012020T000000+0000'), ['VDXP_AUTH_HEADER_MISMATCH']);
    // A signed systemid other than the header's, the HMAC made with the header system's own secret.
    const foreignSigned = signedHeaders({ systemId: fx.vdxp.lenient.systemId, secret: me.secret }, op.params(fx));
    call('header-mismatch', set(foreignSigned, 'XroadVnpt-systemid', me.systemId), ['VDXP_AUTH_HEADER_MISMATCH']);
  }

  // ---- correctly signed calls with bad parameters ----
  const signed = (op: string, params: Record<string, string>, family: string, expect: string[], o: { method?: Method; body?: string } = {}) =>
    L.add(family, opRequest(me, op, params, { body: o.body ?? '{}', method: o.method ?? 'POST' }), expect);
  const hostileIds = () => [
    rng.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' }), rng.string.uuid(), `' OR '1'='1`, `${fx.vdxp.deliveredDocId}' --`, '../../../etc/passwd',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd', `${fx.vdxp.deliveredDocId}\r\nSet-Cookie: a=b`, `${fx.vdxp.deliveredDocId} `, fx.vdxp.deliveredDocId.toUpperCase(), '*', '%', '_',
    `{"$gt":""}`, 'null', 'undefined', chars(rng, 100_000, '0123456789abcdef'), `\u00e1\u00ba\u00a1${rng.lorem.word()}`,
  ];
  for (let round = 0; round < 8; round++) {
    for (const id of hostileIds()) {
      signed('getEdoc', { docId: id }, 'doc-id', ['VDXP_DOC_NOT_FOUND']);
      signed('downloadEdoc', { docId: id }, 'doc-id', ['VDXP_DOC_NOT_FOUND'], { method: round % 2 ? 'GET' : 'POST' });
      signed('updateStatus', { docId: id, status: 'done' }, 'doc-id', ['VDXP_DOC_NOT_FOUND']);
    }
  }
  for (let i = 0; i < 40; i++) {
    signed('getEdoc', {}, 'missing-param', ['VDXP_MISSING_PARAMETER']);
    signed('getEdoc', { docId: '' }, 'missing-param', ['VDXP_MISSING_PARAMETER']);
    signed('updateStatus', { docId: fx.vdxp.deliveredDocId }, 'missing-param', ['VDXP_MISSING_PARAMETER']);
    signed('updateStatus', { status: 'done' }, 'missing-param', ['VDXP_MISSING_PARAMETER']);
    signed('deleteAgency', {}, 'missing-param', ['VDXP_MISSING_PARAMETER']);
    const badStatus = rng.helpers.arrayElement(['01', '03', '06', 'DONE!', 'finished', 'received', 'ok', '1', '0', 'true', 'done ', ' done', 'dóne', rng.lorem.word()]);
    signed('updateStatus', { docId: fx.vdxp.deliveredDocId, status: badStatus }, 'bad-param', ['VDXP_BAD_PARAMETER']);
    const badDate = rng.helpers.arrayElement(['2026-11-24', '24/11/2026 25:00', '24-11-2026', '1/1/2026', 'yesterday', rng.date.recent().toISOString(), '24/11/26']);
    signed('getReceivedEdocList', { servicetype: 'eDoc', messagetype: 'edoc', [rng.helpers.arrayElement(['fromDate', 'toDate'])]: badDate }, 'bad-param', ['VDXP_BAD_PARAMETER']);
    signed('getReceivedEdocList', { servicetype: 'eDoc', messagetype: rng.helpers.arrayElement(['edocs', 'all', '*', 'STATUSES', rng.lorem.word()]) }, 'bad-param', ['VDXP_BAD_PARAMETER']);
    signed('getSentEdocList', { servicetype: 'eDoc', messagetype: rng.helpers.arrayElement(['both', '1', 'sent']) }, 'bad-param', ['VDXP_BAD_PARAMETER']);
    signed('getAgenciesListQD20', { level: rng.helpers.arrayElement(['0', '5', '-1', '1.5', 'one', '1e1', '١']) }, 'bad-param', ['VDXP_BAD_PARAMETER']);
    signed('deleteAgency', { AgencyCode: `${rng.string.numeric(3)}.${rng.string.numeric(2)}.${rng.string.numeric(2)}.Z${rng.string.numeric(2)}` }, 'agency', ['VDXP_AGENCY_NOT_FOUND']);
    signed('deleteAgency', { AgencyCode: rng.helpers.arrayElement([fx.vdxp.lenient.agency, fx.vdxp.strict.agency, fx.vdxp.lenientOther]) }, 'agency', ['VDXP_AGENCY_NOT_OWNED']);
  }
  // registerAgency bodies: not JSON, not an object, wrong types in every field, a code already taken.
  const agencyBodies = () => [
    'not json', '[]', '"x"', 'null', '{', JSON.stringify({ code: wrongJson(rng), name: 'x' }), JSON.stringify({ code: '000.02.00.H41', name: wrongJson(rng) }),
    JSON.stringify({ code: '000.02.00.H41' }), JSON.stringify({ name: rng.company.name() }), JSON.stringify({ code: '', name: 'x' }),
    JSON.stringify({ code: '000.02.00.H41', name: 'x', mail: wrongJson(rng) === null ? 5 : [1] }), JSON.stringify({ code: '000.02.00.H41', name: 'x', id: { a: 1 } }),
    JSON.stringify({ code: 'x'.repeat(5000), name: 'x' }),
  ];
  for (let i = 0; i < 8; i++) for (const b of agencyBodies()) signed('registerAgency', {}, 'agency-body', ['VDXP_BAD_PARAMETER'], { body: b });
  // Agencies of other systems (an unowned directory agency is adopted, and one's own is updated: both succeed).
  for (const code of [fx.vdxp.lenient.agency, fx.vdxp.strict.agency, fx.vdxp.lenientOther]) {
    signed('registerAgency', {}, 'agency-body', ['VDXP_AGENCY_EXISTS', 'VDXP_AGENCY_NOT_OWNED'], { body: JSON.stringify({ code, name: rng.company.name(), pcode: null }) });
  }

  // ---- paths and methods that are no operation ----
  for (let i = 0; i < 60; i++) {
    const path = rng.helpers.arrayElement([
      `/${rng.lorem.word()}`, '/sendedoc', '/SENDEDOC', '/getEdoc/..%2f..%2fetc%2fpasswd', '/..%2f_lienthong%2fhealth', `/${rng.string.alphanumeric(200)}`, '/getEdoc;jsessionid=1', '/%00', '/getReceivedEdocList/extra', '/adapter/sendEdoc',
    ]);
    L.add('unknown-operation', { method: 'POST', url: `/vdxp${path}`, headers: headerObject(signedHeaders(me, {})), payload: Buffer.from('{}') }, ['VDXP_UNKNOWN_OPERATION']);
  }
  for (const [method, op] of [['GET', 'sendEdoc'], ['PUT', 'getEdoc'], ['DELETE', 'deleteAgency'], ['PATCH', 'updateStatus'], ['GET', 'getEdoc'], ['GET', 'updateStatus']] as const) {
    for (let i = 0; i < 5; i++) L.add('wrong-method', { method, url: `/vdxp/${op}`, headers: headerObject(signedHeaders(me, { docId: fx.vdxp.deliveredDocId })), ...(method === 'GET' ? {} : { payload: Buffer.from('{}') }) }, ['VDXP_UNKNOWN_OPERATION']);
  }
  return L.cases;
}
