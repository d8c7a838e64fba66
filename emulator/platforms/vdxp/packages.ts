/**
 * Document and status packages (QCVN 102:2016) from a small description, written with the emulator's own
 * edXML builder: what the tests, the conformance harness's peer agency and the reference agency send.
 * Defaults are a plausible Công văn of 2026/11/24 with one PDF attachment.
 */
import type { EdocPackage, StatusPackage } from './wire/edxml-model.js';
import { buildEdoc, buildStatus } from './wire/edxml-build.js';

const org = (organId: string) => ({
  organId,
  organizationInCharge: `Cơ quan ${organId}`,
  organName: `Văn thư ${organId}`,
  organAdd: 'Hà Nội',
  email: 'vanthu@example.gov.vn',
  telephone: '024',
  fax: '024',
  website: 'example.gov.vn',
});

export interface EdocSpec {
  from: string;
  to: string[];
  number?: string;
  notation?: string;
  date?: string;
  documentId?: string;
  type?: '0' | '1' | '2' | '3';
  reason?: string;
  changes?: string;
  replaces?: { documentId: string; organIds: string[] }[];
  subject?: string;
  attachment?: string;
}

export function edocModel(s: EdocSpec): EdocPackage {
  const number = s.number ?? '101';
  const notation = s.notation ?? 'VPCP-TTĐT';
  const date = s.date ?? '2026/11/24';
  const type = s.type ?? '0';
  return {
    kind: 'edoc',
    header: {
      from: org(s.from),
      to: s.to.map(org),
      documentId: s.documentId ?? `${s.from},${date},${number}/${notation}`,
      code: { codeNumber: number, codeNotation: notation },
      promulgationInfo: { place: 'Hà Nội', promulgationDate: date },
      documentType: { type: '1', typeDetail: '0', typeName: 'Công văn' },
      subject: s.subject ?? 'V/v kiểm thử liên thông văn bản',
      content: 'Nội dung kiểm thử',
      signerInfo: { competence: 'KT. BỘ TRƯỞNG', position: 'Thứ trưởng', fullName: 'Nguyễn Văn A' },
      otherInfo: { priority: '0', sphereOfPromulgation: 'Liên thông văn bản quốc gia', typerNotation: 'TVC', promulgationAmount: '1', pageAmount: '1', appendixes: [] },
      responseFor: [],
      steeringType: '1',
      toPlaces: [],
    },
    traces: [{ organId: s.from, timestamp: `${date} 08:00:00` }],
    business: {
      elementName: 'Bussiness',
      docType: type,
      docReason: s.reason ?? (type === '0' ? '' : 'Điều chỉnh văn bản'),
      paper: '0',
      ...(s.changes ? { documentId: s.changes } : {}),
      ...(type === '2' ? { documentInfo: { documentInfo: '1', documentReceiver: '0', receivers: [] } } : {}),
      replacements: (s.replaces ?? []).map((r) => ({ documentId: r.documentId, organIds: r.organIds })),
    },
    manifest: { version: '1.0', references: [{ contentId: 'cid:1', contentType: 'application/pdf', description: 'Văn bản', attachmentName: 'vanban.pdf' }] },
    attachments: [{ contentId: 'cid:1', attachmentName: 'vanban.pdf', description: 'Văn bản', contentType: 'application/pdf', encoded: s.attachment ?? Buffer.from('%PDF-1.4 test').toString('base64') }],
  };
}

export const documentPackage = (s: EdocSpec): Buffer => Buffer.from(buildEdoc(edocModel(s)), 'utf8');

export interface StatusSpec {
  from: string;
  to: string;
  documentId: string;
  code: string;
  description?: string;
  /** ResponseFor/Code and PromulgationDate of the original document (default: from its DocumentId). */
  responseCode?: string;
  promulgationDate?: string;
  /** `yyyy/MM/dd HH:mm:ss` */
  timestamp?: string;
}

export function statusModel(s: StatusSpec): StatusPackage {
  return {
    kind: 'status',
    headerElementName: 'MessageHeader',
    from: org(s.from),
    responseFor: {
      organId: s.to,
      code: s.responseCode ?? s.documentId.split(',')[2] ?? '101/VPCP-TTĐT',
      promulgationDate: s.promulgationDate ?? s.documentId.split(',')[1] ?? '2026/11/24',
      documentId: s.documentId,
    },
    staffInfo: { department: 'Văn thư', staff: 'Nguyễn Thị B', mobile: '0912000001', email: 'vanthu@example.gov.vn' },
    statusCode: s.code,
    description: s.description ?? `Trạng thái ${s.code}`,
    timestamp: s.timestamp ?? '2026/11/24 09:00:00',
  };
}

export const statusPackage = (s: StatusSpec): Buffer => Buffer.from(buildStatus(statusModel(s)), 'utf8');
