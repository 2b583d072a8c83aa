import { describe, expect, it } from 'vitest';
import { tracedReplicates } from './tracedReplicates.js';

/**
 * The day loop's link entry, arrival and route choice must be compiled into `travel` on every
 * thread that runs it (src/engine/compilerFlags.ts); V8's default limits leave all three as
 * calls. This runs a short replicate of the built engine in a child process with V8's inlining
 * trace on, and reads it.
 */
describe('compiler flags', () => {
  it('should inline enterLink, reachPlace and plan into travel on the main thread', () => {
    const [trace] = tracedReplicates(['--trace-turbo-inlining'], 150000, 1);
    for (const callee of ['enterLink', 'reachPlace', 'plan']) {
      expect(trace, callee).toMatch(new RegExp(`Inlining .*<SharedFunctionInfo ${callee}>.* into .*<SharedFunctionInfo travel>`));
    }
  });
});
