import type { CompiledNetwork } from '../../network/compiledNetwork.js';
import { onePerNetwork } from '../../network/onePerNetwork.js';
import type { Stream } from '../../core/rng.js';
import type { PolicyState } from '../policyTimeline.js';

/**
 * The one interface every policy type implements. A policy never reaches into the engine: it
 * writes its effect into the policy state (flat per-link and per-place arrays) for the days it
 * is in force. The engine reads the arrays and never branches on a policy's type.
 */
export interface PolicyType {
  readonly type: string;
  readonly summary: string;
  /**
   * When it applies within a day's state: 'enforcement' first; then 'documents' (card holders'
   * interception is copied from enforcement before it); then 'market', which reacts to the
   * enforcement in place.
   */
  readonly phase: 'enforcement' | 'documents' | 'market';
  /** JSON Schema properties of its own fields (the common ones are added by the scenario schema). */
  readonly properties: Record<string, unknown>;
  readonly required: readonly string[];
  /** Problems with references to the network (unknown places, links, countries...). */
  check(spec: PolicySpec, ctx: PolicyContext, report: (field: string, message: string) => void): void;
  /** Writes the policy's effect into `state` for one stretch of days. */
  apply(spec: PolicySpec, state: PolicyState, ctx: PolicyContext, draw: () => Stream): void;
}

/** A policy as written in a scenario file (validated against its type's schema). */
export type PolicySpec = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly type: string;
  readonly enabled: boolean;
  readonly from: string;
  readonly to: string;
};

/** What a policy may look up: the network and name -> index maps. */
export interface PolicyContext {
  readonly net: CompiledNetwork;
  readonly placeIndex: ReadonlyMap<string, number>;
  readonly linkIndex: ReadonlyMap<string, number>;
}

/** The context of a network, made once and then shared: it is read-only. */
export const policyContext = onePerNetwork(
  (net): PolicyContext => ({
    net,
    placeIndex: new Map(net.meta.placeIds.map((id, i) => [id, i])),
    linkIndex: new Map(net.meta.linkIds.map((id, i) => [id, i])),
  }),
);
