/**
 * A SHORT extract of ISO 3166-1 (mã quốc gia), not the whole standard: Việt Nam, its neighbours and the
 * countries most often met in Vietnamese registers. Codes are ISO 3166-1 alpha-2 / alpha-3 [M, high: the
 * standard's published codes]; the population database writes nationality as alpha-2 (`QuocTich` `VN`,
 * spec §B2 [C]), so `maquocgia` is keyed by alpha-2. Vietnamese names in the Ministry of Foreign Affairs'
 * usual transliteration [M]; English names are the ISO short names.
 */
export interface Country {
  readonly alpha2: string;
  readonly alpha3: string;
  readonly nameVi: string;
  readonly nameEn: string;
}

const ROWS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['VN', 'VNM', 'Việt Nam', 'Viet Nam'],
  ['LA', 'LAO', 'Lào', "Lao People's Democratic Republic"],
  ['KH', 'KHM', 'Campuchia', 'Cambodia'],
  ['CN', 'CHN', 'Trung Quốc', 'China'],
  ['TH', 'THA', 'Thái Lan', 'Thailand'],
  ['MM', 'MMR', 'Mi-an-ma', 'Myanmar'],
  ['MY', 'MYS', 'Ma-lai-xi-a', 'Malaysia'],
  ['SG', 'SGP', 'Xinh-ga-po', 'Singapore'],
  ['ID', 'IDN', 'In-đô-nê-xi-a', 'Indonesia'],
  ['PH', 'PHL', 'Phi-líp-pin', 'Philippines'],
  ['JP', 'JPN', 'Nhật Bản', 'Japan'],
  ['KR', 'KOR', 'Hàn Quốc', 'Korea, Republic of'],
  ['IN', 'IND', 'Ấn Độ', 'India'],
  ['AU', 'AUS', 'Ô-xtrây-li-a', 'Australia'],
  ['US', 'USA', 'Hoa Kỳ', 'United States of America'],
  ['CA', 'CAN', 'Ca-na-đa', 'Canada'],
  ['GB', 'GBR', 'Vương quốc Anh', 'United Kingdom of Great Britain and Northern Ireland'],
  ['FR', 'FRA', 'Pháp', 'France'],
  ['DE', 'DEU', 'Đức', 'Germany'],
  ['RU', 'RUS', 'Liên bang Nga', 'Russian Federation'],
];

export const COUNTRIES: readonly Country[] = ROWS.map(([alpha2, alpha3, nameVi, nameEn]) => Object.freeze({ alpha2, alpha3, nameVi, nameEn }));
