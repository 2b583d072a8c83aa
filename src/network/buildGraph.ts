import createGraph, { type Graph } from 'ngraph.graph';
import type { Network } from './network.js';

export interface GraphLinkData {
  /** Index of the network link this graph link travels. */
  readonly link: number;
  /** True when it travels the link against its geometry (to -> from). */
  readonly reverse: boolean;
}

export type NetworkGraph = Graph<{ index: number }, GraphLinkData>;

/**
 * The network as an oriented ngraph multigraph, for validation, explanation and as the oracle
 * of the compiled router. Each two-way link becomes two graph links. Nodes and links are added
 * in canonical (sorted id) order because ngraph breaks equal-cost ties by insertion order.
 */
export function buildGraph(network: Network): NetworkGraph {
  const graph: NetworkGraph = createGraph({ multigraph: true });
  for (const place of network.places) graph.addNode(place.id, { index: place.index });
  for (const link of network.links) {
    graph.addLink(link.from, link.to, { link: link.index, reverse: false });
    if (!link.oneway) graph.addLink(link.to, link.from, { link: link.index, reverse: true });
  }
  return graph;
}
