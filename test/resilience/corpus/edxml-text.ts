/**
 * Text surgery on edXML packages written by the emulator's builder (every element `edXML:`-prefixed): set,
 * remove or duplicate an element by local name. The corpus mutates valid packages with these, so each case
 * breaks exactly one thing.
 */
import { escapeText } from '../../../emulator/platforms/vdxp/wire/xml-text.js';

function locate(xml: string, name: string, nth = 0): { start: number; end: number } | undefined {
  const open = new RegExp(`<((?:[\\w.-]+:)?${name})(\\s[^>]*)?(/?)>`, 'g');
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = open.exec(xml))) {
    if (k++ < nth) continue;
    if (m[3] === '/') return { start: m.index, end: m.index + m[0].length };
    const qname = m[1]!;
    // Nested same-name elements do not occur in edXML except where the corpus puts them; the first close wins.
    const close = xml.indexOf(`</${qname}>`, m.index + m[0].length);
    if (close < 0) return undefined;
    return { start: m.index, end: close + qname.length + 3 };
  }
  return undefined;
}

export function hasElement(xml: string, name: string): boolean {
  return locate(xml, name) !== undefined;
}

/** The element's text replaced by `raw` (markup allowed: the caller escapes when it wants text). */
export function setContent(xml: string, name: string, raw: string, nth = 0): string {
  const at = locate(xml, name, nth);
  if (!at) throw new Error(`no <${name}> to set`);
  const el = xml.slice(at.start, at.end);
  const gt = el.indexOf('>');
  const qname = /^<([^\s/>]+)/.exec(el)![1]!;
  const openTag = el.endsWith('/>') ? `${el.slice(0, -2)}>` : el.slice(0, gt + 1);
  return xml.slice(0, at.start) + `${openTag}${raw}</${qname}>` + xml.slice(at.end);
}

export const setText = (xml: string, name: string, value: string, nth = 0) => setContent(xml, name, escapeText(value), nth);

export function removeElement(xml: string, name: string, nth = 0): string {
  const at = locate(xml, name, nth);
  if (!at) throw new Error(`no <${name}> to remove`);
  return xml.slice(0, at.start) + xml.slice(at.end);
}

/** Removes every element with this local name. */
export function removeAll(xml: string, name: string): string {
  let out = xml;
  while (locate(out, name)) out = removeElement(out, name);
  return out;
}

/** The element's full text (tags included). */
export function elementText(xml: string, name: string, nth = 0): string {
  const at = locate(xml, name, nth);
  if (!at) throw new Error(`no <${name}>`);
  return xml.slice(at.start, at.end);
}

/** Inserts `copy` right before (or after) the element. */
export function insertBeside(xml: string, name: string, copy: string, where: 'before' | 'after', nth = 0): string {
  const at = locate(xml, name, nth);
  if (!at) throw new Error(`no <${name}>`);
  const pos = where === 'before' ? at.start : at.end;
  return xml.slice(0, pos) + copy + xml.slice(pos);
}

/** Inserts `markup` as the first child of the element. */
export function insertInto(xml: string, name: string, markup: string): string {
  const at = locate(xml, name);
  if (!at) throw new Error(`no <${name}>`);
  const gt = xml.indexOf('>', at.start) + 1;
  return xml.slice(0, gt) + markup + xml.slice(gt);
}
