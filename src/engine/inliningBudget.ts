import { setFlagsFromString } from 'node:v8';

/**
 * V8's inlining limits, raised so that the day loop's link entry, arrival and route choice
 * (`enterLink`, `reachPlace`, `plan`: 991, 490 and 857 bytes of bytecode on Node 20) are
 * compiled into `travel`, which calls them for every agent on the move. V8's defaults (460
 * bytes for one function, 920 for all a function inlines, 4,600 in all) leave them calls, in a
 * batch's workers as on the main thread. Raised, a year of the corridor takes about a tenth
 * less; a short single run pays about 0.1 s more to compile the larger code (bench/RESULTS.md,
 * "Done in session 9").
 *
 * The flags change how code is compiled, never what it computes: JavaScript arithmetic is the
 * same inlined or not, so results stay byte-identical. They are process-wide, so setting them
 * once in any thread covers the workers too; setting them again is harmless.
 */
const INLINING_FLAGS = [
  '--max-inlined-bytecode-size=1200',
  '--max-inlined-bytecode-size-cumulative=6000',
  '--max-inlined-bytecode-size-absolute=8000',
] as const;

export function raiseInliningBudget(): void {
  for (const flag of INLINING_FLAGS) setFlagsFromString(flag);
}
