import { describe, expect, it } from 'vitest';
import { LEVEL1, levelOf, toQd20 } from './agencies.js';
import * as vdxpSeed from '../../platforms/vdxp/seed.js';

describe('agency directory', () => {
  it('keeps the sourced level-1 codes', () => {
    const codes = new Map(LEVEL1);
    expect(codes.get('G22')).toBe('Văn phòng Chính phủ');
    expect(codes.get('H41')).toBe('UBND tỉnh Nghệ An');
    expect(new Set(LEVEL1.map(([c]) => c)).size).toBe(LEVEL1.length);
    for (const [c] of LEVEL1) expect(c).toMatch(/^[A-Z]\d{2}$/);
  });

  it('converts QCVN 102 codes to the QĐ 20/2020 form and tells their level', () => {
    expect(toQd20('000.00.00.H41')).toBe('H41');
    expect(toQd20('000.00.01.H41')).toBe('H41.01');
    expect(toQd20('000.03.01.H41')).toBe('H41.01.03');
    expect(toQd20('vpcp.w00')).toBeNull();
    expect([levelOf('000.00.00.G22'), levelOf('000.00.05.G22'), levelOf('000.02.05.G22'), levelOf('001.02.05.G22'), levelOf('x')]).toEqual([1, 2, 3, 4, 2]);
  });

  it('is what platforms/vdxp/seed.ts re-exports', () => {
    expect(vdxpSeed.LEVEL1).toBe(LEVEL1);
    expect(vdxpSeed.toQd20).toBe(toQd20);
    expect(vdxpSeed.levelOf).toBe(levelOf);
  });
});
