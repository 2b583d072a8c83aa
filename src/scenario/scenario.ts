import type { Mode } from '../network/modes.js';
import type { PolicySpec } from './policies/policyType.js';

/**
 * A scenario in memory: everything a replicate needs besides the network and the policy
 * timeline. Numbers are plain data (structured-clone safe), so a scenario can be sent to worker
 * threads as it is. Defaults live in defaults.ts; docs/ODD.md gives each parameter's source.
 */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Inclusive ISO dates (YYYY-MM-DD). */
  readonly period: { readonly start: string; readonly end: string };
  readonly demand: Demand;
  readonly population: PopulationSpec;
  readonly behaviour: Behaviour;
  /** Overrides of the network's km/day per mode. */
  readonly speedsKmPerDay?: Partial<Readonly<Record<Mode, number>>>;
  readonly seed: number;
  /** Validated policies in file order, with `enabled`, `from` and `to` filled in. */
  readonly policies: readonly PolicySpec[];
  /** Metrics tables show first. */
  readonly headline: readonly string[];
}

export interface Demand {
  /** Agents arriving at origins per year. */
  readonly perYear: number;
  /** Per-year volumes that override perYear for the years they name (multi-year scenarios). */
  readonly byYear?: Readonly<Record<string, number>>;
  /** Origin places and their shares of arrivals; shares are normalised. */
  readonly origins: readonly { readonly place: string; readonly share: number }[];
  /** Twelve monthly weights (January first); normalised to a mean of 1. */
  readonly seasonality: readonly number[];
  /** Groups of people who set out together on one date from one origin, travelling as one. */
  readonly caravans: readonly { readonly date: string; readonly origin: string; readonly size: number }[];
}

export type Distribution =
  | { readonly dist: 'constant'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'lognormal'; readonly median: number; readonly sigma: number };

export interface PopulationSpec {
  /** Share of agents who can pay a smuggler (and may use `smuggler` links). */
  readonly smugglerAccess: number;
  /** Money for the trip, for agents with and without access to a smuggler. */
  readonly budgetUsd: { readonly withSmuggler: Distribution; readonly withoutSmuggler: Distribution };
  /** Multiplies the weight an agent gives to injury and death (1 = the reference agent). */
  readonly riskAversion: Distribution;
  /** What a day of travel is worth to the agent, in USD. */
  readonly valueOfTimeUsdPerDay: Distribution;
}

export interface Behaviour {
  /** At most this many candidate routes per place. */
  readonly candidateRoutes: number;
  /** Logit scale in USD of generalised cost: a route dearer by this much has 1/e the odds. */
  readonly logitScaleUsd: number;
  /** Budget at which a dollar weighs one dollar; poorer agents weigh money more (1 / budget). */
  readonly referenceBudgetUsd: number;
  /** Share of its money an agent loses to a robbery. */
  readonly robberyLossShare: number;
  /** USD-equivalent harm of an injury and of death, before risk aversion. */
  readonly injuryHarmUsd: number;
  readonly deathHarmUsd: number;
  /** Consequences of interception that agents weigh when choosing a route. */
  readonly detentionDays: number;
  readonly restartDays: number;
  readonly interceptionLossUsd: number;
  /** After deportation: chance to try again, and the most attempts an agent makes. */
  readonly retryProbability: number;
  readonly maxAttempts: number;
  /** Where deported agents are left: 'origin' or a place id, per origin country or by default. */
  readonly deportation: { readonly default: string; readonly byCountry?: Readonly<Record<string, string>> };
  /** Interception chance an agent believes of a link it was caught on. */
  readonly personalCatchBelief: number;
  /** Beliefs: whether agents learn from others, how fast, and with what delay. */
  readonly learning: boolean;
  readonly beliefHalfLifeDays: number;
  readonly beliefPriorTraversals: number;
  /**
   * How many people one agent's experience stands for in the community's beliefs. 1 when agents
   * are people; 10 when a run simulates a tenth of the demand (as calibration does), so that
   * beliefs move as fast as at full demand and a reduced run stays comparable with a full one.
   */
  readonly observationWeight: number;
  readonly wordOfMouthDelayDays: number;
  /** Change in a believed interception chance that makes agents at places replan. */
  readonly replanThreshold: number;
  /** Injury: speed factor while injured, for how long, and the chance it stops the trip. */
  readonly injurySpeedFactor: number;
  readonly injuryDays: number;
  readonly injuryStopProbability: number;
  /** Days an agent with no open route waits before giving up. */
  readonly maxWaitDays: number;
}
