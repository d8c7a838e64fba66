import { Option, type Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `lienthong report` (re-render a result or report) and `lienthong verify` (check a signed report). */
export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('render a saved run result or report as JSON, JUnit XML, Markdown and HTML (signed when a key is given)')
    .argument('<file>', 'a run result (lienthong-run/1) or a report (lienthong-report/1)')
    .addOption(new Option('--format <format>', 'one format, or all').choices(['json', 'junit', 'markdown', 'html', 'all']).default('all'))
    .option('--out <dir>', 'folder to write into', '.lienthong/report')
    .option('--emulator <url>', 'read the exchanges of a run result from this emulator, and sign with its test CA')
    .option('--sign-key <pem>', 'private key to sign with (the certifying agency\'s)')
    .option('--sign-cert <pem>', 'its certificate')
    .action(async (file: string, o: { format: string; out: string; emulator?: string; signKey?: string; signCert?: string }) => {
      const { loadOrBuildReport, signingKeyFor, writeReportSet } = await import('../../reports/cli.js');
      const { RENDERERS } = await import('../../reports/render/index.js');
      const report = await loadOrBuildReport(file, o.emulator);
      const signing = await signingKeyFor({ signKey: o.signKey, signCert: o.signCert, emulatorUrl: o.emulator });
      const formats = (o.format === 'all' ? Object.keys(RENDERERS) : [o.format]) as Parameters<typeof writeReportSet>[3];
      for (const path of writeReportSet(report, o.out, signing?.key, formats)) console.log(`wrote ${path}`);
      console.log(signing ? `signed with ${signing.source}` : 'not signed (give --sign-key/--sign-cert, or --emulator to use its test CA)');
    });

  program
    .command('verify')
    .description('verify a signed compliance report: valid, or exactly why not (exit code 0 or 1)')
    .argument('<report>', 'report.json as written by lienthong test --report')
    .option('--signature <file>', 'the detached signature (default <report>.sig)')
    .option('--ca <pem>', 'a CA certificate the signer must chain to (repeatable)', collect, [])
    .action(async (report: string, o: { signature?: string; ca: string[] }) => {
      const { runVerify } = await import('../../reports/cli.js');
      process.exitCode = runVerify({ report, ...(o.signature ? { signature: o.signature } : {}), ca: o.ca }, (line) => console.log(line));
    });
}
