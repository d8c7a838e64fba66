/**
 * The country's agency directory as far as it is known for certain: level-1 codes (ministries `G…`,
 * provinces `H…`) and the grammar of agency codes (QCVN 102:2016 and Decision 20/2020/QĐ-TTg). Shared by
 * VDXP (its directory, platforms/vdxp/seed.ts) and the DVCQG/NDXP platforms, which use the same codes.
 */

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

/** Typical level-2 units under a ministry and under a provincial People's Committee (names only; codes are made up). */
export const MINISTRY_UNITS: readonly string[] = ['Văn phòng Bộ', 'Vụ Pháp chế', 'Vụ Tổ chức cán bộ', 'Vụ Kế hoạch - Tài chính', 'Thanh tra Bộ', 'Cục Chuyển đổi số'];
export const PROVINCE_UNITS: readonly string[] = ['Văn phòng UBND', 'Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Y tế', 'Sở Xây dựng', 'Sở Giáo dục và Đào tạo', 'Sở Khoa học và Công nghệ'];

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
