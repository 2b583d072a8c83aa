import { join } from 'node:path';
import type { Manifest } from '../batch/manifest.js';
import { checkpointLine } from '../batch/runBatch.js';
import { LINK_SERIES, type ReplicateResult } from '../metrics/replicateResult.js';
import { metricNames, summarizeReplicates, type BatchSummary } from '../metrics/summarizeReplicates.js';
import { MODES } from '../network/modes.js';
import type { LoadedScenario } from '../scenario/loadScenario.js';
import { policyFootprints } from '../scenario/policyFootprint.js';
import { mapGeoJson } from './mapGeoJson.js';

/** How a command writes files: whole or not at all (see cli/effects.ts). */
export type WriteFile = (file: string, data: string) => void;

/**
 * The results of one scenario's batch, in DIR:
 *   summary.json     manifest, and every metric as { mean, sd, ci95: [lo, hi], n }
 *   replicates.csv   one row per replicate with every metric (tidy, for R and pandas)
 *   links.csv        per link: flow, agent-km, agent-days and events, with 95% CIs
 *   replicates.jsonl every replicate in full precision, what `merge` combines
 *   map.geojson      the network as run, each place and link naming the policies acting on it
 * Numbers are written in JavaScript's shortest round-trip form, so merged shards reproduce the
 * same bytes as one machine.
 */
export function writeRunOutputs(
  dir: string,
  manifest: Manifest,
  label: string,
  results: readonly ReplicateResult[],
  loaded: Pick<LoadedScenario, 'compiled' | 'network' | 'scenario'>,
  write: WriteFile,
): BatchSummary {
  const net = loaded.compiled;
  const sorted = [...results].sort((a, b) => a.replicate - b.replicate);
  const summary = summarizeReplicates(sorted);
  write(join(dir, 'summary.json'), JSON.stringify({ manifest, metrics: summary.metrics }, null, 2) + '\n');

  const names = metricNames(sorted);
  const rows = [['replicate', ...names.map(csvCell)].join(','), ...sorted.map((r) => [r.replicate, ...names.map((n) => r.metrics[n] ?? 0)].join(','))];
  write(join(dir, 'replicates.csv'), rows.join('\n') + '\n');

  const links = [['link', 'from', 'to', 'mode', 'remote', 'km', ...LINK_SERIES.flatMap((s) => [`${s}_mean`, `${s}_ci_lo`, `${s}_ci_hi`])].join(',')];
  for (let l = 0; l < net.linkCount; l++) {
    const values = LINK_SERIES.flatMap((s) => {
      const x = summary.links[s][l];
      return [x?.mean ?? 0, x?.ci95[0] ?? 0, x?.ci95[1] ?? 0];
    });
    links.push(
      [
        csvCell(net.meta.linkIds[l]),
        csvCell(net.meta.placeIds[net.linkFrom[l]]),
        csvCell(net.meta.placeIds[net.linkTo[l]]),
        MODES[net.linkMode[l]],
        net.linkRemote[l] ? 'true' : 'false',
        net.linkKm[l],
        ...values,
      ].join(','),
    );
  }
  write(join(dir, 'links.csv'), links.join('\n') + '\n');
  write(join(dir, 'replicates.jsonl'), sorted.map((r) => checkpointLine(label, r)).join(''));
  write(join(dir, 'map.geojson'), JSON.stringify(mapGeoJson(loaded.network, policyFootprints(loaded.scenario.policies, net))) + '\n');
  return summary;
}

/** Quotes a CSV cell when it holds a comma, a quote or a line break (RFC 4180). */
export function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
