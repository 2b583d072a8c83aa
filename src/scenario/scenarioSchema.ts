import { MODES } from '../network/modes.js';
import { POLICY_TYPES } from './policies/policyTypes.js';

/**
 * JSON Schema (draft-07) of scenario files, published as docs/scenario.schema.json so editors
 * complete and check scenarios (`# yaml-language-server: $schema=...`). Rules that need the
 * network (ids, countries, states) are checked in loadScenario.ts.
 */

const probability = { type: 'number', minimum: 0, maximum: 1 };
const positive = { type: 'number', exclusiveMinimum: 0 };
const nonNegative = { type: 'number', minimum: 0 };
const date = { type: 'string', format: 'date', description: 'an ISO date, YYYY-MM-DD' };

const distribution = {
  type: 'object',
  required: ['dist'],
  properties: { dist: { enum: ['constant', 'uniform', 'lognormal'] } },
  allOf: [
    { if: { properties: { dist: { const: 'constant' } } }, then: { required: ['value'], additionalProperties: false, properties: { dist: {}, value: { type: 'number' } } } },
    { if: { properties: { dist: { const: 'uniform' } } }, then: { required: ['min', 'max'], additionalProperties: false, properties: { dist: {}, min: { type: 'number' }, max: { type: 'number' } } } },
    { if: { properties: { dist: { const: 'lognormal' } } }, then: { required: ['median', 'sigma'], additionalProperties: false, properties: { dist: {}, median: positive, sigma: nonNegative } } },
  ],
};

/** Behaviour parameters in file spelling (snake_case) with their ranges; see defaults.ts. */
export const BEHAVIOUR_PROPERTIES: Record<string, unknown> = {
  candidate_routes: { type: 'integer', minimum: 1, maximum: 50 },
  logit_scale_usd: positive,
  reference_budget_usd: positive,
  robbery_loss_share: probability,
  injury_harm_usd: nonNegative,
  death_harm_usd: nonNegative,
  detention_days: nonNegative,
  restart_days: nonNegative,
  interception_loss_usd: nonNegative,
  retry_probability: probability,
  max_attempts: { type: 'integer', minimum: 1, maximum: 255 },
  deportation: {
    type: 'object',
    required: ['default'],
    additionalProperties: false,
    properties: {
      default: { type: 'string', description: '"origin" or a place id' },
      by_country: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  personal_catch_belief: probability,
  learning: { type: 'boolean' },
  belief_half_life_days: positive,
  belief_prior_traversals: positive,
  observation_weight: positive,
  word_of_mouth_delay_days: { type: 'integer', minimum: 0, maximum: 365 },
  replan_threshold: probability,
  injury_speed_factor: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
  injury_days: { type: 'integer', minimum: 0 },
  injury_stop_probability: probability,
  max_wait_days: { type: 'integer', minimum: 0, maximum: 65535 },
};

const COMMON_POLICY_PROPERTIES = {
  id: { type: 'string', minLength: 1 },
  type: { enum: Object.keys(POLICY_TYPES) },
  enabled: { type: 'boolean', description: 'default true' },
  from: { ...date, description: 'first day in force; default the period start' },
  to: { ...date, description: 'last day in force, inclusive; default the period end' },
  source: { type: 'string', minLength: 1, description: 'where its numbers come from, or "assumption: <why>"' },
  description: { type: 'string' },
};

const policy = {
  type: 'object',
  required: ['id', 'type', 'source'],
  properties: COMMON_POLICY_PROPERTIES,
  allOf: Object.values(POLICY_TYPES).map((t) => ({
    if: { properties: { type: { const: t.type } }, required: ['type'] },
    then: { required: [...t.required], additionalProperties: false, properties: { ...COMMON_POLICY_PROPERTIES, ...t.properties } },
  })),
};

const speeds: Record<string, unknown> = {};
for (const m of MODES) speeds[m] = positive;

export const SCENARIO_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/corredor/corredor/docs/scenario.schema.json',
  title: 'corredor scenario',
  type: 'object',
  required: ['name', 'network', 'period', 'seed', 'demand'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    extends: { type: 'string', description: 'a scenario file to start from, relative to this one' },
    network: { type: 'string', minLength: 1, description: 'network GeoJSON, relative to the file that names it' },
    period: { type: 'object', required: ['start', 'end'], additionalProperties: false, properties: { start: date, end: date } },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
    demand: {
      type: 'object',
      required: ['per_year', 'origins'],
      additionalProperties: false,
      properties: {
        per_year: nonNegative,
        by_year: { type: 'object', propertyNames: { pattern: '^[0-9]{4}$' }, additionalProperties: nonNegative },
        origins: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['place', 'share'], additionalProperties: false, properties: { place: { type: 'string' }, share: nonNegative } },
        },
        seasonality: { type: 'array', minItems: 12, maxItems: 12, items: nonNegative },
        caravans: {
          type: 'array',
          items: {
            type: 'object',
            required: ['date', 'origin', 'size'],
            additionalProperties: false,
            properties: { date, origin: { type: 'string' }, size: { type: 'integer', minimum: 1, maximum: 100000 } },
          },
        },
      },
    },
    population: {
      type: 'object',
      additionalProperties: false,
      properties: {
        smuggler_access: probability,
        budget_usd: { type: 'object', additionalProperties: false, properties: { with_smuggler: distribution, without_smuggler: distribution } },
        risk_aversion: distribution,
        value_of_time_usd_per_day: distribution,
      },
    },
    behaviour: { type: 'object', additionalProperties: false, properties: BEHAVIOUR_PROPERTIES },
    speeds_km_per_day: { type: 'object', additionalProperties: false, properties: speeds },
    policies: { type: 'array', items: policy },
    metrics: {
      type: 'object',
      additionalProperties: false,
      properties: { headline: { type: 'array', items: { type: 'string' }, description: 'metrics shown first in tables' } },
    },
  },
} as const;
