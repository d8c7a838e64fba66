/**
 * What a consumer installing lienthong from git gets: `lienthong`, `lienthong/msw` and
 * `lienthong/testcontainers` resolve through package.json `exports` to small .mjs entries that load the
 * TypeScript sources with tsx, so plain `node` (no build step, no TypeScript tooling) can use them; each
 * entry exports what its source does, so neither can grow without the other.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string | { types: string; default: string }> };

const ENTRIES = {
  '.': () => import('../../emulator/app.js'),
  './msw': () => import('../../emulator/msw.js'),
  './testcontainers': () => import('../../emulator/testcontainers.js'),
} as const;

describe('package.json exports', () => {
  it('maps each subpath to its TypeScript source (types) and an .mjs entry (runtime) that exist', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './msw', './package.json', './testcontainers']);
    for (const key of Object.keys(ENTRIES)) {
      const target = pkg.exports[key] as { types: string; default: string };
      expect(existsSync(join(ROOT, target.types)), target.types).toBe(true);
      expect(existsSync(join(ROOT, target.default)), target.default).toBe(true);
      expect(target.default).toMatch(/^\.\/lib\/.*\.mjs$/);
    }
  });

  it('loads in plain node through the package name, and works: an app, msw handlers, a container definition', async () => {
    const script = `
      const root = await import('${pkg.name}');
      const msw = await import('${pkg.name}/msw');
      const tc = await import('${pkg.name}/testcontainers');
      const { setupServer } = await import('msw/node');
      const app = await root.buildApp({ population: 100, enterprises: 10 });
      const direct = (await app.inject({ url: '/_lienthong/health' })).statusCode;
      const server = setupServer(...msw.lienthongHandlers({ app, hosts: { 'https://api.ngsp.gov.vn': '/ndxp' } }));
      server.listen({ onUnhandledRequest: 'error' });
      const viaMsw = (await fetch('http://lienthong.local/_lienthong/health')).status;
      const token = await fetch('https://api.ngsp.gov.vn/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
      server.close();
      await app.close();
      const command = new tc.LienthongContainer().withSeed(3).command().join(' ');
      console.log(JSON.stringify({ keys: { '.': Object.keys(root), './msw': Object.keys(msw), './testcontainers': Object.keys(tc) }, direct, viaMsw, token: token.status, command }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { keys: Record<string, string[]>; direct: number; viaMsw: number; token: number; command: string };
    expect(out).toMatchObject({ direct: 200, viaMsw: 200, token: 401, command: 'lienthong start --host 0.0.0.0 --port 8686 --data :memory: --seed 3' });
    for (const [key, load] of Object.entries(ENTRIES)) {
      const source = Object.keys(await load()).sort();
      expect(out.keys[key]!.sort(), `lib entry of "${key}" and its source export different names`).toEqual(source);
    }
  }, 120_000);
});
