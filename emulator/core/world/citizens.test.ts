import { describe, expect, it } from 'vitest';
import {
  type Citizen,
  type World,
  citizen,
  citizenByCmnd,
  citizenById,
  citizenByTechId,
  citizenCount,
  citizenIndexById,
  createWorld,
  householdOf,
} from './citizens.js';
import { ethnicGroupByCode, religionByCode } from './ethnic-groups.js';
import { asciiUpper } from './internal.js';
import { isValidPersonalId, parsePersonalId } from './personal-id.js';
import { districtByCode, provinceByGsoCode, wardByCode } from './provinces.js';

const world = createWorld({ seed: 7 });
const year = (c: Citizen) => Number(c.NgayThangNamSinh.slice(0, 4));

// Loops collect problems instead of calling expect() per item: fast, and the failure lists the culprits.
function problems<T>(items: Iterable<T>, check: (x: T) => string | null): string[] {
  const out: string[] = [];
  for (const x of items) {
    const p = check(x);
    if (p !== null && out.length < 20) out.push(p);
  }
  return out;
}
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

function checkIdentity(w: World, i: number): string | null {
  const c = citizen(w, i);
  if (c.index !== i) return `${i}: index ${c.index}`;
  if (!isValidPersonalId(c.SoDinhDanh, { birthYear: year(c), sex: c.GioiTinh })) return `${i}: ${c.SoDinhDanh} vs ${c.NgayThangNamSinh}/${c.GioiTinh}`;
  if (year(c) < 2000 ? !/^\d{9}$/.test(c.SoCMND) : c.SoCMND !== '') return `${i}: CMND ${c.SoCMND} for ${year(c)}`;
  if (citizenIndexById(w, c.SoDinhDanh) !== i) return `${i}: id ${c.SoDinhDanh} decodes to ${citizenIndexById(w, c.SoDinhDanh)}`;
  return null;
}

describe('createWorld', () => {
  it('has the documented defaults and validates', () => {
    expect(createWorld()).toEqual({ seed: 102, population: 100_000, enterprises: 20_000 });
    expect(citizenCount(createWorld({ population: 5 }))).toBe(5);
    expect(() => createWorld({ population: 0 })).toThrow(RangeError);
    expect(() => createWorld({ population: 10_000_001 })).toThrow(RangeError);
    expect(() => createWorld({ seed: 1.5 })).toThrow(RangeError);
    expect(() => createWorld({ enterprises: -1 })).toThrow(RangeError);
    expect(() => citizen(world, 100_000)).toThrow(RangeError);
    expect(() => citizen(world, -1)).toThrow(RangeError);
  });
});

describe('personal ids', () => {
  it('are valid, consistent with birth year and sex, and decode, for the first 20 000 indices', () => {
    expect(problems(range(0, 20_000), (i) => checkIdentity(world, i))).toEqual([]);
  });

  it('are valid and decode in a 10-million world, across slab boundaries', () => {
    const big = createWorld({ seed: 7, population: 10_000_000 });
    const sample = [0, 999_997, 999_998, 999_999, 1_000_000, 1_999_998, 1_999_999, 9_999_990, 9_999_999];
    for (let i = 0; i < 1500; i++) sample.push(Math.floor((i * 6_700_417) % 10_000_000));
    expect(problems(sample, (i) => checkIdentity(big, i))).toEqual([]);
    // Same lo, other slab: different province, so a different id.
    expect(citizen(big, 5).SoDinhDanh.slice(0, 3)).not.toBe(citizen(big, 5 + 999_999).SoDinhDanh.slice(0, 3));
    expect(citizen(big, 5).SoDinhDanh.slice(6)).toBe(citizen(big, 5 + 999_999).SoDinhDanh.slice(6));
  });

  it('are unique across the first 100 000 citizens, as are CMNDs, techIds and names of households', () => {
    const ids = new Set<string>();
    const cmnds = new Set<string>();
    const techs = new Set<string>();
    let withCmnd = 0;
    for (let i = 0; i < 100_000; i++) {
      const c = citizen(world, i);
      ids.add(c.SoDinhDanh);
      techs.add(c.techId);
      if (c.SoCMND) {
        withCmnd++;
        cmnds.add(c.SoCMND);
      }
    }
    expect(ids.size).toBe(100_000);
    expect(techs.size).toBe(100_000);
    expect(cmnds.size).toBe(withCmnd);
    expect(withCmnd).toBeGreaterThan(30_000);
  });

  it('decode(encode(i)) = i by SoDinhDanh, SoCMND and techId', () => {
    const bad = problems(range(0, 5000).map((i) => i * 19), (i) => {
      const c = citizen(world, i);
      if (citizenById(world, c.SoDinhDanh)?.index !== i) return `${i} by id`;
      if (citizenByTechId(world, c.techId)?.index !== i) return `${i} by techId ${c.techId}`;
      if (c.SoCMND && citizenByCmnd(world, c.SoCMND)?.index !== i) return `${i} by CMND`;
      return null;
    });
    expect(bad).toEqual([]);
    expect(citizen(world, 1234).techId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('returns null for ids that are not in this world', () => {
    const c = citizen(world, 4321);
    const p = parsePersonalId(c.SoDinhDanh);
    expect(p.ok).toBe(true);
    // Same province and serial, another year or sex: valid structure, not this person.
    const otherYear = `${c.SoDinhDanh.slice(0, 4)}${String((Number(c.SoDinhDanh.slice(4, 6)) + 1) % 100).padStart(2, '0')}${c.SoDinhDanh.slice(6)}`;
    expect(citizenById(world, otherYear)).toBeNull();
    const g = Number(c.SoDinhDanh[3]);
    expect(citizenById(world, `${c.SoDinhDanh.slice(0, 3)}${g ^ 1}${c.SoDinhDanh.slice(4)}`)).toBeNull();
    expect(citizenById(world, '003099012345')).toBeNull();
    expect(citizenById(world, 'abc')).toBeNull();
    expect(citizenByCmnd(world, '12345678')).toBeNull();
    expect(citizenByTechId(world, 'not-a-uuid')).toBeNull();
    // A citizen of a bigger world with the same seed is not in a smaller one.
    const small = createWorld({ seed: 7, population: 1000 });
    const outsider = citizen(world, 50_000);
    expect(citizenById(small, outsider.SoDinhDanh)).toBeNull();
    expect(citizenByTechId(small, outsider.techId)).toBeNull();
    if (outsider.SoCMND) expect(citizenByCmnd(small, outsider.SoCMND)).toBeNull();
    // but the early blocks are the same people
    expect(JSON.stringify(citizen(small, 500))).toBe(JSON.stringify(citizen(world, 500)));
    // and an id from another seed is (almost surely) unknown here
    const other = citizen(createWorld({ seed: 8 }), 10);
    expect(citizenById(world, other.SoDinhDanh)?.HoVaTen ?? null).not.toBe(other.HoVaTen);
  });
});

describe('determinism', () => {
  it('gives byte-identical citizens for the same seed, in any order', () => {
    const indices = [0, 1, 2, 99_999, 31_337, 8, 7, 50_000];
    const a = indices.map((i) => JSON.stringify(citizen(world, i)));
    const b = [...indices].reverse().map((i) => JSON.stringify(citizen(createWorld({ seed: 7 }), i))).reverse();
    expect(b).toEqual(a);
  });

  it('gives other people for another seed', () => {
    const other = createWorld({ seed: 8 });
    let same = 0;
    for (let i = 0; i < 200; i++) if (citizen(world, i).SoDinhDanh === citizen(other, i).SoDinhDanh) same++;
    expect(same).toBeLessThan(3);
    expect(citizen(world, 0).HoVaTen + citizen(world, 1).HoVaTen).not.toBe(citizen(other, 0).HoVaTen + citizen(other, 1).HoVaTen);
  });
});

describe('households', () => {
  const N = 20_000;
  const all = range(0, N).map((i) => citizen(world, i));
  const byId = new Map(all.map((c) => [c.SoDinhDanh, c]));

  it('are contiguous, head first, and every member sees the same household', () => {
    const bad = problems(all, (c) => {
      const h = householdOf(world, c.index);
      if (h.headIndex !== c.householdHead) return `${c.index}: head ${h.headIndex} vs ${c.householdHead}`;
      if (h.memberIndices[0] !== h.headIndex || !h.memberIndices.includes(c.index)) return `${c.index}: members ${h.memberIndices}`;
      if (h.memberIndices.some((m, k) => m !== h.headIndex + k)) return `${c.index}: not contiguous`;
      if (h.memberIndices.length > 6) return `${c.index}: size ${h.memberIndices.length}`;
      if ((c.role === 'head') !== (c.index === h.headIndex)) return `${c.index}: role ${c.role}`;
      if (h.SoSoHoKhau !== c.SoSoHoKhau || JSON.stringify(h.ThuongTru) !== JSON.stringify(c.ThuongTru)) return `${c.index}: book/address`;
      return null;
    });
    expect(bad).toEqual([]);
  });

  it('agree on the head (ChuHo), the book number and the registered address', () => {
    const books = new Map<string, number>();
    const bad = problems(all, (c) => {
      const head = citizen(world, c.householdHead);
      if (c.ChuHo.SoDinhDanh !== head.SoDinhDanh || c.ChuHo.HoVaTen !== head.HoVaTen || c.ChuHo.SoCMND !== head.SoCMND) return `${c.index}: ChuHo`;
      if ((c.ChuHo.QuanHe === 'Chủ hộ') !== (c.role === 'head')) return `${c.index}: QuanHe ${c.ChuHo.QuanHe}`;
      if (c.SoSoHoKhau !== head.SoSoHoKhau || JSON.stringify(c.ThuongTru) !== JSON.stringify(head.ThuongTru)) return `${c.index}: household fields`;
      const owner = books.get(c.SoSoHoKhau);
      if (owner !== undefined && owner !== c.householdHead) return `${c.index}: book ${c.SoSoHoKhau} shared with household ${owner}`;
      books.set(c.SoSoHoKhau, c.householdHead);
      return null;
    });
    expect(bad).toEqual([]);
    expect(books.size).toBeGreaterThan(N / 5);
  });

  it('have spouses that point back at each other, married, of opposite sex', () => {
    let couples = 0;
    const bad = problems(all, (c) => {
      if ((c.TinhTrangHonNhan === 2) !== (c.VoChong !== null)) return `${c.index}: status ${c.TinhTrangHonNhan} vs spouse ${c.VoChong?.HoVaTen}`;
      if (!c.VoChong) return null;
      couples++;
      const s = byId.get(c.VoChong.SoDinhDanh) ?? citizenById(world, c.VoChong.SoDinhDanh);
      if (!s) return `${c.index}: spouse ${c.VoChong.SoDinhDanh} unresolvable`;
      if (s.VoChong?.SoDinhDanh !== c.SoDinhDanh) return `${c.index}: spouse does not point back`;
      if (s.householdHead !== c.householdHead) return `${c.index}: spouse in another household`;
      if (s.GioiTinh === c.GioiTinh) return `${c.index}: same sex`;
      if (c.VoChong.HoVaTen !== s.HoVaTen || c.VoChong.SoCMND !== s.SoCMND || c.VoChong.QuocTich !== 'VN') return `${c.index}: ref fields`;
      if (!['head', 'spouse'].includes(c.role)) return `${c.index}: ${c.role} married in household`;
      if (c.ChuHo.QuanHe !== 'Chủ hộ' && c.ChuHo.QuanHe !== (c.GioiTinh === 2 ? 'Vợ' : 'Chồng')) return `${c.index}: QuanHe ${c.ChuHo.QuanHe}`;
      return null;
    });
    expect(bad).toEqual([]);
    expect(couples).toBeGreaterThan(N / 4);
  });

  it("have children whose Cha/Me are the household's parents, with plausible age gaps", () => {
    let children = 0;
    const bad = problems(all, (c) => {
      if (c.role !== 'child') return null;
      children++;
      if (!c.Cha || !c.Me) return `${c.index}: missing parent ref`;
      const resolved = [c.Cha, c.Me].filter((r) => r.SoDinhDanh !== '').map((r) => byId.get(r.SoDinhDanh) ?? citizenById(world, r.SoDinhDanh));
      if (resolved.length === 0) return `${c.index}: no parent in the household`;
      for (const [ref, sex] of [[c.Cha, 1], [c.Me, 2]] as const) {
        if (ref.SoDinhDanh === '') {
          if (ref.SoCMND !== '' || ref.HoVaTen === '') return `${c.index}: name-only ref malformed`;
          continue;
        }
        const p = byId.get(ref.SoDinhDanh) ?? citizenById(world, ref.SoDinhDanh);
        if (!p) return `${c.index}: parent ${ref.SoDinhDanh} unresolvable`;
        if (p.householdHead !== c.householdHead || !['head', 'spouse'].includes(p.role)) return `${c.index}: parent is ${p.role} of ${p.householdHead}`;
        if (p.GioiTinh !== sex) return `${c.index}: parent sex`;
        if (ref.HoVaTen !== p.HoVaTen) return `${c.index}: parent name`;
        const gap = year(c) - year(p);
        if (gap < 17 || gap > 60) return `${c.index}: parent born ${year(p)}, child ${year(c)}`;
      }
      // Children carry the father's surname.
      if (c.HoVaTen.split(' ')[0] !== c.Cha.HoVaTen.split(' ')[0]) return `${c.index}: surname ${c.HoVaTen} vs father ${c.Cha.HoVaTen}`;
      if (c.TinhTrangHonNhan !== 1 || c.VoChong !== null) return `${c.index}: married child`;
      return null;
    });
    expect(bad).toEqual([]);
    expect(children).toBeGreaterThan(N / 5);
  });

  it("link the head's parent when one lives in the household", () => {
    let elders = 0;
    const bad = problems(all, (c) => {
      if (c.role !== 'parent') return null;
      elders++;
      const head = citizen(world, c.householdHead);
      const ref = c.GioiTinh === 1 ? head.Cha : head.Me;
      if (ref?.SoDinhDanh !== c.SoDinhDanh) return `${c.index}: head does not name this parent`;
      if (year(head) - year(c) < 18) return `${c.index}: parent too young`;
      if (c.ChuHo.QuanHe !== (c.GioiTinh === 1 ? 'Cha' : 'Mẹ')) return `${c.index}: QuanHe`;
      return null;
    });
    expect(bad).toEqual([]);
    expect(elders).toBeGreaterThan(100);
  });
});

describe('citizen fields', () => {
  const sample = range(0, 5000).map((i) => citizen(world, i * 20));

  it('have the population-database shapes and codes', () => {
    const bad = problems(sample, (c) => {
      if (!/^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(c.NgayThangNamSinh) || c.NgayThangNamSinh > '20241231') return `${c.index}: date ${c.NgayThangNamSinh}`;
      const d = new Date(Date.UTC(year(c), Number(c.NgayThangNamSinh.slice(4, 6)) - 1, Number(c.NgayThangNamSinh.slice(6))));
      if (d.getUTCDate() !== Number(c.NgayThangNamSinh.slice(6))) return `${c.index}: no such day ${c.NgayThangNamSinh}`;
      if (c.QuocTich !== 'VN' || ![1, 2].includes(c.GioiTinh) || ![1, 2, 3].includes(c.TinhTrangHonNhan)) return `${c.index}: codes`;
      if (!ethnicGroupByCode(c.DanToc) || !religionByCode(c.TonGiao)) return `${c.index}: DanToc ${c.DanToc} TonGiao ${c.TonGiao}`;
      if (!/^0[0-4]$/.test(c.NhomMau)) return `${c.index}: NhomMau ${c.NhomMau}`;
      if (!/^\d{9}$/.test(c.SoSoHoKhau)) return `${c.index}: SoSoHoKhau`;
      for (const a of [c.ThuongTru, c.NoiOHienTai]) {
        const ward = wardByCode(a.MaPhuongXa);
        const district = districtByCode(a.MaQuanHuyen);
        if (!provinceByGsoCode(a.MaTinhThanh) || !ward || !district) return `${c.index}: address codes ${JSON.stringify(a)}`;
        if (ward.districtCode !== district.code || district.provinceGso !== a.MaTinhThanh || a.ChiTiet === '') return `${c.index}: address tree`;
      }
      if (c.HoVaTenKhongDau !== asciiUpper(c.HoVaTen) || !/^[A-Z ]+$/.test(c.HoVaTenKhongDau)) return `${c.index}: ascii name ${c.HoVaTenKhongDau}`;
      if (c.HoVaTen.split(' ').length < 3) return `${c.index}: name ${c.HoVaTen}`;
      if (c.SoDienThoai && !/^0[35789]\d{8}$/.test(c.SoDienThoai)) return `${c.index}: phone ${c.SoDienThoai}`;
      if (c.ThuDienTu && !/^[a-z0-9]+@[a-z.]+$/.test(c.ThuDienTu)) return `${c.index}: mail ${c.ThuDienTu}`;
      if (2024 - year(c) < 15 && (c.SoDienThoai || c.ThuDienTu)) return `${c.index}: child with phone`;
      return null;
    });
    expect(bad).toEqual([]);
  });

  it('look like Vietnam on the whole', () => {
    const share = (p: (c: Citizen) => boolean) => sample.filter(p).length / sample.length;
    expect(share((c) => c.DanToc === '01')).toBeGreaterThan(0.75);
    expect(share((c) => c.TonGiao === '00')).toBeGreaterThan(0.7);
    expect(share((c) => c.GioiTinh === 1)).toBeGreaterThan(0.42);
    expect(share((c) => c.GioiTinh === 1)).toBeLessThan(0.58);
    expect(share((c) => c.HoVaTen.startsWith('Nguyễn '))).toBeGreaterThan(0.25);
    expect(share((c) => /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i.test(c.HoVaTen))).toBeGreaterThan(0.9);
    expect(share((c) => c.ThuongTru.MaTinhThanh === '79')).toBeGreaterThan(0.04);
    // Most people are registered at birth where their household lives.
    expect(share((c) => c.SoDinhDanh.slice(1, 3) === c.ThuongTru.MaTinhThanh)).toBeGreaterThan(0.7);
    expect(new Set(sample.map((c) => c.ThuongTru.MaTinhThanh)).size).toBeGreaterThan(55);
  });
});
