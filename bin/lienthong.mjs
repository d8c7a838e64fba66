#!/usr/bin/env node
// Launches the TypeScript CLI through tsx so a plain `npm install` is enough (no build step).
import { register } from 'tsx/esm/api';
register();
await import('../emulator/cli/index.ts');
