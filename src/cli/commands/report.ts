import { basename, join, resolve } from 'node:path';
import { CliError, EXIT_USAGE } from '../../core/errors.js';
import { flowGeoJson } from '../../report/flowGeoJson.js';
import { readReportInput } from '../../report/readReportInput.js';
import { renderReport } from '../../report/renderReport.js';
import type { Command } from '../command.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'one self-contained HTML report (map and charts) of a run, compare or sweep folder',
  help: `Usage: corredor report DIR [--compare DIR2] [--out report.html] [--geojson FILE]

Writes one HTML file that opens offline (everything inlined, no script): a map of the
corridor with link widths proportional to flow, coloured by mode (or, when comparing, by the
change in flow), places labelled and the policies' sites marked; charts of the headline
outcomes with 95% CIs, mode shares, border crossings, the timeline by year (multi-year
scenarios) and, for a sweep, each outcome against the swept parameter; the headline table
and the run manifest (seed, replicates, scenario hash, version).

DIR is a folder written by "corredor run", "corredor compare" (every scenario, the
differences from the first) or "corredor sweep".

Options:
  --compare DIR2   a second run folder: colour the map by the change in flow, and show the
                   difference of every headline metric (paired replicate by replicate when
                   both runs share seed, replicate count and common streams; Welch otherwise)
  --out FILE       the HTML file (default DIR/report.html)
  --geojson FILE   also write the flow on every link (with --compare, both flows and the
                   change) as GeoJSON, for QGIS and kepler.gl
`,
  options: { compare: { type: 'string' }, out: { type: 'string' }, geojson: { type: 'string' } },
  positionals: [1, 1],
  async run(args, effects) {
    const dir = args.positionals[0];
    const compareDir = args.values.compare as string | undefined;
    const out = (args.values.out as string | undefined) ?? join(dir, 'report.html');
    const geojson = args.values.geojson as string | undefined;
    for (const [flag, file] of [['--out', out], ['--geojson', geojson]] as const) {
      if (file !== undefined && resolve(file) === resolve(dir)) throw new CliError(`corredor report: ${flag} ${file} is the input folder; give a file name`, EXIT_USAGE);
    }
    const input = readReportInput(dir, compareDir);
    if (geojson !== undefined && input.kind !== 'runs') throw new CliError(`corredor report: --geojson needs a run or compare folder; ${dir} holds a sweep, which has no per-link flows`, EXIT_USAGE);
    const title =
      input.kind === 'sweep'
        ? `corredor sweep: ${basename(resolve(dir))}`
        : input.comparisons.length > 0
          ? `corredor: ${input.runs.map((r) => r.label).join(' vs ')}`
          : `corredor: ${input.runs[0].label}`;
    const html = await renderReport(input, title);
    if (geojson !== undefined && input.kind === 'runs') {
      const [run, other] = input.runs;
      effects.writeFileAtomic(geojson, JSON.stringify(flowGeoJson(run, input.comparisons.length > 0 ? other : undefined)) + '\n');
      effects.stderr(`wrote ${geojson}\n`);
    }
    effects.writeFileAtomic(out, html);
    effects.stdout(`${out}\n`);
    return 0;
  },
};
