import { Option, type Command } from 'commander';
import { integer } from './options.js';

interface TestOptions {
  suite?: string;
  driver: 'hook' | 'interactive' | 'attested';
  hookUrl?: string;
  attestations?: string;
  emulator?: string;
  port: number;
  realClock?: boolean;
  only: string[];
  sutAgency?: string;
  sutName?: string;
  sutVersion?: string;
  sutSystem?: string;
  out?: string;
  list?: boolean;
  input: string[];
  report?: string;
  signKey?: string;
  signCert?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

/** `lienthong test`: runs a conformance suite against a system under test and writes the JSON result. */
export function registerTestCommand(program: Command): void {
  program
    .command('test')
    .description('run a conformance suite against your system (SUT) and judge it against the regulations')
    .option('--suite <id>', 'suite (profile) to run, e.g. vdxp-qlvb; --list shows them')
    .addOption(new Option('--driver <kind>', 'how the harness makes the SUT act').choices(['hook', 'interactive', 'attested']).default('hook'))
    .option('--hook-url <url>', 'base URL of the SUT\'s hook (it serves POST <url>/lienthong/actions)')
    .option('--attestations <file>', 'JSON file of pre-supplied answers (--driver attested)')
    .option('--emulator <url>', 'a running emulator; without it one is started on --port')
    .option('-p, --port <port>', 'port of the emulator started when --emulator is not given', integer('port', 0, 65535), 8686)
    .option('--real-clock', 'start that emulator on the real clock (default: a virtual clock from now, so legal deadlines can be tested)')
    .option('--only <scenario-id>', 'run only this scenario (repeatable); the others are omitted', collect, [])
    .option('--sut-agency <code>', 'the SUT\'s agency code when its system.info does not say')
    .option('--sut-name <name>', 'the SUT\'s name for the report')
    .option('--sut-version <version>', 'the SUT\'s version for the report')
    .option('--sut-system <id>', 'the SUT\'s VDXP systemId')
    .option('--input <name=value>', 'set a scenario input, e.g. waitMs=120000 (repeatable; --list shows them)', collect, [])
    .option('--report <dir>', 'also write the compliance report (JSON, JUnit XML, Markdown, HTML) and its signature there')
    .option('--sign-key <pem>', 'sign the report with this private key (the certifying agency\'s); default the emulator\'s test CA')
    .option('--sign-cert <pem>', 'the certificate of --sign-key')
    .option('--out <file>', 'where to write the JSON result (default .lienthong/results/<suite>-<time>.json)')
    .option('--list', 'list the suites and their scenarios, then exit')
    .action(async (o: TestOptions) => {
      const { runTestCommand } = await import('../../scenarios/kit/cli.js');
      process.exitCode = await runTestCommand({ ...o, stamp: stamp() });
    });
}
