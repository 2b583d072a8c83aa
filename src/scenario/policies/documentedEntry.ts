import type { PolicyType } from './policyType.js';
import { probability } from './targets.js';

/**
 * Regional Visitor and Border Worker Visitor cards: a legal entry valid only inside the border
 * states. A share `uptake` of agents from the eligible countries hold a card; for them,
 * interception on places and links inside the valid states is multiplied by
 * `interception_factor` (default 0: a card holder inside its zone is not detained).
 */
export const documentedEntry: PolicyType = {
  type: 'documented_entry',
  summary: 'visitor cards: safe legal entry for eligible agents, valid only in the border states',
  phase: 'documents',
  properties: {
    countries: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'origin countries whose nationals may hold a card' },
    uptake: probability,
    states: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'states where the card is valid' },
    interception_factor: { type: 'number', minimum: 0, maximum: 1 },
  },
  required: ['countries', 'uptake', 'states'],
  check(spec, ctx, report) {
    (spec.countries as string[]).forEach((c, k) => {
      if (!ctx.net.meta.countries.includes(c)) report(`countries[${k}]`, `no place has country ${JSON.stringify(c)}; the network has ${ctx.net.meta.countries.join(', ')}`);
    });
    (spec.states as string[]).forEach((s, k) => {
      if (!ctx.net.meta.states.includes(s)) report(`states[${k}]`, `no place is in state ${JSON.stringify(s)}`);
    });
  },
  apply(spec, state, ctx) {
    const { net } = ctx;
    for (const c of spec.countries as string[]) {
      const k = net.meta.countries.indexOf(c);
      state.documentedUptake[k] = Math.max(state.documentedUptake[k], spec.uptake as number);
    }
    const valid = new Set((spec.states as string[]).map((s) => net.meta.states.indexOf(s)));
    const f = (spec.interception_factor as number | undefined) ?? 0;
    for (let p = 0; p < net.placeCount; p++) if (valid.has(net.placeState[p])) state.documentedPlaceInterception[p] *= f;
    for (let l = 0; l < net.linkCount; l++) {
      if (valid.has(net.placeState[net.linkFrom[l]]) && valid.has(net.placeState[net.linkTo[l]])) state.documentedLinkInterception[l] *= f;
    }
  },
};
