import { MODES, PLACE_KINDS } from './modes.js';

/**
 * JSON Schema (draft-07) of the corredor network file. It is published as
 * docs/network.schema.json (`npm run schemas` writes it; a test keeps the two equal), so GIS
 * users and editors can check a file without corredor. Rules a schema cannot state (unique ids,
 * links pointing at places, reachability) are checked in parseNetwork.ts.
 */

const probability = {
  type: 'number',
  minimum: 0,
  maximum: 1,
  description: 'Probability per traversal of the link, in [0, 1].',
};

const nonNegative = { type: 'number', minimum: 0 };

const position = {
  type: 'array',
  minItems: 2,
  maxItems: 3,
  items: [
    { type: 'number', minimum: -180, maximum: 180, description: 'longitude, WGS84 degrees' },
    { type: 'number', minimum: -90, maximum: 90, description: 'latitude, WGS84 degrees' },
    { type: 'number', description: 'elevation in metres (ignored)' },
  ],
};

const speeds: Record<string, unknown> = {};
for (const mode of MODES) speeds[mode] = { type: 'number', exclusiveMinimum: 0 };

export const NETWORK_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/corredor/corredor/docs/network.schema.json',
  title: 'corredor network',
  description:
    'A route network as a GeoJSON FeatureCollection (RFC 7946): places are Point features, links are LineString features running from -> to.',
  type: 'object',
  required: ['type', 'properties', 'features'],
  properties: {
    type: { const: 'FeatureCollection' },
    properties: {
      type: 'object',
      description: 'Network-wide settings (a foreign member allowed by RFC 7946 section 6.1).',
      required: ['speeds_km_per_day'],
      properties: {
        name: { type: 'string' },
        description: { type: 'string' },
        speeds_km_per_day: {
          type: 'object',
          description: 'Travel speed per mode in km per day; scenarios may override them.',
          required: [...MODES],
          properties: speeds,
          additionalProperties: false,
        },
      },
    },
    features: { type: 'array', items: { $ref: '#/definitions/feature' } },
  },
  definitions: {
    feature: {
      type: 'object',
      required: ['type', 'geometry', 'properties'],
      properties: {
        type: { const: 'Feature' },
        geometry: {
          type: 'object',
          required: ['type', 'coordinates'],
          properties: { type: { enum: ['Point', 'LineString'] } },
        },
        properties: { type: 'object' },
      },
      allOf: [
        {
          if: { properties: { geometry: { properties: { type: { const: 'Point' } } } } },
          then: {
            properties: {
              geometry: { properties: { coordinates: position } },
              properties: { $ref: '#/definitions/place' },
            },
          },
        },
        {
          if: { properties: { geometry: { properties: { type: { const: 'LineString' } } } } },
          then: {
            properties: {
              geometry: { properties: { coordinates: { type: 'array', minItems: 2, items: position } } },
              properties: { $ref: '#/definitions/link' },
            },
          },
        },
      ],
    },
    place: {
      type: 'object',
      required: ['id', 'name', 'kind', 'country'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 200 },
        name: { type: 'string', minLength: 1 },
        kind: { enum: [...PLACE_KINDS] },
        country: {
          type: 'string',
          minLength: 1,
          description: 'Country; ISO 3166-1 alpha-3 codes (MEX, GTM, HND, SLV, BLZ) are recommended. Closures of a border between two countries match on this value.',
        },
        state: { type: 'string' },
        source: { type: 'string', minLength: 1 },
      },
    },
    link: {
      type: 'object',
      required: ['from', 'to', 'mode', 'cost_usd', 'robbery', 'injury', 'death', 'remote', 'source'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 400 },
        from: { type: 'string', minLength: 1 },
        to: { type: 'string', minLength: 1 },
        mode: { enum: [...MODES] },
        length_km: { ...nonNegative, description: 'Defaults to the geodesic length of the geometry.' },
        cost_usd: nonNegative,
        robbery: probability,
        injury: probability,
        death: probability,
        remote: {
          type: 'boolean',
          description: 'True for legs that avoid main roads, towns and checkpoints.',
        },
        oneway: { type: 'boolean', description: 'Default false: the link can be travelled both ways.' },
        source: {
          type: 'string',
          minLength: 1,
          description: 'Where the numbers come from, or "assumption: <why>".',
        },
      },
    },
  },
} as const;
