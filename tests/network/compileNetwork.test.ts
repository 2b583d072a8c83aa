import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CliError } from '../../src/core/errors.js';
import { compileNetwork } from '../../src/network/compileNetwork.js';
import { COMPILED_VERSION, indexBytesFor, openCompiledNetwork, sameCompiledNetwork } from '../../src/network/compiledNetwork.js';
import { MODES } from '../../src/network/modes.js';
import { parseNetwork } from '../../src/network/parseNetwork.js';
import { arbNetwork, tinyNetwork } from '../arbitraries/networks.js';

const compile = (json: unknown) => compileNetwork(parseNetwork(JSON.stringify(json), 'test.geojson'));

describe('compileNetwork', () => {
  it('should lay out every link as one arc per travel direction in CSR order', () => {
    fc.assert(
      fc.property(arbNetwork(), ({ json }) => {
        const network = parseNetwork(JSON.stringify(json), 'test.geojson');
        const net = compileNetwork(network);
        const expectedArcs = network.links.reduce((n, l) => n + (l.oneway ? 1 : 2), 0);
        expect(net.arcCount).toBe(expectedArcs);
        expect(net.arcStart[0]).toBe(0);
        expect(net.arcStart[net.placeCount]).toBe(expectedArcs);
        const seen = new Map<number, number>();
        for (let p = 0; p < net.placeCount; p++) {
          for (let a = net.arcStart[p]; a < net.arcStart[p + 1]; a++) {
            const l = net.arcLink[a];
            const tail = net.arcReverse[a] ? net.linkTo[l] : net.linkFrom[l];
            const head = net.arcReverse[a] ? net.linkFrom[l] : net.linkTo[l];
            expect(tail).toBe(p);
            expect(net.arcTarget[a]).toBe(head);
            seen.set(l, (seen.get(l) ?? 0) + 1);
          }
        }
        for (const link of network.links) {
          expect(seen.get(link.index)).toBe(link.oneway ? 1 : 2);
          expect(net.linkKm[link.index]).toBe(link.lengthKm);
          expect(net.linkDeath[link.index]).toBe(link.death);
          expect(MODES[net.linkMode[link.index]]).toBe(link.mode);
        }
      }),
    );
  });

  it('should compile the same network to the same bytes', () => {
    const a = compile(tinyNetwork());
    const b = compile(tinyNetwork());
    expect(Buffer.from(new Uint8Array(a.buffer)).equals(Buffer.from(new Uint8Array(b.buffer)))).toBe(true);
  });

  it('should tell one network compiled twice from two networks', () => {
    const a = compile(tinyNetwork());
    expect(sameCompiledNetwork(a, compile(tinyNetwork()))).toBe(true);
    // One link's robbery rate changed: the same size and string tables, other bytes.
    const riskier = tinyNetwork();
    (riskier.features[3].properties as Record<string, unknown>).robbery = 0.02;
    expect(sameCompiledNetwork(a, compile(riskier))).toBe(false);
    // The same bytes under other names.
    const renamed = JSON.parse(JSON.stringify(tinyNetwork()).replaceAll('"MEX"', '"MXX"'));
    expect(sameCompiledNetwork(a, compile(renamed))).toBe(false);
  });

  it('should use the smallest index type that fits', () => {
    expect([indexBytesFor(255), indexBytesFor(256), indexBytesFor(65535), indexBytesFor(65536)]).toEqual([1, 2, 2, 4]);
    const net = compile(tinyNetwork());
    expect(net.arcTarget).toBeInstanceOf(Uint8Array);
    expect(net.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('should refuse a buffer with the wrong magic or version', () => {
    const net = compile(tinyNetwork());
    const copy = new SharedArrayBuffer(net.buffer.byteLength);
    new Uint8Array(copy).set(new Uint8Array(net.buffer));
    const header = new Uint32Array(copy, 0, 2);
    header[1] = COMPILED_VERSION + 1;
    expect(() => openCompiledNetwork(copy, net.meta)).toThrow(CliError);
    expect(() => openCompiledNetwork(copy, net.meta)).toThrow(/format version 2, this corredor reads version 1/);
    header[0] = 0;
    expect(() => openCompiledNetwork(copy, net.meta)).toThrow(/wrong magic number/);
  });

  it('should reopen a buffer into views equal to the original', () => {
    const net = compile(tinyNetwork());
    const again = openCompiledNetwork(net.buffer, net.meta);
    expect(Array.from(again.linkKm)).toEqual(Array.from(net.linkKm));
    expect(Array.from(again.arcTarget)).toEqual(Array.from(net.arcTarget));
  });
});
