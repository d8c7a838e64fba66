import { describe, expect, it } from 'vitest';
import { citizen, createWorld } from '../../../core/world/index.js';
import { foldName, matchPerson } from './identity.js';

describe('matching a person', () => {
  it('folds names to upper case without diacritics, Đ → D, spaces collapsed', () => {
    expect(foldName('  Đào  văn   Tài ')).toBe('DAO VAN TAI');
    expect(foldName('NGUYỄN THỊ HƯỜNG')).toBe('NGUYEN THI HUONG');
    expect(foldName('đỗ đức')).toBe('DO DUC');
  });

  it('finds by ID, then requires the name and the birth date (full date or year) to agree', () => {
    const world = createWorld({ seed: 3, population: 1_000 });
    const c = citizen(world, 17);
    const key = { SoDinhDanh: c.SoDinhDanh };
    const year = Number(c.NgayThangNamSinh.slice(0, 4));
    expect(matchPerson(world, key, c.HoVaTen.toLowerCase(), { date: c.NgayThangNamSinh, year }).ok).toBe(true);
    expect(matchPerson(world, key, c.HoVaTenKhongDau, { year }).ok).toBe(true);
    expect(matchPerson(world, key, 'NGUYEN VAN KHONG', { year })).toMatchObject({ ok: false, reason: 'name' });
    expect(matchPerson(world, key, c.HoVaTenKhongDau, { year: year + 1 })).toMatchObject({ ok: false, reason: 'birth-date' });
    expect(matchPerson(world, key, undefined, undefined).ok).toBe(true);
    expect(matchPerson(world, { SoDinhDanh: `${c.SoDinhDanh.slice(0, 6)}999999` }, undefined, undefined).ok).toBe(c.SoDinhDanh.endsWith('999999'));
  });
});
