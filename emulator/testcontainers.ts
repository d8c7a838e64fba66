/**
 * `lienthong/testcontainers`: the emulator as a container for a vendor's integration tests (testcontainers 11).
 *
 * @example
 *   const image = await buildLienthongImage();            // once: docker build of this repository
 *   const lienthong = await new LienthongContainer(image).withSeed(7).withStrict().withVirtualClock().start();
 *   process.env.VDXP_ENDPOINT = lienthong.getVdxpUrl();    // point the system under test at it
 *   …
 *   await lienthong.stop();
 */
import { fileURLToPath } from 'node:url';
import { AbstractStartedContainer, GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';

/** The port the image listens on (EXPOSE in the Dockerfile, the CLI's default). */
export const LIENTHONG_PORT = 8686;
export const HEALTH_PATH = '/_lienthong/health';
/** Tag `buildLienthongImage` gives the image built from this repository; no image is published. */
export const DEFAULT_IMAGE = 'lienthong:local';
/** The repository (the Docker build context), wherever the package is installed. */
export const REPOSITORY_DIR = fileURLToPath(new URL('..', import.meta.url));

const checkInteger = (name: string, n: number, min: number, max: number): number => {
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`LienthongContainer.${name}: ${n} must be an integer from ${min} to ${max}`);
  return n;
};

export interface LienthongContainerSettings {
  seed?: number;
  strict: boolean;
  virtualClock: boolean;
  population?: number;
  enterprises?: number;
  /** `--store` (postgres://… for a shared sandbox) or `--data` (a file in the container, default in memory). */
  store?: string;
  data: string;
}

export class LienthongContainer extends GenericContainer {
  private readonly settings: LienthongContainerSettings = { strict: false, virtualClock: false, data: ':memory:' };

  constructor(image: string = DEFAULT_IMAGE) {
    super(image);
    this.withExposedPorts(LIENTHONG_PORT)
      .withWaitStrategy(Wait.forHttp(HEALTH_PATH, LIENTHONG_PORT).forStatusCode(200))
      // First start builds the synthetic world (100,000 citizens by default): seconds, not minutes.
      .withStartupTimeout(120_000);
  }

  /** `--seed`: the same directory, world and generated data for the same seed. */
  withSeed(seed: number): this {
    this.settings.seed = checkInteger('withSeed', seed, 0, 2 ** 31 - 1);
    return this;
  }

  /** `--mode strict`: the checks of the regulations, not only what the real platforms accept. */
  withStrict(): this {
    this.settings.strict = true;
    return this;
  }

  /** `--virtual-clock`: deadlines and token expiry tested by moving the clock (POST /_lienthong/clock). */
  withVirtualClock(): this {
    this.settings.virtualClock = true;
    return this;
  }

  /** `--population`: citizens in the synthetic world (fewer start faster). */
  withPopulation(citizens: number): this {
    this.settings.population = checkInteger('withPopulation', citizens, 1, 10_000_000);
    return this;
  }

  /** `--enterprises`: enterprises in the synthetic world. */
  withEnterprises(enterprises: number): this {
    this.settings.enterprises = checkInteger('withEnterprises', enterprises, 0, 10_000_000);
    return this;
  }

  /** Keep the state in the image's data volume (`/data/state.sqlite` by default) instead of memory. */
  withDataFile(file = '/data/state.sqlite'): this {
    this.settings.data = file;
    return this;
  }

  /** `--store`: e.g. a PostgreSQL URL reachable from the container, for one sandbox shared by several emulators. */
  withStore(location: string): this {
    if (!/^(postgres(ql)?:\/\/|sqlite:)/i.test(location)) throw new TypeError(`LienthongContainer.withStore: "${location}" must be postgres://… or sqlite:<file>`);
    this.settings.store = location;
    return this;
  }

  /** What `with…` configured, for inspection. */
  get configuration(): Readonly<LienthongContainerSettings> {
    return { ...this.settings };
  }

  /** The container's command: `lienthong start` with the options the `with…` calls chose. */
  command(): string[] {
    const s = this.settings;
    return [
      'lienthong', 'start', '--host', '0.0.0.0', '--port', String(LIENTHONG_PORT),
      ...(s.store ? ['--store', s.store] : ['--data', s.data]),
      ...(s.strict ? ['--mode', 'strict'] : []),
      ...(s.virtualClock ? ['--virtual-clock'] : []),
      ...(s.seed !== undefined ? ['--seed', String(s.seed)] : []),
      ...(s.population !== undefined ? ['--population', String(s.population)] : []),
      ...(s.enterprises !== undefined ? ['--enterprises', String(s.enterprises)] : []),
    ];
  }

  override async start(): Promise<StartedLienthongContainer> {
    this.withCommand(this.command());
    return new StartedLienthongContainer(await super.start());
  }
}

export class StartedLienthongContainer extends AbstractStartedContainer {
  constructor(started: StartedTestContainer) {
    super(started);
  }

  /** `http://<host>:<mapped port>`: the emulator as the test process reaches it. */
  getBaseUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(LIENTHONG_PORT)}`;
  }
  /** The SDKVXP endpoint (`endpoint` of the SDK configuration). */
  getVdxpUrl(): string {
    return `${this.getBaseUrl()}/vdxp`;
  }
  getDvcqgUrl(): string {
    return `${this.getBaseUrl()}/dvcqg`;
  }
  getNdxpUrl(): string {
    return `${this.getBaseUrl()}/ndxp`;
  }
  getNdxpTokenUrl(): string {
    return `${this.getNdxpUrl()}/token`;
  }
  getControlUrl(): string {
    return `${this.getBaseUrl()}/_lienthong`;
  }

  /** POST /_lienthong/reset between tests; `keepSystems` keeps connected systems and their credentials. */
  async reset(keepSystems = false): Promise<void> {
    const res = await fetch(`${this.getControlUrl()}/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keepSystems }) });
    if (!res.ok) throw new Error(`lienthong reset: ${res.status} ${await res.text()}`);
  }

  /** Moves a virtual clock (withVirtualClock) by an ISO 8601 duration such as PT2H or P1D. */
  async advanceClock(duration: string): Promise<Date> {
    const res = await fetch(`${this.getControlUrl()}/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: duration }) });
    const json = (await res.json()) as { now?: string; error?: { message: string } };
    if (!res.ok || !json.now) throw new Error(`lienthong clock: ${res.status} ${json.error?.message ?? ''}`);
    return new Date(json.now);
  }
}

/**
 * Builds the image from this repository's Dockerfile (the installed package is the build context) and
 * answers its tag, for `new LienthongContainer(tag)`. The layers are cached by the engine: later builds
 * take seconds.
 */
export async function buildLienthongImage(image: string = DEFAULT_IMAGE, context: string = REPOSITORY_DIR): Promise<string> {
  await GenericContainer.fromDockerfile(context).build(image, { deleteOnExit: false });
  return image;
}
