/**
 * National procedure catalogue (TTHC) of the DVCQG emulator: pure data and wire renderers, no HTTP.
 * See generate.ts for the documented choices (code convention, MUCDO values, MaDVC suffix, counts).
 */
export {
  buildCatalogue,
  agencyCatalogueStats,
  madvcOf,
  parseProcedureCode,
  foldText,
  PROCEDURE_COUNT,
  LEVEL_COUNTS,
  ONLINE_FULL_COUNT,
  ONLINE_PARTIAL_COUNT,
  LEVEL_DIGIT,
  MUCDO,
  MADVC_APPEND,
  DAY_UNIT,
  STATUS_PUBLISHED,
  SPEC_EXAMPLE_CODES,
  NATIONAL_CODE_RE,
} from './generate.js';
export type {
  Catalogue,
  CatalogueAgency,
  CatalogueField,
  Procedure,
  ProcedureCase,
  ProcedureDocument,
  ProcedureResult,
  Fee,
  LegalBasis,
  OnlineLevel,
  Channel,
  MucDo,
} from './generate.js';
export {
  renderThuTuc,
  renderDvc,
  renderTthcListItem,
  renderLinhVuc,
  renderCoQuan,
  queryProcedures,
  FEE_UNIT,
  LEVEL_LABEL,
} from './render.js';
export type { ThuTucWire, DvcWire, TthcListItemWire, LinhVucWire, CoQuanWire, PhiLePhiWire, ProcedureQuery, ProcedurePage } from './render.js';
export { FIELD_SPECS, MINISTRIES } from './fields.js';
export type { ProcedureLevel, ProcedureKind, ApplicantType } from './fields.js';
export { REAL_PROCEDURES } from './real-procedures.js';
