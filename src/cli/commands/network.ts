import { CliError } from '../../core/errors.js';
import { buildGraph } from '../../network/buildGraph.js';
import { loadNetwork } from '../../network/loadNetwork.js';
import { MODES, PLACE_KINDS } from '../../network/modes.js';
import { summarizeNetwork, type NetworkSummary } from '../../network/summarizeNetwork.js';
import type { Command } from '../command.js';

export const networkCommand: Command = {
  name: 'network',
  summary: 'validate a network file and summarise it',
  help: `Usage: corredor network FILE [--json]

Validates a network GeoJSON file (format: docs/network-format.md) and prints a summary:
places by kind, links and km by mode, the share of km on remote links, links without a
source, and origins that reach no destination. Every problem in the file is listed at once.

Options:
  --json   print exactly one JSON object on stdout (keys: places, links, placesByKind,
           linksByMode, kmByMode, remoteKmShare, linksWithoutSource, origins,
           destinations, unreachableOrigins, ...)

Exit status: 0 when the network is valid and every origin reaches a destination, 1 otherwise.
`,
  options: { json: { type: 'boolean' } },
  positionals: [1, 1],
  run(args, effects) {
    const file = args.positionals[0];
    const network = loadNetwork(file, { readText: effects.readText, requireReachable: false });
    const summary = summarizeNetwork(network, buildGraph(network));
    effects.stdout(args.values.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(summary));
    if (summary.unreachableOrigins > 0) {
      throw new CliError(`${file}: ${summary.unreachableOrigins} origin(s) reach no destination: ${summary.unreachableOriginIds.join(', ')}`);
    }
    return 0;
  },
};

function formatSummary(s: NetworkSummary): string {
  const lines = [
    `${s.name} (${s.file})`,
    `  ${s.places} places, ${s.links} links, ${s.totalKm} km; ${(s.remoteKmShare * 100).toFixed(1)}% of km on remote links`,
    `  places by kind:  ${PLACE_KINDS.map((k) => `${k} ${s.placesByKind[k]}`).join(', ')}`,
    `  links by mode:   ${MODES.map((m) => `${m} ${s.linksByMode[m]} (${s.kmByMode[m]} km)`).join(', ')}`,
    `  speeds (km/day): ${MODES.map((m) => `${m} ${s.speedsKmPerDay[m]}`).join(', ')}`,
    `  sources:         ${s.linksWithoutSource} links without a source, ${s.linksOnAssumption} links resting on an assumption, ${s.placesWithoutSource} places without a source`,
    `  origins:         ${s.origins.join(', ')}`,
    `  destinations:    ${s.destinations.join(', ')}`,
    `  unreachable:     ${s.unreachableOrigins === 0 ? 'none; every origin reaches a destination' : s.unreachableOriginIds.join(', ')}`,
  ];
  return lines.join('\n') + '\n';
}
