import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Scenario } from './types.js';

const SCENARIOS_DIR = fileURLToPath(new URL('../', import.meta.url));
const FOLDERS = ['vdxp', 'dvcqg', 'ndxp', 'cross'] as const;

/** Every `scenarios/<platform>/*.scenario.ts`, by id; a duplicate id is an error. */
export async function loadScenarios(): Promise<Map<string, Scenario>> {
  const out = new Map<string, Scenario>();
  for (const folder of FOLDERS) {
    let files: string[];
    try {
      files = readdirSync(`${SCENARIOS_DIR}${folder}`).filter((f) => f.endsWith('.scenario.ts')).sort();
    } catch {
      continue;
    }
    for (const file of files) {
      const mod = (await import(pathToFileURL(`${SCENARIOS_DIR}${folder}/${file}`).href)) as Record<string, unknown>;
      const found = Object.values(mod).filter((v): v is Scenario => typeof v === 'object' && v !== null && (v as Scenario).kind === 'scenario');
      if (found.length !== 1) throw new Error(`scenarios/${folder}/${file} must export exactly one defineScenario(…), found ${found.length}`);
      const s = found[0]!;
      if (out.has(s.id)) throw new Error(`scenario id ${s.id} is defined twice (scenarios/${folder}/${file})`);
      if (folder !== 'cross' && s.platform !== folder) throw new Error(`scenario ${s.id} says platform ${s.platform} but lives in scenarios/${folder}/`);
      out.set(s.id, s);
    }
  }
  return out;
}
