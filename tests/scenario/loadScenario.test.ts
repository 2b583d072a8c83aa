import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReplicate } from '../../src/batch/runReplicate.js';
import { runCli } from '../../src/cli/runCli.js';
import { nodeEffects } from '../../src/cli/effects.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';

const SHIPPED = ['baseline', 'frontera-sur-2014', 'guardia-nacional-2019', 'timeline-2013-2019'].map((n) => `scenarios/${n}.yaml`);
const TINY = 'scenarios/fixtures/tiny.yaml';

async function validate(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['validate', ...argv], { ...nodeEffects(), stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('shipped scenarios', () => {
  for (const file of SHIPPED) {
    it(`should validate and run ${file}`, () => {
      // Arrange: the real scenario, cut to two weeks and a small flow so the test stays quick.
      const loaded = loadScenario(file, { set: ['demand.per_year=20000', 'demand.by_year={}', `period.end=${addDays(loadScenario(file).scenario.period.start, 13)}`] });
      // Act
      const result = runReplicate({ scenario: loaded.scenario, seed: loaded.scenario.seed, replicate: 0 }, loaded.compiled);
      // Assert
      expect(result.metrics.created).toBeGreaterThan(500);
      expect(result.metrics.created).toBe(result.metrics.arrived + result.metrics.died + result.metrics.gave_up + result.metrics.in_transit + result.metrics.detained);
    });
  }

  it('should start every shipped scenario with the schema line for editors', () => {
    for (const file of [...SHIPPED, TINY]) expect(readFileSync(file, 'utf8').split('\n')[0], file).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+docs\/scenario\.schema\.json$/);
  });

  it('should give the default scenario identical results for the same seed and replicate', () => {
    const loaded = loadScenario('scenarios/baseline.yaml', { set: ['demand.per_year=30000', 'period.end=2014-08-15'] });
    const a = runReplicate({ scenario: loaded.scenario, seed: 2014, replicate: 3 }, loaded.compiled);
    const b = runReplicate({ scenario: loaded.scenario, seed: 2014, replicate: 3 }, loaded.compiled);
    expect(JSON.stringify(b.metrics)).toBe(JSON.stringify(a.metrics));
    const c = runReplicate({ scenario: loaded.scenario, seed: 2014, replicate: 4 }, loaded.compiled);
    expect(JSON.stringify(c.metrics)).not.toBe(JSON.stringify(a.metrics));
  });
});

describe('broken scenarios', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown policy type', ['scenarios/fixtures/broken/unknown-type.yaml'], /broken\/unknown-type\.yaml: policies\[11\]\.type \(line 5, column 23\): expected one of checkpoint, cordon, river_patrol, .*; got "border_wall"/],
    ['the date 2014-13-01', ['scenarios/fixtures/broken/bad-date.yaml'], /broken\/bad-date\.yaml: policies\[2\]\.from \(line 6, column 11\): expected a date as YYYY-MM-DD; got "2014-13-01"/],
    ['a probability of 1.2', ['scenarios/fixtures/broken/probability.yaml'], /broken\/probability\.yaml: policies\[0\]\.interception \(line 6, column 19\): expected a number <= 1; got 1\.2/],
    ['a missing network file', ['scenarios/fixtures/broken/missing-network.yaml'], /broken\/missing-network\.yaml: network \(line 4, column 10\): cannot read the network .*no-such-network\.geojson: no such file/],
    ['--disable with an unknown id', [TINY, '--disable', 'nope'], /^--disable nope: no policy with id "nope" in scenarios\/fixtures\/tiny\.yaml; its policies are fixed-checkpoints, /],
    ['a YAML syntax error', ['scenarios/fixtures/broken/syntax.yaml'], /broken\/syntax\.yaml: line 5, column 1: YAML syntax error: /],
    ['a circular extends', ['scenarios/fixtures/broken/circular-a.yaml'], /circular-a\.yaml: circular "extends": .*circular-a\.yaml -> .*circular-b\.yaml -> .*circular-a\.yaml/],
    ['an unknown --set path', [TINY, '--set', 'behaviour.detention_dayz=3'], /^--set behaviour\.detention_dayz=3: unknown field "detention_dayz" in behaviour; expected one of candidate_routes/],
    // A bad value given on the command line names the flag, not the line of the file it replaced.
    ['a bad --set value', [TINY, '--set', 'demand.per_year=abc'], /tiny\.yaml: demand\.per_year \(given by --set demand\.per_year=abc\): expected a number; got "abc"/],
    ['a bad --set value inside a policy', [TINY, '--set', 'policies.fixed-checkpoints.interception=1.5'], /tiny\.yaml: policies\[0\]\.interception \(given by --set policies\.fixed-checkpoints\.interception=1\.5\): expected a number <= 1; got 1\.5/],
    ['a custom YAML tag', ['-'], /custom YAML tags are not allowed/],
  ];
  for (const [what, argv, message] of cases) {
    it(`should reject ${what} with file, path and expectation, non-zero, and no output`, async () => {
      let args = argv;
      if (argv[0] === '-') {
        const dir = mkdtempSync(join(tmpdir(), 'corredor-tag-'));
        writeFileSync(join(dir, 's.yaml'), `extends: ${join(process.cwd(), TINY)}\nname: !!js/function "x"\n`);
        args = [join(dir, 's.yaml')];
      }
      const r = await validate(args);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/^\s+at /m);
      expect(r.out).toBe('');
    });
  }
});

describe('extends', () => {
  it('should merge policies by id and keep the parent\'s other fields', () => {
    const parent = loadScenario('scenarios/baseline.yaml').scenario;
    const child = loadScenario('scenarios/frontera-sur-2014.yaml').scenario;
    expect(child.demand).toEqual(parent.demand);
    expect(child.policies.slice(0, parent.policies.length)).toEqual(parent.policies);
    expect(child.policies.map((p) => p.id)).toContain('isthmus-cordon');
  });

  it('should change only the named fields of a policy the child redefines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corredor-extends-'));
    writeFileSync(join(dir, 'child.yaml'), `extends: ${join(process.cwd(), TINY)}\nname: child\npolicies:\n  - { id: troops, troops: 900 }\n`);
    const child = loadScenario(join(dir, 'child.yaml')).scenario.policies.find((p) => p.id === 'troops')!;
    const parent = loadScenario(TINY).scenario.policies.find((p) => p.id === 'troops')!;
    expect(child).toEqual({ ...parent, troops: 900 });
  });
});

function addDays(iso: string, n: number): string {
  return new Date(Date.parse(iso + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}
