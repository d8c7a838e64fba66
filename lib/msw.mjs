// `import { lienthongHandlers, createLienthongMsw } from 'lienthong/msw'` (needs msw 2 installed by the caller).
import './register.mjs';

const msw = await import('../emulator/msw.ts');
export const { createLienthongMsw, lienthongHandlers, routeFor, DEFAULT_BASE_URL } = msw;
