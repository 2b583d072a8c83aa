import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { WATCHED_BY_MODE } from '../network/modes.js';
import type { Behaviour } from '../scenario/scenario.js';
import type { PolicyState } from '../scenario/policyTimeline.js';

/** What agents believe about the corridor: per-arc interception, per-link hazards. */
export interface BeliefView {
  /** Believed chance of being caught on an arc (its link, then its head place). */
  readonly interception: Float64Array;
  readonly robbery: Float64Array;
  readonly injury: Float64Array;
  readonly death: Float64Array;
}

/**
 * Agents never see true enforcement. The travelling community holds beliefs that start from
 * the situation when the simulation begins (an assumption: people know the corridor as it has
 * been) and move with what travellers report: each traversal, interception, robbery, injury
 * and death is an observation. Estimates are Beta-smoothed toward the starting belief with
 * `beliefPriorTraversals` pseudo-traversals, and old reports fade with a half-life. Each
 * agent's reports count `observationWeight` times (the people an agent stands for).
 *
 * Two views: `public` hears reports only after the word-of-mouth delay; `current` is what
 * shelters know, up to yesterday. `version` rises when a public interception or robbery belief
 * has moved by more than `replanThreshold` since the last version, which tells agents at
 * places to reconsider their plans.
 */
export interface Beliefs {
  readonly public: BeliefView;
  readonly current: BeliefView;
  readonly version: number;
  /** Today's observations; the day loop increments them directly. */
  readonly seen: { arcTraversals: Float64Array; arcCaught: Float64Array; linkTraversals: Float64Array; robbed: Float64Array; injured: Float64Array; died: Float64Array };
  /** Folds today's observations in; call once at the end of each day. */
  endOfDay(day: number): void;
  /** Takes on everything `other` has learnt: beliefs of the same network and behaviour (Engine.fork). */
  copyFrom(other: Beliefs): void;
}

const OBSERVED = ['arcTraversals', 'arcCaught', 'linkTraversals', 'robbed', 'injured', 'died'] as const;
type Observed = (typeof OBSERVED)[number];

/**
 * The chance of being caught on arc `a`: on its link, then at the post at its head if the
 * link's mode is one the post watches. Beliefs and card holders' scaling both use it, so they
 * always combine the two chances alike.
 */
export function arcInterception(net: CompiledNetwork, a: number, link: ArrayLike<number>, place: ArrayLike<number>): number {
  const l = net.arcLink[a];
  const atPlace = WATCHED_BY_MODE[net.linkMode[l]] === 1 ? place[net.arcTarget[a]] : 0;
  return 1 - (1 - link[l]) * (1 - atPlace);
}

/** The chances as they truly are in state `s`, seen as beliefs: where the community's beliefs start. */
export function trueView(net: CompiledNetwork, s: PolicyState): BeliefView {
  const view: BeliefView = {
    interception: new Float64Array(net.arcCount),
    robbery: new Float64Array(net.linkCount),
    injury: new Float64Array(net.linkCount),
    death: new Float64Array(net.linkCount),
  };
  for (let a = 0; a < net.arcCount; a++) view.interception[a] = arcInterception(net, a, s.linkInterception, s.placeInterception);
  for (let l = 0; l < net.linkCount; l++) {
    view.robbery[l] = Math.min(1, net.linkRobbery[l] * s.robberyFactor[l]);
    view.injury[l] = Math.min(1, net.linkInjury[l] * s.injuryFactor[l]);
    view.death[l] = Math.min(1, net.linkDeath[l] * s.deathFactor[l]);
  }
  return view;
}

export function createBeliefs(net: CompiledNetwork, start: PolicyState, behaviour: Behaviour): Beliefs {
  return new CommunityBeliefs(net, start, behaviour);
}

type Counts = Record<Observed, Float64Array>;

/**
 * The beliefs as a class, not closures over createBeliefs' locals, for the reason the day loop
 * is one (createEngine.ts): the day loop calls `version` for every agent reaching a place and
 * `endOfDay` daily, and its compiled code checks which function it calls. Closures made anew
 * for each replicate were each a different function, so a new replicate threw that code away
 * ("wrong call target" in V8's trace); methods of one class are the same functions in every
 * replicate.
 */
class CommunityBeliefs implements Beliefs {
  readonly public: BeliefView;
  readonly current: BeliefView;
  // Set in the constructor, not by an initializer, so that V8 knows it as a field that changes
  // before it compiles the day loop, which reads it (see DayLoop's constructor).
  version: number;
  readonly seen: Counts;
  private readonly A: number;
  private readonly L: number;
  private readonly prior: BeliefView;
  private readonly snapshot: BeliefView;
  private readonly fadedCurrent: Counts;
  private readonly fadedPublic: Counts;
  private readonly delay: number;
  /** A ring of `delay` days: the slot read on day d was written on day d - delay. */
  private readonly ring: Counts[];
  private readonly fade: number;

  constructor(net: CompiledNetwork, start: PolicyState, private readonly behaviour: Behaviour) {
    this.version = 0;
    const A = (this.A = net.arcCount);
    const L = (this.L = net.linkCount);
    const prior = (this.prior = trueView(net, start));
    const copy = (v: BeliefView): BeliefView => ({ interception: v.interception.slice(), robbery: v.robbery.slice(), injury: v.injury.slice(), death: v.death.slice() });
    this.public = copy(prior);
    this.current = copy(prior);
    this.snapshot = copy(prior);

    const size = (k: Observed) => (k.startsWith('arc') ? A : L);
    const zero = () => Object.fromEntries(OBSERVED.map((k) => [k, new Float64Array(size(k))])) as Counts;
    this.seen = zero();
    this.fadedCurrent = zero();
    this.fadedPublic = zero();
    this.delay = Math.max(0, Math.round(behaviour.wordOfMouthDelayDays));
    this.ring = Array.from({ length: Math.max(1, this.delay) }, zero);
    this.fade = Math.pow(0.5, 1 / behaviour.beliefHalfLifeDays);
  }

  copyFrom(other: Beliefs): void {
    if (!(other instanceof CommunityBeliefs) || other.A !== this.A || other.L !== this.L || other.ring.length !== this.ring.length) {
      throw new Error('beliefs can only copy beliefs of the same network and behaviour');
    }
    this.version = other.version;
    for (const [to, from] of [
      [this.public, other.public],
      [this.current, other.current],
      [this.prior, other.prior],
      [this.snapshot, other.snapshot],
    ] as const) {
      to.interception.set(from.interception);
      to.robbery.set(from.robbery);
      to.injury.set(from.injury);
      to.death.set(from.death);
    }
    for (const k of OBSERVED) {
      this.seen[k].set(other.seen[k]);
      this.fadedCurrent[k].set(other.fadedCurrent[k]);
      this.fadedPublic[k].set(other.fadedPublic[k]);
      this.ring.forEach((slot, n) => slot[k].set(other.ring[n][k]));
    }
  }

  private estimate(view: BeliefView, faded: Counts): void {
    const { A, L, prior } = this;
    const n0 = this.behaviour.beliefPriorTraversals;
    for (let a = 0; a < A; a++) {
      view.interception[a] = (n0 * prior.interception[a] + faded.arcCaught[a]) / (n0 + faded.arcTraversals[a]);
    }
    for (let l = 0; l < L; l++) {
      const n = n0 + faded.linkTraversals[l];
      view.robbery[l] = (n0 * prior.robbery[l] + faded.robbed[l]) / n;
      view.injury[l] = (n0 * prior.injury[l] + faded.injured[l]) / n;
      view.death[l] = (n0 * prior.death[l] + faded.died[l]) / n;
    }
  }

  endOfDay(day: number): void {
    const { seen, behaviour, delay, fade, A, L, snapshot } = this;
    if (!behaviour.learning) {
      for (const k of OBSERVED) seen[k].fill(0);
      return;
    }
    const weight = behaviour.observationWeight;
    const slot = this.ring[day % this.ring.length];
    for (const k of OBSERVED) {
      const today = seen[k];
      const cur = this.fadedCurrent[k];
      const pub = this.fadedPublic[k];
      // The slot holds the day that is now `delay` days old: it reaches the public today.
      const old = delay === 0 ? today : slot[k];
      for (let i = 0; i < today.length; i++) {
        cur[i] = cur[i] * fade + weight * today[i];
        pub[i] = pub[i] * fade + weight * old[i];
      }
      if (delay > 0) slot[k].set(today);
      today.fill(0);
    }
    this.estimate(this.current, this.fadedCurrent);
    this.estimate(this.public, this.fadedPublic);
    let moved = 0;
    for (let a = 0; a < A; a++) moved = Math.max(moved, Math.abs(this.public.interception[a] - snapshot.interception[a]));
    for (let l = 0; l < L; l++) moved = Math.max(moved, Math.abs(this.public.robbery[l] - snapshot.robbery[l]));
    if (moved > behaviour.replanThreshold) {
      this.version++;
      snapshot.interception.set(this.public.interception);
      snapshot.robbery.set(this.public.robbery);
    }
  }
}
