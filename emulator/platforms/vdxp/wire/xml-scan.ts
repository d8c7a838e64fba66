/**
 * A minimal, offset-exact tag scanner. xmldom gives positions only for start tags and only after line-end
 * normalisation, so two jobs that must touch the original text byte for byte use this instead:
 * finding prefixes that are used out of scope (the lenient repair of specs/vdxp.md §1.1 samples) and
 * locating where to splice a TraceHeader (§1.3). Comments, CDATA and processing instructions are skipped
 * whole, and `>` inside quoted attribute values is honoured, so neither can fool it. It does not check
 * well-formedness: callers run it on text xmldom has accepted, or on the repair path before a re-parse.
 */
import { decodeEntities, isXmlSpace } from './xml-text.js';

export interface StartTag {
  kind: 'start';
  /** Qualified name as written. */
  name: string;
  /** Offset of `<`. */
  start: number;
  /** Offset just after `>`. */
  end: number;
  selfClosing: boolean;
  /** Attributes as written; values are entity-decoded. */
  attrs: Array<{ name: string; value: string }>;
}

export interface EndTag {
  kind: 'end';
  name: string;
  start: number;
  end: number;
}

export type Tag = StartTag | EndTag;

/** Thrown when the text is not scannable (the caller falls back to the parser's verdict). */
export class ScanError extends Error {}

export function* scanTags(text: string, from = 0): Generator<Tag> {
  let i = from;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return;
    const c = text.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) i = skipPast(text, '-->', lt + 4);
      else if (text.startsWith('<![CDATA[', lt)) i = skipPast(text, ']]>', lt + 9);
      else throw new ScanError(`markup declaration at offset ${lt}`);
    } else if (c === 0x3f /* ? */) {
      i = skipPast(text, '?>', lt + 2);
    } else if (c === 0x2f /* / */) {
      const gt = text.indexOf('>', lt + 2);
      if (gt < 0) throw new ScanError(`unclosed end tag at offset ${lt}`);
      yield { kind: 'end', name: text.slice(lt + 2, gt).trim(), start: lt, end: gt + 1 };
      i = gt + 1;
    } else {
      const tag = readStartTag(text, lt);
      yield tag;
      i = tag.end;
    }
  }
}

function skipPast(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from);
  if (at < 0) throw new ScanError(`missing ${terminator}`);
  return at + terminator.length;
}

function isNameEnd(c: number): boolean {
  return isXmlSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d || Number.isNaN(c);
}

function readStartTag(text: string, lt: number): StartTag {
  let p = lt + 1;
  while (!isNameEnd(text.charCodeAt(p))) p++;
  const name = text.slice(lt + 1, p);
  if (!name) throw new ScanError(`empty tag name at offset ${lt}`);
  const attrs: StartTag['attrs'] = [];
  for (;;) {
    while (isXmlSpace(text.charCodeAt(p))) p++;
    const c = text.charCodeAt(p);
    if (c === 0x3e) return { kind: 'start', name, start: lt, end: p + 1, selfClosing: false, attrs };
    if (c === 0x2f && text.charCodeAt(p + 1) === 0x3e) return { kind: 'start', name, start: lt, end: p + 2, selfClosing: true, attrs };
    const nameStart = p;
    while (!isNameEnd(text.charCodeAt(p))) p++;
    const attrName = text.slice(nameStart, p);
    while (isXmlSpace(text.charCodeAt(p))) p++;
    if (!attrName || text.charCodeAt(p) !== 0x3d) throw new ScanError(`bad attribute at offset ${nameStart}`);
    p++;
    while (isXmlSpace(text.charCodeAt(p))) p++;
    const q = text[p];
    if (q !== '"' && q !== "'") throw new ScanError(`unquoted attribute at offset ${p}`);
    const close = text.indexOf(q, p + 1);
    if (close < 0) throw new ScanError(`unclosed attribute at offset ${p}`);
    attrs.push({ name: attrName, value: decodeEntities(text.slice(p + 1, close)) });
    p = close + 1;
  }
}

/** Prefix → namespace URI; the default namespace is under `''`; inherits through the prototype chain. */
export type NsScope = Readonly<Record<string, string | undefined>>;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export function rootScope(): NsScope {
  const s = Object.create(null) as Record<string, string | undefined>;
  s.xml = XML_NS;
  s[''] = undefined;
  return s;
}

/** The scope inside an element: the parent's plus the element's own xmlns declarations. */
export function enterScope(parent: NsScope, tag: StartTag): NsScope {
  let scope: Record<string, string | undefined> | undefined;
  for (const a of tag.attrs) {
    let prefix: string;
    if (a.name === 'xmlns') prefix = '';
    else if (a.name.startsWith('xmlns:')) prefix = a.name.slice(6);
    else continue;
    scope ??= Object.create(parent) as Record<string, string | undefined>;
    scope[prefix] = a.value === '' ? undefined : a.value;
  }
  return scope ?? parent;
}

export function splitQName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':');
  return colon < 0 ? { prefix: '', local: qname } : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

export interface UnboundPrefix {
  prefix: string;
  /** A URI the document binds this prefix to elsewhere (out of scope of the use), if any. */
  declaredElsewhere?: string;
  /** Offset of the first start tag that uses it unbound. */
  firstUse: number;
}

/**
 * Prefixes used (on elements or attributes) where no declaration is in scope. Runs only after xmldom
 * failed with a NamespaceError, so the happy path never pays for it.
 */
export function findUnboundPrefixes(text: string, from: number): UnboundPrefix[] {
  const found = new Map<string, UnboundPrefix>();
  const declared = new Map<string, string>();
  const stack: NsScope[] = [rootScope()];
  try {
    for (const tag of scanTags(text, from)) {
      if (tag.kind === 'end') {
        if (stack.length > 1) stack.pop();
        continue;
      }
      const scope = enterScope(stack[stack.length - 1]!, tag);
      for (const a of tag.attrs) {
        if (a.name.startsWith('xmlns:') && a.value && !declared.has(a.name.slice(6))) declared.set(a.name.slice(6), a.value);
      }
      const names = [tag.name, ...tag.attrs.map((a) => a.name).filter((n) => n !== 'xmlns' && !n.startsWith('xmlns:'))];
      for (const n of names) {
        const { prefix } = splitQName(n);
        if (prefix && prefix !== 'xmlns' && scope[prefix] === undefined && !found.has(prefix)) {
          found.set(prefix, { prefix, firstUse: tag.start });
        }
      }
      if (!tag.selfClosing) stack.push(scope);
    }
  } catch (e) {
    // A syntax error further on: keep what was found; the re-parse reports the error itself.
    if (!(e instanceof ScanError)) throw e;
  }
  for (const u of found.values()) {
    const uri = declared.get(u.prefix);
    if (uri) u.declaredElsewhere = uri;
  }
  return [...found.values()];
}

/**
 * Offset of the first start tag nested deeper than `limit`, or -1. Runs before the parser so a nesting bomb
 * (100,000 levels fit in a few hundred kB) is refused without building its DOM; on text it cannot scan it
 * returns -1 and leaves the verdict to the parser.
 */
export function tooDeepAt(text: string, from: number, limit: number): number {
  let depth = 0;
  try {
    for (const tag of scanTags(text, from)) {
      if (tag.kind === 'end') depth--;
      else if (!tag.selfClosing && ++depth > limit) return tag.start;
    }
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
  }
  return -1;
}
