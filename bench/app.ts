/**
 * The real app at scale, driven the way a person uses it (`npm run bench -- --app 1000000`): cold
 * start, a CSV dropped on Indlæs to the classified overview, the longest main-thread task meanwhile,
 * each main screen's first open, and the interactions of the performance issue, each from the action
 * (its first input event in the page) to the screen settled (nothing in <main> aria-busy for two animation frames).
 */
import type { Page } from 'playwright-core';
import { launchChromium, PREVIEW_ORIGIN } from '../test/support/browser.js';

export interface AppFigures {
  /** To the import screen's file input usable. */
  coldStartMs: number;
  warmStartMs: number;
  /** To the database ready (loading a chosen file waits for it). */
  coldEngineMs: number;
  warmEngineMs: number;
  dropToOverviewMs: number;
  importLongestTaskMs: number;
  importLongTasks: number;
  screenOpenMs: Record<string, number>;
  interactions: Record<string, { samples: number[]; p50: number; p95: number }>;
  interactionsP95Ms: number;
  /**
   * The same interactions timed from Playwright's call, as up to 2026-12-07: its checks before the input event
   * (element visible and stable for two animation frames, scrolled into view) add 0.02–0.1 s.
   */
  interactionsFromDriver: Record<string, { samples: number[]; p50: number; p95: number }>;
  interactionsFromDriverP95Ms: number;
  /**
   * A date typed in steps: three from-dates 150 ms apart, timed from the last to settled. Not one of the
   * issue's interactions (not in the p95); it shows whether superseded queries are cancelled.
   */
  periodSeriesMs: number[];
  /** After the interactions: until the autosave in IndexedDB holds every loaded line (it steps aside while screens query). */
  autosaveAfterMs: number | null;
  autosavedLines: number | null;
  rendererPeakMB?: number;
}

/** Lines in the autosave's last complete generation (IndexedDB `overblik`, head `current`). */
const AUTOSAVED_LINES = `new Promise((resolve) => {
  const open = indexedDB.open('overblik');
  open.onerror = () => resolve(null);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('head')) { db.close(); resolve(null); return; }
    const get = db.transaction('head').objectStore('head').get('current');
    get.onsuccess = () => { db.close(); resolve(get.result ? get.result.manifest.totals.lines : null); };
    get.onerror = () => { db.close(); resolve(null); };
  };
})`;

type Probe = { __longtasks: { start: number; duration: number }[] };

/** Records long tasks from the first script on (PerformanceObserver 'longtask', Chromium). */
const LONGTASK_INIT = `window.__longtasks = [];
  // The person's action: the first input event after the bench arms it (window.__actionAt = null). Playwright's
  // own checks before it (visible, stable for two frames, scrolled into view) are no part of the app's latency.
  window.__actionAt = undefined;
  for (const type of ['pointerdown', 'mousedown', 'keydown', 'input', 'change', 'click']) {
    window.addEventListener(type, (e) => { if (window.__actionAt === null) window.__actionAt = e.timeStamp; }, { capture: true });
  }
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); })
          .observe({ type: 'longtask', buffered: true }); } catch {}`;

/**
 * Resolves when <main> shows the screen `testId` and nothing in it is busy for two frames; returns ms
 * since `t0` (performance.now()). A string, not a function: tsx's name helpers do not exist in the page.
 */
function settledSince(page: Page, t0: number, testId?: string, timeout = 300_000): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const since = ${t0}, id = ${JSON.stringify(testId ?? null)}, end = performance.now() + ${timeout};
    let calm = 0, first = 0;
    function tick() {
      const ready = (!id || document.querySelector('[data-testid="' + id + '"]')) && !document.querySelector('main [aria-busy="true"]')
        && !document.querySelector('[data-testid="workspace-building"]') && !document.querySelector('[data-testid="cls-busy"]');
      if (ready && calm === 0) first = performance.now();
      calm = ready ? calm + 1 : 0;
      // Settled at the first of two calm frames (a query that starts one frame late breaks the streak).
      if (calm >= 2) resolve(first - since);
      else if (performance.now() > end) reject(new Error('not settled: ' + (id || 'main')));
      else requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })`);
}

const now = (page: Page): Promise<number> => page.evaluate('performance.now()');

/** Per interaction, from the driver's call (Playwright's checks included), for comparison with earlier runs. */
const driverSamples: Record<string, number[]> = {};

/**
 * One interaction: `act` in the page, then the time from the person's action (its first input event in the
 * page) until the screen settled. Without an input event (a hash change), from the driver's call.
 */
async function timed(page: Page, act: () => Promise<void>, testId?: string, name?: string): Promise<number> {
  const t0 = await page.evaluate<number>('(window.__actionAt = null, performance.now())');
  await act();
  const settled = await settledSince(page, t0, testId);
  const actionAt = await page.evaluate<number | null>('window.__actionAt');
  if (name) (driverSamples[name] ??= []).push(Math.round(settled));
  return Math.round(actionAt === null ? settled : settled - (actionAt - t0));
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
};

async function go(page: Page, hash: string, testId: string): Promise<number> {
  return timed(page, () => page.evaluate(`void (window.location.hash = ${JSON.stringify(hash)})`), testId);
}

export async function measureApp(file: string, peakMB: () => number): Promise<AppFigures> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(LONGTASK_INIT);
    const page = await context.newPage();
    // Interactive: the file input can be used (a chosen file is planned while the database starts; loading waits for it).
    const readyImport = () => page.waitForSelector('[data-testid="file-input"]:not([disabled])', { state: 'attached', timeout: 60_000 });
    const readyDb = () => page.waitForSelector('[data-testid="db-status"][data-phase="ready"]', { timeout: 60_000 });
    let t = Date.now();
    await page.goto(`${PREVIEW_ORIGIN}/#/import`);
    await readyImport();
    const coldStartMs = Date.now() - t;
    await readyDb();
    const coldEngineMs = Date.now() - t;
    // Warm cache: the same tab loads the app again (HTTP cache and service worker filled).
    t = Date.now();
    await page.reload();
    await readyImport();
    const warmStartMs = Date.now() - t;
    await readyDb();
    const warmEngineMs = Date.now() - t;

    const tasksBefore = await page.evaluate<number>('window.__longtasks.length');
    const t0 = await now(page);
    await page.setInputFiles('[data-testid="file-input"]', file);
    const confirm = await page.waitForSelector('[data-testid="mapping-confirm"], [data-testid="rows-loaded"][data-value]', { timeout: 300_000 });
    if ((await confirm.getAttribute('data-testid')) === 'mapping-confirm') await confirm.click();
    await page.waitForSelector('[data-testid="rows-loaded"][data-value]', { timeout: 600_000 });
    await page.evaluate(`void (window.location.hash = '#/overview')`);
    await page.waitForSelector('[data-testid="kpi-classified-share"][data-value]', { timeout: 600_000 });
    const dropToOverviewMs = Math.round(await settledSince(page, t0, 'screen-overview', 600_000));
    const tasks = (await page.evaluate<Probe['__longtasks']>('window.__longtasks')).slice(tasksBefore);
    const importLongestTaskMs = Math.round(Math.max(0, ...tasks.map((x) => x.duration)));

    const screenOpenMs: Record<string, number> = {};
    for (const [name, testId] of [['categories', 'screen-categories'], ['suppliers', 'screen-suppliers'], ['opportunities', 'screen-opportunities'], ['overview', 'screen-overview']] as const) {
      await go(page, '#/import', 'screen-import');
      screenOpenMs[name] = await go(page, `#/${name}`, testId);
    }

    const interactions: AppFigures['interactions'] = {};
    const interaction = async (name: string, act: () => Promise<void>, testId?: string) =>
      (interactions[name] ??= { samples: [], p50: 0, p95: 0 }).samples.push(await timed(page, act, testId, name));
    // Period: from-dates across the year and back to none.
    for (const from of ['2024-02-01', '2024-04-01', '2024-07-01', '2024-10-01', '']) {
      await interaction('period', () => page.fill('[data-testid="filter-from"]', from));
    }
    // A series: each change supersedes the one before while its queries still run.
    const periodSeriesMs: number[] = [];
    for (const series of [['2024-02-01', '2024-03-01', '2024-05-01'], ['2024-06-01', '2024-08-01', '']]) {
      for (const from of series.slice(0, -1)) {
        await page.fill('[data-testid="filter-from"]', from);
        await page.waitForTimeout(150);
      }
      periodSeriesMs.push(await timed(page, () => page.fill('[data-testid="filter-from"]', series.at(-1)!)));
    }
    const units = await page.$$eval('[data-testid="filter-unit"] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    for (const unit of [...units.slice(0, 4), '']) {
      await interaction('unit', async () => void (await page.selectOption('[data-testid="filter-unit"]', unit)));
    }
    // A category picked in the treemap (its largest rectangle, top left) and in the table.
    await go(page, '#/categories', 'screen-categories');
    const box = await page.locator('[data-testid="category-treemap"]').boundingBox();
    for (let i = 0; i < 3 && box; i++) {
      await interaction('treemap', () => page.mouse.click(box.x + box.width * 0.15, box.y + box.height * 0.25));
    }
    const cats = page.locator('[data-testid="cat-select"]');
    for (let i = 0; i < Math.min(4, await cats.count()); i++) await interaction('category', () => cats.nth(i).click(), 'category-drill');
    // A supplier's lines, then paging them.
    await go(page, '#/suppliers', 'screen-suppliers');
    const suppliers = page.locator('[data-testid="supplier-open"]');
    for (let i = 0; i < Math.min(4, await suppliers.count()); i++) await interaction('supplierLines', () => suppliers.nth(i).click(), 'supplier-detail');
    for (let i = 0; i < 4; i++) {
      const next = page.locator('[data-testid="lines-next"]').first();
      if (!(await next.isEnabled())) break;
      await interaction('pageLines', () => next.click());
    }
    // The autosave of the 1M lines must still reach the store once the person stops clicking (its
    // first generation is the whole import: nothing was saved before it in this fresh profile).
    const tSave = Date.now();
    let autosavedLines: number | null = null;
    while (Date.now() - tSave < 300_000) {
      autosavedLines = await page.evaluate<number | null>(AUTOSAVED_LINES);
      if (autosavedLines !== null) break;
      await page.waitForTimeout(250);
    }
    const autosaveAfterMs = autosavedLines !== null ? Date.now() - tSave : null;
    let all: number[] = [];
    for (const v of Object.values(interactions)) {
      v.p50 = quantile(v.samples, 0.5);
      v.p95 = quantile(v.samples, 0.95);
      all = all.concat(v.samples);
    }
    const driverAll = Object.values(driverSamples).flat();
    return {
      interactionsFromDriver: Object.fromEntries(Object.entries(driverSamples).map(([k, xs]) => [k, { samples: xs, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) }])),
      interactionsFromDriverP95Ms: quantile(driverAll, 0.95),
      coldStartMs, warmStartMs, coldEngineMs, warmEngineMs, dropToOverviewMs, importLongestTaskMs, importLongTasks: tasks.length, screenOpenMs, interactions,
      interactionsP95Ms: quantile(all, 0.95), periodSeriesMs, autosaveAfterMs, autosavedLines, rendererPeakMB: peakMB(),
    };
  } finally {
    await browser.close();
  }
}
