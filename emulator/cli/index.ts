import { Command } from 'commander';
import { pathToFileURL } from 'node:url';
import { VERSION } from '../core/version.js';
import { registerAgenciesCommand } from './agencies.js';
import { registerFaultsCommand } from './faults.js';
import { registerSignCommand } from './sign-command.js';
import { registerSnapshotCommands } from './snapshot.js';
import { registerStartCommand } from './start.js';
import { registerReportCommands } from './report-commands.js';
import { registerTestCommand } from './test-command.js';

/** The `lienthong` command: one file per sub-command. */
export async function runCli(argv: string[]): Promise<void> {
  await cliProgram().parseAsync(argv, { from: 'user' });
}

/** The command tree without running it: tests check that Dockerfile and CI examples only use real options. */
export function cliProgram(): Command {
  const program = new Command('lienthong')
    .description("Local emulator of Vietnam's national e-government platforms (VDXP, DVCQG, NDXP) and conformance harness")
    .version(VERSION);
  registerStartCommand(program);
  registerAgenciesCommand(program);
  registerFaultsCommand(program);
  registerSignCommand(program);
  registerTestCommand(program);
  registerReportCommands(program);
  registerSnapshotCommands(program);
  return program;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || process.argv[1]?.endsWith('lienthong.mjs') || process.argv[1]?.endsWith('/lienthong')) {
  await runCli(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`lienthong: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
