/**
 * Deterministic randomness for the corpus: one seeded faker per surface (Vietnamese first, English and the
 * base locale behind it), so the same seed yields the same cases on every machine.
 */
import { base, en, Faker, vi } from '@faker-js/faker';

export type Rng = Faker;

export function seeded(seed: number): Rng {
  const f = new Faker({ locale: [vi, en, base] });
  f.seed(seed);
  return f;
}

/** A string of `n` characters drawn from `alphabet`. */
export function chars(rng: Rng, n: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[rng.number.int({ min: 0, max: alphabet.length - 1 })];
  return out;
}

/** A value of the wrong JSON type for a field that wants a string (or anything): the mix-ups clients make. */
export function wrongJson(rng: Rng): unknown {
  return rng.helpers.arrayElement<unknown>([
    null,
    true,
    false,
    0,
    -1,
    rng.number.int({ min: 1, max: 1e9 }),
    rng.number.float({ min: -1e6, max: 1e6 }),
    1e308,
    [],
    [rng.lorem.word()],
    {},
    { value: rng.lorem.word() },
    [[[]]],
  ]);
}
