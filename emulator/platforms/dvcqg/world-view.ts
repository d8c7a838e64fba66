import type { World } from '../../core/world/citizens.js';
import { openWorld, type WorldPort } from './sso/world.js';

type Json = Record<string, unknown>;

/**
 * The synthetic people and enterprises as the portal's integration services see them: the same accounts
 * (and TechIDs) the SSO signs in, so TraCuuTechID and userinfo always agree.
 */
export class WorldView {
  private readonly world: WorldPort;

  constructor(world: World) {
    this.world = openWorld(world);
  }

  /** TraCuuTechID (§A2): an ID number (12-digit CCCD or 9-digit CMND) or a tax code → the account's TechID. */
  techIdOf(id: string): string | null {
    const trimmed = id.trim();
    if (/^\d{12}$|^\d{9}$/.test(trimmed)) return this.world.citizenById(trimmed)?.techId ?? null;
    if (/^\d{10}(-\d{3})?$/.test(trimmed)) return this.world.enterpriseByTaxCode(trimmed.slice(0, 10))?.techId ?? null;
    return null;
  }

  /** The applicant fields of an online submission; a citizen of the world when no id is given. */
  applicant(id: string | undefined): Json | null {
    if (id === undefined) {
      const c = this.world.citizen(0);
      return c ? { ChuHoSo: c.HoVaTen, SoDinhDanh: c.SoDinhDanh, MaDoiTuong: c.techId, DiaChi: c.DiaChi, SoDienThoai: c.SoDienThoai, Email: c.ThuDienTu } : null;
    }
    if (/^\d{12}$|^\d{9}$/.test(id)) {
      const c = this.world.citizenById(id);
      return c ? { ChuHoSo: c.HoVaTen, SoDinhDanh: c.SoDinhDanh, MaDoiTuong: c.techId, DiaChi: c.DiaChi, SoDienThoai: c.SoDienThoai, Email: c.ThuDienTu } : null;
    }
    const e = this.world.enterpriseByTaxCode(id.slice(0, 10));
    return e ? { ChuHoSo: e.TenDoanhNghiep, MaSoThue: e.MaSoThue, MaDoiTuong: e.techId, DiaChi: e.DiaChi, SoDienThoai: e.SoDienThoai, Email: e.ThuDienTu } : null;
  }
}
