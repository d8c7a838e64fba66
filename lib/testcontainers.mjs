// `import { LienthongContainer } from 'lienthong/testcontainers'` (needs testcontainers 11 installed by the caller).
import './register.mjs';

const tc = await import('../emulator/testcontainers.ts');
export const { LienthongContainer, StartedLienthongContainer, LIENTHONG_PORT, HEALTH_PATH, DEFAULT_IMAGE, REPOSITORY_DIR, buildLienthongImage } = tc;
