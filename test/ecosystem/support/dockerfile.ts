/** A small Dockerfile reader: instructions with their arguments, continuation lines joined, comments dropped. */
import { readFileSync } from 'node:fs';

export interface Instruction {
  name: string;
  args: string;
}

export function readDockerfile(file: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (/^\s*#/.test(raw) && current === '') continue;
    if (/^\s*#/.test(raw)) continue; // a comment inside a continued instruction
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim() !== '') logical.push(current.trim());
    current = '';
  }
  return logical.map((l) => {
    const m = /^(\S+)\s*(.*)$/.exec(l)!;
    return { name: m[1]!.toUpperCase(), args: m[2]! };
  });
}

/** `["a", "b"]` (exec form) as words; the shell form is refused: signals would not reach node. */
export function execForm(args: string): string[] {
  const json = JSON.parse(args) as unknown;
  if (!Array.isArray(json) || !json.every((w) => typeof w === 'string')) throw new Error(`not a JSON array of strings: ${args}`);
  return json;
}
