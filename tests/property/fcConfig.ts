import fc from 'fast-check';

/**
 * fast-check runs from a pinned seed so CI is repeatable; set FC_SEED to explore other seeds
 * locally. On failure fast-check prints the seed and the shrunk counterexample's path, which
 * replay with { seed, path }.
 */
export const FC_SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261128;

export function configureFastCheck(): void {
  fc.configureGlobal({ seed: FC_SEED, numRuns: 100, verbose: 0 });
}
