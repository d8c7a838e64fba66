/**
 * The paged lists (CungCapDanhSachTheo…, §B2) over the shared world without scanning it on every call.
 *
 * Bound: a list is drawn from the first LIST_WINDOW citizens of the world (all of them in the default
 * 100 000-person world). Index: the fields a list can filter on are kept per citizen in compact chunks of
 * CHUNK citizens (8 integers each), built the first time a query reaches the chunk and kept for the process
 * (≈ 3 MB for 100 000 people). A query walks the chunks it needs until its page and one more match are
 * found, so a common filter touches one or two chunks and the worst case (a rare filter, a far page) builds
 * the whole window once (≈ 1 s for 100 000 people), after which every query is a scan of integer arrays.
 * The answer never depends on what is cached: only the time does.
 */
import type { World } from '../../../core/world/index.js';
import { citizen } from '../../../core/world/index.js';

export const LIST_WINDOW = 100_000;
const CHUNK = 2048;

/** Integer fields per citizen in a chunk. */
export const F = { province: 0, district: 1, ward: 2, birth: 3, sex: 4, blood: 5, ethnic: 6, religion: 7 } as const;
const STRIDE = 8;

export type Predicate = (s: Int32Array, o: number) => boolean;

interface WorldIndex {
  size: number;
  chunks: (Int32Array | undefined)[];
}

// Two worlds at most (a test suite switching seeds should not grow memory without end).
const indexes = new Map<string, WorldIndex>();

function indexOf(world: World): WorldIndex {
  const key = `${world.seed}:${world.population}`;
  let ix = indexes.get(key);
  if (!ix) {
    const size = Math.min(world.population, LIST_WINDOW);
    ix = { size, chunks: new Array<Int32Array | undefined>(Math.ceil(size / CHUNK)) };
    if (indexes.size >= 2) indexes.delete(indexes.keys().next().value as string);
    indexes.set(key, ix);
  }
  return ix;
}

function buildChunk(world: World, ix: WorldIndex, k: number): Int32Array {
  const start = k * CHUNK;
  const end = Math.min(start + CHUNK, ix.size);
  const s = new Int32Array((end - start) * STRIDE);
  for (let i = start; i < end; i++) {
    const c = citizen(world, i);
    const o = (i - start) * STRIDE;
    s[o + F.province] = Number(c.ThuongTru.MaTinhThanh);
    s[o + F.district] = Number(c.ThuongTru.MaQuanHuyen);
    s[o + F.ward] = Number(c.ThuongTru.MaPhuongXa);
    s[o + F.birth] = Number(c.NgayThangNamSinh);
    s[o + F.sex] = c.GioiTinh;
    s[o + F.blood] = Number(c.NhomMau);
    s[o + F.ethnic] = Number(c.DanToc);
    s[o + F.religion] = Number(c.TonGiao);
  }
  ix.chunks[k] = s;
  return s;
}

export interface Page {
  /** World indices of the citizens on the page, in index order. */
  indices: number[];
  /** Whether a further page has at least one citizen. */
  more: boolean;
  /** Whether the world is larger than the window the lists are drawn from. */
  truncated: boolean;
}

/** Page `page` (from 1) of `size` matches of `match`, in world order. */
export function listPage(world: World, match: Predicate, page: number, size: number): Page {
  const ix = indexOf(world);
  let skip = (page - 1) * size;
  const indices: number[] = [];
  for (let k = 0; k < ix.chunks.length; k++) {
    const s = ix.chunks[k] ?? buildChunk(world, ix, k);
    for (let o = 0; o < s.length; o += STRIDE) {
      if (!match(s, o)) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      if (indices.length === size) return { indices, more: true, truncated: world.population > ix.size };
      indices.push(k * CHUNK + o / STRIDE);
    }
  }
  return { indices, more: false, truncated: world.population > ix.size };
}
