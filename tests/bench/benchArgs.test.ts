import { describe, expect, it } from 'vitest';
import { runBench } from './runBench.js';
import { wholeNumber, wholeNumbers } from '../../bench/benchArgs.js';
import { CliError } from '../../src/core/errors.js';

/** A benchmark's bad option or input is one clear line and a non-zero exit, never a stack trace. */
function bench(args: string[]) {
  const r = runBench(args);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('benchmark options', () => {
  it('should read whole numbers and lists of them, and refuse anything else naming the option', () => {
    expect(wholeNumber('runs', '9')).toBe(9);
    expect(wholeNumber('replicate', '0', 0)).toBe(0);
    expect(wholeNumbers('workers', '1,2')).toEqual([1, 2]);
    for (const text of ['abc', '', '1.5', '0', '-3', undefined]) expect(() => wholeNumber('runs', text), String(text)).toThrow(/--runs expects a whole number >= 1/);
    for (const text of ['1,x', '1,,2', '', '2,0']) expect(() => wholeNumbers('workers', text), text).toThrow(/--workers expects whole numbers >= 1/);
    expect(() => wholeNumber('runs', 'abc')).toThrow(CliError);
  });

  it('should stop a benchmark on a bad option with a usage line and exit code 2', () => {
    for (const [args, message] of [
      [['corridor-year', '--runs', 'abc'], /^npm run bench -- corridor-year: --runs expects a whole number >= 1; got "abc"$/m],
      [['corridor-year', '--dayz', '3'], /^npm run bench -- corridor-year: Unknown option '--dayz'\nIts options: --runs, --scenario, --per-year, --days\.$/m],
      [['scenarios', '--workers', '1,x'], /--workers expects whole numbers >= 0 separated by commas/],
      [['flee-corridor', '--agents', '0'], /--agents expects a whole number >= 1; got "0"/],
      [['builds'], /^npm run bench -- builds: --against expects the folder of another corredor checkout, built/m],
    ] as const) {
      const r = bench([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stdout).toBe('');
    }
  });

  it("should stop on a missing scenario file with the loader's message and exit code 1", () => {
    const r = bench(['state-sharing', '--scenario', 'scenarios/missing.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^npm run bench -- state-sharing: scenarios\/missing\.yaml: no such file/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
