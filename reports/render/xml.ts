/**
 * XML 1.0 escaping for the JUnit rendering. Text and attribute values are escaped separately: attributes
 * also keep their newlines and tabs (as character references, which attribute normalisation leaves alone),
 * and characters XML 1.0 cannot carry at all are shown as `\uXXXX` first (see showControls).
 */
import { showControls } from './text.js';

export const xmlText = (s: string): string =>
  showControls(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

export const xmlAttr = (s: string | number): string =>
  showControls(String(s))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');

/** `<name a="…" b="…">` with the attributes in the given order; undefined values are left out. */
export function xmlOpen(name: string, attrs: Record<string, string | number | undefined>, selfClose = false): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(v as string | number)}"`)
    .join('');
  return `<${name}${a}${selfClose ? '/>' : '>'}`;
}
