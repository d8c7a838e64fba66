/**
 * `lienthong test` as a vendor runs it: the reference agency serving the hook over HTTP, the CLI starting
 * its own emulator on the port the agency was configured with, the exit code, the progress lines, the
 * replay command, the JSON result, and the signed report set that `lienthong verify` accepts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReferenceAgency } from '../../examples/reference-agency/agency.js';
import { createHookServer } from '../../examples/reference-agency/server.js';
import type { RunResult } from '../../scenarios/kit/types.js';
import { BIN } from '../cli/support/emulator-process.js';

const dir = mkdtempSync(join(tmpdir(), 'lienthong-cli-hook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Starts the agency (before any emulator exists) and runs the CLI against it; returns exit code, output, result. */
async function runCli(defects: string[], only: string[], extra: string[] = []) {
  const port = await freePort();
  const agency = createReferenceAgency({ emulatorUrl: `http://127.0.0.1:${port}`, defects, pollIntervalMs: 200 });
  await agency.start();
  const hook = await createHookServer(agency);
  const hookUrl = await hook.listen({ port: 0, host: '127.0.0.1' });
  const out = join(dir, `${defects.join('-') || 'correct'}.json`);
  try {
    const args = [BIN, 'test', '--suite', 'vdxp-qlvb', '--driver', 'hook', '--hook-url', hookUrl, '--port', String(port), '--input', 'waitMs=6000', '--out', out, ...only.flatMap((id) => ['--only', id]), ...extra];
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, args, { timeout: 120_000 }, (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }));
    });
    return { code, stdout, result: JSON.parse(readFileSync(out, 'utf8')) as RunResult };
  } finally {
    await hook.close();
    await agency.stop();
  }
}

describe('lienthong test --driver hook against the reference agency', () => {
  it('passes the selected scenarios, omits the others and exits 0', async () => {
    const { code, stdout, result } = await runCli([], ['vdxp.send.valid-package', 'vdxp.receive.acknowledge']);
    expect(stdout).toContain('PASS  vdxp.receive.acknowledge');
    expect(code, stdout).toBe(0);
    expect(result.sut).toMatchObject({ name: 'lienthong reference agency', agency: '000.00.00.H49', systemId: 'ref.qlvb', driver: 'hook' });
    expect(result.results.filter((r) => r.outcome === 'pass').map((r) => r.id).sort()).toEqual(['vdxp.receive.acknowledge', 'vdxp.send.valid-package']);
    expect(result.results.filter((r) => r.outcome === 'omit')).toHaveLength(result.results.length - 2);
    expect(result.summary.verdict).toBe('pass');
  }, 150_000);

  it('fails a defective agency with the requirement, its clause and a replay command, and exits 1', async () => {
    const reportDir = join(dir, 'report');
    const { code, stdout, result } = await runCli(['no-status-01'], ['vdxp.receive.acknowledge'], ['--report', reportDir]);
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL  vdxp.receive.acknowledge');
    expect(stdout).toMatch(/✗ vdxp\.receive\.ack-01 \[QĐ 28\/2018/);
    expect(stdout).toMatch(/replay: lienthong test --suite vdxp-qlvb --driver hook --hook-url \S+ --emulator http:\/\/127\.0\.0\.1:\d+ --input waitMs=6000 --only vdxp\.receive\.acknowledge/);
    const r = result.results.find((x) => x.id === 'vdxp.receive.acknowledge')!;
    expect(r.outcome).toBe('fail');
    expect(r.failures.map((f) => f.requirement)).toEqual(['vdxp.receive.ack-01']);
    expect(result.coverage.find((c) => c.requirement === 'vdxp.receive.ack-01')?.outcome).toBe('fail');
    expect(result.summary.verdict).toBe('fail');

    // --report: the four renderings and a detached signature (the started emulator's test CA) that verifies.
    for (const f of ['report.json', 'report.json.sig', 'report.junit.xml', 'report.md', 'report.html']) expect(stdout).toContain(join(reportDir, f));
    const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as { scenarios: { id: string; outcome: string }[] };
    expect(report.scenarios.find((r) => r.id === 'vdxp.receive.acknowledge')?.outcome).toBe('fail');
    expect(readFileSync(join(reportDir, 'report.junit.xml'), 'utf8')).toMatch(/<failure[^>]*vdxp\.receive\.ack-01/);
    const verify = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'verify', join(reportDir, 'report.json')], (err, out) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: out }));
    });
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/valid/i);
  }, 150_000);
});
