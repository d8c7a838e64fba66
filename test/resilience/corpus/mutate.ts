/**
 * Byte- and text-level mutations of valid samples, shared by the XML and JSON surfaces: truncation, invalid
 * UTF-8 (overlong forms, surrogates, stray continuation bytes), characters XML 1.0 forbids, byte-order marks.
 */
import type { Rng } from './rng.js';

/** Byte sequences that are not UTF-8, each named for the report. */
export const INVALID_UTF8: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['stray continuation byte', [0x80]],
  ['stray continuation 0xBF', [0xbf]],
  ['overlong "/" (C0 AF)', [0xc0, 0xaf]],
  ['overlong "?" (C1 BF)', [0xc1, 0xbf]],
  ['overlong 3-byte "/"', [0xe0, 0x80, 0xaf]],
  ['overlong 4-byte "/"', [0xf0, 0x80, 0x80, 0xaf]],
  ['overlong NUL (C0 80)', [0xc0, 0x80]],
  ['UTF-16 high surrogate', [0xed, 0xa0, 0x80]],
  ['UTF-16 low surrogate', [0xed, 0xbf, 0xbf]],
  ['code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ['F5 lead byte', [0xf5, 0x80, 0x80, 0x80]],
  ['FE byte', [0xfe]],
  ['FF byte', [0xff]],
  ['truncated 2-byte sequence', [0xc3]],
  ['truncated "ạ"', [0xe1, 0xba]],
  ['5-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['latin1 "ệ" guess', [0xea]],
];

/** Characters XML 1.0 §2.2 forbids in a document, raw (as UTF-8) or as character references. */
export const FORBIDDEN_XML: ReadonlyArray<readonly [string, string]> = [
  ['NUL', '\u0000'],
  ['SOH', '\u0001'],
  ['BEL', '\u0007'],
  ['backspace', '\u0008'],
  ['vertical tab', '\u000b'],
  ['form feed', '\u000c'],
  ['ESC', '\u001b'],
  ['U+FFFE', '\ufffe'],
  ['U+FFFF', '\uffff'],
  ['&#0;', '&#0;'],
  ['&#x1;', '&#x1;'],
  ['&#x1F;', '&#x1F;'],
  ['&#xFFFE;', '&#xFFFE;'],
  ['&#xD800;', '&#xD800;'],
  ['&#x110000;', '&#x110000;'],
  ['&#99999999999;', '&#99999999999;'],
];

export const BOMS: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['UTF-16LE BOM', [0xff, 0xfe]],
  ['UTF-16BE BOM', [0xfe, 0xff]],
  ['UTF-32LE BOM', [0xff, 0xfe, 0x00, 0x00]],
  ['UTF-32BE BOM', [0x00, 0x00, 0xfe, 0xff]],
];

export function insertAt(bytes: Buffer, at: number, insert: readonly number[] | Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert as number[]), bytes.subarray(at)]);
}

/** Offsets just after a start tag's `>` that is followed by text: places where a character is content. */
export function textOffsets(text: string): number[] {
  const out: number[] = [];
  const re = />([^<\s][^<]*)</g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + 1);
  return out;
}

/** A byte offset of a UTF-8 buffer at a character boundary, strictly inside `[min, max)`. */
export function boundaryIn(bytes: Buffer, rng: Rng, min: number, max: number): number {
  let at = rng.number.int({ min, max: Math.max(min, max - 1) });
  while (at > min && (bytes[at]! & 0xc0) === 0x80) at--;
  return at;
}

/** Encodes text as UTF-16 big-endian (Node has only the little-endian codec). */
export function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const t = le[i]!;
    le[i] = le[i + 1]!;
    le[i + 1] = t;
  }
  return le;
}

/** Text with every character above U+00FF replaced, then written as latin1 bytes (a Windows-1252 export). */
export function latin1Of(text: string): Buffer {
  return Buffer.from(text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x00-\xff]/g, '?').replace(/a/g, 'á'), 'latin1');
}
