import { describe, expect, it } from 'vitest';
import { asciiUpper, permute, seed32, unpermute } from './internal.js';

describe('keyed permutation', () => {
  it('is a bijection on [0, n) and unpermute inverts it', () => {
    for (const n of [1, 2, 17, 999, 1000, 4096, 20_011]) {
      const seen = new Set<number>();
      const bad: number[] = [];
      for (let x = 0; x < n; x++) {
        const y = permute(x, n, 12345);
        if (!(y >= 0 && y < n) || unpermute(y, n, 12345) !== x) bad.push(x);
        seen.add(y);
      }
      expect(bad).toEqual([]);
      expect(seen.size).toBe(n);
    }
  });

  it('depends on the key and scrambles', () => {
    const a = Array.from({ length: 100 }, (_, x) => permute(x, 999_999, 1));
    const b = Array.from({ length: 100 }, (_, x) => permute(x, 999_999, 2));
    expect(a).not.toEqual(b);
    expect(a.filter((y, x) => y === x).length).toBeLessThan(3);
    expect(unpermute(permute(4_294_967_295, 2 ** 32, 7), 2 ** 32, 7)).toBe(4_294_967_295);
  });

  it('folds seeds beyond 32 bits without collisions on the low half', () => {
    expect(seed32(1)).not.toBe(seed32(2 ** 32 + 1));
    expect(seed32(-1)).not.toBe(seed32(2 ** 32 - 1));
  });

  it('folds Vietnamese to ASCII upper case', () => {
    expect(asciiUpper('Nguyễn Thị Đoan Trang')).toBe('NGUYEN THI DOAN TRANG');
    expect(asciiUpper('Phạm Ngọc Thạch')).toBe('PHAM NGOC THACH');
  });
});
