/**
 * The XroadVnpt-* header authentication of the VDXP transport (specs/vdxp.md §3.2), both sides:
 * - server: `verifyXroadRequest` checks what the official SDKVXP 2.0.1 sends and returns the signed parameters;
 * - client: `XroadHeaderSigner` reproduces the SDK byte for byte (sdk-captures/requests.jsonl), quirks included.
 * Pure module: no HTTP framework types, only a header record as Node gives it (lower-cased names).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { vdxpError } from '../errors.js';

export const XROAD_PREFIX = 'XroadVnpt-';
export const SDK_USER_AGENT = 'JAVASDKAgent/1.0.0 XRoad/VPCP';
export const SDK_VERSION = '3.0.201608';

export const HEADER_SYSTEMID = 'XroadVnpt-systemid';
export const HEADER_SIGN = 'XroadVnpt-sign-header';
export const HEADER_SIGN_KEY = 'XroadVnpt-sign-header-key';
export const HEADER_HASH = 'XroadVnpt-hash-header';

/** Headers as Node's `IncomingMessage.headers` gives them. */
export type HeaderRecord = Record<string, string | string[] | undefined>;

export interface XroadAuth {
  /** The authenticated system (the `XroadVnpt-systemid` whose secret verified the HMAC). */
  systemId: string;
  /** Signed values only, keyed by logical name in lower case without the prefix (`docid`, `hash-file`, …). */
  params: Record<string, string>;
  /** Tolerated oddities (unsigned parameters, odd timestamp, …) for the exchange's evidence. */
  warnings: string[];
}

const RULE = 'specs/vdxp.md §3.2';
/** `ddMMyyyy'T'HHmmss+SSSS` as the SDK's SimpleDateFormat writes it (§3.2). */
const TIMESTAMP_RE = /^\d{8}T\d{6}\+\d{4}$/;
/** XroadVnpt-* headers that are transport metadata, never parameters: no "unsigned" warning for them. */
const NOT_PARAMS = new Set(['sign-header', 'sign-header-key', 'hash-header', 'version', 'systemid']);

// ---------------------------------------------------------------------------------------------------------
// Byte handling of header values
// ---------------------------------------------------------------------------------------------------------

/**
 * Node decodes header bytes as latin1, so a string with only U+0000–U+00FF is the wire bytes themselves;
 * the HMAC must run over those exact bytes (§3.2). A string with wider characters did not come off the
 * wire (a test, a proxy that decoded it), so it is encoded as UTF-8 like the SDK signs it.
 */
function wireBytes(s: string): Buffer {
  return /[^\u0000-\u00ff]/.test(s) ? Buffer.from(s, 'utf8') : Buffer.from(s, 'latin1');
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** The text a latin1-decoded header stands for: UTF-8 when its bytes are valid UTF-8, else as received. */
function wireText(s: string): string {
  if (!/[\u0080-\u00ff]/.test(s) || /[^\u0000-\u00ff]/.test(s)) return s;
  try {
    return utf8Strict.decode(Buffer.from(s, 'latin1'));
  } catch {
    return s;
  }
}

/** Lower-cases names (Node already does; other callers may not) and joins repeats the way Node does. */
function normalizeHeaders(headers: HeaderRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    const key = name.toLowerCase();
    const prev = out.get(key);
    out.set(key, prev === undefined ? value : `${prev}, ${value}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Crypto helpers shared by both sides
// ---------------------------------------------------------------------------------------------------------

/** Lowercase hex HMAC-SHA256(key = secret as UTF-8, message = sign-header), as `VnptService` computes it. */
export function hmacSignHeader(secret: string, signHeader: string | Uint8Array): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  mac.update(typeof signHeader === 'string' ? Buffer.from(signHeader, 'utf8') : signHeader);
  return mac.digest('hex');
}

/**
 * SHA-256 of the package written per byte with Java's `Integer.toHexString(b & 0xff)`: NO zero padding,
 * so the result may be shorter than 64 characters (§3.4; the capture's is 62). The SDK hashes the file
 * only, not the `\r\n` it appends to the body.
 */
export function hashFileHex(bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest();
  let out = '';
  for (const b of digest) out += b.toString(16);
  return out;
}

/** Accepts the SDK's unpadded form and the normal padded 64-char hex (C# clients), any case (§3.4). */
export function sameHashFile(received: string, bytes: Uint8Array): boolean {
  const r = received.trim().toLowerCase();
  if (r === hashFileHex(bytes)) return true;
  return r === createHash('sha256').update(bytes).digest('hex');
}

// ---------------------------------------------------------------------------------------------------------
// Server side
// ---------------------------------------------------------------------------------------------------------

function required(h: Map<string, string>, name: string): string {
  const v = h.get(name.toLowerCase());
  // An empty value authenticates nothing, so it counts as missing.
  if (v === undefined || v.trim() === '') {
    throw vdxpError('VDXP_AUTH_MISSING_HEADER', `header ${name} is missing; every VDXP call must carry it (${RULE})`, {
      field: name,
      rule: 'required authentication header',
    });
  }
  return v;
}

function parseSignHeader(raw: string): Array<[string, string]> {
  const malformed = (why: string) =>
    vdxpError('VDXP_AUTH_SIGN_HEADER_MALFORMED', `${HEADER_SIGN} ${why}; it must be a JSON object of string values such as {"XroadVnpt-systemid":"…"} (${RULE})`, {
      field: HEADER_SIGN,
      rule: 'JSON object of strings',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(wireText(raw));
  } catch {
    throw malformed('is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw malformed('is not a JSON object');
  const entries: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof v !== 'string') throw malformed(`has a non-string value for key "${k}"`);
    entries.push([k, v]);
  }
  return entries;
}

/** Constant-time check of a received hex MAC against the computed digest (case-insensitive hex). */
function macMatches(receivedHex: string, secret: string, message: Buffer): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(receivedHex)) return false;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(message).digest();
  return timingSafeEqual(Buffer.from(receivedHex, 'hex'), expected);
}

/**
 * Authenticates one VDXP request (§3.2). Throws an `EmulatorError` (VDXP_AUTH_*) naming the header at
 * fault; on success returns the signed parameters. Tolerates the SDK quirks seen in the captures: stale
 * parameters from earlier calls, a stale or odd timestamp, unsigned extra headers (ignored, warned).
 */
export function verifyXroadRequest(headers: HeaderRecord, lookupSecret: (systemId: string) => string | undefined): XroadAuth {
  const h = normalizeHeaders(headers);
  const warnings: string[] = [];

  const systemId = wireText(required(h, HEADER_SYSTEMID)).trim();
  const signHeaderRaw = required(h, HEADER_SIGN);
  const signKeyRaw = required(h, HEADER_SIGN_KEY);
  const hashHeader = required(h, HEADER_HASH).trim();

  const signed = parseSignHeader(signHeaderRaw);

  const secret = lookupSecret(systemId);
  if (secret === undefined) {
    throw vdxpError('VDXP_AUTH_UNKNOWN_SYSTEM', `${HEADER_SYSTEMID} "${systemId}" names no connected system; register it on the control plane first (${RULE})`, {
      field: HEADER_SYSTEMID,
      rule: 'known systemId',
    });
  }

  // The MAC is over the exact received string (§3.2): never over a re-serialisation of the parsed JSON.
  let ok = macMatches(hashHeader, secret, wireBytes(signHeaderRaw));
  if (!ok && /[\u0080-\u00ff]/.test(signHeaderRaw)) {
    // A caller that handed us already-decoded text with é etc.: the signer hashed it as UTF-8.
    ok = macMatches(hashHeader, secret, Buffer.from(signHeaderRaw, 'utf8'));
  }
  if (!ok) {
    // Never echo the expected value: that would hand out a valid signature for any sign-header.
    throw vdxpError(
      'VDXP_AUTH_HASH_MISMATCH',
      `${HEADER_HASH} is not the lowercase hex HMAC-SHA256 of the exact ${HEADER_SIGN} string under the secret of system "${systemId}" (wrong secret, or the sign-header was changed after signing) (${RULE})`,
      { field: HEADER_HASH, rule: 'HMAC-SHA256(secret, sign-header)' },
    );
  }

  // Signed entries grouped by lower-cased logical name (JSON keys keep the SDK's case, e.g. XroadVnpt-docId).
  const signedByName = new Map<string, Array<[string, string]>>();
  for (const [key, value] of signed) {
    if (key.slice(0, XROAD_PREFIX.length).toLowerCase() !== XROAD_PREFIX.toLowerCase()) {
      warnings.push(`${HEADER_SIGN} key "${key}" has no ${XROAD_PREFIX} prefix; ignored (${RULE})`);
      continue;
    }
    const name = key.slice(XROAD_PREFIX.length).toLowerCase();
    const list = signedByName.get(name) ?? [];
    list.push([key, value]);
    signedByName.set(name, list);
  }

  // Every name in sign-header-key must have been sent, with its signed value (§3.2).
  const keyNames = signKeyRaw.split(';').map((s) => s.trim()).filter((s) => s !== '');
  const listed = new Set<string>();
  for (const name of keyNames) {
    const lower = name.toLowerCase();
    if (listed.has(lower)) continue;
    listed.add(lower);
    const headerName = XROAD_PREFIX + name;
    const received = h.get(headerName.toLowerCase());
    if (received === undefined) {
      throw vdxpError('VDXP_AUTH_HEADER_MISMATCH', `${HEADER_SIGN_KEY} lists "${name}" but header ${headerName} was not sent (${RULE})`, {
        field: headerName,
        rule: 'signed header sent',
      });
    }
    const entries = signedByName.get(lower);
    if (!entries) {
      throw vdxpError('VDXP_AUTH_HEADER_MISMATCH', `${HEADER_SIGN_KEY} lists "${name}" but ${HEADER_SIGN} has no key ${headerName} (${RULE})`, {
        field: headerName,
        rule: 'signed header sent',
      });
    }
    // Case variants (docId and docid both in the SDK's map) reach Node as one header, values joined by ", ".
    const text = wireText(received);
    const values = entries.map(([, v]) => v);
    if (!values.includes(text) && text !== values.join(', ')) {
      throw vdxpError('VDXP_AUTH_HEADER_MISMATCH', `header ${headerName} differs from the value signed in ${HEADER_SIGN} (${RULE})`, {
        field: headerName,
        rule: 'header equals signed value',
      });
    }
  }

  const params: Record<string, string> = {};
  for (const [name, entries] of signedByName) {
    const distinct = new Set(entries.map(([, v]) => v));
    if (distinct.size > 1) {
      warnings.push(`${HEADER_SIGN} signs ${entries.map(([k]) => k).join(' and ')} with different values; the last one is used (${RULE})`);
    }
    const last = entries[entries.length - 1];
    if (last) params[name] = last[1];
    if (!listed.has(name)) {
      // Still covered by the HMAC, so trusted; only odd against the SDK's own behaviour.
      warnings.push(`${entries[0]?.[0] ?? name} is signed but not listed in ${HEADER_SIGN_KEY} (${RULE})`);
    }
  }

  // The signed systemid must be the one whose secret verified the MAC.
  if (params.systemid !== undefined && params.systemid !== systemId) {
    throw vdxpError('VDXP_AUTH_HEADER_MISMATCH', `the signed XroadVnpt-systemid "${params.systemid}" differs from header ${HEADER_SYSTEMID} "${systemId}" (${RULE})`, {
      field: HEADER_SYSTEMID,
      rule: 'signed systemid equals header',
    });
  }
  if (params.systemid === undefined) {
    warnings.push(`${HEADER_SYSTEMID} is not in the signed set; the HMAC key still binds the system (${RULE})`);
  }

  // Unsigned XroadVnpt-* parameters are not trusted: some clients add headers without signing them.
  const unsigned: string[] = [];
  for (const name of h.keys()) {
    if (!name.startsWith(XROAD_PREFIX.toLowerCase())) continue;
    const logical = name.slice(XROAD_PREFIX.length);
    if (NOT_PARAMS.has(logical) || signedByName.has(logical)) continue;
    unsigned.push(name);
  }
  if (unsigned.length > 0) {
    warnings.push(`unsigned header(s) ${unsigned.join(', ')} ignored: only names in ${HEADER_SIGN_KEY} are trusted (${RULE})`);
  }

  if (params.timestamp !== undefined && !TIMESTAMP_RE.test(params.timestamp)) {
    warnings.push(`XroadVnpt-timestamp "${params.timestamp}" is not ddMMyyyy'T'HHmmss+SSSS as the SDK writes it (${RULE})`);
  }

  const rawCt = h.get('content-type');
  const signedCt = params['content-type'];
  if (rawCt !== undefined && signedCt !== undefined && mediaType(rawCt) !== mediaType(signedCt)) {
    warnings.push(`Content-Type "${rawCt}" differs from the signed XroadVnpt-Content-Type "${signedCt}" (${RULE})`);
  }

  return { systemId, params, warnings };
}

function mediaType(ct: string): string {
  return (ct.split(';')[0] ?? '').trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------
// Client side: the SDK's signer
// ---------------------------------------------------------------------------------------------------------

/**
 * `new SimpleDateFormat("ddMMyyyy'T'HHmmss+SSSS")`: the `+` is a literal and `SSSS` is the milliseconds
 * zero-padded to 4 digits (the captures show `+0388`, `+0421`, `+0422`); not a timezone. Local time, as the
 * JVM's default zone.
 */
export function formatSdkTimestamp(d: Date): string {
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return (
    p(d.getDate(), 2) + p(d.getMonth() + 1, 2) + p(d.getFullYear(), 4) +
    'T' + p(d.getHours(), 2) + p(d.getMinutes(), 2) + p(d.getSeconds(), 2) +
    '+' + p(d.getMilliseconds(), 4)
  );
}

/** Java's `String.hashCode()` (UTF-16 code units, 32-bit wrap). */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Iteration order of a `java.util.HashMap<String,String>` filled with `keys` in that insertion order and
 * never shrunk (the SDK's header map, §3.2): bucket = (h ^ h>>>16) & (capacity-1), capacity 16 doubled while
 * size > 0.75·capacity; within a bucket, insertion order (Java 8 appends and its resize split keeps order).
 * Reproduces every captured sign-header order exactly.
 */
export function javaHashMapOrder(keys: readonly string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucket = (k: string) => {
    const h = javaStringHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keys
    .map((k, i) => ({ k, i, b: bucket(k) }))
    .sort((a, b) => a.b - b.b || a.i - b.i)
    .map((e) => e.k);
}

/** Gson's string escaping in `JsonObject.toString()` (not HTML-safe): JSON.stringify plus U+2028/U+2029. */
function gsonString(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Compact JSON object in the given entry order, as Gson's `JsonObject.toString()` writes it. */
export function gsonObject(entries: ReadonlyArray<readonly [string, string]>): string {
  return '{' + entries.map(([k, v]) => `${gsonString(k)}:${gsonString(v)}`).join(',') + '}';
}

export interface XroadSignerOptions {
  systemId: string;
  secret: string;
  /** Clock read once, at construction: the SDK sets the timestamp once per service object. */
  now?: () => Date;
  /** Use this exact timestamp string instead of formatting `now()` (replaying captures). */
  timestamp?: string;
  /**
   * Order of the logical headers on the wire and in the sign-header: `java-hashmap` (default, the SDK's
   * exact order), `insertion`, or an explicit list of names (names not in it follow in HashMap order).
   */
  keyOrder?: 'java-hashmap' | 'insertion' | readonly string[];
}

export interface HeadersForOptions {
  /**
   * Put the raw `Content-Type` first. sendEdoc goes through `HttpURLConnection`, which had the multipart
   * Content-Type set before the loop and replaces it in place; other calls (Apache HttpClient) emit it just
   * before `XroadVnpt-Content-Type`. Default: true for `application/octet-stream` (only sendEdoc uses it).
   */
  rawContentTypeFirst?: boolean;
}

/**
 * The SDK's `VnptService` header logic. The map is NEVER cleared: parameters of earlier calls stay and are
 * signed again (the quirk in the captures), so keep one signer per simulated service object.
 */
export class XroadHeaderSigner {
  readonly systemId: string;
  readonly timestamp: string;
  private readonly secret: string;
  private readonly keyOrder: NonNullable<XroadSignerOptions['keyOrder']>;
  /** Insertion-ordered like Java's per-bucket order; re-setting a key keeps its place, as in HashMap. */
  private readonly map = new Map<string, string>();

  constructor(opts: XroadSignerOptions) {
    this.systemId = opts.systemId;
    this.secret = opts.secret;
    this.keyOrder = opts.keyOrder ?? 'java-hashmap';
    this.timestamp = opts.timestamp ?? formatSdkTimestamp((opts.now ?? (() => new Date()))());
    // Same insertion order as the VnptService constructor: timestamp, then systemid in init().
    this.map.set('timestamp', this.timestamp);
    this.map.set('systemid', this.systemId);
  }

  /** The logical header map as it stands, in wire order. */
  logicalHeaders(): Array<[string, string]> {
    return this.orderedKeys().map((k) => [k, this.map.get(k) ?? '']);
  }

  /** Adds this call's parameters to the (never cleared) map and returns the wire headers in SDK order. */
  headersFor(params: Record<string, string>, contentType: string, opts: HeadersForOptions = {}): Array<[string, string]> {
    // Each operation puts Content-Type first, then the caller's JSON keys (KnobstickServiceImp, AgencyServiceImp).
    this.map.set('Content-Type', contentType);
    for (const [k, v] of Object.entries(params)) this.map.set(k, v);

    const rawFirst = opts.rawContentTypeFirst ?? contentType.toLowerCase() === 'application/octet-stream';
    const out: Array<[string, string]> = [];
    if (rawFirst) out.push(['Content-Type', contentType]);
    const signed: Array<[string, string]> = [];
    const names: string[] = [];
    for (const [k, v] of this.logicalHeaders()) {
      if (k === 'Content-Type' && !rawFirst) out.push(['Content-Type', v]);
      out.push([XROAD_PREFIX + k, v]);
      signed.push([XROAD_PREFIX + k, v]);
      names.push(k);
    }
    const signHeader = gsonObject(signed);
    out.push([HEADER_SIGN_KEY, names.join(';')]);
    out.push([HEADER_SIGN, signHeader]);
    out.push([HEADER_HASH, hmacSignHeader(this.secret, signHeader)]);
    out.push(['User-Agent', SDK_USER_AGENT]);
    out.push(['XroadVnpt-version', SDK_VERSION]);
    return out;
  }

  private orderedKeys(): string[] {
    const keys = [...this.map.keys()];
    if (this.keyOrder === 'insertion') return keys;
    const hashed = javaHashMapOrder(keys);
    if (this.keyOrder === 'java-hashmap') return hashed;
    const explicit = this.keyOrder.filter((k) => this.map.has(k));
    return [...explicit, ...hashed.filter((k) => !explicit.includes(k))];
  }
}
