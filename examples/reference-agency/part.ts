/**
 * The reference agency is assembled from parts, one per kind of system a ministry or province runs: the
 * document-management system (qlvb), the one-stop system (motcua) and the data consumer/provider (data).
 * Each part serves some hook actions and declares the defects it can be switched into.
 */
import type { Role } from '../../scenarios/kit/types.js';

export interface AgencyConfig {
  /** Base URL of the emulator, e.g. `http://localhost:8686`. */
  emulatorUrl: string;
  /** Defect switches that are on (each makes the agency break one rule on purpose). */
  defects: ReadonlySet<string>;
  /** How often the background pollers run (a real QLVB polls every few minutes; tests want 200 ms). */
  pollIntervalMs: number;
  log: (line: string) => void;
}

export type ActionHandler = (params: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface AgencyPart {
  readonly name: string;
  readonly roles: Role[];
  /** Hook actions this part serves, by name (`vdxp.sendDocument`). */
  readonly actions: Readonly<Record<string, ActionHandler>>;
  /** Connects to the emulator and starts background work (pollers, servers). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What `system.info` reports for this part (after start). */
  info(): { agencies: string[]; systemId?: string; [key: string]: unknown };
}

export interface DefectSpec {
  name: string;
  /** The part that implements it. */
  part: string;
  /** The rule it breaks, in a few words, for `--list-defects`. */
  description: string;
}

/** An error the agency reports through the hook as "could not do it" (HTTP 422), with a reason. */
export class ActionFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionFailed';
  }
}

export function param<T>(params: Record<string, unknown>, name: string, check: (v: unknown) => v is T, what: string): T {
  const v = params[name];
  if (!check(v)) throw new ActionFailed(`params.${name} must be ${what}`);
  return v;
}

export const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
