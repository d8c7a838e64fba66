/**
 * Checks a `lienthong …` invocation written somewhere else (Dockerfile, CI examples, the container module)
 * against the real command tree: parsed by commander exactly as the CLI parses it, with every action
 * replaced so nothing runs. Unknown commands and options, bad choices and bad numbers throw.
 */
import type { Command } from 'commander';
import { cliProgram } from '../../../emulator/cli/index.js';

export interface Invocation {
  /** `start`, `test`, `agencies add`, … */
  command: string;
  options: Record<string, unknown>;
}

const hasAction = (cmd: Command) => typeof (cmd as unknown as { _actionHandler?: unknown })._actionHandler === 'function';
const path = (cmd: Command): string => (cmd.parent && cmd.parent.parent ? `${path(cmd.parent)} ${cmd.name()}` : cmd.name());

/** argv after `lienthong`. */
export async function checkInvocation(argv: readonly string[]): Promise<Invocation> {
  const program = cliProgram();
  let seen: Invocation | undefined;
  const visit = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    if (hasAction(cmd)) {
      cmd.action(function (this: Command) {
        seen = { command: path(this), options: this.opts() };
      });
    }
    cmd.commands.forEach(visit);
  };
  visit(program);
  await program.parseAsync([...argv], { from: 'user' });
  if (!seen) throw new Error(`"lienthong ${argv.join(' ')}" runs no command`);
  return seen;
}

/** The long options a sub-command declares (`--host`, `--data`, …). */
export function optionsOf(command: string): string[] {
  const cmd = command.split(' ').reduce<Command | undefined>((c, name) => c?.commands.find((x) => x.name() === name), cliProgram());
  if (!cmd) throw new Error(`no command "${command}"`);
  return cmd.options.map((o) => o.long).filter((l): l is string => l !== undefined);
}

/** Splits a shell command line into words (quotes, backslash-newline); stops at a pipe, `&&`, `;`, `&` or a redirect. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  const text = line.replace(/\\\r?\n/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ('|&;<>'.includes(c)) {
      break;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * Every `lienthong …` invocation in a shell script (one per logical line), as argv after `lienthong`:
 * `npx lienthong test …`, `node bin/lienthong.mjs …`, `docker run … image lienthong start …`.
 */
export function lienthongInvocations(script: string): string[][] {
  const out: string[][] = [];
  for (const line of script.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    for (const segment of line.split(/&&|\|\||;|\|/)) {
      const words = shellWords(segment.trim());
      const at = words.findIndex((w) => w === 'lienthong' || w.endsWith('/lienthong') || w.endsWith('bin/lienthong.mjs'));
      if (at >= 0) out.push(words.slice(at + 1));
    }
  }
  return out;
}
