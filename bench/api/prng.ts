/** mulberry32: a small deterministic PRNG, so the same seed always produces the same year of data. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Rng {
  next(): number;
  between(min: number, max: number): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  /** Roughly normal (mean, sd) from the sum of three uniforms. */
  normal(mean: number, sd: number): number;
}

export function rng(seed: number): Rng {
  const next = createRandom(seed);
  const between = (min: number, max: number) => min + (max - min) * next();
  return {
    next,
    between,
    int: (min, max) => Math.floor(between(min, max + 1)),
    chance: (p) => next() < p,
    normal: (mean, sd) => mean + sd * ((next() + next() + next() - 1.5) * 2),
  };
}
