/**
 * Ethnic groups (dân tộc) and religions (tôn giáo) with the numeric codes the population database returns
 * in DanToc / TonGiao (spec B2: "numeric").
 */

export interface EthnicGroup {
  /** 2-digit code. */
  readonly code: string;
  readonly name: string;
  /** Population in thousands, 2019 census, rounded [M]: used as sampling weight only. */
  readonly weight: number;
}

// The 54 groups in the order of the General Statistics Office list (Decision 121-TCTK/PPCĐ, 1979), whose
// position is the code. [M, high]: matches two independent public lists in that order (one numbered
// 1–14 identically); the decision text itself was not read. The population database's own DanToc
// catalogue (`madantoc` on the LGSP, spec B1) was not seen: assumed to use these codes [I].
const GROUPS: ReadonlyArray<readonly [string, number]> = [
  ['Kinh', 82085], ['Tày', 1845], ['Thái', 1820], ['Hoa', 750], ['Khơ-me', 1319], ['Mường', 1452],
  ['Nùng', 1083], ['Mông', 1393], ['Dao', 891], ['Gia-rai', 513], ['Ngái', 1.6], ['Ê-đê', 398],
  ['Ba-na', 286], ['Xơ-đăng', 212], ['Sán Chay', 201], ['Cơ-ho', 200], ['Chăm', 178], ['Sán Dìu', 183],
  ['Hrê', 149], ['Mnông', 127], ['Ra-glai', 146], ['Xtiêng', 100], ['Bru-Vân Kiều', 94], ['Thổ', 91],
  ['Giáy', 67], ['Cơ-tu', 74], ['Gié-Triêng', 63], ['Mạ', 50], ['Khơ-mú', 90], ['Co', 40], ['Tà-ôi', 52],
  ['Chơ-ro', 29], ['Kháng', 16], ['Xinh-mun', 29], ['Hà Nhì', 25], ['Chu-ru', 23], ['Lào', 17],
  ['La Chí', 15], ['La Ha', 10], ['Phù Lá', 12], ['La Hủ', 12], ['Lự', 6], ['Lô Lô', 4.8], ['Chứt', 7],
  ['Mảng', 4.6], ['Pà Thẻn', 8], ['Cơ Lao', 4], ['Cống', 2.7], ['Bố Y', 3.2], ['Si La', 0.9],
  ['Pu Péo', 0.9], ['Brâu', 0.5], ['Ơ Đu', 0.4], ['Rơ-măm', 0.6],
];

export const ETHNIC_GROUPS: readonly EthnicGroup[] = GROUPS.map(([name, weight], i) =>
  Object.freeze({ code: String(i + 1).padStart(2, '0'), name, weight }),
);

const ethnicByCode = new Map(ETHNIC_GROUPS.map((g) => [g.code, g]));
export function ethnicGroupByCode(code: string): EthnicGroup | undefined {
  return ethnicByCode.get(code);
}

export interface Religion {
  readonly code: string;
  readonly name: string;
  /** Share of the population in per mille, 2019 census, rounded [M]. */
  readonly weight: number;
}

// Codes are OUR assumption [I]: the population database's TonGiao catalogue was not found. 00 = no
// religion (không), which the spec's "00 = none mostly" expects; the order follows the common
// registration-form lists (Phật giáo, Công giáo, Tin Lành, Cao Đài, Hòa Hảo, Hồi giáo …).
export const RELIGIONS: readonly Religion[] = [
  { code: '00', name: 'Không', weight: 863 },
  { code: '01', name: 'Phật giáo', weight: 48 },
  { code: '02', name: 'Công giáo', weight: 61 },
  { code: '03', name: 'Tin Lành', weight: 10 },
  { code: '04', name: 'Cao Đài', weight: 6 },
  { code: '05', name: 'Phật giáo Hòa Hảo', weight: 10 },
  { code: '06', name: 'Hồi giáo', weight: 1 },
  { code: '07', name: 'Bà-la-môn', weight: 1 },
  { code: '08', name: 'Tịnh độ cư sĩ Phật hội Việt Nam', weight: 0.5 },
  { code: '99', name: 'Tôn giáo khác', weight: 0.5 },
].map((r) => Object.freeze(r));

const religionMap = new Map(RELIGIONS.map((r) => [r.code, r]));
export function religionByCode(code: string): Religion | undefined {
  return religionMap.get(code);
}
