import { it } from 'vitest';
import { makeApp } from '../vdxp/support/fixtures.js';
import { populationPart } from '../../emulator/platforms/ndxp/population/index.js';
import { citizen } from '../../emulator/core/world/index.js';
it('smoke', async () => {
  const app = await makeApp();
  const ctx = app.lienthong;
  try { await populationPart.migrations['ndxp-population-001-licences']!.up(ctx.store.db()); } catch (e) { if (!/already exists/.test(String(e))) throw e; }
  const api = populationPart.apis(ctx)[0]!;
  const c = citizen(ctx.world, 5);
  const body = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dan="http://dancuquocgia.bca"><soapenv:Header/><soapenv:Body><dan:TraCuuThongTinCongDan><dan:MaYeuCau>RANDOM123456789</dan:MaYeuCau><dan:MaDVC>VPCP</dan:MaDVC><dan:MaTichHop>037</dan:MaTichHop><dan:MaCanBo>001090000123</dan:MaCanBo><dan:MaDonVi>000.00.01.H22</dan:MaDonVi><dan:TaiKhoan>canbo1</dan:TaiKhoan><dan:SoDienThoai>0</dan:SoDienThoai><dan:SoDinhDanh>${c.SoDinhDanh}</dan:SoDinhDanh><dan:HoVaTen>${c.HoVaTenKhongDau}</dan:HoVaTen><dan:NgayThangNamSinh><dan:NgayThangNam>${c.NgayThangNamSinh}</dan:NgayThangNam></dan:NgayThangNamSinh></dan:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>`;
  const res = await api.handle({ method: 'POST', resource: '', query: new URLSearchParams(), headers: { 'content-type': 'application/xml' }, body: Buffer.from(body), caller: { clientId: 'c1', agency: 'x' } });
  console.log(res.status, res.body, res.verdicts);
  const list = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dan="http://dancuquocgia.bca"><soapenv:Body><dan:CungCapDanhSachTheoTonGiao><dan:MaYeuCau>1</dan:MaYeuCau><dan:MaDVC>VPCP</dan:MaDVC><dan:MaTichHop>037</dan:MaTichHop><dan:MaCanBo>x</dan:MaCanBo><dan:TonGiao>06</dan:TonGiao><dan:TrangSo>2</dan:TrangSo><dan:SoBanGhi>100</dan:SoBanGhi></dan:CungCapDanhSachTheoTonGiao></soapenv:Body></soapenv:Envelope>`;
  let t = performance.now();
  const r2 = await api.handle({ method: 'POST', resource: '', query: new URLSearchParams(), headers: { 'content-type': 'application/xml' }, body: Buffer.from(list), caller: { clientId: 'c1', agency: 'x' } });
  console.log('list ms', performance.now() - t, r2.status, r2.body.slice(0, 300), r2.body.length);
  t = performance.now();
  const r3 = await api.handle({ method: 'POST', resource: '', query: new URLSearchParams(), headers: { 'content-type': 'application/xml' }, body: Buffer.from(list), caller: { clientId: 'c1', agency: 'x' } });
  console.log('list ms warm', performance.now() - t, r3.status);
  const bad = await api.handle({ method: 'POST', resource: '', query: new URLSearchParams(), headers: { 'content-type': 'application/xml' }, body: Buffer.from(body.replace('<dan:MaDVC>VPCP</dan:MaDVC>', '')), caller: { clientId: 'c1', agency: 'x' } });
  console.log(bad.status, bad.body);
  await app.close();
});
