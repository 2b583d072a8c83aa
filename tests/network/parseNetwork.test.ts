import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors.js';
import { lineLengthKm } from '../../src/core/geo.js';
import { parseNetwork } from '../../src/network/parseNetwork.js';
import { arbNetwork, collection, link, place, tinyNetwork } from '../arbitraries/networks.js';

const FILE = 'nets/test.geojson';

function problemsOf(text: string): string[] {
  try {
    parseNetwork(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems.map((p) => `${p.file}: ${p.where}: ${p.message}`);
  }
  throw new Error('expected the network to be rejected');
}

function withLinkProps(props: Record<string, unknown>): string {
  const net = tinyNetwork();
  Object.assign(net.features[3].properties as object, props);
  return JSON.stringify(net);
}

describe('parseNetwork', () => {
  it('should accept a valid network and sort places and links by id', () => {
    // Arrange
    const net = tinyNetwork();
    net.features.reverse();
    // Act
    const network = parseNetwork(JSON.stringify(net), FILE);
    // Assert
    expect(network.places.map((p) => p.id)).toEqual(['d', 'o', 't']);
    expect(network.links.map((l) => l.id)).toEqual(['o--d--trail', 'o--t--road', 't--d--rail']);
    expect(network.links.every((l, i) => l.index === i)).toBe(true);
    expect(Object.isFrozen(network.links[0])).toBe(true);
  });

  it('should default length_km to the geodesic length of the geometry', () => {
    const network = parseNetwork(JSON.stringify(tinyNetwork()), FILE);
    const l = network.links[network.linkIndex.get('o--t--road')!];
    expect(l.lengthKm).toBeCloseTo(lineLengthKm(l.coordinates), 9);
    expect(l.lengthKm).toBeGreaterThan(70);
  });

  it('should report broken JSON with its line and column', () => {
    const text = '{\n  "type": "FeatureCollection",\n  "features": [ }\n';
    const [problem] = problemsOf(text);
    expect(problem).toMatch(/^nets\/test\.geojson: line 3, column \d+: not valid JSON/);
  });

  it('should report an empty file', () => {
    expect(problemsOf('')).toEqual(['nets/test.geojson: line 1: the file is empty; expected a JSON document']);
  });

  it('should name feature, id and field for an unknown mode', () => {
    const [problem] = problemsOf(withLinkProps({ mode: 'bus' }));
    expect(problem).toContain('features[3]');
    expect(problem).toContain('properties.mode');
    expect(problem).toContain('expected one of road, smuggler, rail, trail, river, sea; got "bus"');
  });

  it('should name the dangling end of a link', () => {
    const [problem] = problemsOf(withLinkProps({ to: 'nowhere' }));
    expect(problem).toBe('nets/test.geojson: features[3] (link "o--nowhere--road") properties.to: no place has id "nowhere"; add a Point feature with that id or fix the reference');
  });

  it('should reject a negative length', () => {
    const problems = problemsOf(withLinkProps({ length_km: -5 }));
    expect(problems.some((p) => p.includes('features[3] (link "o--t--road") properties.length_km: expected a number >= 0; got -5'))).toBe(true);
  });

  it('should reject a probability of 1.5', () => {
    const [problem] = problemsOf(withLinkProps({ death: 1.5 }));
    expect(problem).toBe('nets/test.geojson: features[3] (link "o--t--road") properties.death: expected a number <= 1; got 1.5');
  });

  it('should reject duplicate place ids and duplicate link ids', () => {
    const net = tinyNetwork();
    net.features.push(place('t', -92.6, 15.6));
    net.features.push(link(['o', -92.0, 15.0], ['t', -92.5, 15.5]));
    const problems = problemsOf(JSON.stringify(net));
    expect(problems).toContain('nets/test.geojson: features[6] (place "t") properties.id: duplicate place id; features[1] already uses it. Give each place its own id');
    expect(problems.some((p) => p.includes('features[7] (link "o--t--road") properties.id: duplicate link id "o--t--road"; features[3] already uses it'))).toBe(true);
  });

  it('should report every problem of a file in one go', () => {
    const net = tinyNetwork();
    Object.assign(net.features[3].properties as object, { mode: 'bus', robbery: 2 });
    Object.assign(net.features[4].properties as object, { to: 'x' });
    (net.features[0].geometry as { coordinates: number[] }).coordinates = [-92, 95];
    const problems = problemsOf(JSON.stringify(net));
    expect(problems.length).toBeGreaterThanOrEqual(4);
    expect(problems.join('\n')).toMatch(/features\[0\].*coordinates\.1: expected a number <= 90; got 95/);
    expect(problems.join('\n')).toMatch(/features\[3\].*properties\.mode/);
    expect(problems.join('\n')).toMatch(/features\[3\].*properties\.robbery/);
    expect(problems.join('\n')).toMatch(/features\[4\].*properties\.to: no place has id "x"/);
  });

  it('should reject a geometry that runs the wrong way', () => {
    const net = tinyNetwork();
    const g = net.features[3].geometry as { coordinates: number[][] };
    g.coordinates.reverse();
    const problems = problemsOf(JSON.stringify(net));
    expect(problems[0]).toMatch(/first vertex is \d+\.\d km from place "o"; a link's geometry must run from its "from" place/);
  });

  it('should reject a length shorter than the straight line', () => {
    const [problem] = problemsOf(withLinkProps({ length_km: 10 }));
    expect(problem).toMatch(/properties\.length_km: expected at least the straight-line distance between its places \(7\d\.\d km\); got 10/);
  });

  it('should require speeds for every mode', () => {
    const net = tinyNetwork();
    delete (net.properties.speeds_km_per_day as Record<string, unknown>).sea;
    const [problem] = problemsOf(JSON.stringify(net));
    expect(problem).toBe('nets/test.geojson: properties.speeds_km_per_day.sea: missing; this field is required');
  });

  it('should require an origin and a destination', () => {
    const net = collection([place('a', -92, 15), place('b', -92.1, 15.1), link(['a', -92, 15], ['b', -92.1, 15.1])]);
    const problems = problemsOf(JSON.stringify(net));
    expect(problems).toContain('nets/test.geojson: features: no place has kind "origin"; agents need somewhere to start');
    expect(problems).toContain('nets/test.geojson: features: no place has kind "destination"; agents need somewhere to go');
  });

  it('should accept a byte-order mark', () => {
    expect(parseNetwork('\ufeff' + JSON.stringify(tinyNetwork()), FILE).places).toHaveLength(3);
  });

  it('should give the same network whatever the feature order', () => {
    fc.assert(
      fc.property(arbNetwork({ maxPlaces: 12, maxLinks: 25 }), fc.integer(), ({ json }, seed) => {
        const a = parseNetwork(JSON.stringify(json), FILE);
        const shuffled = { ...json, features: shuffle(json.features, seed) };
        const b = parseNetwork(JSON.stringify(shuffled), FILE);
        expect(b.places).toEqual(a.places);
        expect(b.links).toEqual(a.links);
      }),
      { numRuns: 50 },
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  // A deterministic Fisher-Yates driven by a small LCG: the test's randomness comes from fast-check.
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
