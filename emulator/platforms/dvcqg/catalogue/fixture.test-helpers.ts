/**
 * Test-only agency directory: real ministry names (as in the 2025 government structure [M]) and the 63
 * pre-2025 provinces (spec B3). The CODES are synthetic (`000.00.00.G9n` / `000.00.00.Pnn`), so that tests
 * never teach a wrong real code.
 */
export const TEST_MINISTRIES: ReadonlyArray<readonly [string, string]> = [
  ['G90', 'Bộ Công an'], ['G91', 'Bộ Công Thương'], ['G92', 'Bộ Giáo dục và Đào tạo'], ['G93', 'Bộ Khoa học và Công nghệ'],
  ['G94', 'Bộ Ngoại giao'], ['G95', 'Bộ Nội vụ'], ['G96', 'Bộ Nông nghiệp và Môi trường'], ['G97', 'Bộ Quốc phòng'],
  ['G98', 'Bộ Tài chính'], ['G99', 'Bộ Tư pháp'], ['G80', 'Bộ Văn hóa, Thể thao và Du lịch'], ['G81', 'Bộ Xây dựng'],
  ['G82', 'Bộ Y tế'], ['G83', 'Ngân hàng Nhà nước Việt Nam'], ['G84', 'Thanh tra Chính phủ'], ['G85', 'Bộ Dân tộc và Tôn giáo'],
  ['G86', 'Văn phòng Chính phủ'],
];

const PROVINCE_NAMES = [
  'Hà Nội', 'Hà Giang', 'Cao Bằng', 'Bắc Kạn', 'Tuyên Quang', 'Lào Cai', 'Điện Biên', 'Lai Châu', 'Sơn La', 'Yên Bái',
  'Hòa Bình', 'Thái Nguyên', 'Lạng Sơn', 'Quảng Ninh', 'Bắc Giang', 'Phú Thọ', 'Vĩnh Phúc', 'Bắc Ninh', 'Hải Dương', 'Hải Phòng',
  'Hưng Yên', 'Thái Bình', 'Hà Nam', 'Nam Định', 'Ninh Bình', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Quảng Bình', 'Quảng Trị',
  'Thừa Thiên Huế', 'Đà Nẵng', 'Quảng Nam', 'Quảng Ngãi', 'Bình Định', 'Phú Yên', 'Khánh Hòa', 'Ninh Thuận', 'Bình Thuận', 'Kon Tum',
  'Gia Lai', 'Đắk Lắk', 'Đắk Nông', 'Lâm Đồng', 'Bình Phước', 'Tây Ninh', 'Bình Dương', 'Đồng Nai', 'Bà Rịa - Vũng Tàu', 'Hồ Chí Minh',
  'Long An', 'Tiền Giang', 'Bến Tre', 'Trà Vinh', 'Vĩnh Long', 'Đồng Tháp', 'An Giang', 'Kiên Giang', 'Cần Thơ', 'Hậu Giang',
  'Sóc Trăng', 'Bạc Liêu', 'Cà Mau',
];

export type TestAgency = { code: string; name: string; level: 'ministry' | 'province' };

export const TEST_AGENCIES: readonly TestAgency[] = [
  ...TEST_MINISTRIES.map(([x, name]) => ({ code: `000.00.00.${x}`, name, level: 'ministry' as const })),
  ...PROVINCE_NAMES.map((name, i) => ({ code: `000.00.00.P${String(i + 1).padStart(2, '0')}`, name: `UBND tỉnh ${name}`, level: 'province' as const })),
];
