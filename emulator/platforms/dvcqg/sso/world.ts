import { createHash } from 'node:crypto';
import { citizen, citizenByCmnd, citizenById, citizenByTechId, type Citizen, type World } from '../../../core/world/citizens.js';
import { enterprise, enterpriseByTaxCode, type Enterprise } from '../../../core/world/enterprises.js';
import { districtByCode, provinceByGsoCode, wardByCode } from '../../../core/world/provinces.js';

/**
 * The people and enterprises of the shared synthetic world (`core/world`, deterministic from the emulator
 * seed), in the shape SSO and the portal's services need. Nothing is copied or stored: every lookup decodes.
 */
export interface WorldCitizen {
  index: number;
  /** The world's TechID (A9: stable account id). */
  techId: string;
  HoVaTen: string;
  SoDinhDanh: string;
  /** Old 9-digit CMND, "" for those born from 2000. */
  SoCMND: string;
  /** "1" male, "2" female (population database coding, specs B2). */
  GioiTinh: string;
  /** yyyyMMdd */
  NgayThangNamSinh: string;
  /** Permanent address (ThuongTru) written out in full. */
  DiaChi: string;
  SoDienThoai: string;
  ThuDienTu: string;
}

export interface WorldEnterprise {
  index: number;
  /** Ours (the world gives enterprises none): UUID-shaped and decodable, see {@link organisationTechId}. */
  techId: string;
  /** ENTERPRISE_GDT_CODE: the 10-digit tax code, also the enterprise code (specs B4). */
  MaSoThue: string;
  TenDoanhNghiep: string;
  /** The first legal representative's full name. */
  NguoiDaiDien: string;
  /** HOAddress.AddressFullText */
  DiaChi: string;
  /** [I] the registry holds no contact for the enterprise: its first legal representative's. */
  SoDienThoai: string;
  ThuDienTu: string;
}

export interface WorldPort {
  readonly seed: number;
  citizen(index: number): WorldCitizen | undefined;
  enterprise(index: number): WorldEnterprise | undefined;
  /** By SoDinhDanh (12 digits) or SoCMND (9 digits). */
  citizenById(id: string): WorldCitizen | undefined;
  citizenByTechId(techId: string): WorldCitizen | undefined;
  enterpriseByTaxCode(taxCode: string): WorldEnterprise | undefined;
  enterpriseByTechId(techId: string): WorldEnterprise | undefined;
}

/**
 * An organisation's TechID: UUID-shaped, a seed-keyed hash in front and the tax code in the last group
 * (`…-00<10 digits>`), so any process decodes it back to the enterprise without a lookup table.
 */
export function organisationTechId(seed: number, taxCode: string): string {
  const h = createHash('sha256').update(`dvcqg-techid:${seed}:${taxCode}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-b${h.slice(17, 20)}-00${taxCode}`;
}

function fullAddress(c: Citizen): string {
  const a = c.ThuongTru;
  const parts = [a.ChiTiet, wardByCode(a.MaPhuongXa)?.name, districtByCode(a.MaQuanHuyen)?.name, provinceByGsoCode(a.MaTinhThanh)?.fullName];
  return parts.filter((p): p is string => Boolean(p)).join(', ');
}

function toCitizen(c: Citizen): WorldCitizen {
  return {
    index: c.index,
    techId: c.techId,
    HoVaTen: c.HoVaTen,
    SoDinhDanh: c.SoDinhDanh,
    SoCMND: c.SoCMND,
    GioiTinh: String(c.GioiTinh),
    NgayThangNamSinh: c.NgayThangNamSinh,
    DiaChi: fullAddress(c),
    SoDienThoai: c.SoDienThoai,
    ThuDienTu: c.ThuDienTu,
  };
}

function toEnterprise(world: World, e: Enterprise): WorldEnterprise {
  const main = e.MainInformation;
  const rep = e.legalRepresentatives[0];
  const person = rep ? citizen(world, rep.citizenIndex) : undefined;
  return {
    index: e.index,
    techId: organisationTechId(world.seed, main.ENTERPRISE_GDT_CODE),
    MaSoThue: main.ENTERPRISE_GDT_CODE,
    TenDoanhNghiep: main.NAME,
    NguoiDaiDien: rep?.HoVaTen ?? main.LEGAL_NAMES.split(';')[0] ?? '',
    DiaChi: main.HOAddress.AddressFullText,
    SoDienThoai: person?.SoDienThoai ?? '',
    ThuDienTu: person?.ThuDienTu ?? '',
  };
}

export function openWorld(world: World): WorldPort {
  const seed = world.seed;
  const inRange = (i: number, n: number) => Number.isInteger(i) && i >= 0 && i < n;
  const byTax = (code: string) => {
    const e = /^\d{10}$/.test(code) ? enterpriseByTaxCode(world, code) : null;
    return e ? toEnterprise(world, e) : undefined;
  };
  return {
    seed,
    citizen: (i) => (inRange(i, world.population) ? toCitizen(citizen(world, i)) : undefined),
    enterprise: (i) => (inRange(i, world.enterprises) ? toEnterprise(world, enterprise(world, i)) : undefined),
    citizenById: (id) => {
      const c = /^\d{12}$/.test(id) ? citizenById(world, id) : /^\d{9}$/.test(id) ? citizenByCmnd(world, id) : null;
      return c ? toCitizen(c) : undefined;
    },
    citizenByTechId: (techId) => {
      const c = citizenByTechId(world, techId);
      return c ? toCitizen(c) : undefined;
    },
    enterpriseByTaxCode: byTax,
    enterpriseByTechId: (techId) => {
      const code = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-b[0-9a-f]{3}-00(\d{10})$/.exec(techId)?.[1];
      const e = code ? byTax(code) : undefined;
      return e?.techId === techId ? e : undefined;
    },
  };
}
