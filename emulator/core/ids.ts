import { randomBytes } from 'node:crypto';

/** Source of identifiers; injectable so tests (and capture replays) can pin them. */
export interface IdSource {
  /** A 24-hex id in the MongoDB ObjectId shape the real axis returns as DocId (specs/vdxp.md §3.3). */
  objectId(now: Date): string;
}

export function randomIds(): IdSource {
  const machine = randomBytes(5);
  let counter = randomBytes(3).readUIntBE(0, 3);
  return {
    objectId(now) {
      const buf = Buffer.alloc(12);
      buf.writeUInt32BE(Math.floor(now.getTime() / 1000) >>> 0, 0);
      machine.copy(buf, 4);
      counter = (counter + 1) & 0xffffff;
      buf.writeUIntBE(counter, 9, 3);
      return buf.toString('hex');
    },
  };
}

/** Hands out the given ids first (e.g. the DocIds of a captured run), then falls back to random ones. */
export function scriptedIds(ids: string[], fallback: IdSource = randomIds()): IdSource {
  const queue = [...ids];
  return { objectId: (now) => queue.shift() ?? fallback.objectId(now) };
}
