import { setFlagsFromString } from 'node:v8';

/**
 * How V8 compiles the day loop, set before any of it runs hot enough to be optimised, wherever
 * the engine is loaded (a batch's workers, the benchmarks, the tests). The flags change how code
 * is compiled, never what it computes: JavaScript arithmetic is the same inlined or not,
 * optimised early or late, so results stay byte-identical. They are process-wide, so setting
 * them once in any thread covers the workers too; setting them again is harmless.
 *
 * - **Inlining limits, raised**, so that the day loop's link entry, arrival and route choice
 *   (`enterLink`, `reachPlace`, `plan`: 991, 490 and 857 bytes of bytecode on Node 20) are
 *   compiled into `travel`, which calls them for every agent on the move. V8's defaults (460
 *   bytes for one function, 920 for all a function inlines, 4,600 in all) leave them calls, in
 *   a batch's workers as on the main thread. Raised, a year of the corridor takes about a tenth
 *   less; a short single run pays about 0.1 s more to compile the larger code (bench/RESULTS.md,
 *   "Done in session 9").
 * - **The interrupt budget, raised 15-fold**: how much bytecode a function runs before V8
 *   considers optimising it. The day loop's rare paths (a catch, a death, a release from
 *   detention, a closure) first run days into a replicate; with the default budget `travel`
 *   and `step` were optimised before they had, and their code was thrown away and compiled
 *   again as each one first ran ("insufficient type feedback"); in all, a process's first
 *   replicate compiled 131 times, for 1.1 s. Waiting longer, V8 compiled 51 times in 0.46 s,
 *   work done on the other core, which a batch on two workers pays for, and the code it ends
 *   with is as fast. Runs of a fraction of a second are a few percent slower, having run
 *   longer before they were optimised (bench/RESULTS.md, "Session 18").
 */
const COMPILER_FLAGS = [
  '--max-inlined-bytecode-size=1200',
  '--max-inlined-bytecode-size-cumulative=6000',
  '--max-inlined-bytecode-size-absolute=8000',
  '--interrupt-budget=1000000',
] as const;

export function setCompilerFlags(): void {
  for (const flag of COMPILER_FLAGS) setFlagsFromString(flag);
}
