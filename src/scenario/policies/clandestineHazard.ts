import type { PolicyType } from './policyType.js';
import { enforcementIndex, enforcementResponse, responseProperties } from './enforcementIndex.js';
import { checkIds, indicesOf, linkList } from './targets.js';

const HAZARDS = ['robbery', 'injury', 'death'] as const;

/**
 * The remote legs get more dangerous as enforcement rises. People pushed off the watched roads
 * travel hidden: at night, in the bush, away from shelters and help, and under the control of
 * the criminal groups that hold the routes they are channelled into ("the channelling of
 * migrants, their clandestine status and the increased risks strengthened criminal control
 * over migration routes", seed article). The network's hazards on the remote links (or the
 * links listed) are multiplied by enforcementResponse(E, reference_interception, elasticity),
 * E being the enforcement index of the day's state (enforcementIndex.ts), for the hazards
 * listed (all three by default). At the reference level the hazards are the network's; with
 * elasticity 0 the policy does nothing. Applied in the market phase, after enforcement.
 */
export const clandestineHazard: PolicyType = {
  type: 'clandestine_hazard',
  summary: 'hazards on the remote legs rise with enforcement through an elasticity',
  phase: 'market',
  properties: {
    ...responseProperties,
    links: linkList,
    hazards: { type: 'array', items: { enum: [...HAZARDS] }, minItems: 1, uniqueItems: true, description: 'which hazards respond (default: all three)' },
  },
  required: ['elasticity', 'reference_interception'],
  check(spec, ctx, report) {
    checkIds(spec.links, ctx.linkIndex, 'link', 'links', report);
  },
  apply(spec, state, ctx) {
    const { net } = ctx;
    const m = enforcementResponse(enforcementIndex(state, net), spec.reference_interception as number, spec.elasticity as number);
    const hazards = new Set((spec.hazards as string[] | undefined) ?? HAZARDS);
    const links = Array.isArray(spec.links) ? indicesOf(spec.links, ctx.linkIndex) : remoteLinks(net.linkRemote);
    for (const l of links) {
      if (hazards.has('robbery')) state.robberyFactor[l] *= m;
      if (hazards.has('injury')) state.injuryFactor[l] *= m;
      if (hazards.has('death')) state.deathFactor[l] *= m;
    }
  },
};

function remoteLinks(remote: Uint8Array): number[] {
  const out: number[] = [];
  for (let l = 0; l < remote.length; l++) if (remote[l]) out.push(l);
  return out;
}
