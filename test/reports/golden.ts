/**
 * `npm run reports:golden`: rewrites test/reports/golden/ from the fixed fixture with the current renderers.
 * Run it only after an intended change to a renderer, and review the goldens' diff before committing: the
 * golden test (test/reports/renderers.test.ts) fails on any change until then.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { assertValidReport } from '../../reports/model.js';
import { GOLDEN_DIR, GOLDEN_FORMATS, goldenPath, loadFixture, renderForGolden } from './support.js';

const report = loadFixture();
assertValidReport(report);
mkdirSync(GOLDEN_DIR, { recursive: true });
for (const format of GOLDEN_FORMATS) {
  const path = goldenPath(format);
  const text = renderForGolden(format, report);
  let before: string | undefined;
  try {
    before = readFileSync(path, 'utf8');
  } catch {
    before = undefined;
  }
  writeFileSync(path, text);
  console.log(`${before === text ? 'unchanged' : before === undefined ? 'created  ' : 'updated  '} ${path} (${Buffer.byteLength(text)} bytes)`);
}
