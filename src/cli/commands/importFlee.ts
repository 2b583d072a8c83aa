import { join } from 'node:path';
import { stringify } from 'yaml';
import { fleeToCorredor } from '../../importers/flee/fleeToCorredor.js';
import { readFleeFolder } from '../../importers/flee/readFleeFolder.js';
import { parseNetwork } from '../../network/parseNetwork.js';
import type { Command } from '../command.js';
import { CliError, EXIT_USAGE } from '../../core/errors.js';

export const importFleeCommand: Command = {
  name: 'import-flee',
  summary: 'convert a Flee input folder into a corredor network and scenario',
  help: `Usage: corredor import-flee DIR --out OUT

Reads a Flee input folder (locations.csv, routes.csv, and closures.csv and sim_period.csv when
present) and writes OUT/network.geojson and OUT/scenario.yaml.

  conflict_zone locations become origins, camps destinations, everything else towns.
  Closures become closure policies: link closures close one direction (moves), location
  closures close places, country closures close the border between two countries.
  Columns corredor has no use for are kept as flee_<column> properties.

Options:
  --out OUT   folder to write into (created if needed; existing files are replaced whole)
`,
  options: { out: { type: 'string' } },
  positionals: [1, 1],
  run(args, effects) {
    const out = args.values.out;
    if (typeof out !== 'string' || out === '') {
      throw new CliError('corredor import-flee: missing --out OUT, the folder to write network.geojson and scenario.yaml into', EXIT_USAGE);
    }
    const flee = readFleeFolder(args.positionals[0], effects.readText);
    const { network, scenario } = fleeToCorredor(flee);
    const networkText = JSON.stringify(network, null, 1) + '\n';
    // Check the result with the same validator every network passes, before writing anything.
    const networkFile = join(out, 'network.geojson');
    parseNetwork(networkText, networkFile);
    const scenarioText = `# Scenario written by corredor import-flee from ${args.positionals[0]}\n` + stringify(scenario, { lineWidth: 0 });
    effects.writeFileAtomic(networkFile, networkText);
    effects.writeFileAtomic(join(out, 'scenario.yaml'), scenarioText);
    effects.stderr(
      `wrote ${networkFile} (${flee.locations.length} places, ${flee.routes.length} links) and ${join(out, 'scenario.yaml')} (${flee.closures.length} closure policies)\n`,
    );
    return 0;
  },
};
