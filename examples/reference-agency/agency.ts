/**
 * The reference agency: a small, correct system under test that implements the harness's hook contract
 * and passes every suite, with defect switches that each break one rule (docs/harness.md).
 */
import type { ActionOutcome } from '../../scenarios/kit/types.js';
import { ActionFailed, type AgencyConfig, type AgencyPart, type DefectSpec } from './part.js';
import { QLVB_DEFECTS, createQlvb } from './qlvb.js';
import { DATA_DEFECTS, createData } from './data.js';
import { MOTCUA_DEFECTS, createMotcua } from './motcua.js';
import { JOURNEY_DEFECTS, createJourney } from './journey.js';
// @parts-imports (each part adds its import here)

export const AGENCY_NAME = 'lienthong reference agency';
export const AGENCY_VERSION = '1.0.0';

/** Every defect switch, by part. */
export const DEFECTS: readonly DefectSpec[] = [
  ...QLVB_DEFECTS,
  ...DATA_DEFECTS,
  ...MOTCUA_DEFECTS,
  ...JOURNEY_DEFECTS,
  // @parts-defects (each part adds its defects here)
];

export interface ReferenceAgencyOptions {
  emulatorUrl: string;
  defects?: readonly string[];
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

export interface ReferenceAgency {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The hook contract: `{status: 'done', result}` or `{status: 'unsupported', reason}`; throws ActionFailed when it could not. */
  perform(action: string, params: Record<string, unknown>): Promise<ActionOutcome>;
}

export function createReferenceAgency(opts: ReferenceAgencyOptions): ReferenceAgency {
  const known = new Set(DEFECTS.map((d) => d.name));
  const unknown = (opts.defects ?? []).filter((d) => !known.has(d));
  if (unknown.length > 0) throw new Error(`unknown defect ${unknown.join(', ')}; known defects: ${[...known].join(', ')}`);
  const config: AgencyConfig = {
    emulatorUrl: opts.emulatorUrl.replace(/\/+$/, ''),
    defects: new Set(opts.defects ?? []),
    pollIntervalMs: opts.pollIntervalMs ?? 2_000,
    log: opts.log ?? (() => {}),
  };
  const parts: AgencyPart[] = [
    createQlvb(config),
    createData(config),
    createMotcua(config),
    // The desk journey composes the other parts' actions (looked up when it runs, after all are built).
    createJourney(config, (action) => handlers.get(action)),
    // @parts-create (each part adds its constructor here)
  ];
  const handlers = new Map<string, (p: Record<string, unknown>) => Promise<Record<string, unknown>>>();
  for (const part of parts) for (const [name, h] of Object.entries(part.actions)) handlers.set(name, h);

  return {
    async start() {
      for (const part of parts) await part.start();
    },
    async stop() {
      for (const part of [...parts].reverse()) await part.stop();
    },
    async perform(action, params) {
      if (action === 'system.info') {
        const infos = parts.map((p) => ({ part: p.name, ...p.info() }));
        return {
          status: 'done',
          result: {
            name: AGENCY_NAME,
            version: AGENCY_VERSION,
            agencies: [...new Set(infos.flatMap((i) => i.agencies))],
            ...(infos[0]?.systemId ? { systemId: infos[0].systemId } : {}),
            roles: [...new Set(parts.flatMap((p) => p.roles))],
            parts: infos,
            defects: [...config.defects],
          },
        };
      }
      const handler = handlers.get(action);
      if (!handler) return { status: 'unsupported', reason: `the reference agency has no action ${action}` };
      config.log(`action ${action} ${JSON.stringify(params)}`);
      return { status: 'done', result: await handler(params) };
    },
  };
}

export { ActionFailed };
