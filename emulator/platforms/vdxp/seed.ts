import { Faker, base, en, vi } from '@faker-js/faker';
import { LEVEL1, MINISTRY_UNITS, PROVINCE_UNITS } from '../../core/world/agencies.js';

// The country-wide directory facts live in core/world/agencies.ts; re-exported so importers of this module are unchanged.
export { LEVEL1, levelOf, toQd20 } from '../../core/world/agencies.js';

/** A directory entry before it is stored. */
export interface SeedAgency {
  code: string;
  name: string;
  pcode: string | null;
  mail: string;
  level: number;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * Deterministic directory: the real level-1 codes plus faker-made level-2 units (and a few communes,
 * level 3, under provinces). The same seed always gives the same directory.
 */
export function seedDirectory(seed: number): SeedAgency[] {
  const faker = new Faker({ locale: [vi, en, base], seed });
  const out: SeedAgency[] = [];
  for (const [x, name] of LEVEL1) {
    const root = `000.00.00.${x}`;
    const short = slug(name.replace(/^(Bộ|UBND|HĐND)\s+(tỉnh|Thành phố)?/i, '')).slice(0, 16) || x.toLowerCase();
    out.push({ code: root, name, pcode: null, mail: `vanthu@${short}.gov.vn`, level: 1 });
    const isProvince = x.startsWith('H');
    const pool = isProvince ? PROVINCE_UNITS : x.startsWith('G') ? MINISTRY_UNITS : ['Văn phòng'];
    const count = faker.number.int({ min: Math.min(3, pool.length), max: pool.length });
    const units = faker.helpers.arrayElements(pool, count);
    units.forEach((unit, i) => {
      const code = `000.00.${String(i + 1).padStart(2, '0')}.${x}`;
      out.push({ code, name: `${unit}${isProvince ? ` ${name.replace(/^UBND\s+/, '')}` : ''}`, pcode: root, mail: `vanthu.${slug(unit)}@${short}.gov.vn`, level: 2 });
    });
    if (isProvince) {
      // Communes (UBND xã/phường) are level 3 under the province's Văn phòng (code 01) slot in QCVN 102 terms.
      const communes = faker.helpers.uniqueArray(() => faker.location.city(), 3);
      communes.forEach((commune, i) => {
        const code = `000.${String(i + 1).padStart(2, '0')}.01.${x}`;
        out.push({ code, name: `UBND xã ${commune}`, pcode: `000.00.01.${x}`, mail: `ubnd.${slug(commune)}@${short}.gov.vn`, level: 3 });
      });
    }
  }
  return out;
}
