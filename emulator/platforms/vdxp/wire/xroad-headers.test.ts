import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../../core/errors.js';
import {
  createSdkClient,
  fetchTransport,
  supertestTransport,
  type SdkTransport,
  type SdkTransportRequest,
} from '../../../../test/vdxp/support/sdk-client.js';
import {
  formatSdkTimestamp,
  hashFileHex,
  hmacSignHeader,
  javaHashMapOrder,
  sameHashFile,
  verifyXroadRequest,
  XroadHeaderSigner,
  type HeaderRecord,
} from './xroad-headers.js';

// Repo root is /work/main; the specs live in the sibling `shared` folder.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const capturesDir = resolve(repoRoot, '../shared/specs/sdk-captures');

interface Captured {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  bodyLength: number;
}
const captures: Captured[] = readFileSync(resolve(capturesDir, 'requests.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Captured);
const sentPackage = readFileSync(resolve(capturesDir, 'sent-package.edxml'));

const SECRETS: Record<string, string> = { 'sdk.a': 'sdk-secret-sdk.a', 'sdk.b': 'sdk-secret-sdk.b' };
const lookup = (id: string) => SECRETS[id];
const DOC_ID = '5bebcfeff858e3e0cc154762';
const CAPTURED_HASH_FILE = '2a1b54a974132356fc921233364632796a5f3c824ea65756d2f566ffc07b21';

/** Headers as Node hands them to a server: lower-cased names. */
function nodeHeaders(pairs: Array<[string, string]>): HeaderRecord {
  const out: HeaderRecord = {};
  for (const [k, v] of pairs) {
    const key = k.toLowerCase();
    const prev = out[key];
    out[key] = prev === undefined ? v : `${String(prev)}, ${v}`;
  }
  return out;
}

/** The headers the SDK itself sets (not the HTTP library's Host, Content-Length, Connection, …). */
const TRANSPORT_HEADERS = new Set(['content-length', 'host', 'connection', 'expect', 'accept-encoding', 'cache-control', 'pragma', 'accept']);
const sdkHeaders = (c: Captured) => c.headers.filter(([k]) => !TRANSPORT_HEADERS.has(k.toLowerCase()));

function capture(path: string, systemId: string, nth = 0): Captured {
  const found = captures.filter((c) => c.path === `/vdxp/${path}` && c.headers.some(([k, v]) => k === 'XroadVnpt-systemid' && v === systemId));
  const c = found[nth];
  if (!c) throw new Error(`no capture ${path} ${systemId} #${nth}`);
  return c;
}

function expectVdxpError(fn: () => unknown, code: string, field?: string): EmulatorError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EmulatorError);
    const err = e as EmulatorError;
    expect(err.code).toBe(code);
    if (field) {
      expect(err.details.field).toBe(field);
      expect(err.message).toContain(field);
    }
    return err;
  }
  throw new Error(`expected ${code}`);
}

const edit = (c: Captured, f: (h: Array<[string, string]>) => Array<[string, string]>) => nodeHeaders(f(c.headers.map(([k, v]) => [k, v] as [string, string])));

describe('verifyXroadRequest on the captured SDK requests (a)', () => {
  it.each(captures.map((c, i) => [`${i} ${c.path}`, c] as const))('%s verifies with the right secret', (_name, c) => {
    const auth = verifyXroadRequest(nodeHeaders(c.headers), lookup);
    const systemId = c.headers.find(([k]) => k === 'XroadVnpt-systemid')?.[1];
    expect(auth.systemId).toBe(systemId);
    expect(auth.params.systemid).toBe(systemId);
    expect(auth.params.timestamp).toMatch(/^23112026T044428\+0\d{3}$/);
    expect(auth.warnings).toEqual([]);
  });

  it('yields the signed params keyed by lower-case logical name', () => {
    const send = verifyXroadRequest(nodeHeaders(capture('sendEdoc', 'sdk.a').headers), lookup);
    expect(send.params).toEqual({
      systemid: 'sdk.a',
      servicetype: 'eDoc',
      messagetype: 'edoc',
      'hash-file': CAPTURED_HASH_FILE,
      from: '000.00.00.G22',
      timestamp: '23112026T044428+0388',
      'content-type': 'application/octet-stream',
    });
    const get = verifyXroadRequest(nodeHeaders(capture('getEdoc', 'sdk.b').headers), lookup);
    expect(get.params.docid).toBe(DOC_ID);
    expect(get.params.filepath).toBe('xml');
    const upd = verifyXroadRequest(nodeHeaders(capture('updateStatus', 'sdk.b').headers), lookup);
    expect(upd.params.status).toBe('done');
    expect(upd.params.docid).toBe(DOC_ID);
    const agencies = verifyXroadRequest(nodeHeaders(capture('getAgenciesList', 'sdk.a').headers), lookup);
    expect(agencies.params).toEqual({ systemid: 'sdk.a', timestamp: '23112026T044428+0422', 'content-type': 'application/json' });
  });

  it('tolerates the stale headers of earlier calls (never an error)', () => {
    // Second getReceivedEdocList still carries docId, filePath and status from getEdoc/updateStatus.
    const list = verifyXroadRequest(nodeHeaders(capture('getReceivedEdocList', 'sdk.b', 1).headers), lookup);
    expect(list.params).toMatchObject({ docid: DOC_ID, filepath: 'xml', status: 'done' });
    // getSentEdocList carries sendEdoc's hash-file and from.
    const sent = verifyXroadRequest(nodeHeaders(capture('getSentEdocList', 'sdk.a').headers), lookup);
    expect(sent.params['hash-file']).toBe(CAPTURED_HASH_FILE);
  });
});

describe('verifyXroadRequest rejections (b)', () => {
  const getEdoc = capture('getEdoc', 'sdk.b');

  it('wrong secret → VDXP_AUTH_HASH_MISMATCH without leaking the expected value', () => {
    const err = expectVdxpError(() => verifyXroadRequest(nodeHeaders(getEdoc.headers), () => 'not-the-secret'), 'VDXP_AUTH_HASH_MISMATCH', 'XroadVnpt-hash-header');
    const sign = getEdoc.headers.find(([k]) => k === 'XroadVnpt-sign-header')?.[1] ?? '';
    expect(err.message).not.toContain(hmacSignHeader('not-the-secret', sign));
    expect(err.wire).toBe('15');
    expect(err.httpStatus).toBe(401);
  });

  it('the other system\'s secret → hash mismatch', () => {
    expectVdxpError(() => verifyXroadRequest(nodeHeaders(getEdoc.headers), () => SECRETS['sdk.a']), 'VDXP_AUTH_HASH_MISMATCH');
  });

  it('accepts the hash in upper case (compared case-insensitively)', () => {
    const h = edit(getEdoc, (hs) => hs.map(([k, v]) => [k, k === 'XroadVnpt-hash-header' ? v.toUpperCase() : v]));
    expect(verifyXroadRequest(h, lookup).params.docid).toBe(DOC_ID);
  });

  it.each(['XroadVnpt-systemid', 'XroadVnpt-sign-header', 'XroadVnpt-sign-header-key', 'XroadVnpt-hash-header'])(
    'missing %s → VDXP_AUTH_MISSING_HEADER naming it',
    (name) => {
      const h = edit(getEdoc, (hs) => hs.filter(([k]) => k !== name));
      expectVdxpError(() => verifyXroadRequest(h, lookup), 'VDXP_AUTH_MISSING_HEADER', name);
      const empty = edit(getEdoc, (hs) => hs.map(([k, v]) => [k, k === name ? '' : v]));
      expectVdxpError(() => verifyXroadRequest(empty, lookup), 'VDXP_AUTH_MISSING_HEADER', name);
    },
  );

  it('a signed header altered after signing → VDXP_AUTH_HEADER_MISMATCH naming it', () => {
    const h = edit(getEdoc, (hs) => hs.map(([k, v]) => [k, k === 'XroadVnpt-docId' ? 'ffffffffffffffffffffffff' : v]));
    expectVdxpError(() => verifyXroadRequest(h, lookup), 'VDXP_AUTH_HEADER_MISMATCH', 'XroadVnpt-docId');
  });

  it('a sign-header-key name that was not sent → mismatch', () => {
    const h = edit(getEdoc, (hs) => hs.filter(([k]) => k !== 'XroadVnpt-filePath'));
    expectVdxpError(() => verifyXroadRequest(h, lookup), 'VDXP_AUTH_HEADER_MISMATCH', 'XroadVnpt-filePath');
  });

  it('a sign-header-key name absent from the signed JSON → mismatch', () => {
    // The key list is not covered by the HMAC, so adding a name must not let an unsigned header in.
    const h = edit(getEdoc, (hs) =>
      [...hs, ['XroadVnpt-to', '000.00.00.G01'] as [string, string]].map(([k, v]) => [k, k === 'XroadVnpt-sign-header-key' ? `${v};to` : v]),
    );
    expectVdxpError(() => verifyXroadRequest(h, lookup), 'VDXP_AUTH_HEADER_MISMATCH', 'XroadVnpt-to');
  });

  it.each([
    ['not JSON', '{"XroadVnpt-systemid":"sdk.b"'],
    ['an array', '["XroadVnpt-systemid"]'],
    ['null', 'null'],
    ['non-string value', '{"XroadVnpt-systemid":"sdk.b","XroadVnpt-count":1}'],
  ])('malformed sign-header (%s) → VDXP_AUTH_SIGN_HEADER_MALFORMED', (_n, sign) => {
    const h = edit(getEdoc, (hs) => hs.map(([k, v]) => [k, k === 'XroadVnpt-sign-header' ? sign : k === 'XroadVnpt-hash-header' ? hmacSignHeader(SECRETS['sdk.b'] ?? '', sign) : v]));
    expectVdxpError(() => verifyXroadRequest(h, lookup), 'VDXP_AUTH_SIGN_HEADER_MALFORMED', 'XroadVnpt-sign-header');
  });

  it('unknown system → VDXP_AUTH_UNKNOWN_SYSTEM', () => {
    expectVdxpError(() => verifyXroadRequest(nodeHeaders(getEdoc.headers), () => undefined), 'VDXP_AUTH_UNKNOWN_SYSTEM', 'XroadVnpt-systemid');
  });

  it('the signed systemid must be the header systemid', () => {
    // sdk.b's secret signs a sign-header claiming sdk.a: the key list omits systemid, so only this rule catches it.
    const signer = new XroadHeaderSigner({ systemId: 'sdk.a', secret: SECRETS['sdk.b'] ?? '' });
    const hs = signer.headersFor({}, 'application/json').map(([k, v]): [string, string] => {
      if (k === 'XroadVnpt-systemid') return [k, 'sdk.b'];
      if (k === 'XroadVnpt-sign-header-key') return [k, 'timestamp;Content-Type'];
      return [k, v];
    });
    expectVdxpError(() => verifyXroadRequest(nodeHeaders(hs), lookup), 'VDXP_AUTH_HEADER_MISMATCH', 'XroadVnpt-systemid');
  });

  it('unsigned XroadVnpt-* headers are not params, only a warning', () => {
    const h = edit(getEdoc, (hs) => [...hs, ['XroadVnpt-status', 'fail'], ['XroadVnpt-description', 'x']]);
    const auth = verifyXroadRequest(h, lookup);
    expect(auth.params.status).toBeUndefined();
    expect(auth.params.description).toBeUndefined();
    expect(auth.warnings.join('\n')).toMatch(/unsigned.*xroadvnpt-status.*xroadvnpt-description/);
  });

  it('an odd timestamp is only a warning', () => {
    const signer = new XroadHeaderSigner({ systemId: 'sdk.a', secret: SECRETS['sdk.a'] ?? '', timestamp: '2026-11-23T04:44:28Z' });
    const auth = verifyXroadRequest(nodeHeaders(signer.headersFor({}, 'application/json')), lookup);
    expect(auth.params.timestamp).toBe('2026-11-23T04:44:28Z');
    expect(auth.warnings.some((w) => w.includes('timestamp'))).toBe(true);
  });
});

describe('hash-file (c)', () => {
  it('is the unpadded per-byte hex of the file bytes alone, NOT of the body with its trailing CRLF', () => {
    // The SDK hashes the file (createContentHA256) and MultipartUtility then appends "\r\n" to the body.
    expect(hashFileHex(sentPackage)).toBe(CAPTURED_HASH_FILE);
    expect(CAPTURED_HASH_FILE).toHaveLength(62);
    const body = Buffer.concat([sentPackage, Buffer.from('\r\n')]);
    expect(body.length).toBe(capture('sendEdoc', 'sdk.a').bodyLength);
    expect(hashFileHex(body)).not.toBe(CAPTURED_HASH_FILE);
  });

  it('sameHashFile accepts the SDK form and the padded 64-char form, any case', () => {
    const padded = '2a1b54a9741302356fc921233364632796a5f3c824ea65756d2f566f0fc07b21';
    expect(sameHashFile(CAPTURED_HASH_FILE, sentPackage)).toBe(true);
    expect(sameHashFile(padded, sentPackage)).toBe(true);
    expect(sameHashFile(padded.toUpperCase(), sentPackage)).toBe(true);
    expect(sameHashFile(CAPTURED_HASH_FILE, Buffer.concat([sentPackage, Buffer.from('\r\n')]))).toBe(false);
    expect(sameHashFile('', sentPackage)).toBe(false);
  });
});

describe('XroadHeaderSigner (d)', () => {
  it('formats the timestamp as ddMMyyyy\'T\'HHmmss+SSSS with 4-digit milliseconds', () => {
    expect(formatSdkTimestamp(new Date(2026, 10, 23, 4, 44, 18, 324))).toBe('23112026T044418+0324');
    expect(formatSdkTimestamp(new Date(2026, 0, 5, 13, 2, 3, 7))).toBe('05012026T130203+0007');
  });

  it('orders keys like java.util.HashMap, matching every captured sign-header-key', () => {
    expect(javaHashMapOrder(['timestamp', 'systemid', 'Content-Type'])).toEqual(['systemid', 'timestamp', 'Content-Type']);
    for (const c of captures) {
      const keys = (c.headers.find(([k]) => k === 'XroadVnpt-sign-header-key')?.[1] ?? '').split(';');
      // Insertion as the SDK does it: timestamp, systemid (constructor), Content-Type, then the call's keys
      // (fed reversed: order only matters inside a bucket, and timestamp shares one with Content-Type).
      const rest = keys.filter((k) => !['timestamp', 'systemid', 'Content-Type'].includes(k)).reverse();
      expect(javaHashMapOrder(['timestamp', 'systemid', 'Content-Type', ...rest])).toEqual(keys);
    }
  });

  it('reproduces the captured sdk.b session byte for byte (getReceivedEdocList, getEdoc, updateStatus, getReceivedEdocList)', () => {
    const signer = new XroadHeaderSigner({ systemId: 'sdk.b', secret: 'sdk-secret-sdk.b', timestamp: '23112026T044428+0421' });
    const list1 = signer.headersFor({ servicetype: 'eDoc', messagetype: 'edoc' }, 'application/json');
    const get = signer.headersFor({ docId: DOC_ID, filePath: 'xml' }, 'application/json');
    const upd = signer.headersFor({ docId: DOC_ID, status: 'done' }, 'application/json');
    const list2 = signer.headersFor({ servicetype: 'eDoc', messagetype: 'edoc' }, 'application/json');
    expect(list1).toEqual(sdkHeaders(capture('getReceivedEdocList', 'sdk.b', 0)));
    expect(get).toEqual(sdkHeaders(capture('getEdoc', 'sdk.b')));
    expect(upd).toEqual(sdkHeaders(capture('updateStatus', 'sdk.b')));
    expect(list2).toEqual(sdkHeaders(capture('getReceivedEdocList', 'sdk.b', 1)));
  });

  it('reproduces the captured sdk.a requests (sendEdoc with raw Content-Type first, getSentEdocList, getAgenciesList)', () => {
    const knob = new XroadHeaderSigner({ systemId: 'sdk.a', secret: 'sdk-secret-sdk.a', timestamp: '23112026T044428+0388' });
    const send = knob.headersFor({ from: '000.00.00.G22', servicetype: 'eDoc', messagetype: 'edoc', 'hash-file': hashFileHex(sentPackage) }, 'application/octet-stream');
    expect(send).toEqual(sdkHeaders(capture('sendEdoc', 'sdk.a')));
    expect(knob.headersFor({ servicetype: 'eDoc', messagetype: 'edoc' }, 'application/json')).toEqual(sdkHeaders(capture('getSentEdocList', 'sdk.a')));
    const agency = new XroadHeaderSigner({ systemId: 'sdk.a', secret: 'sdk-secret-sdk.a', timestamp: '23112026T044428+0422' });
    expect(agency.headersFor({}, 'application/json')).toEqual(sdkHeaders(capture('getAgenciesList', 'sdk.a')));
  });

  it('supports an explicit key order (captured order fed in → same sign-header and hash)', () => {
    const c = capture('updateStatus', 'sdk.b');
    const order = (c.headers.find(([k]) => k === 'XroadVnpt-sign-header-key')?.[1] ?? '').split(';');
    const signer = new XroadHeaderSigner({ systemId: 'sdk.b', secret: 'sdk-secret-sdk.b', timestamp: '23112026T044428+0421', keyOrder: order });
    const hs = signer.headersFor({ status: 'done', docId: DOC_ID, filePath: 'xml', messagetype: 'edoc', servicetype: 'eDoc' }, 'application/json');
    const pick = (h: Array<[string, string]>, name: string) => h.find(([k]) => k === name)?.[1];
    expect(pick(hs, 'XroadVnpt-sign-header')).toBe(pick(c.headers, 'XroadVnpt-sign-header'));
    expect(pick(hs, 'XroadVnpt-hash-header')).toBe(pick(c.headers, 'XroadVnpt-hash-header'));
    // Insertion order gives another string, which still verifies: the server never re-serialises.
    const ins = new XroadHeaderSigner({ systemId: 'sdk.b', secret: 'sdk-secret-sdk.b', keyOrder: 'insertion' });
    const insHs = ins.headersFor({ docId: DOC_ID }, 'application/json');
    expect(pick(insHs, 'XroadVnpt-sign-header-key')).toBe('timestamp;systemid;Content-Type;docId');
    expect(verifyXroadRequest(nodeHeaders(insHs), lookup).params.docid).toBe(DOC_ID);
  });

  it('sets the timestamp once per signer, from `now`', () => {
    let calls = 0;
    const signer = new XroadHeaderSigner({ systemId: 'sdk.a', secret: 'x', now: () => (calls++, new Date(2026, 10, 23, 4, 44, 18, 324)) });
    signer.headersFor({}, 'application/json');
    signer.headersFor({ docId: '1' }, 'application/json');
    expect(calls).toBe(1);
    expect(signer.timestamp).toBe('23112026T044418+0324');
  });

  it('always produces headers that verifyXroadRequest accepts, with the params it was given', () => {
    const signer = new XroadHeaderSigner({ systemId: 'sdk.b', secret: 'sdk-secret-sdk.b' });
    const calls: Array<[Record<string, string>, string]> = [
      [{}, 'application/json'],
      [{ level: '1' }, 'application/json'],
      [{ from: '000.00.00.H29', servicetype: 'eDoc', messagetype: 'status', 'hash-file': 'abc', to: '["000.00.00.G22"]' }, 'application/octet-stream'],
      [{ docId: 'u-1', status: 'fail', description: 'Sai thể thức "văn bản"\n\\ \u2028' }, 'application/json'],
      [{ AgencyCode: '000.00.01.H29' }, 'application/json'],
      // Enough keys to make the Java HashMap resize (capacity 16 → 32).
      [Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, `v${i}`])), 'application/json'],
    ];
    for (const [params, ct] of calls) {
      const auth = verifyXroadRequest(nodeHeaders(signer.headersFor(params, ct)), lookup);
      expect(auth.systemId).toBe('sdk.b');
      for (const [k, v] of Object.entries(params)) expect(auth.params[k.toLowerCase()]).toBe(v);
      expect(auth.params['content-type']).toBe(ct);
    }
  });

  it('verifies non-ASCII values both as decoded JS strings and as Node latin1 wire strings', () => {
    const signer = new XroadHeaderSigner({ systemId: 'sdk.b', secret: 'sdk-secret-sdk.b' });
    const hs = signer.headersFor({ docId: 'd', status: 'fail', description: 'Từ chối: é' }, 'application/json');
    expect(verifyXroadRequest(nodeHeaders(hs), lookup).params.description).toBe('Từ chối: é');
    const asNode = hs.map(([k, v]): [string, string] => [k, Buffer.from(v, 'utf8').toString('latin1')]);
    expect(verifyXroadRequest(nodeHeaders(asNode), lookup).params.description).toBe('Từ chối: é');
  });
});

describe('stale headers through the SDK-like client (e)', () => {
  function recording(): { transport: SdkTransport; sent: SdkTransportRequest[] } {
    const sent: SdkTransportRequest[] = [];
    const transport: SdkTransport = async (req) => {
      sent.push(req);
      const json = { status: 'OK', ErrorCode: '0', ErrorDesc: 'Success', data: Buffer.from('<edXML/>').toString('base64') };
      return { status: 200, body: Buffer.from(JSON.stringify(json)), json };
    };
    return { transport, sent };
  }
  const pick = (req: SdkTransportRequest | undefined, name: string) => req?.headers.find(([k]) => k === name)?.[1];

  it('after getEdoc the next list call still signs docId, and still verifies', async () => {
    const { transport, sent } = recording();
    const client = createSdkClient({ systemId: 'sdk.b', secret: 'sdk-secret-sdk.b', transport });
    const got = await client.getEdoc(DOC_ID);
    expect(got.edxml?.toString()).toBe('<edXML/>');
    await client.getReceivedEdocList('edoc');
    const list = sent[1];
    expect(list?.path).toBe('/getReceivedEdocList');
    expect(pick(list, 'XroadVnpt-sign-header')).toContain(`"XroadVnpt-docId":"${DOC_ID}"`);
    expect(pick(list, 'XroadVnpt-docId')).toBe(DOC_ID);
    expect(verifyXroadRequest(nodeHeaders(list?.headers ?? []), lookup).params.docid).toBe(DOC_ID);
  });

  it('uses the SDK bodies and methods per operation (§3.4)', async () => {
    const { transport, sent } = recording();
    const client = createSdkClient({ systemId: 'sdk.a', secret: 'sdk-secret-sdk.a', transport });
    await client.getAgenciesList();
    await client.sendEdoc(sentPackage, { from: '000.00.00.G22', messagetype: 'edoc' });
    await client.getEdoc(DOC_ID);
    await client.updateStatus(DOC_ID, 'done');
    await client.downloadEdoc(DOC_ID);
    await client.countReceiveEdoc();
    await client.registerAgency({ pcode: '000.00.00.H29', code: '000.00.01.H29', name: 'Sở A', mail: 'a@x.vn' });
    await client.deleteAgency('000.00.01.H29');
    const shape = sent.map((r) => [r.method, r.path, typeof r.body === 'string' ? r.body : r.body?.length ?? null]);
    expect(shape).toEqual([
      ['POST', '/getAgenciesList', ''],
      ['POST', '/sendEdoc', sentPackage.length + 2],
      ['POST', '/getEdoc', '{}'],
      ['POST', '/updateStatus', '{}'],
      ['GET', '/downloadEdoc', null],
      ['POST', '/countReceiveEdoc', '{}'],
      ['POST', '/registerAgency', '{"pcode":"000.00.00.H29","code":"000.00.01.H29","name":"Sở A","mail":"a@x.vn"}'],
      ['POST', '/deleteAgency', '{}'],
    ]);
    const send = sent[1];
    expect(send?.headers[0]).toEqual(['Content-Type', 'application/octet-stream']);
    expect(pick(send, 'XroadVnpt-hash-file')).toBe(CAPTURED_HASH_FILE);
    expect((send?.body as Buffer).subarray(-2).toString()).toBe('\r\n');
    expect(verifyXroadRequest(nodeHeaders(sent[7]?.headers ?? []), lookup).params.agencycode).toBe('000.00.01.H29');
    for (const r of sent) expect(() => verifyXroadRequest(nodeHeaders(r.headers), lookup)).not.toThrow();
  });
});

describe('sdk-client transports against a real fastify server', () => {
  /** Echo app: authenticates with verifyXroadRequest on Node's own header object. */
  async function echoApp() {
    const app = Fastify();
    // The SDK posts Content-Type application/json with an EMPTY body on list calls; fastify's default JSON
    // parser answers 400 to that, so the real routes need a lenient parser too.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const handler = async (req: { headers: HeaderRecord; body?: unknown; method: string }) => {
      const auth = verifyXroadRequest(req.headers, lookup);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return { status: 'OK', ErrorCode: '0', ErrorDesc: 'Success', method: req.method, params: auth.params, bodyLength: body.length, warnings: auth.warnings };
    };
    app.post('/vdxp/:op', handler);
    app.get('/vdxp/:op', handler);
    return app;
  }

  it('supertestTransport and fetchTransport deliver verifiable requests', async () => {
    const app = await echoApp();
    try {
      const viaSupertest = createSdkClient({ systemId: 'sdk.b', secret: 'sdk-secret-sdk.b', transport: supertestTransport(app) });
      const a = await viaSupertest.updateStatus(DOC_ID, 'fail', 'Từ chối: sai thể thức');
      expect(a.httpStatus).toBe(200);
      expect(a.json.params).toMatchObject({ docid: DOC_ID, status: 'fail', description: 'Từ chối: sai thể thức' });
      expect(a.json.bodyLength).toBe(2);
      const l = await viaSupertest.getReceivedEdocList('status');
      expect(l.json.bodyLength).toBe(0);
      expect(l.json.params.docid).toBe(DOC_ID);
      const r = await viaSupertest.registerAgency({ pcode: '000.00.00.H29', code: '000.00.01.H29', name: 'Sở A', mail: 'a@x.vn' });
      expect(r.json.bodyLength).toBe(Buffer.byteLength(r.request.body ?? ''));
      const st = await viaSupertest.sendEdoc(sentPackage, { from: '000.00.00.H29', messagetype: 'status' });
      expect(st.json.bodyLength).toBe(sentPackage.length + 2);

      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as AddressInfo).port;
      const viaFetch = createSdkClient({ systemId: 'sdk.a', secret: 'sdk-secret-sdk.a', transport: fetchTransport(`http://127.0.0.1:${port}/vdxp`) });
      const s = await viaFetch.sendEdoc(sentPackage, { from: '000.00.00.G22', messagetype: 'edoc' });
      expect(s.json.params['hash-file']).toBe(CAPTURED_HASH_FILE);
      expect(s.json.bodyLength).toBe(sentPackage.length + 2);
      const d = await viaFetch.downloadEdoc(DOC_ID);
      expect(d.json.method).toBe('GET');
      expect(d.json.params.docid).toBe(DOC_ID);
      const e = await viaFetch.getSentEdocList('edoc');
      expect(e.json.bodyLength).toBe(0);
    } finally {
      await app.close();
    }
  });
});
