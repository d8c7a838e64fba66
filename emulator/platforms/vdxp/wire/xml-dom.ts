/**
 * Runs xmldom (the only XML parser of the codec) and turns its reports into VDXP errors, plus the small
 * namespace-aware child lookups the edXML reader needs. Children are matched by namespace and local name,
 * never by prefix or position (specs/vdxp.md §1.1, §1.2 "don't enforce order").
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { vdxpError } from '../errors.js';
import { QCVN_NS } from './edxml-model.js';

export interface XmlFailure {
  message: string;
  line?: number;
  column?: number;
  /** xmldom refused a prefix with no namespace declaration in scope. */
  unboundPrefix: boolean;
  /** A DOCTYPE somewhere after the prolog (xmldom refuses it; we report it as a DTD). */
  doctype: boolean;
}

interface Locator {
  lineNumber?: number;
  columnNumber?: number;
}

/** Parses well-formed XML or describes why not. Only `error` and `fatalError` reports count. */
export function parseXml(text: string): { doc: Document } | { failure: XmlFailure } {
  let first: { message: string; locator?: Locator } | undefined;
  const parser = new DOMParser({
    onError(level, message, context: { locator?: Locator } | undefined) {
      if (level !== 'warning' && !first) first = { message, locator: context?.locator ? { ...context.locator } : undefined };
    },
  });
  try {
    const doc = parser.parseFromString(text, 'text/xml');
    if (!first) return { doc };
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'ParseError') throw e;
    const cause = (e as Error & { cause?: unknown }).cause;
    const nsError = cause instanceof Error && cause.name === 'NamespaceError';
    first ??= { message: e.message };
    return { failure: toFailure(first, nsError) };
  }
  return { failure: toFailure(first, false) };
}

function toFailure(f: { message: string; locator?: Locator }, nsError: boolean): XmlFailure {
  return {
    message: f.message,
    line: f.locator?.lineNumber || undefined,
    column: f.locator?.columnNumber || undefined,
    unboundPrefix: nsError && /prefix is non-null and namespace is null/.test(f.message),
    doctype: /doctype not allowed/i.test(f.message),
  };
}

/** The VDXP error for a parse failure: the parser's message, with line and column when known. */
export function malformed(f: XmlFailure) {
  const where = f.line ? ` (line ${f.line}${f.column ? `, column ${f.column}` : ''})` : '';
  if (f.doctype) {
    return vdxpError('VDXP_XML_DTD_FORBIDDEN', `The package has a DOCTYPE${where}; edXML never carries a DTD (XXE, entity expansion are refused).`, {
      field: 'DOCTYPE',
      rule: 'no DTD',
    });
  }
  return vdxpError('VDXP_XML_MALFORMED', `The package is not well-formed XML: ${f.message}${where}.`, {
    field: 'document',
    rule: 'well-formed XML',
    line: f.line,
    column: f.column,
  });
}

const ELEMENT_NODE = 1;

export function isElement(n: Node | null): n is Element {
  return n !== null && n.nodeType === ELEMENT_NODE;
}

/** Element children in `ns` (QCVN by default), optionally only those with one of `names`. */
export function children(el: Element | undefined, names?: readonly string[], ns: string | null = QCVN_NS): Element[] {
  const out: Element[] = [];
  if (!el) return out;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (isElement(n) && n.namespaceURI === ns && (!names || names.includes(n.localName ?? ''))) out.push(n);
  }
  return out;
}

/** The first QCVN child with one of `names` (name variants such as Bussiness/Business). */
export function child(el: Element | undefined, ...names: string[]): Element | undefined {
  if (!el) return undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (isElement(n) && n.namespaceURI === QCVN_NS && names.includes(n.localName ?? '')) return n;
  }
  return undefined;
}

/** Any element child with this local name, whatever its namespace (to tell "missing" from "wrong namespace"). */
export function childAnyNs(el: Element, localName: string): Element | undefined {
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (isElement(n) && n.localName === localName) return n;
  }
  return undefined;
}

/** Text of an element exactly as sent (no trimming: the model keeps wire values, §1 edxml-model.ts). */
export function text(el: Element | undefined): string | undefined {
  return el ? (el.textContent ?? '') : undefined;
}

export function childText(el: Element | undefined, ...names: string[]): string | undefined {
  return text(child(el, ...names));
}

/** Local names of the QCVN element children (for package-kind detection). */
export function childNames(el: Element): Set<string> {
  return new Set(children(el).map((c) => c.localName ?? ''));
}
