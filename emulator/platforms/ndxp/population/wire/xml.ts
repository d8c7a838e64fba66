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
  const hasDoctype = doc ? hasDoctypeNode(doc) : /doctype/i.test(first ?? '');
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
