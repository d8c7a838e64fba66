/**
 * The whole VDXP exchange against a running emulator, as an agency's document system does it with the
 * official SDK (specs/vdxp.md §3.5): connect two systems, send a document, poll it on the other side,
 * acknowledge the transport (`updateStatus done`) and the business (status 01, đã đến), collect the status.
 *
 *   npm start                                    # in one terminal
 *   npx tsx examples/vdxp-send-and-receive.ts    # in another (or pass the emulator URL)
 *
 * The packages are written out literally so you can see what goes on the wire; the client signs the
 * XroadVnpt-* headers exactly as SDKVXP 2.0.1 does.
 */
import { pathToFileURL } from 'node:url';
import { createSdkClient, fetchTransport, type SdkClient } from '../emulator/platforms/vdxp/index.js';

const VPCP = '000.00.00.G22'; // Văn phòng Chính phủ
const NGHE_AN = '000.00.00.H41'; // UBND tỉnh Nghệ An

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const organ = (tag: string, id: string, name: string) =>
  `<edXML:${tag}><edXML:OrganId>${id}</edXML:OrganId><edXML:OrganizationInCharge>${esc(name)}</edXML:OrganizationInCharge><edXML:OrganName>${esc(name)}</edXML:OrganName><edXML:OrganAdd>Việt Nam</edXML:OrganAdd><edXML:Email>vanthu@example.gov.vn</edXML:Email><edXML:Telephone>024</edXML:Telephone><edXML:Fax>024</edXML:Fax><edXML:Website>example.gov.vn</edXML:Website></edXML:${tag}>`;

/** A QCVN 102:2016 document package (edXML) with one PDF attachment. */
function documentPackage(date: string, number: string): string {
  const documentId = `${VPCP},${date},${number}/VPCP-TTĐT`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLHeader><edXML:MessageHeader>
${organ('From', VPCP, 'Văn phòng Chính phủ')}${organ('To', NGHE_AN, 'UBND tỉnh Nghệ An')}
<edXML:DocumentId>${documentId}</edXML:DocumentId><edXML:Code><edXML:CodeNumber>${number}</edXML:CodeNumber><edXML:CodeNotation>VPCP-TTĐT</edXML:CodeNotation></edXML:Code>
<edXML:PromulgationInfo><edXML:Place>Hà Nội</edXML:Place><edXML:PromulgationDate>${date}</edXML:PromulgationDate></edXML:PromulgationInfo>
<edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeDetail>0</edXML:TypeDetail><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
<edXML:Subject>V/v thử nghiệm liên thông văn bản</edXML:Subject>
<edXML:SignerInfo><edXML:Competence>KT. BỘ TRƯỞNG</edXML:Competence><edXML:Position>Thứ trưởng</edXML:Position><edXML:FullName>Nguyễn Văn A</edXML:FullName></edXML:SignerInfo>
<edXML:OtherInfo><edXML:Priority>0</edXML:Priority><edXML:SphereOfPromulgation>Liên thông văn bản quốc gia</edXML:SphereOfPromulgation><edXML:TyperNotation>TVC</edXML:TyperNotation><edXML:PromulgationAmount>1</edXML:PromulgationAmount><edXML:PageAmount>1</edXML:PageAmount></edXML:OtherInfo>
<edXML:SteeringType>1</edXML:SteeringType></edXML:MessageHeader>
<edXML:TraceHeaderList><edXML:TraceHeader><edXML:OrganId>${VPCP}</edXML:OrganId><edXML:Timestamp>${date} 08:00:00</edXML:Timestamp></edXML:TraceHeader>
<edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType><edXML:BussinessDocReason></edXML:BussinessDocReason><edXML:Paper>0</edXML:Paper></edXML:Bussiness></edXML:TraceHeaderList>
</edXML:edXMLHeader><edXML:edXMLBody><edXML:edXMLManifest version="1.0"><edXML:Reference><edXML:ContentId>cid:1</edXML:ContentId><edXML:ContentType>application/pdf</edXML:ContentType><edXML:Description>Văn bản</edXML:Description><edXML:AttachmentName>vanban.pdf</edXML:AttachmentName></edXML:Reference></edXML:edXMLManifest></edXML:edXMLBody></edXML:edXMLEnvelope>
<AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>vanban.pdf</AttachmentName><Description>Văn bản</Description><ContentType>application/pdf</ContentType><ContentTransferEncoded>${Buffer.from('%PDF-1.4 example').toString('base64')}</ContentTransferEncoded></Attachment></AttachmentEncoded>
</edXML>`;
}

/** A status package: `01` (đã đến) from the recipient back to the sender, about `documentId`. */
function statusPackage(documentId: string, timestamp: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLHeader><edXML:MessageHeader>
${organ('From', NGHE_AN, 'UBND tỉnh Nghệ An')}
<edXML:ResponseFor><edXML:OrganId>${VPCP}</edXML:OrganId><edXML:Code>${esc(documentId.split(',')[2] ?? '')}</edXML:Code><edXML:PromulgationDate>${documentId.split(',')[1]}</edXML:PromulgationDate><edXML:DocumentId>${documentId}</edXML:DocumentId></edXML:ResponseFor>
<edXML:StaffInfo><edXML:Department>Văn thư</edXML:Department><edXML:Staff>Nguyễn Thị B</edXML:Staff><edXML:Mobile>0912000001</edXML:Mobile><edXML:Email>vanthu@nghean.gov.vn</edXML:Email></edXML:StaffInfo>
<edXML:StatusCode>01</edXML:StatusCode><edXML:Description>Đã đến - phần mềm QLVB đã nhận</edXML:Description><edXML:Timestamp>${timestamp}</edXML:Timestamp>
</edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML>`;
}

async function control<T>(base: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(base + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Connects a system (or reuses it when it exists) and returns an SDK-faithful client for it. */
async function system(base: string, systemId: string, code: string): Promise<SdkClient> {
  const existing = await fetch(`${base}/_lienthong/vdxp/systems/${systemId}/credentials`);
  const creds = existing.ok
    ? ((await existing.json()) as { secret: string })
    : await control<{ secret: string }>(base, 'POST', '/_lienthong/vdxp/systems', { systemId, agencies: [{ code }] });
  return createSdkClient({ systemId, secret: creds.secret, transport: fetchTransport(`${base}/vdxp`) });
}

function check(step: string, json: { status?: string; ErrorDesc?: string }): void {
  if (json.status !== 'OK') throw new Error(`${step} failed: ${json.ErrorDesc ?? JSON.stringify(json)}`);
}

export async function run(base: string, log: (line: string) => void = console.log) {
  // Date the document with the emulator's clock (it may be virtual), in Vietnam time.
  const { now } = await control<{ now: string }>(base, 'GET', '/_lienthong/clock');
  const vn = new Date(new Date(now).getTime() + 7 * 3600_000).toISOString();
  const date = vn.slice(0, 10).replace(/-/g, '/');
  const number = String(Date.now() % 100000);

  const vpcp = await system(base, 'example.vpcp', VPCP);
  const ngheAn = await system(base, 'example.nghean', NGHE_AN);

  const sent = await vpcp.sendEdoc(Buffer.from(documentPackage(date, number)), { from: VPCP, messagetype: 'edoc' });
  check('sendEdoc', sent.json);
  log(`1. VPCP sent document ${number}/VPCP-TTĐT: DocId ${sent.json.DocId}`);

  const inbox = await ngheAn.getReceivedEdocList('edoc');
  check('getReceivedEdocList', inbox.json);
  const item = (inbox.json.data as { docId: string; from: string }[]).find((d) => d.from === VPCP);
  if (!item) throw new Error('the document did not reach Nghệ An');
  const got = await ngheAn.getEdoc(item.docId);
  check('getEdoc', got.json);
  const documentId = /<edXML:DocumentId>([^<]+)<\/edXML:DocumentId>/.exec(got.edxml?.toString('utf8') ?? '')?.[1] ?? '';
  log(`2. Nghệ An received it as ${item.docId} (${got.edxml?.length} bytes, DocumentId ${documentId})`);

  check('updateStatus', (await ngheAn.updateStatus(item.docId, 'done')).json);
  const ack = await ngheAn.sendEdoc(Buffer.from(statusPackage(documentId, `${date} ${vn.slice(11, 19)}`)), { from: NGHE_AN, messagetype: 'status' });
  check('sendEdoc(status)', ack.json);
  log('3. Nghệ An acknowledged: updateStatus done, then status 01 (đã đến)');

  const statuses = await vpcp.getReceivedEdocList('status');
  check('getReceivedEdocList(status)', statuses.json);
  const status = (statuses.json.data as { docId: string; from: string }[]).find((d) => d.from === NGHE_AN);
  if (!status) throw new Error('the status did not reach VPCP');
  check('updateStatus', (await vpcp.updateStatus(status.docId, 'done')).json);
  const sentList = await vpcp.getSentEdocList('edoc', sent.json.DocId as string);
  const row = (sentList.json.data as { receiveStatus: string; statusCode: string | null }[])[0];
  log(`4. VPCP sees: received by Nghệ An (${row?.receiveStatus}), business status ${row?.statusCode}`);
  return { docId: sent.json.DocId as string, receiverDocId: item.docId, documentId, receiveStatus: row?.receiveStatus, statusCode: row?.statusCode };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run(process.argv[2] ?? process.env.LIENTHONG_URL ?? 'http://127.0.0.1:8686').catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
