// lienthong ships TypeScript sources and no build: these entry points load them through tsx (a dependency),
// registering its ESM hooks once per process, as bin/lienthong.mjs does for the CLI.
import { register } from 'tsx/esm/api';

const KEY = Symbol.for('lienthong.tsx-hooks');
if (!globalThis[KEY]) {
  register();
  globalThis[KEY] = true;
}
