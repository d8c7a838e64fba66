/**
 * The applicant across platforms: who the harness brings to the desk (a person of the emulator's world), the
 * SUT's population lookups of that person as they reached the database through NDXP (read with the
 * database's own readers), and the identity a dossier the SUT synced to DVCQG carries (ChuHoSo, MaDoiTuong,
 * judged against the person's TechID, which the citizen sample carries as the portal answers it).
 */
import type { EvidenceEvent } from '../../../emulator/core/evidence.js';
import { foldName } from '../../../emulator/platforms/ndxp/population/identity.js';
import { OperationRequest, readPersonKey } from '../../../emulator/platforms/ndxp/population/request.js';
import { DAN_NS, operationElement } from '../../../emulator/platforms/ndxp/population/wire/envelope.js';
import { childNamed, parseXml } from '../../../emulator/platforms/ndxp/population/wire/xml.js';
import { apiCalls, sutExchanges } from '../ndxp/sut.js';
import type { ScenarioContext } from '../types.js';

/** Population operations that check a person: a lookup answers the citizen, a verification answers TonTai. */
const IDENTITY_OPERATIONS = ['TraCuuThongTinCongDan', 'XacThucThongTinCongDan'] as const;

export interface PopulationLookup {
  event: EvidenceEvent;
  operation: string;
  /** The database answered with this very person (a CongDan with the ID, or TonTai true). */
  confirmed: boolean;
  /** For an unconfirmed one: what the database answered, in words. */
  answer: string;
}

/** What the database answered to one identity call, read from the reply as the SUT received it. */
function answerOf(e: EvidenceEvent, operation: string, idNumber: string): { confirmed: boolean; answer: string } {
  if (e.status !== 200) return { confirmed: false, answer: `HTTP ${e.status} (a fault of the gateway or the database)` };
  let doc;
  try {
    doc = parseXml(Buffer.from(e.responseBody ?? '', 'utf8'));
  } catch {
    return { confirmed: false, answer: 'a reply that is not XML' };
  }
  if (operation === 'XacThucThongTinCongDan') {
    const exists = doc.getElementsByTagNameNS(DAN_NS, 'TonTai')[0]?.textContent?.trim();
    return exists === 'true' ? { confirmed: true, answer: 'TonTai true' } : { confirmed: false, answer: `TonTai ${exists ?? '(absent)'}` };
  }
  const people = Array.from(doc.getElementsByTagNameNS('*', 'CongDan'));
  if (people.length === 0) return { confirmed: false, answer: 'an empty CongdanCollection (không tìm thấy: the ID, name and birth date do not match one person)' };
  const ids = people.map((p) => childNamed(p, 'SoDinhDanh')?.textContent?.trim() ?? '');
  return ids.includes(idNumber) ? { confirmed: true, answer: 'the citizen' } : { confirmed: false, answer: `other people (${ids.join(', ')})` };
}

/**
 * The SUT's identity calls to the population database (apiCSDLDC) about `idNumber` since the scenario
 * started, oldest first. Requests are read leniently: whether they are well formed is the NDXP suite's
 * business (ndxp.population.request); here only who was asked and what the database answered count.
 */
export async function populationLookups(t: ScenarioContext, idNumber: string): Promise<PopulationLookup[]> {
  const out: PopulationLookup[] = [];
  for (const e of apiCalls(await sutExchanges(t), 'apiCSDLDC')) {
    let operation: string;
    try {
      const op = operationElement(parseXml(Buffer.from(e.requestBody ?? '', 'utf8')));
      operation = op.localName ?? '';
      if (!(IDENTITY_OPERATIONS as readonly string[]).includes(operation)) continue;
      if (readPersonKey(new OperationRequest(op, 'lenient'), false)?.SoDinhDanh !== idNumber) continue;
    } catch {
      continue; // unreadable: not a lookup of this person the database could answer
    }
    out.push({ event: e, operation, ...answerOf(e, operation, idNumber) });
  }
  return out;
}

export interface Person {
  idNumber: string;
  name: string;
  /** The DVCQG TechID (the `techId` of the citizen sample, `GET /_lienthong/ndxp/citizens`); null: none known. */
  techId: string | null;
}

/**
 * What is wrong with the applicant a synced dossier object names, against `person`: ChuHoSo must be the
 * person's name (compared folded: case, diacritics and spacing aside) and MaDoiTuong the person's TechID,
 * or their ID number as some clients send it (specs/dvcqg-ndxp.md §A3).
 */
export function identityProblems(item: Record<string, unknown>, person: Person): string[] {
  const problems: string[] = [];
  const owner = typeof item.ChuHoSo === 'string' ? item.ChuHoSo : '';
  if (foldName(owner) !== foldName(person.name)) problems.push(`ChuHoSo is ${JSON.stringify(item.ChuHoSo ?? null)}, the verified applicant is "${person.name}"`);
  const subject = typeof item.MaDoiTuong === 'string' ? item.MaDoiTuong.trim() : '';
  const accepted = [person.techId, person.idNumber].filter((x): x is string => !!x);
  if (!accepted.includes(subject)) {
    problems.push(`MaDoiTuong is ${JSON.stringify(item.MaDoiTuong ?? null)}, not the applicant's DVCQG TechID${person.techId ? ` ${person.techId}` : ''} or ID number ${person.idNumber}`);
  }
  return problems;
}

/** True when a synced dossier object names `person` by name or by TechID / ID number. */
export function namesPerson(item: Record<string, unknown>, person: Person): boolean {
  const owner = typeof item.ChuHoSo === 'string' ? foldName(item.ChuHoSo) : '';
  const subject = typeof item.MaDoiTuong === 'string' ? item.MaDoiTuong.trim() : '';
  return (owner !== '' && owner === foldName(person.name)) || (subject !== '' && (subject === person.techId || subject === person.idNumber));
}

export interface SyncedItem {
  event: EvidenceEvent;
  item: Record<string, unknown>;
}

/** Every dossier object the SUT sent with DongBoHoSoMC since the scenario started, oldest first. */
export async function syncedDossiers(t: ScenarioContext): Promise<SyncedItem[]> {
  const out: SyncedItem[] = [];
  for (const event of await t.events({ platform: 'dvcqg', operation: 'DongBoHoSoMC' })) {
    let body: unknown;
    try {
      body = JSON.parse(event.requestBody ?? '');
    } catch {
      continue;
    }
    const data = (body as { data?: unknown })?.data;
    for (const item of Array.isArray(data) ? data : []) if (item && typeof item === 'object') out.push({ event, item: item as Record<string, unknown> });
  }
  return out;
}
