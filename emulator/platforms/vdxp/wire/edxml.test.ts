import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../../core/errors.js';
import { checkBase64 } from './edxml-attachment.js';
import { appendTraceHeader, buildEdoc, buildStatus, decodeAttachment, encodeAttachment } from './edxml-build.js';
import {
  QCVN_NS,
  XMLDSIG_NS,
  type EdocPackage,
  type EdxmlIssue,
  type EdxmlPackage,
  type StatusPackage,
  type ValidationMode,
} from './edxml-model.js';
import { parseEdxml } from './edxml-parse.js';
import { validateEdxml } from './edxml-validate.js';

// ---- fixtures ----

/** The repo root is the nearest ancestor with package.json; the specs are its sibling `../shared/specs`. */
function specsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repo root not found');
    dir = up;
  }
  return resolve(dir, '../shared/specs');
}
const SPECS = specsDir();
const sample = (name: string): Buffer => readFileSync(join(SPECS, 'edxml-samples', name));
const TODAY = '2026/12/31';

function catchError(fn: () => unknown): EmulatorError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EmulatorError) return e;
    throw e;
  }
  throw new Error('expected an EmulatorError');
}

const parse = (xml: Buffer | string, mode: ValidationMode = 'lenient') => parseEdxml(xml, { mode });

/** What a rebuild is expected to preserve: everything but the signature, with the builder's normal forms. */
function normalised(pkg: EdxmlPackage): EdxmlPackage {
  const copy = structuredClone(pkg);
  delete copy.signature;
  if (copy.kind === 'edoc' && copy.business) copy.business.elementName = 'Bussiness';
  if (copy.kind === 'status') copy.headerElementName = 'MessageHeader';
  return copy;
}

function rebuild(pkg: EdxmlPackage): string {
  return pkg.kind === 'edoc' ? buildEdoc(pkg) : buildStatus(pkg);
}

function validEdoc(): EdocPackage {
  const org = (organId: string, name: string) => ({
    organId,
    organizationInCharge: name,
    organName: name,
    organAdd: 'Hà Nội',
    email: 'vt@example.gov.vn',
    telephone: '024',
    fax: '024',
    website: 'example.gov.vn',
  });
  return {
    kind: 'edoc',
    header: {
      from: org('000.00.00.G22', 'Văn phòng Chính phủ'),
      to: [org('000.00.00.H41', 'UBND Tỉnh Nghệ An'), org('000.00.00.H14', 'UBND Tỉnh Cao Bằng')],
      documentId: '000.00.00.G22,2026/11/20,777/VPCP-TTĐT',
      code: { codeNumber: '777', codeNotation: 'VPCP-TTĐT' },
      promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026/11/20' },
      documentType: { type: '1', typeDetail: '0', typeName: 'Công văn' },
      subject: 'V/v kiểm thử liên thông',
      content: 'Nội dung <có> & "ký tự" đặc biệt\r\nhai dòng',
      signerInfo: { competence: 'KT. BỘ TRƯỞNG', position: 'Thứ trưởng', fullName: 'Nguyễn Văn A' },
      dueDate: '2026/12/01',
      otherInfo: {
        priority: '1',
        sphereOfPromulgation: 'Liên thông văn bản quốc gia',
        typerNotation: 'TVC',
        promulgationAmount: '1',
        pageAmount: '2',
        direction: 'false',
        appendixes: ['Phụ lục 1'],
      },
      responseFor: [],
      steeringType: '1',
      toPlaces: ['Các bộ', 'UBND các tỉnh'],
    },
    traces: [{ organId: '000.00.00.G22', timestamp: '2026/11/20 08:00:00' }],
    business: {
      elementName: 'Bussiness',
      docType: '0',
      docReason: 'Văn bản điện tử mới',
      paper: '0',
      staffInfo: { department: 'Văn thư', staff: 'Nguyễn Thị B', mobile: '0912000001', email: 'vt@example.gov.vn' },
      replacements: [],
    },
    manifest: { version: '1.0', references: [{ contentId: 'cid:1', contentType: 'application/pdf', description: 'Văn bản', attachmentName: 'vanban.pdf' }] },
    attachments: [{ contentId: 'cid:1', attachmentName: 'vanban.pdf', description: 'Văn bản', contentType: 'application/pdf', encoded: 'JVBERi0xLjQKJcfsj6IK' }],
  };
}

function validStatus(code = '03'): StatusPackage {
  return {
    kind: 'status',
    headerElementName: 'MessageHeader',
    from: { organId: '000.00.00.H41', organName: 'UBND Tỉnh Nghệ An' },
    responseFor: {
      organId: '000.00.00.G22',
      code: '777/VPCP-TTĐT',
      promulgationDate: '2026/11/20',
      documentId: '000.00.00.G22,2026/11/20,777/VPCP-TTĐT',
    },
    staffInfo: { department: 'Văn thư', staff: 'Nguyễn Thị C' },
    statusCode: code,
    description: 'Đã tiếp nhận',
    timestamp: '2026/11/21 09:00:00',
  };
}

/** Through the wire: build, parse (lenient), validate. */
function check(pkg: EdxmlPackage, mode: ValidationMode) {
  const { pkg: parsed } = parse(rebuild(pkg));
  return validateEdxml(parsed, { mode, today: TODAY });
}

function only(issues: EdxmlIssue[], code: string, field: string): EdxmlIssue {
  const hit = issues.filter((i) => i.code === code && i.field === field);
  expect(hit, `${code} at ${field} in ${JSON.stringify(issues, null, 1)}`).toHaveLength(1);
  return hit[0]!;
}

// ---- the 15 official samples ----

const EDOC_SAMPLES: Record<string, { docType?: string; to: number }> = {
  'edoc.edxml': { docType: undefined, to: 1 },
  'edoc_new.edxml': { docType: '0', to: 1 },
  'edoc_revocation.edxml': { docType: '1', to: 3 },
  'edoc_update.edxml': { docType: '2', to: 3 },
  'edoc_replacement.edxml': { docType: '3', to: 3 },
};
const STATUS_SAMPLES: Record<string, string> = {
  'status.edxml': '01',
  'status_inbox_01.edxml': '01',
  'status_rejection_02.edxml': '02',
  'status_acceptance_03.edxml': '03',
  'status_assignment_04.edxml': '04',
  'status_processing_05.edxml': '05',
  'status_finish_06.edxml': '06',
  'status_cancellation_13.edxml': '13',
  'status_change-acceptance_15.edxml': '15',
  'status_change-rejection_16.edxml': '16',
};
const ALL_SAMPLES = [...Object.keys(EDOC_SAMPLES), ...Object.keys(STATUS_SAMPLES)];

describe('official samples (specs/edxml-samples)', () => {
  it('there are 15', () => expect(ALL_SAMPLES).toHaveLength(15));

  it.each(Object.entries(EDOC_SAMPLES))('%s parses as a document package', (file, want) => {
    const { pkg } = parse(sample(file));
    expect(pkg.kind).toBe('edoc');
    if (pkg.kind !== 'edoc') return;
    expect(pkg.header.to).toHaveLength(want.to);
    expect(pkg.business?.docType).toBe(want.docType);
    expect(pkg.manifest.references.length).toBeGreaterThan(0);
    expect(pkg.attachments.map((a) => a.contentId)).toEqual(pkg.manifest.references.map((r) => r.contentId));
  });

  it.each(Object.entries(STATUS_SAMPLES))('%s parses as a status package', (file, code) => {
    const { pkg, warnings } = parse(sample(file));
    expect(warnings).toEqual([]);
    expect(pkg).toMatchObject({ kind: 'status', headerElementName: 'MessageHeader', statusCode: code });
    if (pkg.kind !== 'status') return;
    expect(pkg.responseFor?.documentId).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(pkg.description).toBeTruthy();
  });

  it('reads the key values of edoc_update (type 2) and edoc_replacement (type 3)', () => {
    const upd = parse(sample('edoc_update.edxml')).pkg as EdocPackage;
    expect(upd.header.to.map((t) => t.organId)).toEqual(['000.00.00.H41', '000.00.00.H14', '000.00.00.G17']);
    expect(upd.header.code).toEqual({ codeNumber: '7816', codeNotation: 'VPCP-TTĐT' });
    expect(upd.header.toPlaces).toEqual(['Cac bo va co quan ngang bo', 'Uy ban nhan dan cac tinh, TP']);
    expect(upd.traces).toEqual([{ organId: '000.00.00.G22', timestamp: '2018/09/28 00:00:00' }]);
    expect(upd.business?.documentInfo).toEqual({
      documentInfo: '1',
      documentReceiver: '1',
      receivers: [
        { organId: '000.00.00.H41', receiverType: '0' },
        { organId: '000.00.00.H14', receiverType: '1' },
      ],
    });
    expect(upd.signature).toEqual({ namespace: QCVN_NS, subjectName: 'CN=user05' });
    const rep = parse(sample('edoc_replacement.edxml')).pkg as EdocPackage;
    expect(rep.business?.replacements).toHaveLength(2);
    expect(rep.business?.replacements[0]).toEqual({
      documentId: '000.00.00.G22,2014/01/30,7806/VPCP-TTĐT',
      organIds: ['000.00.00.H41', '000.00.00.H14'],
    });
    const rev = parse(sample('edoc_revocation.edxml')).pkg as EdocPackage;
    expect(rev.header.responseFor).toEqual([
      { organId: '000.00.00.H14', code: '267/VPCP-TTĐT', documentId: '000.00.04.G14,2012/08/06,267/VPCP-TTĐT', promulgationDate: '2018/09/28' },
    ]);
  });

  it('edoc.edxml: unbound xlink and edXML prefixes are bound leniently; xmldsig signature recorded', () => {
    const { pkg, warnings, xml } = parse(sample('edoc.edxml'));
    expect(warnings.map((w) => [w.code, w.field])).toEqual([
      ['VDXP_XML_UNBOUND_PREFIX', 'xmlns:xlink'],
      ['VDXP_XML_UNBOUND_PREFIX', 'xmlns:edXML'],
    ]);
    expect(xml).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
    expect(pkg).toMatchObject({ kind: 'edoc', signature: { namespace: XMLDSIG_NS, subjectName: '' } });
    const edoc = pkg as EdocPackage;
    expect(edoc.header.documentId).toBe('9fbfbad2-f1f8-4256-a2eb-50fb1061cddb');
    expect(edoc.header.responseFor).toEqual([{ organId: '', code: '', promulgationDate: '', documentId: '' }]);
    expect(edoc.attachments[0]?.encoded).toBe('${__StringFromFile(test.txt,,,)}');
    expect(catchError(() => parse(sample('edoc.edxml'), 'strict')).code).toBe('VDXP_XML_UNBOUND_PREFIX');
  });

  it('edoc_new.edxml: the "1212" before <?xml is stripped with a warning (error in strict mode)', () => {
    const { warnings, xml } = parse(sample('edoc_new.edxml'));
    expect(warnings.map((w) => w.code)).toEqual(['VDXP_XML_PROLOG_CONTENT']);
    expect(warnings[0]?.message).toContain('"1212"');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(catchError(() => parse(sample('edoc_new.edxml'), 'strict')).code).toBe('VDXP_XML_PROLOG_CONTENT');
  });

  it.each(ALL_SAMPLES)('%s: lenient validation has zero errors', (file) => {
    const { pkg } = parse(sample(file));
    const result = validateEdxml(pkg, { mode: 'lenient', today: TODAY });
    expect(result.errors).toEqual([]);
  });

  it.each(ALL_SAMPLES)('%s: rebuild is equivalent (parse(build(pkg)) = pkg)', (file) => {
    const { pkg } = parse(sample(file));
    const rebuilt = parse(rebuild(pkg), 'strict');
    expect(rebuilt.warnings).toEqual([]);
    expect(rebuilt.pkg).toEqual(normalised(pkg));
  });

  it('every strict finding on the samples names its field in its message', () => {
    const issues = ALL_SAMPLES.flatMap((f) => {
      const r = validateEdxml(parse(sample(f)).pkg, { mode: 'strict', today: TODAY });
      return [...r.errors, ...r.warnings];
    });
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(i.message).toContain(i.field.split('/').pop()!.replace(/\[\d+\]$/, ''));
      expect(i.rule).toBeTruthy();
    }
    // The documented expectation: samples fail strict mode (e.g. 28.22.H17, the JMeter placeholder).
    const codes = new Set(issues.map((i) => i.code));
    expect(codes).toContain('VDXP_EDXML_BAD_ORGAN_ID');
    expect(codes).toContain('VDXP_EDXML_BAD_BASE64');
  });

  it('sent-package.edxml (captured from the official SDK) parses and passes strict validation', () => {
    const { pkg, warnings } = parse(readFileSync(join(SPECS, 'sdk-captures', 'sent-package.edxml')), 'strict');
    expect(warnings).toEqual([]);
    expect(pkg.kind).toBe('edoc');
    const edoc = pkg as EdocPackage;
    expect(edoc.header.to.map((t) => t.organId)).toEqual(['000.00.00.H41']);
    expect(edoc.business).toMatchObject({ elementName: 'Bussiness', docType: '0', docReason: '' });
    expect(edoc.signature).toBeUndefined();
    const r = validateEdxml(pkg, { mode: 'strict', today: '2026/11/20' });
    expect(r).toEqual({ errors: [], warnings: [] });
    expect(decodeAttachment(edoc.attachments[0]!).bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(parse(buildEdoc(edoc)).pkg).toEqual(normalised(edoc));
  });
});

// ---- parsing: namespaces, variants, refusals ----

const NS = `xmlns="${QCVN_NS}"`;
const minimalEdoc = (header = '<To><OrganId>000.00.00.H41</OrganId></To>', rootAttrs = NS) =>
  `<?xml version="1.0" encoding="UTF-8"?><edXML ${rootAttrs}><edXMLEnvelope><edXMLHeader><MessageHeader>${header}</MessageHeader></edXMLHeader></edXMLEnvelope></edXML>`;

describe('parseEdxml', () => {
  it('parses by namespace, not prefix, and ignores element order', () => {
    const base = validEdoc();
    const built = buildEdoc(base);
    const q = built.replaceAll('edXML:', 'q:').replace('xmlns:q=', 'xmlns:q=').replace(`xmlns:edXML="${QCVN_NS}"`, `xmlns:q="${QCVN_NS}"`);
    const plain = built.replaceAll('<edXML:', '<').replaceAll('</edXML:', '</').replace(` xmlns:edXML="${QCVN_NS}"`, '');
    expect(q).toContain('<q:MessageHeader>');
    expect(parse(q, 'strict').pkg).toEqual(normalised(base));
    expect(parse(plain, 'strict').pkg).toEqual(normalised(base));
    // Subject moved first, From last: still the same package.
    const subject = /<edXML:Subject>.*?<\/edXML:Subject>\n\s*/s.exec(built)![0];
    const reordered = built.replace(subject, '').replace('<edXML:MessageHeader>', `<edXML:MessageHeader>${subject}`);
    expect(parse(reordered).pkg).toEqual(normalised(base));
  });

  it('ignores elements of other namespaces in the header', () => {
    const xml = minimalEdoc('<To><OrganId>000.00.00.H41</OrganId></To><x:Subject xmlns:x="urn:other">no</x:Subject>');
    expect((parse(xml).pkg as EdocPackage).header.subject).toBeUndefined();
  });

  it('accepts Business/BusinessDocType as variants of Bussiness', () => {
    const xml = minimalEdoc().replace(
      '</MessageHeader>',
      '</MessageHeader><TraceHeaderList><Business><BusinessDocType>2</BusinessDocType><BusinessDocReason>r</BusinessDocReason><BusinessDocumentInfo><DocumentInfo>1</DocumentInfo></BusinessDocumentInfo></Business></TraceHeaderList>',
    );
    const pkg = parse(xml).pkg as EdocPackage;
    expect(pkg.business).toMatchObject({ elementName: 'Business', docType: '2', docReason: 'r', documentInfo: { documentInfo: '1', receivers: [] } });
    expect(buildEdoc(pkg)).toContain('<edXML:Bussiness>');
  });

  it("accepts BK's <Status> in place of MessageHeader as a status package, with a warning (error in strict mode)", () => {
    const xml = buildStatus(validStatus()).replaceAll('edXML:MessageHeader', 'edXML:Status');
    const { pkg, warnings } = parse(xml);
    expect(pkg).toMatchObject({ kind: 'status', headerElementName: 'Status', statusCode: '03' });
    expect(warnings.map((w) => w.code)).toEqual(['VDXP_EDXML_NONSTANDARD']);
    expect(buildStatus(pkg as StatusPackage)).toContain('<edXML:MessageHeader>');
    expect(catchError(() => parse(xml, 'strict')).code).toBe('VDXP_EDXML_NONSTANDARD');
  });

  it('treats a header with status-only children and no StatusCode as a status package', () => {
    const s = validStatus();
    delete s.statusCode;
    const { pkg } = parse(buildStatus(s));
    expect(pkg.kind).toBe('status');
    const r = validateEdxml(pkg, { mode: 'lenient', today: TODAY });
    only(r.errors, 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/StatusCode');
  });

  it('binds an unknown undeclared prefix to urn:lienthong:undeclared:<prefix>', () => {
    const xml = minimalEdoc('<To foo:bar="1"><OrganId>000.00.00.H41</OrganId></To>');
    const { warnings, xml: repaired } = parse(xml);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'VDXP_XML_UNBOUND_PREFIX', field: 'xmlns:foo' });
    expect(warnings[0]?.message).toContain('"foo"');
    expect(repaired).toContain('xmlns:foo="urn:lienthong:undeclared:foo"');
  });

  it('keeps a UTF-8 BOM silent', () => {
    const { warnings } = parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(minimalEdoc())]));
    expect(warnings).toEqual([]);
  });

  it('refuses XML that is not well-formed, with the parser message and position', () => {
    const e = catchError(() => parse(minimalEdoc().replace('</To>', '</Too>')));
    expect(e.code).toBe('VDXP_XML_MALFORMED');
    expect(e.message).toMatch(/mismatch.*line 1, column \d+/);
    expect(catchError(() => parse(minimalEdoc('<To><OrganId>&nbsp;</OrganId></To>'))).code).toBe('VDXP_XML_MALFORMED');
    expect(catchError(() => parse(minimalEdoc() + '<second/>')).code).toBe('VDXP_XML_MALFORMED');
    expect(catchError(() => parse('just text')).code).toBe('VDXP_XML_MALFORMED');
  });

  it.each<ValidationMode>(['lenient', 'strict'])('refuses any DOCTYPE in %s mode (XXE, billion laughs) before parsing', (mode) => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${minimalEdoc('<Subject>&e;</Subject>').replace(/^<\?xml[^>]*>/, '')}`;
    const lol = ['<!ENTITY a "lollollollollollollollollollol">']
      .concat(Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`))
      .join('');
    const laughs = `<?xml version="1.0"?>\n<!-- comment first --><!DOCTYPE lolz [${lol}]><lolz>&j;</lolz>`;
    for (const xml of [xxe, laughs, `<!doctype edXML>${minimalEdoc().replace(/^<\?xml[^>]*>/, '')}`]) {
      const e = catchError(() => parse(xml, mode));
      expect(e.code).toBe('VDXP_XML_DTD_FORBIDDEN');
    }
    // A DOCTYPE after the root start is refused by the parser and reported the same way.
    expect(catchError(() => parse(minimalEdoc('<!DOCTYPE x>'), mode)).code).toBe('VDXP_XML_DTD_FORBIDDEN');
  });

  it('refuses a root that is not edXML', () => {
    const e = catchError(() => parse(`<?xml version="1.0" encoding="UTF-8"?><eDoc ${NS}/>`));
    expect(e.code).toBe('VDXP_EDXML_WRONG_ROOT');
    expect(e.details.field).toBe('edXML');
  });

  it('refuses a root or envelope in another namespace', () => {
    for (const attrs of ['xmlns="http://www.go.vn/eDoc"', '']) {
      const e = catchError(() => parse(minimalEdoc(undefined, attrs)));
      expect(e.code).toBe('VDXP_EDXML_WRONG_NAMESPACE');
      expect(e.details.field).toBe('edXML');
    }
    const e = catchError(() => parse(minimalEdoc().replace('<edXMLEnvelope>', '<edXMLEnvelope xmlns="http://www.go.vn/eDoc">')));
    expect(e.code).toBe('VDXP_EDXML_WRONG_NAMESPACE');
    expect(e.details.field).toBe('edXML/edXMLEnvelope');
  });

  it('refuses a package without envelope, header or MessageHeader', () => {
    const cases = [
      `<edXML ${NS}/>`,
      `<edXML ${NS}><edXMLEnvelope/></edXML>`,
      `<edXML ${NS}><edXMLEnvelope><edXMLHeader/></edXMLEnvelope></edXML>`,
    ];
    for (const xml of cases) expect(catchError(() => parse(xml)).code).toBe('VDXP_EDXML_MISSING_HEADER');
  });

  it('refuses what is not UTF-8', () => {
    const latin1 = Buffer.from(minimalEdoc('<To><OrganId>000.00.00.H41</OrganId></To><Subject>Hà Nội é</Subject>'), 'latin1');
    const e = catchError(() => parse(latin1));
    expect(e.code).toBe('VDXP_XML_NOT_UTF8');
    expect(e.message).toMatch(/byte 0x[0-9a-f]{2} at offset \d+/);
    const declared = minimalEdoc().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect(catchError(() => parse(Buffer.from(declared))).code).toBe('VDXP_XML_NOT_UTF8');
    expect(catchError(() => parse(declared, 'strict')).details.field).toBe('XML declaration/encoding');
    expect(catchError(() => parse(Buffer.from('\ufeff' + minimalEdoc(), 'utf16le'))).code).toBe('VDXP_XML_NOT_UTF8');
  });
});

// ---- validation ----

describe('validateEdxml', () => {
  it('the valid fixtures pass strict validation without findings', () => {
    expect(check(validEdoc(), 'strict')).toEqual({ errors: [], warnings: [] });
    expect(check(validStatus(), 'strict')).toEqual({ errors: [], warnings: [] });
  });

  type Case = [name: string, mutate: (p: EdocPackage) => void, code: string, field: string, lenient: 'error' | 'warning'];
  const edocCases: Case[] = [
    ['no From/OrganId', (p) => delete p.header.from!.organId, 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/From/OrganId', 'warning'],
    ['no To', (p) => (p.header.to = []), 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/To', 'error'],
    ['empty To/OrganId', (p) => (p.header.to[1]!.organId = ''), 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/To[2]/OrganId', 'error'],
    ['To without OrganId', (p) => delete p.header.to[0]!.organId, 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/To[1]/OrganId', 'error'],
    ['duplicate To', (p) => (p.header.to[1]!.organId = '000.00.00.H41'), 'VDXP_EDXML_DUPLICATE_RECIPIENT', 'MessageHeader/To[2]/OrganId', 'warning'],
    ['no CodeNumber', (p) => (p.header.code!.codeNumber = ' '), 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/Code/CodeNumber', 'warning'],
    ['no CodeNotation', (p) => delete p.header.code!.codeNotation, 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/Code/CodeNotation', 'warning'],
    ['no Subject', (p) => (p.header.subject = ''), 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/Subject', 'warning'],
    ['date format', (p) => (p.header.promulgationInfo!.promulgationDate = '2026-11-20'), 'VDXP_EDXML_BAD_DATE', 'MessageHeader/PromulgationInfo/PromulgationDate', 'warning'],
    ['impossible date', (p) => (p.header.dueDate = '2026/02/30'), 'VDXP_EDXML_BAD_DATE', 'MessageHeader/DueDate', 'warning'],
    ['future date', (p) => (p.header.promulgationInfo!.promulgationDate = '2027/01/01'), 'VDXP_EDXML_FUTURE_DATE', 'MessageHeader/PromulgationInfo/PromulgationDate', 'warning'],
    ['trace timestamp', (p) => (p.traces[0]!.timestamp = '2026/11/20'), 'VDXP_EDXML_BAD_DATE', 'TraceHeaderList/TraceHeader[1]/Timestamp', 'warning'],
    ['ResponseFor date', (p) => p.header.responseFor.push({ organId: '000.00.00.H14', documentId: 'x', promulgationDate: '20/11/2026' }), 'VDXP_EDXML_BAD_DATE', 'MessageHeader/ResponseFor[1]/PromulgationDate', 'warning'],
    ['Priority', (p) => (p.header.otherInfo!.priority = '5'), 'VDXP_EDXML_BAD_ENUM', 'MessageHeader/OtherInfo/Priority', 'warning'],
    ['SteeringType', (p) => (p.header.steeringType = '4'), 'VDXP_EDXML_BAD_ENUM', 'MessageHeader/SteeringType', 'warning'],
    ['DocumentType/Type', (p) => (p.header.documentType!.type = 'CV'), 'VDXP_EDXML_BAD_ENUM', 'MessageHeader/DocumentType/Type', 'warning'],
    ['BussinessDocType', (p) => (p.business!.docType = '4'), 'VDXP_EDXML_BAD_ENUM', 'TraceHeaderList/Bussiness/BussinessDocType', 'warning'],
    ['revoke without DocumentId', (p) => (p.business!.docType = '1'), 'VDXP_EDXML_BUSINESS_INCOMPLETE', 'TraceHeaderList/Bussiness/DocumentId', 'warning'],
    [
      'update without BussinessDocumentInfo',
      (p) => Object.assign(p.business!, { docType: '2', documentId: '000.00.00.G22,2026/11/01,700/VPCP-TTĐT' }),
      'VDXP_EDXML_BUSINESS_INCOMPLETE',
      'TraceHeaderList/Bussiness/BussinessDocumentInfo',
      'warning',
    ],
    ['replace without ReplacementInfoList', (p) => (p.business!.docType = '3'), 'VDXP_EDXML_BUSINESS_INCOMPLETE', 'TraceHeaderList/Bussiness/ReplacementInfoList', 'warning'],
    [
      'ReceiverType',
      (p) => Object.assign(p.business!, { docType: '2', documentId: 'd', documentInfo: { documentInfo: '1', documentReceiver: '1', receivers: [{ organId: '000.00.00.H14', receiverType: '2' }] } }),
      'VDXP_EDXML_BAD_ENUM',
      'TraceHeaderList/Bussiness/BussinessDocumentInfo/ReceiverList/Receiver[1]/ReceiverType',
      'warning',
    ],
    ['Reference without Attachment', (p) => (p.attachments[0]!.contentId = 'cid:2'), 'VDXP_EDXML_ATTACHMENT_MISSING', 'edXMLManifest/Reference[1]/ContentId', 'warning'],
    ['bad base64', (p) => (p.attachments[0]!.encoded = 'JVBERi0x*LjQK'), 'VDXP_EDXML_BAD_BASE64', 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded', 'warning'],
    ['bad padding', (p) => (p.attachments[0]!.encoded = 'JVBERi0=xLjQK'), 'VDXP_EDXML_BAD_BASE64', 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded', 'warning'],
    ['OrganId form', (p) => (p.header.to[0]!.organId = '01.02.G22'), 'VDXP_EDXML_BAD_ORGAN_ID', 'MessageHeader/To[1]/OrganId', 'warning'],
    ['no Bussiness', (p) => delete p.business, 'VDXP_EDXML_MISSING_FIELD', 'TraceHeaderList/Bussiness', 'warning'],
  ];

  it.each(edocCases)('edoc: %s → %s', (_name, mutate, code, field, lenient) => {
    const pkg = validEdoc();
    mutate(pkg);
    const strict = check(pkg, 'strict');
    const issue = only(strict.errors, code, field);
    expect(issue.message).toContain(field);
    expect(issue.rule).toBeTruthy();
    const relaxed = check(pkg, 'lenient');
    only(lenient === 'error' ? relaxed.errors : relaxed.warnings, code, field);
    if (lenient === 'warning') expect(relaxed.errors).toEqual([]);
  });

  it('SteeringType 0 is accepted (real clients send it)', () => {
    const pkg = validEdoc();
    pkg.header.steeringType = '0';
    expect(check(pkg, 'strict').errors).toEqual([]);
  });

  it('the DocumentId pattern is only ever a warning, even in strict mode', () => {
    const pkg = validEdoc();
    pkg.header.documentId = '9fbfbad2-f1f8-4256-a2eb-50fb1061cddb';
    const r = check(pkg, 'strict');
    expect(r.errors).toEqual([]);
    const w = only(r.warnings, 'VDXP_EDXML_DOCUMENT_ID_FORMAT', 'MessageHeader/DocumentId');
    expect(w.message).toContain('000.00.00.G22,2026/11/20,777/VPCP-TTĐT');
  });

  type StatusCase = [name: string, mutate: (p: StatusPackage) => void, code: string, field: string, lenient: 'error' | 'warning'];
  const statusCases: StatusCase[] = [
    ['unknown StatusCode', (p) => (p.statusCode = '07'), 'VDXP_EDXML_BAD_STATUS_CODE', 'MessageHeader/StatusCode', 'error'],
    ['empty StatusCode', (p) => (p.statusCode = ''), 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/StatusCode', 'error'],
    ['no ResponseFor/OrganId', (p) => delete p.responseFor!.organId, 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/ResponseFor/OrganId', 'error'],
    ['no ResponseFor', (p) => delete p.responseFor, 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/ResponseFor/DocumentId', 'error'],
    ['no ResponseFor/DocumentId', (p) => (p.responseFor!.documentId = ''), 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/ResponseFor/DocumentId', 'error'],
    ['no ResponseFor/Code', (p) => delete p.responseFor!.code, 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/ResponseFor/Code', 'warning'],
    ['no From/OrganId', (p) => delete p.from, 'VDXP_EDXML_MISSING_FIELD', 'MessageHeader/From/OrganId', 'warning'],
    ['02 without reason', (p) => Object.assign(p, { statusCode: '02', description: '' }), 'VDXP_EDXML_REASON_REQUIRED', 'MessageHeader/Description', 'warning'],
    ['13 without reason', (p) => Object.assign(p, { statusCode: '13', description: undefined }), 'VDXP_EDXML_REASON_REQUIRED', 'MessageHeader/Description', 'warning'],
    ['Timestamp', (p) => (p.timestamp = '2026/11/21T09:00:00'), 'VDXP_EDXML_BAD_DATE', 'MessageHeader/Timestamp', 'warning'],
    ['ResponseFor/OrganId form', (p) => (p.responseFor!.organId = '999.010.01.H22'), 'VDXP_EDXML_BAD_ORGAN_ID', 'MessageHeader/ResponseFor/OrganId', 'warning'],
  ];

  it.each(statusCases)('status: %s → %s', (_name, mutate, code, field, lenient) => {
    const pkg = validStatus();
    mutate(pkg);
    const strict = check(pkg, 'strict');
    only(strict.errors, code, field);
    const relaxed = check(pkg, 'lenient');
    only(lenient === 'error' ? relaxed.errors : relaxed.warnings, code, field);
  });

  it('explains a missing rejection reason in English with the Vietnamese term', () => {
    const pkg = validStatus('02');
    pkg.description = ' ';
    const issue = only(check(pkg, 'strict').errors, 'VDXP_EDXML_REASON_REQUIRED', 'MessageHeader/Description');
    expect(issue.message).toContain('StatusCode 02 (từ chối tiếp nhận) needs a MessageHeader/Description giving the reason');
  });
});

// ---- attachments ----

describe('attachment zip convention (§1.1)', () => {
  it('zips a .txt, keeps its name, and decodes it back', () => {
    const bytes = Buffer.from('Nội dung văn bản\n');
    const att = encodeAttachment({ name: 'ghichu.txt', bytes, description: 'Ghi chú', contentId: 'cid:7' });
    expect(att).toMatchObject({ contentId: 'cid:7', attachmentName: 'ghichu.txt', contentType: 'application/zip', description: 'Ghi chú' });
    const raw = Buffer.from(att.encoded, 'base64');
    expect(raw.subarray(0, 2).toString()).toBe('PK');
    expect(Object.keys(unzipSync(raw))).toEqual(['ghichu.txt']);
    expect(decodeAttachment(att)).toEqual({ name: 'ghichu.txt', bytes });
  });

  it('sends a .pdf as it is; keeps a VNPT-style content type when given', () => {
    const bytes = Buffer.from('%PDF-1.4\n%âãÏÓ\n');
    const att = encodeAttachment({ name: 'VanBan.PDF', bytes });
    expect(att.contentType).toBe('application/pdf');
    expect(att.contentId).toMatch(/^cid:[0-9a-f-]{36}$/);
    expect(Buffer.from(att.encoded, 'base64')).toEqual(bytes);
    expect(decodeAttachment(att)).toEqual({ name: 'VanBan.PDF', bytes });
    expect(encodeAttachment({ name: 'a.doc', bytes, contentType: 'application/doc' }).contentType).toBe('application/doc');
    expect(encodeAttachment({ name: 'a.zip', bytes }).contentType).toBe('application/zip');
  });

  it('unzips the official sample whose zip is named .doc', () => {
    const att = (parse(sample('edoc_update.edxml')).pkg as EdocPackage).attachments[0]!;
    const { name, bytes } = decodeAttachment(att);
    expect(name).toBe('1896_QD-TTg_m_294779.doc');
    expect(bytes.subarray(0, 2).toString()).not.toBe('PK');
    expect(bytes.length).toBeGreaterThan(0);
  });

  it('checks base64 alphabet and padding, ignoring whitespace, without decoding', () => {
    for (const ok of ['', 'QQ==', 'QUI=', 'QUJD', 'QQ', 'QUI', 'QU\r\nJD\n', 'QQ=\n=', ' QUJD ']) expect(checkBase64(ok), JSON.stringify(ok)).toEqual({ ok: true });
    for (const bad of ['Q', 'QQ=', '====', 'QQ===', 'QQ==QQ==', 'QU-D', 'QUJD\u00e9', '${x}']) expect(checkBase64(bad).ok, JSON.stringify(bad)).toBe(false);
  });

  it('refuses undecodable base64 naming the ContentId', () => {
    const att = (parse(sample('edoc.edxml')).pkg as EdocPackage).attachments[0]!;
    const e = catchError(() => decodeAttachment(att));
    expect(e.code).toBe('VDXP_EDXML_BAD_BASE64');
    expect(e.message).toContain('cid:36b8a92e-f054-11e7-842b-005056b672fc');
  });
});

// ---- builder layout ----

describe('buildEdoc / buildStatus', () => {
  it('writes the VNPT layout', () => {
    const xml = buildEdoc(validEdoc());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">')).toBe(true);
    expect(xml).toContain(`<edXML:edXMLEnvelope xmlns:edXML="${QCVN_NS}">`);
    const order = ['From>', 'To>', 'DocumentId>', 'Code>', 'PromulgationInfo>', 'DocumentType>', 'Subject>', 'Content>', 'SignerInfo>', 'DueDate>', 'OtherInfo>', 'SteeringType>', 'ToPlaces>'];
    const at = order.map((n) => xml.indexOf(`<edXML:${n}`));
    expect(at.every((v) => v > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(xml).toContain('<edXML:Bussiness>');
    expect(xml).toMatch(/<\/edXML:edXMLEnvelope>\n {2}<AttachmentEncoded>/);
    expect(xml).toContain('&lt;có&gt; &amp; "ký tự"');
    expect(xml).not.toContain('Signature');
    expect(xml).not.toContain('ResponseFor');
  });

  it('writes a status package with MessageHeader, no body', () => {
    const xml = buildStatus({ ...validStatus(), headerElementName: 'Status' });
    expect(xml).toContain('<edXML:MessageHeader>');
    expect(xml).not.toContain('edXMLBody');
    expect(xml).not.toContain('edXML:Status>');
  });
});

// ---- TraceHeader splicing ----

/**
 * Asserts `after` is `before` with one insertion at offset `at` (given by the test, because an insertion
 * that repeats its neighbourhood could be located at several offsets) and returns the inserted text.
 */
function insertion(before: string, after: string, at: number): string {
  const added = after.length - before.length;
  expect(added).toBeGreaterThan(0);
  expect(at).toBeGreaterThan(0);
  expect(after.slice(0, at)).toBe(before.slice(0, at));
  expect(after.slice(at + added)).toBe(before.slice(at));
  return after.slice(at, at + added);
}

/** Offset just after the last occurrence of `tag` in `xml`. */
const after = (xml: string, tag: string) => xml.lastIndexOf(tag) + tag.length;

const AXIS = { organId: '000.00.00.W00', timestamp: '2026/11/20 08:05:00' };

describe('appendTraceHeader', () => {
  it('appends after the last TraceHeader of a prefixed package, keeping every other byte (CRLF sample)', () => {
    const { xml, pkg } = parse(sample('edoc_update.edxml'));
    const out = appendTraceHeader(xml, AXIS);
    const added = insertion(xml, out, after(xml, '</edXML:TraceHeader>'));
    expect(added).toMatch(/^\r\n {8}<edXML:TraceHeader><edXML:OrganId>000\.00\.00\.W00<\/edXML:OrganId>/);
    const again = parse(out).pkg as EdocPackage;
    expect(again.traces).toEqual([...(pkg as EdocPackage).traces, AXIS]);
    expect(after(xml, '</edXML:TraceHeader>')).toBeLessThan(xml.indexOf('<edXML:Bussiness>'));
  });

  it('uses the unprefixed form in an unprefixed package and is not fooled by comments or CDATA', () => {
    const built = buildEdoc(validEdoc());
    const plain = built
      .replaceAll('<edXML:', '<')
      .replaceAll('</edXML:', '</')
      .replace(` xmlns:edXML="${QCVN_NS}"`, '')
      .replace('</TraceHeader>', '</TraceHeader><!-- <TraceHeader>fake</TraceHeader> --><![CDATA[</TraceHeader>]]>')
      .replace('<Subject>', '<Subject><![CDATA[<TraceHeaderList></TraceHeaderList>]]>');
    const out = appendTraceHeader(plain, AXIS);
    const added = insertion(plain, out, plain.indexOf('</TraceHeader>') + '</TraceHeader>'.length);
    expect(added).toBe('\n        <TraceHeader><OrganId>000.00.00.W00</OrganId><Timestamp>2026/11/20 08:05:00</Timestamp></TraceHeader>');
    const traces = (parse(out).pkg as EdocPackage).traces;
    expect(traces).toHaveLength(2);
    expect(traces[1]).toEqual(AXIS);
  });

  it('uses the prefix in scope even when the TraceHeaders declare their own', () => {
    const xml = buildEdoc(validEdoc()).replace(
      /<edXML:TraceHeader>(.*?)<\/edXML:TraceHeader>/s,
      `<t:TraceHeader xmlns:t="${QCVN_NS}"><t:OrganId>000.00.00.G22</t:OrganId><t:Timestamp>2026/11/20 08:00:00</t:Timestamp></t:TraceHeader>`,
    );
    const out = appendTraceHeader(xml, AXIS);
    expect(insertion(xml, out, after(xml, '</t:TraceHeader>'))).toMatch(/^\s*<edXML:TraceHeader>/);
    expect((parse(out).pkg as EdocPackage).traces).toHaveLength(2);
  });

  it('inserts a TraceHeaderList right after MessageHeader when there is none', () => {
    const pkg = validEdoc();
    pkg.traces = [];
    delete pkg.business;
    const xml = buildEdoc(pkg);
    expect(xml).not.toContain('TraceHeaderList');
    const out = appendTraceHeader(xml, AXIS);
    const added = insertion(xml, out, after(xml, '</edXML:MessageHeader>'));
    expect(added).toMatch(/^\s*<edXML:TraceHeaderList><edXML:TraceHeader>.*<\/edXML:TraceHeaderList>$/);
    expect((parse(out).pkg as EdocPackage).traces).toEqual([AXIS]);
  });

  it('inserts first in a TraceHeaderList that has only Bussiness', () => {
    const pkg = validEdoc();
    pkg.traces = [];
    const xml = buildEdoc(pkg);
    const out = appendTraceHeader(xml, AXIS);
    expect(insertion(xml, out, after(xml, '<edXML:TraceHeaderList>'))).toMatch(/^\s*<edXML:TraceHeader>/);
    const again = parse(out).pkg as EdocPackage;
    expect(again.traces).toEqual([AXIS]);
    expect(again.business?.docType).toBe('0');
  });

  it('opens a self-closing TraceHeaderList (the one case where a byte, its "/", is replaced)', () => {
    const pkg = validEdoc();
    pkg.traces = [];
    delete pkg.business;
    const xml = buildEdoc(pkg).replace('</edXML:MessageHeader>', '</edXML:MessageHeader><edXML:TraceHeaderList />');
    const out = appendTraceHeader(xml, AXIS);
    expect(out).toContain('<edXML:TraceHeaderList ><edXML:TraceHeader><edXML:OrganId>000.00.00.W00</edXML:OrganId>');
    expect((parse(out).pkg as EdocPackage).traces).toEqual([AXIS]);
  });

  it('escapes the values and leaves status packages unchanged', () => {
    const xml = buildEdoc(validEdoc());
    const out = appendTraceHeader(xml, { organId: 'a<b&c', timestamp: AXIS.timestamp });
    expect(insertion(xml, out, after(xml, '</edXML:TraceHeader>'))).toContain('a&lt;b&amp;c');
    const status = readFileSync(join(SPECS, 'edxml-samples', 'status_inbox_01.edxml'), 'utf8');
    expect(appendTraceHeader(status, AXIS)).toBe(status);
  });
});
