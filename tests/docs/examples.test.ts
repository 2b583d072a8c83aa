import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadScenario } from '../../src/scenario/loadScenario.js';
import { POLICY_TYPES } from '../../src/scenario/policies/policyTypes.js';

/** The examples in docs/scenarios.md are checked like users' files, so they cannot drift. */
const blocks = [...readFileSync('docs/scenarios.md', 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
const dir = mkdtempSync(join(tmpdir(), 'corredor-docs-'));
const baseline = resolve('scenarios/baseline.yaml');

describe('docs/scenarios.md', () => {
  it('should show a valid example of every policy type', () => {
    const policies = blocks.filter((b) => b.startsWith('- id:')).map((b) => (parse(b) as unknown[])[0] as Record<string, unknown>);
    expect(new Set(policies.map((p) => p.type))).toEqual(new Set(Object.keys(POLICY_TYPES)));
    const file = join(dir, 'policies.yaml');
    writeFileSync(file, stringify({ extends: baseline, name: 'docs-examples', policies }));
    expect(loadScenario(file).scenario.policies.length).toBe(loadScenario(baseline).scenario.policies.length + policies.length);
  });

  it('should show a valid extends example and a valid demand example', () => {
    const child = parse(blocks.find((b) => b.startsWith('extends:'))!) as Record<string, unknown>;
    const demand = parse(blocks.find((b) => b.startsWith('demand:'))!) as Record<string, unknown>;
    const file = join(dir, 'child.yaml');
    writeFileSync(file, stringify({ ...child, ...demand, extends: baseline }));
    const loaded = loadScenario(file);
    expect(loaded.scenario.policies.find((p) => p.id === 'inm-fixed-checkpoints')!.interception).toBe(0.12);
    expect(loaded.scenario.demand.caravans).toHaveLength(1);
  });
});
