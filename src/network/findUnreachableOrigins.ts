import type { NetworkGraph } from './buildGraph.js';
import type { Network } from './network.js';

/**
 * Ids of origins from which no destination can be reached, following one-way links only in
 * their direction. A breadth-first search backwards from all destinations at once would be
 * faster, but networks are small and this reads plainly.
 */
export function findUnreachableOrigins(network: Network, graph: NetworkGraph): string[] {
  const isDestination = new Set(network.places.filter((p) => p.kind === 'destination').map((p) => p.id));
  const unreachable: string[] = [];
  for (const origin of network.places) {
    if (origin.kind !== 'origin') continue;
    const seen = new Set<string | number>([origin.id]);
    const queue: (string | number)[] = [origin.id];
    let found = false;
    while (queue.length > 0 && !found) {
      const id = queue.shift()!;
      graph.forEachLinkedNode(
        id,
        (node) => {
          if (seen.has(node.id)) return;
          if (isDestination.has(String(node.id))) found = true;
          seen.add(node.id);
          queue.push(node.id);
        },
        true,
      );
    }
    if (!found) unreachable.push(origin.id);
  }
  return unreachable;
}
