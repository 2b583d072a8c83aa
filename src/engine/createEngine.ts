import { daysBetween, yearMonthOf } from '../core/dates.js';
import { agentPart, eventPart, prefixOf, uniformAt, uniformFrom } from '../core/rng.js';
import { destinationCountry } from '../network/borderCrossings.js';
import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { MODES } from '../network/modes.js';
import { Population } from '../population/population.js';
import { firstDifferentDay, stateIndexAt, type PolicyState, type PolicyTimeline } from '../scenario/policyTimeline.js';
import type { Scenario } from '../scenario/scenario.js';
import {
  APPREHENSION,
  ARRIVED,
  DEAD,
  DEATH,
  DEPORTATION,
  DETAINED,
  GAVE_UP,
  INJURY,
  IN_TRANSIT,
  NOT_YET,
  ROBBERY,
} from './agentStates.js';
import { arcInterception, createBeliefs, type Beliefs, type BeliefView } from './beliefs.js';
import { CandidatePool, createCandidateRoutes, type CandidateRoutes } from './candidateRoutes.js';
import { costWeights, emptyTotals, routeTotals, storeTotals, TOTALS, weightedCostAt, type Traveller } from './routeCost.js';
import { createChoice, offerCandidate, startChoice } from './gumbel.js';
import { setCompilerFlags } from './compilerFlags.js';
import { ARC_RECORD, LINK_RECORD, writeArcRecords, writeLinkRecords } from './policyRecords.js';
import { Tally } from './tally.js';

// Before any day loop runs hot enough to be optimised, wherever the engine is loaded (a batch's
// workers, the benchmarks, the tests): the loop's methods are then compiled as one.
setCompilerFlags();

/**
 * The keyed streams of the day loop (see core/rng.ts), one per purpose. Each stream's counters
 * mean one thing only, so no two purposes can meet the same number: route-choice noise is keyed
 * (agent, decision number, candidate), and the decision to try again (agent, attempt) has a
 * stream of its own, since an attempt number is not a decision number.
 */
export interface EngineKeys {
  readonly choice: number;
  readonly hazard: number;
  readonly enforcement: number;
  readonly retry: number;
}

/** What the day loop reports to an observer, for audits and tests. Off (null) in real runs. */
export type TraceEvent =
  | { kind: 'enter'; agent: number; arc: number; day: number }
  | { kind: 'caught'; agent: number; day: number }
  | { kind: 'relocate'; agent: number; place: number; day: number }
  | { kind: 'probability'; what: string; p: number };

export interface Engine {
  /** Simulation day about to run (0 = the scenario's start date). */
  readonly day: number;
  readonly days: number;
  /** Runs one day; false once the period is over. */
  step(): boolean;
  readonly tally: Tally;
  readonly beliefs: Beliefs;
  readonly candidates: () => CandidateRoutes;
  readonly pool: CandidatePool;
  readonly policy: () => PolicyState;
  /** The agents' changing state, struct-of-arrays (read-only outside the engine). */
  readonly agents: AgentArrays;
  /**
   * A copy of this run so far, to go on from `day` under `scenario` and `timeline`. The same
   * run as starting them afresh would give, byte for byte, when they are alike in what the day
   * loop reads until now: the same `engineSignature`, the same population and keys (this
   * engine's), and the same policy values in force on every day before `day` (checked:
   * firstDifferentDay). A policy variant that differs from this run only from some day on
   * then skips the days before it (batch/runReplicateGroup.ts).
   */
  fork(scenario: Scenario, timeline: PolicyTimeline, trace?: ((e: TraceEvent) => void) | null): Engine;
}

/**
 * What the day loop reads of a scenario besides its policies and its population: two scenarios
 * of the same signature run alike on the same policy states, population and keys.
 */
export function engineSignature(scenario: Scenario): string {
  return JSON.stringify([scenario.behaviour, scenario.period, scenario.speedsKmPerDay ?? null]);
}

export interface AgentArrays {
  readonly state: Uint8Array;
  readonly place: Uint32Array;
  readonly route: Int32Array;
  readonly routePos: Uint16Array;
  readonly progressKm: Float32Array;
  readonly budgetUsd: Float32Array;
  readonly spentUsd: Float32Array;
  readonly attempts: Uint8Array;
  readonly lastCaughtLink: Int32Array;
  /** The first day an injury no longer slows the agent (0 if never injured). */
  readonly injuredUntil: Uint32Array;
  /** 1 for an agent with a visitor card. */
  readonly documented: Uint8Array;
  /** The beliefs' version when the agent last chose a route. */
  readonly planVersion: Uint32Array;
}

// Per-agent flags.
const NEEDS_PLAN = 1;
const REPLAN_AT_PLACE = 2;
const INFORMED = 4;
/** Set on an agent's first apprehension: the share of people ever caught is a target (observed.md section 4). */
const EVER_CAUGHT = 8;
/** What a shelter that informs sets: one constant, since a `|` of two would need type feedback where it first runs. */
const TOLD_AT_SHELTER = INFORMED | REPLAN_AT_PLACE;

// Purposes of counter-based draws, the last key component. Draws on a link are keyed by
// (agent, attempt and link, purpose), not by how many links the agent has taken: the same
// agent on the same link in the same attempt meets the same luck in every scenario, whatever
// route led it there. That keeps common random numbers strong across policy variants.
// (An agent that enters one link twice in one attempt, after turning back, meets the same
// luck twice; routes rarely revisit a link.)
const DRAW_INTERCEPT = 0;
const DRAW_DEATH = 1;
const DRAW_INJURY = 2;
const DRAW_STOP = 3;
const DRAW_ROBBERY = 4;
const DRAW_PLACE_INTERCEPT = 5;

// The link and arc records' offsets, as constants of this module (see LINK_RECORD for why).
const {
  COST: LINK_COST,
  INTERCEPTION: LINK_INTERCEPTION,
  DOCUMENTED_INTERCEPTION: LINK_DOCUMENTED_INTERCEPTION,
  DEATH: LINK_DEATH,
  INJURY: LINK_INJURY,
  ROBBERY: LINK_ROBBERY,
  SPEED: LINK_SPEED,
  KM: LINK_KM,
  FIELDS: LINK_FIELDS,
} = LINK_RECORD;
const {
  INTERCEPTION: ARC_INTERCEPTION,
  DOCUMENTED_INTERCEPTION: ARC_DOCUMENTED_INTERCEPTION,
  INFORMS: ARC_INFORMS,
  ENTERS_COUNTRY: ARC_ENTERS_COUNTRY,
  TO_DESTINATION: ARC_TO_DESTINATION,
  FIELDS: ARC_FIELDS,
} = ARC_RECORD;

// Indices into DayLoop.streams.
const STREAM_CHOICE = 0;
const STREAM_HAZARD = 1;
const STREAM_ENFORCEMENT = 2;
const STREAM_RETRY = 3;

const EPSILON_DAY = 1e-9;

// Scratch objects of route choice, one per thread rather than one per engine: their fields
// start as small integers and become fractions in the first engine, and a second engine's fresh
// objects made V8 throw away the day loop's compiled code, which relied on the fractions
// (bench/RESULTS.md, "Done in session 12"). Sharing them is safe: each is filled and read
// within one call, and an engine runs on one thread.
const traveller: Traveller = { budgetUsd: 0, riskAversion: 0, valueOfTimeUsdPerDay: 0 };
const scratchTotals = emptyTotals();
const choice = createChoice();

/**
 * An engine of no agents, made when an engine finishes its period from the same network,
 * scenario and timeline, and kept until the next one finishes: a hidden class lives only while
 * some object has it. In a batch's worker, a collection between two replicates, when the last
 * one's objects were all garbage, freed the hidden classes of the engine, the population, the
 * tally, the caches and the candidates; the next replicate's objects were built on new ones, and
 * V8 threw away every piece of the day loop's compiled code that checks them and compiled it
 * again, a quarter to a third of a second of the other core's time (bench/RESULTS.md, "Session
 * 14"). On the main thread the collections happened to fall after the next engine was made, so
 * the benchmarks and the stable-code test did not see it. Made at the end, not the start, so
 * that its objects take the hidden classes the run ended on, after any field's type has widened.
 * Its per-agent arrays are empty; what it keeps is mostly the last run's policy timeline, 2-5 MB
 * on the shipped scenarios.
 */
let keeper: DayLoop | null = null;
const KEEPER_STREAMS = new Uint32Array(4);

/**
 * Route totals cached per candidate for one view (see DayLoop.cache): candidate c's totals sit at
 * totals[TOTALS * c], valid while stamp[c] is the day's stamp. A class for the reason Population
 * gives (population/population.ts).
 */
class TotalsCache {
  stamp = new Float64Array(0);
  totals = new Float64Array(0);

  /** Room for `count` candidates, keeping what is cached. */
  grow(count: number): void {
    const capacity = Math.max(count, this.stamp.length * 2, 64);
    const stamp = new Float64Array(capacity).fill(-1);
    stamp.set(this.stamp);
    this.stamp = stamp;
    const totals = new Float64Array(capacity * TOTALS);
    totals.set(this.totals);
    this.totals = totals;
  }
}

/**
 * The day loop. Each day: the policy state in force is looked up, the day's arrivals set out,
 * every live agent is advanced in index order, and the community's beliefs absorb the day's
 * reports. Agents are typed arrays indexed by agent number; nothing is allocated per agent or
 * per step except when an agent chooses a route.
 */
export function createEngine(
  net: CompiledNetwork,
  scenario: Scenario,
  timeline: PolicyTimeline,
  pop: Population,
  keys: EngineKeys,
  trace: ((e: TraceEvent) => void) | null = null,
): Engine {
  // The keys are read here, once per engine, rather than in DayLoop's constructor: the keys'
  // object changes hidden class with their values (see DayLoop.streams), and the constructor,
  // optimised for its loops over agents, was thrown away when it read one of another class.
  const streams = Uint32Array.of(keys.choice, keys.hazard, keys.enforcement, keys.retry);
  return engineOf(new DayLoop(net, scenario, timeline, pop, streams, trace));
}

function engineOf(loop: DayLoop): Engine {
  const { state, place, route, routePos, progressKm, budgetUsd, spentUsd, attempts, lastCaughtLink, injuredUntil, documented, planVersion } = loop;
  return {
    get day() {
      return loop.day;
    },
    days: loop.days,
    tally: loop.tally,
    beliefs: loop.beliefs,
    candidates: () => loop.candidates,
    pool: loop.pool,
    policy: () => loop.policy,
    agents: { state, place, route, routePos, progressKm, budgetUsd, spentUsd, attempts, lastCaughtLink, injuredUntil, documented, planVersion },
    // The period's end is handled here, outside `step`, so that the loop's compiled code holds
    // no path that first runs after its last day (see DayLoop.step).
    step: () => loop.step() || loop.makeKeeper(),
    fork: (scenario, timeline, trace = null) => engineOf(loop.fork(scenario, timeline, trace)),
  };
}

/**
 * The engine's state and its day loop, as a class rather than closures over createEngine's
 * locals. Why: V8 specialises a closure's optimised code to its captured values only for the
 * first closure made from a function; every later replicate in the same worker then ran the
 * generic code, 25-30% slower (bench/RESULTS.md, "Where the time goes"). Methods on one class
 * are compiled once for every replicate alike.
 */
class DayLoop implements AgentArrays {
  readonly b: Scenario['behaviour'];
  readonly N: number;
  readonly days: number;
  readonly yearOfDay: Uint16Array;
  readonly nYears: number;
  readonly tally: Tally;
  readonly modeSpeed: Float64Array;
  /**
   * Per link, what travel reads of it in the policy state in force, LINK_FIELDS numbers in a
   * row (LINK_RECORD, policyRecords.ts). Written over at each change of state, so that a year's weekly
   * changes leave no garbage.
   */
  readonly links: Float64Array;
  /**
   * Per arc, what reaching its head means in the policy state in force, ARC_FIELDS numbers in
   * a row (policyRecords.ts), written over as `links` is.
   */
  readonly arcs: Float64Array;
  /** Per agent, the agent half of its keyed draws (`agentPart`), hashed once instead of at every draw. */
  readonly agentKey: Uint32Array;

  // Agents' changing state (the AgentArrays among them are what `agents` shows).
  readonly state: Uint8Array;
  readonly place: Uint32Array;
  readonly route: Int32Array;
  readonly routePos: Uint16Array;
  readonly progressKm: Float32Array;
  readonly budgetUsd: Float32Array;
  readonly spentUsd: Float32Array;
  readonly attempts: Uint8Array;
  readonly releaseDay: Uint32Array;
  readonly injuredUntil: Uint32Array;
  readonly waitDays: Uint16Array;
  readonly decisions: Uint32Array;
  readonly lastCaughtLink: Int32Array;
  readonly documented: Uint8Array;
  readonly planVersion: Uint32Array;
  readonly flags: Uint8Array;
  // The travelling agents, in agent order (the order every day's work is done in). Detained
  // agents wait outside it, in `detained`, a queue in order of release: detention has one
  // length, so they leave it in the order they entered, and on their release day join the day's
  // work in agent order, merged with `active` as the day goes (no pass of its own to merge the
  // lists). A day then costs nothing for the agents sitting in detention.
  active: Uint32Array;
  spare: Uint32Array;
  activeCount = 0;
  /** The agents released today, in agent order (see releaseDue). */
  due: Uint32Array;
  readonly detained: Uint32Array;
  detainedHead = 0;
  detainedCount = 0;
  cursor = 0;

  /** Where deported agents are left, by origin place. */
  readonly deportTo: Int32Array;
  readonly entryCountry: number;

  stateIndex: number;
  policy: PolicyState;
  readonly beliefs: Beliefs;
  readonly pool: CandidatePool;
  readonly candidateSets = new Map<string, CandidateRoutes>();
  candidates: CandidateRoutes;
  policyEpoch: number;

  // Route totals cached per candidate and view (public or shelter beliefs, without or with a
  // card), valid for one (day, policy epoch).
  readonly cache = [0, 1, 2, 3].map(() => new TotalsCache());
  // The same for agents caught before, who fear the link they were caught on more than others
  // do: per (link, view), at caughtCache[4 * link + view], made on first need. Costing their
  // candidates afresh at each choice was four fifths of all route costing (722,000 a year
  // against 186,000 refreshes of the shared caches, bench/RESULTS.md).
  readonly caughtCache: (TotalsCache | null)[];
  documentedScale: Float64Array;
  readonly weights = new Float64Array(6);
  // Which candidates use a link, by link, built on first need and rebuilt when the pool grows:
  // an agent caught before checks every candidate against its link at every choice.
  readonly members: (Uint8Array | null)[];

  day = 0;

  constructor(
    readonly net: CompiledNetwork,
    readonly scenario: Scenario,
    readonly timeline: PolicyTimeline,
    readonly pop: Population,
    // The stream keys, by STREAM_*. In a typed array, not the EngineKeys object: a key is any
    // uint32, so in an object each is stored as a small integer or as a boxed double depending
    // on its value, and a replicate whose keys differ in that from the last one's changed the
    // object's hidden class; the day loop's compiled code, which checks that class, was thrown
    // away and compiled again at the start of most replicates (bench/RESULTS.md, session 10).
    readonly streams: Uint32Array,
    readonly trace: ((e: TraceEvent) => void) | null,
  ) {
    const b = (this.b = scenario.behaviour);
    const N = (this.N = pop.count);
    const days = (this.days = daysBetween(scenario.period.start, scenario.period.end) + 1);
    // Scenarios are validated when loaded; this guards code that builds them by hand, where a bad
    // period would otherwise make the day loop run forever.
    if (!Number.isInteger(days) || days < 1) throw new Error(`the period ${scenario.period.start} to ${scenario.period.end} is not a range of days`);
    const startYear = yearMonthOf(scenario.period.start, 0).year;
    const years: number[] = [];
    this.yearOfDay = new Uint16Array(days);
    for (let d = 0; d < days; d++) {
      const y = yearMonthOf(scenario.period.start, d).year;
      if (years[years.length - 1] !== y) years.push(y);
      this.yearOfDay[d] = y - startYear;
    }
    this.tally = new Tally(net, years);
    this.nYears = years.length;

    this.modeSpeed = Float64Array.from(MODES, (m, i) => scenario.speedsKmPerDay?.[m] ?? net.modeSpeed[i]);

    // Every per-agent array is written in full here, zeros included. A new array's memory is
    // fresh from the kernel, and the day loop reads most of these before it writes them (a
    // state's count, a flag's bits): the first read of a page mapped the kernel's shared zero
    // page, and the first write then replaced it, which makes the kernel flush that page from
    // the TLB of every core running a thread of the process. With two workers both cores are,
    // and each flush interrupted the other worker (an inter-processor interrupt, costly on a
    // virtual machine): about 0.4 s of CPU in a two-worker batch of 8, a fifth of what two
    // workers used beyond one. Writing first maps each page once, with no flush; the zeros cost
    // a few ms a replicate (bench/RESULTS.md, "Session 20").
    this.state = new Uint8Array(N).fill(0);
    this.place = Uint32Array.from(pop.origin);
    this.route = new Int32Array(N).fill(-1);
    this.routePos = new Uint16Array(N).fill(0);
    this.progressKm = new Float32Array(N).fill(0);
    this.budgetUsd = Float32Array.from(pop.budgetUsd);
    this.spentUsd = new Float32Array(N).fill(0);
    this.attempts = new Uint8Array(N).fill(0);
    this.releaseDay = new Uint32Array(N).fill(0);
    this.injuredUntil = new Uint32Array(N).fill(0);
    this.waitDays = new Uint16Array(N).fill(0);
    this.decisions = new Uint32Array(N).fill(0);
    this.lastCaughtLink = new Int32Array(N).fill(-1);
    this.documented = new Uint8Array(N).fill(0);
    this.planVersion = new Uint32Array(N).fill(0);
    this.flags = new Uint8Array(N).fill(0);
    this.active = new Uint32Array(N);
    this.spare = new Uint32Array(N);
    this.detained = new Uint32Array(N);
    this.tally.stateCount[NOT_YET] = N;
    this.agentKey = new Uint32Array(N);
    for (let i = 0; i < N; i++) this.agentKey[i] = agentPart(i);

    const placeIndex = new Map(net.meta.placeIds.map((id, i) => [id, i]));
    this.deportTo = new Int32Array(net.placeCount);
    for (let p = 0; p < net.placeCount; p++) {
      const country = net.meta.countries[net.placeCountry[p]];
      const target = b.deportation.byCountry?.[country] ?? b.deportation.default;
      this.deportTo[p] = target === 'origin' ? p : placeIndex.get(target) ?? p;
    }
    this.entryCountry = destinationCountry(net);
    this.caughtCache = new Array<TotalsCache | null>(4 * net.linkCount).fill(null);
    this.members = new Array<Uint8Array | null>(net.linkCount).fill(null);

    // Fields that change as the run goes are all set here rather than by initializers. V8
    // takes a field set once, at its definition, for a constant, and code compiled while it is
    // one relies on its value; setting it again throws that code away ("code dependencies").
    // `policyEpoch`, the release list `due` and the beliefs' `version` were first set again
    // days into a process's first replicate, after the loop was compiled, so `travel`, `plan`,
    // `reachPlace` and `step` were all compiled again (bench/RESULTS.md, "Session 19"). A field
    // declared without an initializer is defined as undefined and then set here, a change V8
    // sees before anything is compiled.
    this.policyEpoch = 0;
    // Room for a sixty-fourth of the population released on one day (the National Guard's
    // year releases about 1,300 a day), so that the list seldom grows: growing first ran days
    // into a process's first replicate, and threw the compiled `step` away too.
    this.due = new Uint32Array(Math.max(1024, Math.ceil(N / 64)));
    this.stateIndex = stateIndexAt(timeline, 0);
    this.policy = timeline.states[this.stateIndex];
    this.beliefs = createBeliefs(net, this.policy, b);
    this.pool = new CandidatePool();
    this.candidates = this.candidatesFor(this.policy);
    this.documentedScale = this.scaleFor(this.policy);
    this.links = new Float64Array(net.linkCount * LINK_FIELDS);
    this.arcs = new Float64Array(net.arcCount * ARC_FIELDS);
    this.writeRecords(this.policy);
  }

  /** See Engine.fork. */
  fork(scenario: Scenario, timeline: PolicyTimeline, trace: ((e: TraceEvent) => void) | null): DayLoop {
    const day = this.day;
    if (engineSignature(scenario) !== engineSignature(this.scenario)) {
      throw new Error(`cannot fork ${this.scenario.name} as ${scenario.name}: their behaviour, period or speeds differ`);
    }
    if (firstDifferentDay(this.timeline, timeline, day) < day) {
      throw new Error(`cannot fork ${this.scenario.name} as ${scenario.name} on day ${day}: their policies differ on day ${firstDifferentDay(this.timeline, timeline, day)}`);
    }
    const copy = new DayLoop(this.net, scenario, timeline, this.pop, this.streams, trace);
    copy.takeStateOf(this);
    return copy;
  }

  /**
   * Takes on `src`'s run so far (see fork). What is only a cache of what the run has seen (route
   * totals, which candidates use a link) starts empty and is filled again as needed.
   */
  takeStateOf(src: DayLoop): void {
    // Every agent, not only those created so far: a copy of a few bytes an agent costs far less
    // than the days it saves, and needs no rule about which agents a run has touched.
    this.state.set(src.state);
    this.place.set(src.place);
    this.route.set(src.route);
    this.routePos.set(src.routePos);
    this.progressKm.set(src.progressKm);
    this.budgetUsd.set(src.budgetUsd);
    this.spentUsd.set(src.spentUsd);
    this.attempts.set(src.attempts);
    this.releaseDay.set(src.releaseDay);
    this.injuredUntil.set(src.injuredUntil);
    this.waitDays.set(src.waitDays);
    this.decisions.set(src.decisions);
    this.lastCaughtLink.set(src.lastCaughtLink);
    this.documented.set(src.documented);
    this.planVersion.set(src.planVersion);
    this.flags.set(src.flags);
    this.active.set(src.active);
    this.detained.set(src.detained);
    this.activeCount = src.activeCount;
    this.detainedHead = src.detainedHead;
    this.detainedCount = src.detainedCount;
    this.cursor = src.cursor;
    this.day = src.day;
    this.tally.copyFrom(src.tally);
    this.beliefs.copyFrom(src.beliefs);
    // Candidate ids index the pool, so the pool and every closure pattern's lists are copied
    // with their ids; routes added from now on are this run's own.
    this.pool.copyFrom(src.pool);
    this.candidateSets.clear();
    for (const [key, set] of src.candidateSets) this.candidateSets.set(key, set.copyFor(this.pool));
    // The state in force yesterday, as this timeline numbers it: step() then sees a change of
    // state exactly where a run of this timeline from day 0 would.
    this.stateIndex = stateIndexAt(this.timeline, Math.max(0, this.day - 1));
    this.policy = this.timeline.states[this.stateIndex];
    this.candidates = this.candidatesFor(this.policy);
    this.documentedScale = this.scaleFor(this.policy);
    this.writeRecords(this.policy);
    this.policyEpoch = src.policyEpoch;
  }

  /** The link and arc records of state `s` (policyRecords.ts), written over those of the state before. */
  writeRecords(s: PolicyState): void {
    writeLinkRecords(this.net, this.modeSpeed, s, this.links);
    writeArcRecords(this.net, this.entryCountry, s, this.arcs);
  }

  /**
   * Per arc, how much of the interception a card holder still meets: the arc's chance for card
   * holders over its chance for others, each combining the link with the post at its head (as
   * beliefs do). Per arc, not per link, because a card also protects at posts: a link with no
   * patrol of its own that ends at a post inside the card's states is safe for its holder.
   * 1 where the arc has no true interception (nothing the card is known to change there).
   */
  scaleFor(s: PolicyState): Float64Array {
    const net = this.net;
    const scale = new Float64Array(net.arcCount).fill(1);
    for (let a = 0; a < net.arcCount; a++) {
      const others = arcInterception(net, a, s.linkInterception, s.placeInterception);
      if (others > 0) scale[a] = arcInterception(net, a, s.documentedLinkInterception, s.documentedPlaceInterception) / others;
    }
    return scale;
  }

  candidatesFor(s: PolicyState): CandidateRoutes {
    let key = '';
    for (let a = 0; a < s.closedArcs.length; a++) if (s.closedArcs[a]) key += a + ',';
    let set = this.candidateSets.get(key);
    if (!set) {
      set = createCandidateRoutes(this.net, s.closedArcs, this.b, this.modeSpeed, this.pool);
      this.candidateSets.set(key, set);
    }
    return set;
  }

  /** Second key of an agent's draws at link l (or at place p, as linkCount + p) in this attempt. */
  drawSlot(i: number, site: number): number {
    return this.attempts[i] * (this.net.linkCount + this.net.placeCount) + site;
  }

  setState(i: number, s: number): void {
    const stateCount = this.tally.stateCount;
    stateCount[this.state[i]]--;
    stateCount[s]++;
    this.state[i] = s;
  }

  record(event: number, atPlace: number, link: number): void {
    const { tally, net } = this;
    tally.eventsByPlace[event * net.placeCount + atPlace]++;
    if (link >= 0) tally.eventsByLink[event * net.linkCount + link]++;
    tally.eventsByState[event * net.meta.states.length + net.placeState[atPlace]]++;
    tally.eventsByYear[event * this.nYears + this.yearOfDay[this.day]]++;
  }

  probability(what: string, p: number): number {
    if (this.trace !== null) this.trace({ kind: 'probability', what, p });
    return p;
  }

  /**
   * Offset of candidate c's totals in `entry.totals`, computed if stale: believed through
   * `views`, with `fearedLink`'s interception raised to at least `fear` (-1 and 0: none).
   */
  totalsOf(c: number, entry: TotalsCache, views: BeliefView, scale: Float64Array | null, fearedLink: number, fear: number): number {
    if (entry.stamp.length < this.pool.count) entry.grow(this.pool.count);
    const stamp = this.policyEpoch * 1e6 + this.day;
    const at = c * TOTALS;
    if (entry.stamp[c] !== stamp) {
      const t = routeTotals(this.net, this.pool.arcs, this.pool.start[c], this.pool.end[c], this.policy, views, this.modeSpeed, scratchTotals, fearedLink, fear, scale);
      storeTotals(t, entry.totals, at);
      entry.stamp[c] = stamp;
    }
    return at;
  }

  /** The cache of what agents caught on `link` believe, through view `view`. */
  caughtCacheFor(link: number, view: number): TotalsCache {
    const k = 4 * link + view;
    let entry = this.caughtCache[k];
    if (entry === null) {
      entry = new TotalsCache();
      this.caughtCache[k] = entry;
    }
    return entry;
  }

  candidatesUsing(link: number): Uint8Array {
    const pool = this.pool;
    let m = this.members[link];
    if (m === null || m.length < pool.count) {
      // The pool only grows (each place's candidates are added on first need), so the
      // candidates already checked keep their answer and only the new ones are checked.
      const known = m === null ? 0 : m.length;
      const grown = new Uint8Array(pool.count);
      if (m !== null) grown.set(m);
      m = grown;
      for (let c = known; c < pool.count; c++) {
        for (let k = pool.start[c], end = pool.end[c]; k < end; k++) {
          if (this.net.arcLink[pool.arcs[k]] === link) {
            m[c] = 1;
            break;
          }
        }
      }
      this.members[link] = m;
    }
    return m;
  }

  /**
   * Chooses a route from the agent's place: random utility with Gumbel noise drawn per
   * candidate (the Gumbel-max form of the multinomial logit). Keying the noise by (agent,
   * decision number, candidate) means that making one candidate worse can only move an agent
   * off that candidate, never onto it: the basis of paired policy comparisons.
   */
  plan(i: number): boolean {
    const { pop, pool, b, flags, budgetUsd, weights } = this;
    const ids = this.candidates.from(this.place[i]);
    const who = pop.leader[i];
    traveller.budgetUsd = budgetUsd[i];
    traveller.riskAversion = pop.riskAversion[who];
    traveller.valueOfTimeUsdPerDay = pop.valueOfTimeUsdPerDay[who];
    const canSmuggle = pop.smuggler[who] === 1;
    const informed = (flags[i] & INFORMED) !== 0;
    // Both views are read whatever the agent knows: the first agent told by a shelter comes
    // days into a process's first replicate, after the loop is compiled, and a read that had
    // never run threw the compiled `plan` away ("insufficient type feedback"), to be compiled
    // again. `reachPlace` sets the shelter's news without a branch for the same reason.
    const { current, public: heard } = this.beliefs;
    const views = informed ? current : heard;
    const scale = this.documented[i] === 1 ? this.documentedScale : null;
    const view = (informed ? 1 : 0) + (scale === null ? 0 : 2);
    const caughtLink = this.lastCaughtLink[i];
    const using = caughtLink >= 0 ? this.candidatesUsing(caughtLink) : null;
    const shared = this.cache[view];
    const feared = caughtLink >= 0 ? this.caughtCacheFor(caughtLink, view) : shared;
    costWeights(traveller, b, weights);
    const noise = prefixOf(this.streams[STREAM_CHOICE], this.agentKey[who], eventPart(this.decisions[i]));
    let best = -1;
    startChoice(choice);
    let cheapest = -1;
    let cheapestMoney = Infinity;
    for (let j = 0; j < ids.length; j++) {
      const c = ids[j];
      if (!canSmuggle && pool.smuggler[c] === 1) continue;
      const fears = using !== null && using[c] === 1;
      const entry = fears ? feared : shared;
      const at = this.totalsOf(c, entry, views, scale, fears ? caughtLink : -1, fears ? b.personalCatchBelief : 0);
      const totals = entry.totals;
      const money = totals[at];
      if (money < cheapestMoney) {
        cheapestMoney = money;
        cheapest = c;
      }
      if (money > budgetUsd[i]) continue;
      const v = -weightedCostAt(weights, totals, at) / b.logitScaleUsd;
      // The logarithms of the noise are computed only where bounds of it leave the comparison
      // with the best so far open (exact: see gumbel.ts).
      if (offerCandidate(choice, v, uniformFrom(noise, j))) best = c;
    }
    // Nothing affordable: the cheapest route it may use, paying what it can.
    if (best < 0) best = cheapest;
    if (best < 0) return false;
    this.decisions[i]++;
    this.route[i] = best;
    this.routePos[i] = 0;
    this.planVersion[i] = this.beliefs.version;
    flags[i] &= ~(NEEDS_PLAN | REPLAN_AT_PLACE);
    this.waitDays[i] = 0;
    return true;
  }

  catchAgent(i: number, atPlace: number, link: number, arc: number): void {
    this.setState(i, DETAINED);
    if ((this.flags[i] & EVER_CAUGHT) === 0) {
      this.flags[i] |= EVER_CAUGHT;
      this.tally.peopleApprehended.value++;
    }
    this.releaseDay[i] = this.day + Math.max(1, Math.round(this.b.detentionDays));
    this.lastCaughtLink[i] = link;
    this.route[i] = -1;
    this.progressKm[i] = 0;
    this.beliefs.seen.arcCaught[arc]++;
    this.record(APPREHENSION, atPlace, link);
    if (this.trace !== null) this.trace({ kind: 'caught', agent: i, day: this.day });
  }

  finish(i: number, s: number): void {
    this.setState(i, s);
    this.route[i] = -1;
  }

  /** The agent starts travelling link `l` along arc `a`. Returns false if that ended its trip. */
  enterLink(i: number, a: number, l: number): boolean {
    const { links, budgetUsd, streams, b } = this;
    const at = l * LINK_FIELDS;
    const seen = this.beliefs.seen;
    const who = this.agentKey[i];
    const slot = eventPart(this.drawSlot(i, l));
    const from = this.place[i];
    // Every entry is a report on the chance of being caught there; only those not caught go on
    // to travel the link, so only they report on its hazards (the rates are per traversal).
    seen.arcTraversals[a]++;
    const cost = links[at + LINK_COST];
    const paid = Math.min(budgetUsd[i], cost);
    budgetUsd[i] -= paid;
    this.spentUsd[i] += paid;

    const q = this.probability('interception', links[at + (this.documented[i] === 1 ? LINK_DOCUMENTED_INTERCEPTION : LINK_INTERCEPTION)]);
    // Most link entries (about 40% under the National Guard) meet no interception: no draw
    // then, which changes nothing, since a draw is never below 0.
    if (q > 0 && uniformFrom(prefixOf(streams[STREAM_ENFORCEMENT], who, slot), DRAW_INTERCEPT) < q) {
      this.catchAgent(i, from, l, a);
      return false;
    }
    this.tally.linkFlow[l]++;
    seen.linkTraversals[l]++;
    if (this.trace !== null) this.trace({ kind: 'enter', agent: i, arc: a, day: this.day });
    const hazard = prefixOf(streams[STREAM_HAZARD], who, slot);
    if (uniformFrom(hazard, DRAW_DEATH) < this.probability('death', links[at + LINK_DEATH])) {
      seen.died[l]++;
      this.record(DEATH, from, l);
      this.finish(i, DEAD);
      return false;
    }
    if (uniformFrom(hazard, DRAW_INJURY) < this.probability('injury', links[at + LINK_INJURY])) {
      seen.injured[l]++;
      this.record(INJURY, from, l);
      this.injuredUntil[i] = this.day + b.injuryDays;
      if (uniformFrom(hazard, DRAW_STOP) < this.probability('injury stop', b.injuryStopProbability)) {
        this.finish(i, GAVE_UP);
        return false;
      }
    }
    if (uniformFrom(hazard, DRAW_ROBBERY) < this.probability('robbery', links[at + LINK_ROBBERY])) {
      seen.robbed[l]++;
      this.record(ROBBERY, from, l);
      budgetUsd[i] *= 1 - b.robberyLossShare;
      this.flags[i] |= REPLAN_AT_PLACE;
    }
    return true;
  }

  /** The agent reaches the head of arc `a`. Returns false if its trip ended there. */
  reachPlace(i: number, a: number): boolean {
    const { net, arcs, place, flags } = this;
    const p = net.arcTarget[a];
    const at = a * ARC_FIELDS;
    place[i] = p;
    this.routePos[i]++;
    if (arcs[at + ARC_ENTERS_COUNTRY] === 1) this.tally.entriesByPlace[p]++;
    const q = arcs[at + (this.documented[i] === 1 ? ARC_DOCUMENTED_INTERCEPTION : ARC_INTERCEPTION)];
    if (q > 0 && uniformFrom(prefixOf(this.streams[STREAM_ENFORCEMENT], this.agentKey[i], eventPart(this.drawSlot(i, net.linkCount + p))), DRAW_PLACE_INTERCEPT) < this.probability('place interception', q)) {
      this.catchAgent(i, p, net.arcLink[a], a);
      return false;
    }
    if (arcs[at + ARC_TO_DESTINATION] === 1) {
      this.finish(i, ARRIVED);
      this.tally.arrivedCostUsd.value += this.spentUsd[i];
      return false;
    }
    // A value, not a branch, for the reason `plan` reads both views: the first shelter's news,
    // set in code that had never run, threw the compiled `travel` away. Without it a process's
    // first full-year replicate compiled `travel` three times instead of two, about 80 ms more
    // of compiling (bench/RESULTS.md, "Session 20").
    flags[i] |= arcs[at + ARC_INFORMS] === 1 ? TOLD_AT_SHELTER : 0;
    if (flags[i] & REPLAN_AT_PLACE || this.planVersion[i] !== this.beliefs.version) flags[i] |= NEEDS_PLAN;
    return true;
  }

  addKm(l: number, km: number, days: number): void {
    const { tally, net } = this;
    const y = this.yearOfDay[this.day];
    tally.linkAgentKm[l] += km;
    tally.linkAgentDays[l] += days;
    tally.agentKmByYear[y] += km;
    tally.modeKmByYear[y * MODES.length + net.linkMode[l]] += km;
    if (net.linkRemote[l]) tally.remoteKmByYear[y] += km;
  }

  /** One day of travel for agent i: as many links as the day allows. */
  travel(i: number): void {
    const { net, pool, flags, route, routePos, progressKm, b } = this;
    let time = 1;
    const slow = this.injuredUntil[i] > this.day ? b.injurySpeedFactor : 1;
    for (;;) {
      if (flags[i] & NEEDS_PLAN || route[i] < 0) {
        if (!this.plan(i)) {
          if (++this.waitDays[i] > b.maxWaitDays) this.finish(i, GAVE_UP);
          return;
        }
      }
      const a = pool.arcs[pool.start[route[i]] + routePos[i]];
      const l = net.arcLink[a];
      if (progressKm[i] === 0 && this.policy.closedArcs[a]) {
        // A route chosen before a closure: choose again. Routes chosen now avoid closed links.
        flags[i] |= NEEDS_PLAN;
        continue;
      }
      if (progressKm[i] === 0 && !this.enterLink(i, a, l)) return;
      const speed = this.links[l * LINK_FIELDS + LINK_SPEED] * slow;
      const remaining = this.links[l * LINK_FIELDS + LINK_KM] - progressKm[i];
      const need = remaining / speed;
      if (need <= time) {
        time -= need;
        this.addKm(l, remaining, need);
        progressKm[i] = 0;
        if (!this.reachPlace(i, a)) return;
        if (time <= EPSILON_DAY) return;
      } else {
        this.addKm(l, time * speed, time);
        progressKm[i] += time * speed;
        return;
      }
    }
  }

  /** Deports agent i, whose detention ends today (`releaseDue` took it off the queue for the day's work). */
  release(i: number): void {
    const to = this.deportTo[this.pop.origin[i]];
    this.place[i] = to;
    this.record(DEPORTATION, to, -1);
    if (this.trace !== null) this.trace({ kind: 'relocate', agent: i, place: to, day: this.day });
    this.attempts[i]++;
    const retry = uniformAt(this.streams[STREAM_RETRY], i, this.attempts[i], 0) < this.probability('retry', this.b.retryProbability);
    if (this.attempts[i] >= this.b.maxAttempts || !retry) {
      this.finish(i, GAVE_UP);
      return;
    }
    this.setState(i, IN_TRANSIT);
    this.routePos[i] = 0;
    this.flags[i] |= NEEDS_PLAN;
    this.travel(i);
  }

  /**
   * Takes the agents whose detention ends today off the front of the detention queue into
   * `due`, in agent order (the queue is in agent order within a day's catches, and one day's
   * catches are all due together), and returns how many.
   */
  releaseDue(day: number): number {
    const { detained, releaseDay, N } = this;
    let due = 0;
    let at = this.detainedHead;
    while (due < this.detainedCount && releaseDay[detained[at]] <= day) {
      if (due === this.due.length) {
        const grown = new Uint32Array(this.due.length * 2);
        grown.set(this.due);
        this.due = grown;
      }
      this.due[due++] = detained[at];
      at = at + 1 === N ? 0 : at + 1;
    }
    this.detainedHead = at;
    this.detainedCount -= due;
    return due;
  }

  /** Once the period is over: the `keeper` of this run's hidden classes. False, as `step` then is. */
  makeKeeper(): false {
    if (this.pop.count > 0 && keeper?.timeline !== this.timeline) {
      keeper = new DayLoop(this.net, this.scenario, this.timeline, new Population(0), KEEPER_STREAMS, null);
    }
    return false;
  }

  step(): boolean {
    const { pop, net, flags, progressKm, state, tally } = this;
    const day = this.day;
    // Nothing else on this path: it first runs after the last day, when the loop has long been
    // compiled, and any work here (the keeper, say) would throw that code away and have it
    // compiled again in every process's first replicate.
    if (day >= this.days) return false;
    const k = stateIndexAt(this.timeline, day);
    if (k !== this.stateIndex) {
      this.stateIndex = k;
      this.policy = this.timeline.states[k];
      const candidates = this.candidatesFor(this.policy);
      this.documentedScale = this.scaleFor(this.policy);
      this.writeRecords(this.policy);
      // A new epoch makes every cached route total stale (see totalsOf's stamp).
      this.policyEpoch++;
      // New closures: everyone replans at the next place (now, if already at one). Only
      // closures: agents do not see where enforcement stands (they learn it through beliefs,
      // which have their own replanning rule), and a new fee or speed weighs at their next
      // choice. Replanning at every change of state would redraw every traveller's taste noise
      // each time mobile checkpoints rotate, so policies that change often would make agents
      // wander between routes for no reason they could know (docs/ODD.md section 3).
      if (candidates !== this.candidates) {
        this.candidates = candidates;
        for (let n = 0; n < this.activeCount; n++) flags[this.active[n]] |= progressKm[this.active[n]] === 0 ? NEEDS_PLAN : REPLAN_AT_PLACE;
      }
    }
    const due = this.releaseDue(day);
    const active = this.active;
    const N = this.N;
    while (this.cursor < N && pop.arrivalDay[this.cursor] === day) {
      const c = this.cursor;
      this.setState(c, IN_TRANSIT);
      this.documented[c] = pop.documentDraw[c] < this.policy.documentedUptake[net.placeCountry[pop.origin[c]]] ? 1 : 0;
      flags[c] |= NEEDS_PLAN;
      active[this.activeCount++] = c;
      this.cursor++;
    }
    tally.created.value = this.cursor;
    const activeCount = this.activeCount;
    // Detained agents are live too: each counts as a step whether or not it is visited.
    tally.agentSteps.value += activeCount + due + this.detainedCount;
    // The day's agents, in agent order: the travelling (today's arrivals last, the highest
    // numbers) merged with those released today as the day goes, and the ones still on their
    // way kept, in the same order, for tomorrow.
    const released = this.due;
    const kept = this.spare;
    let keptCount = 0;
    let n = 0;
    let q = 0;
    while (n < activeCount || q < due) {
      const i = q < due && (n === activeCount || released[q] < active[n]) ? released[q++] : active[n++];
      if (state[i] === DETAINED) this.release(i);
      else this.travel(i);
      const s = state[i];
      if (s === IN_TRANSIT) kept[keptCount++] = i;
      else if (s === DETAINED) this.detained[(this.detainedHead + this.detainedCount++) % N] = i;
      else if (s === ARRIVED) tally.arrivedTransitDays.value += day + 1 - pop.arrivalDay[i];
    }
    this.spare = active;
    this.active = kept;
    this.activeCount = keptCount;
    this.beliefs.endOfDay(day);
    this.day++;
    return true;
  }
}
