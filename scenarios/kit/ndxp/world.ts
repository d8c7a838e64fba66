/**
 * Inputs from the emulator's synthetic world (the control plane's samples), so a scenario asks about people
 * and enterprises the national databases know, and about ones they certainly do not.
 */
import { formatTaxCode, provinceByTaxPrefix } from '../../../emulator/core/world/index.js';
import { vnParts } from '../../../emulator/core/clock.js';
import { foldName } from '../../../emulator/platforms/ndxp/population/identity.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';

export interface CitizenSample {
  SoDinhDanh: string;
  /** The person's DVCQG TechID (what the portal's TraCuuTechID answers for SoDinhDanh). */
  techId: string;
  HoVaTen: string;
  NgayThangNamSinh: string;
  GioiTinh: string;
}

export interface EnterpriseSample {
  msdn: string;
  NAME: string;
  ENTERPRISE_STATUS: string;
}

/** Today in Vietnam on the emulator clock, yyyyMMdd. */
export async function today(t: ScenarioContext): Promise<string> {
  const p = vnParts(await t.clock.now());
  return `${p.year}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
}

/** Adults of the world (an official looks up applicants), `count` of them from `offset` on. */
export async function citizens(t: ScenarioContext, offset: number, count = 1): Promise<CitizenSample[]> {
  const now = await today(t);
  const { count: population } = await t.control<{ count: number }>('GET', '/_lienthong/ndxp/citizens?limit=1');
  const { citizens: all } = await t.control<{ citizens: CitizenSample[] }>('GET', `/_lienthong/ndxp/citizens?limit=50&offset=${offset % population}`);
  const adults = all.filter((c) => Number(now) - Number(c.NgayThangNamSinh) >= 180_000);
  if (adults.length < count) throw new HarnessError(`the emulator's world has fewer than ${count} adults in its sample at offset ${offset}`);
  return adults.slice(0, count);
}

/** Two adults whose names differ after folding: one's ID with the other's name is nobody. */
export async function mismatchedPair(t: ScenarioContext, offset: number): Promise<[CitizenSample, CitizenSample]> {
  const people = await citizens(t, offset, 2);
  const [a, b] = people as [CitizenSample, CitizenSample];
  if (foldName(a.HoVaTen) !== foldName(b.HoVaTen)) return [a, b];
  const more = await citizens(t, offset + 1, 3);
  const other = more.find((c) => foldName(c.HoVaTen) !== foldName(a.HoVaTen));
  if (!other) throw new HarnessError('could not find two citizens with different names in the world sample');
  return [a, other];
}

export async function enterprise(t: ScenarioContext, offset: number): Promise<EnterpriseSample> {
  const { count } = await t.control<{ count: number }>('GET', '/_lienthong/ndxp/enterprises?limit=1');
  const { enterprises } = count > 0 ? await t.control<{ enterprises: EnterpriseSample[] }>('GET', `/_lienthong/ndxp/enterprises?limit=1&offset=${offset % count}`) : { enterprises: [] };
  if (!enterprises[0]) throw new HarnessError('the emulator\'s world has no enterprises (started with --enterprises 0?)');
  return enterprises[0];
}

/**
 * A well-formed enterprise code (valid check digit, §B4) that no enterprise can have: its first two digits
 * are no province's tax prefix, so the registry knows nobody with it.
 */
export function unknownMsdn(): string {
  if (provinceByTaxPrefix('99')) throw new HarnessError('tax prefix 99 names a province: pick another unknown prefix');
  for (let serial = 1234567; ; serial++) {
    const first9 = `99${serial}`;
    try {
      return formatTaxCode(first9);
    } catch {
      /* Σ mod 11 = 0 has no check digit: next serial */
    }
  }
}
