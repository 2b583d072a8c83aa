import type { Distribution } from '../scenario/scenario.js';

/**
 * One draw from a distribution, given two uniforms in [0, 1). Every distribution takes exactly
 * two, whatever it uses, so changing one attribute's distribution never shifts the draws of the
 * attributes after it (common random numbers across scenario variants).
 */
export function sampleDistribution(d: Distribution, u1: number, u2: number): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * u1;
    case 'lognormal': {
      // Box-Muller; 1 - u1 is in (0, 1], so the log is finite.
      const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      return d.median * Math.exp(d.sigma * z);
    }
  }
}

/** The median of a distribution (e.g. the typical traveller `explain` shows). */
export function medianOf(d: Distribution): number {
  if (d.dist === 'constant') return d.value;
  if (d.dist === 'uniform') return (d.min + d.max) / 2;
  return d.median;
}
