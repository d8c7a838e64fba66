/**
 * The XML of the population SOAP service: a safe parse (UTF-8 only, no DOCTYPE, no entities) over xmldom, and
 * a small escaping builder for the replies. Kept inside this folder on purpose: the VDXP codec has its own,
 * and platforms never import each other (DESIGN §2). [The lead may move a shared one to core.]
 */
import { isUtf8 } from 'node:buffer';
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { populationError } from '../errors.js';

const ELEMENT_NODE = 1;
const DOCUMENT_TYPE_NODE = 10;

/** Parses the request body or throws the Fault that says why not (001 malformed, 002 DTD). */
export function parseXml(body: Buffer): Document {
  if (body.length === 0) {
    throw populationError('NDXP_POP_XML_MALFORMED', 'The request body is empty; a SOAP 1.1 Envelope is expected.', { field: 'body', rule: 'well-formed XML' });
  }
  const start = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  const bytes = body.subarray(start);
  if (!isUtf8(bytes)) {
    throw populationError('NDXP_POP_XML_MALFORMED', 'The request body is not valid UTF-8; the SOAP request must be UTF-8.', { field: 'body', rule: 'UTF-8' });
  }
  const text = bytes.toString('utf8');
  checkCharacters(text);
  const deep = tooDeepAt(text, MAX_DEPTH);
  if (deep >= 0) {
    throw populationError('NDXP_POP_XML_TOO_DEEP', `Elements nest deeper than ${MAX_DEPTH} levels (line ${lineAt(text, deep)}); a SOAP request needs about 6, so it was refused before parsing.`, {
      field: 'body',
      rule: `nesting depth ≤ ${MAX_DEPTH}`,
    });
  }
  let first: string | undefined;
  let doc: Document | undefined;
  try {
    doc = new DOMParser({
      onError(level, message) {
        if (level !== 'warning' && first === undefined) first = message;
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'ParseError') throw e;
    first ??= e.message;
  }
  // A DOCTYPE is reported first whatever else is wrong: xmldom keeps it as a node (never expands its
  // entities), or refuses it after the root element.
  // A declaration xmldom could not place (lower-case doctype, a bare <!ENTITY) is still a DTD attempt.
  const hasDoctype = doc ? hasDoctypeNode(doc) : /doctype/i.test(first ?? '') || /<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i.test(text);
  if (hasDoctype) {
    throw populationError('NDXP_POP_XML_DTD_FORBIDDEN', 'The request has a DOCTYPE; a SOAP message must not carry a DTD (SOAP 1.1 §3), and entity declarations are refused.', {
      field: 'DOCTYPE',
      rule: 'no DTD',
    });
  }
  if (!doc || first !== undefined) {
    throw populationError('NDXP_POP_XML_MALFORMED', `The request body is not well-formed XML: ${clip(first ?? 'no document', 200)}.`, { field: 'body', rule: 'well-formed XML' });
  }
  return doc;
}

/** Deepest element nesting accepted (Envelope/Body/operation/NgayThangNamSinh/NgayThangNam is 5). */
export const MAX_DEPTH = 64;

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

// XML 1.0 §2.2 Char: xmldom accepts NUL, C0 controls and U+FFFE/U+FFFF, raw or as references; a document may not hold them.
const FORBIDDEN_RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function checkCharacters(text: string): void {
  const fail = (what: string, offset: number) =>
    populationError('NDXP_POP_XML_MALFORMED', `The request holds ${what} at line ${lineAt(text, offset)}, which XML 1.0 does not allow in a document (§2.2 Char).`, { field: 'body', rule: 'XML 1.0 characters only' });
  const raw = FORBIDDEN_RAW.exec(text);
  if (raw) throw fail(`U+${raw[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, raw.index);
  if (!text.includes('&#')) return;
  const refs = /&#(?:x([0-9a-fA-F]+)|([0-9]+));/g;
  for (let m = refs.exec(text); m; m = refs.exec(text)) {
    const digits = m[1] ?? m[2]!;
    const cp = digits.length > 7 ? Infinity : parseInt(digits, m[1] !== undefined ? 16 : 10);
    if (!isXmlChar(cp)) throw fail(`the character reference ${clip(m[0], 24)}`, m.index);
  }
}

/**
 * Offset of the first start tag nested deeper than `limit`, or -1: a quote-aware walk over the tags only, so a
 * nesting bomb is refused before xmldom builds it. Text it cannot follow is left to the parser's verdict.
 */
function tooDeepAt(text: string, limit: number): number {
  let depth = 0;
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    const next = text[i + 1];
    let end: number;
    if (text.startsWith('<!--', i)) end = text.indexOf('-->', i + 4) + 3;
    else if (text.startsWith('<![CDATA[', i)) end = text.indexOf(']]>', i + 9) + 3;
    else if (next === '?' || next === '!') end = text.indexOf('>', i + 2) + 1;
    else {
      let q = '';
      let p = i + 1;
      for (; p < text.length; p++) {
        const c = text[p];
        if (q) {
          if (c === q) q = '';
        } else if (c === '"' || c === "'") q = c;
        else if (c === '>') break;
      }
      if (p >= text.length) return -1;
      end = p + 1;
      if (next === '/') depth--;
      else if (text[p - 1] !== '/' && ++depth > limit) return i;
    }
    if (end <= i) return -1;
    i = text.indexOf('<', end);
  }
  return -1;
}

function hasDoctypeNode(doc: Document): boolean {
  for (let n: Node | null = doc.firstChild; n; n = n.nextSibling) if (n.nodeType === DOCUMENT_TYPE_NODE) return true;
  return false;
}

export function isElement(n: Node | null | undefined): n is Element {
  return !!n && n.nodeType === ELEMENT_NODE;
}

/** Element children, in document order. */
export function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (isElement(n)) out.push(n);
  return out;
}

/** First element child with this local name in `ns` (`undefined` = any namespace). */
export function childNamed(el: Element, localName: string, ns?: string | null): Element | undefined {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (isElement(n) && n.localName === localName && (ns === undefined || n.namespaceURI === ns)) return n;
  }
  return undefined;
}

/** Shortens a client value quoted in a message. */
export function clip(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

// ---------------------------------------------------------------------------------------------------------
// Builder

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string | undefined>>;
  readonly children: readonly XmlChild[];
}
export type XmlChild = XmlElement | string | null | undefined | false;

/** `el('ns1:Ten', {}, 'NGUYỄN VĂN A')`; attributes with an undefined value are left out. */
export function el(name: string, attrs: Record<string, string | undefined> = {}, ...children: XmlChild[]): XmlElement {
  return { name, attrs, children };
}

// Characters XML 1.0 cannot carry (C0 controls except tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) are replaced.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeText(s: string): string {
  return s.replace(FORBIDDEN, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** Serialises without indentation (clients compare text content, and whitespace would become content). */
export function serialize(node: XmlChild): string {
  if (node === null || node === undefined || node === false) return '';
  if (typeof node === 'string') return escapeText(node);
  let out = `<${node.name}`;
  for (const [k, v] of Object.entries(node.attrs)) if (v !== undefined) out += ` ${k}="${escapeAttr(v)}"`;
  const inner = node.children.map(serialize).join('');
  return inner === '' ? `${out}/>` : `${out}>${inner}</${node.name}>`;
}
