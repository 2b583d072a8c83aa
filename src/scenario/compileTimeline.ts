import { epochDay } from '../core/dates.js';
import { createStream } from '../core/rng.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { policyContext, type PolicySpec } from './policies/policyType.js';
import { POLICY_TYPES } from './policies/policyTypes.js';
import { neutralPolicyState, type PolicyState, type PolicyTimeline } from './policyTimeline.js';

/**
 * Compiles a scenario's policies into the timeline of states the engine reads. The period is
 * cut wherever a policy starts or ends (or re-draws its sample); each stretch gets a state
 * built from the neutral one by applying, in file order, every enabled policy in force, phase
 * by phase. Policies with random placement draw from a stream keyed by the replicate
 * (`streamBase`, e.g. "seed:replicate"), the policy id and the sample number.
 */
export function compileTimeline(policies: readonly PolicySpec[], net: CompiledNetwork, periodStart: string, days: number, streamBase: string): PolicyTimeline {
  const ctx = policyContext(net);
  const start = epochDay(periodStart);
  const active = policies.filter((p) => p.enabled);
  const window = (p: PolicySpec) => [Math.max(0, epochDay(p.from) - start), Math.min(days - 1, epochDay(p.to) - start)] as const;

  const cuts = new Set<number>([0]);
  for (const p of active) {
    const [from, to] = window(p);
    if (from > to) continue;
    cuts.add(from);
    if (to + 1 < days) cuts.add(to + 1);
    const every = (p.sample as { every_days?: number } | undefined)?.every_days;
    if (every) for (let d = from + every; d <= to; d += every) cuts.add(d);
  }
  const firstDays = [...cuts].sort((a, b) => a - b);

  const states: PolicyState[] = firstDays.map((day) => {
    const state = neutralPolicyState(net);
    const inForce = active.filter((p) => {
      const [from, to] = window(p);
      return from <= day && day <= to;
    });
    const phase = (name: string) => {
      for (const p of inForce) {
        const type = POLICY_TYPES[p.type];
        if (type.phase !== name) continue;
        const every = (p.sample as { every_days?: number } | undefined)?.every_days;
        const k = every ? Math.floor((day - window(p)[0]) / every) : 0;
        type.apply(p, state, ctx, () => createStream(`${streamBase}:policy:${p.id}:${k}`));
      }
    };
    phase('enforcement');
    // Card holders meet the enforcement everyone meets, until a documents policy says otherwise.
    state.documentedLinkInterception.set(state.linkInterception);
    state.documentedPlaceInterception.set(state.placeInterception);
    phase('documents');
    phase('market');
    return state;
  });
  return { firstDays, states };
}
