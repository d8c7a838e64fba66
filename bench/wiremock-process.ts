/**
 * WireMock (the npm `wiremock` package bundles the standalone jar) as the benchmarks' reference peer: a
 * JVM serving canned stubs, started with `java -jar` so the child's pid is the JVM's own (RSS read from it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitForOk } from './support.js';

const JAR_DIR = 'node_modules/wiremock/build';

/** Why WireMock cannot run here (no java, or no jar), or null when it can. */
export function wiremockUnavailable(): string | null {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) return 'java is not installed (WireMock needs a Java 11+ runtime; Debian: apt-get install openjdk-17-jre-headless)';
  if (!wiremockJar()) return `no wiremock-standalone-*.jar under ${JAR_DIR} (npm install wiremock)`;
  return null;
}

export function wiremockJar(): string | undefined {
  try {
    const jar = readdirSync(JAR_DIR).find((f) => /^wiremock-standalone-.*\.jar$/.test(f));
    return jar ? join(JAR_DIR, jar) : undefined;
  } catch {
    return undefined;
  }
}

/** `openjdk version "17.0.15"` → `17.0.15`, for the printed environment line. */
export function javaVersion(): string {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr ?? '';
  return /version "([^"]+)"/.exec(out)?.[1] ?? 'unknown';
}

export interface WiremockProcess {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Starts WireMock on `port` serving the stubs under `rootDir/mappings` (bodies in `rootDir/__files`).
 * The request journal is off: it would keep every request in memory, which is not what a peer serving
 * canned replies needs (and the emulator's evidence log is on disk, not in memory).
 */
export async function startWiremock(rootDir: string, port: number): Promise<WiremockProcess> {
  const jar = wiremockJar();
  if (!jar) throw new Error('wiremock jar not found');
  const child = spawn('java', ['-jar', jar, '--port', String(port), '--bind-address', '127.0.0.1', '--root-dir', rootDir, '--disable-banner', '--no-request-journal', '--disable-request-logging'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`wiremock exited with ${code}: ${stderr.slice(-500)}`))));
  await Promise.race([waitForOk(`${url}/__admin/health`, 60_000), exited]);
  return {
    url,
    pid: child.pid as number,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
