import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The HTML report in a real headless Chromium (Debian's `chromium`, driven by playwright-core;
 * .ci/run installs it when missing). Without a browser the test is skipped, and says so: it is
 * never passed silently. CHROMIUM may name another binary.
 */
const BIN = 'dist/src/cli/main.js';
const CANDIDATES = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
const executable = CANDIDATES.find((p) => existsSync(p));
if (!executable) console.warn(`SKIPPED the browser test of the HTML report: no Chromium at ${CANDIDATES.join(', ')}. Install Debian's "chromium" (apt-get install chromium) or set CHROMIUM.`);

describe.skipIf(!executable)('the HTML report in Chromium', () => {
  const out = mkdtempSync(join(tmpdir(), 'corredor-browser-'));
  let browser: Browser;

  beforeAll(async () => {
    // The real corridor, the baseline against the Southern Border Program, at a small demand,
    // over the scenarios' period (mid-2014 to mid-2015, so the timeline has two years).
    const r = spawnSync(process.execPath, [BIN, 'compare', 'scenarios/baseline.yaml', 'scenarios/frontera-sur-2014.yaml', '--runs', '3', '--set', 'demand.per_year=20000', '--out', out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const rep = spawnSync(process.execPath, [BIN, 'report', out], { encoding: 'utf8' });
    if (rep.status !== 0) throw new Error(rep.stderr);
    browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox', '--disable-gpu'] });
  }, 180_000);
  afterAll(async () => browser?.close());

  it('should render the map with a path for every link and every chart, with no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });

    const map = JSON.parse(readFileSync(join(out, 'baseline', 'map.geojson'), 'utf8'));
    const links = map.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'link').length;
    expect(links).toBe(165);
    expect(await page.locator('#map svg g.links_marks path').count()).toBe(links);
    // Every link's path has a real shape on screen (not an empty "M0,0").
    const drawn = await page.$$eval('#map svg g.links_marks path', (paths) => paths.filter((p) => (p as unknown as { getTotalLength(): number }).getTotalLength() > 0).length);
    expect(drawn).toBe(links);

    const charts = await page.locator('section.chart').evaluateAll((sections) =>
      sections.map((s) => {
        const svg = s.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return { id: s.id, width: box?.width ?? 0, height: box?.height ?? 0, marks: svg?.querySelectorAll('g.role-mark path, g.role-mark line, g.role-mark rect').length ?? 0 };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(['chart-headline', 'chart-differences', 'chart-modes', 'chart-crossings', 'chart-timeline']);
    for (const c of charts) {
      expect(c.width, c.id).toBeGreaterThan(100);
      expect(c.height, c.id).toBeGreaterThan(50);
      expect(c.marks, c.id).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);

    const shots = resolve('tests/output');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
    expect(existsSync(join(shots, 'report.png'))).toBe(true);
    await page.close();
  }, 60_000);
});
