/**
 * The agents' fixed attributes, as struct-of-arrays: agent i is index i of every array. Agents
 * are numbered in order of arrival, so the engine activates them by moving a cursor. The
 * engine keeps what changes during a run (position, budget, state) in its own arrays. Every
 * attribute is zero until drawn (population/createPopulation.ts).
 *
 * A class, not an object literal: on the second run of a literal whose values are computed, V8
 * builds a template for it whose fields may hold anything, which widens the field types of the
 * literal's hidden class; the day loop's compiled code, which relied on the exact types, was
 * thrown away at the start of a worker's second replicate (bench/RESULTS.md, "Done in session
 * 12"). The instances of a class keep exact field types.
 */
export class Population {
  /** Simulation day on which the agent arrives at its origin; non-decreasing in i. */
  readonly arrivalDay: Uint32Array;
  /** Origin place index. */
  readonly origin: Uint32Array;
  /** The agent whose route choices a group member follows; i itself for agents travelling alone. */
  readonly leader: Uint32Array;
  /** 1 if the agent can pay a smuggler. */
  readonly smuggler: Uint8Array;
  readonly budgetUsd: Float32Array;
  readonly riskAversion: Float32Array;
  readonly valueOfTimeUsdPerDay: Float32Array;
  /**
   * A uniform draw per agent: the agent holds a documented-entry card when it falls below the
   * uptake of its country in the policy state on its arrival day. Drawn whether or not any
   * policy issues cards, so enabling one shifts no other draw.
   */
  readonly documentDraw: Float32Array;

  constructor(readonly count: number) {
    this.arrivalDay = new Uint32Array(count);
    this.origin = new Uint32Array(count);
    this.leader = new Uint32Array(count);
    this.smuggler = new Uint8Array(count);
    this.budgetUsd = new Float32Array(count);
    this.riskAversion = new Float32Array(count);
    this.valueOfTimeUsdPerDay = new Float32Array(count);
    this.documentDraw = new Float32Array(count);
  }
}
