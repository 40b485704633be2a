// The offline HTML report, built from simulated data through the real analytics, opened in headless
// Chromium: it renders, every chart has data, and the console stays clean.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { buildReport, DASHBOARDS, renderReportHtml } from '@qunpulse/dashboards';
import { Alerter } from '@qunpulse/alerter';
import { silentLogger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import { launchChromium } from './support/chromium.js';
import { SIMULATED_SETUP_MS, simulatedWarehouse } from './support/simulated.js';
import { ownersAsStaff } from './support/owners-as-staff.js';

interface ChartState { id: string; panel: string; series: number; points: number }

describe('offline HTML report in Chromium', () => {
  let wh: Warehouse;
  let browser: BrowserContext;
  let page: Page;
  let file: string;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    // The alerter runs after every recompute as in `qunpulse run` (no chat apps configured), so the
    // alerts panel has rows too.
    let alerter: Alerter | undefined;
    ({ wh } = await simulatedWarehouse({
      groups: 20, days: 84, seed: 11,
      // Owners answer as staff, so the response-time panels have rows.
      beforeRecompute: ownersAsStaff,
      afterRecompute: async (ctx) => { await (alerter ??= new Alerter({ warehouse: ctx.warehouse, topic: '', log: silentLogger() })).listener(ctx); },
    }));
    const report = await buildReport(wh);
    const dir = mkdtempSync(path.join(tmpdir(), 'qunpulse-report-'));
    file = path.join(dir, 'report.html');
    writeFileSync(file, renderReportHtml(report, new Date(Date.UTC(2026, 7, 24))));
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }, SIMULATED_SETUP_MS);

  afterAll(async () => {
    await browser?.close();
    await wh?.close();
  });

  it('renders a chart for every non-table panel, each with data', async () => {
    const charts = await page.$$eval('.chart', (els) => els.map((el) => {
      const ec = (window as unknown as { echarts: { getInstanceByDom(e: Element): { getOption(): { series: { data: unknown[] }[] } } | undefined } }).echarts;
      const inst = ec.getInstanceByDom(el);
      const series = inst ? inst.getOption().series : [];
      const points = series.reduce((n, s) => n + s.data.filter((d) => {
        const v = Array.isArray(d) ? d[d.length - 1] : d;
        return v !== null && v !== undefined && !Number.isNaN(Number(v));
      }).length, 0);
      return { id: el.id, panel: (el as HTMLElement).dataset.panel ?? '', series: series.length, points, canvas: el.querySelector('canvas') !== null };
    })) as (ChartState & { canvas: boolean })[];
    const expected = DASHBOARDS.flatMap((d) => d.panels.filter((p) => p.viz.kind !== 'table').map((p) => `${d.uid}--${p.id}`));
    expect(charts.map((c) => c.id)).toEqual(expected);
    for (const c of charts) {
      expect(c.canvas, `${c.id} drew a canvas`).toBe(true);
      expect(c.series, `${c.id} has series`).toBeGreaterThan(0);
      expect(c.points, `${c.id} has data points`).toBeGreaterThan(0);
    }
  });

  it('shows the tables with rows and the spotlight group', async () => {
    const tables = await page.$$eval('table tbody', (els) => els.map((e) => e.querySelectorAll('tr').length));
    expect(tables.length).toBeGreaterThanOrEqual(5);
    expect(tables.filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
    expect(await page.textContent('h1')).toContain('tenant demo');
    expect(await page.textContent('main')).toContain('Spotlight:');
  });

  it('logs no console errors or warnings and loads nothing from the network', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('writes a one-line reading under every chart with data, and tables under worded headings', async () => {
    const withData = await page.$$eval('.chart', (els) => els.filter((e) => Number((e as HTMLElement).dataset.rows) > 0).map((e) => (e as HTMLElement).dataset.panel));
    const readings = await page.$$eval('p.reading', (els) => els.map((e) => ({ panel: (e as HTMLElement).dataset.panel, text: e.textContent ?? '' })));
    expect(readings.map((r) => r.panel)).toEqual(withData);
    for (const r of readings) expect(r.text, r.panel).toMatch(/^\S.{10,}\.$/);
    const headings = await page.$$eval('th', (els) => els.map((e) => e.textContent ?? ''));
    expect(headings.length).toBeGreaterThan(20);
    expect(headings.filter((h) => /^[a-z0-9]+(_[a-z0-9]+)+$/.test(h))).toEqual([]);
  });

  it('draws Chinese group names with a CJK font, not boxes', async () => {
    const cdp = await browser.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const cells = await page.$$eval('td', (els) => els.map((e, i) => ({ i, text: e.textContent ?? '' })).filter((c) => /[\u4e00-\u9fff]/.test(c.text)));
    expect(cells.length, 'the simulated WeCom and QQ groups have Chinese names').toBeGreaterThan(0);
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'td' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: nodeIds[cells[0]!.i]! });
    const cjk = fonts.filter((f) => /CJK|Han|Hei|Hiragino|PingFang/i.test(f.familyName));
    expect(cjk.map((f) => f.familyName), JSON.stringify(fonts)).not.toEqual([]);
    expect(cjk.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThan(0);
  });

  it('takes a screenshot of the report', async () => {
    const shot = path.join(path.dirname(file), 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    // QUNPULSE_UPDATE_SCREENSHOT=1 refreshes the README's picture from this run.
    if (process.env.QUNPULSE_UPDATE_SCREENSHOT === '1') {
      const target = path.resolve(new URL('..', import.meta.url).pathname, 'dashboards/screenshots/report.png');
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(shot, target);
    }
  });
});
