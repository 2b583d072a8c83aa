import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageInfo } from '../../src/core/packageInfo.js';
import { CliError } from '../../src/core/errors.js';

describe('packageInfo', () => {
  const outside = mkdtempSync(join(tmpdir(), 'corredor-package-'));
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it("should find corredor's package.json above this module, with its version", () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(packageInfo()).toEqual({ name: 'corredor', version: pkg.version, root: resolve('.') });
  });

  it("should skip another package's package.json on the way up", () => {
    const nested = join(outside, 'corredor', 'node_modules', 'other', 'lib');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(outside, 'corredor', 'package.json'), JSON.stringify({ name: 'corredor', version: '9.8.7' }));
    writeFileSync(join(outside, 'corredor', 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other', version: '1.0.0' }));
    expect(packageInfo(nested)).toEqual({ name: 'corredor', version: '9.8.7', root: join(outside, 'corredor') });
  });

  it('should fail with a message naming the folder, not fall back to the working directory, outside the package', () => {
    const lonely = join(outside, 'dist', 'src', 'core');
    mkdirSync(lonely, { recursive: true });
    const run = () => packageInfo(lonely);
    expect(run).toThrow(CliError);
    expect(run).toThrow(`was not found in ${lonely} or any folder above it`);
  });
});
