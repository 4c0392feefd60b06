import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToDirectory } from '../../src/cli/gen.js';
import { openApp, outsideRequests, screenshot } from '../support/app-page.js';
import { launchChromium, PREVIEW_ORIGIN } from '../support/browser.js';
import { go, settled, value } from '../support/workspace-page.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('offline after one visit, and workspaces from the command line', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('with the network off, a reload starts the app, runs the demo to the opportunities and saves a workspace', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    const requests: string[] = [];
    const failed: string[] = [];
    // Context-wide: the page's, its workers' and the service worker's requests.
    context.on('request', (r: Request) => requests.push(r.url()));
    context.on('requestfailed', (r: Request) => failed.push(r.url()));
    const page = await context.newPage();
    await page.goto(`${PREVIEW_ORIGIN}/#/import`);
    await page.waitForSelector('[data-testid="db-status"][data-phase="ready"]', { timeout: 60_000 });
    // The first visit installs the service worker, which precaches the app and the DuckDB bundle.
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated', undefined, { timeout: 120_000, polling: 500 });
    const precached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url)))).flat());
    expect(precached.some((u) => /duckdb-eh.*\.wasm/.test(u))).toBe(true);
    expect(precached.some((u) => /duckdb-mvp/.test(u))).toBe(false);

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-testid="db-status"][data-phase="ready"]', { timeout: 60_000 });
    // The network is really off: a request the service worker has not cached fails. (navigator.onLine
    // is not asked: Chromium 150 reports true after a reload under Playwright's offline emulation,
    // while every request still fails.)
    const probe = `${PREVIEW_ORIGIN}/offline-probe-${Date.now()}`;
    expect(await page.evaluate((url) => fetch(url).then(() => 'reached', () => 'failed'), probe)).toBe('failed');
    await page.click('[data-testid="demo-load"]');
    await page.waitForSelector('[data-testid="screen-overview"]', { timeout: 180_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-total-spend"]')?.getAttribute('data-value')) > 0, undefined, { timeout: 60_000 });
    await go(page, '#/opportunities');
    await page.waitForSelector('[data-testid="opportunity-list"] [data-testid="opportunity"]', { timeout: 180_000 });
    await settled(page);
    await screenshot(page, 'offline-opportunities-da');
    await page.waitForSelector('[data-testid="workspace-save"]:not([disabled])');
    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click('[data-testid="workspace-save"]')]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'overblik-offline-')), download.suggestedFilename());
    await download.saveAs(file);
    await page.waitForSelector('[data-testid="workspace-note"][data-kind="saved"]');
    console.log('workspace save (demo, 50,000 lines, offline)', { bytes: statSync(file).size, ms: Date.now() - started, shownMs: await page.getAttribute('[data-testid="workspace-note"]', 'data-ms') });
    // …and opens it again, still offline.
    await page.setInputFiles('[data-testid="workspace-open"]', file);
    await page.waitForSelector('[data-testid="workspace-note"][data-kind="opened"]', { timeout: 180_000 });
    console.log('workspace open (demo, 50,000 lines, offline)', { ms: await page.getAttribute('[data-testid="workspace-note"]', 'data-ms') });
    await page.waitForSelector('[data-testid="opportunity-list"] [data-testid="opportunity"]', { timeout: 180_000 });
    expect(failed.filter((u) => !u.startsWith('blob:') && u !== probe)).toEqual([]);
    expect(outsideRequests(requests)).toEqual([]);
    await context.close();
  });

  it('a workspace written by the command line opens in the app with the same totals', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overblik-cli-ws-'));
    await generateToDirectory({ lines: 3000, seed: 'cli-ws', out: dir, formats: ['csv'], spend: 1e8, truth: false });
    const json = path.join(dir, 'out.json');
    const workspace = path.join(dir, 'kommune.overblik');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'src/cli/launch.mjs'), 'analyze', path.join(dir, 'fakturalinjer.csv'), '--json', json, '--workspace', workspace], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(json, 'utf8')) as { totals: { spend: number; suppliers: number; lines: number } };
    const { page, requests } = await openApp(browser, '#/overview');
    await page.setInputFiles('[data-testid="workspace-open"]', workspace);
    await page.waitForSelector('[data-testid="workspace-note"][data-kind="opened"]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="kpi-total-spend"][data-value]', { timeout: 60_000 });
    await settled(page);
    expect(await value(page, 'kpi-total-spend')).toBeCloseTo(result.totals.spend, 2);
    expect(await value(page, 'kpi-suppliers')).toBe(result.totals.suppliers);
    await screenshot(page, 'workspace-from-cli-da');
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  });
});
