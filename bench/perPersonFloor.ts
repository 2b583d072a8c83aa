/**
 * The floor of simulating people one by one on this host: how fast the least a per-person day
 * loop must do runs when written as tightly as JavaScript allows, beside the engine on the same
 * replicate. It answers a question the 20 M agent-steps/s goal raises: is the engine short of it
 * because of how it is written, or because of what it has to do?
 *
 * The kernel below walks the same people (the replicate's population) through the same network,
 * policy timeline and candidate routes, with the engine's keyed draws, choice rule and km
 * tallies, and nothing more: one function, every array in a local, no beliefs learnt (routes
 * are weighed on the true state, and everyone reconsiders at the next place once a week, about
 * as often as the engine's public beliefs move), no card holders, no caught agents' fears, no
 * shelters, no events by place, no trace hook. Its results are not the engine's and are not
 * used for anything but its counts and its time.
 *
 *   npm run bench -- floor [--runs 5] [--warmup 4] [--scenario scenarios/guardia-nacional-2019.yaml] [--per-year N] [--days D]
 *
 * Each run times, in one process and in turn, the engine's day loop and the kernel's on the
 * same population, then the kernel again weighing every choice's candidates twice (the second
 * pass's winner goes only into a checksum): the difference is what weighing candidates costs.
 * The first `--warmup` runs are printed but left out of the medians. The kernel is one call a
 * replicate, so in its first calls V8 runs it as code compiled in the middle of the loop (on-stack
 * replacement): in the first four runs it took 1.17-1.43 s a year against 0.88-0.93 s from the
 * fifth on. The engine, called once a day and once an agent, is compiled whole within its first
 * replicate.
 */
import { cpus } from 'node:os';
import { streamKeys } from '../src/batch/runReplicate.js';
import { yearMonthOf } from '../src/core/dates.js';
import { agentPart, eventPart, prefixOf, uniformAt, uniformFrom } from '../src/core/rng.js';
import { trueView, type BeliefView } from '../src/engine/beliefs.js';
import { CandidatePool, createCandidateRoutes, type CandidateRoutes } from '../src/engine/candidateRoutes.js';
import { setCompilerFlags } from '../src/engine/compilerFlags.js';
import { createEngine } from '../src/engine/createEngine.js';
import { createChoice, offerCandidate, startChoice } from '../src/engine/gumbel.js';
import { ARC_RECORD, LINK_RECORD, writeArcRecords, writeLinkRecords } from '../src/engine/policyRecords.js';
import { costWeights, emptyTotals, routeTotals, storeTotals, TOTALS, weightedCostAt, type Traveller } from '../src/engine/routeCost.js';
import { destinationCountry } from '../src/network/borderCrossings.js';
import { MODES } from '../src/network/modes.js';
import type { CompiledNetwork } from '../src/network/compiledNetwork.js';
import { createPopulation } from '../src/population/createPopulation.js';
import type { Population } from '../src/population/population.js';
import { compileTimeline } from '../src/scenario/compileTimeline.js';
import { stateIndexAt, type PolicyTimeline } from '../src/scenario/policyTimeline.js';
import type { Scenario } from '../src/scenario/scenario.js';
import { benchArgs, wholeNumber } from './benchArgs.js';
import { loadBenchScenario } from './benchScenario.js';
import { median } from './medianInterval.js';

const values = benchArgs('floor', {
  runs: { type: 'string', default: '5' },
  warmup: { type: 'string', default: '4' },
  scenario: { type: 'string', default: 'scenarios/guardia-nacional-2019.yaml' },
  'per-year': { type: 'string' },
  days: { type: 'string' },
});
const runs = wholeNumber('runs', values.runs);
const warmup = wholeNumber('warmup', values.warmup, 0);
const bench = loadBenchScenario(values.scenario!, values['per-year'], values.days);

/** What the kernel did: the work the engine's day loop also does, counted. */
interface FloorCounts {
  agentSteps: number;
  visits: number;
  linkEntries: number;
  /** Entries not stopped by an interception on the link, as the engine's link flows count them. */
  linkTraversals: number;
  placeArrivals: number;
  choices: number;
  candidatesWeighed: number;
  apprehensions: number;
  arrived: number;
  checksum: number;
}

// Agent flags, as the engine's.
const NEEDS_PLAN = 1;
const REPLAN_AT_PLACE = 2;
// Agent states, as agentStates.ts numbers them.
const IN_TRANSIT = 1;
const DETAINED = 2;
const ARRIVED = 3;
const DEAD = 4;
const GAVE_UP = 5;
// The engine's link and arc records, their offsets as constants of this module (see LINK_RECORD).
const { COST: LINK_COST, INTERCEPTION: LINK_INTERCEPTION, DEATH: LINK_DEATH, INJURY: LINK_INJURY, ROBBERY: LINK_ROBBERY, SPEED: LINK_SPEED, KM: LINK_KM, FIELDS: LINK_FIELDS } = LINK_RECORD;
const { INTERCEPTION: ARC_INTERCEPTION, ENTERS_COUNTRY: ARC_ENTERS_COUNTRY, TO_DESTINATION: ARC_TO_DESTINATION, FIELDS: ARC_FIELDS } = ARC_RECORD;
// Draw purposes, as the engine's.
const DRAW_INTERCEPT = 0;
const DRAW_DEATH = 1;
const DRAW_INJURY = 2;
const DRAW_STOP = 3;
const DRAW_ROBBERY = 4;
const DRAW_PLACE_INTERCEPT = 5;
const EPSILON_DAY = 1e-9;
/** Days between the moments everyone reconsiders at its next place: the engine's public beliefs moved 48 times in the year. */
const RECONSIDER_EVERY = 7;

/**
 * One replicate's day loop, reduced to the per-person work. `passes` is how many times each
 * choice's candidates are weighed (1, or 2 to measure what weighing costs).
 */
function simulateFloor(net: CompiledNetwork, scenario: Scenario, timeline: PolicyTimeline, pop: Population, days: number, keys: Uint32Array, passes: number): FloorCounts {
  const b = scenario.behaviour;
  const N = pop.count;
  const L = net.linkCount;
  const modeSpeed = Float64Array.from(MODES, (m, k) => scenario.speedsKmPerDay?.[m] ?? net.modeSpeed[k]);
  const modes = MODES.length;
  const yearOfDay = new Uint16Array(days);
  const firstYear = yearMonthOf(scenario.period.start, 0).year;
  for (let d = 0; d < days; d++) yearOfDay[d] = yearMonthOf(scenario.period.start, d).year - firstYear;
  const years = yearOfDay[days - 1] + 1;
  const placeIndex = new Map(net.meta.placeIds.map((id, k) => [id, k]));
  const deportTo = Int32Array.from({ length: net.placeCount }, (_, p) => {
    const target = b.deportation.byCountry?.[net.meta.countries[net.placeCountry[p]]] ?? b.deportation.default;
    return target === 'origin' ? p : placeIndex.get(target) ?? p;
  });
  const [choiceKey, hazardKey, enforcementKey, retryKey] = keys;

  // Agents, struct of arrays, typed as the engine types them.
  const state = new Uint8Array(N);
  const place = Uint32Array.from(pop.origin);
  const route = new Int32Array(N).fill(-1);
  const routePos = new Uint16Array(N);
  const progressKm = new Float32Array(N);
  const budgetUsd = Float32Array.from(pop.budgetUsd);
  const spentUsd = new Float32Array(N);
  const attempts = new Uint8Array(N);
  const releaseDay = new Uint32Array(N);
  const injuredUntil = new Uint32Array(N);
  const waitDays = new Uint16Array(N);
  const decisions = new Uint32Array(N);
  const planVersion = new Uint32Array(N);
  const flags = new Uint8Array(N);
  const agentKey = new Uint32Array(N);
  for (let i = 0; i < N; i++) agentKey[i] = agentPart(i);
  let active = new Uint32Array(N);
  let kept = new Uint32Array(N);
  const detained = new Uint32Array(N);
  let due = new Uint32Array(1024);
  const { arrivalDay, leader, riskAversion, valueOfTimeUsdPerDay, smuggler } = pop;

  // The network in the policy state in force, as records; the candidate routes per closure pattern.
  const links = new Float64Array(L * LINK_FIELDS);
  const arcs = new Float64Array(net.arcCount * ARC_FIELDS);
  const pool = new CandidatePool();
  const candidateSets = new Map<string, CandidateRoutes>();
  let candidates: CandidateRoutes | null = null;
  let truth: BeliefView | null = null;
  let policy = timeline.states[0];
  let stateIndex = -1;
  let epoch = 0;
  let stamp = new Float64Array(0);
  let totals = new Float64Array(0);
  const scratch = emptyTotals();
  const weights = new Float64Array(6);
  const traveller: Traveller = { budgetUsd: 0, riskAversion: 0, valueOfTimeUsdPerDay: 0 };
  const choice = createChoice();
  const again = createChoice();

  // Tallies the engine keeps per link, year and mode, and the community's reports.
  const linkFlow = new Float64Array(L);
  const linkAgentKm = new Float64Array(L);
  const linkAgentDays = new Float64Array(L);
  const kmByYear = new Float64Array(years);
  const remoteKmByYear = new Float64Array(years);
  const modeKmByYear = new Float64Array(years * modes);
  const arcTraversals = new Float64Array(net.arcCount);
  const arcCaught = new Float64Array(net.arcCount);
  const linkTraversals = new Float64Array(L);
  const robbed = new Float64Array(L);
  const injured = new Float64Array(L);
  const died = new Float64Array(L);
  const entriesByPlace = new Float64Array(net.placeCount);
  const entryCountry = destinationCountry(net);
  let arrivedTransitDays = 0;
  let arrivedCostUsd = 0;
  // Counted in locals, not in an object's fields: the kernel is meant to be as tight as JavaScript allows.
  let agentSteps = 0;
  let visits = 0;
  let linkEntries = 0;
  let placeArrivals = 0;
  let choices = 0;
  let candidatesWeighed = 0;
  let apprehensions = 0;
  let arrivedCount = 0;
  let checksum = 0;

  let activeCount = 0;
  let detainedHead = 0;
  let detainedCount = 0;
  let cursor = 0;
  const detentionDays = Math.max(1, Math.round(b.detentionDays));
  for (let day = 0; day < days; day++) {
    const k = stateIndexAt(timeline, day);
    if (k !== stateIndex) {
      stateIndex = k;
      policy = timeline.states[k];
      writeLinkRecords(net, modeSpeed, policy, links);
      writeArcRecords(net, entryCountry, policy, arcs);
      truth = trueView(net, policy);
      epoch++;
      let key = '';
      for (let a = 0; a < net.arcCount; a++) if (policy.closedArcs[a]) key += a + ',';
      let set = candidateSets.get(key);
      if (!set) {
        set = createCandidateRoutes(net, policy.closedArcs, b, modeSpeed, pool);
        candidateSets.set(key, set);
      }
      if (set !== candidates) {
        candidates = set;
        for (let n = 0; n < activeCount; n++) flags[active[n]] |= progressKm[active[n]] === 0 ? NEEDS_PLAN : REPLAN_AT_PLACE;
      }
    }
    const version = Math.floor(day / RECONSIDER_EVERY);
    const y = yearOfDay[day];

    // Releases due today, in agent order, and today's arrivals.
    let dueCount = 0;
    while (dueCount < detainedCount && releaseDay[detained[(detainedHead + dueCount) % N]] <= day) {
      if (dueCount === due.length) {
        const grown = new Uint32Array(due.length * 2);
        grown.set(due);
        due = grown;
      }
      due[dueCount] = detained[(detainedHead + dueCount) % N];
      dueCount++;
    }
    detainedHead = (detainedHead + dueCount) % N;
    detainedCount -= dueCount;
    while (cursor < N && arrivalDay[cursor] === day) {
      state[cursor] = IN_TRANSIT;
      flags[cursor] |= NEEDS_PLAN;
      active[activeCount++] = cursor++;
    }
    agentSteps += activeCount + dueCount + detainedCount;

    let keptCount = 0;
    let n = 0;
    let q = 0;
    while (n < activeCount || q < dueCount) {
      const i = q < dueCount && (n === activeCount || due[q] < active[n]) ? due[q++] : active[n++];
      visits++;
      let travels = true;
      if (state[i] === DETAINED) {
        // Released: deported, and tries again or gives up.
        place[i] = deportTo[pop.origin[i]];
        attempts[i]++;
        if (attempts[i] >= b.maxAttempts || uniformAt(retryKey, i, attempts[i], 0) >= b.retryProbability) {
          state[i] = GAVE_UP;
          travels = false;
        } else {
          state[i] = IN_TRANSIT;
          routePos[i] = 0;
          flags[i] |= NEEDS_PLAN;
        }
      }
      // One day of travel: as many links as the day allows.
      let time = 1;
      const slow = injuredUntil[i] > day ? b.injurySpeedFactor : 1;
      while (travels) {
        if ((flags[i] & NEEDS_PLAN) !== 0 || route[i] < 0) {
          // Route choice: the engine's rule (Gumbel-max over the place's candidates it may use).
          const ids = candidates!.from(place[i]);
          const who = leader[i];
          traveller.budgetUsd = budgetUsd[i];
          traveller.riskAversion = riskAversion[who];
          traveller.valueOfTimeUsdPerDay = valueOfTimeUsdPerDay[who];
          costWeights(traveller, b, weights);
          const canSmuggle = smuggler[who] === 1;
          const noise = prefixOf(choiceKey, agentKey[who], eventPart(decisions[i]));
          if (stamp.length < pool.count) {
            const s = new Float64Array(Math.max(pool.count, stamp.length * 2, 64)).fill(-1);
            s.set(stamp);
            stamp = s;
            const t = new Float64Array(s.length * TOTALS);
            t.set(totals);
            totals = t;
          }
          let best = -1;
          let cheapest = -1;
          let cheapestMoney = Infinity;
          for (let pass = 0; pass < passes; pass++) {
            const into = pass === 0 ? choice : again;
            startChoice(into);
            let winner = -1;
            for (let j = 0; j < ids.length; j++) {
              const cand = ids[j];
              if (!canSmuggle && pool.smuggler[cand] === 1) continue;
              if (stamp[cand] !== epoch) {
                storeTotals(routeTotals(net, pool.arcs, pool.start[cand], pool.end[cand], policy, truth!, modeSpeed, scratch), totals, cand * TOTALS);
                stamp[cand] = epoch;
              }
              const money = totals[cand * TOTALS];
              if (money < cheapestMoney) {
                cheapestMoney = money;
                cheapest = cand;
              }
              if (money > budgetUsd[i]) continue;
              if (pass === 0) candidatesWeighed++;
              const v = -weightedCostAt(weights, totals, cand * TOTALS) / b.logitScaleUsd;
              if (offerCandidate(into, v, uniformFrom(noise, j))) winner = cand;
            }
            if (pass === 0) best = winner;
            else checksum += winner;
          }
          if (best < 0) best = cheapest;
          if (best < 0) {
            if (++waitDays[i] > b.maxWaitDays) state[i] = GAVE_UP;
            break;
          }
          choices++;
          decisions[i]++;
          route[i] = best;
          routePos[i] = 0;
          planVersion[i] = version;
          flags[i] &= ~(NEEDS_PLAN | REPLAN_AT_PLACE);
          waitDays[i] = 0;
        }
        const a = pool.arcs[pool.start[route[i]] + routePos[i]];
        const l = net.arcLink[a];
        const at = l * LINK_FIELDS;
        if (progressKm[i] === 0) {
          if (policy.closedArcs[a]) {
            flags[i] |= NEEDS_PLAN;
            continue;
          }
          // Link entry: pay, then the enforcement and hazard draws, keyed as the engine keys them.
          linkEntries++;
          const slot = eventPart(attempts[i] * (L + net.placeCount) + l);
          const who = agentKey[i];
          arcTraversals[a]++;
          const paid = Math.min(budgetUsd[i], links[at + LINK_COST]);
          budgetUsd[i] -= paid;
          spentUsd[i] += paid;
          const qLink = links[at + LINK_INTERCEPTION];
          if (qLink > 0 && uniformFrom(prefixOf(enforcementKey, who, slot), DRAW_INTERCEPT) < qLink) {
            arcCaught[a]++;
            state[i] = DETAINED;
            break;
          }
          linkFlow[l]++;
          linkTraversals[l]++;
          const hazard = prefixOf(hazardKey, who, slot);
          if (uniformFrom(hazard, DRAW_DEATH) < links[at + LINK_DEATH]) {
            died[l]++;
            state[i] = DEAD;
            break;
          }
          if (uniformFrom(hazard, DRAW_INJURY) < links[at + LINK_INJURY]) {
            injured[l]++;
            injuredUntil[i] = day + b.injuryDays;
            if (uniformFrom(hazard, DRAW_STOP) < b.injuryStopProbability) {
              state[i] = GAVE_UP;
              break;
            }
          }
          if (uniformFrom(hazard, DRAW_ROBBERY) < links[at + LINK_ROBBERY]) {
            robbed[l]++;
            budgetUsd[i] *= 1 - b.robberyLossShare;
            flags[i] |= REPLAN_AT_PLACE;
          }
        }
        const speed = links[at + LINK_SPEED] * slow;
        const remaining = links[at + LINK_KM] - progressKm[i];
        const need = remaining / speed;
        const km = need <= time ? remaining : time * speed;
        const spent = need <= time ? need : time;
        linkAgentKm[l] += km;
        linkAgentDays[l] += spent;
        kmByYear[y] += km;
        modeKmByYear[y * modes + net.linkMode[l]] += km;
        if (net.linkRemote[l]) remoteKmByYear[y] += km;
        if (need > time) {
          progressKm[i] += km;
          break;
        }
        // Arrival at the arc's head: the post there, then the destination.
        time -= need;
        progressKm[i] = 0;
        placeArrivals++;
        const p = net.arcTarget[a];
        place[i] = p;
        routePos[i]++;
        if (arcs[a * ARC_FIELDS + ARC_ENTERS_COUNTRY] === 1) entriesByPlace[p]++;
        const qPlace = arcs[a * ARC_FIELDS + ARC_INTERCEPTION];
        if (qPlace > 0 && uniformFrom(prefixOf(enforcementKey, agentKey[i], eventPart(attempts[i] * (L + net.placeCount) + L + p)), DRAW_PLACE_INTERCEPT) < qPlace) {
          arcCaught[a]++;
          state[i] = DETAINED;
          break;
        }
        if (arcs[a * ARC_FIELDS + ARC_TO_DESTINATION] === 1) {
          state[i] = ARRIVED;
          arrivedCostUsd += spentUsd[i];
          break;
        }
        if ((flags[i] & REPLAN_AT_PLACE) !== 0 || planVersion[i] !== version) flags[i] |= NEEDS_PLAN;
        if (time <= EPSILON_DAY) break;
      }
      const s = state[i];
      if (s === IN_TRANSIT) kept[keptCount++] = i;
      else if (s === DETAINED) {
        apprehensions++;
        releaseDay[i] = day + detentionDays;
        route[i] = -1;
        progressKm[i] = 0;
        detained[(detainedHead + detainedCount++) % N] = i;
      } else if (s === ARRIVED) {
        arrivedCount++;
        arrivedTransitDays += day + 1 - arrivalDay[i];
      }
    }
    const swap = active;
    active = kept;
    kept = swap;
    activeCount = keptCount;
  }
  for (let l = 0; l < L; l++) checksum += linkAgentKm[l] + linkFlow[l] + robbed[l] + injured[l] + died[l] + linkTraversals[l] + linkAgentDays[l];
  for (let k = 0; k < years; k++) checksum += kmByYear[k] + remoteKmByYear[k];
  for (let a = 0; a < net.arcCount; a++) checksum += arcTraversals[a] + arcCaught[a];
  for (let p = 0; p < net.placeCount; p++) checksum += entriesByPlace[p];
  checksum += arrivedTransitDays + arrivedCostUsd;
  checksum += modeKmByYear.reduce((sum, x) => sum + x, 0) + spentUsd.reduce((sum, x) => sum + x, 0);
  return { agentSteps, visits, linkEntries, linkTraversals: linkFlow.reduce((sum, x) => sum + x, 0), placeArrivals, choices, candidatesWeighed, apprehensions, arrived: arrivedCount, checksum };
}

setCompilerFlags();
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const rows = [];
for (let run = 0; run < warmup + runs; run++) {
  const { scenario, net, days } = bench;
  const keys = streamKeys({ scenario, seed: scenario.seed, replicate: run });
  const timeline = compileTimeline(scenario.policies, net, scenario.period.start, days, keys.policy);
  const t0 = process.hrtime.bigint();
  const pop = createPopulation(scenario, net, keys.population);
  const populationSeconds = seconds(t0);
  const engine = createEngine(net, scenario, timeline, pop, keys);
  const t1 = process.hrtime.bigint();
  while (engine.step());
  const engineSeconds = seconds(t1);
  const streams = Uint32Array.of(keys.choice, keys.hazard, keys.enforcement, keys.retry);
  const t2 = process.hrtime.bigint();
  const floor = simulateFloor(net, scenario, timeline, pop, days, streams, 1);
  const floorSeconds = seconds(t2);
  const t3 = process.hrtime.bigint();
  simulateFloor(net, scenario, timeline, pop, days, streams, 2);
  const twiceSeconds = seconds(t3);
  const steps = engine.tally.agentSteps.value;
  const row = {
    run,
    warmup: run < warmup,
    scenario: scenario.name,
    agents: pop.count,
    days,
    populationSeconds,
    engine: { agentSteps: steps, linkTraversals: engine.tally.linkFlow.reduce((sum, x) => sum + x, 0), arrived: engine.tally.stateCount[ARRIVED], dayLoopSeconds: engineSeconds, dayLoopAgentStepsPerSecond: Math.round(steps / engineSeconds) },
    floor: { ...floor, dayLoopSeconds: floorSeconds, dayLoopAgentStepsPerSecond: Math.round(floor.agentSteps / floorSeconds) },
    // Weighing candidates twice adds what weighing them once costs.
    weighingSeconds: twiceSeconds - floorSeconds,
    // The kernel's day loop with the population it needs, as the goal counts a replicate.
    floorAgentStepsPerSecond: Math.round(floor.agentSteps / (floorSeconds + populationSeconds)),
  };
  if (run >= warmup) rows.push(row);
  console.log(JSON.stringify(row));
}
console.log(
  JSON.stringify({
    median: true,
    runs,
    warmupRuns: warmup,
    engineDayLoopSeconds: median(rows.map((r) => r.engine.dayLoopSeconds)),
    floorDayLoopSeconds: median(rows.map((r) => r.floor.dayLoopSeconds)),
    engineOverFloor: median(rows.map((r) => r.engine.dayLoopSeconds / r.floor.dayLoopSeconds)),
    weighingSeconds: median(rows.map((r) => r.weighingSeconds)),
    populationSeconds: median(rows.map((r) => r.populationSeconds)),
    floorAgentStepsPerSecond: median(rows.map((r) => r.floorAgentStepsPerSecond)),
    floorDayLoopAgentStepsPerSecond: median(rows.map((r) => r.floor.dayLoopAgentStepsPerSecond)),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
  }),
);
