import { describe, expect, it } from 'vitest';
import { tracedReplicates } from './tracedReplicates.js';

/**
 * A batch's worker runs replicate after replicate, so the day loop's optimised code must
 * survive from one replicate to the next. It did not: the stream keys' object changed hidden
 * class with the keys' values, and the beliefs and candidate lists were closures made anew per
 * replicate, each a different function to the compiled calls; the loop was thrown away and
 * compiled again (about a second of compiling per replicate) at the start of most replicates
 * (bench/RESULTS.md, session 10). The second replicate still threw it away once: objects built
 * by object literals (the population, the tally, the candidate pool, the route-total caches)
 * get a shape with wider field types on a literal's second run, and a new closure per candidate
 * set was a new call target (session 12). This runs four short replicates of the built engine
 * in one child process with V8's optimisation and deoptimisation traces on (seed 2019, the
 * scenario's), and checks that no replicate after the first throws any of the day loop's code
 * away for a reason that comes from the replicate being new: a hidden class, a call target, a
 * code dependency. A rare path that runs for the first time ("insufficient type feedback": a
 * death in a released agent's first day, say) can come in any replicate, wherever chance and
 * the compiler's timing put it, and is not what this guards against (session 13). A full
 * collection runs between replicates: in a worker one often falls there, and it freed the hidden
 * classes of the last replicate's objects, so the next replicate's were new ones and the loop's
 * code was thrown away for "weak objects" in every worker's second replicate (session 14).
 */
const HOT = ['step', 'travel', 'plan', 'enterLink', 'reachPlace', 'release', 'releaseDue', 'totalsOf', 'endOfDay', 'from', 'routeTotals'];

/**
 * What a replicate does before its first day, once per replicate: the policy timeline, the
 * population (its stream among them), the engine's arrays, the candidate routes and their
 * router. Each ran on objects made anew per replicate (seedrandom's closures, a router of
 * closures, a policy context and the keys' object), whose hidden classes or closures died
 * between replicates; its code was thrown away and compiled again in every replicate of a
 * worker, on the other core (bench/RESULTS.md, "Session 18"). Not the day loop's cost, but a
 * batch on two workers pays for it.
 */
const SETUP = [
  'createPopulation', 'drawAttributes', 'sampleDistribution', 'fill', 'double', 'next',
  'compileTimeline', 'apply', 'linksAt', 'linksOfModes', 'indicesOf',
  'DayLoop', 'createCandidateRoutes', 'profileWeights', 'generate', 'findToAny', 'search', 'pathTo', 'siftUp', 'siftDown', 'pop', 'less', 'tail',
];

/** The functions among `names` whose optimised code `text` shows thrown away for any reason but a first run of a rare path. */
function thrownAway(text: string, names: readonly string[]): string[] {
  return text
    .split('\n')
    .filter((line) => /^\[(bailout|marking dependent code)/.test(line) && !/reason: Insufficient type feedback/.test(line))
    .map((line) => /<(?:JSFunction|SharedFunctionInfo) ([\w.]+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && names.includes(name));
}

describe('compiled code across replicates', () => {
  const byReplicate = tracedReplicates(['--trace-opt', '--trace-deopt', '--expose-gc'], 150000, 5, 2019);
  const [firstFull] = tracedReplicates(['--trace-deopt'], 450000, 1, 2019);

  it('should keep the day loop optimised from the second replicate of a process on', () => {
    // The first replicate must have optimised the loop, or there would be nothing to throw
    // away and the checks below would pass for nothing.
    for (const name of ['step', 'travel']) expect(byReplicate[0], name).toMatch(new RegExp(`completed (optimizing|compiling) .*<JSFunction ${name} `));
    for (let r = 1; r < byReplicate.length; r++) expect(thrownAway(byReplicate[r], HOT), `replicate ${r}`).toEqual([]);
  });

  it("should not throw the day loop away in a process's first replicate for a field set again", () => {
    // V8 takes a field set only once for a constant, and code compiled meanwhile relies on its
    // value. The epoch of the policy state, the release list and the beliefs' version were
    // first set again days into the first replicate, after the loop was compiled, and threw
    // `travel`, `plan`, `reachPlace` and `step` away (bench/RESULTS.md, "Session 19"). Any
    // code dependency broken there (a field's constness, type or representation) is one that
    // making the engine's objects otherwise would avoid. At the full 450,000 arrivals a year,
    // where the loop is compiled before the first change of policy state; the short replicates
    // above reach it only after.
    const broken = firstFull
      .split('\n')
      .filter((line) => line.startsWith('[marking dependent code'))
      .map((line) => /<SharedFunctionInfo ([\w.]+)>/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined && HOT.includes(name));
    expect(broken).toEqual([]);
  });

  it("should not throw `step` away in a process's first full-size replicate", () => {
    // The day's own work reaches all its paths in the first days; two that first ran later,
    // the period's end (which made the engine's keeper) and a longer release list, each threw
    // the compiled `step` away, to be compiled again on the core a second worker needs. The end
    // is now handled outside `step`, and the list is sized to the population.
    const thrown = firstFull.split('\n').filter((line) => line.startsWith('[bailout') && /<JSFunction step /.test(line));
    expect(thrown).toEqual([]);
  });

  it("should keep a replicate's setup optimised from the third replicate of a process on", () => {
    const early = byReplicate[0] + byReplicate[1];
    // What runs per agent is optimised in any replicate of this size; the rest (a timeline's
    // policies, the route search) may run too little to be, under the raised interrupt budget
    // (src/engine/compilerFlags.ts), and is then checked only in case it is.
    for (const name of ['createPopulation', 'drawAttributes', 'fill']) expect(early, name).toMatch(new RegExp(`completed (optimizing|compiling) .*<JSFunction ${name} `));
    // The second replicate may still meet a value of another kind for the first time (an
    // array of fractions where the first saw whole numbers, say) and widen what the code
    // accepts: that is V8 learning, once, not the same work done again.
    for (let r = 2; r < byReplicate.length; r++) expect(thrownAway(byReplicate[r], SETUP), `replicate ${r}`).toEqual([]);
  });
});
