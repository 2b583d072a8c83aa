/**
 * Router benchmark: the compiled CSR Dijkstra (createRouter) against ngraph.path's A* on the
 * same graphs, all-pairs from every origin. Prints one JSON line per graph with the median of
 * several runs and the ratio measured in the same run, plus a checksum of path costs so the
 * work cannot be optimised away.
 *
 *   npm run bench -- router [--runs 7]
 */
import { readFileSync } from 'node:fs';
import ngraphPath from 'ngraph.path';
import { buildGraph, type GraphLinkData } from '../src/network/buildGraph.js';
import { compileNetwork } from '../src/network/compileNetwork.js';
import { createRouter } from '../src/network/createRouter.js';
import type { Network } from '../src/network/network.js';
import { parseNetwork } from '../src/network/parseNetwork.js';
import { benchArgs, wholeNumber } from './benchArgs.js';
import { median } from './medianInterval.js';

const runs = wholeNumber('runs', benchArgs('router', { runs: { type: 'string', default: '7' } }).runs);

/** A random connected grid-like network of n places, deterministic (no Math.random). */
function gridNetwork(side: number): Network {
  const features: object[] = [];
  const id = (i: number, j: number) => `g${String(i).padStart(3, '0')}_${String(j).padStart(3, '0')}`;
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const kind = i === 0 && j === 0 ? 'origin' : i === side - 1 && j === side - 1 ? 'destination' : 'town';
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [-97 + j * 0.05, 14 + i * 0.05] }, properties: { id: id(i, j), name: id(i, j), kind, country: 'MEX' } });
    }
  }
  const link = (a: [number, number], b: [number, number]) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [[-97 + a[1] * 0.05, 14 + a[0] * 0.05], [-97 + b[1] * 0.05, 14 + b[0] * 0.05]] },
    properties: { from: id(...a), to: id(...b), mode: 'road', length_km: 6 + 10 * next(), cost_usd: 1, robbery: 0, injury: 0, death: 0, remote: false, source: 'synthetic' },
  });
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      if (j + 1 < side) features.push(link([i, j], [i, j + 1]));
      if (i + 1 < side) features.push(link([i, j], [i + 1, j]));
    }
  }
  const speeds = { road: 80, smuggler: 400, rail: 150, trail: 25, river: 60, sea: 150 };
  return parseNetwork(JSON.stringify({ type: 'FeatureCollection', properties: { speeds_km_per_day: speeds }, features }), `grid ${side}x${side}`);
}

function bench(label: string, network: Network, queries: number) {
  const net = compileNetwork(network);
  const graph = buildGraph(network);
  const w = Float64Array.from(net.linkKm);
  const router = createRouter(net);
  const oracle = ngraphPath.aStar<{ index: number }, GraphLinkData>(graph, { oriented: true, distance: (_a, _b, l) => w[l.data.link] });
  const P = net.placeCount;
  const pairs: [number, number][] = [];
  for (let q = 0; q < queries; q++) pairs.push([(q * 7919) % P, (q * 104729 + 13) % P]);

  const time = (fn: () => number) => {
    const t0 = process.hrtime.bigint();
    const checksum = fn();
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, checksum };
  };
  const csr: number[] = [];
  const ng: number[] = [];
  let sumCsr = 0;
  let sumNg = 0;
  for (let r = 0; r < runs; r++) {
    const a = time(() => pairs.reduce((s, [f, t]) => s + (router.find(f, t, w)?.cost ?? 0), 0));
    const b = time(() => pairs.reduce((s, [f, t]) => s + oracle.find(network.places[f].id, network.places[t].id).length, 0));
    csr.push(a.ms);
    ng.push(b.ms);
    sumCsr = a.checksum;
    sumNg = b.checksum;
  }
  console.log(
    JSON.stringify({
      graph: label,
      places: P,
      links: net.linkCount,
      queries,
      runs,
      csrMedianMs: Math.round(median(csr) * 100) / 100,
      ngraphMedianMs: Math.round(median(ng) * 100) / 100,
      speedup: Math.round((median(ng) / median(csr)) * 100) / 100,
      checksum: Math.round(sumCsr),
      ngraphChecksum: sumNg,
    }),
  );
}

const corridor = parseNetwork(readFileSync('scenarios/networks/southern-corridor.geojson', 'utf8'), 'southern-corridor');
bench('southern-corridor', corridor, 2000);
bench('grid 32x32', gridNetwork(32), 500);
bench('grid 55x55', gridNetwork(55), 200);
