import { describe, expect, it } from 'vitest';
import { citizen, createWorld } from '../../../core/world/index.js';
import { F, LIST_WINDOW, listPage } from './lists.js';

describe('population lists over the chunked index', () => {
  const world = createWorld({ seed: 7, population: 5_000 });
  const women = (s: Int32Array, o: number) => s[o + F.sex] === 2;

  it('pages exactly as a brute-force scan of the world, whatever is already cached', () => {
    const all: number[] = [];
    for (let i = 0; i < world.population; i++) if (citizen(world, i).GioiTinh === 2) all.push(i);
    const size = 97;
    const pages = Math.ceil(all.length / size);
    // Far page first (cold), then every page in order (warm).
    expect(listPage(world, women, pages, size).indices).toEqual(all.slice((pages - 1) * size));
    for (let p = 1; p <= pages + 1; p++) {
      const page = listPage(world, women, p, size);
      expect(page.indices).toEqual(all.slice((p - 1) * size, p * size));
      expect(page.more).toBe(p < pages);
      expect(page.truncated).toBe(false);
    }
  });

  it('keeps the birth date, residence and codes of each citizen', () => {
    const c = citizen(world, 1234);
    const match = (s: Int32Array, o: number) =>
      s[o + F.birth] === Number(c.NgayThangNamSinh) && s[o + F.ward] === Number(c.ThuongTru.MaPhuongXa) && s[o + F.blood] === Number(c.NhomMau) && s[o + F.ethnic] === Number(c.DanToc);
    expect(listPage(world, match, 1, 100).indices).toContain(1234);
  });

  it('draws from the first LIST_WINDOW citizens of a larger world and says so', () => {
    const big = createWorld({ seed: 7, population: LIST_WINDOW + 10 });
    const page = listPage(big, () => true, 1, 3);
    expect(page).toEqual({ indices: [0, 1, 2], more: true, truncated: true });
  });
});
