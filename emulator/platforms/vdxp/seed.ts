import { Faker, base, en, vi } from '@faker-js/faker';

/** A directory entry before it is stored. */
export interface SeedAgency {
  code: string;
  name: string;
  pcode: string | null;
  mail: string;
  level: number;
}

/**
 * Level-1 bodies with codes verified in specs/vdxp.md §4 (QĐ 09/2025/QĐ-TTg for ministries; provinces seen in
 * official samples and public URLs). Provinces whose H-number is not verified are left out on purpose:
 * a wrong code would teach vendors the wrong directory.
 */
export const LEVEL1: ReadonlyArray<readonly [string, string]> = [
  ['G01', 'Bộ Công an'],
  ['G02', 'Bộ Công Thương'],
  ['G03', 'Bộ Giáo dục và Đào tạo'],
  ['G06', 'Bộ Khoa học và Công nghệ'],
  ['G08', 'Bộ Ngoại giao'],
  ['G09', 'Bộ Nội vụ'],
  ['G10', 'Bộ Nông nghiệp và Môi trường'],
  ['G11', 'Bộ Quốc phòng'],
  ['G12', 'Bộ Tài chính'],
  ['G15', 'Bộ Tư pháp'],
  ['G16', 'Bộ Văn hóa, Thể thao và Du lịch'],
  ['G17', 'Bộ Xây dựng'],
  ['G18', 'Bộ Y tế'],
  ['G19', 'Ngân hàng Nhà nước Việt Nam'],
  ['G20', 'Thanh tra Chính phủ'],
  ['G21', 'Bộ Dân tộc và Tôn giáo'],
  ['G22', 'Văn phòng Chính phủ'],
  ['G27', 'Đài Tiếng nói Việt Nam'],
  ['G28', 'Đài Truyền hình Việt Nam'],
  ['G30', 'Thông tấn xã Việt Nam'],
  ['G31', 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam'],
  ['G32', 'Viện Hàn lâm Khoa học xã hội Việt Nam'],
  // Provinces: only codes with a source in specs/vdxp.md §4 (H37 Lạng Sơn is only inferred there: left out).
  ['H14', 'UBND tỉnh Cao Bằng'], // official sample edoc_update.edxml
  ['H20', 'UBND tỉnh Đồng Tháp'], // OpenCPS (000.00.14.H20)
  ['H29', 'UBND Thành phố Hồ Chí Minh'], // dichvucong.hochiminhcity.gov.vn
  ['H41', 'UBND tỉnh Nghệ An'], // official SDK samples
  ['H44', 'UBND tỉnh Phú Thọ'], // C# client (000.46.24.H44)
  ['H49', 'UBND tỉnh Quảng Ninh'], // QĐ 3739/QĐ-UBND
  ['H54', 'UBND tỉnh Thái Bình'], // QĐ 3982/QĐ-UBND
  ['H57', 'UBND Thành phố Huế'], // QĐ 09/2025/QĐ-TTg
  ['K57', 'HĐND Thành phố Huế'], // QĐ 09/2025/QĐ-TTg
];

const MINISTRY_UNITS = ['Văn phòng Bộ', 'Vụ Pháp chế', 'Vụ Tổ chức cán bộ', 'Vụ Kế hoạch - Tài chính', 'Thanh tra Bộ', 'Cục Chuyển đổi số'];
const PROVINCE_UNITS = ['Văn phòng UBND', 'Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Y tế', 'Sở Xây dựng', 'Sở Giáo dục và Đào tạo', 'Sở Khoa học và Công nghệ'];

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

/**
 * QCVN 102 code (`V.Z.Y.MXX`, read right to left) → QĐ 20/2020 form (level 1 leftmost, dot-separated:
 * `000.00.01.H41` → `H41.01`). The grammar below level 1 is not public (specs/vdxp.md §4); this mapping
 * keeps the digits of each used level. Codes not in the QCVN 102 form have no QĐ 20 equivalent.
 */
export function toQd20(code102: string): string | null {
  const m = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/.exec(code102);
  if (!m) return null;
  const [, v, z, y, root] = m as unknown as [string, string, string, string, string];
  const parts = [root];
  if (y !== '00' || z !== '00' || v !== '000') parts.push(y);
  if (z !== '00' || v !== '000') parts.push(z);
  if (v !== '000') parts.push(v);
  return parts.join('.');
}

/** Level of a QCVN 102 code: 1 for `000.00.00.MXX`, up to 4; codes in other forms count as level 2. */
export function levelOf(code102: string): number {
  const m = /^(\d{3})\.(\d{2})\.(\d{2})\.[A-Z]\d{2}$/.exec(code102);
  if (!m) return 2;
  if (m[1] !== '000') return 4;
  if (m[2] !== '00') return 3;
  if (m[3] !== '00') return 2;
  return 1;
}
