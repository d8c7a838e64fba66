/**
 * Finding the person a request names and checking the name and birth date it gives (decision 011): the ID
 * decides who; HoVaTen and NgayThangNamSinh must then agree, or the answer is "not found".
 */
import type { Citizen, World } from '../../../core/world/index.js';
import { citizenByCmnd, citizenById } from '../../../core/world/index.js';
import type { BirthDate, PersonKey } from './request.js';

/** "Đào  văn Tài" → "DAO VAN TAI": upper case, diacritics removed, Đ → D, spaces collapsed. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function findCitizen(world: World, key: PersonKey): Citizen | null {
  if (key.SoDinhDanh !== undefined) {
    const c = citizenById(world, key.SoDinhDanh);
    // Both numbers given: they must belong to the same person.
    if (c && key.SoCMND !== undefined && c.SoCMND !== key.SoCMND) return null;
    return c;
  }
  return key.SoCMND !== undefined ? citizenByCmnd(world, key.SoCMND) : null;
}

export type Match = { ok: true; citizen: Citizen } | { ok: false; reason: 'not-found' | 'name' | 'birth-date'; citizen: Citizen | null };

/** Who the request names, and whether the name and birth date it gives (when it gives them) agree. */
export function matchPerson(world: World, key: PersonKey, name: string | undefined, birth: BirthDate | undefined): Match {
  const c = findCitizen(world, key);
  if (!c) return { ok: false, reason: 'not-found', citizen: null };
  if (name !== undefined && foldName(name) !== foldName(c.HoVaTen)) return { ok: false, reason: 'name', citizen: c };
  if (birth !== undefined) {
    const same = birth.date !== undefined ? birth.date === c.NgayThangNamSinh : birth.year === Number(c.NgayThangNamSinh.slice(0, 4));
    if (!same) return { ok: false, reason: 'birth-date', citizen: c };
  }
  return { ok: true, citizen: c };
}
