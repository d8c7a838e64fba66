// `import { buildApp } from 'lienthong'`: the emulator as a fastify app that never listens (app.inject()).
import './register.mjs';

const app = await import('../emulator/app.ts');
export const { buildApp, PLATFORMS } = app;
