import { createStream } from '../core/rng.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { policyContext, type PolicySpec } from './policies/policyType.js';
import { POLICY_TYPES } from './policies/policyTypes.js';
import { neutralPolicyState, type PolicyState } from './policyTimeline.js';

/** Where one policy acts: the links and places whose state it changes. */
export interface PolicyFootprint {
  readonly id: string;
  readonly type: string;
  readonly from: string;
  readonly to: string;
  /** Link indices (sorted) whose interception, hazards, cost, speed or arcs it changes. */
  readonly links: readonly number[];
  /** Place indices (sorted) whose interception or shelter role it changes. */
  readonly places: readonly number[];
  /** True when the policy places its sites at random: `links`/`places` are the union of draws. */
  readonly sampled: boolean;
}

/** Draws of a randomly placed policy whose union the footprint shows. */
const SAMPLE_DRAWS = 10;

/**
 * What each enabled policy does where, found by applying it alone to the neutral state and
 * seeing which entries changed. It goes through the one PolicyType interface, so it knows no
 * policy by name, and a new policy type shows on maps without code here. A policy that reacts to
 * others (the smuggler market) shows only what it does on its own, e.g. its base prices.
 */
export function policyFootprints(policies: readonly PolicySpec[], net: CompiledNetwork): PolicyFootprint[] {
  const ctx = policyContext(net);
  const neutral = neutralPolicyState(net);
  return policies
    .filter((p) => p.enabled)
    .map((p) => {
      const sampled = Boolean((p.sample as { every_days?: number } | undefined) ?? false);
      const links = new Set<number>();
      const places = new Set<number>();
      for (let k = 0; k < (sampled ? SAMPLE_DRAWS : 1); k++) {
        const state = neutralPolicyState(net);
        POLICY_TYPES[p.type].apply(p, state, ctx, () => createStream(`footprint:policy:${p.id}:${k}`));
        changedSites(neutral, state, net, links, places);
      }
      const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
      return { id: p.id, type: p.type, from: p.from, to: p.to, links: sorted(links), places: sorted(places), sampled };
    });
}

const LINK_ARRAYS = ['linkInterception', 'robberyFactor', 'injuryFactor', 'deathFactor', 'extraCostUsd', 'speedFactor', 'documentedLinkInterception'] as const;
const PLACE_ARRAYS = ['placeInterception', 'documentedPlaceInterception', 'informs'] as const;

function changedSites(before: PolicyState, after: PolicyState, net: CompiledNetwork, links: Set<number>, places: Set<number>): void {
  for (const name of LINK_ARRAYS) for (let l = 0; l < net.linkCount; l++) if (after[name][l] !== before[name][l]) links.add(l);
  for (const name of PLACE_ARRAYS) for (let p = 0; p < net.placeCount; p++) if (after[name][p] !== before[name][p]) places.add(p);
  for (let a = 0; a < net.arcCount; a++) if (after.closedArcs[a] !== before.closedArcs[a]) links.add(net.arcLink[a]);
}
