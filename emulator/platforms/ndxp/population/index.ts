/**
 * The National Population Database (CSDL quốc gia về dân cư, Bộ Công an / C06) behind the NDXP gateway:
 * SOAP 1.1 in http://dancuquocgia.bca over the shared synthetic world (specs/dvcqg-ndxp.md §B2, §B3).
 * Decisions and certainty: docs/decisions/011-population-soap.md.
 *
 * LIMITATIONS
 * - The asynchronous batch API (GetRequests, GetRequestStatus, GetRequestResult, GetResultDetailAsRecords,
 *   GetResultDetailAsFile, GetRequestDetail, GetRequestHistory, DeleteRequest) is not served: it answers
 *   Fault 006 naming it.
 * - Only TraCuuThongTinCongDan's request and reply are known from public clients; the other operations'
 *   field names, the XacMinh… views, the list paging fields and every error code but 004 and 005 are ours.
 * - The real wire form of errors is not public: ours are SOAP 1.1 Faults with errorCode in <detail>.
 * - No WSDL is served (GET answers 405); the X-Road-style headers one client sends (Timestamp, X-Road-Client,
 *   ApiKey, Basic auth) are neither required nor checked: the gateway's bearer token authenticates.
 * - MaYeuCau is required but its uniqueness is not enforced; nothing of a lookup is stored (the evidence log
 *   keeps the exchange).
 * - NoiDangKyKhaiSinh, QueQuan and NguoiDaiDien are derived from the world (birth province of the ID, the
 *   father's line, a minor's parent); nobody in the world has died or gone missing (TinhTrangChetMatTich 0).
 * - Lists are drawn from the first 100 000 citizens of the world and filter on the permanent residence
 *   (ThuongTru); no lookup by SoSoHoKhau alone.
 */
import type { EmulatorContext } from '../../../core/context.js';
import type { NdxpPart } from '../upstream.js';
import { populationApi } from './api.js';
import { clearLicences, populationMigrations, registerLicenceControl } from './licences.js';

export { POPULATION_ERRORS } from './errors.js';

export const POPULATION_LIMITATIONS: readonly string[] = [
  'Population database: the asynchronous batch API (GetRequests, GetRequestStatus, GetRequestResult, GetResultDetailAs{Records,File}, GetRequestDetail, GetRequestHistory, DeleteRequest) is not served.',
  'Population database: only TraCuuThongTinCongDan is known from public clients; other operations\' fields, the XacMinh views, list paging (TrangSo/SoBanGhi) and error codes other than 004/005 are the emulator\'s (decision 011).',
  'Population database: errors are SOAP 1.1 Faults with errorCode in <detail>; the real wire form of errors is not public.',
  'Population database: no WSDL (GET answers 405); X-Road-style headers (Timestamp, X-Road-Client, ApiKey) are not checked.',
  'Population database: MaYeuCau uniqueness is not enforced.',
  'Population database: NoiDangKyKhaiSinh, QueQuan and NguoiDaiDien are derived from the world; nobody has died or gone missing.',
  'Population database: lists are drawn from the first 100 000 citizens and filter on ThuongTru; no lookup by SoSoHoKhau alone.',
];

export const populationPart: NdxpPart = {
  name: 'population',
  migrations: populationMigrations,
  limitations: POPULATION_LIMITATIONS,
  apis: (ctx: EmulatorContext) => [populationApi(ctx)],
  registerControl: registerLicenceControl,
  clear: (ctx, opts) => clearLicences(ctx, opts.keepSystems),
};
