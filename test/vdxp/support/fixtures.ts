/**
 * Shared set-up for the VDXP HTTP tests: an in-process app (no port), connected systems, and packages
 * built with the emulator's own edXML builder from a small description.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp, type BuildAppOptions } from '../../../emulator/app.js';
import { virtualClock } from '../../../emulator/core/clock.js';
import type { EdocPackage, StatusPackage } from '../../../emulator/platforms/vdxp/wire/edxml-model.js';
import { buildEdoc, buildStatus } from '../../../emulator/platforms/vdxp/wire/edxml-build.js';
import { createSdkClient, supertestTransport, type SdkClient } from './sdk-client.js';

/** specs/ lives in the shared folder beside the repository. */
export const SPECS_DIR = fileURLToPath(new URL('../../../../shared/specs/', import.meta.url));
export const sample = (name: string): Buffer => readFileSync(`${SPECS_DIR}edxml-samples/${name}`);

export type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * 10:00 in Vietnam on 2026/11/24, the fixtures' PromulgationDate: test apps start their virtual clock here
 * so no test depends on the real date (QĐ 28 deadlines, future dates, certificate validity).
 */
export const TEST_INSTANT = '2026-11-24T03:00:00.000Z';

export async function makeApp(opts: BuildAppOptions = {}): Promise<App> {
  return buildApp({ data: ':memory:', clock: virtualClock(new Date(TEST_INSTANT)), ...opts });
}

export interface Connected {
  systemId: string;
  secret: string;
  client: SdkClient;
  certificatePem: string;
  privateKeyPem: string;
}

/** Connects a system through the control plane and returns an SDK-faithful client for it. */
export async function connect(
  app: App,
  systemId: string,
  agencies: (string | { code: string; name?: string })[],
  extra: { mode?: 'lenient' | 'strict'; secret?: string } = {},
): Promise<Connected> {
  const res = await app.inject({
    method: 'POST',
    url: '/_lienthong/vdxp/systems',
    payload: { systemId, agencies: agencies.map((a) => (typeof a === 'string' ? { code: a } : a)), ...extra },
  });
  if (res.statusCode !== 201) throw new Error(`connect ${systemId}: ${res.statusCode} ${res.body}`);
  const body = res.json() as { secret: string; certificatePem: string; privateKeyPem: string };
  return {
    systemId,
    secret: body.secret,
    certificatePem: body.certificatePem,
    privateKeyPem: body.privateKeyPem,
    client: createSdkClient({ systemId, secret: body.secret, transport: supertestTransport(app), now: () => app.lienthong.clock.now() }),
  };
}

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

export const edoc = (s: EdocSpec): Buffer => Buffer.from(buildEdoc(edocModel(s)), 'utf8');

export interface StatusSpec {
  from: string;
  to: string;
  documentId: string;
  code: string;
  description?: string;
}

export function statusModel(s: StatusSpec): StatusPackage {
  return {
    kind: 'status',
    headerElementName: 'MessageHeader',
    from: org(s.from),
    responseFor: { organId: s.to, code: '101/VPCP-TTĐT', promulgationDate: '2026/11/24', documentId: s.documentId },
    staffInfo: { department: 'Văn thư', staff: 'Nguyễn Thị B', mobile: '0912000001', email: 'vanthu@example.gov.vn' },
    statusCode: s.code,
    description: s.description ?? `Trạng thái ${s.code}`,
    timestamp: '2026/11/24 09:00:00',
  };
}

export const statusPkg = (s: StatusSpec): Buffer => Buffer.from(buildStatus(statusModel(s)), 'utf8');
