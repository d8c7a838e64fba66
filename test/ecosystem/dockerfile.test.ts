/**
 * The Dockerfile cannot rot silently: its CMD is parsed by the real CLI and every option checked against
 * `lienthong start --help`; its HEALTHCHECK is run against the CMD started outside a container (no Docker
 * engine needed); the port, volume, user and .dockerignore are what docs/ecosystem.md says.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HEALTH_PATH, LIENTHONG_PORT } from '../../emulator/testcontainers.js';
import { checkInvocation } from './support/cli-check.js';
import { execForm, readDockerfile, type Instruction } from './support/dockerfile.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/lienthong.mjs');
const instructions = readDockerfile(join(ROOT, 'Dockerfile'));
const all = (name: string): Instruction[] => instructions.filter((i) => i.name === name);
const last = (name: string): Instruction => {
  const found = all(name).at(-1);
  if (!found) throw new Error(`the Dockerfile has no ${name}`);
  return found;
};
const cmd = execForm(last('CMD').args);
const healthcheck = (() => {
  const args = last('HEALTHCHECK').args;
  const at = args.indexOf('CMD ');
  return { options: args.slice(0, at).trim(), command: execForm(args.slice(at + 4)) };
})();

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Runs the HEALTHCHECK command as the engine would, with the container's PORT; its exit code. */
function runHealthcheck(port: number): number {
  const [exe, ...args] = healthcheck.command;
  return spawnSync(exe === 'node' ? process.execPath : exe!, args, { env: { ...process.env, PORT: String(port) }, timeout: 10_000 }).status ?? -1;
}

describe('Dockerfile', () => {
  it('builds on node:20-bookworm-slim with npm ci from the lockfile, and runs as a non-root user with port 8686 and a /data volume', () => {
    expect(all('FROM').map((i) => i.args.split(/\s+/)[0])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    expect(all('RUN').some((i) => /\bnpm ci\b/.test(i.args))).toBe(true);
    expect(all('COPY').some((i) => /package-lock\.json/.test(i.args))).toBe(true);
    const user = last('USER').args.trim();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    // The USER comes after every RUN: nothing the emulator does at run time has root rights.
    expect(instructions.findIndex((i) => i.name === 'USER')).toBeGreaterThan(instructions.map((i) => i.name).lastIndexOf('RUN'));
    expect(last('EXPOSE').args.trim()).toBe(String(LIENTHONG_PORT));
    expect(execForm(last('VOLUME').args)).toEqual(['/data']);
    expect(all('ENV').map((i) => i.args).join(' ')).toMatch(new RegExp(`\\bPORT=${LIENTHONG_PORT}\\b`));
  });

  it('runs `lienthong start` with options that `lienthong start --help` lists and the CLI accepts', async () => {
    expect(cmd.slice(0, 2)).toEqual(['lienthong', 'start']);
    const help = spawnSync(process.execPath, [BIN, 'start', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.status, help.stderr).toBe(0);
    const listed = new Set(help.stdout.match(/--[a-z][a-z-]*/g));
    expect(listed.has('--host')).toBe(true);
    for (const word of cmd.filter((w) => w.startsWith('--'))) expect(listed, `${word} is not an option of lienthong start`).toContain(word.split('=')[0]);
    const parsed = await checkInvocation(cmd.slice(1));
    expect(parsed).toMatchObject({ command: 'start', options: { host: '0.0.0.0', data: '/data/state.sqlite' } });
    // `lienthong` on PATH is bin/lienthong.mjs, which must stay executable.
    expect(all('RUN').some((i) => i.args.includes('ln -s /app/bin/lienthong.mjs /usr/local/bin/lienthong'))).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('checks a real option set: an option the CLI does not have would fail this test', async () => {
    await expect(checkInvocation(['start', '--host', '0.0.0.0', '--dta', '/data/x'])).rejects.toThrow(/unknown option '--dta'/);
    await expect(checkInvocation(['start', '--mode', 'paranoid'])).rejects.toThrow(/paranoid/);
  });

  describe('its CMD, run outside a container, and its HEALTHCHECK', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lienthong-docker-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('polls the health endpoint on $PORT: healthy while the CMD serves, unhealthy once it stopped', async () => {
      expect(healthcheck.command.join(' ')).toContain(HEALTH_PATH);
      expect(healthcheck.options).toMatch(/--start-period=\d+s/);
      const port = await freePort();
      // The image's CMD with what only exists in a container changed: the /data volume and the bind address.
      const args = cmd.slice(1).map((w, i, a) => (a[i - 1] === '--data' ? join(dir, 'state.sqlite') : a[i - 1] === '--host' ? '127.0.0.1' : w));
      expect(runHealthcheck(port)).toBe(1);
      const child = spawn(process.execPath, [BIN, ...args, '--quiet'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += String(d)));
      child.stderr.on('data', (d) => (output += String(d)));
      try {
        let healthy = false;
        for (let i = 0; i < 100 && !healthy; i++) {
          await new Promise((r) => setTimeout(r, 300));
          healthy = runHealthcheck(port) === 0;
        }
        expect(healthy, output).toBe(true);
        // spawnSync blocked the event loop: let the child's output arrive.
        for (let i = 0; i < 20 && !output.includes('listening'); i++) await new Promise((r) => setTimeout(r, 100));
        expect(output).toContain(`listening on http://127.0.0.1:${port}`);
      } finally {
        const exited = new Promise<number | null>((r) => child.once('exit', r));
        child.kill('SIGTERM');
        // SIGTERM (docker stop) closes the store cleanly: exit code 0.
        expect(await exited).toBe(0);
      }
      expect(runHealthcheck(port)).toBe(1);
    }, 60_000);
  });

  it('.dockerignore keeps dependencies, git and local state out, and everything the CLI runs in', () => {
    const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    const toRegExp = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]]/g, '\\$&').replace(/\*\*\//g, '(?:.*/)?').replace(/\*/g, '[^/]*')}(?:/.*)?$`);
    const ignored = (path: string) => patterns.some((p) => toRegExp(p).test(path));
    for (const p of ['node_modules/fastify/package.json', '.git/HEAD', '.lienthong/state.sqlite', 'x/state.sqlite', 'state.sqlite-wal', 'test/core/openapi.test.ts']) expect(ignored(p), p).toBe(true);
    for (const p of ['package.json', 'package-lock.json', 'bin/lienthong.mjs', 'lib/msw.mjs', 'emulator/app.ts', 'emulator/cli/index.ts', 'schemas/vdxp/reply.json', 'scenarios/requirements.yaml', 'scenarios/suites.ts', 'reports/model.ts', 'examples/reference-agency/main.ts', 'tsconfig.json']) {
      expect(ignored(p), p).toBe(false);
    }
  });
});
