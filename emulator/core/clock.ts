import { coreError } from './errors.js';

/** All time in the emulator comes from a Clock, so deadlines can be tested in milliseconds. */
export interface Clock {
  readonly mode: 'real' | 'virtual';
  now(): Date;
  /** Virtual clock only: move forward by an ISO 8601 duration (`PT2H`, `P1D`, `P1DT30M`). */
  advance(duration: string): Date;
  /** Virtual clock only: jump to an instant. */
  set(instant: Date): Date;
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses the ISO 8601 durations a tester needs (weeks, days, hours, minutes, seconds) into milliseconds. */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    throw coreError('BAD_DURATION', `advance "${text}" is not an ISO 8601 duration such as PT2H, P1D or P1DT30M`, {
      field: 'advance',
      rule: 'ISO 8601 duration PnWnDTnHnMnS',
    });
  }
  const [, w, d, h, min, s] = m;
  return (
    ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 * 3600 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60) * 1000 +
    Math.round(Number(s ?? 0) * 1000)
  );
}

export function realClock(): Clock {
  return {
    mode: 'real',
    now: () => new Date(),
    advance: () => {
      throw coreError('CLOCK_REAL', 'the clock is real; start the emulator with a virtual clock to move it', { field: 'advance' });
    },
    set: () => {
      throw coreError('CLOCK_REAL', 'the clock is real; start the emulator with a virtual clock to set it', { field: 'set' });
    },
  };
}

/** A virtual clock: real time plus an offset, which a store shared by several processes keeps in step. */
export interface VirtualClock extends Clock {
  readonly mode: 'virtual';
  /** Milliseconds added to real time. */
  offsetMs: number;
}

/** A virtual clock runs with real time from its start instant, and jumps when told (so timestamps still differ). */
export function virtualClock(start: Date = new Date()): VirtualClock {
  let offset = start.getTime() - Date.now();
  return {
    mode: 'virtual',
    get offsetMs() {
      return offset;
    },
    set offsetMs(ms: number) {
      offset = ms;
    },
    now: () => new Date(Date.now() + offset),
    advance(duration) {
      const next = offset + parseDuration(duration);
      // A huge duration would leave an Invalid Date behind and break every later request: refuse it, unchanged.
      if (!Number.isFinite(new Date(Date.now() + next).getTime())) {
        throw coreError('BAD_DURATION', `advance "${duration}" moves the clock beyond the dates JavaScript can represent`, { field: 'advance', rule: 'result within ±8.64e15 ms of 1970' });
      }
      offset = next;
      return new Date(Date.now() + offset);
    },
    set(instant) {
      if (!Number.isFinite(instant.getTime())) {
        throw coreError('BAD_REQUEST', 'set is not a valid instant; send an ISO 8601 date-time such as 2027-01-04T08:00:00+07:00', { field: 'set', rule: 'date-time' });
      }
      offset = instant.getTime() - Date.now();
      return new Date(Date.now() + offset);
    },
  };
}

/** True for clocks made by {@link virtualClock} (or anything exposing the same offset). */
export function isVirtualClock(clock: Clock): clock is VirtualClock {
  return clock.mode === 'virtual' && typeof (clock as Partial<VirtualClock>).offsetMs === 'number';
}

/** Vietnam has one time zone, UTC+7 with no daylight saving; the platforms write local wall time. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Wall-clock parts in Asia/Ho_Chi_Minh. */
export function vnParts(d: Date) {
  const t = new Date(d.getTime() + VN_OFFSET_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    weekday: t.getUTCDay(),
  };
}

/** `yyyy/MM/dd` in Vietnam time, the edXML date form. */
export function vnDate(d: Date): string {
  const p = vnParts(d);
  return `${p.year}/${pad(p.month)}/${pad(p.day)}`;
}

/** `yyyy/MM/dd HH:mm:ss` in Vietnam time, the edXML timestamp form. */
export function vnTimestamp(d: Date): string {
  const p = vnParts(d);
  return `${vnDate(d)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}
