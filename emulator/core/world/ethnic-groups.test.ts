import { describe, expect, it } from 'vitest';
import { ETHNIC_GROUPS, RELIGIONS, ethnicGroupByCode, religionByCode } from './ethnic-groups.js';

describe('ethnic groups', () => {
  it('lists the 54 groups with codes 01–54', () => {
    expect(ETHNIC_GROUPS).toHaveLength(54);
    expect(ETHNIC_GROUPS.map((g) => g.code)).toEqual(Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(new Set(ETHNIC_GROUPS.map((g) => g.name)).size).toBe(54);
    expect(ethnicGroupByCode('01')?.name).toBe('Kinh');
    expect(ethnicGroupByCode('04')?.name).toBe('Hoa');
    expect(ethnicGroupByCode('05')?.name).toBe('Khơ-me');
    expect(ethnicGroupByCode('54')?.name).toBe('Rơ-măm');
    expect(ethnicGroupByCode('55')).toBeUndefined();
    for (const g of ETHNIC_GROUPS) expect(g.weight).toBeGreaterThan(0);
  });
});

describe('religions', () => {
  it('has distinct 2-digit codes with 00 = none', () => {
    expect(new Set(RELIGIONS.map((r) => r.code)).size).toBe(RELIGIONS.length);
    for (const r of RELIGIONS) expect(r.code).toMatch(/^\d{2}$/);
    expect(religionByCode('00')?.name).toBe('Không');
    expect(religionByCode('02')?.name).toBe('Công giáo');
  });
});
