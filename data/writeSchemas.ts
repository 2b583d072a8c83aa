/**
 * Writes the published JSON Schemas in docs/ from their TypeScript sources, so editors and GIS
 * users can validate files without corredor. `npm run build:schemas`; a test keeps them equal.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NETWORK_SCHEMA } from '../src/network/networkSchema.js';
import { SCENARIO_SCHEMA } from '../src/scenario/scenarioSchema.js';

export const PUBLISHED_SCHEMAS: Record<string, unknown> = {
  'docs/network.schema.json': NETWORK_SCHEMA,
  'docs/scenario.schema.json': SCENARIO_SCHEMA,
};

export function schemaText(schema: unknown): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  for (const [file, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
    writeFileSync(join(root, file), schemaText(schema));
    console.error(`wrote ${file}`);
  }
}
