import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToDirectory } from '../../src/cli/gen.js';
import { openApp, outsideRequests, screenshot } from '../support/app-page.js';
import { launchChromium } from '../support/browser.js';
import { autosaved, go, screenState, settled, storedData, value, waitValue } from '../support/workspace-page.js';

/** Runs a classification-screen action and waits for its outcome; fails with the screen's error. */
async function act(page: Page, selector: string): Promise<void> {
  await page.click(selector);
  await page.waitForSelector('[data-testid="cls-message"], [data-testid="cls-error"]', { timeout: 120_000 });
  expect(await page.locator('[data-testid="cls-error"]').count()).toBe(0);
  await settled(page);
}

/** One change of each kind a person makes, through the screens. */
async function changeEverything(page: Page): Promise<void> {
  // A supplier merge proposal accepted.
  await go(page, '#/suppliers');
  await page.waitForSelector('[data-testid="merge-count"]', { timeout: 120_000 });
  await settled(page);
  const proposals = await value(page, 'merge-count');
  await page.locator('[data-testid="merge-accept"]').first().click();
  await waitValue(page, 'merge-count', 'lt', proposals);

  // A user rule, and a built-in rule switched off.
  await go(page, '#/classification');
  await page.click('[data-testid="cls-tab-rules"]');
  await page.waitForSelector('[data-testid="user-rule-count"]', { timeout: 120_000 });
  await settled(page);
  await page.click('[data-testid="rule-new"]');
  await page.selectOption('[data-testid="rule-signal"]', 'keyword');
  await page.fill('[data-testid="rule-pattern"]', 'sårpleje');
  await page.selectOption('[data-testid="rule-category"]', 'health.supplies');
  await page.waitForSelector('[data-testid="rule-preview"][data-lines]', { timeout: 60_000 });
  await act(page, '[data-testid="rule-save"]');
  await page.fill('[data-testid="builtin-search"]', 'kuglepen');
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="builtin-table"] tbody tr');
    return rows.length >= 1 && [...rows].every((r) => /kuglepen/i.test(r.textContent ?? ''));
  }, undefined, { timeout: 30_000 });
  const toggle = '[data-testid="builtin-table"] [data-testid="builtin-toggle"]';
  await page.click(toggle);
  await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.checked === false && !document.querySelector('[data-testid="cls-busy"]'), toggle, { timeout: 120_000 });

  // A category renamed in the tree.
  await page.click('[data-testid="cls-tab-tree"]');
  await page.waitForSelector('[data-testid="tree-rename-it.printers"]', { timeout: 60_000 });
  await page.click('[data-testid="tree-rename-it.printers"]');
  await page.fill('[data-testid="tree-name-da"]', 'Printere og kopimaskiner');
  await page.fill('[data-testid="tree-name-en"]', 'Printers and copiers');
  await page.click('[data-testid="tree-save"]');
  await page.waitForSelector('[data-testid="tree-row-it.printers"]:has-text("Printere og kopimaskiner")', { timeout: 60_000 });

  // Opportunities: a savings rate, a threshold, a Kraljic override.
  await go(page, '#/opportunities');
  await page.waitForSelector('[data-testid="savings-total"]', { timeout: 120_000 });
  await page.click('[data-testid="opp-tab-assumptions"]');
  await page.waitForSelector('[data-testid="settings-save"]', { timeout: 60_000 });
  await page.fill('[data-testid="setting-rates.base"]', '15');
  await page.click('[data-testid="settings-save"]');
  await page.waitForSelector('[data-testid="settings-saved"]', { timeout: 60_000 });
  const standard = page.locator('[data-testid="threshold-row"][data-regime="standard"][data-from="2024-01-01"]');
  await standard.locator('[data-testid="threshold-dkk"]').fill('5.000.000');
  await page.click('[data-testid="threshold-save"]');
  await page.waitForSelector('[data-testid="threshold-saved"]', { timeout: 60_000 });
  await page.click('[data-testid="opp-tab-kraljic"]');
  await page.waitForSelector('[data-testid="kraljic-table"] select', { timeout: 120_000 });
  await settled(page);
  await page.locator('[data-testid="kraljic-table"] select').first().selectOption('low');
  await settled(page);

  // A filter (it lives in the URL, and travels with the analysis).
  await page.selectOption('[data-testid="filter-source"]', 'invoice');
  await page.waitForFunction(() => location.hash.includes('source=invoice'));
}

describe('the workspace: save, erase, open, autosave', () => {
  let browser: Browser;
  let csv: string;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(path.join(tmpdir(), 'overblik-ws-'));
    await generateToDirectory({ lines: 5000, seed: 'workspace', out: dir, formats: ['csv'], spend: 2e8, truth: false });
    csv = path.join(dir, 'fakturalinjer.csv');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports a file, changes one thing of each kind, saves, erases everything, opens the file: the same screens', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const { requests } = await openApp(browser, '#/import', page);
    await page.setInputFiles('[data-testid="file-input"]', csv);
    await page.waitForSelector('[data-testid="mapping-panel"]', { timeout: 60_000 });
    // A mapping changed by a person: the order number column is not used.
    await page.selectOption('[data-testid="mapping-panel"] select[aria-label="Ordrenr"]', '');
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="rows-loaded"][data-value]', { timeout: 120_000 });
    const mappings = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('overblik.mapping.')).map((k) => [k, localStorage.getItem(k)]));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1]).not.toContain('orderRef');

    await changeEverything(page);
    const before = await screenState(page);
    expect(before.filters).toContain('source=invoice');
    await page.waitForSelector('[data-testid="workspace-save"]:not([disabled])');

    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="workspace-save"]')]);
    expect(download.suggestedFilename()).toMatch(/^overblik-analyse-\d{4}-\d\d-\d\d-\d{4}\.overblik$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    await page.waitForSelector('[data-testid="workspace-note"][data-kind="saved"]');
    console.log('workspace save (5,000 lines)', { bytes: statSync(file).size, ms: Date.now() - started, shownMs: await page.getAttribute('[data-testid="workspace-note"]', 'data-ms') });
    await screenshot(page, 'workspace-saved-da');

    // "Slet alle data": after the confirmation nothing is left, in the page or in storage.
    await autosaved(page, 0);
    await page.click('[data-testid="workspace-clear"]');
    await page.waitForSelector('dialog.ws-dialog[open]');
    await screenshot(page, 'workspace-clear-dialog-da');
    await page.click('[data-testid="workspace-clear-confirm"]');
    await page.waitForSelector('[data-testid="workspace-note"][data-kind="cleared"]', { timeout: 60_000 });
    await go(page, '#/overview');
    await page.waitForSelector('[data-testid="no-data"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="kpi-total-spend"]').count()).toBe(0);
    // An empty analysis is not autosaved again.
    await page.waitForTimeout(3000);
    expect(await storedData(page)).toEqual({ idb: [], local: 0, caches: [] });

    // Open the file: every screen as before, the mapping memory and the filters back.
    await page.setInputFiles('[data-testid="workspace-open"]', file);
    await page.waitForSelector('[data-testid="workspace-note"][data-kind="opened"]', { timeout: 120_000 });
    console.log('workspace open (5,000 lines)', { ms: await page.getAttribute('[data-testid="workspace-note"]', 'data-ms') });
    expect(await page.textContent('[data-testid="workspace-note"]')).toMatch(/^Analyse åbnet fra overblik-analyse-.*\.overblik \(gemt .+\)$/);
    expect(page.url()).toContain('source=invoice');
    await screenshot(page, 'workspace-opened-da');
    expect(await screenState(page)).toEqual(before);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('overblik.mapping.')).map((k) => [k, localStorage.getItem(k)]))).toEqual(mappings);
    await go(page, '#/classification');
    await page.click('[data-testid="cls-tab-tree"]');
    await page.waitForSelector('[data-testid="tree-row-it.printers"]:has-text("Printere og kopimaskiner")', { timeout: 60_000 });

    // A file that is not an analysis is refused in Danish, and the open analysis stays.
    const spend = before.kpis;
    await page.setInputFiles('[data-testid="workspace-open"]', csv);
    await page.waitForSelector('[data-testid="workspace-error"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="workspace-error"]')).toBe('Filen er ikke en Overblik-analyse (.overblik). Den åbne analyse er uændret.');
    await screenshot(page, 'workspace-refused-da');
    expect((await screenState(page)).kpis).toEqual(spend);
    expect(outsideRequests(requests)).toEqual([]);
    await context.close();
  });

  it('keeps the analysis through a reload (autosave) and says from when', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const { requests } = await openApp(browser, '#/import', page);
    await page.setInputFiles('[data-testid="file-input"]', csv);
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="rows-loaded"][data-value]', { timeout: 120_000 });
    await changeEverything(page);
    // A generation taken after the last change (the filter, just now) holds all of them.
    const changed = Date.now();
    const before = await screenState(page);
    await autosaved(page, changed);
    await page.reload();
    await page.waitForSelector('[data-testid="workspace-note"][data-kind="restored"]', { timeout: 120_000 });
    expect(await page.textContent('[data-testid="workspace-note"]')).toMatch(/^Analyse gendannet fra \d+\. \w+\.? \d{4},? \d\d[.:]\d\d$/);
    await screenshot(page, 'workspace-restored-da');
    expect(await screenState(page)).toEqual(before);
    // Storage use is shown, with what is stored.
    await page.click('.ws-info summary');
    expect(await page.textContent('[data-testid="workspace-storage"]')).toMatch(/Gemt i denne browser: [\d,]+ MB/);
    await screenshot(page, 'workspace-storage-da');
    expect(outsideRequests(requests)).toEqual([]);
    await context.close();
  });
});
