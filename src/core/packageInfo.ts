import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './errors.js';

/**
 * corredor's own package.json, found by walking up from `from` (this module's folder by
 * default). The walk works both from src/ (tests, tsx) and from the compiled dist/src/ tree.
 *
 * Not finding it is an error, not a fallback: the package root locates the worker threads'
 * code and names the version in every run's manifest, and a copy of dist/ outside its package
 * that fell back to the working directory ran the workers of whatever build sat there, and
 * recorded a version of 0.0.0.
 */
export function packageInfo(from = dirname(fileURLToPath(import.meta.url))): { name: string; version: string; root: string } {
  let dir = from;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'corredor' && typeof pkg.version === 'string') return { name: pkg.name, version: pkg.version, root: dir };
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new CliError(`corredor's package.json (name "corredor", with a version) was not found in ${from} or any folder above it: run corredor from its package, where npm install and npm run build put it`);
    }
    dir = parent;
  }
}
