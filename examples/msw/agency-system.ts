/**
 * A vendor's system as it would be written for production — plain `fetch` against the platforms' own
 * addresses, nothing that knows about lienthong — used by test/examples/msw.test.ts to show
 * `lienthong/msw` answering it in process. Two jobs of an agency's software:
 *
 * - its document system on the VDXP axis, through the agency's X-Road adapter
 *   (`http://<host>:8080/XrdAdapter/adapter`, specs/vdxp.md §3.1), signing the XroadVnpt-* headers;
 * - a data consumer on NGSP (`https://api.ngsp.gov.vn`, spec §B1): an OAuth2 client-credentials token,
 *   then the population database's SOAP lookup TraCuuThongTinCongDan.
 */
import { createHash, createHmac } from 'node:crypto';

export interface AgencySystemConfig {
  vdxp: { endpoint: string; systemId: string; secret: string; agency: string };
  ngsp: { baseUrl: string; consumerKey: string; consumerSecret: string };
}

interface VdxpReply {
  status: 'OK' | 'FAIL';
  ErrorCode: string;
  ErrorDesc: string;
  [key: string]: unknown;
}

/** `ddMMyyyy'T'HHmmss+SSSS`, the SDK's timestamp form. */
function sdkTimestamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getDate())}${p(d.getMonth() + 1)}${d.getFullYear()}T${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}+${p(d.getMilliseconds(), 4)}`;
}

export function agencySystem(config: AgencySystemConfig) {
  const { vdxp, ngsp } = config;

  /** One SDKVXP call: parameters in XroadVnpt-* headers, signed with HMAC-SHA256 over the JSON of them. */
  async function callVdxp(operation: string, params: Record<string, string>, body?: Buffer): Promise<VdxpReply> {
    const signed: Record<string, string> = { timestamp: sdkTimestamp(), systemid: vdxp.systemId, ...params };
    const headers: Record<string, string> = { 'content-type': body ? 'application/octet-stream' : 'application/json' };
    for (const [name, value] of Object.entries(signed)) headers[`XroadVnpt-${name}`] = value;
    const signHeader = JSON.stringify(Object.fromEntries(Object.entries(signed).map(([k, v]) => [`XroadVnpt-${k}`, v])));
    headers['XroadVnpt-sign-header'] = signHeader;
    headers['XroadVnpt-sign-header-key'] = Object.keys(signed).join(';');
    headers['XroadVnpt-hash-header'] = createHmac('sha256', vdxp.secret).update(signHeader).digest('hex');
    const res = await fetch(`${vdxp.endpoint}/${operation}`, { method: 'POST', headers, body: body ? new Uint8Array(body) : '{}' });
    const reply = (await res.json()) as VdxpReply;
    if (reply.status !== 'OK') throw new Error(`VDXP ${operation}: ${reply.ErrorCode} ${reply.ErrorDesc}`);
    return reply;
  }

  return {
    /** Sends an edXML package as its bytes; answers the DocId the axis gave it. */
    async sendDocument(edxml: Buffer): Promise<string> {
      const reply = await callVdxp('sendEdoc', { from: vdxp.agency, servicetype: 'eDoc', messagetype: 'edoc', 'hash-file': createHash('sha256').update(edxml).digest('hex') }, edxml);
      return reply.DocId as string;
    },

    /** Takes in every document waiting: fetch it, then acknowledge the transport (done) so it is not listed again. */
    async receiveDocuments(): Promise<{ docId: string; from: string; edxml: Buffer }[]> {
      const list = await callVdxp('getReceivedEdocList', { servicetype: 'eDoc', messagetype: 'edoc' });
      const received = [];
      for (const item of list.data as { docId: string; from: string }[]) {
        const got = await callVdxp('getEdoc', { docId: item.docId });
        received.push({ docId: item.docId, from: item.from, edxml: Buffer.from(got.data as string, 'base64') });
        await callVdxp('updateStatus', { docId: item.docId, status: 'done' });
      }
      return received;
    },

    /** NGSP token (client credentials, Basic authentication). */
    async token(): Promise<string> {
      const res = await fetch(`${ngsp.baseUrl}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${ngsp.consumerKey}:${ngsp.consumerSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      const json = (await res.json()) as { access_token?: string; error_description?: string };
      if (!res.ok || !json.access_token) throw new Error(`NGSP token: ${res.status} ${json.error_description ?? ''}`);
      return json.access_token;
    },

    /** TraCuuThongTinCongDan: a citizen by ID number, name and birth date (yyyyMMdd); answers the name on record. */
    async lookupCitizen(token: string, who: { soDinhDanh: string; hoVaTen: string; ngaySinh: string }): Promise<{ found: boolean; hoVaTen?: string; errorCode?: string }> {
      const field = (name: string, value: string) => `<dan:${name}>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</dan:${name}>`;
      const envelope =
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dan="http://dancuquocgia.bca"><soapenv:Header/><soapenv:Body><dan:TraCuuThongTinCongDan>' +
        field('MaYeuCau', `REQ${Date.now()}`) + field('MaDVC', 'VPCP') + field('MaTichHop', '037') + field('MaCanBo', '001090000123') +
        field('MaDonVi', vdxp.agency) + field('SoDinhDanh', who.soDinhDanh) + field('HoVaTen', who.hoVaTen) +
        `<dan:NgayThangNamSinh>${field('NgayThangNam', who.ngaySinh)}</dan:NgayThangNamSinh></dan:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>`;
      const res = await fetch(`${ngsp.baseUrl}/apiCSDLDC/1.0`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml', soapaction: '""' }, body: envelope });
      const xml = await res.text();
      const errorCode = /<dan:errorCode>([^<]+)<\/dan:errorCode>/.exec(xml)?.[1];
      if (res.status !== 200) return { found: false, ...(errorCode ? { errorCode } : {}) };
      const name = /<(?:\w+:)?CongDan>[\s\S]*?<(?:\w+:)?HoVaTen>([^<]*)<\/(?:\w+:)?HoVaTen>/.exec(xml)?.[1];
      return name ? { found: true, hoVaTen: name } : { found: false };
    },
  };
}
