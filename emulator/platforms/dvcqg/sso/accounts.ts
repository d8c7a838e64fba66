import type { WorldCitizen, WorldEnterprise, WorldPort } from './world.js';

export type AccountKind = 'citizen' | 'organisation';

/**
 * The userinfo claims of A9 (S1 DVCQGSSOActionImpl; names as the real portal returns them). Every claim is
 * present, "" when it does not apply, as S1 reads them with getString. `loAs` as a list is [I]: its real
 * shape is not known.
 */
export interface A9Claims {
  sub: string;
  /** "1" citizen, "2" organisation. */
  LoaiTaiKhoan: '1' | '2';
  SoCMND: string;
  SoDinhDanh: string;
  HoChieu: string;
  MaSoThue: string;
  MaSoDoanhNghiep: string;
  TenDoanhNghiep: string;
  HoVaTen: string;
  GioiTinh: string;
  DiaChi: string;
  SoDienThoai: string;
  ThuDienTu: string;
  TechID: string;
  loAs: string[];
}

export const A9_CLAIM_NAMES = [
  'LoaiTaiKhoan', 'SoCMND', 'SoDinhDanh', 'HoChieu', 'MaSoThue', 'MaSoDoanhNghiep', 'TenDoanhNghiep',
  'HoVaTen', 'GioiTinh', 'DiaChi', 'SoDienThoai', 'ThuDienTu', 'TechID', 'loAs',
] as const;

/** Levels of assurance the emulator knows (A9 shows acr_values=LoA1); every test account holds both. */
export const LOA_VALUES = ['LoA1', 'LoA2'] as const;

export interface SsoAccount {
  kind: AccountKind;
  /** The id a tester types or passes as login_hint: SoDinhDanh for a citizen, MaSoThue for an organisation. */
  loginId: string;
  /** One line for the login page. */
  label: string;
  claims: A9Claims;
}

function citizenAccount(c: WorldCitizen): SsoAccount {
  return {
    kind: 'citizen',
    loginId: c.SoDinhDanh,
    label: c.HoVaTen,
    claims: {
      sub: c.techId,
      LoaiTaiKhoan: '1',
      SoCMND: c.SoCMND,
      SoDinhDanh: c.SoDinhDanh,
      HoChieu: '',
      MaSoThue: '',
      MaSoDoanhNghiep: '',
      TenDoanhNghiep: '',
      HoVaTen: c.HoVaTen,
      GioiTinh: c.GioiTinh,
      DiaChi: c.DiaChi,
      SoDienThoai: c.SoDienThoai,
      ThuDienTu: c.ThuDienTu,
      TechID: c.techId,
      loAs: [...LOA_VALUES],
    },
  };
}

function organisationAccount(e: WorldEnterprise): SsoAccount {
  return {
    kind: 'organisation',
    loginId: e.MaSoThue,
    label: e.TenDoanhNghiep,
    claims: {
      sub: e.techId,
      LoaiTaiKhoan: '2',
      SoCMND: '',
      SoDinhDanh: '',
      HoChieu: '',
      MaSoThue: e.MaSoThue,
      // The enterprise code has been the tax code since the 2015 Law on Enterprises [M].
      MaSoDoanhNghiep: e.MaSoThue,
      TenDoanhNghiep: e.TenDoanhNghiep,
      // [I] an organisation account shows its legal representative as the person.
      HoVaTen: e.NguoiDaiDien,
      GioiTinh: '',
      DiaChi: e.DiaChi,
      SoDienThoai: e.SoDienThoai,
      ThuDienTu: e.ThuDienTu,
      TechID: e.techId,
      loAs: [...LOA_VALUES],
    },
  };
}

/**
 * SSO accounts over the synthetic world: the first adult citizens and the first enterprises are listed on
 * the login page, but any person or enterprise of the world signs in by its number. Every TechID decodes
 * back to its owner, so tokens resolve their `sub` in any process without a table.
 */
export class SsoAccounts {
  private readonly listedAccounts: SsoAccount[];

  constructor(
    private readonly world: WorldPort,
    today: Date,
    counts: { citizens: number; organisations: number } = { citizens: 20, organisations: 10 },
  ) {
    // Adults only on the list (a toddler signing in surprises testers); they can still sign in by number.
    const adultBornBy = `${today.getUTCFullYear() - 18}${today.toISOString().slice(5, 7)}${today.toISOString().slice(8, 10)}`;
    const citizens: WorldCitizen[] = [];
    for (let i = 0; citizens.length < counts.citizens; i++) {
      const c = world.citizen(i);
      if (!c) break;
      if (c.NgayThangNamSinh <= adultBornBy) citizens.push(c);
    }
    const orgs = Array.from({ length: counts.organisations }, (_, i) => world.enterprise(i)).filter((e): e is WorldEnterprise => e !== undefined);
    this.listedAccounts = [...citizens.map(citizenAccount), ...orgs.map(organisationAccount)];
  }

  listed(): readonly SsoAccount[] {
    return this.listedAccounts;
  }

  /** By what a tester types: SoDinhDanh (12 digits), SoCMND (9), MaSoThue (10, or 10-3 for a branch) or TechID. */
  resolve(input: string): SsoAccount | undefined {
    const id = input.trim();
    if (/^\d{12}$/.test(id) || /^\d{9}$/.test(id)) {
      const c = this.world.citizenById(id);
      return c ? citizenAccount(c) : undefined;
    }
    if (/^\d{10}(-\d{3})?$/.test(id)) {
      // A branch signs in as its enterprise: only the first 10 digits identify it (specs B4).
      const e = this.world.enterpriseByTaxCode(id.slice(0, 10));
      return e ? organisationAccount(e) : undefined;
    }
    return this.byTechId(id);
  }

  byTechId(techId: string): SsoAccount | undefined {
    const c = this.world.citizenByTechId(techId);
    if (c) return citizenAccount(c);
    const e = this.world.enterpriseByTechId(techId);
    return e ? organisationAccount(e) : undefined;
  }
}
