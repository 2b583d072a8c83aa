import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_SCHEMA } from '../../src/calibration/calibrationSpec.js';
import { compileValidator } from '../../src/core/compileValidator.js';
import { NETWORK_SCHEMA } from '../../src/network/networkSchema.js';
import { SCENARIO_SCHEMA } from '../../src/scenario/scenarioSchema.js';

/**
 * compileValidator skips Ajv's meta-schema check to start the CLI faster; this is where that
 * check runs, so that a broken edit of a schema still fails.
 */
describe('compileValidator', () => {
  for (const [name, schema] of Object.entries({ SCENARIO_SCHEMA, NETWORK_SCHEMA, CALIBRATION_SCHEMA })) {
    it(`should be given a valid JSON Schema: ${name}`, () => {
      const ajv = new Ajv({ strict: false });
      const ok = ajv.validateSchema(schema);
      expect(ok, JSON.stringify(ajv.errors)).toBe(true);
    });
  }

  it('should have a meta-schema check that rejects a broken schema (the check the tests above rely on)', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema({ type: 'object', properties: { a: { type: 'nummber' } } })).toBe(false);
  });

  it('should report every error and apply the given formats', () => {
    const validate = compileValidator(
      { type: 'object', properties: { a: { type: 'number' }, d: { type: 'string', format: 'date' } } },
      { date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) },
    );
    expect(validate({ a: 'x', d: 'not a date' })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(['/a', '/d']);
    expect(validate({ a: 1, d: '2014-07-07' })).toBe(true);
  });
});
