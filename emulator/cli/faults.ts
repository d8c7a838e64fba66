/**
 * `lienthong faults add | list | clear`: fault rules on a running emulator (`/_lienthong/faults`, docs/faults.md).
 * The emulator checks every rule and names the field and the rule it breaks; this command only turns options
 * into the JSON body and prints what the emulator answered.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { describeFault, type FaultInput, type FaultRule } from '../core/faults.js';
import { integer } from './options.js';
import { control, DEFAULT_URL } from './remote.js';

/** The options commander hands over: the rule's own fields (choices already checked) and where to send it. */
type AddOptions = FaultInput & { emulator?: string; url?: string; json?: boolean };

function probability(value: string): number {
  const p = Number(value);
  if (!Number.isFinite(p) || p <= 0 || p > 1) throw new InvalidArgumentError('probability must be a number above 0 and at most 1');
  return p;
}

/** What the rule does and what it matches, for one line of output: `vdxp error 503 on operation sendEdoc (1/2 hits)`. */
export function describeRule(r: FaultRule): string {
  const what = describeFault(r);
  const on = [
    r.operation && `operation ${r.operation}`,
    r.systemId && `system ${r.systemId}`,
    r.account && `account ${r.account}`,
    r.clientId && `client ${r.clientId}`,
    r.agency && `agency ${r.agency}`,
  ].filter(Boolean);
  const how = [r.count !== undefined ? `${r.hits}/${r.count} hits` : `${r.hits} hits`, r.probability !== undefined && `p=${r.probability}${r.seed !== undefined ? ` seed ${r.seed}` : ''}`].filter(Boolean);
  return `${r.platform} ${what}${on.length ? ` on ${on.join(', ')}` : ' on every request'} (${how.join(', ')})`;
}

const urlOf = (o: { emulator?: string; url?: string }) => o.emulator ?? o.url ?? DEFAULT_URL;

function withEmulator(cmd: Command): Command {
  return cmd.option('--emulator <url>', `the running emulator (default ${DEFAULT_URL}, or $LIENTHONG_URL)`).addOption(new Option('--url <url>', 'same as --emulator').hideHelp());
}

export function registerFaultsCommand(program: Command): void {
  const faults = program.command('faults').description('fault injection on a running emulator: errors, latency, drops, redelivery, reordering, tampering, expired tokens (docs/faults.md)');

  withEmulator(
    faults
      .command('add')
      .description('add a rule; prints its id')
      .addOption(new Option('--platform <platform>', 'the platform whose requests it hits').choices(['vdxp', 'dvcqg', 'ndxp']).makeOptionMandatory())
      .addOption(new Option('--kind <kind>', 'what happens').choices(['error', 'latency', 'drop', 'expired-token', 'duplicate', 'out-of-order', 'tamper']).makeOptionMandatory())
      .option('--operation <name>', 'only this operation (sendEdoc, a DVCQG service, an NDXP API context or resource)')
      .option('--agency <code>', 'only requests for this agency code (mã định danh; VDXP delivery kinds: the recipient)')
      .option('--system-id <id>', 'VDXP: only this connected system')
      .option('--account <username>', 'DVCQG: only this one-stop account')
      .option('--client-id <key>', 'NDXP: only this consumer application')
      .option('--status <code>', 'error: the HTTP status (default 503)', integer('status', 400, 599))
      .option('--latency-ms <ms>', 'latency: the delay', integer('latency-ms', 0, 120_000))
      .addOption(new Option('--phase <phase>', 'error, drop: before the platform handles the request (request) or after (reply)').choices(['request', 'reply']))
      .addOption(new Option('--redelivery <how>', 'duplicate: the same docId again, or a new one').choices(['same-docid', 'new-docid']))
      .addOption(new Option('--message-type <type>', 'duplicate, tamper: documents or statuses only').choices(['edoc', 'status']))
      .option('--count <n>', 'hit this many times (default: every time)', integer('count', 1, 1_000_000))
      .option('--probability <p>', 'hit a matching request with this chance (0 < p ≤ 1)', probability)
      .option('--seed <n>', 'with --probability: the same requests are hit in every run', integer('seed', 0, 2_147_483_647))
      .option('--json', 'print the rule as JSON'),
  ).action(async (o: AddOptions) => {
    const body = Object.fromEntries(
      (['platform', 'kind', 'operation', 'systemId', 'account', 'clientId', 'agency', 'status', 'latencyMs', 'phase', 'redelivery', 'messageType', 'count', 'probability', 'seed'] as const)
        .filter((k) => o[k] !== undefined)
        .map((k) => [k, o[k]]),
    );
    const rule = await control<FaultRule>(urlOf(o), 'POST', '/_lienthong/faults', body);
    process.stdout.write(o.json ? `${JSON.stringify(rule, null, 2)}\n` : `fault ${rule.id} added: ${describeRule(rule)}\n`);
  });

  withEmulator(
    faults
      .command('list')
      .description('the rules, in the order they are matched, with their hits')
      .addOption(new Option('--platform <platform>', 'only this platform').choices(['vdxp', 'dvcqg', 'ndxp']))
      .option('--json', 'print the rules as JSON'),
  ).action(async (o: { platform?: string; json?: boolean; emulator?: string; url?: string }) => {
    const { faults: rules } = await control<{ faults: FaultRule[] }>(urlOf(o), 'GET', `/_lienthong/faults${o.platform ? `?platform=${o.platform}` : ''}`);
    if (o.json) return void process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    process.stdout.write(rules.length === 0 ? 'no fault rules\n' : rules.map((r) => `${r.id}  ${describeRule(r)}\n`).join(''));
  });

  withEmulator(faults.command('clear').description('remove one rule, or all of them').argument('[id]', 'the rule to remove (default: all)')).action(
    async (id: string | undefined, o: { emulator?: string; url?: string }) => {
      if (id) {
        await control(urlOf(o), 'DELETE', `/_lienthong/faults/${encodeURIComponent(id)}`);
        process.stdout.write(`fault ${id} removed\n`);
        return;
      }
      const { removed } = await control<{ removed: number }>(urlOf(o), 'DELETE', '/_lienthong/faults');
      process.stdout.write(`${removed} fault rule${removed === 1 ? '' : 's'} removed\n`);
    },
  );
}
