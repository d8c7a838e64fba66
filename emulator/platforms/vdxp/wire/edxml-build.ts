/**
 * edXML writer: typed model → package text in the layout of the VNPT `com.vnpt.xml` builder
 * (specs/vdxp.md §1.1, §1.2, §1.5): root `<edXML xmlns=QCVN>`, `edXML:`-prefixed envelope, the jar's
 * write order with ToPlaces last, `Bussiness` spelling, status packages always under `MessageHeader`, and
 * AttachmentEncoded unprefixed after the envelope. Absent (`undefined`) elements are omitted; empty strings
 * are written as empty elements so a parse → build → parse round trip keeps them. No Signature is written:
 * signing is wire/signature.ts's job.
 */
import {
  QCVN_NS,
  type Attachment,
  type Business,
  type EdocPackage,
  type ManifestReference,
  type Organization,
  type ResponseFor,
  type StaffInfo,
  type StatusPackage,
} from './edxml-model.js';
import { escapeAttr, escapeText } from './xml-text.js';

export { decodeAttachment, encodeAttachment, type AttachmentInput } from './edxml-attachment.js';
export { appendTraceHeader } from './edxml-trace.js';

type Fields = ReadonlyArray<readonly [name: string, value: string | undefined]>;

/** Line-based writer; `p` is the element prefix including its colon ('' for unprefixed). */
class Writer {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private depth = 0;
  constructor(private p = 'edXML:') {}

  prefix(p: string): void {
    this.p = p;
  }
  open(name: string, attrs = ''): void {
    this.lines.push(`${'  '.repeat(this.depth++)}<${this.p}${name}${attrs}>`);
  }
  close(name: string): void {
    this.lines.push(`${'  '.repeat(--this.depth)}</${this.p}${name}>`);
  }
  leaf(name: string, value: string | undefined): void {
    if (value === undefined) return;
    this.lines.push(`${'  '.repeat(this.depth)}<${this.p}${name}>${escapeText(value, name)}</${this.p}${name}>`);
  }
  /** An element holding only leaves; written self-closing when the model has it but none of its children. */
  group(name: string, fields: Fields): void {
    if (fields.every(([, v]) => v === undefined)) {
      this.lines.push(`${'  '.repeat(this.depth)}<${this.p}${name}/>`);
      return;
    }
    this.open(name);
    for (const [n, v] of fields) this.leaf(n, v);
    this.close(name);
  }
  list(name: string, item: string, values: readonly string[]): void {
    if (!values.length) return;
    this.open(name);
    for (const v of values) this.leaf(item, v);
    this.close(name);
  }
  raw(line: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${line}`);
  }
  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function openPackage(w: Writer): void {
  w.prefix('');
  w.open('edXML', ` xmlns="${QCVN_NS}"`);
  w.prefix('edXML:');
  w.open('edXMLEnvelope', ` xmlns:edXML="${QCVN_NS}"`);
  w.open('edXMLHeader');
  w.open('MessageHeader');
}

function organization(w: Writer, name: string, o: Organization | undefined): void {
  if (!o) return;
  w.group(name, [
    ['OrganId', o.organId],
    ['OrganizationInCharge', o.organizationInCharge],
    ['OrganName', o.organName],
    ['OrganAdd', o.organAdd],
    ['Email', o.email],
    ['Telephone', o.telephone],
    ['Fax', o.fax],
    ['Website', o.website],
  ]);
}

function responseFor(w: Writer, r: ResponseFor | undefined): void {
  if (!r) return;
  w.group('ResponseFor', [
    ['OrganId', r.organId],
    ['Code', r.code],
    ['PromulgationDate', r.promulgationDate],
    ['DocumentId', r.documentId],
  ]);
}

function staffInfo(w: Writer, s: StaffInfo | undefined): void {
  if (!s) return;
  w.group('StaffInfo', [
    ['Department', s.department],
    ['Staff', s.staff],
    ['Mobile', s.mobile],
    ['Email', s.email],
  ]);
}

export function buildEdoc(pkg: EdocPackage): string {
  const w = new Writer();
  const h = pkg.header;
  openPackage(w);
  // §1.2 write order of the VNPT jar: as its table, with ToPlaces moved last.
  organization(w, 'From', h.from);
  for (const to of h.to) organization(w, 'To', to);
  w.leaf('DocumentId', h.documentId);
  if (h.code) w.group('Code', [['CodeNumber', h.code.codeNumber], ['CodeNotation', h.code.codeNotation]]);
  if (h.promulgationInfo) w.group('PromulgationInfo', [['Place', h.promulgationInfo.place], ['PromulgationDate', h.promulgationInfo.promulgationDate]]);
  if (h.documentType) {
    w.group('DocumentType', [['Type', h.documentType.type], ['TypeDetail', h.documentType.typeDetail], ['TypeName', h.documentType.typeName]]);
  }
  w.leaf('Subject', h.subject);
  w.leaf('Content', h.content);
  if (h.signerInfo) {
    w.group('SignerInfo', [['Competence', h.signerInfo.competence], ['Position', h.signerInfo.position], ['FullName', h.signerInfo.fullName]]);
  }
  w.leaf('DueDate', h.dueDate);
  const o = h.otherInfo;
  if (o) {
    const leaves: Fields = [
      ['Priority', o.priority],
      ['SphereOfPromulgation', o.sphereOfPromulgation],
      ['TyperNotation', o.typerNotation],
      ['PromulgationAmount', o.promulgationAmount],
      ['PageAmount', o.pageAmount],
      ['Direction', o.direction],
      ['ReferenceCodes', o.referenceCodes],
    ];
    if (o.appendixes.length) {
      w.open('OtherInfo');
      for (const [n, v] of leaves) w.leaf(n, v);
      w.list('Appendixes', 'Appendix', o.appendixes);
      w.close('OtherInfo');
    } else {
      w.group('OtherInfo', leaves);
    }
  }
  for (const r of h.responseFor) responseFor(w, r);
  w.leaf('SteeringType', h.steeringType);
  if (h.responseForTask) w.group('ResponseForTask', [['TaskCode', h.responseForTask.taskCode]]);
  w.leaf('ApplicationType', h.applicationType);
  w.list('ToPlaces', 'Place', h.toPlaces);
  w.close('MessageHeader');

  if (pkg.traces.length || pkg.business) {
    w.open('TraceHeaderList');
    for (const t of pkg.traces) w.group('TraceHeader', [['OrganId', t.organId], ['Timestamp', t.timestamp]]);
    if (pkg.business) business(w, pkg.business);
    w.close('TraceHeaderList');
  }
  w.close('edXMLHeader');

  w.open('edXMLBody');
  const version = pkg.manifest.version === undefined ? '' : ` version="${escapeAttr(pkg.manifest.version)}"`;
  if (pkg.manifest.references.length) {
    w.open('edXMLManifest', version);
    for (const r of pkg.manifest.references) reference(w, r);
    w.close('edXMLManifest');
  } else {
    w.raw(`<edXML:edXMLManifest${version}/>`);
  }
  w.close('edXMLBody');
  w.close('edXMLEnvelope');

  if (pkg.attachments.length) {
    // Unprefixed, in the root's default namespace, as the SDK writes it (specs/sdk-captures).
    w.prefix('');
    w.open('AttachmentEncoded');
    for (const a of pkg.attachments) attachment(w, a);
    w.close('AttachmentEncoded');
  }
  w.prefix('');
  w.close('edXML');
  return w.toString();
}

/** Always the VNPT spelling `Bussiness`, whatever the model's elementName says (§1.3). */
function business(w: Writer, b: Business): void {
  w.open('Bussiness');
  w.leaf('BussinessDocType', b.docType);
  w.leaf('BussinessDocReason', b.docReason);
  w.leaf('DocumentId', b.documentId);
  w.leaf('Paper', b.paper);
  const info = b.documentInfo;
  if (info) {
    w.open('BussinessDocumentInfo');
    w.leaf('DocumentInfo', info.documentInfo);
    w.leaf('DocumentReceiver', info.documentReceiver);
    if (info.receivers.length) {
      w.open('ReceiverList');
      for (const r of info.receivers) w.group('Receiver', [['OrganId', r.organId], ['ReceiverType', r.receiverType]]);
      w.close('ReceiverList');
    }
    w.close('BussinessDocumentInfo');
  }
  if (b.replacements.length) {
    w.open('ReplacementInfoList');
    for (const r of b.replacements) {
      w.open('ReplacementInfo');
      w.leaf('DocumentId', r.documentId);
      w.list('OrganIdList', 'OrganId', r.organIds);
      w.close('ReplacementInfo');
    }
    w.close('ReplacementInfoList');
  }
  staffInfo(w, b.staffInfo);
  w.close('Bussiness');
}

function reference(w: Writer, r: ManifestReference): void {
  w.group('Reference', [
    ['ContentId', r.contentId],
    ['ContentType', r.contentType],
    ['Description', r.description],
    ['AttachmentName', r.attachmentName],
  ]);
}

function attachment(w: Writer, a: Attachment): void {
  w.group('Attachment', [
    ['ContentId', a.contentId],
    ['AttachmentName', a.attachmentName],
    ['Description', a.description],
    ['ContentType', a.contentType],
    ['ContentTransferEncoded', a.encoded],
  ]);
}

/** §1.5: no body, no attachments; always `MessageHeader`, never BK's `<Status>`. */
export function buildStatus(pkg: StatusPackage): string {
  const w = new Writer();
  openPackage(w);
  organization(w, 'From', pkg.from);
  responseFor(w, pkg.responseFor);
  staffInfo(w, pkg.staffInfo);
  w.leaf('StatusCode', pkg.statusCode);
  w.leaf('Description', pkg.description);
  w.leaf('Timestamp', pkg.timestamp);
  w.close('MessageHeader');
  w.close('edXMLHeader');
  w.close('edXMLEnvelope');
  w.prefix('');
  w.close('edXML');
  return w.toString();
}
