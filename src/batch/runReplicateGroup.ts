import type { CompiledNetwork } from '../network/compiledNetwork.js';
import { createPopulation } from '../population/createPopulation.js';
import type { Population } from '../population/population.js';
import { daysBetween } from '../core/dates.js';
import { createEngine, engineSignature, type Engine } from '../engine/createEngine.js';
import { firstDifferentDay, type PolicyTimeline } from '../scenario/policyTimeline.js';
import type { Scenario } from '../scenario/scenario.js';
import { populationSignature, replicateResult, streamKeys, timelineOf, type ReplicateResult, type RunSpec } from './runReplicate.js';

/** One replicate to run: its spec, and the index of its network in the batch's networks. */
export interface ReplicateTask {
  readonly spec: RunSpec;
  readonly network: number;
}

/** What became of one task of a group: its result, or the error it threw (as plain data, to cross a thread). */
export type ReplicateOutcome = { readonly result: ReplicateResult } | { readonly error: { readonly message: string; readonly code?: string } };

/** A failed outcome's error as an Error again, with its code (e.g. ERR_WORKER_OUT_OF_MEMORY). */
export function outcomeError(error: { readonly message: string; readonly code?: string }): Error {
  return Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
}

export interface GroupRun {
  /** One outcome per task, in the order of the tasks. */
  readonly outcomes: ReplicateOutcome[];
  /** How many populations were drawn: fewer than the tasks when some shared one. */
  readonly populationsDrawn: number;
  /** How many tasks went on from another task's run instead of starting on day 0. */
  readonly forked: number;
  /** The days those tasks did not run again, summed. */
  readonly daysSkipped: number;
}

/** Tasks of one family draw the very same population: the same network and `populationSignature`. */
export function populationFamily(task: ReplicateTask): string {
  return `${task.network}\u0000${populationSignature(task.spec)}`;
}

/** A task that goes on from another's run: it forks from it when that run reaches `day`. */
interface Fork {
  readonly child: number;
  readonly day: number;
}

/**
 * Runs several replicates one after another, sharing two kinds of work between the tasks alike
 * enough (replicate r of several policy variants under common random numbers). Every outcome
 * is the very result `runReplicate` gives the task alone.
 *
 * - **The population**, drawn once for all the tasks of one `populationSignature` and network:
 *   about a tenth of a replicate of the full corridor (bench/RESULTS.md). The engine only reads
 *   it.
 * - **The days before two variants differ.** Tasks that also share `engineSignature` run the
 *   same days, step for step, until the first day their policies differ
 *   (`firstDifferentDay`): a counterfactual without a policy of 2019 runs what the full
 *   timeline ran until 2019. Such a task goes on from a copy of the other's run on that day
 *   (Engine.fork) instead of starting again on day 0.
 *
 * A fork is held from the day it is taken until its task starts. At most one is held at a
 * time, so a worker needs room for two engines and one population, which the 220 bytes per
 * agent of the memory check cover (batch/estimateMemory.ts). The order the tasks run in is
 * planned for the most days skipped (planForks): a sweep of one policy's start date forks each
 * point from the one before it.
 *
 * Tasks are run grouped by population signature, so that one population is alive at a time. A
 * task that throws gets its error as its outcome, and the others still run (a task whose fork
 * was never taken starts on day 0): the batch retries only the one that failed, and names it.
 * `onOutcome` hears of each outcome as soon as its task ends, so that a batch can save it and
 * report progress before the whole group ends.
 */
export function runReplicateGroup(tasks: readonly ReplicateTask[], networks: readonly CompiledNetwork[], onOutcome?: OutcomeListener): GroupRun {
  const steps = replicateGroupSteps(tasks, networks, onOutcome);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * runReplicateGroup a little at a time: it pauses after each task ends and every 30 days of a
 * task, so that a batch on the main thread (0 workers) can let the event loop turn, and see a
 * Ctrl-C, between them.
 */
export function* replicateGroupSteps(tasks: readonly ReplicateTask[], networks: readonly CompiledNetwork[], onOutcome?: OutcomeListener): Generator<void, GroupRun> {
  const signatures = tasks.map(populationFamily);
  const order = tasks.map((_, k) => k).sort((a, b) => (signatures[a] < signatures[b] ? -1 : signatures[a] > signatures[b] ? 1 : a - b));
  const outcomes = new Array<ReplicateOutcome>(tasks.length);
  const settle = (k: number, outcome: ReplicateOutcome) => {
    outcomes[k] = outcome;
    onOutcome?.(k, outcome);
  };
  const counts = { populationsDrawn: 0, forked: 0, daysSkipped: 0 };
  for (let from = 0; from < order.length; ) {
    let to = from + 1;
    while (to < order.length && signatures[order[to]] === signatures[order[from]]) to++;
    yield* runFamily(order.slice(from, to), tasks, networks[tasks[order[from]].network], settle, counts);
    from = to;
  }
  return { outcomes, ...counts };
}

function failure(error: unknown): ReplicateOutcome {
  const e = error as NodeJS.ErrnoException;
  return { error: { message: e?.message ?? String(error), ...(typeof e?.code === 'string' ? { code: e.code } : {}) } };
}

/** Hears of task k's outcome (k in the group's order) as soon as the task ends. */
export type OutcomeListener = (k: number, outcome: ReplicateOutcome) => void;

/** Runs tasks of one population signature on one network, in the order given, pausing after each and every 30 days of each. */
function* runFamily(
  family: readonly number[],
  tasks: readonly ReplicateTask[],
  net: CompiledNetwork,
  settle: OutcomeListener,
  counts: { populationsDrawn: number; forked: number; daysSkipped: number },
): Generator<void, void> {
  // A task whose timeline cannot be compiled fails here, and takes no part in forks.
  const timelines = family.map((k) => {
    try {
      return timelineOf(tasks[k].spec, net);
    } catch (error) {
      settle(k, failure(error));
      return null;
    }
  });
  const { order, forks } = planForks(
    family.map((k) => tasks[k].spec.scenario),
    timelines,
  );
  const held = new Map<number, Engine>();
  let population: Population | null = null;
  for (const n of order) {
    const timeline = timelines[n];
    if (timeline === null) continue;
    const { spec } = tasks[family[n]];
    try {
      let engine = held.get(n);
      held.delete(n);
      if (engine !== undefined) {
        counts.forked++;
        counts.daysSkipped += engine.day;
      } else {
        if (population === null) {
          population = createPopulation(spec.scenario, net, streamKeys(spec).population);
          counts.populationsDrawn++;
        }
        engine = createEngine(net, spec.scenario, timeline, population, streamKeys(spec));
      }
      const children = forks[n];
      let c = 0;
      for (;;) {
        for (; c < children.length && children[c].day === engine.day; c++) {
          const child = children[c].child;
          try {
            held.set(child, engine.fork(tasks[family[child]].spec.scenario, timelines[child]!));
          } catch {
            // A fork only saves work: if it cannot be made (no memory for the copy), the child
            // starts on day 0, and this task, which did nothing wrong, goes on.
          }
        }
        if (!engine.step()) break;
        // A pause every so many days too, so that a long replicate on the main thread does not
        // keep a Ctrl-C waiting until it ends (a day's engine state is whole between steps).
        if (engine.day % DAYS_BETWEEN_PAUSES === 0) yield;
      }
      settle(family[n], { result: replicateResult(spec.replicate, engine.tally, net) });
    } catch (error) {
      settle(family[n], failure(error));
    }
    yield;
  }
}

/** Days a replicate runs between pauses of replicateGroupSteps: about a tenth of a second of the full corridor. */
const DAYS_BETWEEN_PAUSES = 30;

/** The most tasks whose run order planForks searches in full (8! orders). */
const MAX_SEARCHED = 8;

/**
 * In which order to run a family's tasks, and which forks from which. A task goes on from an
 * earlier one on the first day they differ (`firstDifferentDay`), if they share any days and
 * the same `engineSignature`. Two rules bound what a plan may do:
 * - a task started from a fork on day s can hand on only days from s on;
 * - one fork is held at a time: a fork from the task run n-th to the one run m-th is held
 *   while tasks n to m - 1 run, so a task forks only from the last one given a fork, or a
 *   later one.
 * The order matters: a timeline and two counterfactuals without its policies of 2014 and 2019
 * share 2014's days three ways and 2019's two ways, which only the order 2014-less, timeline,
 * 2019-less hands on in full. Families of up to MAX_SEARCHED tasks (a batch's groups) are
 * planned over every order for the most days skipped, the first such order counted from the
 * tasks' own; larger ones keep their own order. The plan changes no result, only the work.
 */
export function planForks(scenarios: readonly Scenario[], timelines: readonly (PolicyTimeline | null)[]): { order: number[]; forks: Fork[][] } {
  const n = scenarios.length;
  const signature = scenarios.map(engineSignature);
  // shared[i][j]: the days task j can take from task i (0 if none).
  const shared = scenarios.map((_, i) =>
    scenarios.map((sj, j) => {
      const ti = timelines[i];
      const tj = timelines[j];
      if (i === j || ti === null || tj === null || signature[i] !== signature[j]) return 0;
      return firstDifferentDay(ti, tj, daysBetween(sj.period.start, sj.period.end) + 1);
    }),
  );
  const identity = scenarios.map((_, k) => k);
  let best = { order: identity, parent: identity.map(() => -1), day: identity.map(() => 0), skipped: -1 };
  const order: number[] = [];
  const parent: number[] = [];
  const day: number[] = [];
  const used = new Uint8Array(n);
  // Depth first over orders, each task placed with its best parent among those the rules allow.
  const place = (lastChild: number, skipped: number): void => {
    if (order.length === n) {
      if (skipped > best.skipped) best = { order: order.slice(), parent: parent.slice(), day: day.slice(), skipped };
      return;
    }
    for (let t = 0; t < n; t++) {
      if (used[t]) continue;
      let from = -1;
      let at = 0;
      for (let p = lastChild; p < order.length; p++) {
        const d = shared[order[p]][t];
        if (d > at && d >= day[p]) {
          from = p;
          at = d;
        }
      }
      used[t] = 1;
      order.push(t);
      parent.push(from);
      day.push(at);
      place(from >= 0 ? order.length - 1 : lastChild, skipped + at);
      used[t] = 0;
      order.pop();
      parent.pop();
      day.pop();
      if (n > MAX_SEARCHED) return; // the tasks' own order only
    }
  };
  place(0, 0);
  const forks = scenarios.map((): Fork[] => []);
  best.order.forEach((t, m) => {
    if (best.parent[m] >= 0) forks[best.order[best.parent[m]]].push({ child: t, day: best.day[m] });
  });
  for (const list of forks) list.sort((a, b) => a.day - b.day || a.child - b.child);
  return { order: best.order, forks };
}
