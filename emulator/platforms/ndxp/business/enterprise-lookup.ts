/**
 * chiTietDoanhNghiep's view of the registry at the emulator clock: the world's enterprises (as generated,
 * "as of" 1 January 2025) that were founded by today, plus the enterprises whose founding filing has been
 * registered by now (filings.ts), decoded from their code in O(1).
 */
import { type Enterprise, type EnterpriseMainInformation, type World, enterprise, enterpriseIndexByTaxCode } from '../../../core/world/index.js';
import { formatDate, parseDate, vnDayOf } from './calendar.js';
import { filing, filingOfNewIndex, filingsOn, widenedWorld } from './filings.js';
import { viewAt } from './timeline.js';

export interface RegisteredEnterprise {
  MainInformation: EnterpriseMainInformation;
  /** Representatives as S1 reads them: `Data.Representatives.FULL_NAME` [C]. */
  Representatives: { FULL_NAME: string };
  enterprise: Enterprise;
}

function view(e: Enterprise, main: EnterpriseMainInformation = e.MainInformation): RegisteredEnterprise {
  return { MainInformation: main, Representatives: { FULL_NAME: main.LEGAL_NAMES.split(';')[0] ?? '' }, enterprise: e };
}

/** The enterprise with this 10-digit code in the registry at `now`, or null. The code must already be valid. */
export function registeredEnterprise(world: World, code: string, now: number): RegisteredEnterprise | null {
  const today = vnDayOf(now);
  const index = enterpriseIndexByTaxCode(world, code);
  if (index !== null) {
    // The world's record as generated: later change filings are not applied to it (decision 012).
    const e = enterprise(world, index);
    const founded = parseDate(e.MainInformation.FOUNDING_DATE);
    // A clock set before the world's date: enterprises founded after "today" do not exist yet.
    return founded.ok && founded.day > today ? null : view(e);
  }
  const wideIndex = enterpriseIndexByTaxCode(widenedWorld(world), code);
  if (wideIndex === null) return null;
  const origin = filingOfNewIndex(world, wideIndex);
  if (!origin || origin.seq > filingsOn(world, origin.day)) return null;
  const f = filing(world, origin.day, origin.seq);
  if (f.newIndex !== wideIndex) return null; // that slot's filing is a change, not a founding
  const registeredAt = viewAt(f.timeline, now).registeredAt;
  if (registeredAt === null) return null;
  const m = f.enterprise.MainInformation;
  return view(f.enterprise, {
    ...m,
    IMP_BUSINESS_CODE: '',
    FOUNDING_DATE: formatDate(vnDayOf(registeredAt)),
    LAST_AMEND_DATE: '',
    NUMBER_CHANGES: 0,
    ENTERPRISE_STATUS: 'Đang hoạt động',
  });
}
