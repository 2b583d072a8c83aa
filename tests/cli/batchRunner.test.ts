import { describe, expect, it } from 'vitest';
import { batchScenarios } from '../../src/cli/batchRunner.js';
import { loadScenario } from '../../src/scenario/loadScenario.js';

describe('batchScenarios', () => {
  it('should send one copy of a network that several scenarios compiled, and one of each other', () => {
    // Arrange: two variants of the fixture network, each loaded (and compiled) on its own, and
    // a scenario of the southern corridor.
    const load = (file: string) => ({ label: file, scenario: loadScenario(file) });
    const loaded = [load('scenarios/fixtures/tiny.yaml'), load('scenarios/baseline.yaml'), load('scenarios/fixtures/tiny-crackdown.yaml')];
    expect(loaded[0].scenario.compiled).not.toBe(loaded[2].scenario.compiled);
    // Act
    const { networks, scenarios } = batchScenarios(loaded);
    // Assert
    expect(networks).toHaveLength(2);
    expect(scenarios.map((s) => s.network)).toEqual([0, 1, 0]);
    expect(networks[1].placeCount).toBe(loaded[1].scenario.compiled.placeCount);
  });
});
