/**
 * The emulator as a user runs it, for the CLI tests: the `lienthong` bin started as a plain process on a free
 * port with its state in a temporary directory, and the CLI pointed at it.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const BIN = 'bin/lienthong.mjs';

export interface EmulatorProcess {
  url: string;
  /** Temporary directory holding `state.sqlite`; removed by stop(). */
  dir: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything the emulator printed on stdout so far. */
  output(): string;
  stderr(): string;
  /** Runs `lienthong <args> --url <url>`. */
  cli(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** Kills the process (if still running) and removes its directory. */
  stop(): void;
}

export async function startEmulatorProcess(prefix: string, args: string[] = []): Promise<EmulatorProcess> {
  const dir = mkdtempSync(join(tmpdir(), `lienthong-${prefix}-`));
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data', join(dir, 'state.sqlite'), ...args]);
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited early (${code}): ${err}`)));
  });
  return {
    url,
    dir,
    child,
    output: () => out,
    stderr: () => err,
    cli: (...cliArgs: string[]) => run(process.execPath, [BIN, ...cliArgs, '--url', url]),
    stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The block of `name: value` lines that follows the line starting with `header` in a command's output. */
export function outputSection(stdout: string, header: string): Record<string, string> | undefined {
  const at = stdout.indexOf(header);
  if (at < 0) return undefined;
  const fields: Record<string, string> = {};
  for (const line of stdout.slice(at).split('\n').slice(1)) {
    if (!line.startsWith('  ')) break;
    const m = /^ {2}([^:]+): (.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) fields[m[1]] = m[2];
  }
  return fields;
}
