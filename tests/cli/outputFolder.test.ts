import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolder } from '../../src/core/makeFolder.js';

// The built CLI in a process of its own, killed if it does not end: the failure this guards
// against was a loop inside Node's mkdir that nothing in this process could interrupt.
function corredor(args: string[]) {
  const r = spawnSync(process.execPath, ['dist/src/cli/main.js', ...args], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: r.status, signal: r.signal, stderr: r.stderr };
}

describe('an output folder that cannot be made', () => {
  it.runIf(existsSync('/proc/self'))('should be named with the reason, not hang, when it lies under /proc', () => {
    const r = corredor(['run', 'scenarios/fixtures/tiny.yaml', '--runs', '1', '--workers', '0', '--out', '/proc/corredor-test/out']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\/proc\/corredor-test: cannot create this folder \(ENOENT: no such file or directory\); choose another output path \(--out\)\n$/);
  });

  it('should be named with the reason when a file stands in its way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corredor-out-'));
    writeFileSync(join(dir, 'file'), '');
    const r = corredor(['run', 'scenarios/fixtures/tiny.yaml', '--runs', '1', '--workers', '0', '--out', join(dir, 'file', 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/file\/out: cannot create this folder \(ENOTDIR: not a directory\); choose another output path \(--out\)\n$/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(dir)).toEqual(['file']);
  });
});

describe('makeFolder', () => {
  it('should make missing parents, accept a folder that exists, and refuse a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corredor-mk-'));
    makeFolder(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
    makeFolder(join(dir, 'a', 'b'));
    writeFileSync(join(dir, 'f'), '');
    expect(() => makeFolder(join(dir, 'f'))).toThrow(/f: exists and is not a folder; choose another output path/);
  });
});
