/**
 * edXML reader: bytes → typed model (specs/vdxp.md §1). Parses by namespace and local name, accepts the
 * non-standard forms the real axis tolerates (with warnings in lenient mode, as errors in strict mode), and
 * refuses what is not a package at all (encoding, DTD, well-formedness, root, namespace, header).
 */
import type { Element } from '@xmldom/xmldom';
import { vdxpError, type VdxpErrorCode } from '../errors.js';
import {
  QCVN_NS,
  XMLDSIG_NS,
  type Attachment,
  type Business,
  type EdocPackage,
  type EdxmlIssue,
  type EdxmlPackage,
  type ManifestReference,
  type Organization,
  type ResponseFor,
  type SignaturePresence,
  type StaffInfo,
  type StatusPackage,
  type TraceHeader,
  type ValidationMode,
} from './edxml-model.js';
import { BUSINESS_NAMES, isStatusHeader } from './edxml-names.js';
import { child, childAnyNs, childNames, children, childText, isElement, malformed, parseXml, text } from './xml-dom.js';
import { findUnboundPrefixes, tooDeepAt, type UnboundPrefix } from './xml-scan.js';
import { checkXmlCharacters, decodeUtf8, escapeAttr, inspectProlog } from './xml-text.js';

/** Deepest element nesting accepted: edXML needs about 10 levels (Signature/KeyInfo/X509Data inside the header). */
export const MAX_XML_DEPTH = 64;

export interface ParseEdxmlResult {
  pkg: EdxmlPackage;
  warnings: EdxmlIssue[];
  /** The text actually parsed, after lenient repairs (junk stripped, prefixes declared). */
  xml: string;
}

/** Real URIs for prefixes that packages are known to use without declaring them (EX edoc.edxml uses xlink). */
const WELL_KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  edXML: QCVN_NS,
  xlink: 'http://www.w3.org/1999/xlink',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xsd: 'http://www.w3.org/2001/XMLSchema',
  xs: 'http://www.w3.org/2001/XMLSchema',
  ds: XMLDSIG_NS,
  dsig: XMLDSIG_NS,
};

export function parseEdxml(input: Buffer | string, opts: { mode: ValidationMode }): ParseEdxmlResult {
  const warnings: EdxmlIssue[] = [];
  const repair = (code: VdxpErrorCode, field: string, rule: string, message: string): void => {
    if (opts.mode === 'strict') throw vdxpError(code, message, { field, rule });
    warnings.push({ code, field, rule, message });
  };

  const decoded = decodeUtf8(input);
  checkXmlCharacters(decoded);
  const prolog = inspectProlog(decoded);
  if (prolog.junk) {
    const shown = JSON.stringify(prolog.junk.length > 20 ? `${prolog.junk.slice(0, 20)}…` : prolog.junk);
    repair(
      'VDXP_XML_PROLOG_CONTENT',
      'prolog',
      'nothing before <?xml',
      `${prolog.junk.length} character(s) ${shown} precede the XML declaration or root element; ` +
        (opts.mode === 'strict' ? 'nothing may come before <?xml.' : 'they were stripped (nothing may come before <?xml).'),
    );
  }

  let xml = prolog.text;
  const deep = tooDeepAt(xml, prolog.rootStart, MAX_XML_DEPTH);
  if (deep >= 0) {
    const line = xml.slice(0, deep).split('\n').length;
    throw vdxpError('VDXP_XML_TOO_DEEP', `Elements nest deeper than ${MAX_XML_DEPTH} levels (line ${line}); an edXML package needs about 10, so the package was refused before parsing.`, {
      field: 'document',
      rule: `nesting depth ≤ ${MAX_XML_DEPTH}`,
      line,
    });
  }
  let parsed = parseXml(xml);
  if ('failure' in parsed && parsed.failure.unboundPrefix) {
    // Repair path only: find every prefix used out of scope and bind it on the root start tag.
    const unbound = findUnboundPrefixes(xml, prolog.rootStart);
    if (unbound.length) {
      for (const u of unbound) {
        const uri = bindingFor(u);
        repair(
          'VDXP_XML_UNBOUND_PREFIX',
          `xmlns:${u.prefix}`,
          'namespace prefixes must be declared',
          opts.mode === 'strict'
            ? `The namespace prefix "${u.prefix}" is used but never declared in scope (xmlns:${u.prefix} is missing).`
            : `The namespace prefix "${u.prefix}" is used but never declared in scope; it was bound to ${uri} on the root element.`,
        );
      }
      xml = declarePrefixes(xml, prolog.rootStart, unbound);
      parsed = parseXml(xml);
    }
  }
  if ('failure' in parsed) throw malformed(parsed.failure);

  const root = parsed.doc.documentElement;
  if (!root) throw vdxpError('VDXP_XML_MALFORMED', 'The package has no root element.', { field: 'document', rule: 'well-formed XML' });
  if (root.localName !== 'edXML') {
    throw vdxpError('VDXP_EDXML_WRONG_ROOT', `The root element is <${root.nodeName}>; an edXML package's root element is edXML (§1.1).`, {
      field: 'edXML',
      rule: 'root is edXML',
    });
  }
  checkNamespace(root, 'edXML');
  const envelope = structural(root, 'edXMLEnvelope', 'edXML/edXMLEnvelope');
  const header = structural(envelope, 'edXMLHeader', 'edXMLEnvelope/edXMLHeader');

  let messageHeader = child(header, 'MessageHeader');
  let headerElementName: StatusPackage['headerElementName'] = 'MessageHeader';
  if (!messageHeader) {
    const status = child(header, 'Status');
    if (status) {
      repair(
        'VDXP_EDXML_NONSTANDARD',
        'edXMLHeader/Status',
        'status packages use MessageHeader',
        `edXMLHeader has <Status> instead of <MessageHeader> (a non-standard builder); ${opts.mode === 'strict' ? 'the standard element is MessageHeader (§1.5).' : 'it was read as the MessageHeader of a status package (§1.5).'}`,
      );
      messageHeader = status;
      headerElementName = 'Status';
    } else {
      messageHeader = structural(header, 'MessageHeader', 'edXMLHeader/MessageHeader');
    }
  }

  const signature = readSignature(header);
  const kind = headerElementName === 'Status' || isStatusHeader(childNames(messageHeader)) ? 'status' : 'edoc';
  for (const d of duplicateElements(root, kind)) {
    repair(
      'VDXP_EDXML_DUPLICATE_ELEMENT',
      d.path,
      'at most once',
      `${d.path} appears ${d.count} times; QCVN 102 allows it once` +
        (opts.mode === 'strict' ? ' (which one counts would be a guess).' : '; the first one was read.'),
    );
  }
  const pkg = kind === 'status' ? readStatus(messageHeader, headerElementName, signature) : readEdoc(root, envelope, header, messageHeader, signature);
  return { pkg, warnings, xml };
}

/** parent/child pairs QCVN 102 lets repeat; every other QCVN child is read once, so a second one is ambiguous. */
const REPEATABLE = new Set([
  'MessageHeader/To', 'ToPlaces/Place', 'Appendixes/Appendix', 'TraceHeaderList/TraceHeader', 'edXMLManifest/Reference',
  'AttachmentEncoded/Attachment', 'ReplacementInfoList/ReplacementInfo', 'OrganIdList/OrganId', 'ReceiverList/Receiver',
]);

/**
 * QCVN elements that appear more than once where the reader takes only the first (two MessageHeaders, two
 * From, two Subject…): an ambiguity a strict reader must refuse. The Signature subtree is signature.ts's.
 */
function duplicateElements(root: Element, kind: 'edoc' | 'status'): Array<{ path: string; count: number }> {
  const out: Array<{ path: string; count: number }> = [];
  const stack: Array<{ el: Element; path: string }> = [{ el: root, path: root.localName ?? 'edXML' }];
  while (stack.length > 0) {
    const { el, path } = stack.pop()!;
    const parent = el.localName ?? '';
    const counts = new Map<string, number>();
    for (const c of children(el)) {
      const name = c.localName ?? '';
      if (name === 'Signature') continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      // Only the first of a repeated singleton is read; its own children are the ones that matter.
      if (counts.get(name) === 1 || REPEATABLE.has(`${parent}/${name}`)) stack.push({ el: c, path: `${path}/${name}` });
    }
    for (const [name, count] of counts) {
      if (count < 2 || REPEATABLE.has(`${parent}/${name}`)) continue;
      // An edoc answers several documents; a status package answers one.
      if (kind === 'edoc' && parent === 'MessageHeader' && name === 'ResponseFor') continue;
      out.push({ path: `${path}/${name}`, count });
    }
  }
  return out;
}

function bindingFor(u: UnboundPrefix): string {
  return WELL_KNOWN_PREFIXES[u.prefix] ?? u.declaredElsewhere ?? `urn:lienthong:undeclared:${u.prefix}`;
}

/** Inserts ` xmlns:p="uri"` right after the root element's name, leaving every other byte in place. */
function declarePrefixes(xml: string, rootStart: number, unbound: UnboundPrefix[]): string {
  let nameEnd = rootStart + 1;
  while (nameEnd < xml.length && !/[\s/>]/.test(xml[nameEnd]!)) nameEnd++;
  const decls = unbound.map((u) => ` xmlns:${u.prefix}="${escapeAttr(bindingFor(u))}"`).join('');
  return xml.slice(0, nameEnd) + decls + xml.slice(nameEnd);
}

function checkNamespace(el: Element, path: string): void {
  if (el.namespaceURI !== QCVN_NS) {
    throw vdxpError(
      'VDXP_EDXML_WRONG_NAMESPACE',
      `${path} is in namespace ${el.namespaceURI ? `"${el.namespaceURI}"` : '(none)'}; edXML elements must be in ${QCVN_NS} (QCVN 102:2016, §1.1).`,
      { field: path, rule: `namespace ${QCVN_NS}` },
    );
  }
}

/** A mandatory envelope element: missing → MISSING_HEADER, present in another namespace → WRONG_NAMESPACE. */
function structural(parent: Element, localName: string, path: string): Element {
  const el = child(parent, localName);
  if (el) return el;
  const other = childAnyNs(parent, localName);
  if (other) checkNamespace(other, path);
  throw vdxpError('VDXP_EDXML_MISSING_HEADER', `${path} is missing; every edXML package has edXMLEnvelope/edXMLHeader/MessageHeader (§1.1).`, {
    field: path,
    rule: 'edXMLEnvelope/edXMLHeader/MessageHeader required',
  });
}

/** Copies the named child texts into an object, leaving absent elements out (not `undefined` keys). */
function fields<K extends string>(el: Element | undefined, spec: Record<K, readonly string[]>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  if (!el) return out;
  for (const key of Object.keys(spec) as K[]) {
    const v = childText(el, ...spec[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

const ORG = {
  organId: ['OrganId'],
  organizationInCharge: ['OrganizationInCharge'],
  organName: ['OrganName'],
  organAdd: ['OrganAdd'],
  email: ['Email'],
  telephone: ['Telephone'],
  fax: ['Fax'],
  website: ['Website'],
} as const;
const RESPONSE_FOR = { organId: ['OrganId'], code: ['Code'], promulgationDate: ['PromulgationDate'], documentId: ['DocumentId'] } as const;
const STAFF = { department: ['Department'], staff: ['Staff'], mobile: ['Mobile'], email: ['Email'] } as const;

function org(el: Element | undefined): Organization | undefined {
  return el ? fields(el, ORG) : undefined;
}
function responseFor(el: Element): ResponseFor {
  return fields(el, RESPONSE_FOR);
}
function staffInfo(el: Element | undefined): StaffInfo | undefined {
  return el ? fields(el, STAFF) : undefined;
}
function optional<T>(el: Element | undefined, read: (el: Element) => T): T | undefined {
  return el ? read(el) : undefined;
}
function texts(el: Element | undefined, name: string): string[] {
  return children(el, [name]).map((c) => text(c) ?? '');
}

function readStatus(h: Element, headerElementName: StatusPackage['headerElementName'], signature?: SignaturePresence): StatusPackage {
  const pkg: StatusPackage = { kind: 'status', headerElementName };
  const from = org(child(h, 'From'));
  const rf = optional(child(h, 'ResponseFor'), responseFor);
  const staff = staffInfo(child(h, 'StaffInfo'));
  if (from) pkg.from = from;
  if (rf) pkg.responseFor = rf;
  if (staff) pkg.staffInfo = staff;
  Object.assign(pkg, fields(h, { statusCode: ['StatusCode'], description: ['Description'], timestamp: ['Timestamp'] }));
  if (signature) pkg.signature = signature;
  return pkg;
}

function readEdoc(root: Element, envelope: Element, header: Element, h: Element, signature?: SignaturePresence): EdocPackage {
  const other = child(h, 'OtherInfo');
  const pkg: EdocPackage = {
    kind: 'edoc',
    header: {
      ...optionalKey('from', org(child(h, 'From'))),
      to: children(h, ['To']).map((el) => fields(el, ORG)),
      ...fields(h, {
        documentId: ['DocumentId'],
        subject: ['Subject'],
        content: ['Content'],
        dueDate: ['DueDate'],
        steeringType: ['SteeringType'],
        applicationType: ['ApplicationType'],
      }),
      ...optionalKey('code', optional(child(h, 'Code'), (el) => fields(el, { codeNumber: ['CodeNumber'], codeNotation: ['CodeNotation'] }))),
      ...optionalKey(
        'promulgationInfo',
        optional(child(h, 'PromulgationInfo'), (el) => fields(el, { place: ['Place'], promulgationDate: ['PromulgationDate'] })),
      ),
      ...optionalKey(
        'documentType',
        optional(child(h, 'DocumentType'), (el) => fields(el, { type: ['Type'], typeDetail: ['TypeDetail'], typeName: ['TypeName'] })),
      ),
      ...optionalKey(
        'signerInfo',
        optional(child(h, 'SignerInfo'), (el) => fields(el, { competence: ['Competence'], position: ['Position'], fullName: ['FullName'] })),
      ),
      ...optionalKey(
        'otherInfo',
        optional(other, (el) => ({
          ...fields(el, {
            priority: ['Priority'],
            sphereOfPromulgation: ['SphereOfPromulgation'],
            typerNotation: ['TyperNotation'],
            promulgationAmount: ['PromulgationAmount'],
            pageAmount: ['PageAmount'],
            direction: ['Direction'],
            referenceCodes: ['ReferenceCodes'],
          }),
          appendixes: texts(child(el, 'Appendixes'), 'Appendix'),
        })),
      ),
      responseFor: children(h, ['ResponseFor']).map(responseFor),
      toPlaces: texts(child(h, 'ToPlaces'), 'Place'),
      ...optionalKey('responseForTask', optional(child(h, 'ResponseForTask'), (el) => fields(el, { taskCode: ['TaskCode'] }))),
    },
    traces: [],
    manifest: { references: [] },
    attachments: [],
  };

  const traceList = child(header, 'TraceHeaderList');
  pkg.traces = children(traceList, ['TraceHeader']).map((el): TraceHeader => fields(el, { organId: ['OrganId'], timestamp: ['Timestamp'] }));
  const business = optional(child(traceList, ...BUSINESS_NAMES), readBusiness);
  if (business) pkg.business = business;
  if (signature) pkg.signature = signature;

  const manifest = child(child(envelope, 'edXMLBody'), 'edXMLManifest');
  const version = manifest?.getAttribute('version');
  if (version !== null && version !== undefined) pkg.manifest.version = version;
  pkg.manifest.references = children(manifest, ['Reference']).map(
    (el): ManifestReference =>
      fields(el, { contentId: ['ContentId'], contentType: ['ContentType'], description: ['Description'], attachmentName: ['AttachmentName'] }),
  );

  // AttachmentEncoded is a sibling of the envelope (§1.1); a builder that nests it inside is tolerated.
  const encoded = child(root, 'AttachmentEncoded') ?? child(envelope, 'AttachmentEncoded');
  pkg.attachments = children(encoded, ['Attachment']).map(
    (el): Attachment => ({
      ...fields(el, { contentId: ['ContentId'], attachmentName: ['AttachmentName'], description: ['Description'], contentType: ['ContentType'] }),
      encoded: childText(el, 'ContentTransferEncoded') ?? '',
    }),
  );
  return pkg;
}

function optionalKey<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function readBusiness(el: Element): Business {
  const b: Business = {
    elementName: el.localName === 'Business' ? 'Business' : 'Bussiness',
    ...fields(el, {
      docType: ['BussinessDocType', 'BusinessDocType'],
      docReason: ['BussinessDocReason', 'BusinessDocReason'],
      documentId: ['DocumentId'],
      paper: ['Paper'],
    }),
    replacements: children(child(el, 'ReplacementInfoList'), ['ReplacementInfo']).map((r) => ({
      ...fields(r, { documentId: ['DocumentId'] }),
      organIds: texts(child(r, 'OrganIdList'), 'OrganId'),
    })),
  };
  const staff = staffInfo(child(el, 'StaffInfo'));
  if (staff) b.staffInfo = staff;
  const info = child(el, 'BussinessDocumentInfo', 'BusinessDocumentInfo');
  if (info) {
    b.documentInfo = {
      ...fields(info, { documentInfo: ['DocumentInfo'], documentReceiver: ['DocumentReceiver'] }),
      receivers: children(child(info, 'ReceiverList'), ['Receiver']).map((r) => fields(r, { organId: ['OrganId'], receiverType: ['ReceiverType'] })),
    };
  }
  return b;
}

/**
 * The Signature that ends edXMLHeader (§1.4): xmldsig namespace (standard) or the QCVN namespace (the
 * VNPT builder writes it unprefixed under the default namespace). Verification is wire/signature.ts's job.
 */
function readSignature(header: Element): SignaturePresence | undefined {
  let sig: Element | undefined;
  for (let n = header.lastChild; n; n = n.previousSibling) {
    if (isElement(n) && n.localName === 'Signature' && (n.namespaceURI === XMLDSIG_NS || n.namespaceURI === QCVN_NS)) {
      sig = n;
      break;
    }
  }
  if (!sig) return undefined;
  const ns = sig.namespaceURI as string;
  const presence: SignaturePresence = { namespace: ns };
  const subject = sig.getElementsByTagNameNS(ns, 'X509SubjectName')[0];
  if (subject) presence.subjectName = subject.textContent ?? '';
  return presence;
}
