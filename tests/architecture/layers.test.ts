import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Code flows one way: network -> scenario -> population -> engine -> metrics -> batch ->
 * calibration -> report
 * -> cli. A module may import from its own layer or any layer before it, never after.
 */
const LAYERS = ['core', 'network', 'scenario', 'population', 'engine', 'metrics', 'batch', 'calibration', 'report', 'importers', 'cli'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const SOURCES = files('src');

describe('architecture', () => {
  it('should keep every src module in a known layer', () => {
    for (const file of SOURCES) expect(LAYERS, file).toContain(relative('src', file).split('/')[0]);
  });

  it('should only import from the same or an earlier layer', () => {
    const violations: string[] = [];
    for (const file of SOURCES) {
      const layer = LAYERS.indexOf(relative('src', file).split('/')[0]);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
        const target = relative('src', join(file, '..', match[1])).split('/')[0];
        const targetLayer = LAYERS.indexOf(target);
        if (targetLayer > layer) violations.push(`${file} imports ${match[1]} (${target} comes after ${LAYERS[layer]})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('should never use Math.random or Date.now for simulation state', () => {
    // Randomness is keyed and passed in (seed, replicate, purpose); wall-clock time belongs to
    // the CLI's progress reports only.
    const offenders = SOURCES.filter((f) => !f.startsWith('src/cli/')).filter((f) => /Math\.random\s*\(|Date\.now\s*\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
