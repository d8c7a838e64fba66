/**
 * The Decision 766/QĐ-TTg service-quality index (Bộ chỉ số phục vụ người dân, doanh nghiệp), specs
 * dvcqg-ndxp.md §A11: a pure computation and its renderer. Decisions: docs/decisions/008-qd766-index.md.
 */
export type * from './model.js';
export { GROUPS, INDICATORS, labelText, type GroupDef, type IndicatorDef, type Label } from './indicators.js';
export { computeKpi, isOnTime, ratingMonthStart, round, scoreRatio } from './compute.js';
export {
  isGroupId,
  pageFromRequest,
  parseEvaluationRequest,
  periodFromRequest,
  renderEvaluation,
  renderIndex,
  type EvaluationChild,
  type EvaluationItem,
  type EvaluationReply,
  type FieldError,
  type IndexReply,
  type Page,
  type Parsed,
  type TimeType,
} from './render.js';
