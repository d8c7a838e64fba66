/** A row of the `qlvanbandieuhanhcap1` catalogue as the Quảng Bình LGSP guide (S4) posts it. */
export const S4_ROW = {
  MaDinhDanhCap1: '000.00.00.H30',
  TenDonVi: 'UBND tỉnh Hậu Giang',
  DiaChi: null,
  Email: null,
  SoDienThoai: null,
  Fax: null,
  Website: null,
  QdBanHanhQdSuaDoi: '1220/QĐ-UBND',
  NgayBanHanhQd: '16/08/2018',
  CoQuanBanHanhQd: 'UBND tỉnh Hậu Giang',
};
