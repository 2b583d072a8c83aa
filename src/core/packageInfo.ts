import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * corredor's own package.json, found by walking up from this module. The walk works both from
 * src/ (tests, tsx) and from the compiled dist/src/ tree.
 */
export function packageInfo(): { name: string; version: string; root: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'corredor') return { name: pkg.name, version: pkg.version ?? '0.0.0', root: dir };
    }
    const parent = dirname(dir);
    if (parent === dir) return { name: 'corredor', version: '0.0.0', root: process.cwd() };
    dir = parent;
  }
}
