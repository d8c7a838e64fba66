/**
 * Text-level handling of an incoming package before any XML parser sees it (specs/vdxp.md §1.1, §5 check 1):
 * UTF-8 decoding, the prolog (junk bytes, XML declaration, DOCTYPE refusal) and XML escaping for the builders.
 */
import { isUtf8 } from 'node:buffer';
import { vdxpError } from '../errors.js';

/** Decodes the body as UTF-8, refusing anything else. A UTF-8 BOM is dropped (it is legal, §1.1). */
export function decodeUtf8(input: Buffer | string): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if ((input[0] === 0xfe && input[1] === 0xff) || (input[0] === 0xff && input[1] === 0xfe)) {
    throw vdxpError('VDXP_XML_NOT_UTF8', 'The package starts with a UTF-16 byte order mark; edXML must be UTF-8 (QCVN 102, §1.1).', {
      field: 'encoding',
      rule: 'UTF-8 only',
    });
  }
  const start = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const body = start ? input.subarray(start) : input;
  // isUtf8 is native and fast; the byte-level scan below runs only to name the offending byte.
  if (!isUtf8(body)) {
    const at = firstInvalidUtf8(body);
    const byte = body[at] ?? 0;
    throw vdxpError(
      'VDXP_XML_NOT_UTF8',
      `The package is not valid UTF-8: byte 0x${byte.toString(16).padStart(2, '0')} at offset ${at + start} (edXML must be UTF-8, §1.1).`,
      { field: 'encoding', rule: 'UTF-8 only', offset: at + start },
    );
  }
  return body.toString('utf8');
}

/** Offset of the first byte that breaks UTF-8 (failure path only). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}

export interface Prolog {
  /** The text to parse: the input minus anything before the first markup that XML does not allow there. */
  text: string;
  /** What was stripped (empty when nothing was). */
  junk: string;
  /** Offset in `text` of the root element's `<`. */
  rootStart: number;
}

const MARKUP_DECL = /^<!\s*[A-Za-z]/;

/**
 * Inspects the prolog without a parser: a DOCTYPE (XXE, billion laughs) is refused before the text reaches
 * xmldom, an encoding declaration other than UTF-8 is refused, and bytes before the first markup are
 * reported so the caller can strip them (the official edoc_new.edxml starts with `1212<?xml`).
 */
export function inspectProlog(text: string): Prolog {
  const lt = text.indexOf('<');
  if (lt < 0) {
    throw vdxpError('VDXP_XML_MALFORMED', 'The package contains no XML markup at all (not well-formed XML, §5 check 1).', {
      field: 'document',
      rule: 'well-formed XML',
    });
  }
  let junk = text.slice(0, lt);
  const isDecl = /^<\?xml[\s?]/.test(text.slice(lt, lt + 6));
  // Whitespace before the root is legal XML, but not before an XML declaration (which must come first).
  if (junk && !isDecl && /^\s*$/.test(junk)) junk = '';
  const body = junk ? text.slice(lt) : text;
  let pos = junk ? 0 : lt;

  if (isDecl) {
    const end = body.indexOf('?>', pos);
    if (end < 0) {
      throw vdxpError('VDXP_XML_MALFORMED', 'The XML declaration is not closed with "?>" (not well-formed XML).', {
        field: 'XML declaration',
        rule: 'well-formed XML',
      });
    }
    const decl = body.slice(pos, end);
    const enc = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl)?.[2];
    // UTF8 without the hyphen is what Java and .NET also accept as an alias.
    if (enc !== undefined && !/^utf-?8$/i.test(enc)) {
      throw vdxpError('VDXP_XML_NOT_UTF8', `The XML declaration says encoding="${enc}"; edXML packages must be UTF-8 (§1.1).`, {
        field: 'XML declaration/encoding',
        rule: 'UTF-8 only',
      });
    }
    pos = end + 2;
  }

  // Walk the rest of the prolog: whitespace, comments and processing instructions, until the root tag.
  for (;;) {
    while (pos < body.length && isXmlSpace(body.charCodeAt(pos))) pos++;
    if (body.startsWith('<!--', pos)) {
      const end = body.indexOf('-->', pos + 4);
      if (end < 0) break; // let the parser report the unclosed comment
      pos = end + 3;
    } else if (body.startsWith('<?', pos)) {
      const end = body.indexOf('?>', pos + 2);
      if (end < 0) break;
      pos = end + 2;
    } else if (MARKUP_DECL.test(body.slice(pos, pos + 12))) {
      const what = /^<!\s*([A-Za-z]+)/.exec(body.slice(pos, pos + 20))?.[1] ?? 'DOCTYPE';
      throw vdxpError(
        'VDXP_XML_DTD_FORBIDDEN',
        `The package has a <!${what}> declaration; edXML never carries a DTD and entity declarations are refused (XXE, entity expansion).`,
        { field: 'DOCTYPE', rule: 'no DTD' },
      );
    } else {
      break;
    }
  }
  return { text: body, junk, rootStart: pos };
}

/**
 * XML 1.0 §2.2: NUL, the other C0 controls and U+FFFE/U+FFFF are not characters of a document, raw or as a
 * character reference. xmldom lets them through, a Java recipient's parser does not: refused here, so the
 * axis never stores and relays a package its recipients cannot read.
 */
export function checkXmlCharacters(text: string): void {
  const raw = FORBIDDEN_CHARS.exec(text);
  if (raw) {
    const cp = raw[0].charCodeAt(0);
    throw badCharacter(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, raw.index, text);
  }
  if (!text.includes('&#')) return;
  const refs = /&#(?:x([0-9a-fA-F]+)|([0-9]+));/g;
  for (let m = refs.exec(text); m; m = refs.exec(text)) {
    const digits = m[1] ?? m[2]!;
    // Past 7 digits no number is a character; parse only what fits.
    const cp = digits.length > 7 ? Infinity : parseInt(digits, m[1] !== undefined ? 16 : 10);
    if (!isXmlChar(cp)) throw badCharacter(`the character reference ${m[0].length > 24 ? `${m[0].slice(0, 24)}…` : m[0]}`, m.index, text);
  }
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function badCharacter(what: string, offset: number, text: string) {
  const line = text.slice(0, offset).split('\n').length;
  return vdxpError('VDXP_XML_BAD_CHARACTER', `The package holds ${what} at line ${line}, which XML 1.0 does not allow in a document (§2.2 Char); edXML recipients cannot parse it.`, {
    field: 'document',
    rule: 'XML 1.0 characters only',
    line,
  });
}

export function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

// Characters XML 1.0 cannot carry at all (C0 controls except tab, LF, CR; U+FFFE/U+FFFF).
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// Characters a parser would normalise away (CR, and the XML 1.1 line ends xmldom also folds), written as
// character references so a value survives a round trip unchanged.
const TEXT_ESCAPES = /[&<>\r\u0085\u2028\u2029]/g;
const ATTR_ESCAPES = /[&<>"\r\n\t\u0085\u2028\u2029]/g;

function escapeChar(c: string): string {
  switch (c) {
    case '&': return '&amp;';
    case '<': return '&lt;';
    case '>': return '&gt;';
    case '"': return '&quot;';
    default: return `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`;
  }
}

function checkWritable(value: string, what: string): void {
  if (FORBIDDEN_CHARS.test(value)) {
    throw new TypeError(`${what} contains a control character that XML 1.0 cannot represent`);
  }
}

export function escapeText(value: string, what = 'text'): string {
  checkWritable(value, what);
  return value.replace(TEXT_ESCAPES, escapeChar);
}

export function escapeAttr(value: string, what = 'attribute'): string {
  checkWritable(value, what);
  return value.replace(ATTR_ESCAPES, escapeChar);
}

/** Decodes the predefined entities and character references of an attribute value read by the scanner. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    switch (e) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: {
        const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
    }
  });
}
