import type { Behaviour, PopulationSpec } from './scenario.js';

/**
 * Default behaviour and population parameters. Every value is an assumption (a calibration
 * parameter) unless its comment names a source; docs/ODD.md lists them all.
 */
export const DEFAULT_BEHAVIOUR: Behaviour = Object.freeze({
  candidateRoutes: 10,
  logitScaleUsd: 150,
  referenceBudgetUsd: 1000,
  robberyLossShare: 0.6,
  injuryHarmUsd: 2000,
  deathHarmUsd: 200_000,
  // INM holds migrants for days to weeks before removal; assumption 10.
  detentionDays: 10,
  restartDays: 10,
  // Bribes of US$230-540 to pass police and INM (AP 2014, observed.md section 7): a midpoint
  // stands for the money at stake when caught.
  interceptionLossUsd: 300,
  retryProbability: 0.8,
  maxAttempts: 4,
  deportation: Object.freeze({ default: 'origin' }),
  personalCatchBelief: 0.5,
  learning: true,
  beliefHalfLifeDays: 30,
  beliefPriorTraversals: 200,
  observationWeight: 1,
  wordOfMouthDelayDays: 14,
  replanThreshold: 0.02,
  injurySpeedFactor: 0.5,
  injuryDays: 14,
  injuryStopProbability: 0.2,
  maxWaitDays: 30,
});

export const DEFAULT_POPULATION: PopulationSpec = Object.freeze({
  // Between EMIF Sur's 2-18% of Guatemalans using a guide to cross Mexico (2019-2022) and
  // RAND's two thirds of Northern Triangle migrants using a smuggler to the US (2017).
  smugglerAccess: 0.3,
  budgetUsd: Object.freeze({
    // The Mexico leg with a smuggler costs US$3,000-4,000 (EMIF Sur, observed.md section 7).
    withSmuggler: Object.freeze({ dist: 'lognormal', median: 4000, sigma: 0.35 } as const),
    // Assumption: a few hundred dollars for fares, food and fees.
    withoutSmuggler: Object.freeze({ dist: 'lognormal', median: 500, sigma: 0.7 } as const),
  }),
  riskAversion: Object.freeze({ dist: 'lognormal', median: 1, sigma: 0.5 } as const),
  // Assumption: about a day's wage in the Northern Triangle.
  valueOfTimeUsdPerDay: Object.freeze({ dist: 'lognormal', median: 15, sigma: 0.5 } as const),
});

/** Flat seasonality: twelve equal monthly weights. */
export const FLAT_SEASONALITY: readonly number[] = Object.freeze(Array(12).fill(1));
