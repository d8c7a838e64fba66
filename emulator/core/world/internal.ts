/**
 * Internal building blocks of the synthetic world: integer hashing, keyed permutations (the id
 * scrambles), a fast seedable randomizer for faker, and text folding. Not re-exported by index.ts.
 */
import type { Randomizer } from '@faker-js/faker';

/** 32-bit finaliser ("lowbias32" constants): cheap, well-mixed, and identical on every JS engine. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

function step(h: number, x: number): number {
  return mix32((h ^ (x >>> 0)) + 0x9e3779b9);
}

/** Hash of two or three non-negative integers below 2^32 (fixed arity: no array allocation). */
export function hash2(a: number, b: number): number {
  return step(step(0x2545f491, a), b);
}
export function hash3(a: number, b: number, c: number): number {
  return step(step(step(0x2545f491, a), b), c);
}

/** A hash as a uniform number in [0, 1). */
export function unit(h: number): number {
  return h / 4294967296;
}

/** Folds any safe-integer seed to 32 bits (both halves count, so 1 and 2^32 + 1 differ). */
export function seed32(seed: number): number {
  return hash2(seed >>> 0, Math.floor(seed / 4294967296) >>> 0);
}

// Keyed permutation of [0, n): a 4-round Feistel network on [0, h²) with h = ⌈√n⌉, restricted to [0, n)
// by cycle-walking (re-apply until the value lands inside; a permutation's orbit always comes back).
// Bijective by construction, so every index gets a distinct code and the code decodes in O(1).
const ROUNDS = 4;

function half(n: number): number {
  return Math.ceil(Math.sqrt(n));
}

function forward(x: number, h: number, key: number): number {
  let l = Math.floor(x / h);
  let r = x % h;
  for (let round = 0; round < ROUNDS; round++) {
    const next = (l + (hash3(key, round, r) % h)) % h;
    l = r;
    r = next;
  }
  return l * h + r;
}

function backward(y: number, h: number, key: number): number {
  let l = Math.floor(y / h);
  let r = y % h;
  for (let round = ROUNDS - 1; round >= 0; round--) {
    const prev = (((r - (hash3(key, round, l) % h)) % h) + h) % h;
    r = l;
    l = prev;
  }
  return l * h + r;
}

/** Keyed bijection of [0, n) onto itself. */
export function permute(x: number, n: number, key: number): number {
  const h = half(n);
  let y = forward(x, h, key);
  while (y >= n) y = forward(y, h, key);
  return y;
}

/** Inverse of {@link permute}. */
export function unpermute(y: number, n: number, key: number): number {
  const h = half(n);
  let x = backward(y, h, key);
  while (x >= n) x = backward(x, h, key);
  return x;
}

/**
 * Faker randomizer on sfc32. Faker's default Mersenne Twister costs ~37 µs per reseed (measured here),
 * which alone would blow the 50 µs per-citizen budget; sfc32 reseeds in well under 1 µs.
 */
export interface FastRandomizer extends Randomizer {
  /** Next raw 32-bit value (for our own weighted picks, without going through faker). */
  u32(): number;
}

export function createRandomizer(): FastRandomizer {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 1;
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return {
    u32,
    next: () => u32() / 4294967296,
    seed(seed: number | number[]): void {
      const parts = Array.isArray(seed) ? seed : [seed];
      let h = 0x6a09e667;
      for (const p of parts) h = step(h, p >>> 0);
      a = mix32(h ^ 0x243f6a88);
      b = mix32(h ^ 0x85a308d3);
      c = mix32(h ^ 0x13198a2e);
      d = 1;
      for (let i = 0; i < 12; i++) u32();
    },
  };
}

/** Cumulative weights for O(log n) weighted picks with a uniform number. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    out[i] = total;
  });
  return out;
}

/** Index picked by `u` in [0, 1) from cumulative weights. */
export function pick(cum: Float64Array, u: number): number {
  const target = u * (cum[cum.length - 1] ?? 0);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** "Nguyễn Văn Đức" → "NGUYEN VAN DUC": the form clients send to the population database (spec B2). */
export function asciiUpper(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toUpperCase();
}

/** Lower-case ASCII without spaces, for e-mail local parts and slugs. */
export function asciiSlug(text: string): string {
  return asciiUpper(text).toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
