/**
 * The conformance harness's vocabulary: scenarios, requirements, results and SUT drivers (DESIGN §4).
 * A scenario drives the system under test (SUT) through a driver, watches the emulator's evidence log, and
 * judges what the SUT did against catalogued requirements. `fail` means the SUT broke a rule; `error`
 * means the harness (or the driving of the SUT) broke — the two are never confused.
 */
import type { EvidenceEvent } from '../../emulator/core/evidence.js';

export type Role = 'qlvb' | 'motcua' | 'ndxp-consumer' | 'ndxp-provider';
export type Level = 'MUST' | 'SHOULD';
export type Outcome = 'pass' | 'fail' | 'skip' | 'omit' | 'error' | 'wait';
export type Platform = 'vdxp' | 'dvcqg' | 'ndxp' | 'cross';

/** One entry of scenarios/requirements.yaml. */
export interface Requirement {
  id: string;
  level: Level;
  /** Regulation and clause, or the documented client behaviour (`specs/vdxp.md §5.9`). */
  source: string;
  text: { vi: string; en: string };
  roles: Role[];
}

/** A rule the SUT broke, with everything a certifier needs to see why. */
export interface Failure {
  requirement: string;
  /** The requirement's source clause (filled in by the runner from the catalog). */
  clause?: string;
  message: string;
  expected: unknown;
  actual: unknown;
  /** Evidence log sequence numbers of the exchanges that show it. */
  evidence: number[];
}

/** What the SUT is, as its driver reports it (`system.info`) or the CLI was told. */
export interface SutIdentity {
  name: string;
  version: string;
  /** VDXP systemId the SUT is connected with. */
  systemId?: string;
  /** The SUT's agency code (QCVN 102 form). */
  agency: string;
  driver: DriverKind;
}

export type DriverKind = 'hook' | 'interactive' | 'attested' | 'in-process';

/** The outcome of asking the SUT to act. */
export type ActionOutcome =
  | { status: 'done'; result: Record<string, unknown> }
  /** The SUT does not implement this action (the scenario is skipped). */
  | { status: 'unsupported'; reason: string }
  /** A person chose to skip, or no attestation exists (the scenario waits or is skipped). */
  | { status: 'skipped'; reason: string }
  | { status: 'pending'; reason: string };

/** How the harness makes the SUT act. Actions are defined in schemas/harness/actions.json. */
export interface SutDriver {
  readonly kind: DriverKind;
  perform(action: string, params: Record<string, unknown>, opts: { scenarioId: string; timeoutMs: number }): Promise<ActionOutcome>;
  close?(): Promise<void>;
}

/** What a running scenario can do; created fresh per scenario by the runner. */
export interface ScenarioContext {
  readonly scenarioId: string;
  readonly sut: SutIdentity;
  /** Base URL of the emulator (`http://127.0.0.1:8686`). */
  readonly emulatorUrl: string;
  /** The scenario's inputs with their defaults applied. */
  readonly inputs: Record<string, unknown>;
  /** Asks the SUT to act through the driver; `unsupported`/`skipped` end the scenario as skip, `pending` as wait. */
  act(action: string, params?: Record<string, unknown>, opts?: { timeoutMs?: number }): Promise<Record<string, unknown>>;
  /**
   * Like act, for a nudge the SUT may do on its own (`vdxp.receive` when it polls by itself): answers null
   * instead of ending the scenario when the SUT does not support the action or a person skipped it.
   */
  tryAct(action: string, params?: Record<string, unknown>, opts?: { timeoutMs?: number }): Promise<Record<string, unknown> | null>;
  /** Records a failure of `requirement` when `ok` is false; the scenario goes on. Returns `ok`. */
  check(requirement: string, ok: boolean, detail: { message: string; expected?: unknown; actual?: unknown; evidence?: number[] }): boolean;
  /** Like check, but a false `ok` ends the scenario at once (as fail). */
  require(requirement: string, ok: boolean, detail: { message: string; expected?: unknown; actual?: unknown; evidence?: number[] }): void;
  /**
   * Polls `probe` on the wall clock until it returns a value (the SUT is a real system that takes real time).
   * On timeout: when `requirement` is given the scenario fails with it, otherwise it is a harness error.
   */
  waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, opts?: { timeoutMs?: number; intervalMs?: number; requirement?: string }): Promise<T>;
  /** Evidence recorded since the scenario started (optionally filtered), oldest first. */
  events(filter?: { platform?: string; systemId?: string; agency?: string; operation?: string }): Promise<EvidenceEvent[]>;
  /** The emulator's control plane: `GET`/`POST`/`PATCH` JSON, throwing a harness error on a non-2xx reply. */
  control<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** The emulator's clock: legal deadlines are tested on it (virtual clock), SUT waits on the wall clock. */
  clock: { now(): Promise<Date>; advance(duration: string): Promise<Date> };
  /** Ends the scenario as skip (e.g. the SUT has no such feature) or omit (not applicable here). */
  skip(reason: string): never;
  omit(reason: string): never;
  log(message: string): void;
}

export interface InputSpec {
  description: string;
  default: unknown;
}

export interface ScenarioDefinition {
  /** Dotted and stable, never renamed: `vdxp.receive.ack-01`. */
  id: string;
  title: string;
  /** For the certifier: what is tested, how, and what to do when it fails. */
  description: string;
  /** Requirement ids (scenarios/requirements.yaml) this scenario proves. */
  requirements: string[];
  role: Role;
  platform: Platform;
  inputs?: Record<string, InputSpec>;
  /** Whole-scenario limit on the wall clock (default 60 s). */
  timeoutMs?: number;
  run(t: ScenarioContext): Promise<void>;
}

export interface Scenario extends ScenarioDefinition {
  readonly kind: 'scenario';
}

export function defineScenario(def: ScenarioDefinition): Scenario {
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/.test(def.id)) throw new Error(`scenario id "${def.id}" must be dotted lower-case, e.g. vdxp.receive.ack-01`);
  if (def.requirements.length === 0) throw new Error(`scenario ${def.id} proves no requirement`);
  return { ...def, kind: 'scenario' };
}

/** A named, versioned profile: the scenarios a kind of SUT must pass. */
export interface Suite {
  id: string;
  version: string;
  title: string;
  role: Role;
  scenarios: string[];
}

export interface ScenarioResult {
  id: string;
  title: string;
  outcome: Outcome;
  requirements: string[];
  /** Highest level among the scenario's requirements. */
  level: Level;
  failures: Failure[];
  messages: string[];
  /** Evidence sequence numbers recorded during the scenario. */
  evidence: { first: number | null; last: number | null };
  durationMs: number;
  /** Command that replays this scenario alone. */
  replay: string;
  /** For error/skip/omit/wait: why. */
  reason?: string;
}

export interface RunSummary {
  byOutcome: Record<Outcome, number>;
  byLevel: Record<Level, Record<Outcome, number>>;
  /** pass when every MUST scenario passed (skips of MUST scenarios count against it). */
  verdict: 'pass' | 'fail';
}

/**
 * A requirement's outcome over the scenarios that prove it: `untested` when none ran, `unproven` when they ran
 * but did not prove it (they failed on another requirement first), else the scenarios' outcome.
 */
export type CoverageOutcome = Outcome | 'untested' | 'unproven';

export interface RunResult {
  format: 'lienthong-run/1';
  suite: { id: string; version: string; digest: string };
  emulator: { url: string; version: string; seed: number; clockMode: 'real' | 'virtual' };
  sut: SutIdentity;
  startedAt: string;
  endedAt: string;
  results: ScenarioResult[];
  coverage: Array<{ requirement: string; level: Level; scenarios: string[]; outcome: CoverageOutcome }>;
  summary: RunSummary;
}
