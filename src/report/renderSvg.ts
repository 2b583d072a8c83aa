import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG string in Node, with no browser and no canvas: Vega's
 * headless View draws its scenegraph with the SVG string renderer. Vega-Lite (with Vega)
 * rather than hand-drawn axes because it gives scales, facets, legends, error bars and map
 * projections from a declarative spec, runs offline in Node, and its SVG needs no script in
 * the page, so the report is one static, self-contained file.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
