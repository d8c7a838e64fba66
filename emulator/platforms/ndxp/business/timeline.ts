/**
 * How a filing moves through the business registration office, as a pure function of its draws and the
 * emulator clock (nothing is stored): received → processing → registered, refused, or a request to amend
 * (then resubmitted and decided again, or cancelled). Law on Enterprises 2020 art. 26 and Decree 01/2021/NĐ-CP:
 * the office decides within 3 working days of receiving a valid filing [M].
 */
import { AFTERNOON, MORNING, addWorkingDays, formatDate, instantOf, isWorkingDay, vnDayOf, workingDayOnOrAfter } from './calendar.js';
import type { ProcessStatus } from './codes.js';

/** Days an amendment request waits for the applicant before the filing is cancelled [M: Decree 01/2021]. */
export const SUPPLEMENT_WAIT_DAYS = 60;
/** Working days the office has to decide (PLAN_DATE) [M: Law on Enterprises 2020 art. 26]. */
export const DECISION_WORKING_DAYS = 3;

export interface Timeline {
  receivedAt: number;
  /** First working day on or after the receipt day: the day the 3 working days count from. */
  intakeDay: number;
  processingAt: number;
  firstDecision: { at: number; outcome: 'registered' | 'supplement' | 'refused' };
  /** Supplement path only: the amended filing arrives (SUPPLEMENT_DATE), or never. */
  resubmittedAt: number | null;
  secondDecision: { at: number; outcome: 'registered' | 'refused' } | null;
  cancelledAt: number | null;
}

export interface TimelineView {
  PLAN_DATE: string;
  PROCESS_STATUS: ProcessStatus;
  REGISTRATION_DATE: string;
  SUPPLEMENT_DATE: string;
  /** Instant of registration when it has happened by `now` (the new enterprise exists from then). */
  registeredAt: number | null;
}

/** A uniform draw in [0, 1). */
export type Draw = () => number;

/** A second within office hours for a draw in [0, 1): 7:30–11:30 then 13:00–17:00. */
export function officeSecond(u: number): number {
  const morning = MORNING.to - MORNING.from;
  const afternoon = AFTERNOON.to - AFTERNOON.from;
  const s = Math.floor(u * (morning + afternoon));
  return s < morning ? MORNING.from + s : AFTERNOON.from + (s - morning);
}

/** The entry a uniform draw in [0, 1) picks from a weighted table. */
export function weighted<T>(draw: number, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((a, [, w]) => a + w, 0);
  let x = draw * total;
  for (const [v, w] of table) {
    if (x < w) return v;
    x -= w;
  }
  return (table[table.length - 1] as readonly [T, number])[0];
}

// Outcome shares [I: order of magnitude; most filings go through, some are sent back, few refused].
const FIRST_OUTCOMES = [['registered', 80], ['supplement', 15], ['refused', 5]] as const;
const SECOND_OUTCOMES = [['registered', 90], ['refused', 10]] as const;
// Working days to the decision: mostly within the 3 allowed; a few late (trễ hạn).
const DECISION_DAYS = [[1, 30], [2, 45], [3, 22], [4, 3]] as const;

/** Draws a filing's whole life from its receipt instant; `draw` must be the filing's own seeded stream. */
export function drawTimeline(receivedAt: number, draw: Draw): Timeline {
  const receiptDay = vnDayOf(receivedAt);
  const onWorkingDay = isWorkingDay(receiptDay);
  const intakeDay = workingDayOnOrAfter(receiptDay);
  // An officer opens it within hours; filings that arrive on a day off wait for the next morning.
  const processingAt = onWorkingDay
    ? receivedAt + Math.floor((15 + draw() * 165) * 60_000)
    : instantOf(intakeDay, MORNING.from + Math.floor((15 + draw() * 105) * 60));
  const outcome = weighted(draw(), FIRST_OUTCOMES);
  const decisionDay = addWorkingDays(intakeDay, weighted(draw(), DECISION_DAYS));
  const firstDecision = { at: instantOf(decisionDay, officeSecond(draw())), outcome };
  const resubmits = draw() < 0.75;
  const resubmitDay = addWorkingDays(decisionDay, 1 + Math.floor(draw() * 10));
  const resubmitSecond = officeSecond(draw());
  const secondDay = addWorkingDays(resubmitDay, weighted(draw(), DECISION_DAYS.slice(0, 3)));
  const secondSecond = officeSecond(draw());
  const secondOutcome = weighted(draw(), SECOND_OUTCOMES);
  if (outcome !== 'supplement') return { receivedAt, intakeDay, processingAt, firstDecision, resubmittedAt: null, secondDecision: null, cancelledAt: null };
  if (!resubmits) {
    return { receivedAt, intakeDay, processingAt, firstDecision, resubmittedAt: null, secondDecision: null, cancelledAt: firstDecision.at + SUPPLEMENT_WAIT_DAYS * 86_400_000 };
  }
  return {
    receivedAt,
    intakeDay,
    processingAt,
    firstDecision,
    resubmittedAt: instantOf(resubmitDay, resubmitSecond),
    secondDecision: { at: instantOf(secondDay, secondSecond), outcome: secondOutcome },
    cancelledAt: null,
  };
}

const STATUS_OF = { registered: '4', refused: '5', supplement: '3' } as const;

/** The filing as the registry shows it at `now`. */
export function viewAt(t: Timeline, now: number): TimelineView {
  const resubmitted = t.resubmittedAt !== null && t.resubmittedAt <= now;
  const planFrom = resubmitted ? vnDayOf(t.resubmittedAt as number) : t.intakeDay;
  let status: ProcessStatus;
  let registeredAt: number | null = null;
  if (now < t.processingAt) status = '1';
  else if (now < t.firstDecision.at) status = '2';
  else if (t.firstDecision.outcome !== 'supplement') {
    status = STATUS_OF[t.firstDecision.outcome];
    if (t.firstDecision.outcome === 'registered') registeredAt = t.firstDecision.at;
  } else if (t.secondDecision && resubmitted) {
    if (now < t.secondDecision.at) status = '2';
    else {
      status = STATUS_OF[t.secondDecision.outcome];
      if (t.secondDecision.outcome === 'registered') registeredAt = t.secondDecision.at;
    }
  } else if (t.cancelledAt !== null && now >= t.cancelledAt) status = '6';
  else status = '3';
  return {
    PLAN_DATE: formatDate(addWorkingDays(planFrom, DECISION_WORKING_DAYS)),
    PROCESS_STATUS: status,
    REGISTRATION_DATE: registeredAt === null ? '' : formatDate(vnDayOf(registeredAt)),
    SUPPLEMENT_DATE: resubmitted ? formatDate(vnDayOf(t.resubmittedAt as number)) : '',
    registeredAt,
  };
}
