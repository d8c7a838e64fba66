/**
 * The snapshot file (docs/snapshot.md): gzip'd JSON lines, one object or array per line.
 *
 *   line 1      header  {"format":"lienthong-snapshot","version":1,…,"tables":{"events":{"columns":[…],"rows":2}}}
 *   then, per table:
 *               section {"table":"events"}
 *               rows    [1,"2026-11-24T03:00:00.000Z",…]   (values in the header's column order)
 *   last line   end     {"end":true,"tables":27,"rows":1234,"sha256":"<hex of every byte before this line>"}
 *
 * Plain JSON lines (not gzip'd) are read too. Values are JSON scalars; what JSON cannot carry is tagged:
 * binary `{"$b64":"…"}`, a 64-bit integer `{"$int":"…"}`, a date `{"$date":"…"}`, a JSON column value
 * `{"$json":…}`.
 */
import { createGunzip } from 'node:zlib';
import { pipeline, Readable } from 'node:stream';
import { coreError } from '../errors.js';

export const SNAPSHOT_FORMAT = 'lienthong-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotTable {
  columns: string[];
  rows: number;
}

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  emulatorVersion: string;
  /** Real time the snapshot was taken. */
  takenAt: string;
  /** Store kind it was taken from (informative: the format is the same for every backend). */
  store: string;
  /** The emulator clock at that moment; a virtual clock is set back to `now` on restore. */
  clock: { mode: 'real' | 'virtual'; now: string };
  /** The synthetic world the rows refer to (citizens, enterprises): derived from these, never stored. */
  world: { seed: number; population: number; enterprises: number };
  /** Every table in the order its rows follow (referenced tables first), with its columns and row count. */
  tables: Record<string, SnapshotTable>;
}

export interface SnapshotEnd {
  end: true;
  tables: number;
  rows: number;
  sha256: string;
}

export type Cell = string | number | boolean | null | { $b64: string } | { $int: string } | { $date: string } | { $json: unknown };

/** A stored value as a JSON cell. */
export function encodeCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return { $int: v.toString() };
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { $b64: Buffer.from(v).toString('base64') };
  if (v instanceof Date) return { $date: v.toISOString() };
  return { $json: v };
}

/** A JSON cell back to a value for the query builder; a string saying what is wrong otherwise. */
export function decodeCell(c: unknown): { value: unknown } | { problem: string } {
  if (c === null || typeof c === 'string' || typeof c === 'number' || typeof c === 'boolean') return { value: c };
  if (typeof c !== 'object' || Array.isArray(c)) return { problem: `a value of type ${Array.isArray(c) ? 'array' : typeof c}` };
  const keys = Object.keys(c);
  const o = c as Record<string, unknown>;
  if (keys.length === 1) {
    if (typeof o.$b64 === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(o.$b64)) return { value: Buffer.from(o.$b64, 'base64') };
    if (typeof o.$int === 'string' && /^-?\d+$/.test(o.$int)) return { value: BigInt(o.$int) };
    if (typeof o.$date === 'string' && !Number.isNaN(Date.parse(o.$date))) return { value: new Date(o.$date) };
    if ('$json' in o) return { value: JSON.stringify(o.$json) };
  }
  return { problem: `an object ${JSON.stringify(c).slice(0, 60)} (tagged values are {"$b64"}, {"$int"}, {"$date"} or {"$json"})` };
}

/**
 * The decompressed bytes of a snapshot, whether gzip'd or plain: gzip is recognised by its magic bytes.
 * A damaged or cut gzip stream surfaces as SNAPSHOT_CORRUPT / SNAPSHOT_TRUNCATED while reading.
 */
export async function* snapshotBytes(source: Buffer | AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const it = (Buffer.isBuffer(source) ? Readable.from([source]) : source)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = Buffer.from(first.value);
  const rest = async function* () {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield Buffer.from(r.value);
  };
  if (!(head[0] === 0x1f && head[1] === 0x8b)) {
    yield* rest();
    return;
  }
  const gunzip = pipeline(Readable.from(rest()), createGunzip(), () => undefined);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e.message)) {
      throw coreError('SNAPSHOT_TRUNCATED', 'the snapshot\'s gzip stream ends early: the file is incomplete (a partial download or copy?)', { field: 'body', rule: 'complete gzip stream' });
    }
    if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
      throw coreError('SNAPSHOT_CORRUPT', `the snapshot's gzip stream is damaged (${e.message})`, { field: 'body', rule: 'valid gzip' });
    }
    throw err;
  }
}

/** Splits bytes into lines (without the `\n`), refusing one longer than `maxLineBytes` (memory stays bounded). */
export async function* lines(bytes: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  for await (const chunk of bytes) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, nl);
      lineNo += 1;
      if (pendingBytes + piece.length > maxLineBytes) throw lineTooLong(lineNo, maxLineBytes);
      yield pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLineBytes) throw lineTooLong(lineNo + 1, maxLineBytes);
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}

function lineTooLong(lineNo: number, max: number) {
  return coreError('SNAPSHOT_CORRUPT', `line ${lineNo} of the snapshot is longer than ${max} bytes`, { field: `line ${lineNo}`, rule: `at most ${max} bytes per line` });
}
