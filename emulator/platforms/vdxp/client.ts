/**
 * A VDXP client that behaves on the wire like the official SDKVXP 2.0.1 jar (specs/vdxp.md §3.3–§3.5,
 * sdk-captures/): parameters only in signed XroadVnpt-* headers, a header map that is never cleared, the
 * SDK's bodies per operation. Transport-agnostic: `fetchTransport` on a port here; tests add an in-process
 * one. For vendors writing a non-Java client, and for the reference agency and the benchmark.
 *
 * @example
 *   const client = createSdkClient({ systemId: 'vpcp.w00', secret, transport: fetchTransport('http://localhost:8686/vdxp') });
 *   const { json } = await client.getReceivedEdocList('edoc');
 */
import { hashFileHex, XroadHeaderSigner, type XroadSignerOptions } from './wire/xroad-headers.js';

export interface SdkTransportRequest {
  method: 'GET' | 'POST';
  /** Operation path such as `/getEdoc`; the transport adds its mount or base URL. */
  path: string;
  /** Wire headers in SDK order. */
  headers: Array<[string, string]>;
  /** `''` = the SDK's empty POST body (Content-Length: 0); undefined = no body (GET). */
  body?: Buffer | string;
}

export interface SdkTransportResponse {
  status: number;
  body: Buffer;
  json?: any;
}

export type SdkTransport = (req: SdkTransportRequest) => Promise<SdkTransportResponse>;

/** What every client method returns: the HTTP status, the parsed JSON reply (if JSON), the raw bytes. */
export interface SdkResult {
  httpStatus: number;
  json: any;
  body: Buffer;
  /** The request as sent, for assertions on headers. */
  request: SdkTransportRequest;
}

export interface GetEdocResult extends SdkResult {
  /** The package bytes: base64-decoded `data` of a successful reply (§3.3). */
  edxml?: Buffer;
}

export interface AgencyInput {
  id?: string;
  pcode: string;
  code: string;
  name: string;
  mail: string;
  mobile?: string;
  fax?: string;
}

export interface SdkClientOptions {
  systemId: string;
  secret: string;
  transport: SdkTransport;
  now?: () => Date;
  keyOrder?: XroadSignerOptions['keyOrder'];
  /**
   * The real SDK keeps one header map per service object (`AgencyServiceImp`, `KnobstickServiceImp`), so
   * agency calls do not carry document parameters. Default false: one shared signer, which exposes the
   * server to the most stale headers.
   */
  separateServices?: boolean;
}

type MessageType = 'edoc' | 'status';

export function parseMaybeJson(body: Buffer, contentType: string | undefined): any {
  const text = body.toString('utf8');
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[{[]/.test(text);
  if (!looksJson || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Node's HTTP client (and undici) refuse header characters above U+00FF and send the rest as latin1, so a
 * non-ASCII value is carried as its UTF-8 bytes: the bytes the HMAC was computed over (§3.2).
 */
function wireValue(v: string): string {
  return /[^\x00-\x7f]/.test(v) ? Buffer.from(v, 'utf8').toString('latin1') : v;
}

/** Node merges repeated header names; superagent's `set` would overwrite, so join them the same way. */
export function mergeHeaders(headers: Array<[string, string]>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const index = new Map<string, number>();
  for (const [k, v] of headers) {
    const i = index.get(k.toLowerCase());
    if (i === undefined) {
      index.set(k.toLowerCase(), out.length);
      out.push([k, wireValue(v)]);
    } else {
      const prev = out[i];
      if (prev) prev[1] = `${prev[1]}, ${wireValue(v)}`;
    }
  }
  return out;
}

/** Real-port transport: `baseUrl` includes the mount, e.g. `http://127.0.0.1:18700/vdxp`. */
export function fetchTransport(baseUrl: string): SdkTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return async (req) => {
    const res = await fetch(base + req.path, {
      method: req.method,
      headers: mergeHeaders(req.headers),
      body: req.method === 'GET' ? undefined : typeof req.body === 'string' || req.body === undefined ? (req.body ?? '') : new Uint8Array(req.body),
    });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, body, json: parseMaybeJson(body, res.headers.get('content-type') ?? undefined) };
  };
}

export interface SdkClient {
  readonly systemId: string;
  /** The signer of document calls (and of all calls unless `separateServices`). */
  readonly signer: XroadHeaderSigner;
  getAgenciesList(): Promise<SdkResult>;
  getAgenciesListQD20(level?: string): Promise<SdkResult>;
  getSynchronizeUnit(): Promise<SdkResult>;
  sendEdoc(bytes: Uint8Array, opts: { from: string; messagetype: MessageType; to?: unknown }): Promise<SdkResult>;
  getReceivedEdocList(messagetype: MessageType): Promise<SdkResult>;
  getEdoc(docId: string, opts?: { filePath?: string }): Promise<GetEdocResult>;
  downloadEdoc(docId: string, opts?: { filePath?: string }): Promise<SdkResult>;
  updateStatus(docId: string, status: string, description?: string): Promise<SdkResult>;
  getSentEdocList(messagetype: MessageType, docId?: string): Promise<SdkResult>;
  countReceiveEdoc(): Promise<SdkResult>;
  countReceiveStatus(): Promise<SdkResult>;
  registerAgency(agency: AgencyInput): Promise<SdkResult>;
  deleteAgency(code: string): Promise<SdkResult>;
}

const JSON_CT = 'application/json';
/** Body of calls that go through `sendPostMultipart(…, InputStream null)`: a literal `{}` (§3.4). */
const EMPTY_OBJECT = '{}';
/** Body of calls that go through `sendPost` with no form fields: nothing, Content-Length 0 (§3.4). */
const EMPTY = '';

export function createSdkClient(opts: SdkClientOptions): SdkClient {
  const mk = () => new XroadHeaderSigner({ systemId: opts.systemId, secret: opts.secret, now: opts.now, keyOrder: opts.keyOrder });
  const knobstick = mk();
  const agency = opts.separateServices ? mk() : knobstick;

  async function call(
    signer: XroadHeaderSigner,
    method: 'GET' | 'POST',
    op: string,
    params: Record<string, string>,
    contentType: string,
    body: Buffer | string | undefined,
  ): Promise<SdkResult> {
    const request: SdkTransportRequest = { method, path: `/${op}`, headers: signer.headersFor(params, contentType), body };
    const res = await opts.transport(request);
    return { httpStatus: res.status, json: res.json, body: res.body, request };
  }

  const defined = (o: Record<string, string | undefined>): Record<string, string> =>
    Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));

  return {
    systemId: opts.systemId,
    signer: knobstick,

    getAgenciesList: () => call(agency, 'POST', 'getAgenciesList', {}, JSON_CT, EMPTY),
    getAgenciesListQD20: (level) => call(agency, 'POST', 'getAgenciesListQD20', defined({ level }), JSON_CT, EMPTY),
    getSynchronizeUnit: () => call(agency, 'POST', 'getSynchronizeUnit', {}, JSON_CT, EMPTY),

    sendEdoc(bytes, { from, messagetype, to }) {
      // `to` goes through Gson's JsonElement.toString(), i.e. as JSON text; hash-file covers the file only,
      // while the body is the file plus the "\r\n" MultipartUtility appends (§3.4, captures).
      const params = defined({ from, servicetype: 'eDoc', messagetype, to: to === undefined ? undefined : JSON.stringify(to) });
      params['hash-file'] = hashFileHex(bytes);
      const body = Buffer.concat([Buffer.from(bytes), Buffer.from('\r\n')]);
      return call(knobstick, 'POST', 'sendEdoc', params, 'application/octet-stream', body);
    },

    getReceivedEdocList: (messagetype) =>
      call(knobstick, 'POST', 'getReceivedEdocList', { servicetype: 'eDoc', messagetype }, JSON_CT, EMPTY),

    async getEdoc(docId, o = {}) {
      const res: GetEdocResult = await call(knobstick, 'POST', 'getEdoc', defined({ docId, filePath: o.filePath }), JSON_CT, EMPTY_OBJECT);
      // The SDK decodes `data` unless status is FAIL (KnobstickServiceImp.getEdoc).
      if (res.json && res.json.status !== 'FAIL' && typeof res.json.data === 'string') {
        res.edxml = Buffer.from(res.json.data, 'base64');
      }
      return res;
    },

    // The only GET (§3.4); the SDK streams the reply to a file, we keep the bytes.
    downloadEdoc: (docId, o = {}) => call(knobstick, 'GET', 'downloadEdoc', defined({ docId, filePath: o.filePath }), JSON_CT, undefined),

    updateStatus: (docId, status, description) =>
      call(knobstick, 'POST', 'updateStatus', defined({ docId, status, description }), JSON_CT, EMPTY_OBJECT),

    getSentEdocList: (messagetype, docId) =>
      call(knobstick, 'POST', 'getSentEdocList', defined({ servicetype: 'eDoc', messagetype, docId }), JSON_CT, EMPTY),

    // The SDK passes "GET" here but the InputStream overload always POSTs `{}` (§3.4).
    countReceiveEdoc: () => call(knobstick, 'POST', 'countReceiveEdoc', {}, JSON_CT, EMPTY_OBJECT),
    countReceiveStatus: () => call(knobstick, 'POST', 'countReceiveStatus', {}, JSON_CT, EMPTY_OBJECT),

    registerAgency: (a) =>
      call(agency, 'POST', 'registerAgency', {}, JSON_CT, JSON.stringify(defined({ id: a.id, pcode: a.pcode, code: a.code, name: a.name, mail: a.mail, mobile: a.mobile, fax: a.fax }))),

    deleteAgency: (code) => call(agency, 'POST', 'deleteAgency', { AgencyCode: code }, JSON_CT, EMPTY_OBJECT),
  };
}
