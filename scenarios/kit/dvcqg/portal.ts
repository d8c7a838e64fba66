/**
 * What the SUT told DVCQG about a dossier, read from the evidence log and the portal's own record, and the
 * portal's findings on each call sorted by the requirement they break. The findings are the emulator's:
 * in lenient mode the rules it only imposes in strict mode come back as warnings on the exchange, in strict
 * mode as the refusal's `problems`; both are read, so the verdict does not depend on the account's mode.
 */
import type { EvidenceEvent } from '../../../emulator/core/evidence.js';
import type { Timeliness } from '../../../emulator/platforms/dvcqg/dossiers.js';
import { HarnessError } from '../errors.js';
import type { ScenarioContext } from '../types.js';

type Json = Record<string, unknown>;

/** The dossier services of §A2 a one-stop system writes with. */
export const DOSSIER_SERVICES = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC', 'DongBoTrangThaiHoSo'] as const;

export interface Problem {
  code: string;
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

/** One call of the SUT that carried the dossier. */
export interface PortalCall {
  event: EvidenceEvent;
  service: string;
  /** The dossier's item in `data`, as sent. */
  item: Json;
  accepted: boolean;
  /** The portal's findings that concern this dossier (its `data[i]` fields, or the whole call). */
  problems: Problem[];
}

/** GET /_lienthong/dvcqg/dossiers/:MaHoSo. */
export interface DossierView {
  MaHoSo: string;
  madonvi: string;
  MaTTHC: string;
  TrangThaiHoSo: number;
  status: string;
  receivedAt: string;
  timeliness: Timeliness;
  data: Json;
  history: Array<{ kind: string; TrangThai: number; at: string; recordedAt: string; data: Json; warnings: string[] }>;
  legalDue: { processingDays: number; dueAt: string } | null;
}

function parse(text: string | null): Json | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Findings of one exchange: its verdicts and, for a refusal, every problem the reply lists. */
function findings(event: EvidenceEvent): Problem[] {
  const out = new Map<string, Problem>();
  const reply = parse(event.responseBody);
  // A refusal lists every problem; its verdict repeats the first one (with "and N more"), so the list wins.
  if (Array.isArray(reply?.problems)) {
    for (const p of reply.problems as Json[]) out.set(`${String(p.code)}|${String(p.field ?? '')}`, { code: String(p.code), field: String(p.field ?? ''), message: String(p.message), severity: 'error' });
  }
  for (const v of event.verdicts) {
    const key = `${v.code}|${v.field ?? ''}`;
    if (v.severity !== 'info' && !out.has(key)) out.set(key, { code: v.code, field: v.field ?? '', message: v.message, severity: v.severity });
  }
  return [...out.values()];
}

/** Every call of the SUT since the scenario started that carried `maHoSo`, oldest first. */
export async function callsAbout(t: ScenarioContext, maHoSo: string, services: readonly string[] = DOSSIER_SERVICES): Promise<PortalCall[]> {
  const events = await t.events({ platform: 'dvcqg' });
  const out: PortalCall[] = [];
  for (const event of events) {
    if (!event.operation || !services.includes(event.operation)) continue;
    const body = parse(event.requestBody);
    const data = Array.isArray(body?.data) ? (body.data as unknown[]) : [];
    const index = data.findIndex((x) => !!x && typeof x === 'object' && (x as Json).MaHoSo === maHoSo);
    if (index < 0) continue;
    const reply = parse(event.responseBody);
    const own = `data[${index}]`;
    out.push({
      event,
      service: event.operation,
      item: data[index] as Json,
      accepted: event.status >= 200 && event.status < 300 && (reply?.error_code === 0 || reply?.error_code === '0' || reply?.error_code === '00'),
      // A finding on another item of a batch is that item's business; call-level findings concern all.
      problems: findings(event).filter((p) => !/^data\[\d+\]/.test(p.field) || p.field === own || p.field.startsWith(`${own}.`) || p.field.startsWith(`${own}[`)),
    });
  }
  return out;
}

/** The requirement a portal finding on a dossier call breaks (`fallback` for the shape rules). */
export function requirementOf(p: Problem, fallback: string): string {
  if (p.code === 'DVCQG_STATUS_TRANSITION') return 'dvcqg.progress.order';
  if (['DVCQG_DOSSIER_BAD_CODE', 'DVCQG_PROCEDURE_UNKNOWN', 'DVCQG_AGENCY_MISMATCH', 'DVCQG_DOSSIER_NOT_OWNER'].includes(p.code)) return 'dvcqg.sync.codes';
  // The catalogue's name and field of the procedure (warnings on TenTTHC / MaLinhVuc), and the agency code of the call.
  if (p.code === 'DVCQG_BAD_PARAMETER' && /\.(TenTTHC|MaLinhVuc)$/.test(p.field)) return 'dvcqg.sync.codes';
  if (p.code === 'DVCQG_MISSING_PARAMETER' && p.field === 'madonvi') return 'dvcqg.sync.codes';
  return fallback;
}

/** The portal's record of a dossier, or null when it does not have it. */
export async function inspect(t: ScenarioContext, maHoSo: string): Promise<DossierView | null> {
  let res: Response;
  try {
    res = await fetch(new URL(`/_lienthong/dvcqg/dossiers/${encodeURIComponent(maHoSo)}`, t.emulatorUrl), { signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new HarnessError(`cannot reach the emulator at ${t.emulatorUrl} (${(err as Error).message})`);
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new HarnessError(`emulator GET /_lienthong/dvcqg/dossiers/${maHoSo} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as DossierView;
}

export async function mustInspect(t: ScenarioContext, maHoSo: string): Promise<DossierView> {
  const d = await inspect(t, maHoSo);
  if (!d) throw new HarnessError(`the portal has no dossier ${maHoSo}`);
  return d;
}

/** The wall-clock wait for the SUT (scenario input `waitMs`). */
export const WAIT_INPUT = {
  waitMs: { description: 'how long to wait for the SUT to tell the portal (it may sync in the background), in milliseconds', default: 30_000 },
} as const;

export const waitMs = (t: ScenarioContext): number => Number(t.inputs.waitMs ?? 30_000);

/** Waits until the SUT has sent the dossier with DongBoHoSoMC (accepted or not), failing `requirement` otherwise. */
export async function awaitSync(t: ScenarioContext, maHoSo: string, requirement: string): Promise<PortalCall[]> {
  return t.waitFor(`DongBoHoSoMC carrying ${maHoSo}`, async () => {
    const calls = await callsAbout(t, maHoSo, ['DongBoHoSoMC']);
    return calls.length > 0 ? calls : null;
  }, { timeoutMs: waitMs(t), requirement });
}

/** The evidence log's position now: calls after it are the reaction to what the harness does next. */
export async function mark(t: ScenarioContext): Promise<number> {
  return (await t.events({ platform: 'dvcqg' })).at(-1)?.seq ?? 0;
}

/**
 * Waits until the portal shows the dossier at one of `statuses`, failing `requirement` otherwise. With
 * `since`, a call about the dossier the portal refused after that point ends the wait at once, failing
 * the requirement its first finding breaks (when it is one of `allowed`, else `requirement`).
 */
export async function awaitStatus(t: ScenarioContext, maHoSo: string, statuses: number[], requirement: string, opts: { since?: number; allowed?: readonly string[] } = {}): Promise<DossierView> {
  return t.waitFor(
    `the portal showing ${maHoSo} at status ${statuses.join(' or ')}`,
    async () => {
      const d = await inspect(t, maHoSo);
      if (d && statuses.includes(d.TrangThaiHoSo)) return d;
      if (opts.since === undefined) return null;
      const refused = (await callsAbout(t, maHoSo)).filter((c) => c.event.seq > opts.since! && !c.accepted);
      const first = refused[0];
      if (!first) return null;
      const p = first.problems[0];
      const req = p ? requirementOf(p, requirement) : requirement;
      t.require((opts.allowed ?? []).includes(req) ? req : requirement, false, {
        message: `the portal refused the SUT's ${first.service} of ${maHoSo}, so it does not show status ${statuses.join(' or ')}: ${p?.message ?? `HTTP ${first.event.status}`}`,
        expected: `status ${statuses.join(' or ')} reported and accepted`,
        actual: p ? `${p.code} at ${p.field || 'the call'}` : first.event.responseBody?.slice(0, 300) ?? null,
        evidence: refused.map((c) => c.event.seq),
      });
      return null;
    },
    { timeoutMs: waitMs(t), requirement },
  );
}

/** Reports each finding of `calls` under its requirement (those outside `allowed` under `fallback`). */
export function checkCalls(t: ScenarioContext, calls: PortalCall[], fallback: string, allowed: readonly string[]): void {
  for (const c of calls) {
    for (const p of c.problems) {
      const req = requirementOf(p, fallback);
      t.check(allowed.includes(req) ? req : fallback, false, {
        message: `${c.service} ${c.accepted ? 'accepted with a finding' : 'refused'}: ${p.message}`,
        expected: 'a call the portal takes without findings',
        actual: `${p.code} at ${p.field || 'the call'} (${p.severity})`,
        evidence: [c.event.seq],
      });
    }
  }
}

/** A test citizen of the emulator's world (the SSO account list): the applicant scenarios use. */
export async function testCitizen(t: ScenarioContext, index = 0): Promise<{ idNumber: string; name: string; techId: string; claims: Record<string, unknown> }> {
  const { accounts } = await t.control<{ accounts: Array<{ loginHint: string; techId: string; claims: Record<string, unknown> }> }>('GET', `/_lienthong/dvcqg/sso/accounts?kind=citizen&limit=${index + 1}`);
  const a = accounts[index];
  if (!a) throw new HarnessError('the emulator lists no test citizen (GET /_lienthong/dvcqg/sso/accounts)');
  return { idNumber: a.loginHint, name: String(a.claims.HoVaTen), techId: a.techId, claims: a.claims };
}

/** The applicant params of dvcqg.receiveDossier for a test citizen. */
export function applicantOf(c: { idNumber: string; name: string; claims: Record<string, unknown> }): Record<string, string> {
  const s = (k: string) => (typeof c.claims[k] === 'string' ? (c.claims[k] as string) : '');
  return { idNumber: c.idNumber, name: c.name, ...(s('SoDienThoai') ? { phone: s('SoDienThoai') } : {}), ...(s('ThuDienTu') ? { email: s('ThuDienTu') } : {}), ...(s('DiaChi') ? { address: s('DiaChi') } : {}) };
}
