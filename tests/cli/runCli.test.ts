import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { tinyNetwork } from '../arbitraries/networks.js';
import { memoryEffects } from './memoryEffects.js';

const CORRIDOR = 'scenarios/networks/southern-corridor.geojson';
const STACK_LINE = /^\s+at /m;

describe('runCli', () => {
  it('should list the commands on --help', async () => {
    const io = memoryEffects();
    expect(await runCli(['--help'], io.effects)).toBe(0);
    expect(io.stdout()).toContain('network ');
    expect(io.stdout()).toContain('import-flee');
  });

  it('should print a command\'s own help', async () => {
    for (const command of ['network', 'import-flee']) {
      const io = memoryEffects();
      expect(await runCli([command, '--help'], io.effects)).toBe(0);
      expect(io.stdout()).toMatch(new RegExp(`^Usage: corredor ${command} `));
    }
  });

  it('should reject an unknown command, flag or argument count with exit 2 and a hint', async () => {
    const cases: [string[], RegExp][] = [
      [["simulate"], /unknown command "simulate"; expected one of network, validate, run, compare, sweep, merge, explain, calibrate, report, import-flee/],
      [['network', CORRIDOR, '--jsn'], /corredor network: Unknown option '--jsn'\nRun "corredor network --help" for usage\./],
      [['network'], /corredor network: expected 1 argument, got 0/],
      [['import-flee', 'dir'], /missing --out OUT/],
    ];
    for (const [argv, message] of cases) {
      const io = memoryEffects();
      expect(await runCli(argv, io.effects)).toBe(2);
      expect(io.stderr()).toMatch(message);
      expect(io.stderr()).not.toMatch(STACK_LINE);
    }
  });

  it('should print the corridor summary as exactly one JSON object', async () => {
    // Arrange
    const io = memoryEffects({ [CORRIDOR]: readFileSync(CORRIDOR, 'utf8') });
    // Act
    const code = await runCli(['network', CORRIDOR, '--json'], io.effects);
    // Assert
    expect(code).toBe(0);
    const summary = JSON.parse(io.stdout());
    expect(summary.places).toBeGreaterThanOrEqual(80);
    expect(summary.links).toBeGreaterThanOrEqual(150);
    for (const mode of ['road', 'smuggler', 'rail', 'trail', 'river', 'sea']) expect(summary.linksByMode[mode]).toBeGreaterThan(0);
    expect(summary.linksWithoutSource).toBe(0);
    expect(summary.unreachableOrigins).toBe(0);
    expect(summary.remoteKmShare).toBeGreaterThan(0);
    expect(summary.remoteKmShare).toBeLessThan(1);
    for (const key of ['placesByKind', 'kmByMode', 'origins', 'destinations']) expect(summary).toHaveProperty(key);
  });

  it('should fail with the file, feature and field of each problem, and no stack', async () => {
    const net = tinyNetwork();
    Object.assign(net.features[3].properties as object, { mode: 'bus' });
    const io = memoryEffects({ 'bad.geojson': JSON.stringify(net) });
    expect(await runCli(['network', 'bad.geojson'], io.effects)).toBe(1);
    expect(io.stderr()).toContain('bad.geojson: features[3] (link "o--t--bus") properties.mode: expected one of road');
    expect(io.stderr()).not.toMatch(STACK_LINE);
    expect(io.stdout()).toBe('');
  });

  it('should report origins that reach no destination and exit 1', async () => {
    const net = tinyNetwork();
    net.features.splice(3); // keep the places, drop every link
    const io = memoryEffects({ 'cut.geojson': JSON.stringify(net) });
    expect(await runCli(['network', 'cut.geojson', '--json'], io.effects)).toBe(1);
    expect(JSON.parse(io.stdout()).unreachableOriginIds).toEqual(['o']);
    expect(io.stderr()).toContain('cut.geojson: 1 origin(s) reach no destination: o');
  });

  it('should name a missing file', async () => {
    const io = memoryEffects();
    expect(await runCli(['network', 'nope.geojson'], io.effects)).toBe(1);
    expect(io.stderr()).toMatch(/^nope\.geojson: no such file; check the path/);
  });

  it('should show an internal error in one line, and its stack only with --debug', async () => {
    const io = memoryEffects();
    io.effects.readText = () => {
      throw new TypeError('boom');
    };
    expect(await runCli(['network', 'x.geojson'], io.effects)).toBe(70);
    expect(io.stderr()).toContain('corredor: internal error: boom');
    expect(io.stderr()).not.toMatch(STACK_LINE);
    const debug = memoryEffects();
    debug.effects.readText = io.effects.readText;
    expect(await runCli(['network', 'x.geojson', '--debug'], debug.effects)).toBe(70);
    expect(debug.stderr()).toMatch(STACK_LINE);
  });
});
