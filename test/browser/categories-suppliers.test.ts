import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { openApp, outsideRequests, screenshot } from '../support/app-page.js';

const value = async (page: Page, testId: string) => Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));
const waitValue = (page: Page, testId: string, predicate: string, arg: number) =>
  page.waitForFunction(
    ([id, p, a]) => {
      const v = Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value'));
      return p === 'gt' ? v > a : p === 'lt' ? v < a : v === a;
    },
    [testId, predicate, arg] as const,
    { timeout: 60_000 },
  );
const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
/** Waits until no panel of the screen is loading and the charts have drawn. */
const settled = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), undefined, { timeout: 60_000 });
  await page.waitForTimeout(800);
};

describe('categories and suppliers on Demo Kommune', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('drills from a category to its suppliers and lines, and accepts a supplier merge', async () => {
    // Before any data: both screens offer the demo instead of empty tables.
    const { page, requests } = await openApp(browser, '#/categories');
    await page.waitForSelector('[data-testid="screen-categories"] [data-testid="no-data"]');
    await go(page, '#/suppliers');
    await page.waitForSelector('[data-testid="screen-suppliers"] [data-testid="no-data"]');
    await go(page, '#/import');
    await page.click('[data-testid="demo-load"]');
    await page.waitForSelector('[data-testid="screen-overview"]', { timeout: 180_000 });
    await waitValue(page, 'kpi-total-spend', 'gt', 0);

    // Kategorier: the tree with the unclassified row, the treemap.
    await page.click('[data-testid="nav-categories"]');
    await page.waitForSelector('[data-testid="screen-categories"] [data-testid="category-table"] [data-testid="cat-select"]', { timeout: 60_000 });
    await waitValue(page, 'cat-kpi-spend', 'gt', 1e9);
    await page.waitForSelector('[data-testid="category-treemap"] canvas');
    expect(await page.locator('[data-testid="cat-select"][data-category=""]').textContent()).toBe('Ikke klassificeret');
    const first = page.locator('[data-testid="cat-select"]').first();
    const categoryId = await first.getAttribute('data-category');
    expect(categoryId).toBeTruthy();
    await page.click(`[data-testid="cat-toggle-${categoryId}"]`);
    await page.waitForSelector(`[data-testid="cat-select"][data-category^="${categoryId}."]`);
    await settled(page);
    await screenshot(page, 'categories-da');
    // The global filters apply: one unit's spend is less than the whole.
    const total = await value(page, 'cat-kpi-spend');
    const unit = await page.locator('[data-testid="filter-unit"] option').nth(1).getAttribute('value');
    await page.selectOption('[data-testid="filter-unit"]', unit!);
    await waitValue(page, 'cat-kpi-spend', 'lt', total);
    await page.selectOption('[data-testid="filter-unit"]', '');
    await waitValue(page, 'cat-kpi-spend', 'eq', total);

    // Drill into the level-1 category: suppliers, units, matrix, trend and paged lines.
    await first.click();
    await page.waitForSelector('[data-testid="category-drill"] [data-testid="drill-supplier"]', { timeout: 60_000 });
    await waitValue(page, 'drill-summary', 'gt', 0);
    await page.waitForSelector('[data-testid="unit-supplier-matrix"] .heat');
    await page.waitForSelector('[data-testid="drill-trend"] canvas');
    await waitValue(page, 'lines-total', 'gt', 0);
    const allLines = await value(page, 'lines-total');
    // Paging: the next page (fetched ahead while the first is read) goes on where the first ended, and back.
    expect(allLines).toBeGreaterThan(200);
    const status = () => page.locator('[data-testid="invoice-lines"] [data-testid="lines-total"]').textContent();
    const amounts = async () =>
      (await page.locator('[data-testid="invoice-lines-table"] tbody tr td:last-child').allTextContents()).map((t) => Number(t.replace(/[^\d,-]/g, '').replace(',', '.')));
    const pageOne = await amounts();
    expect(await status()).toMatch(/^1–100 af /);
    for (const [from, to] of [['101', '200'], ['201', '300']]) {
      const before = await amounts();
      await page.click('[data-testid="invoice-lines"] [data-testid="lines-next"]');
      await page.waitForFunction((f) => document.querySelector('[data-testid="invoice-lines"] [data-testid="lines-total"]')?.textContent?.startsWith(`${f}–`), from);
      await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'));
      expect(await status()).toMatch(new RegExp(`^${from}–${to} af `));
      const shown = await amounts();
      expect(shown.length).toBeGreaterThan(0);
      // Largest first: this page's largest is at most the smallest shown on the page before.
      expect(Math.max(...shown)).toBeLessThanOrEqual(Math.min(...before));
    }
    await page.click('[data-testid="invoice-lines"] [data-testid="lines-prev"]');
    await page.click('[data-testid="invoice-lines"] [data-testid="lines-prev"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="invoice-lines"] [data-testid="lines-total"]')?.textContent?.startsWith('1–'));
    await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'));
    expect(await amounts()).toEqual(pageOne);
    // Sort by date in SQL, then narrow the lines to the category's largest supplier.
    await page.click('[data-testid="invoice-lines"] [data-testid="sort-date"]');
    await page.waitForSelector('[data-testid="invoice-lines"] [data-testid="sort-date"][aria-pressed="true"]');
    await page.locator('[data-testid="drill-supplier"]').first().click();
    await waitValue(page, 'lines-total', 'lt', allLines);
    expect(await page.getAttribute('[data-testid="invoice-lines"] [data-testid="sort-date"]', 'aria-pressed')).toBe('true');
    await settled(page);
    await screenshot(page, 'categories-drill-da');

    // The same screen in English.
    await go(page, '#/categories?lang=en');
    await page.waitForSelector('text=Category tree');
    const level1 = page.locator('[data-testid="cat-select"]:not([data-category*="."])');
    const second = await level1.nth(1).getAttribute('data-category');
    await level1.nth(1).click();
    await page.waitForSelector(`[data-testid="category-drill"][data-category="${second}"] [data-testid="drill-supplier"]`);
    await waitValue(page, 'lines-total', 'gt', 0);
    await settled(page);
    await screenshot(page, 'categories-drill-en');

    // Leverandører: list, search, a supplier's details, merge proposals.
    await go(page, '#/suppliers');
    await page.waitForSelector('[data-testid="screen-suppliers"] [data-testid="supplier-open"]', { timeout: 60_000 });
    await waitValue(page, 'supplier-count', 'gt', 500);
    const suppliers = await value(page, 'supplier-count');
    await waitValue(page, 'merge-count', 'gt', 0);
    const proposals = await value(page, 'merge-count');
    await page.fill('[data-testid="supplier-search"]', 'kommune');
    await waitValue(page, 'supplier-count', 'lt', suppliers);
    await page.locator('[data-testid="supplier-open"]').first().click();
    await page.waitForSelector('[data-testid="supplier-detail"] [data-testid="supplier-variants"] tbody tr td');
    await waitValue(page, 'lines-total', 'gt', 0);
    await settled(page);
    await screenshot(page, 'suppliers-detail-da');
    await page.click('[data-testid="supplier-detail"] button:has-text("Luk detaljer")');
    await page.fill('[data-testid="supplier-search"]', '');
    await waitValue(page, 'supplier-count', 'eq', suppliers);

    // Accepting a proposal merges two keys: one proposal and one supplier fewer.
    await page.locator('[data-testid="merge-accept"]').first().click();
    await waitValue(page, 'merge-count', 'lt', proposals);
    await waitValue(page, 'supplier-count', 'eq', suppliers - 1);
    // Rejecting one removes it from the open list without merging.
    const open = await value(page, 'merge-count');
    await page.locator('[data-testid="merge-reject"]').first().click();
    await waitValue(page, 'merge-count', 'eq', open - 1);
    expect(await value(page, 'supplier-count')).toBe(suppliers - 1);
    await settled(page);
    await screenshot(page, 'suppliers-da');

    await go(page, '#/suppliers?lang=en');
    await page.waitForSelector('text=Merge proposals');
    await settled(page);
    await screenshot(page, 'suppliers-en');
    // "Accept all above 0.95" takes the unambiguous proposals in one go.
    const before = await value(page, 'merge-count');
    await page.click('[data-testid="merge-accept-all"]');
    await waitValue(page, 'merge-count', 'lt', before - 10);
    await page.waitForSelector('[data-testid="merge-proposals"] [role="status"]');
    await waitValue(page, 'supplier-count', 'lt', suppliers - 10);
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  });
});
