/**
 * The emulator as a user runs it: a plain process started by the `lienthong` bin, driven by the CLI
 * (`agencies add`, `agencies list`, `sign`), stopped by SIGTERM with a clean exit and its state on disk.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEdxmlSignature } from '../../emulator/platforms/vdxp/wire/signature.js';
import { edoc } from '../vdxp/support/fixtures.js';
import { startEmulatorProcess, type EmulatorProcess } from './support/emulator-process.js';

describe('lienthong CLI against a running emulator process', () => {
  let emu: EmulatorProcess;
  let dir: string;
  let url: string;
  let child: EmulatorProcess['child'];

  beforeAll(async () => {
    emu = await startEmulatorProcess('cli');
    ({ dir, url, child } = emu);
  }, 30_000);

  afterAll(() => emu.stop());

  const cli = (...args: string[]) => emu.cli(...args);

  it('answers health on the printed address', async () => {
    const res = await fetch(`${url}/_lienthong/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('connects a system with `agencies add` and finds it with `agencies list`', async () => {
    const { stdout } = await cli('agencies', 'add', '--system', 'cli.sys', '--secret', 'cli-secret-123', '--agency', '000.00.00.G22=Văn phòng Chính phủ');
    expect(stdout).toContain('system cli.sys');
    expect(stdout).toContain('secret: cli-secret-123');
    expect(stdout).toContain('000.00.00.G22');
    // A second call adds an agency to the same system.
    await cli('agencies', 'add', '--system', 'cli.sys', '--agency', '000.00.01.G22');
    const list = await cli('agencies', 'list', '-q', 'G22');
    expect(list.stdout).toMatch(/000\.00\.01\.G22 .*\[system cli\.sys\]/);
    // The emulator's console shows each change as it happens.
    expect(emu.output()).toMatch(/lienthong +POST \/_lienthong\/vdxp\/systems +- +201 +ok/);
  }, 30_000);

  it('signs a package with the system key so that the emulator CA trusts it', async () => {
    const file = join(dir, 'package.edxml');
    writeFileSync(file, edoc({ from: '000.00.00.G22', to: ['000.00.00.H41'] }));
    const { stdout } = await cli('sign', file, '--system', 'cli.sys');
    const signed = join(dir, 'package.signed.edxml');
    expect(stdout).toContain(signed);
    const { certificatePem } = (await (await fetch(`${url}/_lienthong/vdxp/ca`)).json()) as { certificatePem: string };
    const verdict = verifyEdxmlSignature(readFileSync(signed, 'utf8'), { trustedCaPems: [certificatePem] });
    expect(verdict.status).toBe('valid');
    expect(verdict.signer?.subject).toContain('cli.sys');
  }, 30_000);

  it('fails with a clear message for an unknown system', async () => {
    await expect(cli('sign', join(dir, 'package.edxml'), '--system', 'nobody')).rejects.toMatchObject({ stderr: expect.stringContaining('NOT_FOUND') });
  }, 30_000);

  it('shuts down gracefully on SIGTERM and keeps its state on disk', async () => {
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(emu.stderr()).toContain('SIGTERM received');
    expect(existsSync(join(dir, 'state.sqlite'))).toBe(true);
  }, 30_000);
});
