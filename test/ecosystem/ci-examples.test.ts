/**
 * examples/ci/github-actions.yml and examples/ci/gitlab-ci.yml cannot rot: every `lienthong …` they run
 * (shell steps, the GitLab service's command) is parsed by the real CLI with the pipeline's variables
 * substituted, and the JUnit file they publish is the one `lienthong test --report` writes.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HEALTH_PATH } from '../../emulator/testcontainers.js';
import { RENDERERS } from '../../reports/render/index.js';
import { SUITES } from '../../scenarios/suites.js';
import { checkInvocation, lienthongInvocations, type Invocation } from './support/cli-check.js';

type Json = Record<string, any>;
const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../examples/ci/${name}`, import.meta.url)), 'utf8');
const JUNIT_FILE = RENDERERS.junit!.file;

/** `$NAME`, `${NAME}` from the pipeline's variables; `${{ … }}` (GitHub expressions) as a placeholder value. */
function expand(text: string, vars: Record<string, string>): string {
  let out = text.replace(/\$\{\{[^}]*\}\}/g, 'ci-value');
  for (let i = 0; i < 3; i++) out = out.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => vars[name] ?? m);
  return out;
}

async function invocationsIn(scripts: string[], vars: Record<string, string>): Promise<Invocation[]> {
  const found: Invocation[] = [];
  for (const script of scripts) for (const argv of lienthongInvocations(expand(script, vars))) found.push(await checkInvocation(argv));
  return found;
}

/** What both pipelines must do, checked on the parsed invocations. */
function checkPipeline(calls: Invocation[], vars: Record<string, string>, publishedJunit: string) {
  const test = calls.find((c) => c.command === 'test');
  expect(test, 'the pipeline runs lienthong test').toBeDefined();
  expect(SUITES.map((s) => s.id)).toContain(test!.options.suite);
  expect(test!.options).toMatchObject({ suite: 'vdxp-qlvb', driver: 'hook', hookUrl: vars.SUT_HOOK_URL, emulator: vars.LIENTHONG_URL });
  // The published file is the JUnit rendering `--report <dir>` writes.
  expect(posix.normalize(publishedJunit)).toBe(posix.join(String(test!.options.report), JUNIT_FILE));
  const add = calls.find((c) => c.command === 'agencies add');
  expect(add?.options).toMatchObject({ system: vars.SUT_SYSTEM_ID, secret: vars.SUT_SECRET, url: vars.LIENTHONG_URL });
  expect((add?.options.agency as { code: string }[])[0]).toMatchObject({ code: vars.SUT_AGENCY });
  // An emulator given with --emulator must have a virtual clock, or the deadline scenarios are skipped.
  const start = calls.find((c) => c.command === 'start');
  expect(start?.options).toMatchObject({ virtualClock: true, data: ':memory:' });
}

describe('examples/ci/github-actions.yml', () => {
  const wf = parse(read('github-actions.yml')) as Json;
  const vars = wf.env as Record<string, string>;
  const steps = wf.jobs['vdxp-qlvb'].steps as Json[];

  it('starts the emulator, connects the SUT and runs the suite with real CLI commands and options', async () => {
    const calls = await invocationsIn(steps.filter((s) => s.run).map((s) => s.run as string), vars);
    expect(calls.map((c) => c.command)).toEqual(['start', 'agencies add', 'test']);
    const start = calls[0]!;
    expect(new URL(vars.LIENTHONG_URL!).port).toBe(String(start.options.port));
    const junit = steps.find((s) => String(s.uses).startsWith('dorny/test-reporter@'));
    expect(junit?.with).toMatchObject({ reporter: 'java-junit' });
    checkPipeline(calls, vars, junit!.with.path);
    // The report and logs are kept even when the suite fails (a failing run is when they matter).
    const upload = steps.find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(upload?.if).toMatch(/!cancelled\(\)|always\(\)/);
    expect(junit?.if).toMatch(/!cancelled\(\)|always\(\)/);
    expect(String(upload?.with.path)).toContain('reports/');
    expect(wf.jobs['vdxp-qlvb'].permissions).toMatchObject({ checks: 'write' });
  });

  it('waits for the emulator on its health endpoint', () => {
    const start = steps.find((s) => /lienthong start/.test(s.run ?? ''));
    expect(expand(start!.run, vars)).toContain(`${vars.LIENTHONG_URL}${HEALTH_PATH}`);
  });

  it('would fail on an option the CLI does not have', async () => {
    const broken = steps.filter((s) => s.run).map((s) => (s.run as string).replace('--hook-url', '--hookurl'));
    await expect(invocationsIn(broken, vars)).rejects.toThrow(/unknown option '--hookurl'/);
  });
});

describe('examples/ci/gitlab-ci.yml', () => {
  const ci = parse(read('gitlab-ci.yml')) as Json;
  const vars = ci.variables as Record<string, string>;
  const job = ci['vdxp-qlvb'] as Json;

  it('runs the emulator as a service with the image\'s command and real CLI options, and the suite in the job', async () => {
    const service = (job.services as Json[]).find((s) => s.alias === 'lienthong');
    expect(service?.name).toBe('$LIENTHONG_IMAGE');
    expect(service?.command[0]).toBe('lienthong');
    const scripts = [...(job.before_script ?? []), ...job.script, ...(job.after_script ?? [])] as string[];
    const calls = [await checkInvocation(service!.command.slice(1)), ...(await invocationsIn(scripts, vars))];
    expect(calls.map((c) => c.command)).toEqual(['start', 'agencies add', 'test']);
    expect(calls[0]!.options).toMatchObject({ host: '0.0.0.0' });
    // The job reaches the service by its alias, on the image's port.
    expect(new URL(vars.LIENTHONG_URL!)).toMatchObject({ hostname: 'lienthong', port: '8686' });
    expect(job.artifacts).toMatchObject({ when: 'always' });
    checkPipeline(calls, vars, job.artifacts.reports.junit);
    expect(scripts.map((s) => expand(s, vars)).join('\n')).toContain(`${vars.LIENTHONG_URL}${HEALTH_PATH}`);
  });

  it('builds the image from the lienthong repository before the job that uses it', () => {
    expect(ci.stages).toEqual(['prepare', 'conformance']);
    const build = ci['lienthong-image'] as Json;
    expect(build.stage).toBe('prepare');
    expect(job.stage).toBe('conformance');
    const script = (build.script as string[]).join('\n');
    expect(script).toMatch(/docker build -t "\$LIENTHONG_IMAGE" lienthong/);
    expect(script).toMatch(/docker push "\$LIENTHONG_IMAGE"/);
  });
});
