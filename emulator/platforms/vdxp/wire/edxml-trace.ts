/**
 * The axis stamps a delivered document package with its own TraceHeader (specs/vdxp.md §1.3: the SDK puts
 * the sender first; each hop appends). It is spliced into the original text rather than re-serialised, so
 * every other byte stays exactly as the sender wrote it. An enveloped Signature with URI="" covers the whole
 * document (§1.4), so the stamped text no longer verifies: verify the received text, before stamping.
 */
import { vdxpError } from '../errors.js';
import { QCVN_NS } from './edxml-model.js';
import { isStatusHeader } from './edxml-names.js';
import { enterScope, rootScope, scanTags, ScanError, splitQName, type NsScope, type StartTag } from './xml-scan.js';
import { escapeText, isXmlSpace } from './xml-text.js';

interface Open {
  local: string;
  qcvn: boolean;
  prefix: string;
  /** Namespace scope inside the element (its own declarations included). */
  inner: NsScope;
  tag: StartTag;
  /** Path of QCVN local names from the root, e.g. `edXML/edXMLEnvelope/edXMLHeader`. */
  path: string;
}

interface Landmarks {
  header?: Open;
  headerChildren: Set<string>;
  headerIsStatusElement: boolean;
  messageHeader?: Open;
  messageHeaderEnd?: number;
  traceList?: Open;
  lastTrace?: { open: Open; end: number };
}

const HEADER_PATH = 'edXML/edXMLEnvelope/edXMLHeader';

/**
 * Inserts `<TraceHeader>{organId, timestamp}</TraceHeader>` after the last TraceHeader of TraceHeaderList
 * (before Bussiness), or a new TraceHeaderList right after MessageHeader when there is none. Uses the
 * prefix the package itself uses there for QCVN elements. Status packages are returned unchanged.
 * `xml` should be the text parseEdxml returned (already accepted, repairs applied).
 */
export function appendTraceHeader(xml: string, trace: { organId: string; timestamp: string }): string {
  const marks = locate(xml);
  const mh = marks.messageHeader;
  if (!mh || marks.messageHeaderEnd === undefined || !marks.header) {
    throw vdxpError('VDXP_EDXML_MISSING_HEADER', 'edXMLEnvelope/edXMLHeader/MessageHeader is missing; no place for a TraceHeader (§1.3).', {
      field: 'edXMLHeader/MessageHeader',
      rule: 'edXMLEnvelope/edXMLHeader/MessageHeader required',
    });
  }
  if (marks.headerIsStatusElement || isStatusHeader(marks.headerChildren)) return xml;

  const list = marks.traceList;
  if (list) {
    const p = pickPrefix(list.inner, marks.lastTrace?.open.prefix, list.prefix);
    if (marks.lastTrace) {
      const at = marks.lastTrace.end;
      return splice(xml, at, leadingSpace(xml, marks.lastTrace.open.tag.start) + traceHeader(p, trace));
    }
    const indent = childIndent(leadingSpace(xml, list.tag.start));
    if (list.tag.selfClosing) {
      // <TraceHeaderList/> must become open + close: the only case where an existing byte ("/") changes.
      const open = xml.slice(list.tag.start, list.tag.end - 2) + '>';
      const closeIndent = leadingSpace(xml, list.tag.start);
      const replacement = `${open}${indent}${traceHeader(p, trace)}${closeIndent}</${list.tag.name}>`;
      return xml.slice(0, list.tag.start) + replacement + xml.slice(list.tag.end);
    }
    return splice(xml, list.tag.end, indent + traceHeader(p, trace));
  }

  const p = pickPrefix(marks.header.inner, mh.prefix, marks.header.prefix);
  const q = (n: string) => (p ? `${p}:${n}` : n);
  return splice(xml, marks.messageHeaderEnd, `${leadingSpace(xml, mh.tag.start)}<${q('TraceHeaderList')}>${traceHeader(p, trace)}</${q('TraceHeaderList')}>`);
}

function splice(xml: string, at: number, text: string): string {
  return xml.slice(0, at) + text + xml.slice(at);
}

function traceHeader(p: string, t: { organId: string; timestamp: string }): string {
  const q = (n: string) => (p ? `${p}:${n}` : n);
  return (
    `<${q('TraceHeader')}><${q('OrganId')}>${escapeText(t.organId, 'OrganId')}</${q('OrganId')}>` +
    `<${q('Timestamp')}>${escapeText(t.timestamp, 'Timestamp')}</${q('Timestamp')}></${q('TraceHeader')}>`
  );
}

/** The whitespace run just before `offset` (the indentation of the tag starting there), or ''. */
function leadingSpace(xml: string, offset: number): string {
  let k = offset;
  while (k > 0 && isXmlSpace(xml.charCodeAt(k - 1))) k--;
  return xml.slice(k, offset);
}

function childIndent(parentIndent: string): string {
  return /[\r\n]/.test(parentIndent) ? `${parentIndent}  ` : parentIndent;
}

/** The first candidate prefix that is bound to the QCVN namespace at the insertion point. */
function pickPrefix(scope: NsScope, ...candidates: Array<string | undefined>): string {
  for (const c of candidates) if (c !== undefined && scope[c] === QCVN_NS) return c;
  // Unreachable for located elements (their own prefix resolves to QCVN); kept as a safe default.
  return candidates.find((c) => c !== undefined) ?? '';
}

/** One pass over the tags of the header; stops at the end of edXMLHeader (the body can be megabytes). */
function locate(xml: string): Landmarks {
  const marks: Landmarks = { headerChildren: new Set(), headerIsStatusElement: false };
  const stack: Open[] = [];
  try {
    for (const tag of scanTags(xml)) {
      if (tag.kind === 'end') {
        const open = stack.pop();
        if (!open) break;
        closeLandmark(marks, open, tag.end);
        if (open === marks.header) break;
        continue;
      }
      const parent = stack[stack.length - 1];
      const outer = parent?.inner ?? rootScope();
      const inner = enterScope(outer, tag);
      const { prefix, local } = splitQName(tag.name);
      // An element's own xmlns declarations apply to its name, hence `inner`.
      const qcvn = inner[prefix] === QCVN_NS;
      const step = qcvn ? local : '*';
      const open: Open = { local, qcvn, prefix, inner, tag, path: parent ? `${parent.path}/${step}` : step };
      noteLandmark(marks, open, parent);
      if (tag.selfClosing) closeLandmark(marks, open, tag.end);
      else stack.push(open);
    }
  } catch (e) {
    if (e instanceof ScanError) {
      throw vdxpError('VDXP_XML_MALFORMED', `The package is not well-formed XML: ${e.message}.`, { field: 'document', rule: 'well-formed XML' });
    }
    throw e;
  }
  return marks;
}

function closeLandmark(marks: Landmarks, open: Open, end: number): void {
  if (open === marks.messageHeader) marks.messageHeaderEnd = end;
  if (marks.lastTrace && open === marks.lastTrace.open) marks.lastTrace.end = end;
}

function noteLandmark(marks: Landmarks, open: Open, parent: Open | undefined): void {
  if (!open.qcvn || !parent) return;
  if (open.path === HEADER_PATH && !marks.header) marks.header = open;
  else if (parent === marks.header) {
    if ((open.local === 'MessageHeader' || open.local === 'Status') && !marks.messageHeader) {
      marks.messageHeader = open;
      marks.headerIsStatusElement = open.local === 'Status';
    } else if (open.local === 'TraceHeaderList' && !marks.traceList) {
      marks.traceList = open;
    }
  } else if (parent === marks.messageHeader) {
    marks.headerChildren.add(open.local);
  } else if (parent === marks.traceList && open.local === 'TraceHeader') {
    marks.lastTrace = { open, end: open.tag.end };
  }
}
