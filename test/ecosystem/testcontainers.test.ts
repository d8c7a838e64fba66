/**
 * lienthong/testcontainers. Without a Docker engine (this machine) the container tests skip, saying why;
 * what needs no engine runs everywhere: the command, ports and wait strategy the `with…` calls configure
 * (the command parsed by the real CLI), and the started container's helpers against a real emulator.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type LienthongApp } from '../../emulator/app.js';
import { buildLienthongImage, HEALTH_PATH, LIENTHONG_PORT, LienthongContainer, REPOSITORY_DIR, StartedLienthongContainer } from '../../emulator/testcontainers.js';
import { checkInvocation } from './support/cli-check.js';
import { execForm, readDockerfile } from './support/dockerfile.js';

/** Why the container tests cannot run here, or undefined when a Docker engine answers. */
async function noDockerReason(): Promise<string | undefined> {
  try {
    await getContainerRuntimeClient();
    return undefined;
  } catch (err) {
    return `no Docker engine: ${err instanceof Error ? err.message : String(err)} (set DOCKER_HOST or start Docker to run them)`;
  }
}
const noDocker = await noDockerReason();
if (noDocker) console.warn(`test/ecosystem/testcontainers.test.ts: ${noDocker}; the LienthongContainer tests against a real container are skipped`);

/** Sees what GenericContainer keeps protected. */
class Probe extends LienthongContainer {
  ports() {
    return this.exposedPorts;
  }
  wait() {
    return this.waitStrategy;
  }
  image() {
    return this.imageName.string;
  }
}

describe('LienthongContainer configuration (no Docker needed)', () => {
  it('runs `lienthong start` on 0.0.0.0:8686 in memory by default, exposes 8686 and waits for the health endpoint', async () => {
    const c = new Probe();
    expect(c.image()).toBe('lienthong:local');
    expect(c.command()).toEqual(['lienthong', 'start', '--host', '0.0.0.0', '--port', '8686', '--data', ':memory:']);
    expect(c.ports()).toEqual([LIENTHONG_PORT]);
    expect(c.wait()).toMatchObject({ path: HEALTH_PATH, port: LIENTHONG_PORT });
    // The same executable and port the image declares.
    const dockerfile = readDockerfile(join(REPOSITORY_DIR, 'Dockerfile'));
    expect(execForm(dockerfile.filter((i) => i.name === 'CMD').at(-1)!.args)[0]).toBe(c.command()[0]);
    expect(dockerfile.find((i) => i.name === 'EXPOSE')?.args).toBe(String(LIENTHONG_PORT));
  });

  it('turns withSeed, withStrict, withVirtualClock, withPopulation, withEnterprises into CLI options the CLI accepts', async () => {
    const c = new Probe('registry.example/lienthong:1').withSeed(7).withStrict().withVirtualClock().withPopulation(1000).withEnterprises(50).withDataFile();
    expect(c.image()).toBe('registry.example/lienthong:1');
    expect(c.configuration).toEqual({ seed: 7, strict: true, virtualClock: true, population: 1000, enterprises: 50, data: '/data/state.sqlite' });
    const argv = c.command();
    expect(argv[0]).toBe('lienthong');
    const parsed = await checkInvocation(argv.slice(1));
    expect(parsed).toEqual({
      command: 'start',
      options: expect.objectContaining({ host: '0.0.0.0', port: 8686, data: '/data/state.sqlite', mode: 'strict', virtualClock: true, seed: 7, population: 1000, enterprises: 50 }),
    });
    const shared = await checkInvocation(new Probe().withStore('postgres://lt:lt@db:5432/lienthong').command().slice(1));
    expect(shared.options).toMatchObject({ store: 'postgres://lt:lt@db:5432/lienthong' });
    expect(shared.options).not.toHaveProperty('data', ':memory:');
  });

  it('refuses values the CLI would refuse, at configuration time, naming the method', () => {
    expect(() => new LienthongContainer().withSeed(-1)).toThrow(/withSeed: -1 must be an integer from 0/);
    expect(() => new LienthongContainer().withSeed(1.5)).toThrow(RangeError);
    expect(() => new LienthongContainer().withPopulation(0)).toThrow(/withPopulation/);
    expect(() => new LienthongContainer().withStore('mysql://x')).toThrow(/postgres:\/\/… or sqlite:/);
  });
});

describe('StartedLienthongContainer helpers (against a real emulator, no Docker needed)', () => {
  let app: LienthongApp;
  let started: StartedLienthongContainer;
  beforeAll(async () => {
    app = await buildApp({ data: ':memory:', clock: 'virtual', population: 200, enterprises: 20 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    // What testcontainers hands back for a running container: its host and the port mapped to 8686.
    const fake = { getHost: () => '127.0.0.1', getMappedPort: (p: number) => (p === LIENTHONG_PORT ? port : -1) } as unknown as StartedTestContainer;
    started = new StartedLienthongContainer(fake);
  });
  afterAll(() => app.close());

  it('gives the URLs a system under test is configured with', async () => {
    const base = started.getBaseUrl();
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect([started.getVdxpUrl(), started.getDvcqgUrl(), started.getNdxpUrl(), started.getNdxpTokenUrl(), started.getControlUrl()]).toEqual([
      `${base}/vdxp`, `${base}/dvcqg`, `${base}/ndxp`, `${base}/ndxp/token`, `${base}/_lienthong`,
    ]);
    expect((await fetch(`${started.getControlUrl()}/health`)).status).toBe(200);
  });

  it('moves the virtual clock and resets the state', async () => {
    const before = new Date(((await (await fetch(`${started.getControlUrl()}/clock`)).json()) as { now: string }).now);
    const after = await started.advanceClock('P1D');
    expect(after.getTime() - before.getTime()).toBeGreaterThanOrEqual(24 * 3600_000);
    await expect(started.advanceClock('tomorrow')).rejects.toThrow(/lienthong clock: 400/);
    const created = await fetch(`${started.getControlUrl()}/vdxp/systems`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ systemId: 'tc.system', agencies: [{ code: '000.00.00.G22' }] }) });
    expect(created.status).toBe(201);
    await started.reset();
    expect((await fetch(`${started.getControlUrl()}/vdxp/systems/tc.system`)).status).toBe(404);
  });
});

describe.skipIf(noDocker !== undefined)('LienthongContainer against a Docker engine', () => {
  let container: StartedLienthongContainer;
  beforeAll(async () => {
    const image = await buildLienthongImage();
    container = await new LienthongContainer(image).withSeed(7).withStrict().withVirtualClock().withPopulation(5000).start();
  }, 900_000);
  afterAll(async () => {
    await container?.stop();
  });

  it('starts healthy with the chosen seed, mode and clock', async () => {
    const health = await fetch(`${container.getControlUrl()}/health`);
    expect(health.status).toBe(200);
    const info = (await (await fetch(`${container.getControlUrl()}/info`)).json()) as { seed: number; mode: string; clock: { mode: string } };
    expect(info).toMatchObject({ seed: 7, mode: 'strict', clock: { mode: 'virtual' } });
    await container.advanceClock('PT2H');
  });

  it('answers the platforms in their own dialects', async () => {
    const vdxp = await fetch(`${container.getVdxpUrl()}/getReceivedEdocList`, { method: 'POST' });
    expect(vdxp.status).toBe(401);
    expect(await vdxp.json()).toMatchObject({ status: 'FAIL', code: 'VDXP_AUTH_MISSING_HEADER' });
    const token = await fetch(container.getNdxpTokenUrl(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(token.status).toBe(401);
  });
});
