import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ngraphPath from 'ngraph.path';
import { buildGraph, type GraphLinkData } from '../../src/network/buildGraph.js';
import { compileNetwork } from '../../src/network/compileNetwork.js';
import { createRouter } from '../../src/network/createRouter.js';
import { parseNetwork } from '../../src/network/parseNetwork.js';
import { arbNetwork } from '../arbitraries/networks.js';

/**
 * The compiled router against ngraph.path as the oracle: same least costs on random graphs
 * with parallel, one-way and closed links.
 */
describe('createRouter', () => {
  const scenario = fc.tuple(
    arbNetwork({ maxPlaces: 30, maxLinks: 80 }),
    fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 80, maxLength: 80 }),
    fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }),
  );

  it('should find the same least costs as ngraph.path', () => {
    fc.assert(
      fc.property(scenario, ([{ json }, weights, closed, pairs]) => {
        const network = parseNetwork(JSON.stringify(json), 'test.geojson');
        const net = compileNetwork(network);
        const graph = buildGraph(network);
        const w = new Float64Array(net.linkCount);
        for (let l = 0; l < net.linkCount; l++) w[l] = closed[l % closed.length] && l % 3 === 0 ? Infinity : weights[l % weights.length];
        const router = createRouter(net);
        const oracle = ngraphPath.aStar<{ index: number }, GraphLinkData>(graph, {
          oriented: true,
          distance: (_a, _b, link) => w[link.data.link],
          blocked: (_a, _b, link) => w[link.data.link] === Infinity,
        });
        for (const [i, j] of pairs) {
          const from = i % net.placeCount;
          const to = j % net.placeCount;
          const ours = router.find(from, to, w);
          const theirs = oracle.find(network.places[from].id, network.places[to].id);
          // ngraph.path pushes a blocked neighbour onto its open set before checking `blocked`,
          // so an unreachable target comes back as the one-node path [target]: a path that
          // does not end at the source means "no path".
          if (theirs.length === 0 || String(theirs[theirs.length - 1].id) !== network.places[from].id) {
            expect(ours).toBeNull();
            continue;
          }
          // ngraph.path returns nodes target-first; on a multigraph, each step costs the
          // cheapest open link between the two nodes, as a least-cost path would use.
          const nodes = theirs.map((n) => String(n.id)).reverse();
          let oracleCost = 0;
          for (let k = 1; k < nodes.length; k++) {
            let best = Infinity;
            graph.forEachLinkedNode(nodes[k - 1], (node, link) => {
              if (String(node.id) === nodes[k]) best = Math.min(best, w[link.data.link]);
            }, true);
            oracleCost += best;
          }
          expect(ours).not.toBeNull();
          expect(ours!.cost).toBeCloseTo(oracleCost, 6);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('should return a walk from source to target over open links whose weights sum to its cost', () => {
    fc.assert(
      fc.property(scenario, ([{ json }, weights, closed, pairs]) => {
        const net = compileNetwork(parseNetwork(JSON.stringify(json), 'test.geojson'));
        const w = new Float64Array(net.linkCount);
        for (let l = 0; l < net.linkCount; l++) w[l] = closed[l % closed.length] ? Infinity : weights[l % weights.length];
        const router = createRouter(net);
        for (const [i, j] of pairs) {
          const from = i % net.placeCount;
          const to = j % net.placeCount;
          const path = router.find(from, to, w);
          if (path === null) continue;
          let at = from;
          let cost = 0;
          for (const a of path.arcs) {
            const l = net.arcLink[a];
            const tail = net.arcReverse[a] ? net.linkTo[l] : net.linkFrom[l];
            expect(tail).toBe(at);
            expect(w[l]).not.toBe(Infinity);
            cost += w[l];
            at = net.arcTarget[a];
          }
          expect(at).toBe(to);
          expect(cost).toBeCloseTo(path.cost, 6);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('should agree between find and costsFrom', () => {
    fc.assert(
      fc.property(scenario, ([{ json }, weights]) => {
        const net = compileNetwork(parseNetwork(JSON.stringify(json), 'test.geojson'));
        const w = Float64Array.from({ length: net.linkCount }, (_, l) => weights[l % weights.length]);
        const router = createRouter(net);
        const costs = router.costsFrom(0, w, new Float64Array(net.placeCount));
        for (let p = 0; p < net.placeCount; p++) {
          const path = router.find(0, p, w);
          expect(path === null ? Infinity : path.cost).toBe(costs[p]);
        }
      }),
    );
  });
});
