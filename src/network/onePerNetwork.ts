import type { CompiledNetwork } from './compiledNetwork.js';

/**
 * `make`, called once per network and remembered for as long as the network lives (per
 * thread: each worker has its own). For what every replicate on a network would otherwise make
 * anew and throw away: besides the work, V8 threw away the code it had optimised for the last
 * one's objects when they died ("weak objects") and compiled it again in the next replicate
 * (bench/RESULTS.md, "Session 18"). Only for what is read-only, or used by one caller at a time.
 */
export function onePerNetwork<T>(make: (net: CompiledNetwork) => T): (net: CompiledNetwork) => T {
  const made = new WeakMap<CompiledNetwork, T>();
  return (net) => {
    if (!made.has(net)) made.set(net, make(net));
    return made.get(net)!;
  };
}
