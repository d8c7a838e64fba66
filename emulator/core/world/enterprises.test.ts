import { describe, expect, it } from 'vitest';
import { citizen, citizenById, createWorld } from './citizens.js';
import { type Enterprise, enterprise, enterpriseByTaxCode, enterpriseCount, enterpriseIndexByTaxCode } from './enterprises.js';
import { districtByCode, provinceByTaxPrefix, wardByCode } from './provinces.js';
import { isValidTaxCode, parseTaxCode } from './tax-code.js';

const world = createWorld({ seed: 11 });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

function problems<T>(items: Iterable<T>, check: (x: T) => string | null): string[] {
  const out: string[] = [];
  for (const x of items) {
    const p = check(x);
    if (p !== null && out.length < 20) out.push(p);
  }
  return out;
}

const DATE = /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])\/(19|20)\d{2}$/;
const toDay = (d: string) => Date.UTC(Number(d.slice(6)), Number(d.slice(3, 5)) - 1, Number(d.slice(0, 2)));
const TYPE_NAMES = [
  'Công ty trách nhiệm hữu hạn một thành viên',
  'Công ty trách nhiệm hữu hạn hai thành viên trở lên',
  'Công ty cổ phần',
  'Doanh nghiệp tư nhân',
  'Công ty hợp danh',
];

describe('enterprise tax codes', () => {
  it('are valid, distinct and decode for the first 20 000 enterprises', () => {
    expect(enterpriseCount(world)).toBe(20_000);
    const codes = new Set<string>();
    const bad = problems(range(0, 20_000), (i) => {
      const code = enterprise(world, i).MainInformation.ENTERPRISE_GDT_CODE;
      codes.add(code);
      if (!/^\d{10}$/.test(code) || !isValidTaxCode(code)) return `${i}: ${code} invalid`;
      const p = parseTaxCode(code);
      if (!p.ok || p.province?.tax !== code.slice(0, 2)) return `${i}: ${code} prefix is not a tax-province code`;
      if (enterpriseIndexByTaxCode(world, code) !== i) return `${i}: ${code} decodes to ${enterpriseIndexByTaxCode(world, code)}`;
      return null;
    });
    expect(bad).toEqual([]);
    expect(codes.size).toBe(20_000);
  });

  it('decode in a large world too', () => {
    const big = createWorld({ seed: 11, enterprises: 10_000_000 });
    const sample = [0, 199_999, 200_000, 9_999_999, ...range(0, 300).map((i) => (i * 3_300_007) % 10_000_000)];
    const bad = problems(sample, (i) => {
      const code = enterprise(big, i).MainInformation.ENTERPRISE_GDT_CODE;
      return isValidTaxCode(code) && enterpriseByTaxCode(big, code)?.index === i ? null : `${i}: ${code}`;
    });
    expect(bad).toEqual([]);
  });

  it('return null for codes that are not in this world', () => {
    const small = createWorld({ seed: 11, enterprises: 10 });
    const outsider = enterprise(world, 500).MainInformation.ENTERPRISE_GDT_CODE;
    expect(enterpriseByTaxCode(small, outsider)).toBeNull();
    expect(enterpriseByTaxCode(world, `${outsider}-001`)).toBeNull(); // no branches are generated
    expect(enterpriseByTaxCode(world, '0000000000')).toBeNull();
    expect(enterpriseByTaxCode(world, 'x')).toBeNull();
    // a valid code on the right prefix but with another 9th digit
    const n9 = Number(outsider[8]);
    let altered: string | null = null;
    for (let d = 1; d < 10 && !altered; d++) {
      const first9 = `${outsider.slice(0, 8)}${(n9 + d) % 10}`;
      for (let c = 0; c < 10; c++) if (isValidTaxCode(`${first9}${c}`)) altered = `${first9}${c}`;
    }
    expect(altered).not.toBeNull();
    expect(enterpriseByTaxCode(world, altered as string)).toBeNull();
    expect(() => enterprise(world, 20_000)).toThrow(RangeError);
  });
});

describe('enterprise records', () => {
  const sample: Enterprise[] = range(0, 1500).map((i) => enterprise(world, i * 13));

  it('have a legal representative who is an adult citizen of the same world', () => {
    const bad = problems(sample, (e) => {
      const info = e.MainInformation;
      if (e.legalRepresentatives.length < 1) return `${e.index}: no representative`;
      for (const rep of e.legalRepresentatives) {
        const c = citizenById(world, rep.SoDinhDanh);
        if (!c || c.index !== rep.citizenIndex || c.HoVaTen !== rep.HoVaTen) return `${e.index}: representative ${rep.SoDinhDanh} unresolvable`;
        if (!info.LEGAL_NAMES.split(';').includes(c.HoVaTen.toUpperCase())) return `${e.index}: LEGAL_NAMES ${info.LEGAL_NAMES}`;
        const ageAtFounding = Number(info.FOUNDING_DATE.slice(6)) - Number(c.NgayThangNamSinh.slice(0, 4));
        if (ageAtFounding < 18) return `${e.index}: representative aged ${ageAtFounding} at founding`;
      }
      if (info.LEGAL_NAMES.split(';').length !== e.legalRepresentatives.length) return `${e.index}: LEGAL_NAMES count`;
      return null;
    });
    expect(bad).toEqual([]);
  });

  it('have members that are citizens, with shares summing to 100', () => {
    const bad = problems(sample, (e) => {
      const info = e.MainInformation;
      if (info.Member.length === 0 || info.Member.length !== e.members.length) return `${e.index}: members`;
      if (info.Member.reduce((a, m) => a + m.RATIO_PERCENT, 0) !== 100) return `${e.index}: ratios ${info.Member.map((m) => m.RATIO_PERCENT)}`;
      if (info.Member.some((m) => m.RATIO_PERCENT < 1)) return `${e.index}: zero share`;
      const total = info.Member.reduce((a, m) => a + m.AMOUNT, 0);
      if (Math.abs(total - info.CAPITAL_AMOUNT) > info.Member.length) return `${e.index}: amounts ${total} vs ${info.CAPITAL_AMOUNT}`;
      if (new Set(e.members.map((m) => m.citizenIndex)).size !== e.members.length) return `${e.index}: duplicate member`;
      for (const [k, m] of e.members.entries()) {
        const c = citizen(world, m.citizenIndex);
        if (c.SoDinhDanh !== m.SoDinhDanh || info.Member[k]?.MEMBER_NAME !== c.HoVaTen.toUpperCase()) return `${e.index}: member ${k}`;
      }
      if (e.legalRepresentatives[0]?.citizenIndex !== e.members[0]?.citizenIndex) return `${e.index}: representative is not the first member`;
      const typeRange: Record<string, [number, number]> = { '1': [1, 1], '2': [2, 5], '3': [3, 5], '4': [1, 1], '5': [2, 3] };
      const [min, max] = typeRange[info.ENTERPRISE_TYPE_ID] ?? [0, 0];
      if (info.Member.length < min || info.Member.length > max) return `${e.index}: ${info.Member.length} members for type ${info.ENTERPRISE_TYPE_ID}`;
      return null;
    });
    expect(bad).toEqual([]);
  });

  it('fill every MainInformation field of spec B4 consistently', () => {
    const bad = problems(sample, (e) => {
      const i = e.MainInformation;
      if (!/^\d+$/.test(i.ENTERPRISE_ID)) return `${e.index}: ENTERPRISE_ID`;
      if (TYPE_NAMES[Number(i.ENTERPRISE_TYPE_ID) - 1] !== i.ENTERPRISE_TYPE_NAME) return `${e.index}: type ${i.ENTERPRISE_TYPE_ID} ${i.ENTERPRISE_TYPE_NAME}`;
      if (!/^(CÔNG TY|DOANH NGHIỆP)/.test(i.NAME) || i.NAME !== i.NAME.toUpperCase()) return `${e.index}: NAME ${i.NAME}`;
      if (i.ENTERPRISE_TYPE_ID !== '4' && !/^[A-Z ,.]+$/.test(i.NAME_F)) return `${e.index}: NAME_F ${i.NAME_F}`;
      if (i.SHORT_NAME && !/^[A-Z ,.]+$/.test(i.SHORT_NAME)) return `${e.index}: SHORT_NAME ${i.SHORT_NAME}`;
      if (!DATE.test(i.FOUNDING_DATE)) return `${e.index}: FOUNDING_DATE ${i.FOUNDING_DATE}`;
      if ((i.NUMBER_CHANGES === 0) !== (i.LAST_AMEND_DATE === '')) return `${e.index}: changes ${i.NUMBER_CHANGES} amend ${i.LAST_AMEND_DATE}`;
      if (i.LAST_AMEND_DATE && (!DATE.test(i.LAST_AMEND_DATE) || toDay(i.LAST_AMEND_DATE) <= toDay(i.FOUNDING_DATE))) return `${e.index}: amend ${i.LAST_AMEND_DATE}`;
      if (toDay(i.LAST_AMEND_DATE || i.FOUNDING_DATE) > Date.UTC(2024, 11, 31)) return `${e.index}: future date`;
      if (Number(i.FOUNDING_DATE.slice(6)) < 2010 ? !/^\d{10}$/.test(i.IMP_BUSINESS_CODE) : i.IMP_BUSINESS_CODE !== '') return `${e.index}: IMP_BUSINESS_CODE`;
      if (!i.ENTERPRISE_STATUS || !(i.CAPITAL_AMOUNT > 0) || i.CAPITAL_AMOUNT % 1_000_000 !== 0) return `${e.index}: status/capital`;
      const mains = i.BusinessActivity.filter((a) => a.IS_MAIN === 'Y');
      if (mains.length !== 1 || i.BusinessActivity[0]?.IS_MAIN !== 'Y') return `${e.index}: IS_MAIN`;
      if (i.BusinessActivity.some((a) => !/^\d{4}$/.test(a.CODE) || !a.NAME || !['Y', 'N'].includes(a.IS_MAIN))) return `${e.index}: activity`;
      if (new Set(i.BusinessActivity.map((a) => a.CODE)).size !== i.BusinessActivity.length) return `${e.index}: duplicate activity`;
      const a = i.HOAddress;
      const province = provinceByTaxPrefix(i.ENTERPRISE_GDT_CODE.slice(0, 2));
      if (a.CityID !== province?.gso || a.CityName !== province.fullName) return `${e.index}: city ${a.CityID} for ${i.ENTERPRISE_GDT_CODE}`;
      if (districtByCode(a.DistrictID)?.name !== a.DistrictName || districtByCode(a.DistrictID)?.provinceGso !== a.CityID) return `${e.index}: district`;
      if (wardByCode(a.WardID)?.name !== a.WardName || wardByCode(a.WardID)?.districtCode !== a.DistrictID) return `${e.index}: ward`;
      if (!a.AddressFullText.startsWith(a.StreetNumber) || !a.AddressFullText.includes(a.WardName) || !a.AddressFullText.endsWith('Việt Nam')) return `${e.index}: full text`;
      return null;
    });
    expect(bad).toEqual([]);
    // Every type occurs, limited companies most.
    const types = new Map<string, number>();
    for (const e of sample) types.set(e.MainInformation.ENTERPRISE_TYPE_ID, (types.get(e.MainInformation.ENTERPRISE_TYPE_ID) ?? 0) + 1);
    expect([...types.keys()].sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(types.get('1')).toBeGreaterThan(sample.length / 4);
    // HCM and Hà Nội dominate.
    const big = sample.filter((e) => ['01', '03'].includes(e.MainInformation.ENTERPRISE_GDT_CODE.slice(0, 2))).length;
    expect(big / sample.length).toBeGreaterThan(0.35);
  });

  it('are deterministic per seed', () => {
    expect(JSON.stringify(enterprise(createWorld({ seed: 11 }), 42))).toBe(JSON.stringify(enterprise(world, 42)));
    expect(JSON.stringify(enterprise(createWorld({ seed: 11 }), 19_999))).toBe(JSON.stringify(enterprise(world, 19_999)));
    const other = createWorld({ seed: 12 });
    let same = 0;
    for (let i = 0; i < 100; i++) if (enterprise(other, i).MainInformation.ENTERPRISE_GDT_CODE === enterprise(world, i).MainInformation.ENTERPRISE_GDT_CODE) same++;
    expect(same).toBeLessThan(3);
  });
});
