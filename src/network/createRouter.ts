import type { CompiledNetwork } from './compiledNetwork.js';

/** A least-cost path: arcs from source to target (source-first, unlike ngraph.path). */
export interface RoutePath {
  readonly cost: number;
  readonly arcs: Uint32Array;
}

export interface Router {
  /**
   * Least-cost path from `from` to `to` (place indices). `linkWeight[l]` is the cost of
   * travelling link l; a weight of Infinity closes it both ways. `blockedArcs[a] === 1` closes
   * one direction (arc a). Returns null when `to` is unreachable.
   */
  find(from: number, to: number, linkWeight: Float64Array, blockedArcs?: Uint8Array | null): RoutePath | null;
  /**
   * Least-cost path from `from` to the nearest place with `isTarget[p] === 1` (e.g. any
   * destination). Returns null when none is reachable; a path of no arcs when `from` is one.
   */
  findToAny(from: number, isTarget: Uint8Array, linkWeight: Float64Array, blockedArcs?: Uint8Array | null): RoutePath | null;
  /** Least cost from `from` to every place (Infinity where unreachable), into `out`. */
  costsFrom(from: number, linkWeight: Float64Array, out: Float64Array): Float64Array;
}

/**
 * Dijkstra on the compiled CSR network with an indexed binary heap (decrease-key) and search
 * state allocated once per router: a query allocates only its result. Stamping visited places
 * with a query generation avoids clearing the arrays between queries.
 *
 * Ties are broken by place index, so equal-cost alternatives resolve the same way on every
 * machine. Weights must be non-negative (Dijkstra's precondition); the caller guarantees it.
 */
export function createRouter(net: CompiledNetwork): Router {
  const P = net.placeCount;
  const dist = new Float64Array(P);
  const viaArc = new Int32Array(P);
  const stamp = new Uint32Array(P); // generation in which dist/viaArc were set
  const done = new Uint32Array(P); // generation in which the place was settled
  const heap = new Int32Array(P);
  const heapPos = new Int32Array(P);
  let heapSize = 0;
  let generation = 0;

  const less = (a: number, b: number) => dist[a] < dist[b] || (dist[a] === dist[b] && a < b);

  function siftUp(i: number): void {
    const node = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!less(node, p)) break;
      heap[i] = p;
      heapPos[p] = i;
      i = parent;
    }
    heap[i] = node;
    heapPos[node] = i;
  }

  function siftDown(i: number): void {
    const node = heap[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heapSize) break;
      const right = left + 1;
      const child = right < heapSize && less(heap[right], heap[left]) ? right : left;
      if (!less(heap[child], node)) break;
      heap[i] = heap[child];
      heapPos[heap[i]] = i;
      i = child;
    }
    heap[i] = node;
    heapPos[node] = i;
  }

  function pop(): number {
    const top = heap[0];
    heapSize--;
    if (heapSize > 0) {
      heap[0] = heap[heapSize];
      siftDown(0);
    }
    return top;
  }

  /**
   * Runs Dijkstra from `from`, stopping when `target` (if >= 0) or any place flagged in
   * `targets` is settled; returns the place it stopped at, or -1.
   */
  function search(from: number, target: number, targets: Uint8Array | null, w: Float64Array, blocked: Uint8Array | null = null): number {
    generation++;
    if (generation === 0xffffffff) {
      stamp.fill(0);
      done.fill(0);
      generation = 1;
    }
    heapSize = 0;
    dist[from] = 0;
    viaArc[from] = -1;
    stamp[from] = generation;
    heap[heapSize++] = from;
    heapPos[from] = 0;
    const { arcStart, arcTarget, arcLink } = net;
    while (heapSize > 0) {
      const u = pop();
      done[u] = generation;
      if (u === target || (targets !== null && targets[u] === 1)) return u;
      const du = dist[u];
      for (let a = arcStart[u], end = arcStart[u + 1]; a < end; a++) {
        const weight = w[arcLink[a]];
        if (weight === Infinity || (blocked !== null && blocked[a] === 1)) continue;
        const v = arcTarget[a];
        if (done[v] === generation) continue;
        const dv = du + weight;
        if (stamp[v] !== generation) {
          stamp[v] = generation;
          dist[v] = dv;
          viaArc[v] = a;
          heap[heapSize] = v;
          heapPos[v] = heapSize;
          heapSize++;
          siftUp(heapSize - 1);
        } else if (dv < dist[v] || (dv === dist[v] && a < viaArc[v])) {
          dist[v] = dv;
          viaArc[v] = a;
          siftUp(heapPos[v]);
        }
      }
    }
    return -1;
  }

  function pathTo(to: number): RoutePath {
    let hops = 0;
    for (let v = to; viaArc[v] >= 0; v = tail(viaArc[v])) hops++;
    const arcs = new Uint32Array(hops);
    for (let v = to, i = hops - 1; viaArc[v] >= 0; i--) {
      const a = viaArc[v];
      arcs[i] = a;
      v = tail(a);
    }
    return { cost: dist[to], arcs };
  }

  return {
    find(from, to, linkWeight, blockedArcs = null) {
      return search(from, to, null, linkWeight, blockedArcs) === to ? pathTo(to) : null;
    },
    findToAny(from, isTarget, linkWeight, blockedArcs = null) {
      const reached = search(from, -1, isTarget, linkWeight, blockedArcs);
      return reached >= 0 ? pathTo(reached) : null;
    },
    costsFrom(from, linkWeight, out) {
      search(from, -1, null, linkWeight);
      for (let p = 0; p < P; p++) out[p] = done[p] === generation ? dist[p] : Infinity;
      return out;
    },
  };

  /** The place an arc leaves from. */
  function tail(a: number): number {
    const l = net.arcLink[a];
    return net.arcReverse[a] === 1 ? net.linkTo[l] : net.linkFrom[l];
  }
}
