import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Compiles one of corredor's JSON Schemas (scenario, network, calibration) into a validator
 * that reports every error, not only the first.
 *
 * Every CLI process compiles a schema once, to validate a few small files, so compile time is
 * what counts, not the validator's speed. Ajv's code optimisation pass and its check of the
 * schema against the JSON Schema meta-schema took about 100 of 230 ms for the scenario and network schemas.
 * Both are off here. The meta-schema check runs in tests/core/compileValidator.test.ts instead,
 * where a broken schema edit still fails.
 */
export function compileValidator(schema: object, formats: Record<string, (s: string) => boolean> = {}): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { optimize: false } });
  for (const [name, check] of Object.entries(formats)) ajv.addFormat(name, check);
  return ajv.compile(schema);
}
